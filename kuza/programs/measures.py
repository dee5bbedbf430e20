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

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kuza.programs.figures import distinct_count
from kuza.programs.models import Member, Milestone, Plan, PlanNote, Programme, VisionPost


@dataclass(frozen=True)
class Measure:
    key: str
    label: str | Promise
    definition: str | Promise
    compute: Callable[[Programme], Decimal]


_registry: dict[str, Measure] = {}


def register(measure: Measure) -> None:
    _registry[measure.key] = measure


def get(key: str) -> Measure | None:
    return _registry.get(key)


def all_measures() -> list[Measure]:
    return list(_registry.values())


def choices() -> list[tuple[str, str | Promise]]:
    return [(measure.key, measure.label) for measure in _registry.values()]


def _member_user_ids(programme: Programme) -> list[int]:
    return list(Member.objects.filter(programme=programme).values_list("user_id", flat=True))


# --- The measures ------------------------------------------------------------------------------


def active_members(programme: Programme) -> Decimal:
    from kuza.campaigns.models import Participant
    from kuza.events.selectors import participant_registrations
    from kuza.learning.models import Enrolment

    members = set(_member_user_ids(programme))
    active = list(
        PlanNote.objects.filter(
            plan__member__programme=programme, kind=PlanNote.Kind.UPDATE
        ).values_list("author_id", flat=True)
    )
    active += VisionPost.objects.filter(cohort__programme=programme).values_list(
        "author_id", flat=True
    )
    active += participant_registrations(programme.events.all()).values_list("user_id", flat=True)
    active += Enrolment.objects.filter(course__in=programme.courses.all()).values_list(
        "user_id", flat=True
    )
    active += Participant.objects.filter(campaign__in=programme.campaigns.all()).values_list(
        "user_id", flat=True
    )
    return Decimal(distinct_count(user for user in active if user in members))


def _engaged_user_ids(programme: Programme) -> set[int]:
    """Everyone who took part in the programme: its members, and the people of its linked
    events (by events' participation rule), courses (enrolled) and campaigns (joined)."""
    from kuza.campaigns.models import Participant
    from kuza.events.selectors import participant_registrations
    from kuza.learning.models import Enrolment

    engaged = set(_member_user_ids(programme))
    engaged.update(
        participant_registrations(programme.events.all()).values_list("user_id", flat=True)
    )
    engaged.update(
        Enrolment.objects.filter(course__in=programme.courses.all()).values_list(
            "user_id", flat=True
        )
    )
    engaged.update(
        Participant.objects.filter(
            campaign__in=programme.campaigns.all(), user__isnull=False
        ).values_list("user_id", flat=True)
    )
    return engaged


def _organiser_user_ids(user_ids: set[int]) -> set[int]:
    """Those of `user_ids` who organise on Kuza: an organisation's organiser, or an organiser
    of an event or a campaign (any, not only the programme's)."""
    from kuza.campaigns.models import Campaign
    from kuza.events.models import Event
    from kuza.people.models import Membership

    organisers = set(
        Membership.objects.filter(user_id__in=user_ids, role=Membership.Role.ORGANISER).values_list(
            "user_id", flat=True
        )
    )
    organisers.update(
        Event.organisers.through.objects.filter(user_id__in=user_ids).values_list(
            "user_id", flat=True
        )
    )
    organisers.update(
        Campaign.organisers.through.objects.filter(user_id__in=user_ids).values_list(
            "user_id", flat=True
        )
    )
    return organisers


def organisers_engaged(programme: Programme) -> Decimal:
    return Decimal(distinct_count(_organiser_user_ids(_engaged_user_ids(programme))))


def countries_represented(programme: Programme) -> Decimal:
    countries = Member.objects.filter(programme=programme).values_list(
        "user__profile__country", flat=True
    )
    return Decimal(distinct_count(countries))


def campaign_articles_created(programme: Programme) -> Decimal:
    from kuza.campaigns.selectors import campaign_metrics

    total = 0
    for campaign in programme.campaigns.all():
        metrics = campaign_metrics(campaign)
        if metrics is not None:
            total += metrics.totals.articles_created
    return Decimal(total)


def course_completions(programme: Programme) -> Decimal:
    from kuza.learning.models import Enrolment

    completed = Enrolment.objects.filter(
        course__in=programme.courses.all(),
        user_id__in=_member_user_ids(programme),
        completed_at__isnull=False,
    ).values_list("user_id", "course_id")
    return Decimal(distinct_count(completed))


def badges_issued(programme: Programme) -> Decimal:
    from kuza.credentials.models import Assertion

    start = datetime.combine(programme.starts_on, time.min, tzinfo=UTC)
    end = datetime.combine(programme.ends_on + timedelta(days=1), time.min, tzinfo=UTC)
    issued = Assertion.objects.filter(
        recipient_id__in=_member_user_ids(programme),
        revoked_at__isnull=True,
        issued_on__gte=start,
        issued_on__lt=end,
    ).values_list("pk", flat=True)
    return Decimal(distinct_count(issued))


def event_participants(programme: Programme) -> Decimal:
    from kuza.events.selectors import events_summary

    return Decimal(events_summary(programme.events.all()).participants)


def plans_under_way(programme: Programme) -> Decimal:
    plans = Plan.objects.filter(
        member__programme=programme, status__in=[Plan.Status.ACTIVE, Plan.Status.DONE]
    ).values_list("pk", flat=True)
    return Decimal(distinct_count(plans))


def milestones_done(programme: Programme) -> Decimal:
    done = Milestone.objects.filter(
        plan__member__programme=programme, status=Milestone.Status.DONE
    ).values_list("pk", flat=True)
    return Decimal(distinct_count(done))


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


def current_value(key_result) -> Decimal | None:
    """The key result's value now: its measure's live figure, or the value entered by hand."""
    if key_result.is_manual:
        return key_result.manual_value
    measure = get(key_result.measure)
    return measure.compute(key_result.programme) if measure else None
