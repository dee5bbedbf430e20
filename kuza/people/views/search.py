from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kuza.people import selectors
from kuza.people.forms import PeopleSearchForm
from kuza.skills.models import Skill
from kuza.skills.selectors import skill_with_descendants_ids

PAGE_SIZE = 20


def query_from_form(form: PeopleSearchForm) -> selectors.PeopleQuery | None:
    """The search a valid form asks for (None when the form is invalid)."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    skill = Skill.objects.filter(slug=data["skill"]).first() if data["skill"] else None
    return selectors.PeopleQuery(
        skill_ids=frozenset(skill_with_descendants_ids(skill)) if skill else None,
        exact_skill_id=skill.pk if skill else None,
        role=data["role"] or None,
        language=data["language"] or None,
        country=data["country"] or None,
        region=data["region"].strip() or None,
        min_hours=data["min_hours"],
        text=data["q"].strip() or None,
    )


def filters_querystring(request: HttpRequest) -> str:
    """The current filters without the page number, for pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
def people_search(request: HttpRequest) -> HttpResponse:
    form = PeopleSearchForm(request.GET or None)
    query = query_from_form(form) if request.GET else selectors.PeopleQuery()
    page = total = None
    cards = []
    if query is not None:
        results = selectors.people_search(viewer=request.user, query=query)
        page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
        cards = selectors.profile_cards(request.user, page.object_list)
        total = results.total()
    return render(
        request,
        "people/search.html",
        {
            "form": form,
            "page": page,
            "cards": cards,
            "total": total,
            "filters": filters_querystring(request),
            "ranked_by_skill": bool(query and query.exact_skill_id),
        },
    )
