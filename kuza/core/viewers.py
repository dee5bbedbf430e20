"""Who is asking: the one definition of a signed-in member, for every layer from core up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from django.db.models import QuerySet

T = TypeVar("T")


def is_signed_in(user) -> bool:
    """A signed-in member whose account is active (not suspended): the one definition every
    app uses before granting anything beyond what an anonymous visitor sees."""
    return bool(user is not None and user.is_authenticated and user.is_active)


# --- Facts read with the account --------------------------------------------------------------
#
# Every page's layout asks a few things about the signed-in member (unread notices, the name to
# greet them by, whether they moderate anything, whether they accepted the current code of
# conduct). Asked one by one that is a query each on every request. Instead each app declares
# its fact here as a SQL expression over the user row (a `Subquery` or `Exists` with
# `OuterRef("pk")`), and the authentication backend (`kuza.accounts.backends`) loads the
# session's user with every declared fact annotated: one query for the account and all facts.
#
# Contract: a fact is read at the start of the request and not refreshed, so it serves what a
# page *shows* (a count, a name, a menu entry); a permission check that must see a change made
# earlier in the same request asks the database itself. `fact()` falls back to `compute` for a
# user loaded any other way (an API token, a test's factory object).

FactExpression = Callable[[], object]
_facts: dict[str, FactExpression] = {}
_NOT_LOADED = object()


def register_fact(name: str, expression: FactExpression) -> None:
    """Declare the fact `name`: `expression()` returns a SQL expression over the user row.
    Registering a name again keeps the first (apps' ready() may run twice in tests)."""
    _facts.setdefault(name, expression)


def _attribute(name: str) -> str:
    return f"_viewer_fact_{name}"


def with_facts(users: QuerySet) -> QuerySet:
    """`users` with every declared fact annotated (what the authentication backend loads)."""
    return users.annotate(**{_attribute(name): make() for name, make in _facts.items()})


def fact(user, name: str, compute: Callable[[object], T]) -> T:
    """The fact `name` about `user` as loaded with the account this request, or `compute(user)`
    when the account was loaded without it."""
    # getattr, not __dict__: request.user is a lazy proxy of the account.
    loaded = getattr(user, _attribute(name), _NOT_LOADED)
    return compute(user) if loaded is _NOT_LOADED else loaded
