"""Who may see, edit, review and plan what in the library.

- Published resources are public. Drafts, resources in review and rejected ones are seen only
  by their author and by curators (staff, or people with a Curator role).
- Authors edit their resources until they are published; curators edit any resource, and
  review: publish or reject with a note.
- Revision history is shown to curators and to the resource's author.
- A plan is seen only by its team (its members, the owner among them) and by staff; only the
  team changes it, and only the owner changes the team.
"""

from __future__ import annotations

from django.core.cache import cache

from kuza.accounts.selectors import is_signed_in
from kuza.library.models import Curator, Plan, PlanMember, Resource

CURATOR_CACHE_SECONDS = 3600


def is_curator(user) -> bool:
    if not is_signed_in(user):
        return False
    if user.is_staff:
        return True
    # A resource page asks several times: cached until the member's roles change (apps.py).
    key = curator_key(user.pk)
    curates = cache.get(key)
    if curates is None:
        curates = Curator.objects.filter(user=user).exists()
        cache.set(key, curates, CURATOR_CACHE_SECONDS)
    return curates


def curator_key(user_id: int) -> str:
    return f"library:is-curator:{user_id}"


def forget_curator(instance: Curator, **_signal) -> None:
    cache.delete(curator_key(instance.user_id))


def is_author(user, resource: Resource) -> bool:
    return is_signed_in(user) and resource.author_id == user.pk


def can_view_resource(user, resource: Resource) -> bool:
    return (
        resource.status == Resource.Status.PUBLISHED
        or is_author(user, resource)
        or is_curator(user)
    )


def can_edit_resource(user, resource: Resource) -> bool:
    if is_curator(user):
        return True
    return is_author(user, resource) and resource.status != Resource.Status.PUBLISHED


def can_submit_resource(user, resource: Resource) -> bool:
    return can_edit_resource(user, resource) and resource.status in {
        Resource.Status.DRAFT,
        Resource.Status.REJECTED,
    }


def can_review_resource(user, resource: Resource) -> bool:
    return is_curator(user) and resource.status == Resource.Status.IN_REVIEW


def can_view_history(user, resource: Resource) -> bool:
    return is_curator(user) or is_author(user, resource)


def is_plan_member(user, plan: Plan) -> bool:
    return is_signed_in(user) and PlanMember.objects.filter(plan=plan, user=user).exists()


def can_view_plan(user, plan: Plan) -> bool:
    return is_plan_member(user, plan) or (is_signed_in(user) and user.is_staff)


def can_change_plan(user, plan: Plan) -> bool:
    return is_plan_member(user, plan)


def can_manage_team(user, plan: Plan) -> bool:
    return is_signed_in(user) and plan.owner_id == user.pk
