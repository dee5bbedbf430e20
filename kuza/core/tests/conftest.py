"""Fixtures shared by the core test modules."""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

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


@pytest.fixture
def migrated_home(tmp_path, tmp_path_factory, worker_id) -> Path:
    """A KUZA_HOME of its own whose SQLite database `kuza migrate` brought up to date, for
    tests that start `kuza` commands needing the tables (but no data).

    Migrating a fresh database takes 10 to 20 s: it is done once per test run, into a home
    shared by the test processes (under a lock), and each test gets a copy of the result."""
    # xdist workers' temporary folders share a parent that belongs to this run only.
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent
    template = shared / "migrated-home" / "kuza.sqlite3"
    with (shared / "migrated-home.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            template.parent.mkdir(exist_ok=True)
            env = {**os.environ, "KUZA_HOME": str(template.parent), "DATABASE_URL": ""}
            migrated = subprocess.run(  # noqa: S603
                [sys.executable, "-m", "kuza.cli", "migrate", "-v", "0"],
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert migrated.returncode == 0, migrated.stderr
    home = tmp_path / "home"
    home.mkdir()
    # The backup API copies a consistent database whatever its journal (WAL) holds.
    with (
        contextlib.closing(sqlite3.connect(template)) as source,
        contextlib.closing(sqlite3.connect(home / "kuza.sqlite3")) as copy,
    ):
        source.backup(copy)
    return home
