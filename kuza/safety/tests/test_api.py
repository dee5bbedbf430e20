"""The safety API: tokens and sessions, reporters' own reports, moderators' queue."""

from __future__ import annotations

import pytest

from kuza.accounts.services import api_token_create
from kuza.accounts.tests.factories import UserFactory
from kuza.safety import moderation

pytestmark = pytest.mark.django_db


def _bearer(user) -> dict:
    return {"Authorization": f"Bearer {api_token_create(user=user, name='script').plaintext}"}


def test_a_script_files_a_report_and_follows_it(client, cast):
    headers = _bearer(cast.other_member)

    created = client.post(
        "/api/safety/reports",
        {
            "kind": "person",
            "target_id": cast.reported.pk,
            "description": "Threats in the edit summary.",
            "evidence_links": ["https://sw.wikipedia.org/w/index.php?diff=1"],
        },
        content_type="application/json",
        headers=headers,
    )

    assert created.status_code == 201
    report_id = created.json()["id"]
    assert created.json()["about"] == "Baraka (baraka)"
    mine = client.get("/api/safety/reports/mine", headers=headers).json()
    assert [item["id"] for item in mine["items"]] == [report_id]
    assert set(mine["items"][0]) == {"id", "kind", "about", "status", "created_at", "messages"}


def test_bad_reports_get_the_shared_error_body(client, cast):
    headers = _bearer(cast.other_member)

    response = client.post(
        "/api/safety/reports",
        {
            "kind": "person",
            "target_id": cast.reported.pk,
            "description": "x",
            "evidence_links": ["javascript:alert(1)"],
        },
        content_type="application/json",
        headers=headers,
    )

    assert response.status_code == 400
    assert "is not a web address" in response.json()["error"]["message"]
    assert client.get("/api/safety/reports/mine").status_code == 401


def test_the_reporter_sees_messages_but_never_internal_notes(client, cast):
    moderation.report_add_note(moderator=cast.staff, report=cast.report, body="secret note")
    moderation.report_reply(moderator=cast.staff, report=cast.report, body="thanks")

    body = client.get("/api/safety/reports/mine", headers=_bearer(cast.reporter)).content

    assert b"thanks" in body and b"secret note" not in body and b"staffer" not in body


def test_moderators_read_the_queue_with_the_reporter_and_notes(client, cast):
    moderation.report_add_note(moderator=cast.staff, report=cast.report, body="secret note")
    headers = _bearer(cast.org_moderator)

    queue = client.get("/api/safety/moderation/reports?status=new", headers=headers).json()
    assert queue["count"] == 0  # the note moved it to "in review"
    for user, name in ((cast.reporter, "Neema Wanjiku"), (cast.reported, "Baraka O.")):
        user.profile.display_name = name
        user.profile.save()
    queue = client.get("/api/safety/moderation/reports", headers=headers)
    item = queue.json()["items"][0]
    # Named through the presenter (moderators see everyone), never by username.
    assert (item["reporter"], item["reported_person"]) == ("Neema Wanjiku", "Baraka O.")
    assert item["reported_user_id"] == cast.reported.pk
    detail = client.get(f"/api/safety/moderation/reports/{cast.report.pk}", headers=headers)
    assert detail.json()["notes"][0]["body"] == "secret note"
    assert detail.json()["notes"][0]["author"] == cast.staff.profile.display_name
    for body in (queue.content, detail.content):
        assert b'"neema"' not in body and b'"baraka"' not in body and b"staffer" not in body
    assert (
        client.get("/api/safety/moderation/reports?status=bogus", headers=headers).status_code
        == 422
    )


def test_blocks_and_conduct_in_the_api(client, cast):
    headers = _bearer(cast.other_member)

    created = client.post(
        "/api/safety/blocks",
        {"user_id": cast.reported.pk},
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201
    cast.reported.profile.display_name = "Baraka O."
    cast.reported.profile.save()
    listed = client.get("/api/safety/blocks", headers=headers)
    # The person one blocked is named to them (as on the page), by name, not username.
    assert listed.json()["items"][0] == {
        "user_id": cast.reported.pk,
        "name": "Baraka O.",
        "blocked_at": listed.json()["items"][0]["blocked_at"],
    }
    assert (
        client.delete(f"/api/safety/blocks/{cast.reported.pk}", headers=headers).status_code == 204
    )
    assert client.get("/api/safety/blocks", headers=headers).json()["count"] == 0

    conduct = client.get("/api/safety/conduct", headers=headers).json()
    assert conduct["version"] == 1 and conduct["may_contact_others"] is False
    stale = client.post(
        "/api/safety/conduct/accept",
        {"version": 7},
        content_type="application/json",
        headers=headers,
    )
    assert stale.status_code == 409
    accepted = client.post(
        "/api/safety/conduct/accept",
        {"version": 1},
        content_type="application/json",
        headers=headers,
    )
    assert accepted.json()["may_contact_others"] is True


def test_session_writes_need_the_csrf_token(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())

    response = client.post(
        "/api/safety/blocks", {"user_id": cast.reported.pk}, content_type="application/json"
    )

    assert response.status_code in {401, 403}


def test_the_safety_endpoints_are_in_the_openapi_schema(client):
    paths = client.get("/api/openapi.json").json()["paths"]

    assert {
        "/api/safety/reports",
        "/api/safety/reports/mine",
        "/api/safety/moderation/reports",
        "/api/safety/blocks",
        "/api/safety/preferences",
        "/api/safety/conduct",
    } <= set(paths)
