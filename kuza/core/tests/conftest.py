"""Fixtures shared by the core test modules."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """One `kuza run` serving the demo, shared by the browser tests that only read it or add
    to it: preparing a server (migrations and the demo) is the costliest step of the browser
    stage, over a minute of CPU on a busy CI machine."""
    from kuza.core.tests.test_browser import kuza_run

    # Migrating and loading the demo is most of the wait; a busy CI machine needs longer.
    with kuza_run(tmp_path_factory.mktemp("demo-server"), startup_seconds=900) as run:
        yield run["url"]
