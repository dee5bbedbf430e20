"""The official Open Badges validator checks Kuza's hosted badges, served by a live server.

The validator runs in its own virtual environment (kuza/credentials/testing/validator_env.py),
built on first use from the package registry; its fetches of the Open Badges JSON-LD context
are answered from the copy bundled in the validator package (see run_validator.py). Nothing of
Kuza is mocked: the validator fetches the assertion, badge class, issuer and image over HTTP.
"""

from __future__ import annotations

import pytest

from kuza.accounts.tests.factories import UserFactory
from kuza.core.conftest_helpers import require
from kuza.credentials import documents, services
from kuza.credentials.testing import validator_env
from kuza.credentials.tests.factories import BadgeClassFactory, MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def validator_python():
    python, problem = validator_env.ensure_validator_python()
    require(python, problem)
    return python


@pytest.fixture
def hosted(live_server, settings, validator_python):
    settings.SITE_URL = live_server.url
    organiser = MembershipFactory(user=UserFactory(username="zawadi")).user
    badge_class = BadgeClassFactory(
        issuer__organisation=organiser.memberships.get().organisation,
        issuer__url=f"{live_server.url}/",
        valid_for_days=365,
    )
    learner = UserFactory(username="neema", email="Neema.Mushi@Example.org")
    assertion, _created = services.assertion_award_manual(
        badge_class=badge_class,
        actor=organiser,
        recipient=learner,
        evidence_url="https://quote.wikipedia.org/wiki/Special:Contributions/Neema",
        narrative="Added 40 sourced quotes.",
    )
    return organiser, learner, assertion


def messages_of(report: dict) -> str:
    return "\n".join(message["result"] for message in report["report"]["messages"])


def test_a_fresh_assertion_is_valid_and_matches_the_recipient_email(hosted):
    _organiser, learner, assertion = hosted

    result = validator_env.run_validator(
        documents.assertion_url(assertion), email="neema.mushi@example.org"
    )

    assert result["report"]["valid"] is True, messages_of(result)
    assert result["report"]["errorCount"] == 0, messages_of(result)
    assert result["report"]["recipientProfile"] == {"email": "neema.mushi@example.org"}
    types = {node.get("type") for node in result["graph"]}
    assert {"Assertion", "BadgeClass", "Issuer"} <= types


def test_the_validator_refuses_the_badge_for_someone_else(hosted):
    _organiser, _learner, assertion = hosted

    result = validator_env.run_validator(
        documents.assertion_url(assertion), email="someone.else@example.org"
    )

    assert result["report"]["valid"] is False
    assert "did not match" in messages_of(result)


def test_a_revoked_assertion_is_reported_invalid(hosted):
    organiser, _learner, assertion = hosted
    services.assertion_revoke(assertion=assertion, actor=organiser, reason="Duplicate award.")

    result = validator_env.run_validator(
        documents.assertion_url(assertion), email="neema.mushi@example.org"
    )

    # The validator has no hosted-revocation check of its own: it fetches the 410 Gone body
    # ({"revoked": true, "revocationReason": ...}), which no longer vouches for anyone.
    assert result["report"]["valid"] is False
    assert "Required property recipient not present" in messages_of(result)
    assert "Required property badge not present" in messages_of(result)


def test_a_baked_png_carries_an_assertion_the_validator_accepts(hosted, client, tmp_path):
    _organiser, learner, assertion = hosted
    client.force_login(learner)
    baked = tmp_path / "badge.png"
    baked.write_bytes(client.get(f"/badges/assertions/{assertion.uuid}/badge.png").content)

    result = validator_env.run_validator(str(baked), email="neema.mushi@example.org", is_file=True)

    assert result["report"]["valid"] is True, messages_of(result)
