"""Fixtures shared by the core test modules."""

from __future__ import annotations

import pytest

# The campaigns' session farm of real local MediaWiki wikis, for the organiser's journey.
from kuza.campaigns.tests.conftest import wiki_farm  # noqa: F401 - a fixture, reused


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """One `kuza run` serving the demo, shared by the browser tests that only read it or add
    to it: preparing a server (migrations and the demo) is the costliest step of the browser
    stage, over a minute of CPU on a busy CI machine.

    It accepts wikis on this machine (KUZA_CAMPAIGNS_ALLOW_PRIVATE_WIKIS), so the organiser's
    journey collects a campaign from a real local MediaWiki of the wiki farm."""
    from kuza.core.tests.test_browser import kuza_run

    # Migrating and loading the demo is most of the wait; a busy CI machine needs longer.
    with kuza_run(
        tmp_path_factory.mktemp("demo-server"),
        startup_seconds=900,
        environment={"KUZA_CAMPAIGNS_ALLOW_PRIVATE_WIKIS": "true"},
    ) as run:
        yield run["url"]
