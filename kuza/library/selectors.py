"""Reads for the library; every fetch of one object checks that the reader may see it."""

from __future__ import annotations

from dataclasses import dataclass

import langcodes
from django.apps import apps
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import get_language

from kuza.library import permissions
from kuza.library.models import (
    Plan,
    PlanItem,
    PlanStep,
    Resource,
    ResourceRevision,
    ResourceSkillTag,
    Toolkit,
)
from kuza.library.revisions import changed_fields
from kuza.library.search import SearchResults, search_resources


@dataclass(frozen=True)
class Filters:
    skill: str = ""
    language: str = ""
    kind: str = ""
    level: str = ""
    audience: str = ""

    def is_empty(self) -> bool:
        return not any((self.skill, self.language, self.kind, self.level, self.audience))


def published_resources(filters: Filters = Filters()) -> QuerySet[Resource]:  # noqa: B008
    return _filtered(Resource.objects.filter(status=Resource.Status.PUBLISHED), filters)


def _filtered(resources: QuerySet[Resource], filters: Filters) -> QuerySet[Resource]:
    if filters.language:
        resources = resources.filter(language=filters.language)
    if filters.kind:
        resources = resources.filter(kind=filters.kind)
    if filters.level:
        resources = resources.filter(level=filters.level)
    if filters.audience:
        resources = resources.filter(audience=filters.audience)
    if filters.skill:
        resources = resources.filter(
            pk__in=ResourceSkillTag.objects.filter(skill_slug=filters.skill).values("resource_id")
        )
    return resources


def library_search(*, text: str, filters: Filters) -> SearchResults | QuerySet[Resource]:
    """Ranked matches of `text` among published resources, or all of them when it is blank."""
    candidates = published_resources(filters)
    if text.strip():
        return search_resources(text=text, candidates=candidates)
    return candidates.order_by("-published_at", "-pk")


def unpublished_resources(*, user, status: str, filters: Filters) -> QuerySet[Resource]:
    """Resources in a status other than published: every one for curators, else one's own."""
    resources = Resource.objects.filter(status=status).order_by("-updated_at", "-pk")
    if not permissions.is_curator(user):
        if not permissions.signed_in(user):
            return Resource.objects.none()
        resources = resources.filter(author=user)
    return _filtered(resources, filters)


def resource_for(*, user, pk: int) -> Resource:
    """The resource, if `user` may see it; 404 otherwise (a draft's existence is private)."""
    resource = (
        Resource.objects.select_related("author__profile", "translation_of", "reviewed_by")
        .filter(pk=pk)
        .first()
    )
    if resource is None or not permissions.can_view_resource(user, resource):
        raise Http404
    return resource


def resource_translations(*, user, resource: Resource) -> list[Resource]:
    """The other language versions of a resource that `user` may see."""
    original = resource.original
    family = Resource.objects.filter(Q(pk=original.pk) | Q(translation_of=original)).exclude(
        pk=resource.pk
    )
    return [
        other for other in family.order_by("language") if permissions.can_view_resource(user, other)
    ]


def resources_by(*, user) -> QuerySet[Resource]:
    if not permissions.signed_in(user):
        return Resource.objects.none()
    return Resource.objects.filter(author=user).order_by("-updated_at")


def review_queue(*, user) -> QuerySet[Resource]:
    if not permissions.is_curator(user):
        return Resource.objects.none()
    return (
        Resource.objects.filter(status=Resource.Status.IN_REVIEW)
        .select_related("author__profile")
        .order_by("updated_at")
    )


@dataclass(frozen=True)
class RevisionView:
    revision: ResourceRevision
    changed: list[str]


def resource_history(*, user, resource: Resource) -> list[RevisionView]:
    """Revisions, newest first, each with the fields it changed; curators and the author."""
    if not permissions.can_view_history(user, resource):
        raise Http404
    revisions = list(resource.revisions.select_related("author__profile").order_by("number"))
    views, before = [], None
    for revision in revisions:
        views.append(RevisionView(revision, changed_fields(before, revision.snapshot)))
        before = revision.snapshot
    return list(reversed(views))


