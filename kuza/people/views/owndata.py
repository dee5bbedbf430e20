from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from kuza.people import owndata
from kuza.people.forms import DeleteAccountForm


@login_required
@require_http_methods(["GET", "POST"])
def my_data(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        owndata.account_delete(user=request.user)
        logout(request)
        messages.success(request, _("Your account is deleted and your personal data removed."))
        return redirect("home")
    return render(request, "people/my_data.html", {"form": form})


@never_cache
@login_required
@require_GET
def my_data_download(request: HttpRequest) -> HttpResponse:
    body = json.dumps(owndata.my_data_export(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kuza-my-data.json"'
    return response
