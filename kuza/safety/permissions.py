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

from django.db.models import Q, QuerySet

from kuza.people.models import Membership
from kuza.safety.models import ModeratorRole, Report


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_platform_moderator(user) -> bool:
    if not _signed_in(user):
        return False
    return (
        user.is_staff or ModeratorRole.objects.filter(user=user, organisation__isnull=True).exists()
    )


def moderated_organisation_ids(user) -> set[int]:
    if not _signed_in(user):
        return set()
    return set(
        ModeratorRole.objects.filter(user=user, organisation__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )


def is_moderator(user) -> bool:
    """Whether `user` moderates anything (for showing the moderation pages at all)."""
    if not _signed_in(user):
        return False
    return user.is_staff or ModeratorRole.objects.filter(user=user).exists()


def _moderation_scope(user) -> tuple[bool, set[int]]:
    """(moderates the whole platform?, organisations moderated), in at most one query."""
    if user.is_staff:
        return True, set()
    ids = set(ModeratorRole.objects.filter(user=user).values_list("organisation_id", flat=True))
    return None in ids, ids - {None}


def moderatable_reports(user) -> QuerySet[Report]:
    """Every report `user` may handle (none for non-moderators)."""
    if not _signed_in(user):
        return Report.objects.none()
    reports = Report.objects.exclude(reporter=user).exclude(reported_user=user)
    platform, organisations = _moderation_scope(user)
    if platform:
        return reports
    if not organisations:
        return Report.objects.none()
    members = Membership.objects.filter(organisation_id__in=organisations).values("user_id")
    return reports.filter(Q(organisation_id__in=organisations) | Q(reported_user__in=members))


def can_moderate(user, report: Report) -> bool:
    return moderatable_reports(user).filter(pk=report.pk).exists()
