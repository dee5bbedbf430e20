"""Forms for programme pages: they validate input; services decide and write."""

from __future__ import annotations

import langcodes
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kuza.campaigns.models import Campaign
from kuza.events.models import Event
from kuza.events.selectors import events_visible_to
from kuza.learning.models import Course
from kuza.learning.selectors import course_list
from kuza.people.picker import PeopleField, PersonField, PersonPickerForm, bind_viewer
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


class LanguageField(forms.CharField):
    """A language given by its tag (fr, sw-KE) or its name in most languages (Français,
    Kiswahili, العربية), stored as a standard tag."""

    def clean(self, value):
        value = (super().clean(value) or "").strip()
        if not value:
            return value
        if langcodes.tag_is_valid(value):
            return langcodes.standardize_tag(value)
        try:
            return langcodes.find(value).to_tag()
        except LookupError:
            raise forms.ValidationError(
                _("“%(value)s” is not a language we know; give its name or a code like fr."),
                params={"value": value},
            ) from None


class ProgrammeForm(forms.ModelForm):
    language = LanguageField(
        label=_("language of the text"),
        max_length=60,
        help_text=_("The language the name and description are written in, e.g. en or fr."),
    )

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
    organisers = PeopleField(label=_("Organisers"))
    mentors = PeopleField(label=_("Mentors"), required=False)
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

    def __init__(self, *args, programme: Programme, user, **kwargs):
        super().__init__(*args, **kwargs)
        bind_viewer(self, user)
        # Only what the organiser may see (never others' unpublished courses or events),
        # plus what the programme already links.
        courses = course_list(user=user).values("pk")
        events = events_visible_to(user).values("pk")
        self.fields["courses"].queryset = Course.objects.filter(
            Q(pk__in=courses) | Q(pk__in=programme.courses.values("pk"))
        ).order_by("title", "pk")
        self.fields["events"].queryset = Event.objects.filter(
            Q(pk__in=events) | Q(pk__in=programme.events.values("pk"))
        ).order_by("-starts_at", "pk")
        self.fields["organisers"].keep = frozenset(
            programme.organisers.values_list("pk", flat=True)
        )
        self.fields["mentors"].keep = frozenset(programme.mentors.values_list("pk", flat=True))


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name"]


class MemberForm(PersonPickerForm):
    person = PersonField(label=_("Member"))
    cohort = forms.ModelChoiceField(Cohort.objects.none(), label=_("Cohort"))
    mentor = forms.ModelChoiceField(
        get_user_model().objects.none(), required=False, label=_("Mentor")
    )

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = programme.cohorts.all()
        self.fields["mentor"].queryset = programme.mentors.order_by("username")


class VisionPostForm(forms.ModelForm):
    class Meta:
        model = VisionPost
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}


class PlanForm(forms.ModelForm):
    language = LanguageField(
        label=_("language"),
        max_length=60,
        required=False,
        help_text=_("The language of your initiative: its name or a code, e.g. Kiswahili or sw."),
    )
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
