"""The form of one survey page: one field per question (two for a skills question).

Built from the questions and their texts in the respondent's language. Every value is
checked here — a choice must be one of the question's options, a number within its bounds,
a country a real country — so that a hand-made request cannot store anything else.
"""

from __future__ import annotations

from django import forms
from django.utils.html import conditional_escape
from django.utils.translation import gettext as _
from django_countries import countries

from kuza.people.models import Organisation
from kuza.skills.selectors import localise_skills
from kuza.surveys.models import Question
from kuza.surveys.presentation import SurveyTexts
from kuza.translation.languages import language_name

MAX_TEXT_LENGTH = 4000
# Languages offered by a language question: the community's, named in their own language.
SURVEY_LANGUAGES = (
    "af", "am", "ar", "bm", "en", "es", "ee", "ff", "fr", "ha", "ig", "kg", "ki", "kab", "lg",
    "ln", "mg", "ny", "om", "pcm", "pt", "rw", "sn", "so", "st", "sw", "ti", "tn", "tw", "wo",
    "xh", "yo", "zu",
)  # fmt: skip
SCALE = range(1, 6)


def language_choices() -> list[tuple[str, str]]:
    return sorted(((tag, language_name(tag)) for tag in SURVEY_LANGUAGES), key=lambda c: c[1])


def _field_name(question: Question, suffix: str = "") -> str:
    return f"q{question.pk}{suffix}"


class SectionAnswerForm(forms.Form):
    """Answers to the questions of one section."""

    def __init__(self, *args, questions: list[Question], texts: SurveyTexts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self._add_fields(question, texts)

    def _add_fields(self, question: Question, texts: SurveyTexts) -> None:
        label = texts.question(question)
        help_text = conditional_escape(texts.help(question))  # the form template marks it safe
        required = question.required
        name = _field_name(question)
        kind = question.kind
        common = {"label": label, "help_text": help_text, "required": required}
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            choices = [(str(option.pk), texts.option(option)) for option in question.options.all()]
            if kind == Question.Kind.SINGLE:
                self.fields[name] = forms.ChoiceField(
                    choices=choices, widget=forms.RadioSelect, **common
                )
            else:
                self.fields[name] = forms.MultipleChoiceField(
                    choices=choices, widget=forms.CheckboxSelectMultiple, **common
                )
        elif kind == Question.Kind.SCALE:
            low, high = texts.low(question), texts.high(question)
            choices = []
            for value in SCALE:
                text = str(value)
                if value == 1 and low:
                    text = f"1 – {low}"
                elif value == 5 and high:
                    text = f"5 – {high}"
                choices.append((str(value), text))
            self.fields[name] = forms.TypedChoiceField(
                choices=choices, coerce=int, widget=forms.RadioSelect, **common
            )
        elif kind == Question.Kind.SKILLS:
            skills = localise_skills(sorted(question.skills.all(), key=lambda skill: skill.name))
            choices = [(str(skill.pk), skill.label) for skill in skills]
            self.fields[name] = forms.MultipleChoiceField(
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                label=_("%(question)s — I need to learn") % {"question": label},
                help_text=help_text,
            )
            self.fields[_field_name(question, "_offer")] = forms.MultipleChoiceField(
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                label=_("%(question)s — I can offer") % {"question": label},
            )
        elif kind == Question.Kind.COUNTRY:
            self.fields[name] = forms.ChoiceField(choices=[("", "—"), *countries], **common)
        elif kind == Question.Kind.LANGUAGE:
            self.fields[name] = forms.ChoiceField(
                choices=[("", "—"), *language_choices()], **common
            )
        elif kind == Question.Kind.ORGANISATION:
            organisations = Organisation.objects.order_by("name").values_list("pk", "name")
            self.fields[name] = forms.TypedChoiceField(
                choices=[("", "—"), *((str(pk), title) for pk, title in organisations)],
                coerce=int,
                empty_value=None,
                **common,
            )
        elif kind == Question.Kind.NUMBER:
            self.fields[name] = forms.IntegerField(
                min_value=question.min_value, max_value=question.max_value, **common
            )
        elif kind == Question.Kind.TEXT:
            self.fields[name] = forms.CharField(
                max_length=MAX_TEXT_LENGTH,
                widget=forms.Textarea(attrs={"rows": 4}),
                strip=True,
                **common,
            )

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            if question.kind == Question.Kind.SKILLS and question.required:
                need = cleaned.get(_field_name(question)) or []
                offer = cleaned.get(_field_name(question, "_offer")) or []
                if not need and not offer:
                    self.add_error(
                        _field_name(question),
                        _("Choose at least one skill you need or can offer."),
                    )
        return cleaned

    def values(self) -> dict[int, object]:
        """{question id: cleaned value}; a skills question gives (need ids, offer ids)."""
        result: dict[int, object] = {}
        for question in self.questions:
            value = self.cleaned_data.get(_field_name(question))
            if question.kind == Question.Kind.SKILLS:
                offer = self.cleaned_data.get(_field_name(question, "_offer")) or []
                value = ([int(pk) for pk in value or []], [int(pk) for pk in offer])
            result[question.pk] = value
        return result


def initial_from(answers_by_question: dict[int, list], questions: list[Question]) -> dict:
    """Form initial values from stored answers, to show a page again when resuming."""
    initial: dict[str, object] = {}
    for question in questions:
        rows = answers_by_question.get(question.pk, [])
        if not rows:
            continue
        name = _field_name(question)
        kind = question.kind
        if kind == Question.Kind.SINGLE:
            initial[name] = str(rows[0].option_id)
        elif kind == Question.Kind.MULTIPLE:
            initial[name] = [str(row.option_id) for row in rows]
        elif kind in (Question.Kind.SCALE, Question.Kind.NUMBER):
            initial[name] = rows[0].number
        elif kind == Question.Kind.SKILLS:
            initial[name] = [str(row.skill_id) for row in rows if row.skill_need]
            initial[_field_name(question, "_offer")] = [
                str(row.skill_id) for row in rows if row.skill_need is False
            ]
        elif kind in (Question.Kind.COUNTRY, Question.Kind.LANGUAGE):
            initial[name] = rows[0].code
        elif kind == Question.Kind.ORGANISATION:
            initial[name] = rows[0].organisation_id
        elif kind == Question.Kind.TEXT:
            initial[name] = rows[0].text
    return initial
