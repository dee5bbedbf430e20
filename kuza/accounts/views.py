from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kuza.accounts import selectors, services
from kuza.accounts.forms import ApiTokenForm


@require_GET
def code_of_conduct(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/code_of_conduct.html", {"conduct": selectors.current_code_of_conduct()}
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_home(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        except services.AccountError as error:
            form.add_error("name", str(error))
        else:
            form = ApiTokenForm()
    return render(
        request,
        "accounts/account_home.html",
        {
            "form": form,
            "issued": issued,
            "tokens": selectors.api_tokens_of(request.user),
            "accepted_conduct": selectors.has_accepted_current_conduct(request.user),
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        token = services.api_token_revoke(user=request.user, token_id=token_id)
    except services.AccountError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("account_home")
