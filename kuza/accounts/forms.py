from django import forms
from django.utils.translation import gettext_lazy as _

from kuza.accounts import selectors, services


class ConductSignupForm(forms.Form):
    """Extra sign-up fields (local and Wikimedia sign-up): consent to the code of conduct."""

    accept_code_of_conduct = forms.BooleanField(
        label=_("I have read the code of conduct and I agree to follow it."),
        required=True,
        error_messages={"required": _("You must accept the code of conduct to join.")},
    )

    def signup(self, request, user) -> None:
        conduct = selectors.current_code_of_conduct()
        if conduct is not None:
            services.conduct_accept(user=user, conduct=conduct)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("For example the script that will use it."),
    )
