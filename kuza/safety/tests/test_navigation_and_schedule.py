"""Moderators find their queue in the navigation; expired suspensions end on their own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kuza.accounts.services import api_token_create
from kuza.accounts.tests.factories import PASSWORD
from kuza.core import schedule
from kuza.core.navigation import items_for
from kuza.safety import moderation, selectors
from kuza.safety.models import Suspension
from kuza.safety.tasks import lift_expired_suspensions

pytestmark = pytest.mark.django_db
QUEUE_LINK = 'href="/safety/moderation/"'


def _has_queue(user) -> bool:
    return any(item.url_name == "safety:queue" for item in items_for(user))


def test_moderation_is_in_the_navigation_of_every_moderator_and_nobody_else(client, cast):
    for moderator in (
        cast.org_moderator,
        cast.other_org_moderator,
        cast.platform_moderator,
        cast.staff,
    ):
        assert _has_queue(moderator), moderator
        client.force_login(moderator)
        assert QUEUE_LINK in client.get("/").content.decode()
    for member in (cast.reporter, cast.reported, cast.other_member):
        assert not _has_queue(member), member
        client.force_login(member)
        assert QUEUE_LINK not in client.get("/").content.decode()
    assert not _has_queue(AnonymousUser())


def test_an_organisation_moderator_follows_the_navigation_to_their_queue(client, cast):
    client.force_login(cast.org_moderator)

    page = client.get("/safety/moderation/")

    assert page.status_code == 200
    assert f'href="/safety/moderation/{cast.report.pk}/"' in page.content.decode()


def _suspend_until(cast, until) -> Suspension:
    """A suspension whose end is `until` (set directly: the service refuses past ends)."""
    suspension = moderation.member_suspend(
        moderator=cast.platform_moderator,
        report=cast.report,
        reason="Harassment.",
        until=timezone.now() + timedelta(hours=1),
    )
    suspension.until = until
    suspension.save(update_fields=["until"])
    return suspension


def _end_every_suspension_now() -> None:
    """As a moderator editing the end in the administration would (a model save)."""
    for suspension in Suspension.objects.all():
        suspension.until = timezone.now() - timedelta(seconds=1)
        suspension.save(update_fields=["until"])


def test_an_expired_suspension_no_longer_counts_before_any_job_lifts_it(cast):
    _suspend_until(cast, timezone.now() + timedelta(minutes=5))
    assert selectors.is_suspended(cast.reported)

    Suspension.objects.update(until=timezone.now() - timedelta(seconds=1))

    assert not selectors.is_suspended(cast.reported)
    assert Suspension.objects.get().lifted_at is None  # nothing has run yet


def test_the_member_logs_in_the_moment_the_suspension_ends(client, cast):
    _suspend_until(cast, timezone.now() + timedelta(minutes=5))
    client.post("/accounts/login/", {"login": "baraka", "password": PASSWORD})
    assert SESSION_KEY not in client.session

    _end_every_suspension_now()
    client.post("/accounts/login/", {"login": "baraka", "password": PASSWORD})

    assert client.session.get(SESSION_KEY) == str(cast.reported.pk)
    assert client.get("/safety/").status_code == 200
    assert Suspension.objects.get().lifted_at is not None


def test_an_api_token_works_again_the_moment_the_suspension_ends(client, cast):
    issued = api_token_create(user=cast.reported, name="bot")
    headers = {"Authorization": f"Bearer {issued.plaintext}"}
    _suspend_until(cast, timezone.now() + timedelta(minutes=5))
    assert client.get("/api/me", headers=headers).status_code == 401

    _end_every_suspension_now()

    assert client.get("/api/me", headers=headers).status_code == 200


def test_a_second_suspension_still_in_force_keeps_the_member_out(client, cast):
    _suspend_until(cast, timezone.now() - timedelta(seconds=1))
    Suspension.objects.create(user=cast.reported, reason="Threats.", until=None)

    client.post("/accounts/login/", {"login": "baraka", "password": PASSWORD})

    assert SESSION_KEY not in client.session
    assert selectors.is_suspended(cast.reported)


def test_requests_ask_nothing_about_suspensions_until_the_next_one_ends(cast):
    suspension = _suspend_until(cast, timezone.now() + timedelta(minutes=5))
    moderation.suspensions_lift_due()  # learns when the next suspension ends

    with CaptureQueriesContext(connection) as before_the_end:
        lifted_early = moderation.suspensions_lift_due()
    lifted_at_the_end = moderation.suspensions_lift_due(now=suspension.until + timedelta(seconds=1))

    assert (lifted_early, len(before_the_end)) == (0, 0)
    assert lifted_at_the_end == 1
    assert not selectors.is_suspended(cast.reported)


def test_a_changed_suspension_end_is_seen_by_the_next_request(client, cast):
    _suspend_until(cast, timezone.now() + timedelta(days=30))
    client.get("/")  # caches the end thirty days away

    _end_every_suspension_now()
    client.get("/")

    assert Suspension.objects.get().lifted_at is not None


def test_lifting_expired_suspensions_is_a_registered_periodic_job(cast):
    job = next(job for job in schedule.jobs() if job.name == "safety.lift-expired-suspensions")
    assert job.task is lift_expired_suspensions
    assert timedelta(0) < job.every <= timedelta(hours=1)
    _suspend_until(cast, timezone.now() - timedelta(minutes=1))

    enqueued = schedule.enqueue_due(timezone.now())

    assert job.name in enqueued
    assert DBTaskResult.objects.filter(task_path__endswith="lift_expired_suspensions").exists()
    assert lift_expired_suspensions.call() == 1
    cast.reported.refresh_from_db()
    assert cast.reported.is_active
