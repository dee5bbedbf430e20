"""Moderators' actions on reports. Each one checks who may act, then writes the audit log.

Warnings and content hiding are open to every moderator who may handle the report;
suspensions switch an account off across the whole platform, so only platform moderators
and staff suspend or lift them.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kuza.core.tasks import send_email
from kuza.people import listing
from kuza.people.services import map_changed
from kuza.safety import permissions, reportables
from kuza.safety.models import (
    HiddenContent,
    MemberNotice,
    ModerationLogEntry,
    Report,
    ReportNote,
    ReportReply,
    Suspension,
)
from kuza.safety.selectors import in_force_q
from kuza.safety.services import NotAllowed, SafetyError, log_action

Action = ModerationLogEntry.Action
MAX_TEXT = 5000


def _require_moderator(moderator, report: Report) -> None:
    if not permissions.can_moderate(moderator, report):
        raise NotAllowed(_("You cannot handle this report."))


def _text(value: str, *, empty: str) -> str:
    value = value.strip()
    if not value:
        raise SafetyError(empty)
    if len(value) > MAX_TEXT:
        raise SafetyError(_("At most %(count)d characters, please.") % {"count": MAX_TEXT})
    return value


def _mark_action_taken(*, moderator, report: Report) -> None:
    if report.status in {Report.Status.NEW, Report.Status.IN_REVIEW}:
        _set_status(moderator=moderator, report=report, status=Report.Status.ACTION_TAKEN)


def _set_status(*, moderator, report: Report, status: str) -> None:
    previous = report.get_status_display()
    report.status = status
    report.save(update_fields=["status", "updated_at"])
    log_action(
        actor=moderator,
        action=Action.STATUS_CHANGED,
        report=report,
        detail=f"{previous} → {report.get_status_display()}",
    )


def report_set_status(*, moderator, report: Report, status: str) -> Report:
    _require_moderator(moderator, report)
    if status not in Report.Status.values:
        raise SafetyError(_("Unknown status."))
    if status != report.status:
        with transaction.atomic():
            _set_status(moderator=moderator, report=report, status=status)
    return report


def report_add_note(*, moderator, report: Report, body: str) -> ReportNote:
    _require_moderator(moderator, report)
    body = _text(body, empty=_("Write a note first."))
    with transaction.atomic():
        note = ReportNote.objects.create(report=report, author=moderator, body=body)
        log_action(actor=moderator, action=Action.NOTE_ADDED, report=report)
        if report.status == Report.Status.NEW:
            _set_status(moderator=moderator, report=report, status=Report.Status.IN_REVIEW)
    return note


def report_reply(*, moderator, report: Report, body: str) -> ReportReply:
    """A message to the reporter, who sees it signed by "the moderators"."""
    _require_moderator(moderator, report)
    body = _text(body, empty=_("Write a message first."))
    with transaction.atomic():
        reply = ReportReply.objects.create(report=report, author=moderator, body=body)
        log_action(actor=moderator, action=Action.REPLY_SENT, report=report)
    return reply


def _person_concerned(report: Report):
    person = report.reported_user
    if person is None:
        raise SafetyError(_("No member is concerned by this report any more."))
    return person


def _notify(*, person, kind: str, message: str) -> MemberNotice:
    """Tell the member, on Kuza and by email; neither says who reported or which report."""
    notice = MemberNotice.objects.create(user=person, kind=kind, message=message)
    if person.email:
        link = settings.SITE_URL + reverse("safety:notices")
        transaction.on_commit(
            lambda: send_email.enqueue(
                subject=_("A message from the Kuza moderators"),
                body=f"{message}\n\n{link}",
                to=[person.email],
            )
        )
    return notice


def member_warn(*, moderator, report: Report, message: str) -> MemberNotice:
    _require_moderator(moderator, report)
    person = _person_concerned(report)
    message = _text(message, empty=_("Write the warning first."))
    with transaction.atomic():
        notice = _notify(person=person, kind=MemberNotice.Kind.WARNING, message=message)
        log_action(
            actor=moderator,
            action=Action.WARNED,
            report=report,
            subject_user=person,
            detail=message,
        )
        _mark_action_taken(moderator=moderator, report=report)
    return notice


def _hideable_target(report: Report) -> reportables.Reportable:
    reportable = reportables.get(report.kind)
    if reportable is None or not reportable.hideable:
        raise SafetyError(_("This kind of report cannot be hidden; warn or suspend instead."))
    return reportable


def content_hide(*, moderator, report: Report, reason: str) -> HiddenContent:
    _require_moderator(moderator, report)
    reportable = _hideable_target(report)
    reason = _text(reason, empty=_("Give the reason first."))
    with transaction.atomic():
        hidden, created = HiddenContent.objects.get_or_create(
            content_type=report.target_type,
            object_id=report.target_id,
            defaults={"reason": reason, "report": report, "hidden_by": moderator},
        )
        if created and reportable.on_hide is not None:
            target = reportable.model._default_manager.filter(pk=report.target_id).first()
            if target is not None:
                reportable.on_hide(target)
        log_action(
            actor=moderator,
            action=Action.CONTENT_HIDDEN,
            report=report,
            subject_user=report.reported_user,
            detail=reason,
        )
        _mark_action_taken(moderator=moderator, report=report)
    return hidden


def content_unhide(*, moderator, report: Report) -> None:
    _require_moderator(moderator, report)
    with transaction.atomic():
        deleted, _detail = HiddenContent.objects.filter(
            content_type=report.target_type, object_id=report.target_id
        ).delete()
        if deleted:
            log_action(
                actor=moderator,
                action=Action.CONTENT_SHOWN,
                report=report,
                subject_user=report.reported_user,
            )


def member_suspend(
    *, moderator, report: Report, reason: str, until: datetime | None = None
) -> Suspension:
    """Switch the account off at once: no login, no session, no API token, shown nowhere."""
    _require_moderator(moderator, report)
    if not permissions.is_platform_moderator(moderator):
        raise NotAllowed(_("Only platform moderators can suspend a member."))
    person = get_user_model().objects.get(pk=_person_concerned(report).pk)
    if person.is_staff or person.is_superuser:
        raise NotAllowed(_("Staff accounts are changed in the administration, not here."))
    if until is not None and until <= timezone.now():
        raise SafetyError(_("The end of a suspension must be in the future."))
    reason = _text(reason, empty=_("Give the reason first."))
    with transaction.atomic():
        get_user_model().objects.filter(pk=person.pk).update(is_active=False)
        person.is_active = False
        listing.refresh(user_ids=[person.pk])  # search's and the map's copies (no signal)
        suspension = Suspension.objects.create(
            user=person, reason=reason, until=until, report=report, created_by=moderator
        )
        _notify(person=person, kind=MemberNotice.Kind.SUSPENSION, message=reason)
        log_action(
            actor=moderator,
            action=Action.SUSPENDED,
            report=report,
            subject_user=person,
            detail=reason if until is None else f"{reason} (→ {until:%Y-%m-%d %H:%M} UTC)",
        )
        _mark_action_taken(moderator=moderator, report=report)
        transaction.on_commit(map_changed)
    return suspension


def _lift(*, actor, suspension: Suspension) -> None:
    suspension.lifted_at = timezone.now()
    suspension.save(update_fields=["lifted_at"])
    still_open = Suspension.objects.filter(user_id=suspension.user_id, lifted_at__isnull=True)
    if not still_open.filter(in_force_q()).exists():
        get_user_model().objects.filter(pk=suspension.user_id).update(is_active=True)
        listing.refresh(user_ids=[suspension.user_id])  # search's and the map's copies
        transaction.on_commit(map_changed)
    log_action(actor=actor, action=Action.SUSPENSION_LIFTED, subject_user=suspension.user)


def suspension_lift(*, moderator, suspension_id: int) -> Suspension:
    if not permissions.is_platform_moderator(moderator):
        raise NotAllowed(_("Only platform moderators can lift a suspension."))
    with transaction.atomic():
        suspension = (
            Suspension.objects.select_for_update()
            .select_related("user")
            .filter(pk=suspension_id, lifted_at__isnull=True)
            .first()
        )
        if suspension is None:
            raise SafetyError(_("This suspension has already been lifted."))
        _lift(actor=moderator, suspension=suspension)
    return suspension


def suspensions_lift_expired(*, now: datetime | None = None, user_id: int | None = None) -> int:
    """Lift every suspension whose end has passed (of one member when `user_id` is given).

    Run every few minutes by the worker (see apps.py), and on each request by
    `SuspendedUserMiddleware`, so a member is back the moment their suspension ends.
    """
    moment = now or timezone.now()
    lifted = 0
    expired = Suspension.objects.filter(lifted_at__isnull=True, until__lte=moment)
    if user_id is not None:
        expired = expired.filter(user_id=user_id)
    for suspension_id in expired.values_list("pk", flat=True):
        with transaction.atomic():
            suspension = (
                Suspension.objects.select_for_update()
                .select_related("user")
                .filter(pk=suspension_id, lifted_at__isnull=True)
                .first()
            )
            if suspension is not None:
                _lift(actor=None, suspension=suspension)
                lifted += 1
    return lifted


# The moment the next open suspension ends, cached so that requests ask the database nothing
# until then. Every save or delete of a suspension forgets it (signals in apps.py); the timeout
# is a backstop for writes that bypass the model (queryset updates).
NEXT_SUSPENSION_END_KEY = "safety:next-suspension-end"
NEXT_SUSPENSION_END_TIMEOUT = 600
NONE_DUE = "none"


def forget_next_suspension_end(**_signal) -> None:
    transaction.on_commit(lambda: cache.delete(NEXT_SUSPENSION_END_KEY))
    cache.delete(NEXT_SUSPENSION_END_KEY)


def suspensions_lift_due(*, now: datetime | None = None) -> int:
    """What each request runs: lift ended suspensions, asking the database only when one is due.

    When the cached next end has not passed this is no query at all; after it passes (or after
    a suspension changed) one indexed query, then the lifting itself.
    """
    moment = now or timezone.now()
    next_end = cache.get(NEXT_SUSPENSION_END_KEY)
    if next_end is None:
        earliest = Suspension.objects.filter(lifted_at__isnull=True, until__isnull=False).aggregate(
            earliest=Min("until")
        )["earliest"]
        next_end = NONE_DUE if earliest is None else earliest.timestamp()
        cache.set(NEXT_SUSPENSION_END_KEY, next_end, NEXT_SUSPENSION_END_TIMEOUT)
    if next_end == NONE_DUE or next_end > moment.timestamp():
        return 0
    lifted = suspensions_lift_expired(now=moment)
    cache.delete(NEXT_SUSPENSION_END_KEY)
    return lifted
