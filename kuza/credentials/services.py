"""Writes for badges: issuers, badge classes, award rules, awarding, revoking, visibility.

Badges follow the achievements event (kuza.core.achievements): credentials' receiver calls
`award_for_achievement` when something completes (a course, a cohort, a mentorship, a
campaign). It is idempotent: the
unique constraint on (badge class, recipient, achievement key) means repeated or concurrent
calls for the same achievement yield one assertion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kuza.core import achievements
from kuza.core.problems import Problem
from kuza.credentials import csvimport, identity, images
from kuza.credentials.models import Assertion, AwardRule, BadgeClass, Issuer
from kuza.credentials.problem_messages import CSV_ROW_OUTCOMES
from kuza.credentials.selectors import (
    can_manage_issuer,
    can_start_issuer_for,
    rule_pending_achievements,
)
from kuza.people.models import Organisation

MANUAL_ACHIEVEMENT = "manual"


class AwardError(ValueError):
    """A badge cannot be awarded; the message is translated and safe to show."""


# --- Issuers -----------------------------------------------------------------------------------


def _platform_email() -> str:
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return address or "noreply@localhost"


def issuer_ensure_platform(*, actor=None) -> Issuer:
    """The platform's own issuer, created on first use (staff only when an actor is given)."""
    if actor is not None and not actor.is_staff:
        raise PermissionDenied
    issuer, _created = Issuer.objects.get_or_create(
        is_platform=True,
        defaults={
            "name": "Kuza",
            "url": f"{settings.SITE_URL}/",
            "email": _platform_email(),
            "description": _("Skills and leadership development for open-knowledge communities."),
        },
    )
    return issuer


def issuer_create_for_organisation(*, organisation: Organisation, actor, email: str = "") -> Issuer:
    """The organisation's issuer, created by one of its organisers on first use."""
    if not can_start_issuer_for(actor, organisation):
        raise PermissionDenied
    issuer, _created = Issuer.objects.get_or_create(
        organisation=organisation,
        defaults={
            "name": organisation.name,
            "description": organisation.description,
            "email": email or actor.email or _platform_email(),
        },
    )
    return issuer


# --- Badge classes -----------------------------------------------------------------------------


def badge_class_create(
    *,
    issuer: Issuer,
    actor,
    name: str,
    description: str,
    criteria: str,
    image: bytes | None = None,
    valid_for_days: int | None = None,
    is_certificate: bool = False,
    alignments: list[dict] | None = None,
) -> BadgeClass:
    if actor is not None and not can_manage_issuer(actor, issuer):
        raise PermissionDenied
    with transaction.atomic():
        badge_class = BadgeClass.objects.create(
            issuer=issuer,
            name=name,
            description=description,
            criteria=criteria,
            valid_for_days=valid_for_days,
            is_certificate=is_certificate,
            alignments=alignments or [],
            created_by=actor,
        )
        if image:
            badge_class_set_image(badge_class=badge_class, actor=actor, content=image)
    return badge_class


def badge_class_set_image(*, badge_class: BadgeClass, actor, content: bytes) -> BadgeClass:
    """Replace the artwork; raises images.ImageRejected for anything not safe to serve."""
    if actor is not None and not can_manage_issuer(actor, badge_class.issuer):
        raise PermissionDenied
    checked = images.check_upload(content)
    if badge_class.image:
        badge_class.image.delete(save=False)
    badge_class.image.save(
        f"{badge_class.uuid}.{checked.kind}", ContentFile(checked.content), save=False
    )
    badge_class.image_kind = checked.kind
    badge_class.save(update_fields=["image", "image_kind"])
    return badge_class


def badge_class_image(badge_class: BadgeClass, kind: str) -> bytes:
    """The artwork as `kind` ("png" or "svg"), converting or drawing where needed."""
    stored = badge_class.image.read() if badge_class.image else b""
    if badge_class.image:
        badge_class.image.close()
    seed = str(badge_class.uuid)
    if kind == "png":
        if badge_class.image_kind == BadgeClass.ImageKind.PNG and stored:
            return stored
        return images.default_png(seed)
    if badge_class.image_kind == BadgeClass.ImageKind.SVG and stored:
        return stored
    if badge_class.image_kind == BadgeClass.ImageKind.PNG and stored:
        return images.svg_wrapping_png(stored)
    return images.default_svg(seed)


# --- Award rules -------------------------------------------------------------------------------


def award_rule_create(
    *,
    badge_class: BadgeClass,
    actor,
    kind: str,
    target_key: str = "",
    threshold: int | None = None,
) -> AwardRule:
    if actor is not None and not can_manage_issuer(actor, badge_class.issuer):
        raise PermissionDenied
    if kind not in AwardRule.Kind.values:
        raise AwardError(_("Unknown kind of rule."))
    if kind == AwardRule.Kind.CAMPAIGN_PARTICIPATION and not threshold:
        raise AwardError(_("A campaign rule needs a threshold of at least one contribution."))
    target_key = target_key.strip()
    source = achievements.source(kind)
    if (
        target_key
        and source is not None
        and target_key not in {target.key for target in source.targets(None)}
    ):
        raise AwardError(_("Choose what must be achieved from the list."))
    rule, created = AwardRule.objects.get_or_create(
        badge_class=badge_class,
        kind=kind,
        target_key=target_key,
        defaults={"threshold": threshold, "created_by": actor},
    )
    if not created:
        rule.threshold = threshold
        rule.is_active = True
        rule.save(update_fields=["threshold", "is_active"])
    return rule


