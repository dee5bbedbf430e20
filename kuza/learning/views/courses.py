from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kuza.learning import offline, permissions, selectors, services, timezones
from kuza.learning.views.common import COOKIE_MAX_AGE, TEXT_ONLY_COOKIE, is_text_only, safe_next
from kuza.translation.selectors import prefetch_translations

COURSES_PER_PAGE = 20


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    courses = selectors.course_list(user=request.user)
    page = Paginator(courses, COURSES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/catalogue.html",
        {"page": page, "can_create": permissions.can_create_course(request.user)},
    )


@require_GET
def course_detail(request: HttpRequest, slug: str) -> HttpResponse:
    course = selectors.course_for(slug=slug, user=request.user)
    enrolment = selectors.enrolment_for(user=request.user, course=course)
    progress = selectors.enrolment_progress(enrolment) if enrolment else None
    return render(
        request,
        "learning/course.html",
        {
            "course": course,
            "outline": selectors.course_outline(course, user=request.user),
            "enrolment": enrolment,
            "progress": progress,
            "cohorts": selectors.cohort_list(course),
            "can_manage": permissions.can_manage_course(request.user, course),
        },
    )


@login_required
@require_POST
def enrol(request: HttpRequest, slug: str) -> HttpResponse:
    course = selectors.course_for(slug=slug, user=request.user)
    try:
        services.enrolment_create(user=request.user, course=course)
    except services.LearningError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You are enrolled. Start with the first lesson."))
    return redirect("learning:course", slug=course.slug)


@login_required
@require_GET
def my_learning(request: HttpRequest) -> HttpResponse:
    with timezone.override(ZoneInfo(timezones.learner_time_zone(request))):
        return render(
            request,
            "learning/my_learning.html",
            {
                "rows": selectors.my_learning(user=request.user),
                "sessions": selectors.upcoming_sessions_for(user=request.user),
            },
        )


@require_POST
def text_only(request: HttpRequest) -> HttpResponse:
    """Toggle the "text only" preference (a cookie: it works before logging in too)."""
    response = redirect(safe_next(request, reverse("learning:catalogue")))
    if request.POST.get("text_only") == "1":
        response.set_cookie(TEXT_ONLY_COOKIE, "1", max_age=COOKIE_MAX_AGE, samesite="Lax")
    else:
        response.delete_cookie(TEXT_ONLY_COOKIE, samesite="Lax")
    return response


@require_GET
def offline_copies(request: HttpRequest, slug: str) -> HttpResponse:
    course = selectors.course_for(slug=slug, user=request.user)
    text_only_mode = is_text_only(request)
    modules = list(course.modules.order_by("position", "pk"))
    course_size, module_sizes = offline.offline_sizes(
        course=course, modules=modules, text_only=text_only_mode, course_modules=modules
    )
    # The titles the page shows, in one query (a fresh rendering above has read them).
    prefetch_translations([course, *modules])
    return render(
        request,
        "learning/offline_copies.html",
        {
            "course": course,
            "text_only": text_only_mode,
            "course_size": course_size,
            "modules": [(module, module_sizes[module.pk]) for module in modules],
        },
    )


@require_GET
def offline_download(request: HttpRequest, slug: str) -> HttpResponse:
    course = selectors.course_for(slug=slug, user=request.user)
    module = None
    if request.GET.get("module"):
        try:
            module = selectors.module_for(course=course, module_id=int(request.GET["module"]))
        except ValueError:
            raise Http404 from None
    data = offline.offline_html(course=course, module=module, text_only=is_text_only(request))
    response = HttpResponse(data, content_type="text/html; charset=utf-8")
    filename = offline.offline_filename(course, module)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
