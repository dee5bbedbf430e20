"""Running cohorts on the web, without script: cohorts and facilitators for course managers,
sessions for the cohort's facilitators and the course's managers."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kuza.learning import permissions, scheduling, selectors, timezones
from kuza.learning.authoring import AuthoringError
from kuza.learning.forms.cohorts import CohortForm, SessionForm
from kuza.learning.models import Cohort, CohortSession


def _refused(form, error: AuthoringError) -> None:
    field = "facilitators" if isinstance(error, scheduling.UnknownUsernames) else None
    form.add_error(field, str(error))


def _cohort_initial(cohort: Cohort) -> dict:
    return {
        "name": cohort.name,
        "slug": cohort.slug,
        "description": cohort.description,
        "starts_on": cohort.starts_on,
        "ends_on": cohort.ends_on,
        "is_open": cohort.is_open,
        "facilitators": " ".join(
            # Every facilitator but suspended ones, whoever edits: saving keeps them all.
            user.get_username()
            for user in selectors.cohort_facilitators(cohort, None)
        ),
    }


def _cohort_page(request, course, cohort, form) -> HttpResponse:
    return render(
        request,
        "learning/edit/cohort.html",
        {
            "course": course,
            "cohort": cohort,
            "form": form,
            "sessions": list(selectors.cohort_sessions(cohort)) if cohort else [],
            "time_zone": timezones.learner_time_zone(request),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def cohort_new(request: HttpRequest, slug: str) -> HttpResponse:
    course = selectors.course_for_editing(slug=slug, user=request.user)
    form = CohortForm(request.POST or None, initial={"is_open": True})
    if request.method == "POST" and form.is_valid():
        try:
            cohort = scheduling.cohort_create(course=course, data=form.to_input())
        except AuthoringError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Cohort created. Now schedule its sessions."))
            return redirect("learning:edit_cohort", slug=course.slug, cohort_slug=cohort.slug)
    return _cohort_page(request, course, None, form)


@login_required
@require_http_methods(["GET", "POST"])
def cohort_edit(request: HttpRequest, slug: str, cohort_slug: str) -> HttpResponse:
    course = selectors.course_for_editing(slug=slug, user=request.user)
    cohort = selectors.cohort_for(course=course, slug=cohort_slug)
    form = CohortForm(request.POST or None, initial=_cohort_initial(cohort))
    if request.method == "POST" and form.is_valid():
        try:
            scheduling.cohort_update(cohort=cohort, data=form.to_input())
        except AuthoringError as error:
            _refused(form, error)
            cohort.refresh_from_db()
        else:
            messages.success(request, _("Cohort saved."))
            return redirect("learning:edit_cohort", slug=course.slug, cohort_slug=cohort.slug)
    return _cohort_page(request, course, cohort, form)


def _cohort_for_scheduling(request: HttpRequest, slug: str, cohort_slug: str):
    course = selectors.course_for(slug=slug, user=request.user)
    cohort = selectors.cohort_for(course=course, slug=cohort_slug)
    if not permissions.can_facilitate(request.user, cohort):
        raise PermissionDenied
    return course, cohort


def _session_page(request, course, cohort, session, form) -> HttpResponse:
    return render(
        request,
        "learning/edit/session.html",
        {
            "course": course,
            "cohort": cohort,
            "session": session,
            "form": form,
            "can_manage": permissions.can_manage_course(request.user, course),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest, slug: str, cohort_slug: str) -> HttpResponse:
    course, cohort = _cohort_for_scheduling(request, slug, cohort_slug)
    initial = {
        "time_zone": timezones.learner_time_zone(request),
        "duration_minutes": 60,
        "day": cohort.starts_on,
    }
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            scheduling.session_create(cohort=cohort, data=form.to_input())
        except AuthoringError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Session scheduled."))
            return redirect("learning:cohort", slug=course.slug, cohort_slug=cohort.slug)
    return _session_page(request, course, cohort, None, form)


def _session_initial(request: HttpRequest, session: CohortSession) -> dict:
    zone = timezones.learner_time_zone(request)
    local = session.starts_at.astimezone(ZoneInfo(zone))
    return {
        "kind": session.kind,
        "title": session.title,
        "day": local.date(),
        "start": local.time().replace(second=0, microsecond=0),
        "time_zone": zone,
        "duration_minutes": session.duration_minutes,
        "join_url": session.join_url,
        "description": session.description,
    }


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, slug: str, cohort_slug: str, session_id: int):
    course, cohort = _cohort_for_scheduling(request, slug, cohort_slug)
    session = selectors.session_for(cohort=cohort, session_id=session_id)
    form = SessionForm(request.POST or None, initial=_session_initial(request, session))
    if request.method == "POST" and form.is_valid():
        try:
            scheduling.session_update(session=session, data=form.to_input())
        except AuthoringError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Session saved."))
            return redirect("learning:cohort", slug=course.slug, cohort_slug=cohort.slug)
    return _session_page(request, course, cohort, session, form)


@login_required
@require_POST
def session_cancel(
    request: HttpRequest, slug: str, cohort_slug: str, session_id: int
) -> HttpResponse:
    course, cohort = _cohort_for_scheduling(request, slug, cohort_slug)
    session = selectors.session_for(cohort=cohort, session_id=session_id)
    scheduling.session_cancel(session=session)
    messages.success(request, _("Session cancelled: learners see it marked so."))
    return redirect("learning:cohort", slug=course.slug, cohort_slug=cohort.slug)
