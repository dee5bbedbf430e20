"""Reads for programmes. Functions returning one thing for a viewer check access themselves.

Who sees what:
- A programme's participants are its organisers, its mentors and the members of its cohorts.
- A listed programme's name, description, period and links are seen by every signed-in
  member; an unlisted one by its participants only. Anonymous visitors see no programme.
- The cohorts, their vision boards and the report are for participants. A vision board post is
  seen by the post's cohort, the mentors and the organisers.
- A plan is seen by its author, their mentor in the programme and the organisers, and, unless
  the author restricted it to them, by the members of the author's cohort. Nobody else:
  not staff as such, not other programmes' members, not anonymous visitors.
- Support requests are seen by the member who asked and by the organisers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kuza.accounts.selectors import is_signed_in
from kuza.audience.selectors import among_people, visible_to
from kuza.core import home
from kuza.core.home import HomeItem
from kuza.people.models import Membership
from kuza.programs.models import (
    Cohort,
    KeyResult,
    Member,
    Milestone,
    Plan,
    PlanNote,
    Programme,
    SupportRequest,
    VisionPost,
)
from kuza.safety.selectors import (
    is_blocked_between,
)

# --- Roles -------------------------------------------------------------------------------------


def _asked_once(programme: Programme, question: str, user, answer):
    """`answer()` for `user`, remembered on this programme object: a page asks the same role
    questions from its view, its selectors and its template (a change made by a service is
    seen on the next request, which fetches the programme again)."""
    remembered = programme.__dict__.setdefault("_roles_asked", {})
    if (question, user.pk) not in remembered:
        remembered[(question, user.pk)] = answer()
    return remembered[(question, user.pk)]


def is_organiser(user, programme: Programme) -> bool:
    if not is_signed_in(user):
        return False
    return _asked_once(
        programme,
        "organiser",
        user,
        lambda: programme.organisers.filter(pk=user.pk).exists(),
    )


def is_mentor(user, programme: Programme) -> bool:
    if not is_signed_in(user):
        return False
    return _asked_once(
        programme, "mentor", user, lambda: programme.mentors.filter(pk=user.pk).exists()
    )


def member_of(user, programme: Programme) -> Member | None:
    if not is_signed_in(user):
        return None
    return _asked_once(
        programme,
        "member",
        user,
        lambda: (
            Member.objects.filter(programme=programme, user=user).select_related("cohort").first()
        ),
    )


def is_participant(user, programme: Programme) -> bool:
    return (
        is_organiser(user, programme)
        or is_mentor(user, programme)
        or member_of(user, programme) is not None
    )


def can_create_programmes(user) -> bool:
    """Staff, and organisers of a community organisation, may start programmes."""
    if not is_signed_in(user):
        return False
    return (
        user.is_staff
        or Membership.objects.filter(user=user, role=Membership.Role.ORGANISER).exists()
    )


# --- Programmes --------------------------------------------------------------------------------


def _participant_programme_ids(user) -> Q:
    return (
        Q(organisers=user)
        | Q(mentors=user)
        | Q(pk__in=Member.objects.filter(user=user).values("programme_id"))
    )


def programmes_visible_to(user) -> QuerySet[Programme]:
    """Listed programmes and those `user` takes part in, for members only (the audience
    declared in integrations.py)."""
    return visible_to(Programme.objects.all(), user)


def programmes_of(user) -> QuerySet[Programme]:
    """The programmes `user` takes part in, in any role."""
    if not is_signed_in(user):
        return Programme.objects.none()
    return Programme.objects.filter(
        pk__in=Programme.objects.filter(_participant_programme_ids(user)).values("pk")
    )


def _with_roles(programmes: QuerySet[Programme], user) -> QuerySet[Programme]:
    """`programmes` carrying `user`'s roles in each, read in the same query as the programme;
    `_remember_roles` keeps them on the fetched programme for `user` only, where the role
    questions (`is_organiser`, `is_mentor`, `member_of`) find them."""
    if not is_signed_in(user):
        return programmes
    organiser = Programme.organisers.through.objects.filter(
        programme_id=OuterRef("pk"), user_id=user.pk
    )
    mentor = Programme.mentors.through.objects.filter(programme_id=OuterRef("pk"), user_id=user.pk)
    member = Member.objects.filter(programme_id=OuterRef("pk"), user_id=user.pk)
    return programmes.annotate(
        _viewer_organises=Exists(organiser),
        _viewer_mentors=Exists(mentor),
        _viewer_is_member=Exists(member),
    )


def _remember_roles(programme: Programme | None, user) -> Programme | None:
    if programme is None or "_viewer_organises" not in programme.__dict__:
        return programme
    remembered = programme.__dict__.setdefault("_roles_asked", {})
    remembered[("organiser", user.pk)] = programme.__dict__.pop("_viewer_organises")
    remembered[("mentor", user.pk)] = programme.__dict__.pop("_viewer_mentors")
    if not programme.__dict__.pop("_viewer_is_member"):
        remembered[("member", user.pk)] = None  # a member is read when asked, with her cohort
    return programme


def programme_for_viewer(user, programme_id: int) -> Programme | None:
    programmes = programmes_visible_to(user).filter(pk=programme_id)
    return _remember_roles(_with_roles(programmes, user).first(), user)


def programme_for_participant(user, programme_id: int) -> Programme | None:
    programmes = programmes_of(user).filter(pk=programme_id)
    return _remember_roles(_with_roles(programmes, user).first(), user)


def programme_for_organiser(user, programme_id: int) -> Programme | None:
    if not is_signed_in(user):
        return None
    programmes = Programme.objects.filter(pk=programme_id, organisers=user)
    return _remember_roles(_with_roles(programmes, user).first(), user)


def programmes_linked_to(obj, viewer) -> QuerySet[Programme]:
    """The programmes a course, event or campaign is linked to that `viewer` may see.

    For "Part of programme X" on those pages: `obj` is a learning Course, an events Event or
    a campaigns Campaign (anything else has no programmes).
    """
    from kuza.campaigns.models import Campaign
    from kuza.events.models import Event
    from kuza.learning.models import Course

    field = {Course: "courses", Event: "events", Campaign: "campaigns"}.get(type(obj))
    if field is None or obj.pk is None:
        return Programme.objects.none()
    return programmes_visible_to(viewer).filter(**{field: obj}).order_by("-starts_on", "name")


# --- Cohorts and vision board ------------------------------------------------------------------


def programme_organisers(programme: Programme, viewer) -> QuerySet:
    """The organisers a programme page lists (named through the presenter): suspended people
    appear nowhere; one in a block with the viewer still runs it, listed unnamed."""
    return among_people(programme.organisers.all(), viewer, despite_blocks=True).select_related(
        "profile"
    )


def programme_mentors(programme: Programme, viewer) -> QuerySet:
    """The mentors a programme page lists, by the organisers' rule."""
    return among_people(programme.mentors.all(), viewer, despite_blocks=True).select_related(
        "profile"
    )


