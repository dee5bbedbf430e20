"""Survey texts as a respondent reads them: in their language, part by part, with fallback.

The title (plain) and description (Markdown) are translatable fields; everything else a
respondent reads — section titles, questions, help texts, scale labels and option labels —
is one NAMED field keyed by the ids of the rows, so that one page reads all its texts in
three queries and a relabelled option keeps its key (its translation is then marked outdated).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString

from kuza.surveys.models import Question, Survey
from kuza.surveys.selectors import sections_of, survey_questions
from kuza.translation.selectors import translated_field, translated_parts


def survey_named_texts(survey: Survey, questions: list[Question] | None = None) -> dict[str, str]:
    """Every text a respondent reads, keyed; `questions` (with their options) when the caller
    has read them already for the same page."""
    texts: dict[str, str] = {}
    for section in sections_of(survey):
        texts[f"s{section.pk}"] = section.title
    for question in survey_questions(survey) if questions is None else questions:
        texts[f"q{question.pk}"] = question.text
        for suffix, value in (
            ("help", question.help_text),
            ("low", question.scale_low_label),
            ("high", question.scale_high_label),
        ):
            if value:
                texts[f"q{question.pk}.{suffix}"] = value
        for option in question.options.all():
            texts[f"o{option.pk}"] = option.label
    return texts


@dataclass
class SurveyTexts:
    """Texts of one survey in the reader's language; `get` falls back to the source."""

    title: str
    language: str
    parts: dict

    def get(self, key: str, source: str = "") -> str:
        part = self.parts.get(key)
        return part.text if part is not None else source

    def question(self, question) -> str:
        return self.get(f"q{question.pk}", question.text)

    def help(self, question) -> str:
        return self.get(f"q{question.pk}.help", question.help_text)

    def low(self, question) -> str:
        return self.get(f"q{question.pk}.low", question.scale_low_label)

    def high(self, question) -> str:
        return self.get(f"q{question.pk}.high", question.scale_high_label)

    def option(self, option) -> str:
        return self.get(f"o{option.pk}", option.label)

    def section(self, section) -> str:
        return self.get(f"s{section.pk}", section.title)


def survey_texts(
    survey: Survey, language: str | None = None, *, questions: list[Question] | None = None
) -> SurveyTexts:
    """The survey's texts in the reader's language; pass `questions` (every question of the
    survey with its options, as `survey_questions` reads them) when the page has read them,
    so they are not read twice."""
    title = translated_field(survey, "title", language)
    texts = None if questions is None else survey_named_texts(survey, questions)
    parts, _progress = translated_parts(survey, "texts", language, texts=texts)
    return SurveyTexts(title=title.text, language=title.language, parts=parts)


def survey_title(survey: Survey, language: str | None = None) -> str:
    return translated_field(survey, "title", language).text


def survey_description(survey: Survey, language: str | None = None) -> SafeString:
    return translated_field(survey, "description", language).html
