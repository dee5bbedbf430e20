"""Every moderation action, tried through its page by every persona (see conftest's cast).

The report is about Baraka, a member of Wanjiru's organisation; the event report is about an
event he organises. Only those who may handle the report act; suspending and lifting a
suspension are for platform moderators and staff; nothing any other persona posts leaves a
trace (no status change, note, message, notice, hidden content, suspension or log entry).
"""

from __future__ import annotations

import pytest

from kuza.events.tests.factories import EventFactory
from kuza.safety import moderation, selectors, services
from kuza.safety.models import (
    HiddenContent,
    MemberNotice,
    ModerationLogEntry,
    Report,
    ReportNote,
    ReportReply,
    Suspension,
)

pytestmark = pytest.mark.django_db

PERSONAS = (
    "reporter",
    "reported",
    "other_member",
    "other_org_moderator",
    "org_moderator",
    "platform_moderator",
    "staff",
)
HANDLERS = {"org_moderator", "platform_moderator", "staff"}
SUSPENDERS = {"platform_moderator", "staff"}


def _event_report(cast) -> Report:
    event = EventFactory(created_by=cast.reported, title="Night meetup")
    return services.report_create(
        reporter=cast.reporter,
        kind="event",
        target_id=event.pk,
        description="The meetup is used to corner newcomers.",
        evidence_links="",
    )


def _done(cast, action: str, report: Report) -> bool:
    """Whether `action` took effect on `report` (and only through that persona's post)."""
    report.refresh_from_db()
    if action == "status":
        return report.status == Report.Status.IN_REVIEW
    if action == "note":
        return ReportNote.objects.filter(report=report).exists()
    if action == "reply":
        return ReportReply.objects.filter(report=report).exists()
    if action == "warn":
        return MemberNotice.objects.filter(user=cast.reported).exists()
    if action == "hide":
        return HiddenContent.objects.filter(
            content_type=report.target_type, object_id=report.target_id
        ).exists()
    if action == "suspend":
        cast.reported.refresh_from_db()
        return Suspension.objects.exists() and not cast.reported.is_active
    raise ValueError(action)


POSTS = {
    "status": ("status", {"status": "in_review"}),
    "note": ("note", {"body": "Check the organisers' chat."}),
    "reply": ("reply", {"body": "We are on it."}),
    "warn": ("warn", {"message": "Stop contacting her."}),
    "hide": ("hide", {"reason": "Used to harass newcomers."}),
    "suspend": ("suspend", {"reason": "Repeated harassment.", "days": "7"}),
}


@pytest.mark.parametrize("action", POSTS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_acts_only_where_allowed(client, cast, persona, action):
    report = _event_report(cast) if action == "hide" else cast.report
    allowed = persona in (SUSPENDERS if action == "suspend" else HANDLERS)
    log_before = ModerationLogEntry.objects.count()
    path, data = POSTS[action]
    client.force_login(getattr(cast, persona))

    response = client.post(f"/safety/moderation/{report.pk}/{path}/", data)

    assert _done(cast, action, report) is allowed, response.status_code
    if allowed:
        assert response.status_code == 302
    else:
        assert response.status_code in {400, 403, 404}
        assert ModerationLogEntry.objects.count() == log_before


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_shows_hidden_content_again_only_where_allowed(client, cast, persona):
    report = _event_report(cast)
    moderation.content_hide(moderator=cast.platform_moderator, report=report, reason="x")
    client.force_login(getattr(cast, persona))

    client.post(f"/safety/moderation/{report.pk}/unhide/")

    assert (selectors.hidden_content_for(report) is None) is (persona in HANDLERS)


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "reported"])
def test_each_persona_lifts_a_suspension_only_where_allowed(client, cast, persona):
    suspension = moderation.member_suspend(
        moderator=cast.platform_moderator, report=cast.report, reason="Harassment."
    )
    client.force_login(getattr(cast, persona))

    response = client.post(f"/safety/moderation/suspensions/{suspension.pk}/lift/")

    cast.reported.refresh_from_db()
    assert cast.reported.is_active is (persona in SUSPENDERS), response.status_code
    assert client.get("/safety/moderation/suspensions/").status_code == (
        200 if persona in SUSPENDERS else 403
    )
