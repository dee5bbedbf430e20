"""Reads for the library; every fetch of one object checks that the reader may see it."""

from __future__ import annotations

from dataclasses import dataclass

import langcodes
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import get_language

from kuza.accounts.selectors import is_signed_in
from kuza.audience.selectors import access, among_people, moderated_rows, visible_to
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
from kuza.skills.models import Skill
from kuza.skills.selectors import localise_skills, skill_with_descendants_ids
from kuza.translation.models import TranslatableObject
from kuza.translation.permissions import can_view_progress
from kuza.translation.selectors import translatable_for


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
    """Published resources every reader can find (what a visitor sees: without those
    moderators hid)."""
    return _filtered(visible_to(Resource.objects.all(), None), filters)


def _proposals(resources: QuerySet[Resource], curator) -> QuerySet[Resource]:
    """Unpublished resources without hidden ones or those of suspended (inactive) authors
    or of authors in a block with `curator`: a suspension takes a member's pending proposals
    out of curators' queues."""
    return among_people(moderated_rows(resources), curator, "author")


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
            pk__in=ResourceSkillTag.objects.filter(
                skill_id__in=_skill_and_narrower_ids(filters.skill)
            ).values("resource_id")
        )
    return resources


def _skill_and_narrower_ids(slug: str) -> set[int]:
    """The skill named `slug` and every skill below it in the taxonomy: filtering by
    "Wikidata" also finds resources about "SPARQL queries"."""
    skill_id = Skill.objects.filter(slug=slug).values_list("pk", flat=True).first()
    if skill_id is None:
        return set()
    return skill_with_descendants_ids(skill_id)


def library_search(
    *, text: str, filters: Filters, every_phrase_match: bool = False
) -> SearchResults | QuerySet[Resource]:
    """Ranked matches of `text` among published resources, or all of them when it is blank.
    `every_phrase_match`: see `search.search_resources`."""
    candidates = published_resources(filters)
    if text.strip():
        filtered_by = {
            "language": filters.language,
            "kind": filters.kind,
            "level": filters.level,
            "audience": filters.audience,
        }
        return search_resources(
            text=text,
            candidates=candidates,
            filtered_by=filtered_by,
            every_phrase_match=every_phrase_match,
        )
    return candidates.order_by("-published_at", "-pk")


def unpublished_resources(*, user, status: str, filters: Filters) -> QuerySet[Resource]:
    """Resources in a status other than published: every one for curators, else one's own."""
    resources = Resource.objects.filter(status=status).order_by("-updated_at", "-pk")
    if not permissions.is_curator(user):
        if not is_signed_in(user):
            return Resource.objects.none()
        return _filtered(resources.filter(author=user), filters)
    return _filtered(_proposals(resources, user), filters)


def resource_for(*, user, pk: int) -> Resource:
    """The resource, if `user` may see it; 404 otherwise (a draft's existence is private)."""
    resources = Resource.objects.select_related("author__profile", "translation_of", "reviewed_by")
    return access(resources, user, pk=pk)


def translation_object_for(*, user, resource: Resource) -> TranslatableObject | None:
    """The resource's entry in the translation app, for people who translate or organise
    translations; None for others and for resources not published (never synced)."""
    if resource.status != Resource.Status.PUBLISHED or not can_view_progress(user):
        return None
    return translatable_for(resource)


def resource_translations(*, user, resource: Resource) -> list[Resource]:
    """The other language versions of a resource that `user` may see."""
    original = resource.original
    family = Resource.objects.filter(Q(pk=original.pk) | Q(translation_of=original)).exclude(
        pk=resource.pk
    )
    return list(visible_to(family, user).order_by("language"))


def resources_by(*, user) -> QuerySet[Resource]:
    if not is_signed_in(user):
        return Resource.objects.none()
    return Resource.objects.filter(author=user).order_by("-updated_at")


def review_queue(*, user) -> QuerySet[Resource]:
    if not permissions.is_curator(user):
        return Resource.objects.none()
    return (
        _proposals(Resource.objects.filter(status=Resource.Status.IN_REVIEW), user)
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
    codes = published_resources().order_by().values_list("language", flat=True).distinct()
    return sorted(((code, language_label(code)) for code in codes), key=lambda pair: pair[1])


def skills_in_use() -> list[tuple[str, str]]:
    """(slug, name in the reader's language) of the skills published resources teach, and of
    their broader skills (filtering by a broader skill finds the narrower ones' resources)."""
    used = set(
        ResourceSkillTag.objects.filter(resource__in=published_resources(), skill__isnull=False)
        .order_by()
        .values_list("skill_id", flat=True)
        .distinct()
    )
    parents = dict(Skill.objects.values_list("pk", "parent_id"))
    wanted = set()
    for skill_id in used:
        while skill_id is not None and skill_id not in wanted:
            wanted.add(skill_id)
            skill_id = parents.get(skill_id)
    skills = localise_skills(Skill.objects.filter(pk__in=wanted))
    return sorted(
        ((skill.slug, skill.label) for skill in skills), key=lambda pair: pair[1].casefold()
    )


def resource_skills(resources) -> dict[int, list[tuple[str, str]]]:
    """Resource id -> [(slug, name in the reader's language)] for a page of resources."""
    tags = list(
        ResourceSkillTag.objects.filter(resource__in=[r.pk for r in resources], skill__isnull=False)
        .select_related("skill")
        .order_by("skill__name")
    )
    localise_skills([tag.skill for tag in tags])
    found: dict[int, list[tuple[str, str]]] = {}
    for tag in tags:
        found.setdefault(tag.resource_id, []).append((tag.skill.slug, tag.skill.label))
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
    if not is_signed_in(user):
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
