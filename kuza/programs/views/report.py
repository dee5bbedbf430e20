"""The programme report: printable page, CSV, and each key result's trend as SVG."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kuza.core.spreadsheets import spreadsheet_safe
from kuza.programs import charts, selectors
from kuza.programs.figures import plain_decimal
from kuza.programs.reporting import report_rows
from kuza.programs.views.common import participant_or_404


@login_required
@require_GET
def report(request: HttpRequest, pk: int) -> HttpResponse:
    programme = participant_or_404(request, pk)
    context = {
        "programme": programme,
        "rows": report_rows(programme),
        "is_organiser": selectors.is_organiser(request.user, programme),
        "today": timezone.localdate(),
    }
    return render(request, "programs/report.html", context)


@login_required
@require_GET
def report_csv(request: HttpRequest, pk: int) -> HttpResponse:
    programme = participant_or_404(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kuza-programme-{programme.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Key result"),
            _("Target"),
            _("Unit"),
            _("Deadline"),
            _("Current value"),
            _("Percent of target"),
            _("Pace"),
            _("Measured by"),
            _("Definition or source"),
            _("Trend"),
        ]
    )
    for row in report_rows(programme, snapshot=False):
        key_result = row.key_result
        writer.writerow(
            [
                spreadsheet_safe(key_result.title),
                plain_decimal(key_result.target),
                spreadsheet_safe(key_result.unit),
                key_result.deadline.isoformat(),
                "" if row.current is None else plain_decimal(row.current),
                "" if row.percent is None else row.percent,
                row.pace_label,
                key_result.measure or _("Entered by hand"),
                spreadsheet_safe(
                    str(row.measure.definition) if row.measure else key_result.source_note
                ),
                " ".join(f"{day.isoformat()}={plain_decimal(value)}" for day, value in row.trend),
            ]
        )
    return response


@login_required
@require_GET
def trend(request: HttpRequest, pk: int, key_result_id: int) -> HttpResponse:
    programme = participant_or_404(request, pk)
    rows = report_rows(programme, snapshot=False, only=key_result_id)
    if not rows:
        raise Http404
    row = rows[0]
    svg = charts.trend_svg(
        row.trend,
        target=row.key_result.target,
        title=row.key_result.title,
        target_label=_("Target"),
    )
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response
