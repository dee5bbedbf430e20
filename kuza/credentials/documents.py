"""The public Open Badges 2.0 JSON-LD documents: issuer profile, badge class, assertion and
revocation list, at stable absolute URLs built from settings.SITE_URL.

The assertion document names its recipient only by a salted hash of their email, so it can be
served to anyone who holds its URL (hosted verification needs exactly that) whatever the
learner chose about showing the badge on their public page.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.urls import reverse

from kuza.credentials.models import Assertion, BadgeClass, Issuer

OPENBADGES_CONTEXT = "https://w3id.org/openbadges/v2"


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC to the second, the form every Open Badges validator accepts."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def issuer_url(issuer: Issuer) -> str:
    return absolute(reverse("credentials:issuer_json", args=[issuer.uuid]))


def revocation_list_url(issuer: Issuer) -> str:
    return absolute(reverse("credentials:revocations_json", args=[issuer.uuid]))


def badge_class_url(badge_class: BadgeClass) -> str:
    return absolute(reverse("credentials:badge_class_json", args=[badge_class.uuid]))


def badge_class_image_url(badge_class: BadgeClass) -> str:
    extension = "png" if badge_class.image_kind == BadgeClass.ImageKind.PNG else "svg"
    return absolute(reverse("credentials:badge_class_image", args=[badge_class.uuid, extension]))


def assertion_url(assertion: Assertion) -> str:
    return absolute(reverse("credentials:assertion_json", args=[assertion.uuid]))


def assertion_page_url(assertion: Assertion) -> str:
    return absolute(reverse("credentials:assertion", args=[assertion.uuid]))


def issuer_document(issuer: Issuer) -> dict:
    document = {
        "@context": OPENBADGES_CONTEXT,
        "type": "Issuer",
        "id": issuer_url(issuer),
        "name": issuer.name,
        "url": issuer.url or absolute(reverse("credentials:issuer", args=[issuer.uuid])),
        "email": issuer.email,
        "revocationList": revocation_list_url(issuer),
    }
    if issuer.description:
        document["description"] = issuer.description
    return document


def badge_class_document(badge_class: BadgeClass) -> dict:
    document = {
        "@context": OPENBADGES_CONTEXT,
        "type": "BadgeClass",
        "id": badge_class_url(badge_class),
        "name": badge_class.name,
        "description": badge_class.description,
        "image": badge_class_image_url(badge_class),
        "criteria": {
            "id": absolute(reverse("credentials:badge_class", args=[badge_class.uuid])),
            "narrative": badge_class.criteria,
        },
        "issuer": issuer_url(badge_class.issuer),
    }
    if badge_class.alignments:
        document["alignment"] = [
            {"targetName": item["targetName"], "targetUrl": item["targetUrl"]}
            for item in badge_class.alignments
        ]
    return document


def assertion_document(assertion: Assertion) -> dict:
    """The hosted assertion; for a revoked one, the body the spec asks for with HTTP 410."""
    if assertion.is_revoked:
        return revoked_assertion_document(assertion)
    document = {
        "@context": OPENBADGES_CONTEXT,
        "type": "Assertion",
        "id": assertion_url(assertion),
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": assertion.recipient_salt,
            "identity": assertion.recipient_identity,
        },
        "badge": badge_class_url(assertion.badge_class),
        "issuedOn": timestamp(assertion.issued_on),
        "verification": {"type": "HostedBadge"},
    }
    if assertion.expires_at:
        document["expires"] = timestamp(assertion.expires_at)
    if assertion.evidence_url or assertion.narrative:
        evidence: dict = {}
        if assertion.evidence_url:
            evidence["id"] = assertion.evidence_url
        if assertion.narrative:
            evidence["narrative"] = assertion.narrative
        document["evidence"] = [evidence]
    return document


def revoked_assertion_document(assertion: Assertion) -> dict:
    document = {
        "@context": OPENBADGES_CONTEXT,
        "type": "Assertion",
        "id": assertion_url(assertion),
        "revoked": True,
    }
    if assertion.revocation_reason:
        document["revocationReason"] = assertion.revocation_reason
    return document


def revocation_list_document(issuer: Issuer, revoked: list[Assertion]) -> dict:
    entries = []
    for assertion in revoked:
        entry = {"id": assertion_url(assertion)}
        if assertion.revocation_reason:
            entry["revocationReason"] = assertion.revocation_reason
        entries.append(entry)
    return {
        "@context": OPENBADGES_CONTEXT,
        "type": "RevocationList",
        "id": revocation_list_url(issuer),
        "issuer": issuer_url(issuer),
        "revokedAssertions": entries,
    }
