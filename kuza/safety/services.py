"""Writes for personal safety: blocks, preferences, the code of conduct and reports.

Moderators' actions (status, notes, warnings, hiding, suspensions) are in
`kuza.safety.moderation`; both write the append-only moderation log through `log_action`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kuza.accounts.models import CodeOfConduct
from kuza.accounts.selectors import (
    current_code_of_conduct,
    has_accepted_current_conduct,
    is_signed_in,
)
from kuza.accounts.services import conduct_accept
from kuza.people.services import map_changed
from kuza.safety import block_effects, ratelimit, reportables
from kuza.safety.evidence import clean_evidence_links
from kuza.safety.models import Block, ModerationLogEntry, Report, SafetyPreferences

# Abuse limits for reports: generous for someone reporting a few incidents, not for floods.
REPORTS_PER_HOUR = 5
REPORTS_PER_DAY = 20
MAX_DESCRIPTION = 5000


class SafetyError(Exception):
    """A safety request that cannot be honoured, with a message for the person."""


class ConductNotAccepted(SafetyError):
    """The member has not accepted the current code of conduct yet."""


class NotAllowed(SafetyError):
    """The person may not do this (not a moderator of this report, not staff...)."""


class RateLimited(SafetyError):
    """Too many attempts in a short time."""


def log_action(
    *,
    actor,
    action: str,
    report: Report | None = None,
    subject_user=None,
    detail: str = "",
) -> ModerationLogEntry:
    """Append one entry to the moderation log (never changed afterwards)."""
    return ModerationLogEntry.objects.create(
        actor=actor,
        actor_name=actor.get_username() if actor is not None else "Kuza",
        action=action,
        report=report,
        subject_user=subject_user,
        subject_name=subject_user.get_username() if subject_user is not None else "",
        detail=detail,
    )


# --- Blocks and preferences --------------------------------------------------------------------


def block_create(*, blocker, blocked) -> Block:
    """Block `blocked` and end what already links the two (see `block_effects`)."""
    if blocker.pk == blocked.pk:
        raise SafetyError(_("You cannot block yourself."))
    with transaction.atomic():
        block, created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
        if created:
            block_effects.run(blocker=blocker, blocked=blocked)
    return block


def block_remove(*, blocker, blocked) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()


def preferences_update(
    *, user, hide_from_leaderboards: bool, hide_from_map: bool
) -> SafetyPreferences:
    """Save the member's choices; the capacity map (cached per version) changes at once."""
    with transaction.atomic():
        preferences, _created = SafetyPreferences.objects.update_or_create(
            user=user,
            defaults={
                "hide_from_leaderboards": hide_from_leaderboards,
                "hide_from_map": hide_from_map,
            },
        )
    map_changed()
    return preferences


# --- Code of conduct ---------------------------------------------------------------------------


def require_current_conduct(user) -> None:
    """Raise ConductNotAccepted unless `user` may contact others (see selectors)."""
    if not is_signed_in(user):
        raise ConductNotAccepted(_("Log in to contact other members."))
    if not has_accepted_current_conduct(user):
        raise ConductNotAccepted(
            _(
                "The code of conduct has changed. Please read and accept the new version "
                "before contacting other members."
            )
        )


def conduct_accept_version(*, user, version: int) -> None:
    """Record that `user` accepted `version`, which must still be the current one."""
    current = current_code_of_conduct()
    if current is None:
        return
    if current.version != version:
        raise SafetyError(
            _("A newer version was published while you were reading it; please read it again.")
        )
    conduct_accept(user=user, conduct=current)


def conduct_publish(*, publisher, title: str, body: str) -> CodeOfConduct:
    """Publish the next version; every member must accept it again before contacting anyone."""
    if not (is_signed_in(publisher) and publisher.is_staff):
        raise NotAllowed(_("Only staff can publish the code of conduct."))
    title, body = title.strip(), body.strip()
    if not title or not body:
        raise SafetyError(_("A code of conduct needs a title and a text."))
    try:
        with transaction.atomic():
            latest = CodeOfConduct.objects.aggregate(latest=Max("version"))["latest"] or 0
            conduct = CodeOfConduct.objects.create(
                version=latest + 1, title=title, body=body, published_at=timezone.now()
            )
            log_action(
                actor=publisher,
                action=ModerationLogEntry.Action.CONDUCT_PUBLISHED,
                detail=_("Version %(version)d") % {"version": conduct.version},
            )
    except IntegrityError:
        raise SafetyError(
            _("Someone published a version at the same moment; please try again.")
        ) from None
    return conduct


# --- Reports -----------------------------------------------------------------------------------


def report_create(
    *, reporter, kind: str, target_id: int, description: str, evidence_links: list[str] | str
) -> Report:
    """File a confidential report. Reporting never needs the code of conduct to be accepted."""
    if not is_signed_in(reporter):
        raise NotAllowed(_("Log in to report something."))
    reportable = reportables.get(kind)
    if reportable is None:
        raise SafetyError(_("This cannot be reported."))
    target = reportable.model._default_manager.filter(pk=target_id).first()
    # The same answer for "gone" and "not yours to see": a report never reveals what exists.
    if target is None or not reportables.may_report(reportable, target, reporter):
        raise SafetyError(_("What you are reporting no longer exists."))
    person = reportable.person_for(target, reporter)
    if person is not None and person.pk == reporter.pk:
        raise SafetyError(_("You cannot report yourself."))
    description = description.strip()
    if not description:
        raise SafetyError(_("Describe what happened."))
    if len(description) > MAX_DESCRIPTION:
        raise SafetyError(
            _("A description can have at most %(count)d characters.") % {"count": MAX_DESCRIPTION}
        )
    try:
        links = clean_evidence_links(evidence_links)
    except ValidationError as error:
        raise SafetyError(" ".join(error.messages)) from None
    if not (
        ratelimit.hit(f"report-hour:{reporter.pk}", REPORTS_PER_HOUR, 3600)
        and ratelimit.hit(f"report-day:{reporter.pk}", REPORTS_PER_DAY, 86400)
    ):
        raise RateLimited(
            _(
                "You have sent many reports in a short time. Please wait an hour before sending "
                "another; if you are in danger, contact the moderators of your organisation "
                "directly."
            )
        )
    return Report.objects.create(
        reporter=reporter,
        kind=kind,
        target_type=_content_type_of(target),
        target_id=target.pk,
        target_snapshot=reportable.describe(target)[:2000],
        reported_user=person,
        organisation=reportable.organisation_of(target),
        description=description,
        evidence_links=links,
    )


def _content_type_of(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj, for_concrete_model=True)


def notices_mark_read(*, user) -> int:
    return user.safety_notices.filter(read_at__isnull=True).update(read_at=timezone.now())
