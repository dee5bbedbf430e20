from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kuza.core.confirm import confirm_page
from kuza.people import contact, selectors
from kuza.people.forms import AnswerForm, ContactForm
from kuza.people.services import PeopleError


@login_required
@require_POST
def contact_send(request: HttpRequest, profile_id: int) -> HttpResponse:
    form = ContactForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("message", [])))
        return redirect("people:profile", profile_id=profile_id)
    try:
        contact.contact_request_send(
            sender=request.user,
            recipient_profile_id=profile_id,
            message=form.cleaned_data["message"],
        )
    except PeopleError as error:
        messages.error(request, str(error))
        if selectors.profile_visible_to(request.user, profile_id) is None:
            return redirect("people:search")
    else:
        messages.success(request, _("Your contact request is sent."))
    return redirect("people:profile", profile_id=profile_id)


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "people/inbox.html",
        {
            "received": selectors.inbox_for(request.user)[:50],
            "sent": selectors.sent_by(request.user)[:50],
            "answer_form": AnswerForm(),
        },
    )


@login_required
@require_POST
def contact_answer(request: HttpRequest, request_id: int) -> HttpResponse:
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("answer", [])))
        return redirect("people:inbox")
    try:
        contact.contact_request_answer(
            recipient=request.user, request_id=request_id, answer=form.cleaned_data["answer"]
        )
    except PeopleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your answer is sent."))
    return redirect("people:inbox")


@login_required
@require_POST
def contact_ignore(request: HttpRequest, request_id: int) -> HttpResponse:
    try:
        contact.contact_request_ignore(recipient=request.user, request_id=request_id)
    except PeopleError as error:
        messages.error(request, str(error))
    return redirect("people:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def contact_block(request: HttpRequest, request_id: int) -> HttpResponse:
    """Ask first (GET), then block the sender (POST)."""
    if request.method == "GET":
        received = selectors.contact_request_received(request.user, request_id)
        if received is None:
            raise Http404
        name = format_html("<bdi>{}</bdi>", received.sender.profile.display_name)
        return confirm_page(
            request,
            title=_("Block this person?"),
            question=format_html(_("Block {name}, who sent you this request?"), name=name),
            consequences=[
                _("This person can no longer contact you, find you or be matched with you."),
                _("Their requests to you are marked as blocked. They are not told."),
            ],
            button=_("Block"),
            cancel_url=reverse("people:inbox"),
        )
    try:
        contact.contact_request_block_sender(recipient=request.user, request_id=request_id)
    except PeopleError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Blocked. This person can no longer contact you, find you or be matched.")
        )
    return redirect("people:inbox")
