"""The moderation log is append-only: no save, delete, bulk write, view or admin changes it."""

from __future__ import annotations

import pytest
from django.urls import get_resolver

from kuza.accounts.tests.factories import UserFactory
from kuza.safety import moderation
from kuza.safety.models import AuditLogIsAppendOnly, ModerationLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(cast) -> ModerationLogEntry:
    moderation.member_warn(
        moderator=cast.platform_moderator, report=cast.report, message="Please stop."
    )
    return ModerationLogEntry.objects.get(action=ModerationLogEntry.Action.WARNED)


def _frozen(entry: ModerationLogEntry) -> tuple:
    entry = ModerationLogEntry.objects.get(pk=entry.pk)
    return (entry.actor_id, entry.actor_name, entry.action, entry.detail, entry.created_at)


def test_every_moderator_action_is_logged_with_who_did_it(cast, entry):
    actions = list(
        ModerationLogEntry.objects.filter(report=cast.report)
        .order_by("pk")
        .values_list("action", "actor_name")
    )

    assert actions == [("warned", "thandeka"), ("status_changed", "thandeka")]
    assert entry.subject_name == "baraka"


def test_an_entry_cannot_be_saved_again_or_deleted_through_the_orm(entry):
    before = _frozen(entry)
    entry.detail = "Nothing happened."

    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        ModerationLogEntry.objects.filter(pk=entry.pk).update(detail="rewritten")
    with pytest.raises(AuditLogIsAppendOnly):
        ModerationLogEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AuditLogIsAppendOnly):
        ModerationLogEntry.objects.bulk_update([entry], ["detail"])

    assert _frozen(entry) == before


def test_deleting_the_moderator_account_leaves_the_entry_as_written(cast, entry):
    before = _frozen(entry)

    cast.platform_moderator.delete()

    assert _frozen(entry) == before


def test_the_admin_shows_the_log_read_only_even_to_a_superuser(client, entry):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    before = _frozen(entry)
    base = "/admin/safety/moderationlogentry/"

    assert client.get(base).status_code == 200
    assert client.get(f"{base}{entry.pk}/change/").status_code == 200  # view only
    assert client.post(f"{base}{entry.pk}/change/", {"detail": "x"}).status_code == 403
    assert client.get(f"{base}{entry.pk}/delete/").status_code == 403
    assert client.post(f"{base}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get(f"{base}add/").status_code == 403
    client.post(base, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})

    assert _frozen(entry) == before
    assert ModerationLogEntry.objects.filter(pk=entry.pk).exists()


def _safety_routes() -> list[str]:
    resolver = get_resolver()
    routes = []
    for pattern in resolver.url_patterns:
        if str(pattern.pattern) == "safety/":
            routes = [str(sub.pattern) for sub in pattern.url_patterns]
    return routes


def test_no_safety_page_changes_or_deletes_a_log_entry(client, cast, entry):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    before = _frozen(entry)
    count = ModerationLogEntry.objects.count()
    routes = _safety_routes()
    assert "moderation/log/" in routes

    for route in routes:
        path = "/safety/" + (
            route.replace("<int:report_id>", str(cast.report.pk))
            .replace("<int:user_id>", str(cast.reported.pk))
            .replace("<int:suspension_id>", str(entry.pk))
            .replace("<int:target_id>", str(cast.reported.pk))
            .replace("<slug:kind>", "person")
        )
        for method in (client.post, client.put, client.delete):
            method(path, {"detail": "rewritten", "action": "deleted", "status": "closed"})

    assert _frozen(entry) == before
    assert ModerationLogEntry.objects.count() >= count


def _every_route(patterns=None, prefix: str = "") -> list[str]:
    """Every URL pattern of the project (the pages, the API and the admin), as a path."""
    import re

    from django.urls import URLResolver

    routes = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            routes += _every_route(pattern.url_patterns, route)
        else:
            routes.append(route)
    # Regex patterns (the admin's) and converters alike: every parameter is the entry's id.
    cleaned = []
    for route in routes:
        route = re.sub(r"\(\?P<\w+>[^)]*\)", "{id}", route)
        route = re.sub(r"<(?:\w+:)?\w+>", "{id}", route)
        route = re.sub(r"[\^$\\]", "", route)
        cleaned.append(re.sub("/+", "/", "/" + route))
    return sorted(set(cleaned))


def test_no_page_or_endpoint_of_any_app_changes_or_deletes_a_log_entry(cast, entry):
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    before = _frozen(entry)
    routes = _every_route()
    assert "/safety/moderation/log/" in routes and "/api/safety/moderation/reports" in routes
    assert any(route.startswith("/admin/safety/moderationlogentry/") for route in routes)

    data = {"detail": "rewritten", "action": "deleted", "post": "yes"}
    for route in routes:
        path = route.replace("{id}", str(entry.pk))
        client.post(path, data)  # a form, as pages take it
        for method in (client.post, client.put, client.patch, client.delete):
            method(path, data, content_type="application/json")  # as the API takes it

    assert _frozen(entry) == before


def _raw(sql: str, *params) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_database_refuses_a_raw_sql_update_of_an_entry(entry):
    from django.db import IntegrityError, transaction

    before = _frozen(entry)
    table = ModerationLogEntry._meta.db_table

    # A savepoint each: on PostgreSQL a refused statement spoils the enclosing transaction.
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        _raw(f"UPDATE {table} SET detail = %s WHERE id = %s", "rewritten", entry.pk)  # noqa: S608
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        _raw(f"UPDATE {table} SET actor_name = %s", "someone else")  # noqa: S608

    assert _frozen(entry) == before


def test_the_database_refuses_a_raw_sql_delete_of_an_entry(entry):
    from django.db import IntegrityError, transaction

    count = ModerationLogEntry.objects.count()
    table = ModerationLogEntry._meta.db_table

    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        _raw(f"DELETE FROM {table} WHERE id = %s", entry.pk)  # noqa: S608
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        _raw(f"DELETE FROM {table}")  # noqa: S608

    assert ModerationLogEntry.objects.count() == count
    assert ModerationLogEntry.objects.filter(pk=entry.pk).exists()


def test_the_database_still_takes_new_entries(cast, entry):
    count = ModerationLogEntry.objects.count()

    moderation.member_warn(
        moderator=cast.platform_moderator, report=cast.report, message="A second warning."
    )

    assert ModerationLogEntry.objects.count() > count


def test_deleting_a_member_account_keeps_their_entries_and_the_names_written(cast, entry):
    from kuza.people.owndata import account_delete

    before = _frozen(entry)

    account_delete(user=cast.reported)  # the entry's subject
    account_delete(user=cast.platform_moderator)  # the entry's actor

    assert _frozen(entry) == before
    assert ModerationLogEntry.objects.get(pk=entry.pk).subject_name == "baraka"
