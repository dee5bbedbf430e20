"""Adapter between the database and the pure matching core (`kuza.mentorship.matching`).

Who can be suggested: active people who can mentor the skill or a more specific skill below
it, whose profile and skills the viewer may see (so hidden profiles, blocked people in either
direction and suspended accounts never appear), other than the learner. Their languages,
place and time zone only count when the viewer may see those fields, so a reason never
reveals a hidden field. Capacity is the mentor's stated capacity (`MentorSettings`, default
`DEFAULT_CAPACITY`); load is the mentorships waiting for their answer or active.

Language tags are compared exactly by the core, so every tag is standardised here first
("swa" and "sw" are the same language).
"""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from kuza.core.languages import language_tag
from kuza.mentorship import selectors
from kuza.mentorship.matching import (
    MentorProfile,
    MentorRanking,
    Reason,
    ReasonCode,
    rank_mentors,
)
from kuza.mentorship.matching import MentorshipRequest as RequestInput
from kuza.people.models import Profile, SkillClaim, language_own_name
from kuza.people.selectors import own_profile, people_visible_to
from kuza.people.visibility import can_see, tiers_for
from kuza.safety.selectors import blocked_user_ids
from kuza.skills.models import Skill
from kuza.skills.selectors import skill_with_descendants_ids


def standard_tag(tag: str) -> str | None:
    """A language given by its tag (sw) or by its name (Kiswahili, Swahili), as a standard tag."""
    return language_tag(tag)


def standard_tags(tags: Iterable[str]) -> tuple[str, ...]:
    seen: list[str] = []
    for tag in tags:
        standard = standard_tag(tag)
        if standard and standard not in seen:
            seen.append(standard)
    return tuple(seen)


def utc_offset_hours(zone: str, moment: datetime | None = None) -> float | None:
    if not zone:
        return None
    try:
        info = zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    offset = (moment or timezone.now()).astimezone(info).utcoffset()
    return offset.total_seconds() / 3600 if offset is not None else None


def _region(value: str) -> str | None:
    return value.strip().casefold() or None


def learner_input(learner, skill_id: int, languages: Iterable[str] = ()) -> RequestInput:
    """The learner's side for the core: their own profile is always theirs to use."""
    profile = own_profile(learner)
    preferred = standard_tags(languages) or standard_tags(
        profile.languages.values_list("tag", flat=True)
    )
    return RequestInput(
        learner_id=learner.pk,
        skill_id=skill_id,
        languages=preferred,
        country=str(profile.country) or None,
        region=_region(profile.region),
        utc_offset_hours=utc_offset_hours(profile.time_zone),
        blocked_ids=frozenset(blocked_user_ids(learner)),
    )


def _mentor_levels(skill_ids: dict[int, set[int]], candidates) -> dict[int, dict[int, int]]:
    """{user id: {requested skill id: best level in it or a skill below it}}."""
    below: dict[int, set[int]] = defaultdict(set)  # claimed skill -> requested skills it serves
    for requested, covered in skill_ids.items():
        for skill_id in covered:
            below[skill_id].add(requested)
    claims = SkillClaim.objects.filter(
        can_mentor=True, skill_id__in=list(below), profile__in=candidates
    ).values_list("profile__user_id", "skill_id", "level")
    levels: dict[int, dict[int, int]] = defaultdict(dict)
    for user_id, skill_id, level in claims:
        for requested in below[skill_id]:
            current = levels[user_id].get(requested, 0)
            levels[user_id][requested] = max(current, level or 1)
    return levels


