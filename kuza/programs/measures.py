"""Named measures a key result can be measured by: live figures from platform data.

Each measure has a written definition the report shows next to the figure. Measures read the
other apps through their own rules: campaigns' metrics (what counts as an article created),
events' participation rule, learning's recorded completion, credentials' assertions. Counting
itself is pure (`figures.distinct_count`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Case, CharField, F, IntegerField, QuerySet, Value, When
from django.db.models.functions import Cast
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext_lazy as _

from kuza.programs.figures import distinct_count
from kuza.programs.models import Member, Milestone, Plan, PlanNote, Programme, VisionPost


@dataclass(frozen=True)
class Measure:
    key: str
    label: str | Promise
    definition: str | Promise
    compute: Callable[[ProgrammeFacts], Decimal]


_registry: dict[str, Measure] = {}


def register(measure: Measure) -> None:
    _registry[measure.key] = measure


def get(key: str) -> Measure | None:
    return _registry.get(key)


def all_measures() -> list[Measure]:
    return list(_registry.values())


def choices() -> list[tuple[str, str | Promise]]:
    return [(measure.key, measure.label) for measure in _registry.values()]


# --- What the measures count, read once a report -----------------------------------------------


def _taking_part(rows: QuerySet, source: str, person: str, detail=None) -> QuerySet:
    """(source, person, detail) rows of one kind, for the union `ProgrammeFacts.took_part`
    reads; every column an annotation, in the same order, so the kinds line up."""
    return (
        rows.order_by()
        .annotate(
            source=Value(source, output_field=CharField()),
            person=F(person),
            # Typed, not a bare NULL: PostgreSQL types a union's columns branch by branch.
            detail=detail if detail is not None else Cast(Value(None), IntegerField()),
        )
        .values_list("source", "person", "detail")
    )


class ProgrammeFacts:
    """What the measures of one programme count, each kind read at most once: a report measures
    all its key results from one instance (a query of each kind, not queries per key result).

    Reads go through the other apps' own rules: events' participation rule, learning's
    recorded completion, campaigns' metrics, credentials' assertions.
    """

    def __init__(self, programme: Programme) -> None:
        self.programme = programme

    @cached_property
    def members(self) -> dict[int, str | None]:
        """{user id: the country on their profile} of the cohort members (one query)."""
        return dict(
            Member.objects.filter(programme=self.programme).values_list(
                "user_id", "user__profile__country"
            )
        )

    @cached_property
    def took_part(self) -> dict[str, list[tuple[int | None, int | None]]]:
        """{source: [(person, detail)]}: who wrote a plan update, posted on the vision board,
        took part in a linked event, enrolled in a linked course (detail: the course, once
        completed), joined a linked campaign, or was awarded a badge within the programme's
        dates (members only; detail: the assertion). One query (a union)."""
        from kuza.campaigns.models import Participant
        from kuza.credentials.models import Assertion
        from kuza.events.selectors import participant_registrations
        from kuza.learning.models import Enrolment

        programme = self.programme
        start = datetime.combine(programme.starts_on, time.min, tzinfo=UTC)
        end = datetime.combine(programme.ends_on + timedelta(days=1), time.min, tzinfo=UTC)
        completed_course = Case(
            When(completed_at__isnull=False, then=F("course_id")),
            default=None,
            output_field=IntegerField(),
        )
        parts = [
            _taking_part(
                PlanNote.objects.filter(
                    plan__member__programme=programme, kind=PlanNote.Kind.UPDATE
                ),
                "update",
                "author_id",
            ),
            _taking_part(
                VisionPost.objects.filter(cohort__programme=programme), "vision", "author_id"
            ),
            _taking_part(participant_registrations(programme.events.all()), "event", "user_id"),
            _taking_part(
                Enrolment.objects.filter(course__in=programme.courses.all()),
                "course",
                "user_id",
                completed_course,
            ),
            _taking_part(
                Participant.objects.filter(campaign__in=programme.campaigns.all()),
                "campaign",
                "user_id",
            ),
            _taking_part(
                Assertion.objects.filter(
                    recipient__in=Member.objects.filter(programme=programme).values("user_id"),
                    revoked_at__isnull=True,
                    issued_on__gte=start,
                    issued_on__lt=end,
                ),
                "badge",
                "recipient_id",
                F("pk"),
            ),
        ]
        sources: dict[str, list[tuple[int | None, int | None]]] = {
            source: [] for source in ("update", "vision", "event", "course", "campaign", "badge")
        }
        for source, person, detail in parts[0].union(*parts[1:], all=True):
            sources[source].append((person, detail))
        return sources

    def people(self, *sources: str) -> list[int | None]:
        return [person for source in sources for person, _detail in self.took_part[source]]

    @cached_property
    def engaged(self) -> set[int]:
        """Everyone who took part in the programme: its members, and the people of its linked
        events (by events' participation rule), courses (enrolled) and campaigns (joined)."""
        engaged = set(self.members)
        engaged.update(person for person in self.people("event", "course", "campaign") if person)
        return engaged

    @cached_property
    def organisers(self) -> set[int]:
        """Those engaged who organise on Kuza: an organisation's organiser, or an organiser of
        an event or a campaign (any, not only the programme's). One query (a union)."""
        from kuza.campaigns.models import Campaign
        from kuza.events.models import Event
        from kuza.people.models import Membership

        engaged = self.engaged
        if not engaged:
            return set()
        memberships = Membership.objects.filter(
            user_id__in=engaged, role=Membership.Role.ORGANISER
        ).order_by()
        events = Event.organisers.through.objects.filter(user_id__in=engaged).order_by()
        campaigns = Campaign.organisers.through.objects.filter(user_id__in=engaged).order_by()
        return set(
            memberships.values_list("user_id", flat=True).union(
                events.values_list("user_id", flat=True),
                campaigns.values_list("user_id", flat=True),
                all=True,
            )
        )

    @cached_property
    def articles_created(self) -> int:
        """The linked campaigns' own figure, added up (campaigns' cached metrics)."""
        from kuza.campaigns.selectors import campaign_metrics

        total = 0
        for campaign in self.programme.campaigns.all():
            metrics = campaign_metrics(campaign)
            if metrics is not None:
                total += metrics.totals.articles_created
        return total

    @cached_property
    def plans_under_way(self) -> list[int]:
        return list(
            Plan.objects.filter(
                member__programme=self.programme,
                status__in=[Plan.Status.ACTIVE, Plan.Status.DONE],
            ).values_list("pk", flat=True)
        )

    @cached_property
    def milestones_done(self) -> list[int]:
        return list(
            Milestone.objects.filter(
                plan__member__programme=self.programme, status=Milestone.Status.DONE
            ).values_list("pk", flat=True)
        )


# --- The measures ------------------------------------------------------------------------------


def _facts(programme: Programme | ProgrammeFacts) -> ProgrammeFacts:
    return programme if isinstance(programme, ProgrammeFacts) else ProgrammeFacts(programme)


def active_members(programme: Programme | ProgrammeFacts) -> Decimal:
    facts = _facts(programme)
    members = facts.members
    active = facts.people("update", "vision", "event", "course", "campaign")
    return Decimal(distinct_count(user for user in active if user in members))


def organisers_engaged(programme: Programme | ProgrammeFacts) -> Decimal:
    return Decimal(distinct_count(_facts(programme).organisers))


def countries_represented(programme: Programme | ProgrammeFacts) -> Decimal:
    return Decimal(distinct_count(_facts(programme).members.values()))


def campaign_articles_created(programme: Programme | ProgrammeFacts) -> Decimal:
    return Decimal(_facts(programme).articles_created)


def course_completions(programme: Programme | ProgrammeFacts) -> Decimal:
    facts = _facts(programme)
    members = facts.members
    completed = (
        (person, course)
        for person, course in facts.took_part["course"]
        if course is not None and person in members
    )
    return Decimal(distinct_count(completed))


def badges_issued(programme: Programme | ProgrammeFacts) -> Decimal:
    return Decimal(
        distinct_count(detail for _person, detail in _facts(programme).took_part["badge"])
    )


def event_participants(programme: Programme | ProgrammeFacts) -> Decimal:
    """Different people by events' participation rule (as `events_summary` counts them)."""
    return Decimal(distinct_count(_facts(programme).people("event")))


def plans_under_way(programme: Programme | ProgrammeFacts) -> Decimal:
    return Decimal(distinct_count(_facts(programme).plans_under_way))


def milestones_done(programme: Programme | ProgrammeFacts) -> Decimal:
    return Decimal(distinct_count(_facts(programme).milestones_done))


register(
    Measure(
        "active_members",
        _("Members active in the programme"),
        _(
            "Different cohort members who wrote an update on their plan, posted on the vision "
            "board, took part in a linked event (marked as attended, or holding a place when "
            "attendance was not marked), enrolled in a linked course or joined a linked "
            "campaign. Each person counts once."
        ),
        active_members,
    )
)
register(
    Measure(
        "organisers_engaged",
        _("Community organisers engaged"),
        _(
            "Different people who organise in the movement (an organiser of an organisation "
            "on Kuza, or of any event or campaign on Kuza) and who took part in the "
            "programme: a cohort member, or someone who took part in a linked event (marked "
            "as attended, or holding a place when attendance was not marked), enrolled in a "
            "linked course or joined a linked campaign. Each person counts once."
        ),
        organisers_engaged,
    )
)
register(
    Measure(
        "countries_represented",
        _("Countries represented"),
        _("Different countries given on the profiles of the cohort members."),
        countries_represented,
    )
)
register(
    Measure(
        "campaign_articles_created",
        _("Articles created in linked campaigns"),
        _(
            "The campaigns' own figure, added up over the linked campaigns as of each one's "
            "last collection: distinct content pages whose first revision is a counted "
            "revision and is not a redirect. A campaign not collected yet adds nothing."
        ),
        campaign_articles_created,
    )
)
register(
    Measure(
        "course_completions",
        _("Course completions"),
        _(
            "Linked courses completed by cohort members, by each course's completion rule; "
            "a person completing two courses counts twice, one course once."
        ),
        course_completions,
    )
)
register(
    Measure(
        "badges_issued",
        _("Badges issued"),
        _(
            "Badges awarded to cohort members from the programme's first day to its last "
            "(UTC), not counting revoked ones."
        ),
        badges_issued,
    )
)
register(
    Measure(
        "event_participants",
        _("People at linked events"),
        _(
            "Different people who took part in a linked event: marked as attended, or, for "
            "events whose attendance was not marked, holding a place. Anyone counts, not only "
            "cohort members; someone at several events counts once."
        ),
        event_participants,
    )
)
register(
    Measure(
        "plans_under_way",
        _("Plans under way or completed"),
        _("Members' plans whose status is “under way” or “completed”."),
        plans_under_way,
    )
)
register(
    Measure(
        "milestones_done",
        _("Milestones done"),
        _("Milestones of members' plans marked as done."),
        milestones_done,
    )
)


def current_value(key_result, facts: ProgrammeFacts | None = None) -> Decimal | None:
    """The key result's value now: its measure's live figure, or the value entered by hand.
    `facts`: what its programme's measures count, shared by the key results of one report."""
    if key_result.is_manual:
        return key_result.manual_value
    measure = get(key_result.measure)
    if measure is None:
        return None
    return measure.compute(facts or ProgrammeFacts(key_result.programme))
