"""Results: charts and breakdowns (organisers, and everyone once shared), the CSV file."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from kuza.core.spreadsheets import spreadsheet_safe
from kuza.surveys import results, selectors
from kuza.surveys.models import Survey
from kuza.surveys.services import NotAllowed


def _survey(request: HttpRequest, pk: int) -> Survey:
    survey = selectors.survey_for_viewer(request.user, pk)
    if survey is None or not results.may_see_results(request.user, survey):
        raise Http404
    return survey


@require_GET
def results_page(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    report = results.survey_results(
        viewer=request.user, survey=survey, breakdown=request.GET.get("by") or None
    )
    context = {"report": report, "survey": survey, "breakdowns": results.BREAKDOWNS}
    return render(request, "surveys/results.html", context)


@require_GET
def results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    if not selectors.is_organiser(request.user, survey):
        raise Http404
    try:
        rows = results.csv_rows(viewer=request.user, survey=survey)
    except NotAllowed as error:
        messages.error(request, str(error))
        return redirect("surveys:results", pk=survey.pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-responses.csv"'
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return response
