from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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
