"""The site navigation, contributed by each app so that base.html never changes per feature.

Entries sit in at most six groups, named for what people come to do, so that a phone shows the
whole menu on one or two lines: each group is a `<details>` element that opens without script.
An app names its entry's group (`NavItem.group`); the groups themselves are declared here once.
The account (my account, inbox, log out) is outside the groups; SETTINGS entries are not in the
menu at all but listed on the person's settings page (safety preferences), where apps offer
their own choices (a campaign's leaderboard, invitation lists).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PEOPLE, LEARN, MENTORING, GATHER, LIBRARY, MORE, ACCOUNT, SETTINGS = (
    "people",
    "learn",
    "mentoring",
    "gather",
    "library",
    "more",
    "account",
    "settings",
)
# The top-level groups, in order; ACCOUNT entries are shown with the account, SETTINGS entries
# on the settings page, not here.
GROUPS: tuple[tuple[str, Promise], ...] = (
    (PEOPLE, _("People")),
    (LEARN, _("Learn")),
    (MENTORING, _("Mentoring")),
    (GATHER, _("Campaigns & events")),
    (LIBRARY, _("Library")),
    (MORE, _("More")),
)


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    order: int = 50
    members_only: bool = False
    staff_only: bool = False
    # For entries only some members need (e.g. moderators): called with the signed-in user.
    visible: Callable[[object], bool] | None = None
    group: str = MORE

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class NavGroup:
    key: str
    label: str | Promise
    items: list[NavItem]


_items: list[NavItem] = []


def register(item: NavItem) -> None:
    """Add an entry to the main navigation; apps call this from their integrations.py."""
    known = {key for key, _label in GROUPS} | {ACCOUNT, SETTINGS}
    if item.group not in known:
        raise ValueError(f"unknown navigation group {item.group!r}; use one of {sorted(known)}")
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


def groups_for(user) -> list[NavGroup]:
    """The non-empty top-level groups `user` sees, in the declared order."""
    items = items_for(user)
    groups = [
        NavGroup(key, label, [item for item in items if item.group == key]) for key, label in GROUPS
    ]
    return [group for group in groups if group.items]


def account_items_for(user) -> list[NavItem]:
    return [item for item in items_for(user) if item.group == ACCOUNT]


def settings_items_for(user) -> list[NavItem]:
    """Pages of choices apps offer, for the person's settings page."""
    return [item for item in items_for(user) if item.group == SETTINGS]
