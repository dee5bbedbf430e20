"""Reusable check that blocks and suspensions hold in a feature (for any app's tests).

A feature provides a *probe*: `probe(world) -> bool`, True when `world.viewer` can find, reach
or be paired with `world.other` in that feature (set up whatever it needs from the world).
`assert_blocks_and_suspension_hold(probe)` then checks that the probe is True at first and
False after each of: the viewer blocks the other, the other blocks the viewer, the other is
suspended by a platform moderator. Surveys or programmes can reuse it in their own tests:

    from kuza.safety.tests.cross_feature import SCENARIOS, assert_holds, make_world

    @pytest.mark.parametrize("scenario", SCENARIOS)
    def test_blocks_and_suspension_hold_in_surveys(scenario, client):
        world = make_world(client)
        assert_holds(world, scenario, probe=lambda w: ...)

(add it to `test_across_features.FEATURES` too once the app is in main).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kuza.mentorship.tests.factories import mentor, person
from kuza.safety import moderation, services
from kuza.safety.tests.factories import ModeratorRoleFactory

SCENARIOS = ("viewer blocks other", "other blocks viewer", "other is suspended")


@dataclass
class World:
    """Two members who can see each other (the other can mentor Wikidata, lives in Ghana)."""

    client: object
    viewer: object
    other: object
    extra: dict = field(default_factory=dict)


def make_world(client) -> World:
    return World(
        client=client,
        viewer=person("viewer-amani"),
        other=mentor("other-baraka", country="GH", languages=("en",)),
    )


def apply(world: World, scenario: str) -> None:
    if scenario == "viewer blocks other":
        services.block_create(blocker=world.viewer, blocked=world.other)
    elif scenario == "other blocks viewer":
        services.block_create(blocker=world.other, blocked=world.viewer)
    elif scenario == "other is suspended":
        witness = person("witness-juma")
        report = services.report_create(
            reporter=witness,
            kind="person",
            target_id=world.other.pk,
            description="Threats in private messages.",
            evidence_links="",
        )
        moderation.member_suspend(
            moderator=ModeratorRoleFactory(organisation=None).user, report=report, reason="x"
        )
        world.other.refresh_from_db()
    else:
        raise ValueError(scenario)


def assert_holds(world: World, scenario: str, probe: Callable[[World], bool]) -> None:
    assert probe(world), "the probe must see the other person before any block or suspension"
    apply(world, scenario)
    assert not probe(world), f"still visible or reachable after: {scenario}"
