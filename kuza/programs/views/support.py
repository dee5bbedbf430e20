"""Support requests: a member asks; organisers decide and see the totals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kuza.programs import figures, selectors, services
from kuza.programs.forms import SupportRequestForm
from kuza.programs.models import SupportRequest
from kuza.programs.views.common import participant_or_404


@login_required
@require_http_methods(["GET", "POST"])
def support(request: HttpRequest, pk: int) -> HttpResponse:
    programme = participant_or_404(request, pk)
    member = selectors.member_of(request.user, programme)
    is_organiser = selectors.is_organiser(request.user, programme)
    if member is None and not is_organiser:
        raise Http404
    form = SupportRequestForm(request.POST or None) if member else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            services.support_request_create(member=member, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Your request is with the organisers."))
            return redirect("programs:support", pk=programme.pk)
    requests = list(selectors.support_requests_for(request.user, programme))
    statuses = dict(SupportRequest.Status.choices)
    totals = figures.support_totals(
        (request.currency, request.status, request.amount) for request in requests
    )
    context = {
        "programme": programme,
        "form": form,
        "requests": requests,
        "is_organiser": is_organiser,
        "totals": [(total, statuses.get(total.status, total.status)) for total in totals],
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "programs/support.html", context, status=status)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, request_id: int) -> HttpResponse:
    programme = participant_or_404(request, pk)
    if not selectors.is_organiser(request.user, programme):
        raise Http404
    support_request = (
        selectors.support_requests_for(request.user, programme).filter(pk=request_id).first()
    )
    if support_request is None:
        raise Http404
    decision = request.POST.get("decision")
    if decision not in ("approve", "decline"):
        # Never read a missing answer as "decline": nothing is decided.
        messages.error(request, _("Choose Approve or Decline."))
        return redirect("programs:support", pk=programme.pk)
    try:
        services.support_request_decide(
            request=support_request, actor=request.user, approve=decision == "approve"
        )
    except services.ProgrammeError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The request is approved.")
            if decision == "approve"
            else _("The request is declined."),
        )
    return redirect("programs:support", pk=programme.pk)
