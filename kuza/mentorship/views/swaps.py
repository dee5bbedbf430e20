"""Pages of the swap pool: join it, see and answer proposed exchanges, run swap rounds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kuza.audience.presenter import person_name
from kuza.audience.selectors import people_shown_to
from kuza.mentorship import selectors, swapping
from kuza.mentorship.forms import SwapPoolForm
from kuza.mentorship.models import SwapExchange, SwapMember
from kuza.mentorship.services import MentorshipError
from kuza.people.models import language_own_name
from kuza.safety.decorators import conduct_required
from kuza.skills.models import Skill
from kuza.skills.selectors import localise_skills


@login_required
@conduct_required
@require_http_methods(["GET", "POST"])
def pool(request: HttpRequest) -> HttpResponse:
    entry = selectors.swap_entry_of(request.user)
    if entry is not None:
        initial = {
            "offers": [skill.pk for skill in entry.offers.all()],
            "wants": [skill.pk for skill in entry.wants.all()],
            "languages": ", ".join(entry.languages),
        }
    else:
        initial = swapping.pool_prefill(request.user)
    form = SwapPoolForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            swapping.pool_join(
                user=request.user,
                offers=data["offers"],
                wants=data["wants"],
                languages=data["languages"],
            )
        except MentorshipError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("You are in the swap pool; the next run may place you."))
            return redirect("mentorship:swaps")
    outcome = selectors.last_swap_outcome(request.user) if entry is not None else None
    return render(
        request,
        "mentorship/swap_pool.html",
        {"form": form, "entry": entry, "outcome": outcome},
    )


@login_required
@require_POST
def pool_leave(request: HttpRequest) -> HttpResponse:
    try:
        swapping.pool_leave(user=request.user)
    except MentorshipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You left the swap pool."))
    return redirect("mentorship:swaps")


def _steps(exchange: SwapExchange, viewer) -> list[dict]:
    members = list(exchange.members.all())
    skills = {
        skill.pk: skill
        for skill in localise_skills(
            Skill.objects.filter(pk__in={s for m in members for s in m.skill_ids})
        )
    }
    people_shown_to(viewer, [m.user_id for m in members])
    names = {m.user_id: person_name(viewer, m.user) for m in members}
    return [
        {
            "member": member,
            "giver": names[member.user_id],
            "receiver": names.get(member.receiver_id, ""),
            "skills": [skills[s].label for s in member.skill_ids if s in skills],
            "languages": [language_own_name(tag) for tag in member.shared_languages],
        }
        for member in members
    ]


@login_required
@require_GET
def exchange_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.exchanges_of(request.user), 10).get_page(request.GET.get("page"))
    rows = [(exchange, _steps(exchange, request.user)) for exchange in page]
    return render(request, "mentorship/exchange_list.html", {"page": page, "rows": rows})


@login_required
@require_GET
def exchange_detail(request: HttpRequest, exchange_id: int) -> HttpResponse:
    exchange = selectors.exchange_for_member(request.user, exchange_id)
    if exchange is None:
        raise Http404
    steps = _steps(exchange, request.user)
    mine = next(step["member"] for step in steps if step["member"].user_id == request.user.pk)
    can_answer = (
        exchange.status == SwapExchange.Status.PROPOSED and mine.answer == SwapMember.Answer.PENDING
    )
    return render(
        request,
        "mentorship/exchange_detail.html",
        {"exchange": exchange, "steps": steps, "can_answer": can_answer},
    )


@login_required
@require_POST
def exchange_answer(request: HttpRequest, exchange_id: int) -> HttpResponse:
    exchange = selectors.exchange_for_member(request.user, exchange_id)
    if exchange is None:
        raise Http404
    confirm = request.POST.get("answer") == "confirm"
    try:
        swapping.exchange_answer(user=request.user, exchange=exchange, confirm=confirm)
    except MentorshipError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Thank you: your confirmation is saved.")
            if confirm
            else _("You declined; the others go back to the pool."),
        )
    return redirect("mentorship:exchange", exchange_id=exchange_id)


@login_required
@require_GET
def swap_round_list(request: HttpRequest) -> HttpResponse:
    if not selectors.may_run_swap_rounds(request.user):
        raise PermissionDenied
    page = Paginator(selectors.swap_rounds_for(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "mentorship/swap_rounds.html", {"page": page})


@login_required
@require_POST
def swap_round_start(request: HttpRequest) -> HttpResponse:
    swapping.swap_round_start(user=request.user)
    messages.success(request, _("The swap round is queued; results appear here shortly."))
    return redirect("mentorship:swap_rounds")
