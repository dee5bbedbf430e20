from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kuza.skills import selectors


@require_GET
def skill_index(request: HttpRequest) -> HttpResponse:
    return render(request, "skills/skill_list.html", {"tree": selectors.skill_tree()})


@require_GET
def skill_detail(request: HttpRequest, slug: str) -> HttpResponse:
    skill = selectors.skill_by_slug(slug)
    if skill is None:
        raise Http404
    children = selectors.localise_skills(skill.children.all())
    return render(request, "skills/skill_detail.html", {"skill": skill, "children": children})
