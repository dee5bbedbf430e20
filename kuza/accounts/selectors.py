from __future__ import annotations

from django.db.models import QuerySet

from kuza.accounts.models import ApiToken, CodeOfConduct, User


def is_signed_in(user) -> bool:
    """A signed-in member whose account is active (not suspended): the one definition every
    app uses before granting anything beyond what an anonymous visitor sees."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def current_code_of_conduct() -> CodeOfConduct | None:
    return CodeOfConduct.objects.order_by("-version").first()


def has_accepted_current_conduct(user: User) -> bool:
    current = current_code_of_conduct()
    return current is None or user.conduct_acceptances.filter(conduct=current).exists()


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return user.api_tokens.all()