def award_rule_set_active(*, rule: AwardRule, actor, is_active: bool) -> AwardRule:
    if actor is not None and not can_manage_issuer(actor, rule.badge_class.issuer):
        raise PermissionDenied
    rule.is_active = is_active
    rule.save(update_fields=["is_active"])
    return rule


def award_rule_apply(*, rule: AwardRule, actor) -> int:
    """Award the rule's badge to everyone who already achieved what it names (the achievements
    made before the rule existed or while it was paused); returns how many were awarded."""
    if actor is not None and not can_manage_issuer(actor, rule.badge_class.issuer):
        raise PermissionDenied
    if not rule.is_active:
        return 0
    awarded = 0
    for achievement in rule_pending_achievements(rule):
        evidence_url = achievement.evidence_url
        if evidence_url and not _valid_url(evidence_url):
            evidence_url = ""
        try:
            _assertion, created = assertion_issue(
                badge_class=rule.badge_class,
                recipient=achievement.user,
                achievement_key=achievement.achievement_key,
                rule=rule,
                evidence_url=evidence_url,
            )
        except AwardError:
            continue
        awarded += created
    return awarded


# --- Awarding ----------------------------------------------------------------------------------


def assertion_issue(
    *,
    badge_class: BadgeClass,
    recipient,
    achievement_key: str,
    rule: AwardRule | None = None,
    awarded_by=None,
    evidence_url: str = "",
    narrative: str = "",
    issued_on: datetime | None = None,
) -> tuple[Assertion, bool]:
    """The assertion for this achievement, created unless it exists: (assertion, created).

    Safe under concurrency: a racing insert hits the unique constraint and the winner's row is
    returned instead.
    """
    if not recipient.email:
        raise AwardError(
            _("%(name)s has no email address to receive a badge.")
            % {"name": recipient.get_username()}
        )
    lookup = {
        "badge_class": badge_class,
        "recipient": recipient,
        "achievement_key": achievement_key,
    }
    existing = Assertion.objects.filter(**lookup).first()
    if existing is not None:
        return existing, False
    issued_on = issued_on or timezone.now()
    salt = identity.new_salt()
    expires_at = (
        issued_on + timedelta(days=badge_class.valid_for_days)
        if badge_class.valid_for_days
        else None
    )
    try:
        with transaction.atomic():
            assertion = Assertion.objects.create(
                **lookup,
                recipient_identity=identity.hash_email(recipient.email, salt),
                recipient_salt=salt,
                rule=rule,
                awarded_by=awarded_by,
                evidence_url=evidence_url,
                narrative=narrative,
                issued_on=issued_on,
                expires_at=expires_at,
            )
    except IntegrityError:
        return Assertion.objects.get(**lookup), False
    return assertion, True


def assertion_award_manual(
    *, badge_class: BadgeClass, actor, recipient, evidence_url: str = "", narrative: str = ""
) -> tuple[Assertion, bool]:
    """An organiser awards a badge by hand; awarding it again to the same person is a no-op."""
    if not can_manage_issuer(actor, badge_class.issuer):
        raise PermissionDenied
    return assertion_issue(
        badge_class=badge_class,
        recipient=recipient,
        achievement_key=MANUAL_ACHIEVEMENT,
        awarded_by=actor,
        evidence_url=evidence_url,
        narrative=narrative,
    )


@dataclass(frozen=True)
class CsvOutcome:
    line: int
    username: str
    outcome: str  # "awarded", "already", or "error"
    detail: Problem
    """Why, as data; `message` words it in the language active when it is shown."""

    @property
    def message(self) -> str:
        return CSV_ROW_OUTCOMES.text(self.detail)


@dataclass
class CsvReport:
    rows: list[CsvOutcome] = field(default_factory=list)

    @property
    def awarded(self) -> int:
        return sum(1 for row in self.rows if row.outcome == "awarded")

    @property
    def already(self) -> int:
        return sum(1 for row in self.rows if row.outcome == "already")

    @property
    def errors(self) -> list[CsvOutcome]:
        return [row for row in self.rows if row.outcome == "error"]


def _valid_url(value: str) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return False
    return True


def assertions_award_csv(*, badge_class: BadgeClass, actor, text: str) -> CsvReport:
    """Award a badge to every username listed; each row gets an outcome, errors say why.

    Rows are independent: a bad row does not stop the others, and running the same file again
    awards nobody twice.
    """
    if not can_manage_issuer(actor, badge_class.issuer):
        raise PermissionDenied
    try:
        rows = csvimport.parse_usernames(text)
    except csvimport.CsvTooLong as error:
        raise AwardError(
            _("The file lists more than %(count)s people; split it into smaller files.")
            % {"count": error.args[0]}
        ) from error
    users = {
        user.username.casefold(): user
        for user in get_user_model().objects.filter(
            username__in=[row.username for row in rows], is_active=True
        )
    }
    if len(users) < len({row.username.casefold() for row in rows}):
        # Usernames are case-sensitive in Django; accept another case when it is unambiguous.
        query = Q()
        for row in rows:
            if row.username.casefold() not in users:
                query |= Q(username__iexact=row.username)
        for user in get_user_model().objects.filter(query, is_active=True):
            users.setdefault(user.username.casefold(), user)
    report = CsvReport()
    for row in rows:
        report.rows.append(_award_csv_row(badge_class, actor, row, users))
    return report


