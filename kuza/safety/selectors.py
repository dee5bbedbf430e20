"""Reads for personal safety: every feature where people meet asks these before showing anyone."""

from __future__ import annotations

from django.db.models import Q

from kuza.safety.models import Block


def blocked_user_ids(user) -> set[int]:
    """Ids of everyone `user` must not see or be seen by: blocks in either direction."""
    if user is None or not user.is_authenticated:
        return set()
    pairs = Block.objects.filter(Q(blocker=user) | Q(blocked=user)).values_list(
        "blocker_id", "blocked_id"
    )
    return {other for pair in pairs for other in pair if other != user.pk}


def is_blocked_between(first, second) -> bool:
    return Block.objects.filter(
        Q(blocker=first, blocked=second) | Q(blocker=second, blocked=first)
    ).exists()
