from __future__ import annotations

from django.db.models import QuerySet, Subquery

from kuza.accounts.models import ApiToken, CodeOfConduct, User


def current_code_of_conduct() -> CodeOfConduct | None:
    return CodeOfConduct.objects.order_by("-version").first()


def has_accepted_current_conduct(user: User) -> bool:
    """One query for the usual case (accepted), read on every page for the site notice."""
    current = CodeOfConduct.objects.order_by("-version").values("pk")[:1]
    if user.conduct_acceptances.filter(conduct=Subquery(current)).exists():
        return True
    return current_code_of_conduct() is None


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return user.api_tokens.all()
