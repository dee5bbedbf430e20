"""Reads for personal safety: every feature where people meet asks these before showing anyone.

For other apps:
- `blocked_user_ids(user)` / `is_blocked_between(a, b)`: blocks, in either direction.
- `may_contact_others(user)`: signed in, not suspended, current code of conduct accepted.
  `services.require_current_conduct(user)` raises `ConductNotAccepted` with a message, and
  `decorators.conduct_required` guards a view.
- `users_hidden_from_leaderboards()` / `users_hidden_from_map()`: querysets of user ids to
  exclude (`.exclude(user__in=...)`), covering members' preferences and suspended accounts.
- `is_hidden(obj)`, `exclude_hidden(queryset)`: content hidden by moderators.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from kuza.accounts.selectors import has_accepted_current_conduct, is_signed_in
from kuza.core.home import HomeItem
from kuza.core.viewers import fact
from kuza.safety import permissions
from kuza.safety.models import (
    Block,
    HiddenContent,
    MemberNotice,
    ModerationLogEntry,
    Report,
    SafetyPreferences,
    Suspension,
)

# --- Blocks ------------------------------------------------------------------------------------


def blocked_user_ids(user) -> set[int]:
    """Ids of everyone `user` must not see or be seen by: blocks in either direction."""
    # Not is_signed_in: a block outlasts a suspension (what a suspended person may still read,
    # as a visitor, leaves out the content of whoever is in a block with them).
    if user is None or not user.is_authenticated:
        return set()
    pairs = Block.objects.filter(Q(blocker=user) | Q(blocked=user)).values_list(
        "blocker_id", "blocked_id"
    )
    return {other for pair in pairs for other in pair if other != user.pk}


def blocked_with_q(user, field: str) -> Q:
    """Rows whose `field` is someone in a block with `user` (either direction), as a condition
    evaluated in the database: no query of its own, unlike `blocked_user_ids`."""
    # Not is_signed_in, as in blocked_user_ids: blocks outlast a suspension.
    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    return Q(**{f"{field}__in": Block.objects.filter(blocker=user).values("blocked_id")}) | Q(
        **{f"{field}__in": Block.objects.filter(blocked=user).values("blocker_id")}
    )


def is_blocked_between(first, second) -> bool:
    return Block.objects.filter(
        Q(blocker=first, blocked=second) | Q(blocker=second, blocked=first)
    ).exists()


def has_blocked(blocker, blocked) -> bool:
    """Whether `blocker` (not the other way round) blocked `blocked`: for Block/Unblock buttons."""
    if not is_signed_in(blocker) or blocked is None:
        return False
    return Block.objects.filter(blocker=blocker, blocked=blocked).exists()


def blocks_made_by(user) -> QuerySet[Block]:
    return (
        Block.objects.filter(blocker=user)
        .select_related("blocked__profile")
        .order_by("-created_at")
    )


# --- Contact guard -----------------------------------------------------------------------------


def may_contact_others(user) -> bool:
    """Whether `user` may start contact with another member (requests, mentorship, events)."""
    return is_signed_in(user) and has_accepted_current_conduct(user)


# --- Preferences -------------------------------------------------------------------------------


def preferences_of(user) -> SafetyPreferences:
    """The member's preferences; defaults (nothing hidden) when never saved."""
    return SafetyPreferences.objects.filter(user=user).first() or SafetyPreferences(user=user)


def users_hidden_from_leaderboards() -> QuerySet:
    """Ids of users leaderboards leave out: by their choice, or suspended."""
    return (
        get_user_model()
        .objects.filter(Q(safety_preferences__hide_from_leaderboards=True) | Q(is_active=False))
        .values("pk")
    )


def users_hidden_from_map() -> QuerySet:
    """Ids of users the capacity map leaves out: by their choice, or suspended."""
    return (
        get_user_model()
        .objects.filter(Q(safety_preferences__hide_from_map=True) | Q(is_active=False))
        .values("pk")
    )


def users_off_the_map_by_choice() -> QuerySet:
    """Ids of users who chose to leave the map (the part of `users_hidden_from_map` that is
    not suspension), read from an index of them alone."""
    return SafetyPreferences.objects.filter(hide_from_map=True).values("user_id")


# --- Hidden content ----------------------------------------------------------------------------


def is_hidden(obj: Model) -> bool:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return HiddenContent.objects.filter(content_type=content_type, object_id=obj.pk).exists()


