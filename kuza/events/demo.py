"""Demo events: a monthly conversation series, a Wikidata skill-share and a #SheSaid
edit-a-thon, with registrations, a full session with a waiting list, and marked attendance.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from kuza.campaigns.models import Campaign
from kuza.core.demo_loader import DEMO_ORGANISER, DemoCommunity
from kuza.events.models import Answer, Event, Question, Registration
from kuza.events.timezones import local_to_utc

SERIES = "Monthly leadership conversations"


def _at(day_offset: int, hour: int, zone_name: str) -> datetime:
    day = timezone.now().date() + timedelta(days=day_offset)
    return local_to_utc(datetime.combine(day, time(hour, 0)), zone_name)


def _event(organisers, *, start_day: int, hour: int, hours: int, **fields) -> Event:
    starts_at = _at(start_day, hour, fields["time_zone"])
    event = Event.objects.create(
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        created_by=organisers[0],
        **fields,
    )
    event.organisers.set(organisers)
    return event


def _register(event: Event, people, *, confirmed: int, waiting: int = 0, cancelled: int = 0):
    """Registrations in order: the first `confirmed` have places, then the waiting list."""
    base = event.starts_at - timedelta(days=14)
    rows = []
    for index, person in enumerate(people[: confirmed + waiting + cancelled]):
        if index < confirmed:
            status = Registration.Status.CONFIRMED
        elif index < confirmed + waiting:
            status = Registration.Status.WAITING
        else:
            status = Registration.Status.CANCELLED
        rows.append(
            Registration(
                event=event,
                user=person,
                status=status,
                queued_at=base + timedelta(minutes=17 * index),
                cancelled_at=base + timedelta(days=3) if status == "cancelled" else None,
            )
        )
    return Registration.objects.bulk_create(rows)


def _mark_attendance(event: Event, registrations, rng: random.Random, share: float) -> None:
    confirmed = [row for row in registrations if row.status == Registration.Status.CONFIRMED]
    for row in confirmed:
        row.attended = rng.random() < share
    Registration.objects.bulk_update(confirmed, ["attended"])
    event.attendance_marked_at = event.ends_at + timedelta(hours=1)
    event.save(update_fields=["attendance_marked_at"])


def _answer(registrations, question: Question, rng: random.Random, texts=()) -> None:
    options = question.options or list(texts)
    Answer.objects.bulk_create(
        [
            Answer(registration=row, question=question, value=rng.choice(options))
            for row in registrations
            if question.required or rng.random() < 0.6
        ]
    )


def load(community: DemoCommunity) -> None:
    rng = random.Random(8)  # noqa: S311 - demo data
    organiser = community.users[DEMO_ORGANISER]
    people = [user for name, user in sorted(community.users.items()) if name != DEMO_ORGANISER]
    rng.shuffle(people)
    co_organiser = people[0]
    members = people[1:]

    past_conversation = _event(
        [organiser],
        start_day=-30,
        hour=16,
        hours=2,
        title="Leadership conversations: speaking up in community spaces",
        description="A conversation among women leaders about being heard in community "
        "discussions, on wikis and in meetings.\n\n- short stories from three organisers\n"
        "- breakout rooms by language\n- one commitment each",
        kind=Event.Kind.CONVERSATION,
        series=SERIES,
        format=Event.Format.ONLINE,
        online_url="https://meet.example.org/kuza-leadership-speaking-up",
        time_zone="Africa/Nairobi",
        capacity=40,
    )
    rows = _register(past_conversation, members[0:], confirmed=34, cancelled=2)
    _mark_attendance(past_conversation, rows, rng, share=0.8)

    next_conversation = _event(
        [organiser],
        start_day=12,
        hour=16,
        hours=2,
        title="Leadership conversations: negotiating with partners",
        description="How do you agree on goals and budgets with a library, a university or "
        "a chapter? Bring one negotiation you are preparing.",
        kind=Event.Kind.CONVERSATION,
        series=SERIES,
        format=Event.Format.ONLINE,
        online_url="https://meet.example.org/kuza-leadership-negotiating",
        time_zone="Africa/Nairobi",
        capacity=25,
    )
    breakout = Question.objects.create(
        event=next_conversation,
        label="Which language would you like for the breakout rooms?",
        kind=Question.Kind.CHOICE,
        choices="English\nFrançais\nKiswahili\nالعربية",
        required=True,
        position=1,
    )
    rows = _register(next_conversation, members[10:], confirmed=25, waiting=4, cancelled=1)
    _answer(rows, breakout, rng)
    promoted = rows[24]
    promoted.promoted_at = promoted.queued_at + timedelta(days=2)
    promoted.save(update_fields=["promoted_at"])

    skill_share = _event(
        [organiser, co_organiser],
        start_day=5,
        hour=14,
        hours=2,
        title="Skill-sharing: Wikidata queries for women's biographies",
        description="A hands-on session on **SPARQL**: count biographies of women by "
        "country and occupation, and find the gaps to fill on your wiki.",
        kind=Event.Kind.SKILL_SHARING,
        format=Event.Format.ONLINE,
        online_url="https://meet.example.org/kuza-wikidata-sparql",
        time_zone="Africa/Lagos",
        capacity=60,
    )
    experience = Question.objects.create(
        event=skill_share,
        label="How much have you used Wikidata?",
        kind=Question.Kind.CHOICE,
        choices="Not yet\nA few edits\nI edit it regularly",
        required=True,
        position=1,
    )
    wishes = Question.objects.create(
        event=skill_share,
        label="What would you like to learn?",
        kind=Question.Kind.TEXT,
        position=2,
    )
    rows = _register(skill_share, members[40:], confirmed=18)
    _answer(rows, experience, rng)
    _answer(rows, wishes, rng, texts=["Maps of results", "Qualifiers", "Counting by country"])

    editathon = _event(
        [organiser, co_organiser],
        start_day=-10,
        hour=9,
        hours=8,
        title="#SheSaid edit-a-thon Nairobi",
        description="Add quotes by women to Wikiquote in Swahili and English. Laptops and "
        "sources are provided; newcomers get a mentor for the day.",
        kind=Event.Kind.EDITATHON,
        format=Event.Format.HYBRID,
        location="Kenya National Library, Community Room, Nairobi",
        online_url="https://meet.example.org/kuza-shesaid-nairobi",
        time_zone="Africa/Nairobi",
        capacity=30,
    )
    # The #SheSaid campaign, when the campaigns demo made one, measures the edit-a-thon.
    editathon.campaign = Campaign.objects.filter(hashtag__iexact="#SheSaid").first()
    editathon.save(update_fields=["campaign"])
    rows = _register(editathon, members[60:], confirmed=30, waiting=3)
    _mark_attendance(editathon, rows, rng, share=0.75)

    older_share = _event(
        [organiser],
        start_day=-45,
        hour=15,
        hours=1,
        title="Skill-sharing: finding sources for women's quotes",
        description="Where to find reliable sources for quotes, in libraries and online.",
        kind=Event.Kind.SKILL_SHARING,
        format=Event.Format.ONLINE,
        time_zone="Africa/Dakar",
    )
    _register(older_share, members[20:], confirmed=20)
    community.extra["events"] = {
        "past_conversation": past_conversation,
        "next_conversation": next_conversation,
        "skill_share": skill_share,
        "editathon": editathon,
    }
