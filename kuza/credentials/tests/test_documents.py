"""The hosted Open Badges documents: shape, stable absolute URLs, revocation, privacy."""

from __future__ import annotations

import json

import pytest

from kuza.accounts.tests.factories import UserFactory
from kuza.credentials import identity, services
from kuza.credentials.tests.factories import AssertionFactory, BadgeClassFactory

pytestmark = pytest.mark.django_db

SITE = "https://kuza.example.org"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def get_json(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/ld+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def test_the_assertion_names_its_recipient_only_by_a_salted_email_hash(client):
    learner = UserFactory(username="selam", email="selam@example.org")
    learner.profile.display_name = "ሰላም ተስፋዬ"
    learner.profile.save()
    assertion = AssertionFactory(
        recipient=learner,
        evidence_url="https://example.org/evidence",
        narrative="Ran three edit-a-thons.",
    )

    document = get_json(client, f"/badges/assertions/{assertion.uuid}.json")

    assert document["@context"] == "https://w3id.org/openbadges/v2"
    assert document["type"] == "Assertion"
    assert document["id"] == f"{SITE}/badges/assertions/{assertion.uuid}.json"
    assert document["badge"] == f"{SITE}/badges/classes/{assertion.badge_class.uuid}.json"
    assert document["verification"] == {"type": "HostedBadge"}
    recipient = document["recipient"]
    assert (recipient["type"], recipient["hashed"]) == ("email", True)
    assert identity.email_matches("selam@example.org", recipient["identity"], recipient["salt"])
    assert document["evidence"] == [
        {"id": "https://example.org/evidence", "narrative": "Ran three edit-a-thons."}
    ]
    assert document["issuedOn"].endswith("Z")
    raw = json.dumps(document, ensure_ascii=False)
    for private in ("selam@example.org", "selam", "ሰላም"):
        assert private not in raw


def test_expiry_is_published(client):
    rule_badge = BadgeClassFactory(valid_for_days=10)
    assertion, _ = services.assertion_issue(
        badge_class=rule_badge, recipient=UserFactory(), achievement_key="k"
    )

    document = get_json(client, f"/badges/assertions/{assertion.uuid}.json")

    assert document["expires"] > document["issuedOn"]


def test_the_badge_class_and_issuer_documents_link_up(client):
    badge_class = BadgeClassFactory(
        alignments=[{"targetName": "Wikidata", "targetUrl": "https://www.wikidata.org/"}]
    )

    badge = get_json(client, f"/badges/classes/{badge_class.uuid}.json")
    issuer = get_json(client, badge["issuer"].removeprefix(SITE))

    assert badge["type"] == "BadgeClass"
    assert badge["criteria"] == {
        "id": f"{SITE}/badges/classes/{badge_class.uuid}/",
        "narrative": "Do the *thing* well.",
    }
    assert badge["image"] == f"{SITE}/badges/classes/{badge_class.uuid}/image.svg"
    assert badge["alignment"] == [
        {"targetName": "Wikidata", "targetUrl": "https://www.wikidata.org/"}
    ]
    assert issuer["type"] == "Issuer"
    assert issuer["id"] == badge["issuer"]
    assert (issuer["name"], issuer["email"]) == (badge_class.issuer.name, badge_class.issuer.email)
    assert (
        issuer["revocationList"]
        == f"{SITE}/badges/issuers/{badge_class.issuer.uuid}/revocations.json"
    )


def test_a_revoked_assertion_answers_410_gone_and_is_listed_with_its_reason(client):
    assertion = AssertionFactory()
    kept = AssertionFactory(badge_class=assertion.badge_class)
    organiser = UserFactory(is_staff=True)
    services.assertion_revoke(assertion=assertion, actor=organiser, reason="Plagiarised work.")

    gone = get_json(client, f"/badges/assertions/{assertion.uuid}.json", status=410)
    listed = get_json(
        client, f"/badges/issuers/{assertion.badge_class.issuer.uuid}/revocations.json"
    )

    assert gone == {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": f"{SITE}/badges/assertions/{assertion.uuid}.json",
        "revoked": True,
        "revocationReason": "Plagiarised work.",
    }
    assert listed["type"] == "RevocationList"
    assert listed["revokedAssertions"] == [
        {"id": gone["id"], "revocationReason": "Plagiarised work."}
    ]
    assert str(kept.uuid) not in json.dumps(listed)


def test_unknown_documents_are_404(client):
    for url in (
        "/badges/assertions/00000000-0000-0000-0000-000000000000.json",
        "/badges/classes/00000000-0000-0000-0000-000000000000.json",
        "/badges/issuers/00000000-0000-0000-0000-000000000000.json",
    ):
        assert client.get(url).status_code == 404
