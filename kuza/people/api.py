"""People, organisations and the capacity map in the API, under the same privacy rules as pages.

Reads work anonymously (public data only) or authenticated with a token or the session; a
hidden field is absent (null), and a person the caller may not see answers 404 like a
missing one.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from kuza.api.auth import optional_auth, token_or_session
from kuza.people import contact, owndata, selectors
from kuza.people.capacity import MapFilter, capacity_map
from kuza.people.capacity_rules import Shown
from kuza.people.services import PeopleError, normalise_language_tag
from kuza.skills.models import Skill, SkillCategory
from kuza.skills.selectors import skill_with_descendants_ids

router = Router(tags=["people"])
PAGE_SIZE = 50


def _viewer(request: HttpRequest):
    return request.auth


class LanguageOut(Schema):
    tag: str
    name: str
    proficiency: int


class ClaimOut(Schema):
    skill: str
    level: int | None
    knows: bool
    wants_to_learn: bool
    can_mentor: bool
    offers_service: bool
    evidence_url: str


class PersonSummaryOut(Schema):
    id: int
    display_name: str
    pronouns: str | None
    country: str | None
    region: str | None
    availability_hours: int | None


class PersonOut(PersonSummaryOut):
    time_zone: str | None
    affiliations: str | None
    bio: str | None
    wikimedia_username: str | None
    wikimedia_verified: bool
    languages: list[LanguageOut] | None
    skills: list[ClaimOut] | None
    organisations: list[str] | None


class PeoplePageOut(Schema):
    count: int = Field(description="How many people the pages reach (every match, up to 1,000).")
    more: bool = Field(False, description="True when more people match than `count`.")
    page: int
    pages: int
    results: list[PersonSummaryOut]


class PeopleFilters(Schema):
    skill: str | None = None
    role: str | None = None
    language: str | None = None
    country: str | None = None
    region: str | None = None
    min_hours: int | None = None
    q: str | None = None
    page: int = 1


def _summary(card) -> dict:
    return {
        "id": card.id,
        "display_name": card.display_name,
        "pronouns": card.pronouns,
        "country": card.country.code if card.country else None,
        "region": card.region,
        "availability_hours": card.availability_hours,
    }


def _skill(slug: str | None) -> Skill | None:
    if not slug:
        return None
    skill = Skill.objects.filter(slug=slug).first()
    if skill is None:
        raise HttpError(422, _("Unknown skill: %(slug)s") % {"slug": slug})
    return skill


def _language(tag: str | None) -> str | None:
    if not tag:
        return None
    try:
        return normalise_language_tag(tag)
    except PeopleError as error:
        raise HttpError(422, str(error)) from error


@router.get("/", response=PeoplePageOut, auth=optional_auth)
def people_search(request: HttpRequest, filters: Query[PeopleFilters]):
    """Search people by skill (with its more specific skills), role (mentor, learner, service,
    knows), language, country, region, availability and name; ranked as on the search page."""
    if filters.role and filters.role not in selectors.ROLE_FLAGS:
        raise HttpError(
            422, _("role must be one of: %(roles)s") % {"roles": ", ".join(selectors.ROLE_FLAGS)}
        )
    if filters.min_hours is not None and not 0 <= filters.min_hours <= 200:
        raise HttpError(422, _("min_hours must be between 0 and 200"))
    skill = _skill(filters.skill)
    query = selectors.PeopleQuery(
        skill_ids=frozenset(skill_with_descendants_ids(skill)) if skill else None,
        exact_skill_id=skill.pk if skill else None,
        role=filters.role,
        language=_language(filters.language),
        country=(filters.country or "").upper() or None,
        region=filters.region or None,
        min_hours=filters.min_hours,
        text=filters.q or None,
    )
    viewer = _viewer(request)
    results = selectors.people_search(viewer=viewer, query=query)
    page = Paginator(results, PAGE_SIZE).get_page(filters.page)
    cards = selectors.profile_cards(viewer, page.object_list)
    return {
        "count": page.paginator.count,
        "more": results.total().more,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [_summary(card) for card in cards],
    }


class CountOut(Schema):
    value: int | None
    fewer_than_3: bool


class CountryOut(Schema):
    country: str
    name: str
    mentors: CountOut
    knows: CountOut
    learners: CountOut
    services: CountOut
    offers: CountOut
    needs: CountOut
    gap: int | None


def _count(shown: Shown) -> dict:
    return {"value": shown.value, "fewer_than_3": shown.is_small}


@router.get("/map", response=list[CountryOut], auth=optional_auth)
def capacity(
    request: HttpRequest,
    skill: str | None = None,
    category: str | None = None,
    language: str | None = None,
):
    """Per-country capacity; counts below 3 are null with `fewer_than_3` true."""
    map_filter = MapFilter(language=_language(language))
    found = _skill(skill)
    if found is not None:
        map_filter = MapFilter.for_skill(found, map_filter.language)
    elif category:
        chosen = SkillCategory.objects.filter(slug=category).first()
        if chosen is None:
            raise HttpError(422, _("Unknown category: %(slug)s") % {"slug": category})
        map_filter = MapFilter.for_category(chosen, map_filter.language)
    rows = capacity_map(_viewer(request), map_filter)
    return [
        {
            "country": row.country,
            "name": row.name,
            "mentors": _count(row.mentors),
            "knows": _count(row.knows),
            "learners": _count(row.learners),
            "services": _count(row.services),
            "offers": _count(row.offers),
            "needs": _count(row.needs),
            "gap": row.gap,
        }
        for row in rows
    ]


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: str
    country: str
    region: str
    website: str
    languages: list[str]
    needs: list[str]
    offers: list[str]


class MemberOut(Schema):
    id: int
    display_name: str
    role: str


class OrganisationDetailOut(OrganisationOut):
    description: str
    members: list[MemberOut]


def _organisation_out(organisation) -> dict:
    skills = selectors.organisation_skills(organisation)
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "kind": organisation.kind,
        "country": str(organisation.country),
        "region": organisation.region,
        "website": organisation.website,
        "languages": [row.tag for row in organisation.languages.all()],
        "needs": [skill.slug for skill in skills["needs"]],
        "offers": [skill.slug for skill in skills["offers"]],
    }


@router.get("/organisations", response=list[OrganisationOut], auth=optional_auth)
def organisations(
    request: HttpRequest,
    skill: str | None = None,
    kind: str | None = None,
    language: str | None = None,
    country: str | None = None,
    q: str | None = None,
):
    """Organisations that need or offer a skill (and its more specific skills), by language
    and country."""
    if kind and kind not in {"needs", "offers"}:
        raise HttpError(422, _("kind must be needs or offers"))
    found = _skill(skill)
    query = selectors.OrganisationQuery(
        skill_ids=frozenset(skill_with_descendants_ids(found)) if found else None,
        kind=kind,
        language=_language(language),
        country=(country or "").upper() or None,
        text=q or None,
    )
    return [
        _organisation_out(organisation)
        for organisation in selectors.organisation_search(query=query)[:200]
    ]


@router.get("/organisations/{slug}", response=OrganisationDetailOut, auth=optional_auth)
def organisation(request: HttpRequest, slug: str):
    """One organisation, with the members the caller may see."""
    found = selectors.organisation_by_slug(slug)
    if found is None:
        raise Http404
    members = selectors.organisation_members_visible_to(_viewer(request), found)
    return {
        **_organisation_out(found),
        "description": found.description,
        "members": [
            {"id": member.card.id, "display_name": member.card.display_name, "role": member.role}
            for member in members
        ],
    }


@router.get("/me/export", auth=token_or_session)
def my_data(request: HttpRequest):
    """Everything about the caller, as in the JSON download of the My data page."""
    return owndata.my_data_export(request.auth)


class ContactIn(Schema):
    message: str


class ContactOut(Schema):
    id: int
    status: str


@router.post("/{profile_id}/contact", response={201: ContactOut}, auth=token_or_session)
def contact_request(request: HttpRequest, profile_id: int, body: ContactIn):
    """Send a short contact request (at most 1000 characters, 10 per hour)."""
    try:
        sent = contact.contact_request_send(
            sender=request.auth, recipient_profile_id=profile_id, message=body.message
        )
    except PeopleError as error:
        raise HttpError(400, str(error)) from error
    return Status(201, {"id": sent.pk, "status": sent.status})


@router.get("/{profile_id}", response=PersonOut, auth=optional_auth)
def person(request: HttpRequest, profile_id: int):
    """One person as the caller may see them; 404 when hidden, blocked or missing."""
    card = selectors.profile_visible_to(_viewer(request), profile_id)
    if card is None:
        raise Http404
    return {
        **_summary(card),
        "time_zone": card.time_zone,
        "affiliations": card.affiliations,
        "bio": card.bio,
        "wikimedia_username": card.wikimedia_username,
        "wikimedia_verified": card.wikimedia_verified,
        "languages": (
            [
                {"tag": row.tag, "name": row.name, "proficiency": row.proficiency}
                for row in card.languages
            ]
            if "languages" in card.shown
            else None
        ),
        "skills": (
            [
                {
                    "skill": claim.skill.slug,
                    "level": claim.level,
                    "knows": claim.knows,
                    "wants_to_learn": claim.wants_to_learn,
                    "can_mentor": claim.can_mentor,
                    "offers_service": claim.offers_service,
                    "evidence_url": claim.evidence_url,
                }
                for claim in card.claims
            ]
            if "skills" in card.shown
            else None
        ),
        "organisations": (
            [membership.organisation.slug for membership in card.organisations]
            if "affiliations" in card.shown
            else None
        ),
    }
