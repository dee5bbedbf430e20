"""Killing a real collection process and rerunning it: the helpers the kill tests share
(test_collection_killed.py for the wikis' steps, test_wikidata.py for the Wikidata step).

A collection that is killed runs as its own process (collect_child.py) against the real wiki
farm and a database it shares with the test: the PostgreSQL test database itself, or on
SQLite a copy of the in-memory test database in a file, read back once the child is dead.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

from kuza.campaigns.collection import campaign_collect
from kuza.campaigns.locking import ADVISORY_NAMESPACE
from kuza.campaigns.models import Campaign
from kuza.campaigns.tests.sync_world import make_client

WORKTREE = Path(__file__).resolve().parents[3]


class SharedDatabase:
    """The database the child processes use: this test's own on PostgreSQL; on SQLite, whose
    test database lives in this process's memory, a file copied out and back."""

    def __init__(self, folder: Path) -> None:
        self.file = folder / "shared.sqlite3"

    @property
    def is_sqlite(self) -> bool:
        return connection.vendor == "sqlite"

    def url(self) -> str:
        if self.is_sqlite:
            return f"sqlite:///{self.file}"
        db = connection.settings_dict
        user = db["USER"] or "postgres"
        return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"

    def hand_over(self) -> None:
        if self.is_sqlite:
            connection.ensure_connection()
            with sqlite3.connect(self.file) as target:
                connection.connection.backup(target)

    def take_back(self, campaign: Campaign) -> None:
        """Read back what the killed child left. On PostgreSQL the server ends the dead child's
        session when it reads the closed socket, a few milliseconds after the kill, more on a
        loaded machine: until then its advisory lock is rightly held, so wait for that."""
        if self.is_sqlite:
            source = sqlite3.connect(self.file)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
            return
        deadline = time.monotonic() + 30
        while _advisory_lock_held(campaign.pk):
            assert time.monotonic() < deadline, "the dead child's session kept its lock for 30 s"
            time.sleep(0.05)


def _advisory_lock_held(campaign_id: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND classid = %s AND objid = %s AND objsubid = 2",
            [ADVISORY_NAMESPACE, campaign_id],
        )
        (held,) = cursor.fetchone()
    return held > 0


def child_environment(database: SharedDatabase) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database.url(),
        "DJANGO_SETTINGS_MODULE": "kuza.settings",
        "PYTHONPATH": str(WORKTREE),
    }


def start_child(database: SharedDatabase, slug: str, *pause: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kuza.campaigns.tests.collect_child", slug, *pause],
        cwd=WORKTREE,
        env=child_environment(database),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def collect_here(campaign: Campaign) -> None:
    """A whole collection in this process, as the worker or `kuza campaign-sync` runs it."""
    collected = campaign_collect(campaign, client=make_client())
    assert collected is not None, "the lock of a dead collection was still held"
    assert not collected.report.errors, collected.report.errors


def kill_at(database: SharedDatabase, slug: str, kind: str, page: int) -> None:
    """Start a collection, wait until it committed `page` pages of `kind`, then kill -9 it."""
    child = start_child(database, slug, kind, str(page))
    try:
        line = child.stdout.readline() if child.stdout else ""
        assert line.strip() == "PAUSED", child.stderr.read() if child.stderr else line
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
