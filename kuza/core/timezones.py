"""IANA time zone names, checked against the zone database once per process."""

from __future__ import annotations

import zoneinfo
from functools import cache


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def is_time_zone(name: str) -> bool:
    """Whether `name` is an IANA time zone such as Africa/Nairobi."""
    return name in _known_zones()
