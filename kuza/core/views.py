from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from kuza.core import selectors
from kuza.people.selectors import community_summary


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"summary": community_summary()})


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
