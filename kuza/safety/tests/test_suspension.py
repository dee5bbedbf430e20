"""A suspension takes effect at once: open sessions, API tokens and the login form all stop."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.utils import timezone

from kuza.accounts.services import api_token_create
from kuza.accounts.tests.factories import PASSWORD
from kuza.safety import moderation, selectors
from kuza.safety.models import MemberNotice, ModerationLogEntry, Suspension

pytestmark = pytest.mark.django_db

MIDDLEWARE = "kuza.safety.middleware.SuspendedUserMiddleware"


@pytest.fixture(params=["without our middleware", "with our middleware"])
def middleware(request, settings):
    if request.param == "with our middleware":
        settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]
    return request.param


def _suspend(cast, **kwargs) -> Suspension:
    return moderation.member_suspend(
        moderator=cast.platform_moderator, report=cast.report, reason="Harassment.", **kwargs
    )


def test_an_open_session_stops_working_on_every_page_at_once(client, cast, middleware):
    client.force_login(cast.reported)
    pages = ["/safety/", "/account/", "/safety/reports/", "/safety/blocked/"]
    assert all(client.get(page).status_code == 200 for page in pages)

    _suspend(cast)

    for page in pages:
        response = client.get(page)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], page
    assert client.get("/api/me").status_code == 401
    if middleware == "with our middleware":
        assert SESSION_KEY not in client.session


def test_an_api_token_stops_working_at_once(client, cast):
    issued = api_token_create(user=cast.reported, name="bot")
    headers = {"Authorization": f"Bearer {issued.plaintext}"}
    assert client.get("/api/me", headers=headers).status_code == 200

    _suspend(cast)

    assert client.get("/api/me", headers=headers).status_code == 401
    assert client.get("/api/safety/reports/mine", headers=headers).status_code == 401


def test_a_suspended_member_cannot_log_in(client, cast):
    _suspend(cast)

    client.post("/accounts/login/", {"login": "baraka", "password": PASSWORD})

    assert SESSION_KEY not in client.session
    assert client.get("/safety/").status_code == 302


def test_a_suspended_member_disappears_from_leaderboards_map_and_blocking(client, cast):
    _suspend(cast)

    assert cast.reported.pk in set(
        selectors.users_hidden_from_leaderboards().values_list("pk", flat=True)
    )
    assert cast.reported.pk in set(selectors.users_hidden_from_map().values_list("pk", flat=True))
    client.force_login(cast.other_member)
    assert client.post(f"/safety/block/{cast.reported.pk}/").status_code == 404


def test_the_member_is_told_why_and_the_action_is_logged(cast):
    suspension = _suspend(cast, until=timezone.now() + timedelta(days=7))

    notice = MemberNotice.objects.get(user=cast.reported)
    assert notice.kind == MemberNotice.Kind.SUSPENSION and notice.message == "Harassment."
    assert "neema" not in notice.message
    assert ModerationLogEntry.objects.filter(
        action="suspended", subject_user=cast.reported
    ).exists()
    assert selectors.is_suspended(cast.reported)
    assert suspension.until is not None


def test_lifting_a_suspension_lets_the_member_back_in(client, cast):
    suspension = _suspend(cast)

    moderation.suspension_lift(moderator=cast.platform_moderator, suspension_id=suspension.pk)

    client.post("/accounts/login/", {"login": "baraka", "password": PASSWORD})
    assert client.get("/safety/").status_code == 200
    assert ModerationLogEntry.objects.filter(action="suspension_lifted").count() == 1


def test_suspensions_end_by_themselves_when_their_time_is_up(cast):
    _suspend(cast, until=timezone.now() + timedelta(days=1))

    assert moderation.suspensions_lift_expired(now=timezone.now()) == 0
    assert moderation.suspensions_lift_expired(now=timezone.now() + timedelta(days=2)) == 1
    cast.reported.refresh_from_db()
    assert cast.reported.is_active


def test_staff_accounts_and_past_end_dates_are_refused(cast):
    with pytest.raises(moderation.SafetyError):
        _suspend(cast, until=timezone.now() - timedelta(hours=1))
    cast.reported.is_staff = True
    cast.reported.save()
    with pytest.raises(moderation.NotAllowed):
        _suspend(cast)
    assert not Suspension.objects.exists()


def test_organisation_moderators_cannot_see_or_lift_suspensions(client, cast):
    suspension = _suspend(cast)
    client.force_login(cast.org_moderator)

    assert client.get("/safety/moderation/suspensions/").status_code == 403
    assert client.post(f"/safety/moderation/suspensions/{suspension.pk}/lift/").status_code == 403
    cast.reported.refresh_from_db()
    assert not cast.reported.is_active


def test_the_page_for_platform_moderators_lists_and_lifts_suspensions(client, cast):
    suspension = _suspend(cast)
    client.force_login(cast.platform_moderator)

    page = client.get("/safety/moderation/suspensions/").content.decode()
    # The suspended person is named to moderators (the presenter's rule for moderators).
    assert cast.reported.profile.display_name in page
    client.post(f"/safety/moderation/suspensions/{suspension.pk}/lift/")

    cast.reported.refresh_from_db()
    assert cast.reported.is_active
