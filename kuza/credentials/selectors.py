"""Reads for badges: who may manage what, public documents, backpacks and verification status.

Functions that hand an object to a person fetch it and check access in one step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.core.signing import salted_hmac
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kuza.core import achievements, home
from kuza.core.home import HomeItem
from kuza.core.viewers import is_signed_in
from kuza.credentials.models import Assertion, AwardRule, BadgeClass, Issuer
from kuza.people.models import Membership, Organisation


class Status:
    VALID = "valid"
    REVOKED = "revoked"
    EXPIRED = "expired"


# --- Permissions -------------------------------------------------------------------------------


def organiser_organisation_ids(user) -> set[int]:
    if not is_signed_in(user):
        return set()
    return set(
        Membership.objects.filter(user=user, role=Membership.Role.ORGANISER).values_list(
            "organisation_id", flat=True
        )
    )


def can_manage_issuer(user, issuer: Issuer) -> bool:
    """Staff manage every issuer; an organisation's organisers manage its issuer."""
    if not is_signed_in(user):
        return False
    if user.is_staff:
        return True
    return issuer.organisation_id is not None and issuer.organisation_id in (
        organiser_organisation_ids(user)
    )


def can_start_issuer_for(user, organisation: Organisation) -> bool:
    if not is_signed_in(user):
        return False
    return user.is_staff or organisation.pk in organiser_organisation_ids(user)


def manageable_issuers(user) -> QuerySet[Issuer]:
    if not is_signed_in(user):
        return Issuer.objects.none()
    issuers = Issuer.objects.annotate(badge_count=Count("badge_classes"))
    if user.is_staff:
        return issuers
    return issuers.filter(organisation_id__in=organiser_organisation_ids(user))


def organisations_without_issuer(user) -> QuerySet[Organisation]:
    """Organisations `user` organises that do not issue badges yet."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    organisations = Organisation.objects.filter(badge_issuer__isnull=True)
    if user.is_staff:
        return organisations
    return organisations.filter(pk__in=organiser_organisation_ids(user))


def managed_issuer(*, user, uuid) -> Issuer:
    issuer = Issuer.objects.filter(uuid=uuid).select_related("organisation").first()
    if issuer is None:
        raise Http404
    if not can_manage_issuer(user, issuer):
        raise PermissionDenied
    return issuer


def managed_badge_class(*, user, uuid) -> BadgeClass:
    badge_class = BadgeClass.objects.filter(uuid=uuid).select_related("issuer").first()
    if badge_class is None:
        raise Http404
    if not can_manage_issuer(user, badge_class.issuer):
        raise PermissionDenied
    return badge_class


def managed_assertion(*, user, uuid) -> Assertion:
    assertion = Assertion.objects.filter(uuid=uuid).select_related("badge_class__issuer").first()
    if assertion is None:
        raise Http404
    if not can_manage_issuer(user, assertion.badge_class.issuer):
        raise PermissionDenied
    return assertion


def owned_assertion(*, user, uuid) -> Assertion:
    """An assertion its recipient acts on; anyone else gets 404 (nothing is revealed)."""
    if not is_signed_in(user):
        raise Http404
    assertion = (
        Assertion.objects.filter(uuid=uuid, recipient=user)
        .select_related("badge_class__issuer")
        .first()
    )
    if assertion is None:
        raise Http404
    return assertion


# --- Public documents --------------------------------------------------------------------------


def issuer_by_uuid(uuid) -> Issuer:
    issuer = Issuer.objects.filter(uuid=uuid).first()
    if issuer is None:
        raise Http404
    return issuer


def badge_class_by_uuid(uuid) -> BadgeClass:
    badge_class = BadgeClass.objects.filter(uuid=uuid).select_related("issuer").first()
    if badge_class is None:
        raise Http404
    return badge_class


def assertion_by_uuid(uuid) -> Assertion:
    """For hosted verification: the assertion whoever asks, since it names no one."""
    assertion = Assertion.objects.filter(uuid=uuid).select_related("badge_class__issuer").first()
    if assertion is None:
        raise Http404
    return assertion


def revoked_assertions(issuer: Issuer) -> list[Assertion]:
    return list(
        Assertion.objects.filter(badge_class__issuer=issuer, revoked_at__isnull=False).order_by(
            "revoked_at", "pk"
        )
    )


def issuers_with_badges() -> QuerySet[Issuer]:
    return (
        Issuer.objects.annotate(badge_count=Count("badge_classes"))
        .filter(badge_count__gt=0)
        .order_by("-is_platform", "name")
    )


def badge_classes_of(issuer: Issuer) -> QuerySet[BadgeClass]:
    return issuer.badge_classes.annotate(
        holders=Count("assertions", filter=Q(assertions__revoked_at__isnull=True))
    ).order_by("name")


def rules_of(badge_class: BadgeClass) -> QuerySet[AwardRule]:
    return badge_class.rules.order_by("kind", "target_key")


def rule_target_label(rule: AwardRule) -> str:
    """What the rule's target is called where it lives (a course's title, a campaign's name)."""
    source = achievements.source(rule.kind)
    if source is None:
        return rule.target_key
    if not rule.target_key:
        return str(source.any_label)
    for target in source.targets(None):
        if target.key == rule.target_key:
            return target.label
    return rule.target_key


