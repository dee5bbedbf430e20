"""The programme report: each key result with its current value, progress, pace and trend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kuza.programs import figures, measures, services
from kuza.programs.models import KeyResult, Programme, Snapshot

# How the report names each `figures.Pace` state (the page and the CSV say the same).
PACE_LABELS = {
    "met": _("Target met"),
    "on_track": _("On track"),
    "behind": _("Behind the straight line to the target"),
    "missed": _("Deadline passed"),
}


@dataclass(frozen=True)
class ResultRow:
    key_result: KeyResult
    measure: measures.Measure | None
    current: Decimal | None
    percent: int | None
    pace: figures.Pace | None
    trend: list[tuple[date, Decimal]]

    @property
    def pace_label(self) -> str:
        return str(PACE_LABELS[self.pace.state]) if self.pace else ""


def report_rows(
    programme: Programme, *, snapshot: bool = True, only: int | None = None
) -> list[ResultRow]:
    """Every key result of `programme`, measured now.

    With `snapshot`, today's value is stored for key results that have none yet today, so
    viewing the report records the trend at most once a day (the daily job does the rest).
    """
    today = timezone.localdate()
    key_results = programme.key_results.select_related("programme")
    if only is not None:
        key_results = key_results.filter(pk=only)
    key_results = list(key_results)
    # What the measures count is read once for all the key results, a query of each kind.
    facts = measures.ProgrammeFacts(programme)
    currents = {
        key_result.pk: measures.current_value(key_result, facts) for key_result in key_results
    }
    stored: dict[int, list[tuple[date, Decimal]]] = {}
    for key_result_id, day, value in Snapshot.objects.filter(
        key_result__in=key_results
    ).values_list("key_result_id", "taken_on", "value"):
        stored.setdefault(key_result_id, []).append((day, value))
    if snapshot:
        # Today's stored value is replaced by the live one in the trend: the snapshots read
        # above serve the trend and tell which key results still need today's.
        services.snapshots_take_missing(
            values={key_result: currents[key_result.pk] for key_result in key_results},
            day=today,
            taken={pk for pk, points in stored.items() if any(day == today for day, _v in points)},
        )
    rows = []
    for key_result in key_results:
        current = currents[key_result.pk]
        rows.append(
            ResultRow(
                key_result=key_result,
                measure=measures.get(key_result.measure) if key_result.measure else None,
                current=current,
                percent=None
                if current is None
                else figures.progress_percent(current, key_result.target),
                pace=None
                if current is None
                else figures.pace(
                    current=current,
                    target=key_result.target,
                    start=programme.starts_on,
                    deadline=key_result.deadline,
                    today=today,
                ),
                trend=figures.trend_points(
                    stored.get(key_result.pk, []), today=today, current=current
                )
                if current is not None
                else sorted(stored.get(key_result.pk, [])),
            )
        )
    return rows
