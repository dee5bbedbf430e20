from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kuza.safety.evidence import MAX_LINKS, clean_evidence_links
from kuza.safety.models import Report, SafetyPreferences
from kuza.safety.services import MAX_DESCRIPTION


class ReportForm(forms.Form):
    description = forms.CharField(
        label=_("What happened?"),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Only moderators read this. The person you report is never told who reported them."
        ),
    )
    evidence_links = forms.CharField(
        label=_("Evidence links (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence_links"].help_text = _(
            "Up to %(count)d web addresses, one a line: diffs, messages, screenshots."
        ) % {"count": MAX_LINKS}

    def clean_evidence_links(self) -> list[str]:
        try:
            return clean_evidence_links(self.cleaned_data["evidence_links"])
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = SafetyPreferences
        fields = ["hide_from_leaderboards", "hide_from_map"]


class ConductAcceptForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    accept = forms.BooleanField(
        label=_("I have read this version of the code of conduct and I agree to follow it."),
        error_messages={"required": _("Tick the box to accept the code of conduct.")},
    )


class ConductPublishForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 20}), help_text=_("Markdown.")
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Report.Status.choices)


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Internal note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only moderators see notes."),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Message to the reporter"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The reporter sees it signed “the moderators”."),
    )


class WarnForm(forms.Form):
    message = forms.CharField(
        label=_("Warning to the member"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the member on Kuza and by email. Never name the reporter."),
    )


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Why hide it?"), max_length=5000)


class SuspendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, shown to the member"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    days = forms.IntegerField(
        label=_("Days"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=_("Empty: until a moderator lifts it."),
    )
