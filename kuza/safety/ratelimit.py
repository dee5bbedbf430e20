"""A small fixed-window rate limiter on the Django cache, shared by every web worker.

    from kuza.safety import ratelimit
    if not ratelimit.hit(f"contact:{user.pk}", limit=10, period=3600):
        raise SomeError(_("You have sent many contact requests; try again in an hour."))

`hit` counts one attempt and says whether it is still within the limit. The count is kept
with the cache's atomic `add` then `incr` (atomic on Redis and in local memory; the file
cache used without Redis is close enough for abuse limits).
"""

from __future__ import annotations

import time

from django.core.cache import cache

PREFIX = "kuza-ratelimit"


def _bucket(key: str, period: int, now: float) -> str:
    return f"{PREFIX}:{key}:{period}:{int(now // period)}"


def hit(key: str, limit: int, period: int, *, now: float | None = None) -> bool:
    """Count one attempt for `key`; True while at most `limit` attempts fall in this period."""
    if limit < 1 or period < 1:
        raise ValueError("limit and period must be positive")
    moment = time.time() if now is None else now
    bucket = _bucket(key, period, moment)
    # The bucket outlives its window a little so a slow clock on one worker still finds it.
    cache.add(bucket, 0, timeout=period + 60)
    try:
        count = cache.incr(bucket)
    except ValueError:  # evicted between add and incr: start again
        cache.add(bucket, 1, timeout=period + 60)
        count = 1
    return count <= limit


def reset(key: str, period: int, *, now: float | None = None) -> None:
    """Forget the attempts for `key` in the current period (e.g. after a moderator's review)."""
    moment = time.time() if now is None else now
    cache.delete(_bucket(key, period, moment))
