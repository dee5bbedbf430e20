"""Rules that keep the capacity map from singling anyone out (pure: no Django).

Any count below `SMALL_COUNT` is never shown as a number, in the table or on the map; a gap
(needs minus offers) is only computed when both sides are shown, since a gap of 5 next to
"needs: 7" would give away "offers: 2".
"""

from __future__ import annotations

from dataclasses import dataclass

SMALL_COUNT = 3
# Lower bounds of the map's colour bands for counts; the first band is "fewer than 3".
COUNT_BANDS = (1, SMALL_COUNT, 10, 25)


@dataclass(frozen=True)
class Shown:
    """A count as it may be shown: `value` is None when it is below the small-count limit."""

    value: int | None

    @property
    def is_small(self) -> bool:
        return self.value is None


def shown(count: int) -> Shown:
    if count < 0:
        raise ValueError("a count cannot be negative")
    return Shown(count if count >= SMALL_COUNT else None)


def gap(needs: Shown, offers: Shown) -> int | None:
    """Needs minus offers, or None when either side is too small to show."""
    if needs.value is None or offers.value is None:
        return None
    return needs.value - offers.value


def count_band(count: int) -> int | None:
    """Index of the colour band for a raw count (0 = fewer than 3), or None for zero."""
    if count < 0:
        raise ValueError("a count cannot be negative")
    band = None
    for index, lower in enumerate(COUNT_BANDS):
        if count >= lower:
            band = index
    return band


def gap_band(needs: Shown, offers: Shown) -> int | None:
    """0: too few to say, 1: offers meet needs, 2: needs exceed offers; None: nothing at all."""
    if needs.value is None and offers.value is None:
        return 0
    difference = gap(needs, offers)
    if difference is None:
        return 0
    return 2 if difference > 0 else 1
