"""Programmes in the API: the same access rules as the pages (see selectors.py).

Everything here needs a signed-in member (token or session): programmes concern people.
Plans are returned only to those who may read them; support requests are not in the API.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.http import Http404, HttpRequest
from ninja import Router, Schema

from kuza.api.auth import token_or_session
from kuza.audience.presenter import person_name
from kuza.audience.selectors import visible_to
from kuza.programs import selectors
from kuza.programs.models import Plan, Programme
from kuza.programs.reporting import report_rows

router = Router(tags=["programmes"], auth=token_or_session)


class ProgrammeOut(Schema):
    id: int
    url: str
    name: str
    description: str
    starts_on: date
    ends_on: date
    courses: list[str]
    events: list[int]
    campaigns: list[str]


class MilestoneOut(Schema):
    title: str
    due_on: date
    status: str


class PlanOut(Schema):
    id: int
    url: str
    member: str
    title: str
    goal: str
    audience: str
    country: str
    language: str
    resources: list[str]
    status: str
    visibility: str
    milestones: list[MilestoneOut]


class KeyResultOut(Schema):
    id: int
    title: str
    target: Decimal
    unit: str
    deadline: date
    measure: str
    definition: str
    current: Decimal | None
    percent: int | None
    pace: str | None
    trend: list[tuple[date, Decimal]]


def _programme_out(programme: Programme, viewer) -> dict:
    return {
        "id": programme.pk,
        "url": settings.SITE_URL + programme.get_absolute_url(),
        "name": programme.name,
        "description": programme.description,
        "starts_on": programme.starts_on,
        "ends_on": programme.ends_on,
        "courses": list(programme.courses.filter(is_published=True).values_list("slug", flat=True)),
        "events": list(visible_to(programme.events.all(), viewer).values_list("pk", flat=True)),
        "campaigns": list(
            visible_to(programme.campaigns.all(), viewer).values_list("slug", flat=True)
        ),
    }


def _plan_out(plan: Plan, viewer) -> dict:
    return {
        "id": plan.pk,
        "url": settings.SITE_URL + plan.get_absolute_url(),
        # Named as everywhere: only when the caller may see the member's profile.
        "member": person_name(viewer, plan.member.user),
        "title": plan.title,
        "goal": plan.goal,
        "audience": plan.audience,
        "country": str(plan.country),
        "language": plan.language,
        "resources": list(plan.resources),
        "status": plan.status,
        "visibility": plan.visibility,
        "milestones": [
            {"title": m.title, "due_on": m.due_on, "status": m.status}
            for m in plan.milestones.all()
        ],
    }


def _participant_programme(request: HttpRequest, programme_id: int) -> Programme:
    programme = selectors.programme_for_participant(request.auth, programme_id)
    if programme is None:
        raise Http404
    return programme


@router.get("/", response=list[ProgrammeOut])
def programme_list(request: HttpRequest):
    """Programmes the caller may see: listed ones and those they take part in."""
    return [_programme_out(p, request.auth) for p in selectors.programmes_visible_to(request.auth)]


@router.get("/{programme_id}", response=ProgrammeOut)
def programme_detail(request: HttpRequest, programme_id: int):
    programme = selectors.programme_for_viewer(request.auth, programme_id)
    if programme is None:
        raise Http404
    return _programme_out(programme, request.auth)


@router.get("/{programme_id}/plans", response=list[PlanOut])
def plan_list(request: HttpRequest, programme_id: int):
    """The plans the caller may read in this programme (see the module's access rules)."""
    programme = _participant_programme(request, programme_id)
    plans = selectors.plans_visible_to(request.auth, programme).select_related("member__user")
    return [_plan_out(plan, request.auth) for plan in plans.prefetch_related("milestones")]


@router.get("/{programme_id}/plans/{plan_id}", response=PlanOut)
def plan_detail(request: HttpRequest, programme_id: int, plan_id: int):
    programme = _participant_programme(request, programme_id)
    plan = selectors.plan_for_viewer(request.auth, programme, plan_id)
    if plan is None:
        raise Http404
    return _plan_out(plan, request.auth)


@router.get("/{programme_id}/key-results", response=list[KeyResultOut])
def key_results(request: HttpRequest, programme_id: int):
    """Each key result measured now, with its definition (or source) and its trend."""
    programme = _participant_programme(request, programme_id)
    return [
        {
            "id": row.key_result.pk,
            "title": row.key_result.title,
            "target": row.key_result.target,
            "unit": row.key_result.unit,
            "deadline": row.key_result.deadline,
            "measure": row.key_result.measure or "manual",
            "definition": str(row.measure.definition)
            if row.measure
            else row.key_result.source_note,
            "current": row.current,
            "percent": row.percent,
            "pace": row.pace.state if row.pace else None,
            "trend": row.trend,
        }
        for row in report_rows(programme, snapshot=False)
    ]
