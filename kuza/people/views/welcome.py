"""The short onboarding a new member sees after sign-up; it ends on the page they came for."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kuza.people import selectors, services
from kuza.people.forms import WelcomeForm
from kuza.people.services import PeopleError

# Where each answer to "what brings you" leads.
DESTINATIONS = {
    WelcomeForm.MENTOR: "mentorship:find",
    WelcomeForm.COURSE: "learning:catalogue",
    WelcomeForm.CAMPAIGN: "campaigns:list",
    WelcomeForm.LOOKING: "home",
}


def _destination(reason: str, wants) -> str:
    url = reverse(DESTINATIONS[reason])
    if reason == WelcomeForm.MENTOR and wants is not None:
        # The mentor search starts on the skill they want to learn.
        url = f"{url}?{urlencode({'skill': wants.pk})}"
    return url


@login_required
@require_http_methods(["GET", "POST"])
def welcome(request: HttpRequest) -> HttpResponse:
    profile = selectors.own_profile(request.user)
    form = WelcomeForm(
        request.POST or None,
        initial={"display_name": profile.display_name, "country": profile.country},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.onboarding_save(
                user=request.user,
                display_name=data["display_name"],
                country=data["country"],
                knows=data["knows"],
                wants=data["wants"],
            )
        except PeopleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Welcome to Kuza! You can change all this on your profile.")
            )
            return redirect(_destination(data["reason"], data["wants"]))
    return render(
        request, "people/welcome.html", {"form": form}, status=400 if form.errors else 200
    )
