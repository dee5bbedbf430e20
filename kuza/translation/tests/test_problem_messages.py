"""Every problem the translation file checks can report has words, in every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import translation

from kuza.core.catalogs import TRANSLATED_LANGUAGES
from kuza.core.problems import Problem
from kuza.translation.problem_messages import UPLOAD_PROBLEMS

CHECKS = ["catalog.py", "po.py", "xliff.py", "interface_catalog.py"]
# A problem code as the checks write it: Problem("po_line_unterminated", ...) or a literal
# chosen just before (code = "xliff_language_other" if ... else "po_language_other").
_CODE = re.compile(r'"((?:language|po|xliff|xml|unit|entry)_[a-z0-9_]+)"')


def _raised_codes() -> set[str]:
    folder = Path(__file__).resolve().parent.parent
    return {code for name in CHECKS for code in _CODE.findall((folder / name).read_text())}


def test_every_code_the_checks_raise_has_a_message_and_no_message_is_unused():
    raised = _raised_codes()

    assert len(raised) >= 25  # the pattern still finds the codes
    assert raised == UPLOAD_PROBLEMS.codes


NUMBERS = ("line", "column", "form", "last", "found", "expected")
NAMES = ("language", "encoding", "text", "msgid", "unit", "tag", "context", "character")
PARAMS = {name: 7 for name in NUMBERS} | {
    name: f"«{name}»" for name in (*NAMES, "placeholders", "placeholder", "tags")
}
_SHOWN = re.compile(r"«\w+»|7")


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_message_names_what_the_english_names_in_every_language(language):
    for code in sorted(UPLOAD_PROBLEMS.codes):
        problem = Problem(code, PARAMS)
        english = UPLOAD_PROBLEMS.text(problem)
        with translation.override(language):
            text = UPLOAD_PROBLEMS.text(problem)

        assert text != english, (code, language)
        assert sorted(_SHOWN.findall(text)) == sorted(_SHOWN.findall(english)), (code, text)


def test_a_problem_is_worded_when_shown_in_the_language_then_active():
    problem = Problem("po_language_other", {"found": "es", "expected": "fr"})

    with translation.override("fr"):
        french = UPLOAD_PROBLEMS.text(problem)
    with translation.override("sw"):
        swahili = UPLOAD_PROBLEMS.text(problem)

    assert french == "Le fichier PO est pour la langue es, et non fr."
    assert swahili == "Faili ya PO ni ya lugha es, si fr."
