from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kuza.people import selectors, services
from kuza.people.forms import OrganisationForm, OrganisationSearchForm
from kuza.people.services import PeopleError
from kuza.people.views.search import filters_querystring
from kuza.skills.models import Skill
from kuza.skills.selectors import skill_with_descendants_ids


def _organisation(slug: str):
    organisation = selectors.organisation_by_slug(slug)
    if organisation is None:
        raise Http404
    return organisation


@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationSearchForm(request.GET or None)
    query = selectors.OrganisationQuery()
    if request.GET and form.is_valid():
        data = form.cleaned_data
        skill = Skill.objects.filter(slug=data["skill"]).first() if data["skill"] else None
        query = selectors.OrganisationQuery(
            skill_ids=frozenset(skill_with_descendants_ids(skill)) if skill else None,
            kind=data["kind"] or None,
            language=data["language"] or None,
            country=data["country"] or None,
            text=data["q"].strip() or None,
        )
    page = Paginator(selectors.organisation_search(query=query), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "people/organisation_list.html",
        {"form": form, "page": page, "filters": filters_querystring(request)},
    )


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(slug)
    members = selectors.organisation_members_visible_to(request.user, organisation)
    page = Paginator(members, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "people/organisation_detail.html",
        {
            "organisation": organisation,
            "page": page,
            "skills": selectors.organisation_skills(organisation),
            "languages": list(organisation.languages.all()),
            "can_edit": selectors.is_organiser(request.user, organisation),
            "membership": selectors.membership_of(request.user, organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(slug)
    if not selectors.is_organiser(request.user, organisation):
        raise Http404
    skills = selectors.organisation_skills(organisation)
    form = OrganisationForm(
        request.POST or None,
        instance=organisation,
        initial={
            "languages": ", ".join(row.tag for row in organisation.languages.all()),
            "needs": [skill.slug for skill in skills["needs"]],
            "offers": [skill.slug for skill in skills["offers"]],
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.organisation_update(
                user=request.user,
                organisation=organisation,
                data={name: data[name] for name in OrganisationForm.Meta.fields},
                language_tags=data["languages"],
                needs=data["needs"],
                offers=data["offers"],
            )
        except PeopleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The organisation is saved."))
            return redirect("people:organisation", slug=organisation.slug)
    members = selectors.organisation_members_visible_to(request.user, organisation)
    return render(
        request,
        "people/organisation_edit.html",
        {"form": form, "organisation": organisation, "members": members},
    )


@login_required
@require_POST
def organisation_join(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(slug)
    services.membership_join(user=request.user, organisation=organisation)
    messages.success(request, _("You are now a member of %(name)s.") % {"name": organisation})
    return redirect("people:organisation", slug=slug)


@login_required
@require_POST
def organisation_leave(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(slug)
    try:
        services.membership_leave(user=request.user, organisation=organisation)
    except PeopleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You left %(name)s.") % {"name": organisation})
    return redirect("people:organisation", slug=slug)


@login_required
@require_POST
def organisation_member_role(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    organisation = _organisation(slug)
    try:
        services.membership_set_role(
            user=request.user,
            organisation=organisation,
            member_id=user_id,
            role=request.POST.get("role", ""),
        )
    except PeopleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Membership updated."))
    return redirect("people:organisation_edit", slug=slug)
