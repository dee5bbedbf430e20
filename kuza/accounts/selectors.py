from __future__ import annotations

from django.core.cache import cache
from django.db.models import Exists, OuterRef, QuerySet, Subquery

from kuza.accounts.models import ApiToken, CodeOfConduct, ConductAcceptance, User
from kuza.core.viewers import (
    fact,
    is_signed_in,  # noqa: F401 - the apps' import point
)

# Every signed-in page asks whether its member accepted the current code of conduct, so the
# answer is cached: the current version until a version is saved or deleted, an acceptance
# (which is never undone but by deleting it) until it is deleted. See apps.py for the signals.
CURRENT_CONDUCT_KEY = "accounts:current-conduct-id"
NO_CONDUCT = 0
CACHE_SECONDS = 3600


def accepted_key(user_id: int, conduct_id: int) -> str:
    return f"accounts:conduct-accepted:{user_id}:{conduct_id}"


def current_code_of_conduct() -> CodeOfConduct | None:
    return CodeOfConduct.objects.order_by("-version").first()


def current_conduct_id() -> int | None:
    current = cache.get(CURRENT_CONDUCT_KEY)
    if current is None:
        found = CodeOfConduct.objects.order_by("-version").values_list("pk", flat=True).first()
        current = found or NO_CONDUCT
        cache.set(CURRENT_CONDUCT_KEY, current, CACHE_SECONDS)
    return current or None


def accepted_current_conduct_fact() -> Exists:
    """Whether the member accepted the latest code of conduct, read with the account."""
    latest = CodeOfConduct.objects.order_by("-version").values("pk")[:1]
    return Exists(
        ConductAcceptance.objects.filter(user_id=OuterRef("pk"), conduct_id=Subquery(latest))
    )


def has_accepted_current_conduct(user: User) -> bool:
    current = current_conduct_id()
    if current is None:
        return True
    return fact(user, "accepted-current-conduct", _has_accepted)


def _has_accepted(user: User) -> bool:
    current = current_conduct_id()
    key = accepted_key(user.pk, current)
    if cache.get(key):
        return True
    accepted = ConductAcceptance.objects.filter(user_id=user.pk, conduct_id=current).exists()
    if accepted:
        cache.set(key, True, CACHE_SECONDS)
    return accepted


def forget_current_conduct(**_signal) -> None:
    cache.delete(CURRENT_CONDUCT_KEY)


def forget_acceptance(instance: ConductAcceptance, **_signal) -> None:
    cache.delete(accepted_key(instance.user_id, instance.conduct_id))


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return user.api_tokens.all()
