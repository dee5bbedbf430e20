"""Pure figures: progress, pace, support totals and trend series."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kuza.programs.figures import (
    MoneyTotal,
    distinct_count,
    pace,
    progress_percent,
    support_totals,
    trend_points,
)

START, DEADLINE = date(2026, 1, 1), date(2026, 1, 11)


def test_distinct_count_ignores_empty_values():
    assert distinct_count(["KE", "KE", "FR", "", None]) == 2


def test_progress_is_rounded_down_and_a_zero_target_is_met():
    assert progress_percent(Decimal("149"), Decimal("150")) == 99
    assert progress_percent(Decimal("300"), Decimal("150")) == 200
    assert progress_percent(Decimal("0"), Decimal("0")) == 100
    assert progress_percent(Decimal("-3"), Decimal("10")) == 0


def test_pace_compares_with_a_straight_line_to_the_target():
    halfway = START + timedelta(days=5)
    assert (
        pace(
            current=Decimal(5), target=Decimal(10), start=START, deadline=DEADLINE, today=halfway
        ).state
        == "on_track"
    )
    assert (
        pace(
            current=Decimal(4), target=Decimal(10), start=START, deadline=DEADLINE, today=halfway
        ).state
        == "behind"
    )
    assert (
        pace(
            current=Decimal(10), target=Decimal(10), start=START, deadline=DEADLINE, today=halfway
        ).state
        == "met"
    )
    late = DEADLINE + timedelta(days=1)
    assert (
        pace(
            current=Decimal(9), target=Decimal(10), start=START, deadline=DEADLINE, today=late
        ).state
        == "missed"
    )
    assert (
        pace(
            current=Decimal(0),
            target=Decimal(10),
            start=START,
            deadline=DEADLINE,
            today=START - timedelta(days=3),
        ).expected
        == 0
    )


def test_support_totals_never_add_different_currencies_or_statuses():
    rows = [
        ("KES", "approved", Decimal("1500")),
        ("KES", "approved", Decimal("500.50")),
        ("KES", "pending", Decimal("100")),
        ("EUR", "approved", Decimal("250")),
    ]

    assert support_totals(rows) == [
        MoneyTotal("EUR", "approved", 1, Decimal("250")),
        MoneyTotal("KES", "approved", 2, Decimal("2000.50")),
        MoneyTotal("KES", "pending", 1, Decimal("100")),
    ]


# Whole cents as integers: cheaper to draw than st.decimals, so a loaded machine does not trip
# Hypothesis's "input generation is slow" health check.
money = st.integers(min_value=1, max_value=100_000_000).map(lambda cents: Decimal(cents) / 100)
row = st.tuples(
    st.sampled_from(["KES", "XOF", "EUR"]), st.sampled_from(["pending", "approved"]), money
)


@given(st.lists(row, max_size=40))
def test_support_totals_add_up_to_every_request_once(rows):
    totals = support_totals(rows)

    assert sum(total.count for total in totals) == len(rows)
    for currency in {"KES", "XOF", "EUR"}:
        assert sum(t.amount for t in totals if t.currency == currency) == sum(
            (amount for c, _status, amount in rows if c == currency), Decimal(0)
        )
    assert len({(t.currency, t.status) for t in totals}) == len(totals)


@given(
    st.dictionaries(st.dates(date(2025, 1, 1), date(2026, 12, 31)), money, max_size=30),
    st.dates(date(2025, 1, 1), date(2026, 12, 31)),
    money,
)
def test_a_trend_is_ordered_ends_today_with_the_live_value(snapshots, today, current):
    points = trend_points(snapshots.items(), today=today, current=current)

    assert points[-1] == (today, current)
    assert [day for day, _value in points] == sorted(
        {day for day in snapshots if day < today} | {today}
    )
