from __future__ import annotations

from django.db.models import QuerySet

from kuza.accounts.models import ApiToken, CodeOfConduct, User


def current_code_of_conduct() -> CodeOfConduct | None:
    return CodeOfConduct.objects.order_by("-version").first()


def has_accepted_current_conduct(user: User) -> bool:
    current = current_code_of_conduct()
    return current is None or user.conduct_acceptances.filter(conduct=current).exists()


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return user.api_tokens.all()
