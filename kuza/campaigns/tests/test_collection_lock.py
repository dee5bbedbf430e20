"""The collection lock dies with its holder (see locking.py); a live holder keeps it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from kuza.campaigns import locking
from kuza.campaigns.locking import CollectionRunning, collection_lock
from kuza.campaigns.models import CollectionLease
from kuza.campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def _finished_pid() -> int:
    """The id of a process that has run and exited (and been reaped): a killed collector."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(child.stdout)


def _lease(campaign, *, pid: int, host: str | None = None, seconds: int = 30) -> None:
    CollectionLease.objects.create(
        campaign=campaign,
        token="other",
        host=host or socket.gethostname(),
        pid=pid,
        expires_at=timezone.now() + timedelta(seconds=seconds),
    )


def test_a_second_collection_in_the_same_process_steps_aside() -> None:
    campaign = CampaignFactory()
    with collection_lock(campaign.pk):
        with pytest.raises(CollectionRunning), collection_lock(campaign.pk):
            pass
        with collection_lock(CampaignFactory().pk):
            pass  # another campaign is not blocked
    with collection_lock(campaign.pk):
        pass  # released


def test_a_lease_of_a_live_process_blocks_until_it_expires() -> None:
    campaign = CampaignFactory()
    _lease(campaign, pid=os.getppid())  # alive: the process that started the tests
    with pytest.raises(CollectionRunning), locking._lease(campaign.pk):
        pass
    CollectionLease.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with locking._lease(campaign.pk):
        assert CollectionLease.objects.get().pid == os.getpid()
    assert not CollectionLease.objects.exists()


def test_a_lease_of_a_killed_process_is_free_at_once() -> None:
    campaign = CampaignFactory()
    _lease(campaign, pid=_finished_pid(), seconds=3600)
    with locking._lease(campaign.pk):
        assert CollectionLease.objects.get().pid == os.getpid()


def test_a_lease_held_on_another_machine_is_trusted_until_it_expires() -> None:
    campaign = CampaignFactory()
    _lease(campaign, pid=_finished_pid(), host="another-host.invalid")
    with pytest.raises(CollectionRunning), locking._lease(campaign.pk):
        pass


@pytest.mark.django_db(transaction=True)  # the heartbeat writes from its own connection
def test_the_heartbeat_keeps_the_lease_alive(monkeypatch) -> None:
    monkeypatch.setattr(locking, "LEASE_SECONDS", 0.3)
    campaign = CampaignFactory()
    with locking._lease(campaign.pk):
        first = CollectionLease.objects.get().expires_at
        deadline = timezone.now() + timedelta(seconds=5)
        while CollectionLease.objects.get().expires_at == first and timezone.now() < deadline:
            pass
        assert CollectionLease.objects.get().expires_at > first


@pytest.mark.postgres_only
def test_an_advisory_lock_is_released_when_its_connection_ends() -> None:
    import psycopg

    campaign = CampaignFactory()
    settings = connection.settings_dict
    other = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        autocommit=True,
    )
    other.execute("SELECT pg_advisory_lock(%s, %s)", [locking.ADVISORY_NAMESPACE, campaign.pk])
    with pytest.raises(CollectionRunning), collection_lock(campaign.pk):
        pass
    other.close()  # what the server sees when a collector is killed
    # The server ends the closed session's backend a moment later: wait until its locks go.
    deadline = timezone.now() + timedelta(seconds=30)
    with connection.cursor() as cursor:
        while timezone.now() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s "
                "AND pid <> pg_backend_pid()",
                [campaign.pk],
            )
            if cursor.fetchone()[0] == 0:
                break
    with collection_lock(campaign.pk):
        pass
