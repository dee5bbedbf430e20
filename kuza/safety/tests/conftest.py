"""Named personas for the safety tests: a report about a member of one organisation."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kuza.accounts.tests.factories import UserFactory
from kuza.safety import services
from kuza.safety.models import Report
from kuza.safety.tests.factories import MembershipFactory, ModeratorRoleFactory


@dataclass
class Cast:
    reporter: object
    reported: object
    other_member: object
    other_org_moderator: object
    org_moderator: object
    platform_moderator: object
    staff: object
    report: Report


@pytest.fixture
def cast(db) -> Cast:
    """Neema reports Baraka, a member of Wiki Women of the Lakes, moderated by Wanjiru."""
    reporter = UserFactory(username="neema")
    reported = UserFactory(username="baraka")
    membership = MembershipFactory(user=reported)
    org_moderator = ModeratorRoleFactory(
        user=UserFactory(username="wanjiru"), organisation=membership.organisation
    ).user
    other_org_moderator = ModeratorRoleFactory(user=UserFactory(username="sophie")).user
    platform_moderator = ModeratorRoleFactory(
        user=UserFactory(username="thandeka"), organisation=None
    ).user
    staff = UserFactory(username="staffer", is_staff=True)
    report = services.report_create(
        reporter=reporter,
        kind="person",
        target_id=reported.pk,
        description="He keeps messaging me at night after I said no.",
        evidence_links=["https://example.org/messages/1"],
    )
    return Cast(
        reporter=reporter,
        reported=reported,
        other_member=UserFactory(username="zawadi"),
        other_org_moderator=other_org_moderator,
        org_moderator=org_moderator,
        platform_moderator=platform_moderator,
        staff=staff,
        report=report,
    )
