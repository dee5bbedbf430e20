"""Writes for personal safety."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kuza.safety.models import Block


class SafetyError(Exception):
    """A safety request that cannot be honoured, with a message for the person."""


def block_create(*, blocker, blocked) -> Block:
    if blocker.pk == blocked.pk:
        raise SafetyError(_("You cannot block yourself."))
    block, _created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    return block


def block_remove(*, blocker, blocked) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()