def language_label(tag: str) -> str:
    """A language's name in the reader's language ("French", "français", "Kifaransa")."""
    try:
        return langcodes.Language.get(tag).display_name(get_language() or "en")
    except (LookupError, ValueError):
        return tag


def languages_in_use() -> list[tuple[str, str]]:
    codes = (
        Resource.objects.filter(status=Resource.Status.PUBLISHED)
        .order_by()
        .values_list("language", flat=True)
        .distinct()
    )
    return sorted(((code, language_label(code)) for code in codes), key=lambda pair: pair[1])


def skill_names(slugs) -> dict[str, str]:
    """Slug -> the skill's name when the skills app knows it, else the slug itself."""
    slugs = set(slugs)
    names = {slug: slug for slug in slugs}
    try:
        skill_model = apps.get_model("skills", "Skill")
    except LookupError:
        return names
    names.update(skill_model.objects.filter(slug__in=slugs).values_list("slug", "name"))
    return names


def skills_in_use() -> list[tuple[str, str]]:
    slugs = (
        ResourceSkillTag.objects.filter(resource__status=Resource.Status.PUBLISHED)
        .order_by()
        .values_list("skill_slug", flat=True)
        .distinct()
    )
    names = skill_names(slugs)
    return sorted(names.items(), key=lambda pair: pair[1].casefold())


def resource_skills(resources) -> dict[int, list[tuple[str, str]]]:
    """Resource id -> [(slug, name)] for a page of resources, in two queries."""
    tags = ResourceSkillTag.objects.filter(resource__in=[r.pk for r in resources])
    pairs = list(tags.values_list("resource_id", "skill_slug"))
    names = skill_names(slug for _pk, slug in pairs)
    found: dict[int, list[tuple[str, str]]] = {}
    for resource_id, slug in pairs:
        found.setdefault(resource_id, []).append((slug, names[slug]))
    return found


# --- toolkits and plans ----------------------------------------------------------------------


def published_toolkits() -> QuerySet[Toolkit]:
    return (
        Toolkit.objects.filter(is_published=True)
        .annotate(step_count=Count("steps"))
        .order_by("language", "title")
    )


def toolkit_for(*, slug: str) -> Toolkit:
    toolkit = (
        Toolkit.objects.filter(slug=slug, is_published=True)
        .prefetch_related("steps__items")
        .first()
    )
    if toolkit is None:
        raise Http404
    return toolkit


def toolkit_translations(toolkit: Toolkit) -> list[Toolkit]:
    original = toolkit.translation_of or toolkit
    return list(
        Toolkit.objects.filter(Q(pk=original.pk) | Q(translation_of=original), is_published=True)
        .exclude(pk=toolkit.pk)
        .order_by("language")
    )


def plans_of(*, user) -> QuerySet[Plan]:
    if not permissions.signed_in(user):
        return Plan.objects.none()
    return (
        Plan.objects.filter(members__user=user)
        .annotate(
            item_count=Count("steps__items"),
            done_count=Count("steps__items", filter=Q(steps__items__done_at__isnull=False)),
        )
        .order_by("-created_at")
    )


def plan_for(*, user, pk: int) -> Plan:
    """The plan with its steps and items, if `user` is on its team or staff; else 404."""
    plan = Plan.objects.select_related("toolkit", "owner__profile").filter(pk=pk).first()
    if plan is None or not permissions.can_view_plan(user, plan):
        raise Http404
    return plan


def plan_steps(plan: Plan) -> list[PlanStep]:
    return list(
        plan.steps.select_related("assignee__profile").prefetch_related(
            Prefetch("items", queryset=PlanItem.objects.select_related("done_by__profile"))
        )
    )


def plan_step_for(*, user, pk: int) -> PlanStep:
    step = PlanStep.objects.select_related("plan").filter(pk=pk).first()
    if step is None or not permissions.can_view_plan(user, step.plan):
        raise Http404
    return step
