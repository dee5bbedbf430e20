"""Pages of mentorship: find a mentor, requests, mentorships with check-ins and feedback."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kuza.audience.selectors import among_people, people_shown_to
from kuza.mentorship import selectors, services
from kuza.mentorship.forms import (
    AcceptForm,
    CheckInForm,
    FeedbackForm,
    GoalsForm,
    MentorSettingsForm,
    RequestForm,
)
from kuza.mentorship.models import Mentorship, MentorshipRequest, MentorshipRound
from kuza.mentorship.notifications import notification_html, notifications_mark_read
from kuza.mentorship.services import MentorshipError
from kuza.mentorship.suggestions import suggest_mentors
from kuza.safety.decorators import conduct_required
from kuza.skills.selectors import localise_skills

PAGE_SIZE = 20


def _page(request: HttpRequest, items, size: int = PAGE_SIZE):
    return Paginator(items, size).get_page(request.GET.get("page"))


def _localise(items) -> None:
    localise_skills([item.skill for item in items])


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    mine = selectors.mentorships_of(user)
    page = _page(request, mine.exclude(status=Mentorship.Status.REQUESTED, mentor=user))
    pending = list(selectors.pending_answers_for(user)[:PAGE_SIZE])
    _localise([*page, *pending])
    # Who of the partners named the member may see, in one query (the presenter's rule).
    people_shown_to(
        user, [pk for item in [*page, *pending] for pk in (item.learner_id, item.mentor_id)]
    )
    return render(
        request,
        "mentorship/home.html",
        {
            "page": page,
            "pending": pending,
            "unread": selectors.unread_notification_count(user),
            "organises": selectors.organisations_organised_by(user).exists(),
            "runs_swaps": selectors.may_run_swap_rounds(user),
        },
    )


@login_required
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.requests_of(request.user))
    _localise(page)
    return render(request, "mentorship/request_list.html", {"page": page})


@login_required
@conduct_required
@require_http_methods(["GET", "POST"])
def find(request: HttpRequest) -> HttpResponse:
    rounds = list(selectors.open_rounds_for_learner(request.user))
    form = RequestForm(request.POST or None, rounds=rounds, initial=request.GET.dict() or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.request_create(
                learner=request.user,
                skill=data["skill"],
                goals=data["goals"],
                languages=data["languages"],
                format=data["format"],
                time_frame=data["time_frame"],
                round=data.get("round"),
            )
        except MentorshipError as error:
            messages.error(request, str(error))
        else:
            return redirect("mentorship:request", request_id=created.pk)
    return render(request, "mentorship/find.html", {"form": form})


@login_required
@require_GET
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    mentorship_request = selectors.request_for_learner(request.user, request_id)
    if mentorship_request is None:
        raise Http404
    _localise([mentorship_request])
    waits_for_round = bool(
        mentorship_request.round_id
        and mentorship_request.round.status != MentorshipRound.Status.SENT
    )
    suggestions = []
    if mentorship_request.status == MentorshipRequest.Status.OPEN and not waits_for_round:
        suggestions = suggest_mentors(
            learner=request.user,
            skill=mentorship_request.skill,
            languages=mentorship_request.languages,
        )
    mentorships = list(mentorship_request.mentorships.select_related("mentor__profile"))
    # Who of the page's people the learner may see, in one query (the presenter's rule).
    people_shown_to(
        request.user,
        [suggestion.profile.user_id for suggestion in suggestions]
        + [mentorship.mentor_id for mentorship in mentorships],
    )
    return render(
        request,
        "mentorship/request_detail.html",
        {
            "item": mentorship_request,
            "suggestions": suggestions,
            "waits_for_round": waits_for_round,
            "mentorships": mentorships,
        },
    )


@login_required
@conduct_required
@require_POST
def request_ask(request: HttpRequest, request_id: int, mentor_id: int) -> HttpResponse:
    mentorship_request = selectors.request_for_learner(request.user, request_id)
    mentor = among_people(get_user_model().objects.filter(pk=mentor_id), request.user).first()
    if mentorship_request is None or mentor is None:
        raise Http404
    try:
        mentorship = services.mentorship_propose(
            learner=request.user, request=mentorship_request, mentor=mentor
        )
    except MentorshipError as error:
        messages.error(request, str(error))
        return redirect("mentorship:request", request_id=request_id)
    messages.success(request, _("Your request is sent; you will hear when the mentor answers."))
    return redirect("mentorship:detail", mentorship_id=mentorship.pk)


@login_required
@require_POST
def request_withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    mentorship_request = selectors.request_for_learner(request.user, request_id)
    if mentorship_request is None:
        raise Http404
    try:
        services.request_withdraw(learner=request.user, request=mentorship_request)
    except MentorshipError as error:
        messages.error(request, str(error))
    return redirect("mentorship:requests")


def _mentorship_or_404(request: HttpRequest, mentorship_id: int) -> Mentorship:
    mentorship = selectors.mentorship_for(request.user, mentorship_id)
    if mentorship is None:
        raise Http404
    return mentorship


@login_required
@require_GET
def detail(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    mentorship = _mentorship_or_404(request, mentorship_id)
    _localise([mentorship])
    user = request.user
    is_mentor = user.pk == mentorship.mentor_id
    status = mentorship.status
    feedback = list(mentorship.feedback.all())
    return render(
        request,
        "mentorship/detail.html",
        {
            "mentorship": mentorship,
            "is_mentor": is_mentor,
            "partner": mentorship.learner if is_mentor else mentorship.mentor,
            "checkins": _page(request, mentorship.checkins.select_related("author__profile")),
            "feedback": feedback,
            "can_answer": is_mentor and status == Mentorship.Status.REQUESTED,
            "accept_form": AcceptForm(),
            "is_active": status == Mentorship.Status.ACTIVE,
            "is_open": status in Mentorship.OPEN_STATUSES,
            "goals_form": GoalsForm(initial={"goals": mentorship.goals}),
            "checkin_form": CheckInForm(),
            "feedback_form": FeedbackForm()
            if status == Mentorship.Status.COMPLETED
            and all(entry.author_id != user.pk for entry in feedback)
            else None,
        },
    )


def _act(request: HttpRequest, mentorship_id: int, action, success: str, **kwargs):
    mentorship = _mentorship_or_404(request, mentorship_id)
    try:
        action(mentorship=mentorship, **kwargs)
    except MentorshipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("mentorship:detail", mentorship_id=mentorship_id)


@login_required
@require_POST
def accept(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    _mentorship_or_404(request, mentorship_id)
    form = AcceptForm(request.POST)
    goals = form.cleaned_data["goals"] if form.is_valid() else ""
    return _act(
        request,
        mentorship_id,
        services.mentorship_accept,
        _("You are now this person's mentor."),
        mentor=request.user,
        goals=goals,
    )


@login_required
@require_POST
def decline(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    return _act(
        request,
        mentorship_id,
        services.mentorship_decline,
        _("You declined; the learner can ask someone else."),
        mentor=request.user,
    )


@login_required
@require_POST
def cancel(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    return _act(
        request,
        mentorship_id,
        services.mentorship_cancel,
        _("The mentorship is cancelled."),
        user=request.user,
    )


@login_required
@require_POST
def complete(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    return _act(
        request,
        mentorship_id,
        services.mentorship_complete,
        _("Congratulations: the mentorship is complete. Please share your feedback."),
        user=request.user,
    )


@login_required
@require_POST
def goals(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    _mentorship_or_404(request, mentorship_id)
    form = GoalsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the agreed goals."))
        return redirect("mentorship:detail", mentorship_id=mentorship_id)
    return _act(
        request,
        mentorship_id,
        services.mentorship_set_goals,
        _("The goals are saved."),
        user=request.user,
        goals=form.cleaned_data["goals"],
    )


@login_required
@require_POST
def checkin(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    _mentorship_or_404(request, mentorship_id)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a date and a note."))
        return redirect("mentorship:detail", mentorship_id=mentorship_id)
    return _act(
        request,
        mentorship_id,
        services.checkin_add,
        _("Your check-in is saved."),
        author=request.user,
        date=form.cleaned_data["date"],
        note=form.cleaned_data["note"],
    )


@login_required
@require_POST
def feedback(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    _mentorship_or_404(request, mentorship_id)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a rating from 1 to 5."))
        return redirect("mentorship:detail", mentorship_id=mentorship_id)
    return _act(
        request,
        mentorship_id,
        services.feedback_give,
        _("Thank you for your feedback."),
        author=request.user,
        rating=form.cleaned_data["rating"],
        comment=form.cleaned_data["comment"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def mentor_settings(request: HttpRequest) -> HttpResponse:
    current = selectors.mentor_settings_of(request.user)
    form = MentorSettingsForm(request.POST or None, initial={"capacity": current.capacity})
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_settings_save(user=request.user, capacity=form.cleaned_data["capacity"])
        except MentorshipError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your mentor settings are saved."))
            return redirect("mentorship:settings")
    return render(request, "mentorship/settings.html", {"form": form})


@login_required
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.notifications_for(request.user))
    return render(
        request,
        "mentorship/notifications.html",
        {"page": page, "items": notification_html(page)},
    )


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    notifications_mark_read(user=request.user)
    return redirect("mentorship:notifications")
