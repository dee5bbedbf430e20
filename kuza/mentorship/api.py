"""Mentorship in the API: the caller's own mentorships, and mentor suggestions for a skill.

Both need a token or the session; suggestions follow the same privacy rules as the pages
(hidden and blocked people never appear, fields count only when the caller may see them).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from kuza.api.auth import token_or_session
from kuza.audience.presenter import person_name
from kuza.audience.selectors import people_shown_to
from kuza.mentorship import selectors
from kuza.mentorship.suggestions import suggest_mentors
from kuza.skills.models import Skill
from kuza.skills.selectors import localise_skills

router = Router(tags=["mentorship"])
MAX_RESULTS = 50


class MentorshipOut(Schema):
    id: int
    skill: str
    skill_name: str
    role: str
    partner: str
    status: str
    format: str
    created_at: str
    accepted_at: str | None
    ended_at: str | None


class ReasonOut(Schema):
    code: str
    detail: str
    text: str


class SuggestionOut(Schema):
    profile_id: int
    display_name: str
    score: float
    reasons: list[ReasonOut]


class SuggestionQuery(Schema):
    skill: str
    languages: str = ""
    limit: int = 10


def _iso(value) -> str | None:
    return value.isoformat() if value else None


@router.get("/mentorships", response=list[MentorshipOut], auth=token_or_session)
def my_mentorships(request: HttpRequest, status: str = ""):
    """Mentorships the caller is in, newest first (at most 50)."""
    mentorships = selectors.mentorships_of(request.auth)
    if status:
        mentorships = mentorships.filter(status=status)
    rows = list(mentorships[:MAX_RESULTS])
    localise_skills([row.skill for row in rows])
    me = request.auth.pk
    partners = [row.learner if row.mentor_id == me else row.mentor for row in rows]
    people_shown_to(request.auth, [partner.pk for partner in partners])
    return [
        MentorshipOut(
            id=row.pk,
            skill=row.skill.slug,
            skill_name=row.skill.label,
            role="mentor" if row.mentor_id == me else "learner",
            partner=person_name(request.auth, partner),
            status=row.status,
            format=row.format,
            created_at=row.created_at.isoformat(),
            accepted_at=_iso(row.accepted_at),
            ended_at=_iso(row.ended_at),
        )
        for row, partner in zip(rows, partners, strict=True)
    ]


@router.get("/suggestions", response=list[SuggestionOut], auth=token_or_session)
def suggestions(request: HttpRequest, query: Query[SuggestionQuery]):
    """Mentors suggested to the caller for a skill (by slug), best first, with reasons."""
    skill = Skill.objects.filter(slug=query.skill).first()
    if skill is None:
        raise HttpError(404, _("There is no skill with that short name."))
    if not 1 <= query.limit <= MAX_RESULTS:
        raise HttpError(422, _("The limit must be between 1 and 50."))
    languages = [part.strip() for part in query.languages.split(",") if part.strip()]
    found = suggest_mentors(
        learner=request.auth, skill=skill, languages=languages, limit=query.limit
    )
    return [
        SuggestionOut(
            profile_id=item.profile.pk,
            display_name=person_name(request.auth, item.profile),
            score=item.score,
            reasons=[
                ReasonOut(code=code.code.value, detail=code.detail, text=text)
                for code, text in zip(item.codes, item.reasons, strict=True)
            ],
        )
        for item in found
    ]
