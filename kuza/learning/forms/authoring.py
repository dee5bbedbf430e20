"""Forms for authors: course settings, modules, lessons, quizzes and each kind of question.

They check what a person typed; the authoring services check the rules again and write.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from kuza.learning.authoring import OptionInput, QuestionInput
from kuza.learning.models import Course, MediaLink, Question, Quiz
from kuza.translation.languages import content_languages, language_name

MARKDOWN_HELP = _("Markdown: ## heading, *emphasis*, **strong**, - list item, [link](https://…).")
MAX_OPTIONS = 10
# Hints are written in one box, separated by a line holding only "---".
HINT_SEPARATOR = "\n\n---\n\n"
_HINT_SPLIT = re.compile(r"^[ \t]*---[ \t]*$", re.MULTILINE)


def _language_choices() -> list[tuple[str, str]]:
    return [(code, f"{language_name(code)} ({code})") for code in content_languages()]


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MARKDOWN_HELP,
    )
    language = forms.ChoiceField(label=_("Language it is written in"), choices=())
    self_paced = forms.TypedChoiceField(
        label=_("How learners take it"),
        choices=[
            ("1", _("Self-paced: anyone may enrol and learn at their own pace")),
            ("0", _("Only in cohorts, with facilitators and sessions")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    completion_rule = forms.ChoiceField(
        label=_("Completion rule"),
        choices=Course.CompletionRule.choices,
        widget=forms.RadioSelect,
        initial=Course.CompletionRule.ALL,
    )
    completion_percent = forms.IntegerField(
        label=_("Percentage to complete"),
        min_value=1,
        max_value=100,
        initial=80,
        help_text=_("Used with the percentage rule: lessons read and quizzes passed, of all."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices()


class TitleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)


class LessonForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=MARKDOWN_HELP,
    )


class MediaLinkForm(forms.Form):
    """A link to a video, recording or slides elsewhere (never embedded)."""

    title = forms.CharField(label=_("Title of the link"), max_length=200)
    url = forms.URLField(label=_("Web address"), max_length=500, assume_scheme="https")
    kind = forms.ChoiceField(label=_("Kind"), choices=MediaLink.Kind.choices)
    size_note = forms.CharField(
        label=_("Length or size"),
        max_length=60,
        required=False,
        help_text=_("e.g. 12 minutes, 40 MB: readers paying per megabyte decide before opening."),
    )


class LessonImageTextForm(forms.Form):
    """What an image says to people who cannot see it, and its caption."""

    alt_text = forms.CharField(
        label=_("Text alternative"),
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it or hide images."),
        error_messages={"required": _("Describe the image for people who cannot see it.")},
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)


class QuizForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    intro = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=MARKDOWN_HELP,
    )
    explanation = forms.CharField(
        label=_("Explanation shown once passed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=MARKDOWN_HELP,
    )
    hints = forms.CharField(
        label=_("Hints"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Learners reveal them one at a time. Separate hints with a line holding only ---."
        ),
    )
    pass_mark = forms.IntegerField(label=_("Pass mark (%)"), min_value=0, max_value=100, initial=70)
    max_attempts = forms.IntegerField(
        label=_("Attempts allowed"), min_value=0, initial=0, help_text=_("0 for no limit.")
    )

    @classmethod
    def initial_for(cls, quiz: Quiz) -> dict:
        initial = {
            name: getattr(quiz, name)
            for name in ("title", "intro", "explanation", "pass_mark", "max_attempts")
        }
        initial["hints"] = HINT_SEPARATOR.join(str(hint) for hint in quiz.hints or [])
        return initial

    def clean_hints(self) -> list[str]:
        text = self.cleaned_data["hints"].replace("\r\n", "\n")
        return [hint.strip() for hint in _HINT_SPLIT.split(text) if hint.strip()]


class QuestionForm(forms.Form):
    """One question of a given kind; the fields depend on the kind."""

    prompt = forms.CharField(
        label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}), help_text=MARKDOWN_HELP
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown with the results, whatever the answer."),
    )

    def __init__(
        self, *args, kind: str, option_rows: int = 4, option_keys: tuple[int, ...] = (), **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        # The translation keys of the options the rows were filled with, row by row, so an
        # option keeps its translations when a row above it is cleared.
        self.option_keys = option_keys
        self.option_rows = min(max(option_rows, 2), MAX_OPTIONS)
        if kind in {Question.Kind.SINGLE, Question.Kind.MULTIPLE}:
            for number in range(1, self.option_rows + 1):
                self._add_option_fields(number)
        elif kind == Question.Kind.TEXT:
            self.fields["accepted_answers"] = forms.CharField(
                label=_("Accepted answers"),
                required=False,  # checked in clean(), with a clearer message
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("One per line; any of them is right."),
            )
            self.fields["case_sensitive"] = forms.BooleanField(
                label=_("Capital letters matter"), required=False
            )
            self.fields["accent_insensitive"] = forms.BooleanField(
                label=_("Ignore accents (é = e)"), required=False
            )
            self.fields["regex"] = forms.BooleanField(
                label=_("The answers are regular expressions"), required=False
            )
            self.fields["wrong_answer_feedback"] = forms.CharField(
                label=_("Feedback on expected wrong answers"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("One per line: the wrong answer, a | sign, then the feedback."),
            )
            self.fields["correct_feedback"] = forms.CharField(
                label=_("Feedback when right"), required=False
            )
            self._add_answer_unit_field()
        else:
            self.fields["numeric_answer"] = forms.FloatField(label=_("Answer"))
            self.fields["tolerance"] = forms.FloatField(
                label=_("Tolerance"),
                min_value=0,
                initial=0,
                help_text=_("How far from the answer a response may be and still be right."),
            )
            self.fields["tolerance_kind"] = forms.ChoiceField(
                label=_("Tolerance is"), choices=Question.ToleranceKind.choices
            )
            self.fields["correct_feedback"] = forms.CharField(
                label=_("Feedback when right"), required=False
            )
            self._add_answer_unit_field()

    def _add_answer_unit_field(self) -> None:
        self.fields["answer_unit"] = forms.CharField(
            label=_("Text after the answer box"),
            max_length=100,
            required=False,
            help_text=_("A unit such as kg, if answers are given in one."),
        )

    def _add_option_fields(self, number: int) -> None:
        self.fields[f"o{number}_text"] = forms.CharField(
            label=_("Option %(number)s") % {"number": number}, max_length=1000, required=False
        )
        self.fields[f"o{number}_correct"] = forms.BooleanField(label=_("Right"), required=False)
        self.fields[f"o{number}_feedback"] = forms.CharField(
            label=_("Feedback when chosen"), required=False
        )
        if self.kind == Question.Kind.MULTIPLE:
            self.fields[f"o{number}_unselected"] = forms.CharField(
                label=_("Feedback when not chosen"), required=False
            )

    def visible_fields(self) -> list:
        # Option rows are laid out by the template, row by row (see option_rows_fields).
        return [field for field in super().visible_fields() if not re.match(r"o\d+_", field.name)]

    def option_rows_fields(self) -> list[list]:
        """Bound fields per option row, for the template."""
        names = ("text", "correct", "feedback", "unselected")
        return [
            [self[f"o{number}_{name}"] for name in names if f"o{number}_{name}" in self.fields]
            for number in range(1, self.option_rows + 1)
            if f"o{number}_text" in self.fields
        ]

    @classmethod
    def initial_for(cls, question: QuestionInput) -> dict:
        initial: dict = {"prompt": question.prompt, "explanation": question.explanation}
        for number, option in enumerate(question.options, start=1):
            initial[f"o{number}_text"] = option.text
            initial[f"o{number}_correct"] = option.correct
            initial[f"o{number}_feedback"] = option.feedback
            initial[f"o{number}_unselected"] = option.feedback_unselected
        initial["accepted_answers"] = "\n".join(question.accepted_answers)
        initial["wrong_answer_feedback"] = "\n".join(
            f"{answer} | {feedback}" for answer, feedback in question.wrong_answer_feedback.items()
        )
        for name in (
            "case_sensitive",
            "accent_insensitive",
            "regex",
            "correct_feedback",
            "answer_unit",
        ):
            initial[name] = getattr(question, name)
        initial["numeric_answer"] = question.numeric_answer
        initial["tolerance"] = question.tolerance
        initial["tolerance_kind"] = question.tolerance_kind
        return initial

    def clean(self) -> dict:
        data = super().clean()
        if self.kind in {Question.Kind.SINGLE, Question.Kind.MULTIPLE}:
            self._clean_options(data)
        elif self.kind == Question.Kind.TEXT:
            self._clean_text(data)
        return data

    def _clean_options(self, data: dict) -> None:
        options = []
        for number in range(1, self.option_rows + 1):
            text = (data.get(f"o{number}_text") or "").strip()
            extras = data.get(f"o{number}_correct") or data.get(f"o{number}_feedback")
            if not text:
                if extras:
                    self.add_error(f"o{number}_text", _("Write the option, or clear its row."))
                continue
            options.append(
                OptionInput(
                    text=text,
                    correct=bool(data.get(f"o{number}_correct")),
                    feedback=(data.get(f"o{number}_feedback") or "").strip(),
                    feedback_unselected=(data.get(f"o{number}_unselected") or "").strip(),
                    unit_key=self.option_keys[number - 1] if number <= len(self.option_keys) else 0,
                )
            )
        if len(options) < 2:
            raise forms.ValidationError(_("A choice question needs at least two options."))
        correct = sum(option.correct for option in options)
        if self.kind == Question.Kind.SINGLE and correct != 1:
            raise forms.ValidationError(
                _("A single-choice question needs exactly one right option.")
            )
        if self.kind == Question.Kind.MULTIPLE and correct == 0:
            raise forms.ValidationError(_("Tick at least one right option."))
        data["options"] = tuple(options)

    def _clean_text(self, data: dict) -> None:
        answers = tuple(line.strip() for line in (data.get("accepted_answers") or "").splitlines())
        answers = tuple(answer for answer in answers if answer)
        if not answers and "accepted_answers" not in self.errors:
            self.add_error("accepted_answers", _("Give at least one accepted answer."))
        if data.get("regex"):
            for answer in answers:
                try:
                    re.compile(answer)
                except re.error:
                    self.add_error(
                        "accepted_answers",
                        _("%(answer)s is not a valid regular expression.") % {"answer": answer},
                    )
        feedback = {}
        for line in (data.get("wrong_answer_feedback") or "").splitlines():
            if not line.strip():
                continue
            answer, separator, text = line.partition("|")
            if not separator or not answer.strip() or not text.strip():
                self.add_error(
                    "wrong_answer_feedback",
                    _("Write each line as: wrong answer | feedback."),
                )
                break
            feedback[answer.strip()] = text.strip()
        data["answers"] = answers
        data["feedback"] = feedback

    def question_input(self) -> QuestionInput:
        data = self.cleaned_data
        common = {
            "kind": self.kind,
            "prompt": data["prompt"],
            "explanation": data.get("explanation", ""),
        }
        if self.kind in {Question.Kind.SINGLE, Question.Kind.MULTIPLE}:
            return QuestionInput(**common, options=data["options"])
        if self.kind == Question.Kind.TEXT:
            return QuestionInput(
                **common,
                accepted_answers=data["answers"],
                wrong_answer_feedback=data["feedback"],
                case_sensitive=data["case_sensitive"],
                accent_insensitive=data["accent_insensitive"],
                regex=data["regex"],
                correct_feedback=data.get("correct_feedback", ""),
                answer_unit=data.get("answer_unit", ""),
            )
        return QuestionInput(
            **common,
            numeric_answer=data["numeric_answer"],
            tolerance=data["tolerance"],
            tolerance_kind=data["tolerance_kind"],
            correct_feedback=data.get("correct_feedback", ""),
            answer_unit=data.get("answer_unit", ""),
        )
