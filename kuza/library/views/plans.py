from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kuza.audience.presenter import person_name
from kuza.core.confirm import confirm_page
from kuza.library import permissions, selectors
from kuza.library.forms import PlanStartForm, PlanStepForm, TeamMemberForm
from kuza.library.reading import localise_titles, toolkit_texts
from kuza.library.services import plans as services

PLANS_PER_PAGE = 20


@require_GET
def toolkits(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.published_toolkits(), PLANS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    localise_titles(list(page.object_list), fields=["title"])
    return render(request, "library/toolkits.html", {"page": page})


@require_GET
def toolkit_detail(request: HttpRequest, slug: str) -> HttpResponse:
    toolkit = selectors.toolkit_for(slug=slug)
    return render(
        request,
        "library/toolkit_detail.html",
        {
            "toolkit": toolkit,
            "texts": toolkit_texts(toolkit),
            "translations": [
                (other, selectors.language_label(other.language))
                for other in selectors.toolkit_translations(toolkit)
            ],
            "form": PlanStartForm() if request.user.is_authenticated else None,
        },
    )


@login_required
@require_POST
def plan_start(request: HttpRequest, slug: str) -> HttpResponse:
    toolkit = selectors.toolkit_for(slug=slug)
    form = PlanStartForm(request.POST)
    title = form.cleaned_data["title"] if form.is_valid() else ""
    plan = services.plan_start(toolkit=toolkit, owner=request.user, title=title)
    messages.success(request, _("Your plan is ready. Add your co-organisers to share it."))
    return redirect("library:plan", pk=plan.pk)


@login_required
@require_GET
def plans(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.plans_of(user=request.user), PLANS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "library/plans.html", {"page": page})


def _team(plan) -> list:
    return [member.user for member in plan.members.select_related("user__profile")]


def _plan_page(
    request: HttpRequest, plan, *, bound=None, team_form=None, status: int = 200
) -> HttpResponse:
    """The plan page. `bound` is a step's form sent back with its errors and with the
    person's choices kept: a mistyped date loses none of the items they ticked."""
    team = _team(plan)
    can_change = permissions.can_change_plan(request.user, plan)
    rows = []
    for step in selectors.plan_steps(plan):
        form = None
        if can_change:
            is_bound_step = bound is not None and bound.step_pk == step.pk
            form = bound if is_bound_step else PlanStepForm(step=step, team=team)
        rows.append(
            {
                "step": step,
                "form": form,
                "done": sum(1 for item in step.items.all() if item.is_done),
                "total": len(step.items.all()),
            }
        )
    return render(
        request,
        "library/plan_detail.html",
        {
            "plan": plan,
            "team": team,
            "rows": rows,
            "done": sum(row["done"] for row in rows),
            "total": sum(row["total"] for row in rows),
            "can_change": can_change,
            "can_manage": permissions.can_manage_team(request.user, plan),
            "team_form": team_form or TeamMemberForm(viewer=request.user),
        },
        status=status,
    )


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_page(request, selectors.plan_for(user=request.user, pk=pk))


@login_required
@require_POST
def plan_step_update(request: HttpRequest, pk: int) -> HttpResponse:
    step = selectors.plan_step_for(user=request.user, pk=pk)
    if not permissions.can_change_plan(request.user, step.plan):
        raise PermissionDenied
    form = PlanStepForm(request.POST, step=step, team=_team(step.plan))
    if form.is_valid():
        try:
            services.plan_step_update(
                step=step,
                user=request.user,
                assignee=form.cleaned_data["assignee"],
                due_date=form.cleaned_data["due_date"],
                done_item_ids=form.cleaned_data["done"],
                seen_done_item_ids=form.cleaned_data["seen"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Step “%(title)s” saved.") % {"title": step.title})
            return redirect(f"{step.plan.get_absolute_url()}#step-{step.pk}")
    # Nothing was saved: the page again, with this step's form as sent and its errors.
    messages.error(request, _("That step was not saved: see the step below."))
    return _plan_page(request, step.plan, bound=form, status=400)


@login_required
@require_POST
def plan_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(user=request.user, pk=pk)
    form = TeamMemberForm(request.POST, viewer=request.user)
    if not form.is_valid():
        # No one, or several people, match the name: the page again, with the matches to pick.
        return _plan_page(request, plan, team_form=form, status=400)
    try:
        services.plan_member_add(plan=plan, user=form.cleaned_data["person"], added_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Added to the team."))
    return redirect(plan.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def plan_member_remove(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    """Ask first (GET), then remove the co-organiser (POST): their steps become unassigned."""
    plan = selectors.plan_for(user=request.user, pk=pk)
    member = get_object_or_404(get_user_model(), pk=user_pk)
    if request.method == "GET":
        if not permissions.can_manage_team(request.user, plan):
            raise PermissionDenied
        if not plan.members.filter(user=member).exists() or member.pk == plan.owner_id:
            raise Http404
        return confirm_page(
            request,
            title=_("Remove from the team?"),
            question=format_html(
                _("Remove {name} from the team of “{plan}”?"),
                name=format_html("<bdi>{}</bdi>", person_name(request.user, member)),
                plan=format_html("<bdi>{}</bdi>", plan.title),
            ),
            consequences=[_("The steps assigned to them become unassigned.")],
            button=_("Remove from the team"),
            cancel_url=plan.get_absolute_url(),
        )
    try:
        services.plan_member_remove(plan=plan, user=member, removed_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Removed from the team."))
    return redirect(plan.get_absolute_url())
