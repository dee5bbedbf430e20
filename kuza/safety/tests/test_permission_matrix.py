"""Who sees and does what with a report: every persona tries every page and endpoint."""

from __future__ import annotations

import pytest

from kuza.audience.presenter import present
from kuza.safety import moderation
from kuza.safety.models import MemberNotice, Report

pytestmark = pytest.mark.django_db

NOTE = "Internal: check the chat logs with the Lakes organisers."
REPLY = "We are looking into it."

# persona -> (sees the report, sees the reporter's name, sees internal notes, changes status,
# acts). The reporter reads her own report (status, messages) without her name printed on it.
MATRIX = {
    "reporter": (True, False, False, False, False),
    "reported": (False, False, False, False, False),
    "other_member": (False, False, False, False, False),
    "other_org_moderator": (False, False, False, False, False),
    "org_moderator": (True, True, True, True, True),
    "platform_moderator": (True, True, True, True, True),
    "staff": (True, True, True, True, True),
}


def _everything_visible_to(client, report: Report) -> str:
    """The text of every safety page and endpoint the signed-in persona can open."""
    urls = [
        "/safety/",
        "/safety/reports/",
        f"/safety/reports/{report.pk}/",
        "/safety/notices/",
        "/safety/moderation/",
        f"/safety/moderation/{report.pk}/",
        "/safety/moderation/log/",
        "/api/safety/reports/mine",
        "/api/safety/moderation/reports",
        f"/api/safety/moderation/reports/{report.pk}",
    ]
    texts = []
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:
            texts.append(response.content.decode())
    return "\n".join(texts)


def _sees_report(client, report: Report) -> bool:
    mine = client.get(f"/safety/reports/{report.pk}/").status_code == 200
    moderated = client.get(f"/safety/moderation/{report.pk}/").status_code == 200
    return mine or moderated


@pytest.mark.parametrize("persona", MATRIX)
def test_permission_matrix_for_reports_and_moderation(client, cast, persona):
    moderation.report_add_note(moderator=cast.platform_moderator, report=cast.report, body=NOTE)
    moderation.report_reply(moderator=cast.platform_moderator, report=cast.report, body=REPLY)
    sees, sees_reporter, sees_notes, changes_status, acts = MATRIX[persona]
    client.force_login(getattr(cast, persona))

    visible = _everything_visible_to(client, cast.report)
    assert _sees_report(client, cast.report) is sees
    # Moderators see the reporter as the person presenter names her, on pages and in the API.
    reporter_name = present(None, cast.reporter, everyone=True).name
    assert (reporter_name in visible) is sees_reporter
    assert (NOTE in visible) is sees_notes
    # What the reporter sees of the report is its status and the moderators' reply.
    assert (REPLY in visible) is sees

    client.post(f"/safety/moderation/{cast.report.pk}/status/", {"status": "closed"})
    cast.report.refresh_from_db()
    assert (cast.report.status == Report.Status.CLOSED) is changes_status

    client.post(f"/safety/moderation/{cast.report.pk}/warn/", {"message": "Stop, please."})
    warned = MemberNotice.objects.filter(user=cast.reported, message="Stop, please.").exists()
    assert warned is acts


def test_a_moderator_who_is_reported_never_sees_the_report(client, cast):
    report = moderation.Report.objects.create(
        reporter=cast.reporter,
        kind="person",
        target_type=cast.report.target_type,
        target_id=cast.org_moderator.pk,
        target_snapshot="wanjiru",
        reported_user=cast.org_moderator,
        description="The moderator herself harassed me.",
    )
    client.force_login(cast.org_moderator)

    assert client.get(f"/safety/moderation/{report.pk}/").status_code == 404
    assert "harassed" not in client.get("/safety/moderation/").content.decode()
    assert client.get(f"/api/safety/moderation/reports/{report.pk}").status_code == 404


def test_organisation_moderators_only_see_reports_about_their_members(client, cast):
    client.force_login(cast.other_org_moderator)

    queue = client.get("/api/safety/moderation/reports").json()

    assert queue["count"] == 0
    assert client.get("/safety/moderation/").status_code == 200


def test_members_who_do_not_moderate_cannot_open_the_queue(client, cast):
    client.force_login(cast.other_member)

    assert client.get("/safety/moderation/").status_code == 403
    assert client.get("/safety/moderation/log/").status_code == 403
    assert client.get("/api/safety/moderation/reports").status_code == 403


def test_only_platform_moderators_suspend(cast):
    with pytest.raises(moderation.NotAllowed):
        moderation.member_suspend(moderator=cast.org_moderator, report=cast.report, reason="x")
    cast.reported.refresh_from_db()
    assert cast.reported.is_active
