"""Pure figures for programme reports: progress towards a target, totals of support requests,
and trend series. No Django: the callers pass plain values."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal


def distinct_count(values: Iterable[object]) -> int:
    """How many different non-empty values: empty strings and None are not a value."""
    return len({value for value in values if value not in (None, "")})


def plain_decimal(value: Decimal) -> Decimal:
    """`value` without trailing zeros and never in exponent form: 150.00 -> 150, 2.50 -> 2.5.

    (`Decimal.normalize` alone turns 150 into 1.5E+2.)
    """
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal.as_tuple().exponent > 0 else normal


def progress_percent(current: Decimal, target: Decimal) -> int:
    """Whole percent of the target reached, rounded down; a zero target is met at once (100)."""
    if target <= 0:
        return 100
    if current <= 0:
        return 0
    return int(current * 100 // target)


@dataclass(frozen=True)
class Pace:
    """Where a key result stands: `met`, `on_track`, `behind` or `missed` (deadline passed)."""

    state: str
    expected: Decimal  # what a straight line from 0 at the start to the target gives today


def pace(*, current: Decimal, target: Decimal, start: date, deadline: date, today: date) -> Pace:
    """Compare the value with a straight line from zero at `start` to `target` at `deadline`."""
    if current >= target:
        return Pace("met", target)
    if today > deadline:
        return Pace("missed", target)
    span = (deadline - start).days
    elapsed = min(max((today - start).days, 0), span)
    expected = target if span <= 0 else target * elapsed / span
    return Pace("on_track" if current >= expected else "behind", expected)


@dataclass(frozen=True)
class MoneyTotal:
    currency: str
    status: str
    count: int
    amount: Decimal


def support_totals(requests: Iterable[tuple[str, str, Decimal]]) -> list[MoneyTotal]:
    """(currency, status, amount) rows -> one total per currency and status, sorted.

    Amounts in different currencies are never added together: there is no exchange rate
    that would be right for everyone reading the report.
    """
    sums: dict[tuple[str, str], tuple[int, Decimal]] = {}
    for currency, status, amount in requests:
        count, total = sums.get((currency, status), (0, Decimal(0)))
        sums[(currency, status)] = (count + 1, total + amount)
    return [
        MoneyTotal(currency=currency, status=status, count=count, amount=amount)
        for (currency, status), (count, amount) in sorted(sums.items())
    ]


def trend_points(
    snapshots: Iterable[tuple[date, Decimal]], *, today: date, current: Decimal
) -> list[tuple[date, Decimal]]:
    """Stored (day, value) pairs in order, with today's live value replacing or ending them."""
    points = {day: value for day, value in snapshots if day < today}
    points[today] = current
    return sorted(points.items())
