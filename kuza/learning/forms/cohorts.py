"""Forms for running cohorts: a cohort with its facilitators, and its sessions.

They check what a person typed; kuza.learning.scheduling checks the rules again and writes.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kuza.learning.models import CohortSession
from kuza.learning.scheduling import (
    MAX_DURATION_MINUTES,
    CohortInput,
    SessionInput,
    parse_usernames,
)
from kuza.learning.timezones import valid_time_zone


class _DateInput(forms.DateInput):
    input_type = "date"


class _TimeInput(forms.TimeInput):
    input_type = "time"


class CohortForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name"),
        max_length=100,
        required=False,
        help_text=_("Used in the cohort's address; made from the name when left empty."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown."),
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=_DateInput)
    ends_on = forms.DateField(label=_("Ends on"), widget=_DateInput)
    is_open = forms.BooleanField(label=_("Open for enrolment"), required=False)
    facilitators = forms.CharField(
        label=_("Facilitators"),
        required=False,
        max_length=2000,
        help_text=_("Their usernames, separated by commas or spaces."),
    )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("A cohort cannot end before it starts."))
        return data

    def to_input(self) -> CohortInput:
        data = self.cleaned_data
        return CohortInput(
            name=data["name"],
            slug=data["slug"],
            description=data["description"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            is_open=data["is_open"],
            facilitators=parse_usernames(data["facilitators"]),
        )


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CohortSession.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    day = forms.DateField(label=_("Date"), widget=_DateInput)
    start = forms.TimeField(label=_("Starts at"), widget=_TimeInput)
    time_zone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        help_text=_(
            "The time zone of that date and time, such as Africa/Nairobi or Europe/Paris; "
            "each learner sees the session in their own."
        ),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=MAX_DURATION_MINUTES, initial=60
    )
    join_url = forms.URLField(
        label=_("Where to join"), max_length=500, required=False, assume_scheme="https"
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_time_zone(self) -> str:
        zone = valid_time_zone(self.cleaned_data["time_zone"])
        if not zone:
            raise forms.ValidationError(
                _("Not a time zone Kuza knows; use a name such as Africa/Nairobi.")
            )
        return zone

    def to_input(self) -> SessionInput:
        data = self.cleaned_data
        return SessionInput(
            kind=data["kind"],
            title=data["title"],
            day=data["day"],
            start=data["start"],
            time_zone=data["time_zone"],
            duration_minutes=data["duration_minutes"],
            join_url=data["join_url"],
            description=data["description"],
        )
