"""Organisers' pages: the programme's details and links, cohorts and members, key results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kuza.audience.selectors import people_shown_to
from kuza.programs import selectors, services
from kuza.programs.forms import (
    CohortForm,
    KeyResultForm,
    MemberForm,
    ProgrammeForm,
    ProgrammeLinksForm,
)
from kuza.programs.views.common import organiser_or_404


@login_required
@require_GET
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    """Every member's plan at a glance, with the forms to add cohorts and members."""
    return _manage_page(request, organiser_or_404(request, pk))


def _manage_page(request: HttpRequest, programme, *, member_form=None, status: int = 200):
    if member_form is None and programme.cohorts.exists():
        member_form = MemberForm(programme=programme, viewer=request.user)
    rows = selectors.plans_at_a_glance(request.user, programme)
    # Whose profile the organiser may open (the presenter links only those), in one query.
    people_shown_to(
        request.user, [pk for row in rows for pk in (row.member.user_id, row.member.mentor_id)]
    )
    context = {
        "programme": programme,
        "rows": rows,
        "cohort_form": CohortForm(),
        "member_form": member_form,
        "key_results": selectors.key_results_of(programme),
    }
    return render(request, "programs/manage.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = organiser_or_404(request, pk)
    initial = {
        "organisers": list(programme.organisers.select_related("profile").order_by("username")),
        "mentors": list(programme.mentors.select_related("profile").order_by("username")),
        "courses": programme.courses.all(),
        "events": programme.events.all(),
        "campaigns": programme.campaigns.all(),
    }
    form = ProgrammeForm(request.POST or None, instance=programme)
    links = ProgrammeLinksForm(
        request.POST or None, initial=initial, programme=programme, user=request.user
    )
    if request.method == "POST" and form.is_valid() and links.is_valid():
        try:
            services.programme_update(
                programme=programme, actor=request.user, fields=form.cleaned_data,
                **links.cleaned_data,
            )  # fmt: skip
        except services.ProgrammeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The programme is saved."))
            return redirect("programs:manage", pk=programme.pk)
    programme.refresh_from_db()
    status = 400 if form.errors or links.errors else 200
    context = {"form": form, "links": links, "programme": programme, "title": _("Edit programme")}
    return render(request, "programs/form.html", context, status=status)


@login_required
@require_POST
def cohort_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = organiser_or_404(request, pk)
    form = CohortForm(request.POST)
    if form.is_valid():
        try:
            services.cohort_create(programme=programme, actor=request.user, **form.cleaned_data)
        except services.ProgrammeError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, _("A cohort needs a name."))
    return redirect("programs:manage", pk=programme.pk)


@login_required
@require_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = organiser_or_404(request, pk)
    form = MemberForm(request.POST, programme=programme, viewer=request.user)
    if not form.is_valid() and "person" in form.errors:
        # No one, or several people, match the name: the page again, with the matches to pick.
        return _manage_page(request, programme, member_form=form, status=400)
    if form.is_valid():
        try:
            services.member_add(
                cohort=form.cleaned_data["cohort"],
                actor=request.user,
                user=form.cleaned_data["person"],
                mentor=form.cleaned_data["mentor"],
            )
        except services.ProgrammeError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The member is in the cohort."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("programs:manage", pk=programme.pk)


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    """Ask first (GET), then remove (POST): her plan and requests go with her."""
    programme = organiser_or_404(request, pk)
    member = (
        programme.members.select_related("user__profile", "cohort").filter(pk=member_id).first()
    )
    if member is None:
        raise Http404
    if request.method == "POST":
        services.member_remove(member=member, actor=request.user)
        messages.success(request, _("The member left the programme."))
        return redirect("programs:manage", pk=programme.pk)
    context = {
        "programme": programme,
        "member": member,
        "loses": selectors.member_belongings(member),
    }
    return render(request, "programs/member_remove.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def key_result_edit(request: HttpRequest, pk: int, key_result_id: int | None = None):
    programme = organiser_or_404(request, pk)
    key_result = None
    if key_result_id is not None:
        key_result = selectors.key_result_for_organiser(request.user, programme, key_result_id)
        if key_result is None:
            raise Http404
    form = KeyResultForm(request.POST or None, instance=key_result)
    if request.method == "POST" and form.is_valid():
        try:
            services.key_result_save(
                programme=programme, actor=request.user, fields=form.cleaned_data,
                key_result=key_result,
            )  # fmt: skip
        except services.ProgrammeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The key result is saved."))
            return redirect("programs:report", pk=programme.pk)
    title = _("Edit key result") if key_result else _("New key result")
    status = 400 if form.errors else 200
    context = {"form": form, "programme": programme, "title": title, "key_result": key_result}
    return render(request, "programs/form.html", context, status=status)


@login_required
@require_POST
def key_result_delete(request: HttpRequest, pk: int, key_result_id: int) -> HttpResponse:
    programme = organiser_or_404(request, pk)
    key_result = selectors.key_result_for_organiser(request.user, programme, key_result_id)
    if key_result is None:
        raise Http404
    services.key_result_delete(key_result=key_result, actor=request.user)
    messages.success(request, _("The key result is removed."))
    return redirect("programs:report", pk=programme.pk)
