"""Forms for programme pages: they validate input; services decide and write."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kuza.campaigns.models import Campaign
from kuza.events.models import Event
from kuza.learning.models import Course
from kuza.programs import measures
from kuza.programs.models import (
    Cohort,
    KeyResult,
    Milestone,
    Plan,
    Programme,
    Resource,
    SupportRequest,
    VisionPost,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UsernamesField(forms.CharField):
    """Accounts named by user name, separated by commas or spaces."""

    def clean(self, value):
        value = super().clean(value)
        names = sorted({name for name in value.replace(",", " ").split() if name})
        users = list(get_user_model().objects.filter(username__in=names, is_active=True))
        missing = sorted(set(names) - {user.username for user in users})
        if missing:
            raise forms.ValidationError(
                _("No member with the user name %(names)s."), params={"names": ", ".join(missing)}
            )
        return users


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "description", "language", "starts_on", "ends_on", "listed"]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("A programme cannot end before it starts."))
        return data


class ProgrammeLinksForm(forms.Form):
    organisers = UsernamesField(label=_("Organisers (user names)"))
    mentors = UsernamesField(label=_("Mentors (user names)"), required=False)
    courses = forms.ModelMultipleChoiceField(
        Course.objects.order_by("title"),
        required=False,
        label=_("Courses"),
        widget=forms.CheckboxSelectMultiple,
    )
    events = forms.ModelMultipleChoiceField(
        Event.objects.order_by("-starts_at"),
        required=False,
        label=_("Events"),
        widget=forms.CheckboxSelectMultiple,
    )
    campaigns = forms.ModelMultipleChoiceField(
        Campaign.objects.order_by("-start"), required=False, label=_("Campaigns"),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name"]


class MemberForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    cohort = forms.ModelChoiceField(Cohort.objects.none(), label=_("Cohort"))
    mentor = forms.ModelChoiceField(
        get_user_model().objects.none(), required=False, label=_("Mentor")
    )

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = programme.cohorts.all()
        self.fields["mentor"].queryset = programme.mentors.order_by("username")

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=name, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No member with this user name."))
        return user


class VisionPostForm(forms.ModelForm):
    class Meta:
        model = VisionPost
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}


class PlanForm(forms.ModelForm):
    resources = forms.MultipleChoiceField(
        choices=Resource.choices,
        required=False,
        label=_("Resources needed"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Plan
        fields = [
            "title",
            "goal",
            "audience",
            "country",
            "language",
            "resources",
            "resources_note",
            "status",
            "visibility",
        ]
        widgets = {"goal": forms.Textarea(attrs={"rows": 5}), "visibility": forms.RadioSelect}


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on"]
        widgets = {"due_on": DATE}


class MilestoneStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Milestone.Status.choices, label=_("Status"))


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Text"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Markdown is allowed."),
    )  # fmt: skip


class KeyResultForm(forms.ModelForm):
    measure = forms.ChoiceField(label=_("Measured by"), required=False)

    class Meta:
        model = KeyResult
        fields = ["title", "target", "unit", "deadline", "measure", "manual_value", "source_note"]
        widgets = {"deadline": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = [("", _("Entered by hand")), *measures.choices()]

    def clean(self):
        data = super().clean()
        if not data.get("measure") and not (data.get("source_note") or "").strip():
            self.add_error("source_note", _("Say where a value entered by hand comes from."))
        return data


class SupportRequestForm(forms.ModelForm):
    class Meta:
        model = SupportRequest
        fields = ["kind", "amount", "currency", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def clean_currency(self):
        return self.cleaned_data["currency"].strip().upper()
