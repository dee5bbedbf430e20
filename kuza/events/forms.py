"""Forms for events: they turn what people type into the values services expect."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kuza.campaigns.models import Campaign
from kuza.core.timezones import TimeZoneField
from kuza.events.answers import MAX_ANSWER_LENGTH, AnswersInvalid, clean_answers
from kuza.events.models import Event, Question, Registration
from kuza.events.services import EventFields, linkable_campaigns
from kuza.events.timezones import NonexistentLocalTime, is_time_zone, local_to_utc, utc_to_local
from kuza.people.picker import PeopleField, bind_viewer
from kuza.translation.languages import content_languages, language_name

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class WallClockField(forms.DateTimeField):
    """A date and time as shown on a clock, without a zone (the form adds the event's)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_FORMAT)

    def to_python(self, value):
        result = super().to_python(value)
        return timezone.make_naive(result) if result is not None else None


class EventForm(forms.ModelForm):
    starts = WallClockField(label=gettext_lazy("Starts"))
    ends = WallClockField(label=gettext_lazy("Ends"))
    time_zone = TimeZoneField(label=gettext_lazy("time zone"))
    online_url = forms.URLField(
        label=gettext_lazy("Online link"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Shown only to people with a place and to the organisers."),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the texts"),
        required=False,
        help_text=gettext_lazy(
            "The language you write the title and description in; translators add others."
        ),
    )
    organiser_names = PeopleField(label=gettext_lazy("Organisers"), required=False)

    class Meta:
        model = Event
        fields = [
            "title",
            "language",
            "kind",
            "series",
            "description",
            "format",
            "location",
            "online_url",
            "time_zone",
            "capacity",
            "campaign",
            "published",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    field_order = [
        *("title", "language", "kind", "series", "description", "format", "location"),
        "online_url",
        *("starts", "ends", "time_zone", "capacity", "organiser_names", "campaign", "published"),
    ]

    def __init__(self, *args, editor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bind_viewer(self, editor)
        event = self.instance
        self.fields["language"].choices = [
            (code, language_name(code)) for code in content_languages()
        ]
        campaigns = linkable_campaigns(editor)
        if event.campaign_id:
            campaigns = campaigns | Campaign.objects.filter(pk=event.campaign_id)
        self.fields["campaign"].queryset = campaigns.distinct().order_by("-start", "name")
        if event.pk:
            self.initial.setdefault("starts", utc_to_local(event.starts_at, event.time_zone))
            self.initial.setdefault("ends", utc_to_local(event.ends_at, event.time_zone))
            organisers = list(event.organisers.select_related("profile").order_by("username"))
            self.initial.setdefault("organiser_names", organisers)
            self.fields["organiser_names"].keep = frozenset(user.pk for user in organisers)
        else:
            self.fields["organiser_names"].label = _("Other organisers")

    def clean_language(self) -> str:
        # Left empty (an older form, a script): the event keeps the language it has.
        return self.cleaned_data.get("language") or self.instance.language

    def clean_time_zone(self) -> str:
        name = self.cleaned_data["time_zone"].strip()
        if not is_time_zone(name):
            raise forms.ValidationError(
                _("“%(value)s” is not a time zone name; use one like Africa/Nairobi."),
                params={"value": name},
            )
        return name

    def clean_organiser_names(self) -> list:
        field = self.fields["organiser_names"]
        users = [
            user
            for user in self.cleaned_data["organiser_names"]
            if user.is_active or user.pk in field.keep
        ]
        if self.instance.pk and not users:
            raise forms.ValidationError(_("An event needs at least one organiser."))
        return users

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("time_zone")
        for name in ("starts", "ends"):
            value = cleaned.get(name)
            if value is None or not zone:
                continue
            try:
                cleaned[f"{name}_at"] = local_to_utc(value, zone)
            except NonexistentLocalTime:
                self.add_error(
                    name,
                    _(
                        "This time does not exist in that time zone (the clocks change); "
                        "pick another."
                    ),
                )
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends", _("The event must end after it starts."))
        if cleaned.get("format") != Event.Format.ONLINE and not cleaned.get("location", "").strip():
            self.add_error("location", _("Say where the event takes place."))
        return cleaned

    def event_fields(self) -> EventFields:
        data = self.cleaned_data
        return EventFields(
            title=data["title"],
            description=data["description"],
            kind=data["kind"],
            series=data["series"],
            format=data["format"],
            location=data["location"],
            online_url=data["online_url"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            time_zone=data["time_zone"],
            capacity=data["capacity"],
            published=data["published"],
            campaign=data["campaign"],
            language=data["language"],
        )


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["label", "kind", "choices", "required", "position"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        cleaned = super().clean()
        options = [line.strip() for line in cleaned.get("choices", "").splitlines() if line.strip()]
        if cleaned.get("kind") == Question.Kind.CHOICE:
            if len(options) < 2:
                self.add_error("choices", _("Give at least two choices, one per line."))
            elif len(set(options)) != len(options):
                self.add_error("choices", _("Each choice can appear only once."))
        return cleaned


def _field_name(question: Question) -> str:
    return f"question_{question.pk}"


class RegistrationForm(forms.Form):
    """One field per question of the event; the answers are checked by `clean_answers`."""

    def __init__(self, *args, questions: list[Question], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            if question.kind == Question.Kind.CHOICE:
                field = forms.ChoiceField(
                    label=question.label,
                    required=False,
                    choices=[(option, option) for option in question.options],
                    widget=forms.RadioSelect,
                )
            else:
                field = forms.CharField(
                    label=question.label,
                    required=False,
                    max_length=MAX_ANSWER_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
            if question.required:
                field.label = _("%(question)s (required)") % {"question": question.label}
            self.fields[_field_name(question)] = field

    def clean(self):
        cleaned = super().clean()
        raw = {question.pk: cleaned.get(_field_name(question), "") for question in self.questions}
        try:
            cleaned["answers"] = clean_answers(self.questions, raw)
        except AnswersInvalid as error:
            for question_id, message in error.errors.items():
                self.add_error(f"question_{question_id}", message)
        return cleaned


class AttendanceForm(forms.Form):
    """Check who came, among the people with a place listed on this page."""

    attended = forms.MultipleChoiceField(
        label=gettext_lazy("Attended"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, registrations: list[Registration], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        self.fields["attended"].choices = [
            (str(registration.pk), _person_label(registration)) for registration in registrations
        ]
        self.initial.setdefault(
            "attended",
            [str(registration.pk) for registration in registrations if registration.attended],
        )

    def listed_ids(self) -> list[int]:
        return [registration.pk for registration in self.registrations]

    def attended_ids(self) -> list[int]:
        return [int(value) for value in self.cleaned_data["attended"]]


def _person_label(registration: Registration) -> str:
    user = registration.user
    profile = getattr(user, "profile", None)
    name = profile.display_name if profile else ""
    return f"{name} ({user.username})" if name and name != user.username else user.username
