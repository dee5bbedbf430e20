"""Library API: search and read resources, list toolkits.

Published resources are public. Asking for another status (draft, in_review, rejected) lists
what the caller may see in it: curators see every such resource, authors their own.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from kuza.api.auth import optional_auth
from kuza.api.pagination import Offset, limit_field
from kuza.library import selectors
from kuza.library.models import Resource
from kuza.library.search import Hit, SearchResults, Total

router = Router(tags=["library"])
MAX_LIMIT = 100


class ResourceOut(Schema):
    id: int
    kind: str
    title: str
    summary: str
    language: str
    level: str
    audience: str
    status: str
    url: str
    licence: str
    last_checked: datetime.date | None
    file_url: str | None
    duration_minutes: int | None
    skills: list[str]
    translation_of: int | None
    published_at: datetime.datetime | None
    score: float | None = None


class ResourceDetailOut(ResourceOut):
    body: str
    transcript: str
    translations: list[int]


class ResourcePageOut(Schema):
    count: int = Field(description="How many results `offset` reaches.")
    total: int = Field(description="How many resources match (about so many if estimated).")
    total_is_estimate: bool = Field(
        False, description="True when a broad search estimated `total` instead of counting."
    )
    phrase_sampled: bool = Field(
        False,
        description="True when a quoted phrase was checked in the newest resources holding "
        "its words only: older matches may be missing; ask again with every_phrase_match.",
    )
    results: list[ResourceOut]


class ResourceFilters(Schema):
    q: str = Field("", max_length=200, description="Words to search for, in any language.")
    skill: str = Field("", max_length=80)
    language: str = Field("", max_length=35)
    kind: str = Field("", description="tutorial, link, file or episode")
    level: str = Field("", description="beginner, intermediate or advanced")
    audience: str = ""
    status: str = Field("published", description="published (default), draft, in_review, rejected")
    offset: Offset = 0
    limit: int = limit_field(20, MAX_LIMIT)
    every_phrase_match: bool = Field(
        False,
        description="Check a quoted phrase in every resource holding its words (slower), "
        "not only the newest: see `phrase_sampled` in the answer.",
    )


def _out(resource: Resource, skills: list[str], score: float | None = None) -> dict:
    return {
        "id": resource.pk,
        "kind": resource.kind,
        "title": resource.title,
        "summary": resource.summary,
        "language": resource.language,
        "level": resource.level,
        "audience": resource.audience,
        "status": resource.status,
        "url": resource.url,
        "licence": resource.licence,
        "last_checked": resource.last_checked,
        "file_url": resource.file.url if resource.file else None,
        "duration_minutes": resource.duration_minutes,
        "skills": skills,
        "translation_of": resource.translation_of_id,
        "published_at": resource.published_at,
        "score": score,
    }


def _check_choice(value: str, choices, field: str) -> None:
    if value and value not in choices:
        raise HttpError(
            422,
            _("Unknown value for %(field)s: %(value)s.")
            % {
                "field": field,
                "value": value,
            },
        )


@router.get("/resources", response=ResourcePageOut, auth=optional_auth)
def list_resources(request: HttpRequest, filters: Query[ResourceFilters]):
    """Search (with `q`, ranked) or browse resources, with filters; published by default."""
    _check_choice(filters.kind, Resource.Kind.values, "kind")
    _check_choice(filters.level, Resource.Level.values, "level")
    _check_choice(filters.audience, Resource.Audience.values, "audience")
    _check_choice(filters.status, Resource.Status.values, "status")
    user = request.auth
    chosen = selectors.Filters(
        skill=filters.skill,
        language=filters.language,
        kind=filters.kind,
        level=filters.level,
        audience=filters.audience,
    )
    window = slice(filters.offset, filters.offset + filters.limit)
    if filters.status == Resource.Status.PUBLISHED:
        found = selectors.library_search(
            text=filters.q, filters=chosen, every_phrase_match=filters.every_phrase_match
        )
    else:
        found = selectors.unpublished_resources(user=user, status=filters.status, filters=chosen)
    entries = list(found[window])  # first: a search window also brings the total
    count = found.count()
    total = found.total() if isinstance(found, SearchResults) else Total(count)
    resources = [entry.resource if isinstance(entry, Hit) else entry for entry in entries]
    scores = [entry.rank if isinstance(entry, Hit) else None for entry in entries]
    tags = selectors.resource_skills(resources)
    return {
        "count": count,
        "total": total.number,
        "total_is_estimate": total.estimated,
        "phrase_sampled": total.phrase_sampled,
        "results": [
            _out(resource, [slug for slug, _name in tags.get(resource.pk, [])], score)
            for resource, score in zip(resources, scores, strict=True)
        ],
    }


@router.get("/resources/{resource_id}", response=ResourceDetailOut, auth=optional_auth)
def get_resource(request: HttpRequest, resource_id: int):
    """One resource with its text and transcript; drafts only for their author and curators."""
    user = request.auth
    resource = selectors.resource_for(user=user, pk=resource_id)
    skills = [slug for slug, _name in selectors.resource_skills([resource]).get(resource.pk, [])]
    return {
        **_out(resource, skills),
        "body": resource.body,
        "transcript": resource.transcript,
        "translations": [
            other.pk for other in selectors.resource_translations(user=user, resource=resource)
        ],
    }


class ToolkitOut(Schema):
    slug: str
    title: str
    language: str
    licence: str
    steps: int


@router.get("/toolkits", response=list[ToolkitOut])
def list_toolkits(request: HttpRequest):
    """Published toolkits (plans are private to their teams and not in the API)."""
    return [
        {
            "slug": toolkit.slug,
            "title": toolkit.title,
            "language": toolkit.language,
            "licence": toolkit.licence,
            "steps": toolkit.step_count,
        }
        for toolkit in selectors.published_toolkits()
    ]
