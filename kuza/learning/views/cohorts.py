from __future__ import annotations

import csv
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kuza.audience.presenter import person_name
from kuza.audience.selectors import people_shown_to
from kuza.core.spreadsheets import spreadsheet_safe
from kuza.learning import calendars, permissions, selectors, services, timezones
from kuza.learning.forms import AnnouncementForm, TimeZoneForm
from kuza.learning.models import Enrolment
from kuza.translation.selectors import prefetch_translations


def _is_member(user, cohort, enrolment: Enrolment | None) -> bool:
    """Enrolled in the cohort, or facilitating it; `enrolment` is the user's enrolment in the
    cohort's course (one a course), which the page reads anyway."""
    return user.is_authenticated and (
        (enrolment is not None and enrolment.cohort_id == cohort.pk)
        or permissions.can_facilitate(user, cohort)
    )


@require_GET
def cohort_detail(request: HttpRequest, slug: str, cohort_slug: str) -> HttpResponse:
    course = selectors.course_for(slug=slug, user=request.user)
    cohort = selectors.cohort_for(course=course, slug=cohort_slug, user=request.user)
    time_zone = timezones.learner_time_zone(request)
    can_facilitate = permissions.can_facilitate(request.user, cohort)
    sessions = list(selectors.cohort_sessions(cohort))
    announcements = list(selectors.cohort_announcements(cohort, request.user)[:10])
    facilitators = list(selectors.cohort_facilitators(cohort, request.user))
    enrolment = selectors.enrolment_for(user=request.user, course=course)
    # Every translated field the page shows, read in one query.
    prefetch_translations([course, cohort, *sessions, *announcements])
    # Everyone the page names, asked of the presenter in one query rather than one a list.
    people_shown_to(
        request.user,
        [person.pk for person in facilitators]
        + [announcement.author_id for announcement in announcements],
    )
    with timezone.override(ZoneInfo(time_zone)):
        response = render(
            request,
            "learning/cohort.html",
            {
                "course": course,
                "cohort": cohort,
                "sessions": sessions,
                "announcements": announcements,
                "facilitators": facilitators,
                "is_member": _is_member(request.user, cohort, enrolment),
                "enrolment": enrolment,
                "can_facilitate": can_facilitate,
                "can_manage": permissions.can_manage_course(request.user, course),
                "announcement_form": AnnouncementForm() if can_facilitate else None,
                "time_zone": time_zone,
                "time_zone_from_profile": bool(timezones.profile_time_zone(request.user)),
                "tz_form": TimeZoneForm(initial={"tz": time_zone}),
                "feed_url": request.build_absolute_uri(
                    reverse("learning:cohort_feed", args=[cohort.feed_token])
                    + "?"
                    + urlencode({"lang": get_language() or settings.LANGUAGE_CODE})
                ),
            },
        )
    chosen = timezones.valid_time_zone(request.GET.get("tz", ""))
    if chosen:
        response.set_cookie(
            timezones.COOKIE, chosen, max_age=timezones.COOKIE_MAX_AGE, samesite="Lax"
        )
    return response


@login_required
@require_POST
def cohort_join(request: HttpRequest, slug: str, cohort_slug: str) -> HttpResponse:
    course = selectors.course_for(slug=slug, user=request.user)
    cohort = selectors.cohort_for(course=course, slug=cohort_slug)
    try:
        services.enrolment_create(user=request.user, course=course, cohort=cohort)
    except services.LearningError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Welcome to %(cohort)s.") % {"cohort": cohort.name})
    return redirect("learning:cohort", slug=course.slug, cohort_slug=cohort.slug)


@login_required
@require_POST
def announcement_post(request: HttpRequest, slug: str, cohort_slug: str) -> HttpResponse:
    course = selectors.course_for(slug=slug, user=request.user)
    cohort = selectors.cohort_for(course=course, slug=cohort_slug)
    form = AnnouncementForm(request.POST)
    if form.is_valid():
        services.announcement_post(
            cohort=cohort,
            author=request.user,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
        )
        messages.success(request, _("Announcement posted."))
    else:
        if not permissions.can_facilitate(request.user, cohort):
            raise PermissionDenied
        messages.error(request, _("An announcement needs a title and a message."))
    return redirect("learning:cohort", slug=course.slug, cohort_slug=cohort.slug)


def _ics_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def session_ics(request: HttpRequest, slug: str, cohort_slug: str, session_id: int) -> HttpResponse:
    course = selectors.course_for(slug=slug, user=request.user)
    cohort = selectors.cohort_for(course=course, slug=cohort_slug, user=request.user)
    enrolment = selectors.enrolment_for(user=request.user, course=course)
    if not _is_member(request.user, cohort, enrolment):
        raise PermissionDenied
    session = selectors.session_for(cohort=cohort, session_id=session_id)
    # The learner's language, as the cohort page: their choice, else their browser's.
    language = calendars.interface_language(get_language()) or settings.LANGUAGE_CODE
    return _ics_response(
        calendars.session_calendar(session, language=language), f"session-{session.pk}.ics"
    )


@require_GET
def cohort_feed(request: HttpRequest, token) -> HttpResponse:
    """The cohort's calendar, for calendar apps to subscribe to: the secret is the address.

    Calendar apps send no language cookie, so the address names it (`?lang=fr`, as the cohort
    page gives it); without one, the request's language is used.
    """
    cohort = selectors.cohort_by_feed_token(token)
    language = (
        calendars.interface_language(request.GET.get("lang"))
        or calendars.interface_language(get_language())
        or settings.LANGUAGE_CODE
    )
    return _ics_response(
        calendars.cohort_calendar(cohort, selectors.cohort_sessions(cohort), language=language),
        f"{cohort.slug}.ics",
    )


@login_required
@require_GET
def cohort_progress(request: HttpRequest, slug: str, cohort_slug: str) -> HttpResponse:
    course = selectors.course_for(slug=slug, user=request.user)
    cohort = selectors.cohort_for(course=course, slug=cohort_slug)
    rows = selectors.cohort_progress(cohort=cohort, user=request.user)
    # Whose profile the facilitator may open (the presenter links only those), in one query.
    people_shown_to(request.user, [row.enrolment.user_id for row in rows])
    return render(
        request,
        "learning/cohort_progress.html",
        {"course": course, "cohort": cohort, "rows": rows},
    )


@login_required
@require_GET
def cohort_progress_csv(request: HttpRequest, slug: str, cohort_slug: str) -> HttpResponse:
    course = selectors.course_for(slug=slug, user=request.user)
    cohort = selectors.cohort_for(course=course, slug=cohort_slug)
    rows = selectors.cohort_progress(cohort=cohort, user=request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{cohort.slug}-progress.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "username",
            "name",
            "lessons_read",
            "lessons_total",
            "quizzes_passed",
            "quizzes_total",
            "percent",
            "completed_at",
            "last_seen_at",
        ]
    )
    for row in rows:
        counts = row.progress.counts
        writer.writerow(
            [
                spreadsheet_safe(row.enrolment.user.get_username()),
                # Facilitators follow every learner of their cohort (the presenter's
                # organisers' rule, as on the page).
                spreadsheet_safe(person_name(request.user, row.enrolment.user, everyone=True)),
                counts.lessons_read,
                counts.lessons_total,
                counts.quizzes_passed,
                counts.quizzes_total,
                counts.percent,
                row.enrolment.completed_at.isoformat() if row.enrolment.completed_at else "",
                row.enrolment.last_seen_at.isoformat() if row.enrolment.last_seen_at else "",
            ]
        )
    return response