def hidden_ids(model: type[Model]) -> QuerySet:
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
    return HiddenContent.objects.filter(content_type=content_type).values("object_id")


def exclude_hidden(queryset: QuerySet) -> QuerySet:
    """`queryset` without the rows moderators hid (models with integer primary keys)."""
    return queryset.exclude(pk__in=hidden_ids(queryset.model))


# --- Reports, for the reporter -----------------------------------------------------------------


def reports_made_by(user) -> QuerySet[Report]:
    if not is_signed_in(user):
        return Report.objects.none()
    return Report.objects.filter(reporter=user).order_by("-created_at")


def report_of_reporter(user, report_id: int) -> Report | None:
    """One of `user`'s own reports (with the moderators' messages), or None."""
    return reports_made_by(user).prefetch_related("replies").filter(pk=report_id).first()


# --- Moderation --------------------------------------------------------------------------------


def moderation_queue(user, *, status: str | None = None) -> QuerySet[Report]:
    """Reports `user` may handle, oldest open first; empty for anyone who does not moderate."""
    reports = permissions.moderatable_reports(user).select_related("reporter", "organisation")
    if status:
        reports = reports.filter(status=status)
    urgency = Case(
        *(When(status=value, then=Value(rank)) for rank, value in enumerate(Report.Status.values)),
        output_field=IntegerField(),
    )
    return reports.annotate(urgency=urgency).order_by("urgency", "created_at", "pk")


def home_new_reports(user) -> list[HomeItem]:
    """Personal home: new reports in `user`'s moderation queue, as one line (one query; none
    for a member who moderates nothing)."""
    new = permissions.moderatable_reports(user).filter(status=Report.Status.NEW).count()
    if not new:
        return []
    return [
        HomeItem(
            title=ngettext("%(count)d new report", "%(count)d new reports", new) % {"count": new},
            url=reverse("safety:queue"),
            reason=ngettext(
                "It waits in your moderation queue", "They wait in your moderation queue", new
            ),
        )
    ]


def report_for_moderator(user, report_id: int) -> Report | None:
    return (
        permissions.moderatable_reports(user)
        .select_related("reporter", "reported_user", "organisation", "target_type")
        .prefetch_related("notes__author", "replies")
        .filter(pk=report_id)
        .first()
    )


def moderation_log(user, *, report: Report | None = None) -> QuerySet[ModerationLogEntry]:
    """Log entries `user` may read: platform moderators all, others those of their reports."""
    if not permissions.is_moderator(user):
        return ModerationLogEntry.objects.none()
    entries = ModerationLogEntry.objects.exclude(subject_user=user)
    if report is not None:
        entries = entries.filter(report=report)
    handled = Q(report__in=permissions.moderatable_reports(user).values("pk"))
    if permissions.is_platform_moderator(user):
        return entries.filter(handled | Q(report__isnull=True))
    return entries.filter(handled)


def in_force_q(now=None) -> Q:
    """Suspensions in force at `now`: not lifted and not past their end.

    The end date decides, not only `lifted_at`: an expired suspension stops counting at once,
    before the periodic job (or the next request) lifts it.
    """
    return Q(lifted_at__isnull=True) & (Q(until__isnull=True) | Q(until__gt=now or timezone.now()))


def open_suspensions(user) -> QuerySet[Suspension]:
    if not permissions.is_platform_moderator(user):
        return Suspension.objects.none()
    return Suspension.objects.filter(in_force_q()).select_related("user")


def is_suspended(user) -> bool:
    return Suspension.objects.filter(in_force_q(), user=user).exists()


def hidden_content_for(report: Report) -> HiddenContent | None:
    return HiddenContent.objects.filter(
        content_type_id=report.target_type_id, object_id=report.target_id
    ).first()


# --- Notices to the member ---------------------------------------------------------------------


def notices_of(user) -> QuerySet[MemberNotice]:
    if not is_signed_in(user):
        return MemberNotice.objects.none()
    return MemberNotice.objects.filter(user=user)


def unread_notice_count(user) -> int:
    """The member's unread notices (every page shows the count: read with the account)."""
    return fact(user, "unread-notices", _count_unread_notices)


def _count_unread_notices(user) -> int:
    return notices_of(user).filter(read_at__isnull=True).count()


def unread_notices_fact() -> Coalesce:
    unread = (
        MemberNotice.objects.filter(user_id=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("user_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(unread), 0)
