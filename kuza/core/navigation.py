"""The site navigation, contributed by each app so that base.html never changes per feature."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    order: int = 50
    members_only: bool = False
    staff_only: bool = False
    # For entries only some members need (e.g. moderators): called with the signed-in user.
    visible: Callable[[object], bool] | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_items: list[NavItem] = []


def register(item: NavItem) -> None:
    """Add an entry to the main navigation; apps call this from their integrations.py."""
    if all(existing.url_name != item.url_name for existing in _items):
        _items.append(item)
        _items.sort(key=lambda entry: entry.order)


def items_for(user) -> list[NavItem]:
    signed_in = bool(user and user.is_authenticated)
    return [
        item
        for item in _items
        if (signed_in or not item.members_only)
        and (not item.staff_only or user.is_staff)
        and (item.visible is None or (signed_in and item.visible(user)))
    ]
