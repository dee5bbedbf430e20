"""One collection of a campaign at a time, with a lock that dies with its holder.

Two collections of one campaign would fetch the same pages twice and overwrite each other's
resume points, so the second steps aside. A collection killed with `kill -9` (or an
out-of-memory kill, a host reboot) must never block the next one, so the lock is not a flag
with a timeout but something its holder keeps alive:

- on PostgreSQL, a session advisory lock on the collection's database connection: the
  server releases it the moment that connection ends, whatever ended the process;
- on SQLite, which has no such lock, a lease row (`CollectionLease`) that a heartbeat thread
  renews every `LEASE_SECONDS / 3`. A lease whose holder stopped renewing it is free once it
  expires, and at once when its holder was a process on this machine that no longer exists.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone

from kuza.campaigns.models import CollectionLease

# Keys of campaign collections in PostgreSQL's two-integer advisory lock space ("KuzaCamp").
ADVISORY_NAMESPACE = 0x4B43
LEASE_SECONDS = 30


class CollectionRunning(Exception):  # noqa: N818 - a situation, not a fault
    """Another live collection of this campaign holds the lock."""


@contextmanager
def collection_lock(campaign_id: int) -> Iterator[None]:
    """Hold the collection lock of `campaign_id` for the block; raise CollectionRunning
    when a live collection already holds it."""
    if connection.vendor == "postgresql":
        with _advisory_lock(campaign_id):
            yield
    else:
        with _lease(campaign_id):
            yield


# Advisory locks are re-entrant within one database session; collections in this process
# are refused here first, so a second collection started on the same connection steps aside.
_held_here: set[int] = set()
_held_here_guard = threading.Lock()


@contextmanager
def _advisory_lock(campaign_id: int) -> Iterator[None]:
    with _held_here_guard:
        if campaign_id in _held_here:
            raise CollectionRunning(campaign_id)
        _held_here.add(campaign_id)
    try:
        with _advisory_session_lock(campaign_id):
            yield
    finally:
        with _held_here_guard:
            _held_here.discard(campaign_id)


@contextmanager
def _advisory_session_lock(campaign_id: int) -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [ADVISORY_NAMESPACE, campaign_id])
        (taken,) = cursor.fetchone()
    if not taken:
        raise CollectionRunning(campaign_id)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [ADVISORY_NAMESPACE, campaign_id])


def _this_host() -> str:
    return socket.gethostname()[:200]


def _holder_is_dead(lease: CollectionLease) -> bool:
    """A holder on this machine whose process is gone is dead; elsewhere only expiry tells."""
    if lease.host != _this_host():
        return False
    try:
        os.kill(lease.pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, owned by another user
    return False


def _take_lease(campaign_id: int, token: str) -> None:
    now = timezone.now()
    with transaction.atomic():
        current = CollectionLease.objects.filter(campaign_id=campaign_id).first()
        if current is not None:
            if current.expires_at > now and not _holder_is_dead(current):
                raise CollectionRunning(campaign_id)
            current.delete()
        try:
            with transaction.atomic():
                CollectionLease.objects.create(
                    campaign_id=campaign_id,
                    token=token,
                    host=_this_host(),
                    pid=os.getpid(),
                    expires_at=now + timedelta(seconds=LEASE_SECONDS),
                )
        except IntegrityError:
            raise CollectionRunning(campaign_id) from None


class _Heartbeat(threading.Thread):
    """Renews the lease until told to stop; a renewal that meets a busy database is tried
    again at the next beat, well before the lease expires."""

    def __init__(self, campaign_id: int, token: str) -> None:
        super().__init__(name=f"campaign-{campaign_id}-lease", daemon=True)
        self.campaign_id, self.token = campaign_id, token
        self.stopping = threading.Event()

    def run(self) -> None:
        from django.db import connections

        try:
            while not self.stopping.wait(LEASE_SECONDS / 3):
                try:
                    CollectionLease.objects.filter(
                        campaign_id=self.campaign_id, token=self.token
                    ).update(expires_at=timezone.now() + timedelta(seconds=LEASE_SECONDS))
                except OperationalError:
                    continue
        finally:
            connections.close_all()  # this thread's own connections


@contextmanager
def _lease(campaign_id: int) -> Iterator[None]:
    token = uuid.uuid4().hex
    _take_lease(campaign_id, token)
    heartbeat = _Heartbeat(campaign_id, token)
    heartbeat.start()
    try:
        yield
    finally:
        heartbeat.stopping.set()
        heartbeat.join()
        CollectionLease.objects.filter(campaign_id=campaign_id, token=token).delete()
