"""Who is asking: the one definition of a signed-in member, for every layer from core up."""

from __future__ import annotations


def is_signed_in(user) -> bool:
    """A signed-in member whose account is active (not suspended): the one definition every
    app uses before granting anything beyond what an anonymous visitor sees."""
    return bool(user is not None and user.is_authenticated and user.is_active)