def cohorts_for(user, programme: Programme) -> list[Cohort]:
    """Cohorts with their members, for participants; [] for anyone else."""
    if not is_participant(user, programme):
        return []
    # A suspended member appears nowhere (safety's rule); the organisers still see her row
    # at a glance. A block takes nobody out of a cohort: the presenter leaves them unnamed.
    active = among_people(Member.objects.all(), user, "user", despite_blocks=True).select_related(
        "user__profile", "mentor__profile"
    )
    return list(programme.cohorts.prefetch_related(Prefetch("members", queryset=active)))


def vision_posts_for(user, programme: Programme) -> QuerySet[VisionPost]:
    """Posts `user` may read: their own cohort's, or every cohort's for mentors and organisers.

    Hidden posts, and posts of suspended people or of people in a block with `user`, are
    left out (the audience declared in integrations.py).
    """
    posts = VisionPost.objects.filter(cohort__programme=programme)
    if not (is_organiser(user, programme) or is_mentor(user, programme)):
        member = member_of(user, programme)
        if member is None:
            return VisionPost.objects.none()
        posts = posts.filter(cohort=member.cohort)
    return visible_to(posts, user).select_related("author__profile", "cohort")


# --- Plans -------------------------------------------------------------------------------------


def plans_visible_to(user, programme: Programme) -> QuerySet[Plan]:
    plans = Plan.objects.filter(member__programme=programme)
    if not is_signed_in(user):
        return Plan.objects.none()
    if is_organiser(user, programme):
        return plans
    rule = Q(member__user=user) | Q(member__mentor=user)
    member = member_of(user, programme)
    if member is not None:
        rule |= Q(member__cohort=member.cohort, visibility=Plan.Visibility.COHORT)
    # The audience layer: a peer (or a mentor, until the organisers choose another) no longer
    # reads the plan of someone in a block with them; a plan the moderators hid is left to
    # its author (and the organisers); a suspended member's plan to the organisers.
    return visible_to(plans.filter(rule), user)


def plan_for_viewer(user, programme: Programme, plan_id: int) -> Plan | None:
    return (
        plans_visible_to(user, programme)
        .select_related("member__user__profile", "member__mentor__profile", "member__cohort")
        .filter(pk=plan_id)
        .first()
    )


def plan_of(user, programme: Programme) -> Plan | None:
    member = member_of(user, programme)
    return Plan.objects.filter(member=member).first() if member else None