def _award_csv_row(badge_class, actor, row: csvimport.CsvRow, users: dict) -> CsvOutcome:
    def outcome(kind: str, code: str, **params) -> CsvOutcome:
        return CsvOutcome(row.line, row.username, kind, Problem(code, params))

    if row.duplicate_of is not None:
        return outcome("error", "listed_twice", line=row.duplicate_of)
    user = users.get(row.username.casefold())
    if user is None:
        return outcome("error", "unknown_username")
    if row.evidence_url and not _valid_url(row.evidence_url):
        return outcome("error", "evidence_not_web_address")
    try:
        _assertion, created = assertion_award_manual(
            badge_class=badge_class, actor=actor, recipient=user, evidence_url=row.evidence_url
        )
    except AwardError:  # the one refusal assertion_issue makes: no e-mail address
        return outcome("error", "no_email", name=user.get_username())
    return outcome("awarded", "awarded") if created else outcome("already", "already")


def award_for_achievement(
    *,
    rule_kind: str,
    subject_id: str | int,
    user,
    evidence_url: str = "",
    achievement_key: str | None = None,
    value: int | None = None,
) -> list[Assertion]:
    """What an emitted achievement earns (see receivers.py).

    Called when `user` completes something: `rule_kind` is one of AwardRule.Kind (for example
    "course_completed"), `subject_id` identifies what was completed in the caller's terms (a
    course id, a cohort id, a campaign slug), `value` is the measured amount for threshold rules
    (a campaign's contribution count). Every active rule of that kind whose target is this
    subject (or any subject) and whose threshold is met awards its badge once per
    `achievement_key` (by default "<kind>:<subject_id>"). Returns the assertions that now exist
    for the achievement, new or earlier; people without an email address are skipped.
    """
    subject = str(subject_id)
    key = achievement_key or f"{rule_kind}:{subject}"
    rules = AwardRule.objects.filter(
        kind=rule_kind, is_active=True, target_key__in=[subject, ""]
    ).select_related("badge_class")
    awarded = []
    for rule in rules:
        if rule.threshold and (value is None or value < rule.threshold):
            continue
        if evidence_url and not _valid_url(evidence_url):
            evidence_url = ""
        try:
            assertion, _created = assertion_issue(
                badge_class=rule.badge_class,
                recipient=user,
                achievement_key=key,
                rule=rule,
                evidence_url=evidence_url,
            )
        except AwardError:
            continue
        awarded.append(assertion)
    return awarded


# --- Revocation and visibility -----------------------------------------------------------------


def assertion_revoke(*, assertion: Assertion, actor, reason: str) -> Assertion:
    """Revoke with a published reason; the assertion URL then answers 410 Gone."""
    if not can_manage_issuer(actor, assertion.badge_class.issuer):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise AwardError(_("Give a reason: it is published with the revocation."))
    if assertion.is_revoked:
        return assertion
    assertion.revoked_at = timezone.now()
    assertion.revocation_reason = reason
    assertion.save(update_fields=["revoked_at", "revocation_reason"])
    return assertion


def assertion_set_public(*, assertion: Assertion, user, is_public: bool) -> Assertion:
    """Only the holder decides whether their name shows on the badge's page."""
    if user is None or assertion.recipient_id != user.pk:
        raise PermissionDenied
    assertion.is_public = is_public
    assertion.save(update_fields=["is_public"])
    return assertion


# --- Certificates ------------------------------------------------------------------------------


def certificate_render(*, assertion: Assertion) -> bytes:
    """The PDF certificate of an assertion, in the active language, with the holder's name as
    they wrote it in their profile and a verification URL carrying the certificate code."""
    from django.utils.formats import date_format

    from kuza.credentials import certificates
    from kuza.credentials.documents import assertion_page_url
    from kuza.credentials.selectors import certificate_key, recipient_name

    badge_class = assertion.badge_class
    verification_url = f"{assertion_page_url(assertion)}?code={certificate_key(assertion)}"
    text = certificates.CertificateText(
        heading=_("Certificate of achievement"),
        preamble=_("This certifies that"),
        recipient_name=recipient_name(assertion),
        achievement_intro=_("has achieved"),
        achievement=badge_class.name,
        issued_line=_("Issued on %(date)s")
        % {"date": date_format(assertion.issued_on, "DATE_FORMAT")},
        issuer_line=_("Issued by %(issuer)s") % {"issuer": badge_class.issuer.name},
        verify_line=_("Check this certificate at:"),
        verification_url=verification_url,
    )
    return certificates.render_certificate(text)
