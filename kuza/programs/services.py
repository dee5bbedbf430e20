"""Writes for programmes. Each checks who may do it, so views, the API and the demo agree."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kuza.programs import measures, selectors
from kuza.programs.models import (
    Cohort,
    KeyResult,
    Member,
    Milestone,
    Plan,
    PlanNote,
    Programme,
    Resource,
    Snapshot,
    SupportRequest,
    VisionPost,
)
from kuza.safety.selectors import is_blocked_between
from kuza.safety.services import require_current_conduct
from kuza.translation.services import translation_sync_source


class ProgrammeError(Exception):
    """A change that cannot be made, with a message for the person."""


def _require_organiser(actor, programme: Programme) -> None:
    if not selectors.is_organiser(actor, programme):
        raise ProgrammeError(_("Only the programme's organisers can do this."))


# --- Programmes, cohorts, members --------------------------------------------------------------


@transaction.atomic
def programme_create(
    *,
    creator,
    name: str,
    starts_on: date,
    ends_on: date,
    description: str = "",
    language: str = "en",
    listed: bool = True,
) -> Programme:
    if not selectors.can_create_programmes(creator):
        raise ProgrammeError(_("Only organisers can start a programme."))
    if ends_on < starts_on:
        raise ProgrammeError(_("A programme cannot end before it starts."))
    programme = Programme.objects.create(
        name=name,
        description=description,
        language=language,
        starts_on=starts_on,
        ends_on=ends_on,
        listed=listed,
    )
    programme.organisers.add(creator)
    translation_sync_source(obj=programme)
    return programme


@transaction.atomic
def programme_update(
    *,
    programme: Programme,
    actor,
    fields: dict,
    organisers: Iterable | None = None,
    mentors: Iterable | None = None,
    courses: Iterable | None = None,
    events: Iterable | None = None,
    campaigns: Iterable | None = None,
) -> Programme:
    """Change the programme's fields and links; the organisers never end up empty."""
    _require_organiser(actor, programme)
    allowed = {"name", "description", "language", "starts_on", "ends_on", "listed"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(f"not an editable field: {name}")
        setattr(programme, name, value)
    if programme.ends_on < programme.starts_on:
        raise ProgrammeError(_("A programme cannot end before it starts."))
    programme.save()
    if organisers is not None:
        organisers = list(organisers)
        if not organisers:
            raise ProgrammeError(_("A programme needs at least one organiser."))
        programme.organisers.set(organisers)
    for relation, values in (
        (programme.mentors, mentors),
        (programme.courses, courses),
        (programme.events, events),
        (programme.campaigns, campaigns),
    ):
        if values is not None:
            relation.set(list(values))
    if mentors is not None:
        # A member whose mentor left the programme's mentors has no mentor (and that person
        # no longer reads the plan) until the organisers choose another.
        Member.objects.filter(programme=programme, mentor__isnull=False).exclude(
            mentor__in=programme.mentors.all()
        ).update(mentor=None)
    translation_sync_source(obj=programme)
    return programme


@transaction.atomic
def cohort_create(*, programme: Programme, actor, name: str) -> Cohort:
    _require_organiser(actor, programme)
    if programme.cohorts.filter(name=name).exists():
        raise ProgrammeError(_("This programme already has a cohort with that name."))
    return Cohort.objects.create(programme=programme, name=name)


@transaction.atomic
def member_add(*, cohort: Cohort, actor, user, mentor=None) -> Member:
    """Add `user` to `cohort` (or move them there), with their mentor from the programme."""
    programme = cohort.programme
    _require_organiser(actor, programme)
    if mentor is not None and not programme.mentors.filter(pk=mentor.pk).exists():
        raise ProgrammeError(_("The mentor must be one of the programme's mentors."))
    if mentor is not None and mentor.pk == user.pk:
        raise ProgrammeError(_("A member cannot be their own mentor."))
    if mentor is not None and is_blocked_between(mentor, user):
        raise ProgrammeError(_("This mentor cannot be paired with this member; choose another."))
    member, _created = Member.objects.update_or_create(
        programme=programme, user=user, defaults={"cohort": cohort, "mentor": mentor}
    )
    return member


def mentors_unassign_on_block(*, blocker, blocked) -> int:
    """Safety's block effect: a member and her programme mentor in a block part at once.

    The member has no mentor (and the mentor no longer reads her plan) until the organisers
    choose another, as when a mentor leaves the programme; nothing is announced. Idempotent.
    """
    return Member.objects.filter(
        Q(user=blocker, mentor=blocked) | Q(user=blocked, mentor=blocker)
    ).update(mentor=None)


@transaction.atomic
def member_remove(*, member: Member, actor) -> None:
    _require_organiser(actor, member.programme)
    member.delete()


# --- Vision board ------------------------------------------------------------------------------


@transaction.atomic
def vision_post_create(*, cohort: Cohort, author, body: str) -> VisionPost:
    programme = cohort.programme
    member = selectors.member_of(author, programme)
    in_cohort = member is not None and member.cohort_id == cohort.pk
    if not (
        in_cohort
        or selectors.is_organiser(author, programme)
        or selectors.is_mentor(author, programme)
    ):
        raise ProgrammeError(_("Only the cohort, its mentors and organisers post here."))
    require_current_conduct(author)
    body = body.strip()
    if not body:
        raise ProgrammeError(_("Write your goal first."))
    return VisionPost.objects.create(cohort=cohort, author=author, body=body)


@transaction.atomic
def vision_post_delete(*, post: VisionPost, actor) -> None:
    if post.author_id != actor.pk and not selectors.is_organiser(actor, post.cohort.programme):
        raise ProgrammeError(_("Only the author or an organiser can remove a post."))
    post.delete()


# --- Plans -------------------------------------------------------------------------------------


PLAN_FIELDS = {
    "title",
    "goal",
    "audience",
    "country",
    "language",
    "resources",
    "resources_note",
    "status",
    "visibility",
}


@transaction.atomic
def plan_save(*, member: Member, actor, fields: dict) -> Plan:
    """Create or change `member`'s plan: only the member writes their own plan."""
    if member.user_id != actor.pk:
        raise ProgrammeError(_("Only the member writes their plan."))
    # Her cohort reads the plan: writing it is contact with others, as on the vision board.
    require_current_conduct(actor)
    unknown = set(fields) - PLAN_FIELDS
    if unknown:
        raise ValueError(f"not plan fields: {sorted(unknown)}")
    resources = fields.get("resources", [])
    if any(code not in Resource.values for code in resources):
        raise ProgrammeError(_("Unknown kind of resource."))
    plan = Plan.objects.select_for_update().filter(member=member).first() or Plan(member=member)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan.save()
    return plan


def _require_plan_author(actor, plan: Plan) -> None:
    if plan.member.user_id != actor.pk:
        raise ProgrammeError(_("Only the member changes their plan."))


@transaction.atomic
def milestone_add(*, plan: Plan, actor, title: str, due_on: date) -> Milestone:
    _require_plan_author(actor, plan)
    return Milestone.objects.create(plan=plan, title=title, due_on=due_on)


@transaction.atomic
def milestone_set_status(*, milestone: Milestone, actor, status: str) -> Milestone:
    _require_plan_author(actor, milestone.plan)
    if status not in Milestone.Status.values:
        raise ProgrammeError(_("Unknown milestone status."))
    milestone.status = status
    milestone.save(update_fields=["status"])
    return milestone


@transaction.atomic
def plan_note_add(*, plan: Plan, author, body: str) -> PlanNote:
    """An update when the author writes, a comment when their mentor or an organiser does."""
    if plan.member.user_id == author.pk:
        kind = PlanNote.Kind.UPDATE
    elif selectors.may_comment(author, plan):
        kind = PlanNote.Kind.COMMENT
    else:
        raise ProgrammeError(_("Only the member, their mentor and the organisers write here."))
    require_current_conduct(author)
    body = body.strip()
    if not body:
        raise ProgrammeError(_("Write something first."))
    return PlanNote.objects.create(plan=plan, author=author, kind=kind, body=body)


# --- Key results -------------------------------------------------------------------------------


KEY_RESULT_FIELDS = {
    "title",
    "target",
    "unit",
    "deadline",
    "measure",
    "manual_value",
    "source_note",
    "position",
}


@transaction.atomic
def key_result_save(
    *, programme: Programme, actor, fields: dict, key_result: KeyResult | None = None
) -> KeyResult:
    _require_organiser(actor, programme)
    unknown = set(fields) - KEY_RESULT_FIELDS
    if unknown:
        raise ValueError(f"not key result fields: {sorted(unknown)}")
    if key_result is None:
        # A new key result comes last in the report unless given a place.
        last = programme.key_results.aggregate(last=Max("position"))["last"]
        key_result = KeyResult(programme=programme, position=0 if last is None else last + 1)
    if key_result.programme_id != programme.pk:
        raise ProgrammeError(_("This key result belongs to another programme."))
    for name, value in fields.items():
        setattr(key_result, name, value)
    if key_result.measure and measures.get(key_result.measure) is None:
        raise ProgrammeError(_("Unknown measure."))
    if key_result.measure:
        # A measured key result has no hand-entered value to confuse with the live one.
        key_result.manual_value = None
    elif not key_result.source_note.strip():
        raise ProgrammeError(_("Say where a value entered by hand comes from."))
    key_result.full_clean()
    key_result.save()
    return key_result


@transaction.atomic
def key_result_delete(*, key_result: KeyResult, actor) -> None:
    _require_organiser(actor, key_result.programme)
    key_result.delete()


def snapshot_take(
    *,
    key_result: KeyResult,
    day: date | None = None,
    replace: bool = True,
    value: Decimal | None = None,
):
    """Store the key result's current value (or `value`, already measured) for `day`
    (today): one snapshot per day.

    With `replace=False` an existing snapshot of that day is kept (the report's at-most-once
    -a-day snapshot); the daily job replaces it with the day's latest value.
    """
    day = day or timezone.localdate()
    if not replace and Snapshot.objects.filter(key_result=key_result, taken_on=day).exists():
        return None
    if value is None:
        value = measures.current_value(key_result)
    if value is None:
        return None
    try:
        with transaction.atomic():
            snapshot, _created = Snapshot.objects.update_or_create(
                key_result=key_result, taken_on=day, defaults={"value": value}
            )
    except IntegrityError:
        # Another worker stored the same day at the same moment: theirs stands.
        return None
    return snapshot


def snapshots_take_missing(
    *, values: dict[KeyResult, Decimal | None], day: date, taken: set[int] | None = None
) -> int:
    """Store `values` (already measured) as `day`'s snapshots of the key results that have
    none that day; an existing snapshot is kept. Two queries whatever the number of key
    results (the report's at-most-once-a-day snapshot); one when the caller has read which
    key results have one that day (`taken`, their ids)."""
    if taken is None:
        taken = set(
            Snapshot.objects.filter(key_result__in=list(values), taken_on=day).values_list(
                "key_result_id", flat=True
            )
        )
    missing = [
        Snapshot(key_result=key_result, taken_on=day, value=value)
        for key_result, value in values.items()
        if value is not None and key_result.pk not in taken
    ]
    # Another worker storing the same day at the same moment: theirs stands.
    Snapshot.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


def snapshots_take_for_programme(*, programme: Programme, replace: bool) -> int:
    return sum(
        snapshot_take(key_result=key_result, replace=replace) is not None
        for key_result in programme.key_results.select_related("programme")
    )


def snapshots_take_all() -> int:
    """Today's value of every key result of programmes not over for more than 30 days."""
    recent = timezone.localdate().toordinal() - 30
    taken = 0
    for programme in Programme.objects.all():
        if programme.ends_on.toordinal() >= recent:
            taken += snapshots_take_for_programme(programme=programme, replace=True)
    return taken


# --- Support requests --------------------------------------------------------------------------


@transaction.atomic
def support_request_create(
    *, member: Member, actor, kind: str, amount: Decimal, currency: str, reason: str
) -> SupportRequest:
    if member.user_id != actor.pk:
        raise ProgrammeError(_("Members ask for support for themselves."))
    request = SupportRequest(
        member=member, kind=kind, amount=amount, currency=currency.upper(), reason=reason.strip()
    )
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def support_request_decide(*, request: SupportRequest, actor, approve: bool) -> SupportRequest:
    _require_organiser(actor, request.member.programme)
    locked = SupportRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != SupportRequest.Status.PENDING:
        raise ProgrammeError(_("This request has already been decided."))
    locked.status = SupportRequest.Status.APPROVED if approve else SupportRequest.Status.DECLINED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    return locked
