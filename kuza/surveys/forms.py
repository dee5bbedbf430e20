"""Forms of the survey builder: they turn what organisers type into service inputs."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kuza.people.models import Organisation
from kuza.people.picker import PersonField, PersonPickerForm
from kuza.skills.models import Skill
from kuza.surveys.models import Question, Survey
from kuza.surveys.services.building import MAX_OPTIONS, QuestionFields, SurveyFields
from kuza.translation.languages import content_languages, language_name

DAY = datetime.timedelta(days=1)


def _day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


class SurveyForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Why you ask and what you will do with the answers. Markdown is allowed."
        ),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language of the texts"))
    audience = forms.ChoiceField(
        label=gettext_lazy("Who may answer"), choices=Survey.Audience.choices
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=gettext_lazy("For a survey of an organisation's members."),
    )
    anonymous = forms.BooleanField(
        label=gettext_lazy("Anonymous: answers are never linked to an account"),
        required=False,
        initial=True,
    )
    opens_on = forms.DateField(
        label=gettext_lazy("Opens on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    closes_on = forms.DateField(
        label=gettext_lazy("Last day to answer"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("The survey closes at the end of this day (UTC)."),
    )
    feeds_capacity_map = forms.BooleanField(
        label=gettext_lazy("Show skill needs on the capacity map once closed"),
        required=False,
        initial=True,
    )
    results_public = forms.BooleanField(
        label=gettext_lazy("Share the charts of the results once closed"),
        required=False,
        help_text=gettext_lazy("Free-text answers and the CSV file stay with the organisers."),
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["language"].choices = [
            (code, language_name(code)) for code in content_languages()
        ]
        if not self.is_bound and not self.initial:
            today = timezone.now().date()
            self.initial.update({"opens_on": today, "closes_on": today + 30 * DAY})

    @classmethod
    def initial_for(cls, survey: Survey) -> dict:
        return {
            "title": survey.title,
            "description": survey.description,
            "language": survey.language,
            "audience": survey.audience,
            "organisation": survey.organisation_id,
            "anonymous": survey.anonymous,
            "opens_on": survey.opens_at.astimezone(datetime.UTC).date(),
            "closes_on": (survey.closes_at.astimezone(datetime.UTC) - DAY).date(),
            "feeds_capacity_map": survey.feeds_capacity_map,
            "results_public": survey.results_public,
        }

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The last day must not be before the first."))
        if cleaned.get("audience") == Survey.Audience.ORGANISATION and not cleaned.get(
            "organisation"
        ):
            self.add_error("organisation", _("Choose the organisation whose members may answer."))
        return cleaned

    def to_fields(self) -> SurveyFields:
        data = self.cleaned_data
        return SurveyFields(
            title=data["title"],
            description=data["description"],
            language=data["language"],
            audience=data["audience"],
            organisation=data["organisation"],
            anonymous=data["anonymous"],
            opens_at=_day_start(data["opens_on"]),
            closes_at=_day_start(data["closes_on"]) + DAY,
            feeds_capacity_map=data["feeds_capacity_map"],
            results_public=data["results_public"],
        )


class SectionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Section title"), max_length=200)


class NewQuestionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Question.Kind.choices)
    text = forms.CharField(label=gettext_lazy("Question"), max_length=500)


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Question.Kind.choices)
    text = forms.CharField(label=gettext_lazy("Question"), max_length=500)
    help_text = forms.CharField(label=gettext_lazy("Help text"), max_length=500, required=False)
    required = forms.BooleanField(label=gettext_lazy("An answer is required"), required=False)
    options = forms.CharField(
        label=gettext_lazy("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("For one or several choices: one option per line."),
    )
    scale_low_label = forms.CharField(
        label=gettext_lazy("Label of 1"), max_length=60, required=False
    )
    scale_high_label = forms.CharField(
        label=gettext_lazy("Label of 5"), max_length=60, required=False
    )
    min_value = forms.IntegerField(label=gettext_lazy("Smallest number"), required=False)
    max_value = forms.IntegerField(label=gettext_lazy("Largest number"), required=False)
    skills = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Skills to list"),
        queryset=Skill.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=gettext_lazy(
            "For a skills question: respondents mark those they need or can offer."
        ),
    )

    @classmethod
    def initial_for(cls, question: Question) -> dict:
        return {
            "kind": question.kind,
            "text": question.text,
            "help_text": question.help_text,
            "required": question.required,
            "options": "\n".join(option.label for option in question.options.all()),
            "scale_low_label": question.scale_low_label,
            "scale_high_label": question.scale_high_label,
            "min_value": question.min_value,
            "max_value": question.max_value,
            "skills": list(question.skills.values_list("pk", flat=True)),
        }

    def clean_options(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["options"].splitlines()]
        labels = [line for line in lines if line]
        if len(labels) > MAX_OPTIONS:
            raise forms.ValidationError(_("At most %(count)d options.") % {"count": MAX_OPTIONS})
        if any(len(label) > 200 for label in labels):
            raise forms.ValidationError(_("An option can have at most 200 characters."))
        return labels

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and not cleaned.get("options"):
            self.add_error("options", _("Write at least one option, one per line."))
        if kind == Question.Kind.SKILLS and not cleaned.get("skills"):
            self.add_error("skills", _("Choose the skills to list."))
        return cleaned

    def to_fields(self) -> QuestionFields:
        data = self.cleaned_data
        return QuestionFields(
            kind=data["kind"],
            text=data["text"],
            help_text=data["help_text"],
            required=data["required"],
            scale_low_label=data["scale_low_label"],
            scale_high_label=data["scale_high_label"],
            min_value=data["min_value"],
            max_value=data["max_value"],
            options=data.get("options") or [],
            skill_ids=[skill.pk for skill in data.get("skills") or []],
        )


class OrganiserForm(PersonPickerForm):
    person = PersonField(label=gettext_lazy("Co-organiser"))


class TokensForm(forms.Form):
    count = forms.IntegerField(
        label=gettext_lazy("How many single-use links"), min_value=1, max_value=200, initial=10
    )


class TemplateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("For the members of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=gettext_lazy("All members of Kuza"),
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
