"""Writes for toolkits and plans: create a toolkit; start a plan from one, manage its team,
assign steps and tick items."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kuza.accounts.selectors import is_signed_in
from kuza.library import permissions
from kuza.library.models import (
    Plan,
    PlanItem,
    PlanMember,
    PlanStep,
    Toolkit,
    ToolkitItem,
    ToolkitStep,
)
from kuza.library.reading import toolkit_texts
from kuza.library.validation import standard_language
from kuza.safety.selectors import is_blocked_between
from kuza.translation.services import translation_sync_source


def toolkit_create(
    *,
    slug: str,
    title: str,
    language: str,
    steps: Sequence[tuple[str, str, Sequence[str]]],
    summary: str = "",
    translation_of: Toolkit | None = None,
    publish: bool = False,
) -> Toolkit:
    """A toolkit with its steps, given as (title, guidance, checklist items), in order."""
    with transaction.atomic():
        toolkit = Toolkit(
            slug=slug,
            title=title,
            summary=summary,
            language=standard_language(language),
            translation_of=translation_of,
            is_published=publish,
        )
        toolkit.full_clean()
        toolkit.save()
        for order, (step_title, guidance, items) in enumerate(steps, start=1):
            step = ToolkitStep.objects.create(
                toolkit=toolkit, order=order, title=step_title, body=guidance
            )
            ToolkitItem.objects.bulk_create(
                [
                    ToolkitItem(step=step, order=index, text=text)
                    for index, text in enumerate(items, start=1)
                ]
            )
            # Saving the step synced its title and guidance; its checklist exists only now.
            translation_sync_source(obj=step)
    return toolkit


def plan_start(*, toolkit: Toolkit, owner, title: str = "", language: str | None = None) -> Plan:
    """Copy a published toolkit's steps and checklist into a new plan owned by `owner`.

    The copy is in `language` (the reader's, by default) where the toolkit is translated
    into it through the translation app, and in the toolkit's own language elsewhere.
    """
    if not is_signed_in(owner):
        raise PermissionDenied
    if not toolkit.is_published:
        raise PermissionDenied
    texts = toolkit_texts(toolkit, language)
    with transaction.atomic():
        plan = Plan.objects.create(
            toolkit=toolkit, owner=owner, title=title.strip() or texts.title.text.strip()
        )
        PlanMember.objects.create(plan=plan, user=owner)
        plan_steps = PlanStep.objects.bulk_create(
            [
                PlanStep(plan=plan, order=index, title=step.title.text.strip(), body=step.body.text)
                for index, step in enumerate(texts.steps, start=1)
            ]
        )
        PlanItem.objects.bulk_create(
            [
                PlanItem(step=plan_step, order=index, text=item.text)
                for plan_step, step in zip(plan_steps, texts.steps, strict=True)
                for index, item in enumerate(step.items, start=1)
            ]
        )
    return plan


def plan_member_add(*, plan: Plan, user, added_by) -> PlanMember:
    """The owner adds a co-organiser to the team."""
    if not permissions.can_manage_team(added_by, plan):
        raise PermissionDenied
    if not user.is_active:
        raise ValidationError(_("This account is not active."))
    if is_blocked_between(added_by, user):
        raise ValidationError(_("You cannot add this person to your team."))
    member, _created = PlanMember.objects.get_or_create(plan=plan, user=user)
    return member


def plan_member_remove(*, plan: Plan, user, removed_by) -> None:
    """The owner removes a co-organiser; their steps become unassigned."""
    if not permissions.can_manage_team(removed_by, plan):
        raise PermissionDenied
    if user.pk == plan.owner_id:
        raise ValidationError(_("The owner of a plan stays on its team."))
    with transaction.atomic():
        PlanMember.objects.filter(plan=plan, user=user).delete()
        plan.steps.filter(assignee=user).update(assignee=None)


def plan_step_update(
    *,
    step: PlanStep,
    user,
    assignee=None,
    due_date: datetime.date | None = None,
    done_item_ids: Collection[int] = (),
    seen_done_item_ids: Collection[int] = (),
) -> PlanStep:
    """A team member assigns a step, sets its due date and ticks its items.

    Only items whose state the person changed are written: `seen_done_item_ids` is what was
    done when their page was drawn, so two organisers ticking different items of the same
    step at the same time do not undo each other's work.
    """
    plan = step.plan
    if not permissions.can_change_plan(user, plan):
        raise PermissionDenied
    if assignee is not None and not PlanMember.objects.filter(plan=plan, user=assignee).exists():
        raise ValidationError({"assignee": _("Steps can only go to members of the team.")})
    step_item_ids = set(step.items.values_list("pk", flat=True))
    done, seen = set(done_item_ids), set(seen_done_item_ids)
    if not (done | seen) <= step_item_ids:
        raise ValidationError(_("These checklist items are not part of this step."))
    with transaction.atomic():
        step.assignee = assignee
        step.due_date = due_date
        step.save(update_fields=["assignee", "due_date"])
        PlanItem.objects.filter(pk__in=done - seen, done_at__isnull=True).update(
            done_at=timezone.now(), done_by=user
        )
        PlanItem.objects.filter(pk__in=seen - done).update(done_at=None, done_by=None)
    return step


def plan_item_set_done(*, item: PlanItem, user, done: bool) -> PlanItem:
    """Tick one checklist item (or untick it)."""
    if not permissions.can_change_plan(user, item.step.plan):
        raise PermissionDenied
    if done and item.done_at is None:
        item.done_at, item.done_by = timezone.now(), user
    elif not done:
        item.done_at, item.done_by = None, None
    item.save(update_fields=["done_at", "done_by"])
    return item


def plan_delete(*, plan: Plan, user) -> None:
    if not permissions.can_manage_team(user, plan):
        raise PermissionDenied
    plan.delete()
