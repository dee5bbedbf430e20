"""Organisers' pages: create and edit events and their questions, attendance, the CSV.

Every page fetches the event through `selectors.event_for_organiser`, so anyone who is
neither one of its organisers nor staff gets a 404 and never learns who registered.
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kuza.audience.presenter import person_name
from kuza.audience.selectors import people_shown_to
from kuza.core.spreadsheets import spreadsheet_safe
from kuza.events import selectors, services
from kuza.events.forms import AttendanceForm, EventForm, QuestionForm
from kuza.events.models import Event, Question
from kuza.events.timezones import viewer_time_zone

ATTENDANCE_PER_PAGE = 100


def _organised_event(request: HttpRequest, pk: int) -> Event:
    event = selectors.event_for_organiser(request.user, pk)
    if event is None:
        raise Http404
    return event


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    if not selectors.can_create_events(request.user):
        raise PermissionDenied
    form = EventForm(
        request.POST or None,
        editor=request.user,
        initial={"time_zone": viewer_time_zone(request.user)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                creator=request.user,
                fields=form.event_fields(),
                co_organisers=form.cleaned_data["organiser_names"],
            )
        except services.EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The event is created. Add registration questions if you need any.")
            )
            return redirect("events:questions", pk=event.pk)
    return render(request, "events/event_form.html", {"form": form, "event": None})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _organised_event(request, pk)
    form = EventForm(request.POST or None, instance=event, editor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(
                event=event,
                editor=request.user,
                fields=form.event_fields(),
                organisers=form.cleaned_data["organiser_names"],
            )
        except services.EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:detail", pk=event.pk)
    return render(request, "events/event_form.html", {"form": form, "event": event})


def _save_question(request: HttpRequest, event: Event, form: QuestionForm, question=None):
    data = form.cleaned_data
    return services.question_save(
        event=event,
        editor=request.user,
        question=question,
        label=data["label"],
        kind=data["kind"],
        choices=data["choices"],
        required=data["required"],
        position=data["position"] or 0,
    )


@login_required
@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest, pk: int) -> HttpResponse:
    event = _organised_event(request, pk)
    existing = selectors.questions_of(event)
    form = QuestionForm(
        request.POST or None, initial={"position": len(existing) + 1, "kind": Question.Kind.TEXT}
    )
    if request.method == "POST" and form.is_valid():
        try:
            _save_question(request, event, form)
        except services.EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The question is added."))
            return redirect("events:questions", pk=event.pk)
    return render(
        request, "events/questions.html", {"event": event, "questions": existing, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    event = _organised_event(request, pk)
    question = event.questions.filter(pk=question_id).first()
    if question is None:
        raise Http404
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            _save_question(request, event, form, question=question)
        except services.EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The question is saved."))
            return redirect("events:questions", pk=event.pk)
    return render(
        request, "events/question_form.html", {"event": event, "question": question, "form": form}
    )


@login_required
@require_POST
def question_delete(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    event = _organised_event(request, pk)
    services.question_delete(event=event, editor=request.user, question_id=question_id)
    messages.success(request, _("The question and its answers are deleted."))
    return redirect("events:questions", pk=event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    event = _organised_event(request, pk)
    page = Paginator(selectors.attendees_for_organiser(request.user, event), ATTENDANCE_PER_PAGE)
    page = page.get_page(request.GET.get("page"))
    started = event.starts_at <= timezone.now()
    form = AttendanceForm(request.POST or None, registrations=list(page.object_list))
    if request.method == "POST" and started and form.is_valid():
        try:
            count = services.attendance_mark(
                event=event,
                organiser=request.user,
                listed_ids=form.listed_ids(),
                attended_ids=form.attended_ids(),
            )
        except services.EventError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Attendance is saved: %(count)s of %(total)s people on this page came.")
                % {"count": count, "total": len(form.listed_ids())},
            )
            return redirect(f"{request.path}?page={page.number}")
    waiting = list(selectors.waiting_list_for_organiser(request.user, event)[:50])
    # Whose profile the organiser may open (the presenter links only those), in one query.
    people_shown_to(
        request.user, [registration.user_id for registration in [*page.object_list, *waiting]]
    )
    context = {
        "event": event,
        "page": page,
        "form": form,
        "started": started,
        "waiting": waiting,
        "summary": selectors.events_summary(Event.objects.filter(pk=event.pk)),
    }
    return render(request, "events/attendance.html", context)


def _safe_cell(value: object) -> object:
    return spreadsheet_safe("" if value is None else str(value))


@login_required
@require_GET
def registrations_csv(request: HttpRequest, pk: int) -> HttpResponse:
    event = _organised_event(request, pk)
    event_questions = selectors.questions_of(event)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-registrations.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [_("User name"), _("Name"), _("Status"), _("Registered at (UTC)"), _("Attended")]
        + [question.label for question in event_questions]
    )
    attended_labels = {True: _("yes"), False: _("no"), None: ""}
    for row in selectors.registrations_for_export(request.user, event):
        registration = row.registration
        writer.writerow(
            _safe_cell(cell)
            for cell in [
                registration.user.username,
                # Organisers see everyone who registered (the attendance page's rule).
                person_name(request.user, registration.user, everyone=True),
                registration.get_status_display(),
                registration.queued_at.strftime("%Y-%m-%d %H:%M"),
                attended_labels[registration.attended],
                *(row.answers.get(question.pk, "") for question in event_questions),
            ]
        )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def goals(request: HttpRequest, pk: int) -> HttpResponse:
    """Organisers set targets for the edit-a-thon on its campaign's figures."""
    from kuza.campaigns.forms import GoalForm

    event = _organised_event(request, pk)
    form = GoalForm(request.POST if "target" in request.POST else None)
    if request.method == "POST" and "remove" in request.POST:
        services.event_goal_remove(event=event, metric=request.POST["remove"])
        messages.success(request, _("Goal removed."))
        return redirect("events:goals", pk=event.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_goal_set(event=event, **form.cleaned_data)
        except services.EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Goal saved."))
            return redirect("events:goals", pk=event.pk)
    return render(
        request,
        "events/goals.html",
        {"event": event, "form": form, "goals": selectors.goal_progress(event, event.campaign)},
    )
