"""Time zones of events and of the people looking at them."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime

from kuza.core.timezones import is_time_zone

DEFAULT_ZONE = "UTC"


def zone(name: str) -> zoneinfo.ZoneInfo:
    """The zone called `name`, or UTC when the name is empty or unknown."""
    return zoneinfo.ZoneInfo(name if is_time_zone(name) else DEFAULT_ZONE)


def viewer_time_zone(user) -> str:
    """The viewer's own time zone from their profile, or UTC when they have none.

    Read defensively: visitors have no profile, and a profile may have no time zone.
    """
    profile = getattr(user, "profile", None) if user is not None else None
    name = getattr(profile, "time_zone", "") or ""
    return name if is_time_zone(name) else DEFAULT_ZONE


class NonexistentLocalTime(ValueError):
    """A wall-clock time skipped by a daylight-saving change in that zone."""


def local_to_utc(wall_clock: datetime, zone_name: str) -> datetime:
    """The UTC instant of a naive wall-clock time in `zone_name`.

    Times repeated when clocks go back mean their first occurrence; times skipped when
    clocks go forward raise NonexistentLocalTime rather than silently moving.
    """
    if wall_clock.tzinfo is not None:
        raise ValueError("expected a naive wall-clock time")
    local_zone = zone(zone_name)
    aware = wall_clock.replace(tzinfo=local_zone, fold=0)
    instant = aware.astimezone(UTC)
    if instant.astimezone(local_zone).replace(tzinfo=None) != wall_clock:
        raise NonexistentLocalTime(str(wall_clock))
    return instant


def utc_to_local(instant: datetime, zone_name: str) -> datetime:
    """The naive wall-clock time of `instant` in `zone_name`."""
    return instant.astimezone(zone(zone_name)).replace(tzinfo=None)


def validate_time_zone(value: str) -> None:
    """Model validator: an IANA time zone name such as Africa/Nairobi."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if not is_time_zone(value):
        raise ValidationError(
            _("“%(value)s” is not a time zone name; use one like Africa/Nairobi."),
            params={"value": value},
        )
