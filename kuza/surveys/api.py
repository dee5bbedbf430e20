"""Surveys in the API: open surveys for the signed-in member, and results for organisers.

Results carry counts under the small-group rule (null when fewer than 3), never free-text
answers or anyone's identity; the raw responses stay in the organisers' CSV download.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from kuza.api.auth import token_or_session
from kuza.surveys import results, selectors
from kuza.surveys.presentation import survey_texts
from kuza.surveys.services import NotAllowed

router = Router(tags=["surveys"])


class SurveyOut(Schema):
    id: int
    url: str
    title: str = Field(description="In the reader's language where translated.")
    language: str
    anonymous: bool
    audience: str
    organisation: str | None
    opens_at: datetime
    closes_at: datetime


class RowOut(Schema):
    key: str
    label: str
    count: int | None = Field(description="null when fewer than 3 (no one is singled out).")


class AnswerSummaryOut(Schema):
    mean: float | None
    median: float | None


class QuestionResultOut(Schema):
    id: int
    kind: str
    text: str
    answered: int | None
    rows: list[RowOut]
    offer_rows: list[RowOut] = Field(description="Skills questions: skills people can offer.")
    summary: AnswerSummaryOut | None


class ResultsOut(Schema):
    id: int
    title: str
    responses: int | None
    closed: bool
    held: bool = Field(
        description="An open anonymous survey: only the number of responses until it closes."
    )
    questions: list[QuestionResultOut]


def _rows(rows) -> list[dict]:
    return [{"key": row.key, "label": row.label, "count": row.count.value} for row in rows]


@router.get("/", response=list[SurveyOut], auth=token_or_session)
def open_surveys(request: HttpRequest):
    """Open surveys the member may answer (blocked authors' surveys are not listed)."""
    surveys = selectors.surveys_for(request.auth).select_related("organisation")[:100]
    return [
        {
            "id": survey.pk,
            "url": settings.SITE_URL + survey.get_absolute_url(),
            "title": survey_texts(survey).title,
            "language": survey.language,
            "anonymous": survey.anonymous,
            "audience": survey.audience,
            "organisation": survey.organisation.name if survey.organisation else None,
            "opens_at": survey.opens_at,
            "closes_at": survey.closes_at,
        }
        for survey in surveys
    ]


@router.get("/{survey_id}/results", response=ResultsOut, auth=token_or_session)
def survey_results(request: HttpRequest, survey_id: int):
    """Per-question counts for the survey's organisers (or anyone once results are shared)."""
    survey = selectors.survey_for_viewer(request.auth, survey_id)
    if survey is None or not results.may_see_results(request.auth, survey):
        raise HttpError(404, "Not found.")
    try:
        report = results.survey_results(viewer=request.auth, survey=survey)
    except NotAllowed as error:
        raise HttpError(404, str(error)) from error
    return {
        "id": survey.pk,
        "title": report.title,
        "responses": report.responses.value,
        "closed": survey.is_closed(),
        "held": report.held,
        "questions": [
            {
                "id": result.question.pk,
                "kind": result.question.kind,
                "text": result.text,
                "answered": result.answered.value,
                "rows": _rows(result.rows),
                "offer_rows": _rows(result.offer_rows),
                "summary": (
                    {"mean": result.summary.mean, "median": result.summary.median}
                    if result.summary
                    else None
                ),
            }
            for result in report.questions
        ],
    }