def rule_pending_achievements(rule: AwardRule) -> list[achievements.Achievement]:
    """Achievements already made that this rule would award and that are not yet awarded:
    one per person (their first), meeting the threshold, with an email address to receive
    the badge. Empty for a rule whose kind no app describes."""
    source = achievements.source(rule.kind)
    if source is None:
        return []
    held = set(
        Assertion.objects.filter(badge_class=rule.badge_class).values_list(
            "recipient_id", "achievement_key"
        )
    )
    pending: dict[int, achievements.Achievement] = {}
    for achievement in source.achieved(rule.target_key):
        user = achievement.user
        if rule.threshold and (achievement.value is None or achievement.value < rule.threshold):
            continue
        if not user.is_active or not user.email or user.pk in pending:
            continue
        if (user.pk, achievement.achievement_key) in held:
            continue
        pending[user.pk] = achievement
    return list(pending.values())


def rewards_for(kind: str, subject: str) -> list[achievements.Reward]:
    """Badges on offer for an achievement: the active rules naming it (or any such)."""
    rules = (
        AwardRule.objects.filter(kind=kind, is_active=True, target_key__in=[subject, ""])
        .select_related("badge_class")
        .order_by("threshold", "badge_class__name", "pk")
    )
    return [
        achievements.Reward(
            label=rule.badge_class.name,
            url=reverse("credentials:badge_class", args=[rule.badge_class.uuid]),
            threshold=rule.threshold,
        )
        for rule in rules
    ]


def assertions_of(badge_class: BadgeClass) -> QuerySet[Assertion]:
    return badge_class.assertions.select_related("recipient__profile").order_by("-issued_on")


# --- Status and visibility ---------------------------------------------------------------------


def assertion_status(assertion: Assertion, now: datetime | None = None) -> str:
    if assertion.is_revoked:
        return Status.REVOKED
    if assertion.is_expired(now or timezone.now()):
        return Status.EXPIRED
    return Status.VALID


def certificate_key(assertion: Assertion) -> str:
    """The code printed in a certificate's verification URL: it lets whoever holds the paper
    see the name on the verification page even when the badge is not public."""
    return salted_hmac(
        "kuza.credentials.certificate", str(assertion.uuid), algorithm="sha256"
    ).hexdigest()[:24]


def recipient_name(assertion: Assertion) -> str:
    recipient = assertion.recipient
    if recipient is None:
        return ""
    profile = getattr(recipient, "profile", None)
    return profile.display_name if profile and profile.display_name else recipient.get_username()


@dataclass(frozen=True)
class AssertionView:
    assertion: Assertion
    status: str
    is_owner: bool
    shows_name: bool
    name: str
    confirms_certificate: bool


def assertion_for_viewer(*, viewer, uuid, key: str = "") -> AssertionView:
    """The public badge page's data: the holder's name only to the holder, when the holder made
    the badge public, or to someone who holds the certificate's verification code."""
    assertion = (
        Assertion.objects.filter(uuid=uuid)
        .select_related("badge_class__issuer", "recipient__profile")
        .first()
    )
    if assertion is None:
        raise Http404
    is_owner = bool(
        viewer is not None
        and viewer.is_authenticated
        and assertion.recipient_id is not None
        and assertion.recipient_id == viewer.pk
    )
    confirms_certificate = bool(key) and constant_time_compare(key, certificate_key(assertion))
    shows_name = assertion.recipient_id is not None and (
        is_owner or assertion.is_public or confirms_certificate
    )
    return AssertionView(
        assertion=assertion,
        status=assertion_status(assertion),
        is_owner=is_owner,
        shows_name=shows_name,
        name=recipient_name(assertion) if shows_name else "",
        confirms_certificate=confirms_certificate,
    )


def backpack(user) -> QuerySet[Assertion]:
    if not is_signed_in(user):
        return Assertion.objects.none()
    return Assertion.objects.filter(recipient=user).select_related("badge_class__issuer")


def public_badges_of(user) -> QuerySet[Assertion]:
    """What anyone may see of `user`'s badges: the public, unrevoked ones."""
    return Assertion.objects.filter(
        recipient=user, is_public=True, revoked_at__isnull=True
    ).select_related("badge_class__issuer")


# Badges earned this recently are "new" on the person's home.
NEW_BADGE_DAYS = 30


def home_new_badges(user) -> list[HomeItem]:
    """Personal home: badges `user` earned in the last `NEW_BADGE_DAYS` days (one query)."""
    since = timezone.now() - timedelta(days=NEW_BADGE_DAYS)
    recent = backpack(user).filter(issued_on__gte=since, revoked_at__isnull=True)
    return [
        HomeItem(
            title=assertion.badge_class.name,
            url=reverse("credentials:assertion", args=[assertion.uuid]),
            reason=_("A new badge, earned on %(date)s")
            % {"date": date_format(timezone.localtime(assertion.issued_on), "DATE_FORMAT")},
        )
        for assertion in recent[: home.LIMIT]
    ]
