"""Demo mentorship: mentorships in every state, an open round, and a planned swap round.

- amina (the demo organiser) mentors wanjiru.kamau in grant writing and learns Wikidata from
  ngozi.adeyemi: both active, with dated check-ins. Her translation mentorship with
  mireille.ngono is completed, with feedback from both sides; aisha.bello waits for her answer.
- Wiki Women of East Africa has an open round with requests from its members.
- Thirty-two members are in the swap pool and a swap round has proposed exchanges (pairs and
  three-way cycles), amina's among them (her partner has already confirmed).
Rows are created directly (no emails are queued for demo people).
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from kuza.core.demo_loader import DEMO_ORGANISER, DemoCommunity
from kuza.mentorship.models import (
    CheckIn,
    Feedback,
    Format,
    MentorSettings,
    Mentorship,
    MentorshipRequest,
    MentorshipRound,
    Notification,
    SwapMember,
    SwapPoolEntry,
    SwapRound,
    TimeFrame,
)
from kuza.mentorship.swapping import swap_round_run
from kuza.mentorship.swaps import SwapSolverSettings
from kuza.people.models import Profile, SkillClaim
from kuza.skills.models import Skill

ROUND_ORGANISATION = "wiki-women-east-africa"
# (mentor, learner, skill, status, goals, check-ins)
MENTORSHIPS = [
    (
        DEMO_ORGANISER,
        "wanjiru.kamau",
        "grant-writing",
        Mentorship.Status.ACTIVE,
        "Write a first **rapid grant** application for our Nairobi edit-a-thon series.",
        [
            (21, "Read two funded rapid grants together; picked the budget as the hard part."),
            (7, "Draft goals and measures are done. Next: the budget table."),
        ],
    ),
    (
        "ngozi.adeyemi",
        DEMO_ORGANISER,
        "wikidata",
        Mentorship.Status.ACTIVE,
        "Model women scientists of Kenya on Wikidata and write a first SPARQL list.",
        [(10, "Created 12 items with references; Listeria list next week.")],
    ),
    (
        "mireille.ngono",
        DEMO_ORGANISER,
        "article-translation",
        Mentorship.Status.COMPLETED,
        "Translate three biographies from French to Kiswahili with the Content Translation tool.",
        [(60, "First biography published."), (35, "Second and third published; reviewed.")],
    ),
    (
        DEMO_ORGANISER,
        "aisha.bello",
        "edit-a-thons",
        Mentorship.Status.REQUESTED,
        "Run my first edit-a-thon at the university library in Kano.",
        [],
    ),
]
ROUND_REQUESTS = [
    ("achieng.mwangi", "wikidata", "Learn to add references to Wikidata items."),
    ("njeri.odhiambo", "grant-writing", "Prepare our user group's annual plan grant."),
    ("nakato.nansubuga", "public-speaking", "Speak at WikiIndaba with confidence."),
    ("neema.mushi", "article-translation", "Translate health articles into Kiswahili."),
    ("apio.okello", "event-organising", "Organise a photo walk for Wiki Loves Africa."),
]
SWAP_POOL_SIZE = 30


def _ensure_mentor_claim(user, skill: Skill) -> None:
    SkillClaim.objects.update_or_create(
        profile=user.profile,
        skill=skill,
        defaults={"level": 4, "knows": True, "can_mentor": True},
    )


def _mentorships(users, skills, now) -> None:
    for mentor_name, learner_name, slug, status, goals, checkins in MENTORSHIPS:
        mentor, learner, skill = users[mentor_name], users[learner_name], skills[slug]
        _ensure_mentor_claim(mentor, skill)
        request = MentorshipRequest.objects.create(
            learner=learner,
            skill=skill,
            goals=goals,
            languages=list(learner.profile.languages.values_list("tag", flat=True)),
            format=Format.CALLS,
            time_frame=TimeFrame.THREE_MONTHS,
            status={
                Mentorship.Status.ACTIVE: MentorshipRequest.Status.MATCHED,
                Mentorship.Status.COMPLETED: MentorshipRequest.Status.CLOSED,
                Mentorship.Status.REQUESTED: MentorshipRequest.Status.PROPOSED,
            }[status],
        )
        started = now - datetime.timedelta(days=70)
        mentorship = Mentorship.objects.create(
            request=request,
            learner=learner,
            mentor=mentor,
            skill=skill,
            format=Format.CALLS,
            goals=goals,
            status=status,
            accepted_at=started if status != Mentorship.Status.REQUESTED else None,
            ended_at=now - datetime.timedelta(days=30)
            if status == Mentorship.Status.COMPLETED
            else None,
        )
        CheckIn.objects.bulk_create(
            [
                CheckIn(
                    mentorship=mentorship,
                    author=mentor if index % 2 == 0 else learner,
                    date=(now - datetime.timedelta(days=days_ago)).date(),
                    note=note,
                )
                for index, (days_ago, note) in enumerate(checkins)
            ]
        )
        if status == Mentorship.Status.COMPLETED:
            Feedback.objects.bulk_create(
                [
                    Feedback(
                        mentorship=mentorship,
                        author=learner,
                        rating=5,
                        comment="Patient, precise and always on time. Asante sana!",
                    ),
                    Feedback(
                        mentorship=mentorship,
                        author=mentor,
                        rating=5,
                        comment="A fast learner; her translations are now reviewed by others.",
                    ),
                ]
            )
        if status == Mentorship.Status.REQUESTED:
            Notification.objects.create(
                user=mentor,
                kind="mentor_asked",
                params={"learner": learner.profile.display_name, "skill_id": skill.pk},
                url=f"/mentorship/{mentorship.pk}/",
            )
    MentorSettings.objects.bulk_create(
        [MentorSettings(user=users[DEMO_ORGANISER], capacity=3)]
        + [MentorSettings(user=users[name], capacity=2) for name in ("ngozi.adeyemi",)]
    )


def _round(community: DemoCommunity, users, skills) -> None:
    organisation = community.organisations[ROUND_ORGANISATION]
    round_ = MentorshipRound.objects.create(
        organisation=organisation,
        title="Wiki Women mentoring round 2026",
        created_by=users[DEMO_ORGANISER],
    )
    MentorshipRequest.objects.bulk_create(
        [
            MentorshipRequest(
                learner=users[name],
                skill=skills[slug],
                goals=goals,
                languages=["sw", "en"],
                format=Format.CHAT,
                time_frame=TimeFrame.THREE_MONTHS,
                round=round_,
            )
            for name, slug, goals in ROUND_REQUESTS
            if name in users
        ]
    )


SWAP_SKILLS = [
    "wikidata",
    "grant-writing",
    "photography",
    "storytelling",
    "public-speaking",
    "article-translation",
]


def _swap_pool(community: DemoCommunity, users) -> None:
    """Thirty members with complementary skills (so pairs and three-way cycles exist), then
    one run. amina teaches grant writing and wants Wikidata; funmilayo.okafor the reverse."""
    rng = community.rng
    skill_ids = [Skill.objects.get(slug=slug).pk for slug in SWAP_SKILLS]
    amina = users[DEMO_ORGANISER].pk
    partner = users.get("funmilayo.okafor")
    others = sorted(
        get_user_model()
        .objects.filter(pk__in=[user.pk for user in users.values()], is_active=True)
        .exclude(pk__in=[amina, getattr(partner, "pk", None)])
        .values_list("pk", flat=True)
    )
    chosen = rng.sample(others, k=min(SWAP_POOL_SIZE, len(others)))
    offers: dict[int, set[int]] = {}
    wants: dict[int, set[int]] = {}
    count = len(skill_ids)
    for position, user_id in enumerate(chosen):
        offers[user_id] = {skill_ids[position % count], skill_ids[(position + 2) % count]}
        wants[user_id] = {skill_ids[(position + 1) % count], skill_ids[(position + 3) % count]}
    grant, wikidata = skill_ids[1], skill_ids[0]
    offers[amina], wants[amina] = {grant}, {wikidata}
    chosen.append(amina)
    if partner is not None:
        offers[partner.pk], wants[partner.pk] = {wikidata}, {grant}
        chosen.append(partner.pk)
    languages = {
        profile.user_id: [language.tag for language in profile.languages.all()]
        for profile in Profile.objects.filter(user_id__in=chosen).prefetch_related("languages")
    }
    for user_id in chosen:
        spoken = set(languages.get(user_id, []))
        # Most members also work in English or French, as in the programme itself.
        if user_id in (amina, getattr(partner, "pk", None)) or rng.random() < 0.7:
            spoken.add("en")
        elif rng.random() < 0.5:
            spoken.add("fr")
        languages[user_id] = sorted(spoken) or ["en"]
    entries = SwapPoolEntry.objects.bulk_create(
        [SwapPoolEntry(user_id=user_id, languages=languages[user_id]) for user_id in chosen]
    )
    offer_links = SwapPoolEntry.offers.through
    want_links = SwapPoolEntry.wants.through
    offer_links.objects.bulk_create(
        [
            offer_links(swappoolentry_id=entry.pk, skill_id=skill_id)
            for entry in entries
            for skill_id in sorted(offers[entry.user_id])
        ]
    )
    want_links.objects.bulk_create(
        [
            want_links(swappoolentry_id=entry.pk, skill_id=skill_id)
            for entry in entries
            for skill_id in sorted(wants[entry.user_id])
        ]
    )
    swap_round = SwapRound.objects.create(started_by=users[DEMO_ORGANISER])
    swap_round_run(
        round_id=swap_round.pk,
        settings=SwapSolverSettings(time_limit_seconds=2.0, improvement_seconds=1.0),
        email=False,
    )
    # In amina's exchange, her partners have answered already: only she is left to confirm.
    mine = SwapMember.objects.filter(user_id=amina, exchange__round=swap_round).first()
    if mine is not None:
        SwapMember.objects.filter(exchange_id=mine.exchange_id).exclude(user_id=amina).update(
            answer=SwapMember.Answer.CONFIRMED, answered_at=timezone.now()
        )


def load(community: DemoCommunity) -> None:
    users = community.users
    needed = {name for row in MENTORSHIPS for name in row[:2]}
    if not needed <= users.keys() or ROUND_ORGANISATION not in community.organisations:
        return
    skills = {skill.slug: skill for skill in Skill.objects.all()}
    now = timezone.now()
    _mentorships(users, skills, now)
    _round(community, users, skills)
    _swap_pool(community, users)
