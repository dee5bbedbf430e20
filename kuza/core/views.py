from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from kuza.core import home as personal_home_registry
from kuza.core import selectors
from kuza.core.context_processors import WAITING_COUNT_SECONDS, waiting_count_key
from kuza.people.selectors import community_summary, own_display_name


@dataclass(frozen=True)
class Offer:
    title: str
    summary: str
    url: str
    members_only: bool


def _offers() -> list[Offer]:
    """Every capability, members-only ones reached through sign-up (then straight to them)."""
    signup = reverse("account_signup")
    offers = []
    for capability in personal_home_registry.capabilities():
        url = reverse(capability.url_name)
        if capability.members_only:
            url = f"{signup}?{urlencode({'next': url})}"
        offers.append(Offer(capability.title, capability.summary, url, capability.members_only))
    return offers


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """A visitor's home shows what Kuza offers; a member's, what waits for them and what's next."""
    user = request.user
    if not user.is_authenticated:
        return render(
            request, "core/home.html", {"summary": community_summary(), "capabilities": _offers()}
        )
    personal = personal_home_registry.personal_home(user)
    cache.set(waiting_count_key(user), len(personal.waiting), timeout=WAITING_COUNT_SECONDS)
    return render(
        request,
        "core/personal_home.html",
        {"personal": personal, "name": own_display_name(user)},
    )


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database = selectors.database_status()
    tasks = selectors.task_queue_status() if database["ok"] else {"ok": False}
    healthy = database["ok"] and tasks["ok"]
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "database": database, "tasks": tasks},
        status=200 if healthy else 503,
    )


@require_GET
def media(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded files, from the MEDIA_ROOT in force now (tests give each test its own)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
