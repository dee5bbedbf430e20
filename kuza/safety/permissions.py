"""Who moderates what.

- Staff and platform moderators (a ModeratorRole without organisation) handle every report.
- An organisation moderator handles reports about members of their organisation
  (people.Membership of the person concerned) and reports on targets that belong to it.
- Nobody handles a report they made or one about themself, whatever their role: a report
  about a moderator goes to the other moderators.
A moderator who may handle a report sees its reporter, internal notes and log, changes its
status and acts on it. Nobody else sees any of that.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q, QuerySet

from kuza.accounts.selectors import is_signed_in
from kuza.core.viewers import fact
from kuza.people.models import Membership
from kuza.safety.models import ModeratorRole, Report


def is_platform_moderator(user) -> bool:
    if not is_signed_in(user):
        return False
    return (
        user.is_staff or ModeratorRole.objects.filter(user=user, organisation__isnull=True).exists()
    )


def moderated_organisation_ids(user) -> set[int]:
    if not is_signed_in(user):
        return set()
    return set(
        ModeratorRole.objects.filter(user=user, organisation__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )


def is_moderator(user) -> bool:
    """Whether `user` moderates anything (for showing the moderation pages at all)."""
    if not is_signed_in(user):
        return False
    if user.is_staff:
        return True
    # Every page's navigation asks: read with the account (see moderates_fact), or else
    # cached until the member's roles change (apps.py).
    return fact(user, "moderates", _moderates)


def moderates_fact() -> Exists:
    return Exists(ModeratorRole.objects.filter(user_id=OuterRef("pk")))


def _moderates(user) -> bool:
    key = moderator_key(user.pk)
    moderates = cache.get(key)
    if moderates is None:
        moderates = ModeratorRole.objects.filter(user=user).exists()
        cache.set(key, moderates, MODERATOR_CACHE_SECONDS)
    return moderates


MODERATOR_CACHE_SECONDS = 3600


def moderator_key(user_id: int) -> str:
    return f"safety:is-moderator:{user_id}"


def forget_moderator(instance: ModeratorRole, **_signal) -> None:
    cache.delete(moderator_key(instance.user_id))


def moderatable_reports(user) -> QuerySet[Report]:
    """Every report `user` may handle (none for non-moderators).

    The member's roles are read inside the same query (a platform role sees every report, an
    organisation role its organisation's reports and those about its members), so counting or
    listing them is one query.
    """
    if not is_signed_in(user):
        return Report.objects.none()
    reports = Report.objects.exclude(reporter=user).exclude(reported_user=user)
    if user.is_staff:
        return reports
    if not is_moderator(user):
        return Report.objects.none()
    roles = ModeratorRole.objects.filter(user=user)
    organisations = roles.filter(organisation__isnull=False).values("organisation_id")
    members = Membership.objects.filter(organisation_id__in=organisations).values("user_id")
    return reports.filter(
        Exists(roles.filter(organisation__isnull=True))
        | Q(organisation_id__in=organisations)
        | Q(reported_user__in=members)
    )


def can_moderate(user, report: Report) -> bool:
    return moderatable_reports(user).filter(pk=report.pk).exists()
