"""Reads of the skill taxonomy, with names in the reader's language."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import get_language

from kuza.skills.models import Skill, SkillCategory, SkillCategoryTranslation, SkillTranslation


def _language(language: str | None) -> str:
    return (language or get_language() or "en").split("-")[0]


def localise_skills(skills: Iterable[Skill], language: str | None = None) -> list[Skill]:
    """Give each skill `label` and `summary` in `language` (English when not translated)."""
    skills = list(skills)
    code = _language(language)
    names = {}
    if code != "en" and skills:
        names = {
            row.skill_id: row
            for row in SkillTranslation.objects.filter(
                language=code, skill_id__in=[skill.pk for skill in skills]
            )
        }
    for skill in skills:
        translated = names.get(skill.pk)
        skill.label = translated.name if translated else skill.name
        skill.summary = translated.description if translated else skill.description
    return skills


def localise_categories(
    categories: Iterable[SkillCategory], language: str | None = None
) -> list[SkillCategory]:
    categories = list(categories)
    code = _language(language)
    names = {}
    if code != "en" and categories:
        names = {
            row.category_id: row
            for row in SkillCategoryTranslation.objects.filter(
                language=code, category_id__in=[category.pk for category in categories]
            )
        }
    for category in categories:
        translated = names.get(category.pk)
        category.label = translated.name if translated else category.name
        category.summary = translated.description if translated else category.description
    return categories


def category_list(language: str | None = None) -> list[SkillCategory]:
    return localise_categories(SkillCategory.objects.all(), language)


def skill_list(language: str | None = None) -> list[Skill]:
    """Every skill, localised, sorted by its name in that language."""
    skills = localise_skills(Skill.objects.select_related("category"), language)
    return sorted(skills, key=lambda skill: skill.label.casefold())


def skill_by_slug(slug: str, language: str | None = None) -> Skill | None:
    skill = Skill.objects.select_related("category", "parent").filter(slug=slug).first()
    if skill is None:
        return None
    localise_skills([skill], language)
    localise_categories([skill.category], language)
    if skill.parent:
        localise_skills([skill.parent], language)
    return skill


def _children_by_parent() -> dict[int | None, list[int]]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for skill_id, parent_id in Skill.objects.values_list("pk", "parent_id"):
        children[parent_id].append(skill_id)
    return children


def skill_with_descendants_ids(skill: Skill | int) -> set[int]:
    """The skill's id and the ids of every skill below it (children, grandchildren, ...).

    Searching for "Wikidata" also finds people who know "SPARQL queries".
    """
    root = skill if isinstance(skill, int) else skill.pk
    children = _children_by_parent()
    found = {root}
    frontier = [root]
    while frontier:
        current = frontier.pop()
        for child in children.get(current, []):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


def category_skill_ids(category: SkillCategory | int) -> set[int]:
    category_id = category if isinstance(category, int) else category.pk
    return set(Skill.objects.filter(category_id=category_id).values_list("pk", flat=True))


@dataclass
class CategoryTree:
    category: SkillCategory
    skills: list[Skill] = field(default_factory=list)  # top-level skills, children attached


def skill_tree(language: str | None = None) -> list[CategoryTree]:
    """Categories with their skills, each skill with `.subskills` (localised, sorted)."""
    categories = category_list(language)
    skills = skill_list(language)
    by_parent: dict[int | None, list[Skill]] = defaultdict(list)
    for skill in skills:
        by_parent[skill.parent_id].append(skill)
    for skill in skills:
        skill.subskills = by_parent.get(skill.pk, [])
    trees = {category.pk: CategoryTree(category=category) for category in categories}
    for skill in by_parent.get(None, []):
        trees[skill.category_id].skills.append(skill)
    return list(trees.values())
