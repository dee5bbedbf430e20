"""A view guard for any feature that lets a member contact others."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from kuza.safety.services import ConductNotAccepted, require_current_conduct


def conduct_required(view):
    """Send members who have not accepted the current code of conduct to accept it first.

    Use under `login_required`; the member comes back to the page they wanted afterwards.
    """

    @wraps(view)
    def guarded(request, *args, **kwargs):
        try:
            require_current_conduct(request.user)
        except ConductNotAccepted as error:
            messages.warning(request, str(error))
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('safety:conduct_accept')}?{query}")
        return view(request, *args, **kwargs)

    return guarded
