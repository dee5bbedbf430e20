"""Organisers' pages for mentorship rounds: create, compute the assignment, send proposals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from kuza.audience.selectors import people_shown_to
from kuza.mentorship import rounds, selectors
from kuza.mentorship.forms import RoundForm
from kuza.mentorship.matching import Reason, ReasonCode
from kuza.mentorship.services import MentorshipError
from kuza.mentorship.suggestions import reason_text
from kuza.skills.selectors import localise_skills


def _organised(request: HttpRequest) -> list:
    organisations = list(selectors.organisations_organised_by(request.user))
    if not organisations:
        raise PermissionDenied
    return organisations


@login_required
@require_GET
def round_list(request: HttpRequest) -> HttpResponse:
    organisations = _organised(request)
    page = Paginator(selectors.rounds_for_organiser(request.user), 20).get_page(
        request.GET.get("page")
    )
    form = RoundForm(organisations=organisations)
    return render(request, "mentorship/round_list.html", {"page": page, "form": form})


@login_required
@require_POST
def round_create(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST, organisations=_organised(request))
    if not form.is_valid():
        messages.error(request, _("Choose an organisation and give the round a title."))
        return redirect("mentorship:rounds")
    try:
        created = rounds.round_create(
            organiser=request.user,
            organisation=form.cleaned_data["organisation"],
            title=form.cleaned_data["title"],
        )
    except MentorshipError as error:
        messages.error(request, str(error))
        return redirect("mentorship:rounds")
    return redirect("mentorship:round", round_id=created.pk)


def _round_or_403(request: HttpRequest, round_id: int):
    found = selectors.round_for_organiser(request.user, round_id)
    if found is None:
        raise PermissionDenied
    return found


def _reasons(raw: list) -> list[str]:
    texts = []
    for code, detail in raw:
        try:
            texts.append(reason_text(Reason(ReasonCode(code), detail)))
        except ValueError:
            continue
    return texts


@login_required
@require_GET
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    found = _round_or_403(request, round_id)
    requests = Paginator(
        found.requests.select_related("learner__profile", "skill").order_by("pk"), 20
    ).get_page(request.GET.get("page"))
    localise_skills([item.skill for item in requests])
    assignments = {
        assignment.request_id: (assignment, _reasons(assignment.reasons))
        for assignment in found.assignments.filter(
            request_id__in=[item.pk for item in requests]
        ).select_related("mentor__profile")
    }
    rows = [(item, assignments.get(item.pk)) for item in requests]
    # Who of the page's people the organiser may see, in one query (the presenter's rule).
    people_shown_to(
        request.user,
        [item.learner_id for item in requests]
        + [pair[0].mentor_id for pair in assignments.values()],
    )
    return render(
        request,
        "mentorship/round_detail.html",
        {"round": found, "page": requests, "rows": rows},
    )


@login_required
@require_POST
def round_compute(request: HttpRequest, round_id: int) -> HttpResponse:
    found = _round_or_403(request, round_id)
    try:
        computed = rounds.round_compute(organiser=request.user, mentorship_round=found)
    except MentorshipError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Assignment computed: %(served)d of %(total)d learners get a mentor.")
            % {"served": computed.served_count, "total": computed.request_count},
        )
    return redirect("mentorship:round", round_id=round_id)


@login_required
@require_POST
def round_send(request: HttpRequest, round_id: int) -> HttpResponse:
    found = _round_or_403(request, round_id)
    try:
        sent = rounds.round_send(organiser=request.user, mentorship_round=found)
    except MentorshipError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            ngettext("%(count)d proposal sent.", "%(count)d proposals sent.", len(sent))
            % {"count": len(sent)},
        )
    return redirect("mentorship:round", round_id=round_id)