def may_comment(user, plan: Plan) -> bool:
    """The plan's mentor and the organisers comment; the author writes updates.

    Nobody in a block with the author comments on her plan.
    """
    if not is_signed_in(user) or is_blocked_between(user, plan.member.user):
        return False
    return plan.member.mentor_id == user.pk or is_organiser(user, plan.member.programme)


def notes_for(user, plan: Plan) -> QuerySet[PlanNote]:
    return visible_to(plan.notes.all(), user).select_related("author__profile")


@dataclass(frozen=True)
class PlanRow:
    """One line of the organisers' at-a-glance table."""

    member: Member
    plan: Plan | None
    milestones_done: int
    milestones_total: int
    next_milestone: Milestone | None
    overdue: int


def plans_at_a_glance(user, programme: Programme) -> list[PlanRow]:
    """Every member and their plan's status, for organisers; [] for anyone else."""
    if not is_organiser(user, programme):
        return []
    today = timezone.localdate()
    members = list(
        programme.members.select_related("user__profile", "cohort", "mentor__profile", "plan")
    )
    plans = [plan for member in members if (plan := getattr(member, "plan", None))]
    counts = {
        row["plan_id"]: row
        for row in Milestone.objects.filter(plan__in=plans)
        .values("plan_id")
        .annotate(
            total=Count("pk", filter=~Q(status=Milestone.Status.DROPPED)),
            done=Count("pk", filter=Q(status=Milestone.Status.DONE)),
            overdue=Count(
                "pk",
                filter=Q(status__in=[Milestone.Status.PLANNED, Milestone.Status.STARTED])
                & Q(due_on__lt=today),
            ),
        )
    }
    upcoming: dict[int, Milestone] = {}
    for milestone in Milestone.objects.filter(
        plan__in=plans, status__in=[Milestone.Status.PLANNED, Milestone.Status.STARTED]
    ).order_by("due_on", "pk"):
        upcoming.setdefault(milestone.plan_id, milestone)
    rows = []
    for member in members:
        plan = getattr(member, "plan", None)
        count = counts.get(plan.pk, {}) if plan else {}
        rows.append(
            PlanRow(
                member=member,
                plan=plan,
                milestones_done=count.get("done", 0),
                milestones_total=count.get("total", 0),
                next_milestone=upcoming.get(plan.pk) if plan else None,
                overdue=count.get("overdue", 0),
            )
        )
    return rows


@dataclass(frozen=True)
class Belongings:
    """What goes with a member who leaves the programme (the removal page says it first)."""

    plan: Plan | None
    milestones: int
    notes: int
    support_requests: int


def member_belongings(member: Member) -> Belongings:
    plan = Plan.objects.filter(member=member).first()
    return Belongings(
        plan=plan,
        milestones=plan.milestones.count() if plan else 0,
        notes=plan.notes.count() if plan else 0,
        support_requests=member.support_requests.count(),
    )


# --- Key results and support -------------------------------------------------------------------


def key_results_of(programme: Programme) -> QuerySet[KeyResult]:
    return programme.key_results.all()


def key_result_for_organiser(user, programme: Programme, key_result_id: int) -> KeyResult | None:
    if not is_organiser(user, programme):
        return None
    return programme.key_results.filter(pk=key_result_id).first()


def support_requests_for(user, programme: Programme) -> QuerySet[SupportRequest]:
    """All of the programme's requests for organisers; a member's own for a member."""
    requests = SupportRequest.objects.filter(member__programme=programme).select_related(
        "member__user__profile", "decided_by__profile"
    )
    if is_organiser(user, programme):
        return requests
    member = member_of(user, programme)
    if member is None:
        return SupportRequest.objects.none()
    return requests.filter(member=member)


# --- Personal home -----------------------------------------------------------------------------


def home_milestones(user) -> list[HomeItem]:
    """Personal home: the open milestones of `user`'s own plans in programmes under way, soonest
    first, overdue ones included (one query)."""
    if not is_signed_in(user):
        return []
    milestones = (
        Milestone.objects.filter(
            plan__member__user=user,
            status__in=[Milestone.Status.PLANNED, Milestone.Status.STARTED],
            plan__status__in=[Plan.Status.DRAFT, Plan.Status.ACTIVE],
            plan__member__programme__in=programmes_visible_to(user),
        )
        .select_related("plan__member")
        .order_by("due_on", "pk")[: home.LIMIT]
    )
    today = timezone.localdate()
    items = []
    for milestone in milestones:
        due = date_format(milestone.due_on, "DATE_FORMAT")
        reason = (
            _("A milestone of your plan, overdue since %(date)s")
            if milestone.due_on < today
            else _("A milestone of your plan, due on %(date)s")
        ) % {"date": due}
        when = timezone.make_aware(datetime.combine(milestone.due_on, time.min))
        items.append(
            HomeItem(
                title=milestone.title,
                url=milestone.plan.get_absolute_url(),
                reason=reason,
                when=when,
            )
        )
    return items
