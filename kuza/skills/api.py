"""Skill taxonomy in the API: public, names in the requested interface language."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils import translation
from ninja import Router, Schema

from kuza.skills import selectors

router = Router(tags=["skills"])


class CategoryOut(Schema):
    slug: str
    name: str
    description: str


class SkillOut(Schema):
    slug: str
    name: str
    description: str
    category: str
    parent: str | None
    wikidata_id: str


def _skill_out(skill) -> dict:
    return {
        "slug": skill.slug,
        "name": skill.label,
        "description": skill.summary,
        "category": skill.category.slug,
        "parent": skill.parent.slug if skill.parent_id else None,
        "wikidata_id": skill.wikidata_id,
    }


def _language(request: HttpRequest, lang: str | None) -> str:
    from django.conf import settings

    codes = {code for code, _name in settings.LANGUAGES}
    return lang if lang in codes else translation.get_language()


@router.get("/categories", response=list[CategoryOut])
def categories(request: HttpRequest, lang: str | None = None):
    """The five skill categories; `lang` picks the language of names (en, fr, ar, sw)."""
    return [
        {"slug": category.slug, "name": category.label, "description": category.summary}
        for category in selectors.category_list(_language(request, lang))
    ]


@router.get("/", response=list[SkillOut])
def skills(request: HttpRequest, lang: str | None = None, category: str | None = None):
    """Every skill, sorted by name in `lang`; optionally only one category."""
    found = selectors.skill_list(_language(request, lang))
    parents = {skill.pk: skill for skill in found}
    for skill in found:
        skill.parent = parents.get(skill.parent_id)
    return [_skill_out(skill) for skill in found if not category or skill.category.slug == category]


@router.get("/{slug}", response=SkillOut)
def skill(request: HttpRequest, slug: str, lang: str | None = None):
    found = selectors.skill_by_slug(slug, _language(request, lang))
    if found is None:
        raise Http404
    return _skill_out(found)
