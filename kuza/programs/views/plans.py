"""Members' plans: writing one's own, reading those one may see, milestones, updates, comments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kuza.programs import selectors, services
from kuza.programs.forms import MilestoneForm, MilestoneStatusForm, NoteForm, PlanForm
from kuza.programs.models import Plan, Programme
from kuza.programs.views.common import participant_or_404
from kuza.safety.decorators import conduct_required
from kuza.safety.services import SafetyError


@login_required
@conduct_required
@require_http_methods(["GET", "POST"])
def my_plan(request: HttpRequest, pk: int) -> HttpResponse:
    programme = participant_or_404(request, pk)
    member = selectors.member_of(request.user, programme)
    if member is None:
        raise Http404
    plan = selectors.plan_of(request.user, programme)
    form = PlanForm(request.POST or None, instance=plan or Plan(member=member))
    if request.method == "POST" and form.is_valid():
        plan = services.plan_save(member=member, actor=request.user, fields=form.cleaned_data)
        messages.success(request, _("Your plan is saved."))
        return redirect(plan)
    status = 400 if form.errors else 200
    context = {"form": form, "programme": programme, "plan": plan}
    return render(request, "programs/plan_form.html", context, status=status)


def _plan_or_404(request: HttpRequest, programme: Programme, plan_id: int) -> Plan:
    plan = selectors.plan_for_viewer(request.user, programme, plan_id)
    if plan is None:
        raise Http404
    return plan


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int, plan_id: int) -> HttpResponse:
    programme = participant_or_404(request, pk)
    plan = _plan_or_404(request, programme, plan_id)
    is_author = plan.member.user_id == request.user.pk
    may_write = is_author or selectors.may_comment(request.user, plan)
    context = {
        "programme": programme,
        "plan": plan,
        "is_author": is_author,
        "milestones": plan.milestones.all(),
        "notes": selectors.notes_for(request.user, plan),
        "note_form": NoteForm() if may_write else None,
        "milestone_form": MilestoneForm() if is_author else None,
        "status_choices": MilestoneStatusForm().fields["status"].choices,
    }
    return render(request, "programs/plan.html", context)


@login_required
@require_POST
def milestone_add(request: HttpRequest, pk: int, plan_id: int) -> HttpResponse:
    programme = participant_or_404(request, pk)
    plan = _plan_or_404(request, programme, plan_id)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.milestone_add(plan=plan, actor=request.user, **form.cleaned_data)
        except services.ProgrammeError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, _("A milestone needs a title and a date."))
    return redirect(plan.get_absolute_url() + "#milestones")


@login_required
@require_POST
def milestone_status(request: HttpRequest, pk: int, plan_id: int, milestone_id: int):
    programme = participant_or_404(request, pk)
    plan = _plan_or_404(request, programme, plan_id)
    milestone = plan.milestones.filter(pk=milestone_id).first()
    form = MilestoneStatusForm(request.POST)
    if milestone is None:
        raise Http404
    if form.is_valid():
        try:
            services.milestone_set_status(
                milestone=milestone, actor=request.user, status=form.cleaned_data["status"]
            )
        except services.ProgrammeError as error:
            messages.error(request, str(error))
    return redirect(plan.get_absolute_url() + "#milestones")


@login_required
@conduct_required
@require_POST
def note_add(request: HttpRequest, pk: int, plan_id: int) -> HttpResponse:
    programme = participant_or_404(request, pk)
    plan = _plan_or_404(request, programme, plan_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.plan_note_add(plan=plan, author=request.user, body=form.cleaned_data["body"])
        except (services.ProgrammeError, SafetyError) as error:
            messages.error(request, str(error))
    else:
        messages.error(request, " ".join(form.errors.get("body", [])))
    return redirect(plan.get_absolute_url() + "#notes")
