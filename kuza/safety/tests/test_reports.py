"""Filing reports: validation, snapshots, confidentiality towards the reported person."""

from __future__ import annotations

import pytest
from django.core import mail

from kuza.accounts.tests.factories import UserFactory
from kuza.safety import moderation, services
from kuza.safety.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    return UserFactory(username="achieng"), UserFactory(username="kevin")


def test_a_member_reports_a_person_from_the_report_page(client, pair):
    reporter, person = pair
    client.force_login(reporter)
    page = client.get(f"/safety/report/person/{person.pk}/")
    assert "Kevin (kevin)" in page.content.decode()

    response = client.post(
        f"/safety/report/person/{person.pk}/",
        {
            "description": "Insults in the chat.",
            "evidence_links": "https://example.org/a\n\nhttps://example.org/a\nhttp://x.org/b",
        },
    )

    report = Report.objects.get()
    assert response["Location"] == f"/safety/reports/{report.pk}/"
    assert (report.reporter, report.reported_user, report.kind) == (reporter, person, "person")
    assert report.evidence_links == ["https://example.org/a", "http://x.org/b"]
    assert report.status == Report.Status.NEW
    assert "New" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "links,message",
    [
        ("javascript:alert(1)", "is not a web address"),
        ("ftp://example.org/file", "is not a web address"),
        ("\n".join(f"https://example.org/{n}" for n in range(11)), "at most 10 links"),
        ("https://example.org/" + "a" * 600, "at most 500 characters"),
    ],
)
def test_evidence_links_must_be_a_few_web_addresses(client, pair, links, message):
    reporter, person = pair
    client.force_login(reporter)

    response = client.post(
        f"/safety/report/person/{person.pk}/", {"description": "x", "evidence_links": links}
    )

    assert message in response.content.decode()
    assert not Report.objects.exists()


def test_nobody_reports_themself_or_something_that_does_not_exist(client, pair):
    reporter, _person = pair
    client.force_login(reporter)

    response = client.post(f"/safety/report/person/{reporter.pk}/", {"description": "me"})
    assert "You cannot report yourself." in response.content.decode()
    assert client.get("/safety/report/person/999999/").status_code == 404
    assert client.get(f"/safety/report/spaceship/{reporter.pk}/").status_code == 404
    assert not Report.objects.exists()


def test_visitors_must_log_in_to_report(client, pair):
    response = client.get(f"/safety/report/person/{pair[1].pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_report_keeps_what_was_reported_after_the_account_is_deleted(pair):
    reporter, person = pair
    report = services.report_create(
        reporter=reporter, kind="person", target_id=person.pk, description="x", evidence_links=[]
    )

    person.delete()
    report.refresh_from_db()

    assert report.reported_user is None
    assert report.target_snapshot == "Kevin (kevin)"


def test_the_reported_person_learns_nothing_of_the_report_and_not_who_reported(
    client, settings, cast, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(cast.reported)
    before = {url: client.get(url).content for url in ("/safety/", "/safety/notices/")}
    assert all(b"neema" not in content for content in before.values())

    with django_capture_on_commit_callbacks(execute=True):
        moderation.member_warn(
            moderator=cast.org_moderator, report=cast.report, message="Please stop."
        )

    notices = client.get("/safety/notices/").content.decode()
    assert "Please stop." in notices
    assert "neema" not in notices and "night" not in notices
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [cast.reported.email]
    assert "Please stop." in email.body
    assert "neema" not in email.body + email.subject
    assert "night" not in email.body


def test_reporters_see_the_moderators_messages_signed_by_the_moderators(client, cast):
    moderation.report_reply(moderator=cast.org_moderator, report=cast.report, body="We are on it.")
    client.force_login(cast.reporter)

    page = client.get(f"/safety/reports/{cast.report.pk}/").content.decode()

    assert "We are on it." in page
    assert "wanjiru" not in page  # the moderator stays anonymous too
    assert "The moderators" in page


def test_members_cannot_open_someone_elses_report(client, cast):
    client.force_login(cast.other_member)

    assert client.get(f"/safety/reports/{cast.report.pk}/").status_code == 404
    assert "baraka" not in client.get("/safety/reports/").content.decode()


def test_marking_notices_as_read(client, cast):
    moderation.member_warn(moderator=cast.staff, report=cast.report, message="Careful.")
    client.force_login(cast.reported)
    assert "<strong>new</strong>" in client.get("/safety/notices/").content.decode()

    assert client.get("/safety/notices/read/").status_code == 405
    client.post("/safety/notices/read/")

    assert "<strong>new</strong>" not in client.get("/safety/notices/").content.decode()


def test_moderators_work_a_report_through_its_states(client, cast):
    client.force_login(cast.org_moderator)
    url = f"/safety/moderation/{cast.report.pk}/"

    client.post(url + "note/", {"body": "Talked to the organisers."})
    cast.report.refresh_from_db()
    assert cast.report.status == Report.Status.IN_REVIEW
    client.post(url + "warn/", {"message": "Stop messaging her."})
    cast.report.refresh_from_db()
    assert cast.report.status == Report.Status.ACTION_TAKEN
    client.post(url + "status/", {"status": "closed"})
    cast.report.refresh_from_db()
    assert cast.report.status == Report.Status.CLOSED

    page = client.get(url).content.decode()
    assert "Talked to the organisers." in page
    # Moderators see everyone, named through the presenter with a link to their profile.
    reporter = cast.reporter.profile
    assert f'<a href="/people/{reporter.pk}/">{reporter.display_name}</a>' in page


def test_an_empty_action_shows_a_clear_error_and_changes_nothing(client, cast):
    client.force_login(cast.org_moderator)

    response = client.post(f"/safety/moderation/{cast.report.pk}/warn/", {"message": "  "})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not cast.reported.safety_notices.exists()


def test_queue_filters_by_status_and_paginates(client, cast):
    for number in range(30):
        services.report_create(
            reporter=UserFactory(),
            kind="person",
            target_id=cast.reported.pk,
            description=f"incident {number}",
            evidence_links=[],
        )
    client.force_login(cast.platform_moderator)

    first = client.get("/safety/moderation/").content.decode()
    assert "Page 1 of 2" in first
    assert "No reports here." in client.get("/safety/moderation/?status=closed").content.decode()
