from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kuza.people import selectors, services
from kuza.people.forms import ContactForm, LanguageFormSet, ProfileForm, SkillClaimForm
from kuza.people.services import PeopleError


@require_GET
def profile_detail(request: HttpRequest, profile_id: int) -> HttpResponse:
    card = selectors.profile_visible_to(request.user, profile_id)
    if card is None:
        raise Http404
    return render(
        request,
        "people/profile_detail.html",
        {
            "card": card,
            "contact_form": ContactForm() if request.user.is_authenticated else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = selectors.own_profile(request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(
                profile=profile,
                data={name: form.cleaned_data[name] for name in services.PROFILE_FIELDS},
            )
        except PeopleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("people:profile_edit")
    return render(request, "people/profile_edit.html", {"form": form, "profile": profile})


@login_required
@require_http_methods(["GET", "POST"])
def languages_edit(request: HttpRequest) -> HttpResponse:
    profile = selectors.own_profile(request.user)
    initial = [{"tag": row.tag, "proficiency": row.proficiency} for row in profile.languages.all()]
    formset = LanguageFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        rows = [
            (form.cleaned_data["tag"], form.cleaned_data["proficiency"])
            for form in formset
            if form.cleaned_data.get("tag")
        ]
        try:
            services.profile_languages_set(profile=profile, languages=rows)
        except PeopleError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your languages are saved."))
            return redirect("people:languages_edit")
    return render(request, "people/languages_edit.html", {"formset": formset, "profile": profile})


@login_required
@require_http_methods(["GET", "POST"])
def skills_edit(request: HttpRequest) -> HttpResponse:
    profile = selectors.own_profile(request.user)
    form = SkillClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.skill_claim_save(
                profile=profile,
                skill=data["skill"],
                level=data["level"],
                knows=data["knows"],
                wants_to_learn=data["wants_to_learn"],
                can_mentor=data["can_mentor"],
                offers_service=data["offers_service"],
                evidence_url=data["evidence_url"],
            )
        except PeopleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect("people:skills_edit")
    card = selectors.profile_visible_to(request.user, profile.pk)
    return render(request, "people/skills_edit.html", {"form": form, "card": card})


@login_required
@require_POST
def skill_claim_delete(request: HttpRequest, claim_id: int) -> HttpResponse:
    try:
        services.skill_claim_delete(profile=selectors.own_profile(request.user), claim_id=claim_id)
    except PeopleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Removed."))
    return redirect("people:skills_edit")