def mentor_inputs(
    *, viewer, skill_ids: Iterable[int], candidates=None, only_user_ids=None
) -> list[MentorProfile]:
    """Mentors of any of `skill_ids` as `viewer` may see them (see the module docstring).

    `candidates` narrows the profiles further (e.g. to an organisation's members).
    """
    requested = {skill_id: skill_with_descendants_ids(skill_id) for skill_id in skill_ids}
    visible = people_visible_to(viewer, ["skills"])
    if candidates is not None:
        visible = visible.filter(pk__in=candidates.values("pk"))
    if only_user_ids is not None:
        visible = visible.filter(user_id__in=list(only_user_ids))
    levels = _mentor_levels(requested, visible)
    if not levels:
        return []
    profiles = list(Profile.objects.filter(user_id__in=list(levels)).prefetch_related("languages"))
    tiers = tiers_for(viewer, profiles)
    user_ids = [profile.user_id for profile in profiles]
    loads = selectors.mentor_loads(user_ids)
    stated = selectors.capacities(user_ids)
    feedback = selectors.average_feedback(user_ids)
    now = timezone.now()
    mentors = []
    for profile in profiles:
        tier = tiers[profile.pk]
        shows = {name: can_see(profile, tier, name) for name in ("languages", "location")}
        mentors.append(
            MentorProfile(
                mentor_id=profile.user_id,
                skill_levels=levels[profile.user_id],
                languages=standard_tags(language.tag for language in profile.languages.all())
                if shows["languages"]
                else (),
                country=(str(profile.country) or None) if shows["location"] else None,
                region=_region(profile.region) if shows["location"] else None,
                utc_offset_hours=utc_offset_hours(profile.time_zone, now)
                if can_see(profile, tier, "time_zone")
                else None,
                active_mentee_count=loads.get(profile.user_id, 0),
                capacity=stated[profile.user_id],
                average_feedback=feedback.get(profile.user_id),
            )
        )
    mentors.sort(key=lambda mentor: mentor.mentor_id)
    return mentors


@dataclass
class Suggestion:
    profile: Profile
    score: float
    reasons: list[str]
    codes: list[Reason]


def rank_for(
    *, learner, skill: Skill, languages: Iterable[str] = (), only_user_ids=None
) -> MentorRanking:
    request = learner_input(learner, skill.pk, languages)
    mentors = mentor_inputs(viewer=learner, skill_ids=[skill.pk], only_user_ids=only_user_ids)
    return rank_mentors(request, mentors)


def suggest_mentors(
    *, learner, skill: Skill, languages: Iterable[str] = (), limit: int = 10
) -> list[Suggestion]:
    """The best mentors for `learner` in `skill`, each with its reasons as sentences."""
    ranking = rank_for(learner=learner, skill=skill, languages=languages)
    best = ranking.suggestions[:limit]
    profiles = {
        profile.user_id: profile
        for profile in Profile.objects.filter(user_id__in=[s.mentor_id for s in best])
    }
    return [
        Suggestion(
            profile=profiles[suggestion.mentor_id],
            score=round(suggestion.score, 1),
            reasons=[reason_text(reason) for reason in suggestion.reasons],
            codes=list(suggestion.reasons),
        )
        for suggestion in best
        if suggestion.mentor_id in profiles
    ]


def reason_text(reason: Reason) -> str:
    """One reason as a sentence in the active language."""
    code, detail = reason.code, reason.detail
    if code == ReasonCode.SKILL_LEVEL:
        return _("Rates their level %(level)s out of 4 in this skill.") % {"level": detail}
    if code == ReasonCode.SHARED_LANGUAGE:
        return _("Speaks %(language)s, one of your languages.") % {
            "language": language_own_name(detail)
        }
    if code == ReasonCode.NO_SHARED_LANGUAGE:
        return _("Speaks none of the languages you chose.")
    if code == ReasonCode.SAME_COUNTRY:
        return _("Lives in the same country as you: %(country)s.") % {
            "country": countries.name(detail) or detail
        }
    if code == ReasonCode.SAME_REGION:
        return _("Lives in the same region as you.")
    if code == ReasonCode.TIMEZONE_DIFFERENCE:
        if detail in {"0", "0.0"}:
            return _("Same time zone as you.")
        hours = abs(float(detail))
        count = round(hours)
        shown = number_format(hours, decimal_pos=0 if hours == count else 1)
        return ngettext(
            "%(hours)s hour from your time zone.", "%(hours)s hours from your time zone.", count
        ) % {"hours": shown}
    if code == ReasonCode.PAST_FEEDBACK:
        return _("Rated %(rating)s out of 5 by past learners.") % {"rating": detail}
    if code == ReasonCode.NO_FEEDBACK_YET:
        return _("New mentor: no feedback yet.")
    if code == ReasonCode.SPARE_CAPACITY:
        count = int(detail or 0)
        return ngettext("Has %(count)d free place.", "Has %(count)d free places.", count) % {
            "count": count
        }
    return str(code)
