"""Demo: the "Women leaders coaching programme" — 18 members from 10 African countries and
France, their plans in several states, key results of both kinds, and support requests.

Built on the demo people, course, events and campaign loaded before it, through this app's
services, so the demo obeys the same rules as the pages.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils import timezone

from kuza.core.demo_loader import DEMO_ORGANISER, DemoCommunity
from kuza.learning.models import Enrolment
from kuza.programs import measures, services
from kuza.programs.models import Milestone, Plan, Resource, Snapshot, SupportRequest

# Members per country (10 African countries and France): 18 in all.
COHORT_COUNTRIES = [
    ("KE", 2), ("NG", 2), ("GH", 1), ("CM", 2), ("CI", 1), ("SN", 2),
    ("UG", 1), ("TZ", 1), ("MA", 2), ("ZA", 1), ("FR", 3),
]  # fmt: skip
MENTOR_COUNTRIES = ["ET", "TN", "CD", "BJ"]
CO_ORGANISER_COUNTRY = "FR"

PLANS = [
    # (country, title, goal, audience, language, status, visibility, resources, milestones done)
    ("KE", "Women in science on Swahili Wikipedia",
     "Write **30 biographies** of East African women scientists with two school clubs.",
     "Secondary school girls in Nairobi", "sw", Plan.Status.ACTIVE, Plan.Visibility.COHORT,
     [Resource.CONNECTIVITY, Resource.VENUE], 2),
    ("NG", "Market women's oral histories",
     "Record and transcribe stories of market women, then cite them in articles.",
     "Traders in Lagos markets", "yo", Plan.Status.ACTIVE, Plan.Visibility.COHORT,
     [Resource.EQUIPMENT, Resource.TRAVEL], 1),
    ("CM", "Édithon mensuel à Douala",
     "Un éditathon par mois sur les femmes politiques camerounaises.",
     "Étudiantes de l'université de Douala", "fr", Plan.Status.DONE, Plan.Visibility.COHORT,
     [Resource.VENUE], 3),
    ("FR", "Mothers' editing circle",
     "An online editing circle for mothers, at times that suit them, with childcare.",
     "Mothers who edit from home", "en", Plan.Status.PAUSED, Plan.Visibility.MENTORS,
     [Resource.CHILDCARE, Resource.CONNECTIVITY], 0),
    ("SN", "Wolof women writers",
     "Des articles en wolof sur les écrivaines sénégalaises.",
     "Clubs de lecture de Dakar", "wo", Plan.Status.ACTIVE, Plan.Visibility.COHORT, [], 1),
    ("MA", "Amazigh women on Wikidata",
     "Add 200 Amazigh women to Wikidata with sources, and a query for teachers.",
     "Teachers in Casablanca", "zgh", Plan.Status.DRAFT, Plan.Visibility.COHORT,
     [Resource.MENTORING], 0),
]  # fmt: skip

VISION = [
    ("KE", "By the end of the year, **every girl in our club** has written one article."),
    ("SN", "Nos grand-mères dans Wikipédia : 50 biographies en français et en wolof."),
    ("UG", "A community of 20 women editors in Kampala who train the next 20."),
    ("CM", "Que chaque université du Cameroun ait un club Wikipédia animé par une femme."),
    ("FR", "Pilot data from at least two communities to show what childcare changes."),
]

SUPPORT = [
    # (kind, amount, currency, reason, status)
    (SupportRequest.Kind.CONNECTIVITY, "1500", "KES", "Data bundle for the monthly calls.",
     "approved"),
    (SupportRequest.Kind.CHILDCARE, "20000", "NGN", "Childcare during the Saturday workshops.",
     "pending"),
    (SupportRequest.Kind.TRAVEL, "35000", "XAF", "Bus to Yaoundé for the library visit.",
     "approved"),
    (SupportRequest.Kind.GRANT, "250", "EUR", "Mentoring grant for the recording equipment.",
     "pending"),
    (SupportRequest.Kind.CONNECTIVITY, "5000", "XOF", "Clé 4G pour l'éditathon.", "declined"),
    (SupportRequest.Kind.CONNECTIVITY, "100", "MAD", "Data for the online sessions.", "pending"),
]  # fmt: skip


def _people_of(country: str, exclude: set[int], count: int) -> list:
    """The first `count` people of `country`, those who completed a course first (the demo
    learners who did are natural candidates for a leadership programme)."""
    completed = Exists(Enrolment.objects.filter(user=OuterRef("pk"), completed_at__isnull=False))
    users = (
        get_user_model()
        .objects.filter(profile__country=country, is_staff=False)
        .exclude(pk__in=exclude)
        .order_by(completed.desc(), "pk")
    )
    return list(users[:count])


def _past_snapshots(key_result, start: dt.date, today: dt.date) -> None:
    """A weekly trend up to today's value (the daily job keeps it from now on)."""
    current = measures.current_value(key_result)
    if current is None:
        return
    weeks = max((today - start).days // 7, 1)
    Snapshot.objects.bulk_create(
        [
            Snapshot(
                key_result=key_result,
                taken_on=start + dt.timedelta(weeks=week),
                value=(current * week / weeks).quantize(Decimal("1")),
            )
            for week in range(weeks)
        ]
    )


def _plan(start: dt.date, member, spec) -> None:
    """One member's plan with milestones, her update and her mentor's comment."""
    title, goal, audience, language, status, visibility, resources, done = spec
    plan = services.plan_save(
        member=member,
        actor=member.user,
        fields={
            "title": title,
            "goal": goal,
            "audience": audience,
            "country": member.user.profile.country,
            "language": language,
            "resources": [str(code) for code in resources],
            "resources_note": "",
            "status": status,
            "visibility": visibility,
        },
    )
    for week, name in enumerate(["Find partners", "First workshop", "Publish and report"]):
        milestone = services.milestone_add(
            plan=plan,
            actor=member.user,
            title=name,
            due_on=start + dt.timedelta(weeks=4 * (week + 1)),
        )
        if week < done:
            services.milestone_set_status(
                milestone=milestone, actor=member.user, status=Milestone.Status.DONE
            )
    if status != Plan.Status.DRAFT:
        services.plan_note_add(
            plan=plan, author=member.user, body="Partners found; first session booked."
        )
        if member.mentor:
            services.plan_note_add(
                plan=plan,
                author=member.mentor,
                body="Well done. Ask the library for their room: it is free on Saturdays.",
            )


def load(community: DemoCommunity) -> None:
    organiser = community.users.get(DEMO_ORGANISER)
    if organiser is None:
        return
    today = timezone.localdate()
    start = today - dt.timedelta(weeks=8)
    taken = {organiser.pk}
    co_organiser = _people_of(CO_ORGANISER_COUNTRY, taken, 1)
    taken |= {user.pk for user in co_organiser}
    mentors = [user for country in MENTOR_COUNTRIES for user in _people_of(country, taken, 1)]
    taken |= {user.pk for user in mentors}
    members = []
    for country, count in COHORT_COUNTRIES:
        people = _people_of(country, taken, count)
        taken |= {user.pk for user in people}
        members += people

    programme = services.programme_create(
        creator=organiser,
        name="Women leaders coaching programme",
        description=(
            "Six months of coaching for women who lead in their Wikimedia communities. Each "
            "member plans a **gender-equity initiative** for her community with a mentor, "
            "and the cohort takes part in the #SheSaid campaign together."
        ),
        language="en",
        starts_on=start,
        ends_on=start + dt.timedelta(days=182),
    )
    links = {
        "organisers": [organiser, *co_organiser],
        "mentors": mentors,
        "courses": [community.extra["learning_course"]]
        if "learning_course" in community.extra
        else [],
        "events": list(community.extra.get("events", {}).values()),
        "campaigns": [community.extra["campaign"]] if "campaign" in community.extra else [],
    }
    services.programme_update(programme=programme, actor=organiser, fields={}, **links)
    africa = services.cohort_create(programme=programme, actor=organiser, name="Cohort 2026")
    member_rows = [
        services.member_add(
            cohort=africa,
            actor=organiser,
            user=user,
            mentor=mentors[index % len(mentors)] if mentors else None,
        )
        for index, user in enumerate(members)
    ]

    planners: list = []
    for country, *spec in PLANS:
        member = next(
            (m for m in member_rows if m.user.profile.country == country and m not in planners),
            None,
        )
        if member is not None:
            planners.append(member)
            _plan(start, member, spec)
    for country, body in VISION:
        author = next((m.user for m in member_rows if m.user.profile.country == country), None)
        if author is not None:
            services.vision_post_create(cohort=africa, author=author, body=body)

    key_results = [
        ("Engage at least 150 community organisers", "150", "organisers",
         "organisers_engaged", None, ""),
        ("People at programme events", "200", "people", "event_participants", None, ""),
        ("Members active in the programme", "18", "members", "active_members", None, ""),
        ("Countries represented", "11", "countries", "countries_represented", None, ""),
        ("Articles created in #SheSaid", "300", "articles", "campaign_articles_created", None, ""),
        ("Course completions", "18", "completions", "course_completions", None, ""),
        ("Badges issued", "18", "badges", "badges_issued", None, ""),
        ("Pilot data from 15+ communities", "15", "communities", "", "6",
         "Members' monthly pilot reports (shared folder), counted by the organisers."),
    ]  # fmt: skip
    for position, (title, target, unit, measure, value, source) in enumerate(key_results):
        key_result = services.key_result_save(
            programme=programme,
            actor=organiser,
            fields={
                "title": title,
                "target": Decimal(target),
                "unit": unit,
                "deadline": programme.ends_on,
                "measure": measure,
                "manual_value": Decimal(value) if value else None,
                "source_note": source,
                "position": position,
            },
        )
        _past_snapshots(key_result, start, today)

    for member, (kind, amount, currency, reason, status) in zip(
        member_rows[1:], SUPPORT, strict=False
    ):
        request = services.support_request_create(
            member=member,
            actor=member.user,
            kind=kind,
            amount=Decimal(amount),
            currency=currency,
            reason=reason,
        )
        if status != "pending":
            services.support_request_decide(
                request=request, actor=organiser, approve=status == "approved"
            )
    community.extra["programme"] = programme
