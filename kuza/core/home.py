"""The personal home: what waits for a person's answer and what comes next, from every app.

The site's home page knows no app. Each app registers *providers* from its own
``kuza/<app>/integrations.py``::

    from kuza.core import home

    home.register(home.WAITING, "people.contact-requests", selectors.home_contact_requests)

A provider is the contract between an app and the home:

- it is called with a signed-in, active user and returns a list of `HomeItem`;
- it is **one selector of its own app**, making a bounded number of queries (one or two)
  whatever the person's data: the home page's whole query count is the sum of these;
- it returns only what the person may see (the selector applies the app's own access rules:
  blocks, suspensions, moderation, privacy tiers), and names no one the person may not see;
- it returns at most `LIMIT` items (the home shows the most pressing first) and never writes;
- `WAITING` items need the person's answer (a request, a check-in due, a survey to answer);
  their `reason` says in one translated line why. `NEXT` items are what is coming or under
  way (a session, an event, a lesson in progress, a campaign with the person's figures);
  they carry a `when` where there is one, by which the home orders them.

Apps also declare what they offer (`register_capability`): a visitor's home shows an entry to
every capability, so nothing Kuza does is hidden from someone who has not joined yet. An entry
for members only leads a visitor through sign-up to its page.

A title that is content (a campaign's name, a course's title) carries its `source`; the
translation app registers the one *localiser*, which puts every such title of the page into
the reader's language at once (a fixed number of queries whatever the items).

Registering the same key twice keeps the first registration (apps' ready() may run twice in
tests), so a provider can be registered unconditionally.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.functional import Promise

from kuza.core.viewers import is_signed_in

WAITING = "waiting"
NEXT = "next"
SECTIONS = (WAITING, NEXT)
# Per provider: the home is a summary, each app's own page lists everything.
LIMIT = 5


@dataclass(frozen=True)
class HomeItem:
    """One line on the home: a link to where the person acts, and why it is there."""

    title: str
    url: str
    reason: str | Promise
    when: datetime | None = None
    # A short figure of the person's own (e.g. "12 edits"), shown after the reason.
    figure: str | Promise = ""
    # The content object and field the title comes from, when the title is translatable
    # content: the home then shows it in the reader's language (see `register_localiser`).
    source: tuple[object, str] | None = None


Provider = Callable[[object], list[HomeItem]]


@dataclass(frozen=True)
class _Registration:
    section: str
    key: str
    provider: Provider


_registrations: list[_Registration] = []
Localiser = Callable[[list[HomeItem]], list[HomeItem]]
_localisers: list[Localiser] = []


def register_localiser(localiser: Localiser) -> None:
    """The translation app's batch translator of titles (one; a second registration is ignored)."""
    if not _localisers:
        _localisers.append(localiser)


def _localised(items: list[HomeItem]) -> list[HomeItem]:
    if not _localisers or not any(item.source for item in items):
        return items
    return _localisers[0](items)


def register(section: str, key: str, provider: Provider) -> None:
    """Add a provider of `section` items (`WAITING` or `NEXT`); `key` names it, e.g. "app.what"."""
    if section not in SECTIONS:
        raise ValueError(f"unknown home section {section!r}; use one of {SECTIONS}")
    if all(existing.key != key for existing in _registrations):
        _registrations.append(_Registration(section, key, provider))


def unregister(key: str) -> None:
    _registrations[:] = [entry for entry in _registrations if entry.key != key]


def registered_keys(section: str) -> list[str]:
    return [entry.key for entry in _registrations if entry.section == section]


@dataclass
class PersonalHome:
    waiting: list[HomeItem] = field(default_factory=list)
    next: list[HomeItem] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.waiting and not self.next


def _collect(section: str, user) -> list[HomeItem]:
    items: list[HomeItem] = []
    for entry in _registrations:
        if entry.section == section:
            items.extend(entry.provider(user)[:LIMIT])
    return items


def personal_home(user) -> PersonalHome:
    """Everything the apps have for `user`: waiting items in registration order, next by date."""
    if not is_signed_in(user):
        return PersonalHome()
    waiting, upcoming = _collect(WAITING, user), _collect(NEXT, user)
    localised = _localised(waiting + upcoming)
    waiting, upcoming = localised[: len(waiting)], localised[len(waiting) :]
    # Dated items first, soonest first; undated ones (a lesson in progress) keep their order.
    dated = sorted((item for item in upcoming if item.when), key=lambda item: item.when)
    undated = [item for item in upcoming if not item.when]
    return PersonalHome(waiting=waiting, next=dated + undated)


def waiting_count(user) -> int:
    """How many things wait for `user`'s answer: the figure beside the account entry."""
    if not is_signed_in(user):
        return 0
    return len(_collect(WAITING, user))


@dataclass(frozen=True)
class Capability:
    """One thing Kuza offers, as a visitor's home presents it."""

    url_name: str
    title: str | Promise
    summary: str | Promise
    order: int = 50
    members_only: bool = False


_capabilities: list[Capability] = []


def register_capability(capability: Capability) -> None:
    if all(existing.url_name != capability.url_name for existing in _capabilities):
        _capabilities.append(capability)
        _capabilities.sort(key=lambda entry: entry.order)


def capabilities() -> list[Capability]:
    return list(_capabilities)
