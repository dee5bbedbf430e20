"""Django's Redis cache, made to degrade instead of fail while Redis is unreachable.

Kuza's cache only ever holds what can be recomputed (rendered maps, metrics, rate-limit
counters, short locks), and sessions live in the database. So when Redis is down a page is
slower, not broken: a read is a miss, a write is dropped, `add` reports "not added" (a lock
is not taken, so the guarded work is skipped rather than doubled) and `incr` reports a
missing key (rate limits start counting afresh, i.e. they fail open). The one exception is
the short lock django-allauth takes around each of its rate-limit checks: allauth answers 429
when it cannot take it, which in an outage would refuse every sign-in and password reset, so
that lock counts as taken and allauth's limits fail open too. Each failure is logged;
`/healthz` answers 503 naming the task queue, so the outage is seen, not hidden.
"""

from __future__ import annotations

import logging
import re

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# allauth.core.internal.ratelimit: "allauth:rl:<app>:<action>:<rate>:<source>:lock", after
# Django's key prefix and version.
_RATE_LIMIT_LOCK = re.compile(r"(^|:)allauth:rl:.*:lock$")


def _unreachable(operation: str, error: Exception) -> None:
    logger.warning("cache %s skipped, Redis unreachable: %s", operation, error)


class ResilientRedisCacheClient(RedisCacheClient):
    def add(self, key, value, timeout):
        try:
            return super().add(key, value, timeout)
        except UNREACHABLE as error:
            _unreachable("add", error)
            return bool(_RATE_LIMIT_LOCK.search(key))

    def get(self, key, default):
        try:
            return super().get(key, default)
        except UNREACHABLE as error:
            _unreachable("get", error)
            return default

    def set(self, key, value, timeout):
        try:
            super().set(key, value, timeout)
        except UNREACHABLE as error:
            _unreachable("set", error)

    def touch(self, key, timeout):
        try:
            return super().touch(key, timeout)
        except UNREACHABLE as error:
            _unreachable("touch", error)
            return False

    def delete(self, key):
        try:
            return super().delete(key)
        except UNREACHABLE as error:
            _unreachable("delete", error)
            return False

    def get_many(self, keys):
        try:
            return super().get_many(keys)
        except UNREACHABLE as error:
            _unreachable("get_many", error)
            return {}

    def has_key(self, key):
        try:
            return super().has_key(key)
        except UNREACHABLE as error:
            _unreachable("has_key", error)
            return False

    def incr(self, key, delta):
        try:
            return super().incr(key, delta)
        except UNREACHABLE as error:
            _unreachable("incr", error)
            # What Django's caches raise for a missing key; callers already handle it.
            raise ValueError(f"Key '{key}' not found (Redis unreachable).") from error

    def set_many(self, data, timeout):
        try:
            super().set_many(data, timeout)
        except UNREACHABLE as error:
            _unreachable("set_many", error)

    def delete_many(self, keys):
        try:
            super().delete_many(keys)
        except UNREACHABLE as error:
            _unreachable("delete_many", error)

    def clear(self):
        try:
            return super().clear()
        except UNREACHABLE as error:
            _unreachable("clear", error)
            return False


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
