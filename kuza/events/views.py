"""Public event pages: the list, an event, registering and cancelling, and the .ics file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kuza.events import selectors, services
from kuza.events.answers import AnswersInvalid
from kuza.events.forms import RegistrationForm
from kuza.events.ics import event_calendar
from kuza.events.models import Event, Registration
from kuza.events.timezones import viewer_time_zone
from kuza.safety.selectors import may_contact_others

PER_PAGE = 20


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    past = request.GET.get("when") == "past"
    events = selectors.event_listing(request.user, past=past)
    may_organise = selectors.can_create_events(request.user)
    context = {
        "past": past,
        "page": Paginator(selectors.with_place_counts(events), PER_PAGE).get_page(
            request.GET.get("page")
        ),
        "viewer_zone": viewer_time_zone(request.user),
        "my_registrations": selectors.active_registrations_of(request.user)[:10],
        "may_organise": may_organise,
        # Counts for reports, for the events this list shows.
        "summary": selectors.events_summary(events) if may_organise else None,
    }
    return render(request, "events/list.html", context)


def _event_or_404(request: HttpRequest, pk: int) -> Event:
    event = selectors.event_for_viewer(request.user, pk)
    if event is None:
        raise Http404
    return event


def _detail(request: HttpRequest, event: Event, form: RegistrationForm | None = None):
    registration = selectors.registration_of(request.user, event)
    active = registration is not None and registration.status != Registration.Status.CANCELLED
    if form is None and not active:
        form = RegistrationForm(questions=selectors.questions_of(event))
    context = {
        "event": event,
        "registration": registration if active else None,
        "waiting_position": selectors.waiting_position(registration) if active else None,
        "online_link": selectors.online_link_for(request.user, event),
        "is_organiser": selectors.is_organiser(request.user, event),
        "viewer_zone": viewer_time_zone(request.user),
        "form": form,
        "is_full": event.capacity is not None and event.places_taken >= event.capacity,
        "event_over": event.ends_at <= timezone.now(),
        "needs_conduct": request.user.is_authenticated and not may_contact_others(request.user),
        # In a block with an organiser: say so, rather than a form the service would refuse.
        "blocked": selectors.is_blocked_from(request.user, event),
        "campaign": selectors.campaign_shown_with(request.user, event),
    }
    context["goals"] = selectors.goal_progress(event, context["campaign"])
    status = 400 if form is not None and form.errors else 200
    return render(request, "events/detail.html", context, status=status)


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _event_or_404(request, pk))


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    form = RegistrationForm(request.POST, questions=selectors.questions_of(event))
    if not form.is_valid():
        return _detail(request, event, form)
    try:
        registration = services.registration_create(
            event=event, user=request.user, answers=form.cleaned_data["answers"]
        )
    except AnswersInvalid as error:
        for question_id, message in error.errors.items():
            form.add_error(f"question_{question_id}", message)
        return _detail(request, event, form)
    except services.EventError as error:
        messages.error(request, str(error))
        return redirect(event)
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("You have a place. See you there!"))
    else:
        messages.success(
            request,
            _(
                "The event is full: you are on the waiting list. "
                "We will tell you if a place frees up."
            ),
        )
    return redirect(event)


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    try:
        services.registration_cancel(event=event, user=request.user)
    except services.EventError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(event)


@require_GET
def calendar_file(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    body = event_calendar(event, online_link=selectors.online_link_for(request.user, event))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kuza-event-{event.pk}.ics"'
    return response
