"""Open edX problems: a Quiz when Kuza can grade every question the way Open edX did, else a
Placeholder saying why. A problem is never half-imported: dropping one of its questions would
change what learners are asked without anyone noticing.
"""

from __future__ import annotations

import ast
import copy
import math
import re
from collections.abc import Mapping
from html import escape as html_escape
from xml.etree.ElementTree import Element

from kuza.learning.olx.blocks import Block
from kuza.learning.olx.markup import element_html, inner_html, plain_text
from kuza.learning.olx.model import Placeholder, Quiz
from kuza.learning.olx.questions import (
    AcceptedText,
    Choice,
    ChoiceQuestion,
    CombinationFeedback,
    DropdownOption,
    DropdownQuestion,
    NumericalQuestion,
    Question,
    TextQuestion,
    Tolerance,
    WrongTextFeedback,
)
from kuza.learning.olx.statics import static_references

SUPPORTED_RESPONSE_TYPES = frozenset(
    {
        "multiplechoiceresponse",
        "choiceresponse",
        "optionresponse",
        "stringresponse",
        "numericalresponse",
    }
)
# Children of a response that hold answers, inputs or feedback rather than question text.
_RESPONSE_MACHINERY = frozenset(
    {
        "label",
        "description",
        "choicegroup",
        "checkboxgroup",
        "optioninput",
        "textline",
        "formulaequationinput",
        "responseparam",
        "additional_answer",
        "correcthint",
        "stringequalhint",
        "solution",
        "hintgroup",
    }
)
_PROBLEM_MACHINERY = frozenset({"script", "solution", "demandhint"})
# "$z" in an answer is a variable of the problem's Python script, so the answer is random.
_SCRIPT_VARIABLE = re.compile(r"\$[A-Za-z_]\w*")


class _UnsupportedProblem(Exception):
    """The problem cannot become a Quiz; the message is the placeholder's reason."""


def parse_problem(
    block: Block, *, max_attempts: int | None = None
) -> tuple[Quiz | Placeholder, list[str]]:
    """The problem as a Quiz or Placeholder, plus warnings about features not imported.

    `max_attempts` is the problem's limit as resolved with inheritance (see course.py).
    """
    problem = block.element
    responses = [element for element in problem.iter() if _is_response(element)]
    response_types = sorted({response.tag for response in responses})
    try:
        questions, question_numbers = _questions(problem, responses, response_types)
    except _UnsupportedProblem as unsupported:
        return Placeholder(
            key=block.key,
            display_name=block.display_name or block.key.block_type,
            category=f"problem:{'+'.join(response_types)}" if response_types else "problem",
            reason=str(unsupported),
        ), []
    quiz = Quiz(
        key=block.key,
        display_name=block.display_name or questions[0].label or block.key.block_type,
        intro_html=_intro_html(problem, question_numbers),
        questions=tuple(questions),
        explanation_html=_solutions_html(problem),
        hints=tuple(
            inner_html(hint)
            for demand in problem.findall("demandhint")
            for hint in demand.findall("hint")
        ),
        static_files=static_references(element_html(problem)),
        max_attempts=max_attempts,
    )
    return quiz, _ignored_features(block, responses)


def _is_response(element: Element) -> bool:
    # Every Open edX response type is a tag ending in "response" (customresponse,
    # imageresponse, ...), which is how unsupported ones are recognised too.
    return isinstance(element.tag, str) and element.tag.endswith("response")


def _questions(
    problem: Element, responses: list[Element], response_types: list[str]
) -> tuple[list[Question], dict[Element, int]]:
    if not responses:
        raise _UnsupportedProblem("the problem has no answer field")
    unsupported = [name for name in response_types if name not in SUPPORTED_RESPONSE_TYPES]
    if unsupported:
        names = ", ".join(f"<{name}>" for name in unsupported)
        raise _UnsupportedProblem(f"Kuza cannot grade {names} problems")
    if _answers_come_from_script(problem, responses):
        raise _UnsupportedProblem("its answers are computed by a Python script")
    questions: list[Question] = []
    question_numbers: dict[Element, int] = {}
    for response in responses:
        question_numbers[response] = len(questions) + 1
        questions.extend(_response_questions(response))
    return questions, question_numbers


def _answers_come_from_script(problem: Element, responses: list[Element]) -> bool:
    scripted = any("python" in script.get("type", "") for script in problem.iter("script"))
    return scripted and any(
        _SCRIPT_VARIABLE.search(value)
        for response in responses
        for element in response.iter()
        for value in element.attrib.values()
    )


def _response_questions(response: Element) -> list[Question]:
    if response.tag in {"multiplechoiceresponse", "choiceresponse"}:
        return [_choice_question(response)]
    if response.tag == "optionresponse":
        return _dropdown_questions(response)
    if response.tag == "stringresponse":
        return [_text_question(response)]
    return [_numerical_question(response)]


def _label(response: Element) -> str:
    label = response.find("label")
    if label is not None:
        return plain_text(label)
    # Older problems put the label on the input element instead.
    for element in response.iter():
        if element is not response and element.get("label", "").strip():
            return " ".join(element.get("label", "").split())
    return ""


def _question_text(response: Element) -> dict[str, str]:
    """The fields every question type shares."""
    return {
        "label": _label(response),
        "description": " ".join(plain_text(item) for item in response.findall("description")),
        "prompt_html": inner_html(response, skip=_RESPONSE_MACHINERY),
        "explanation_html": _solutions_html(response),
        "question_html": _question_html(response),
    }


def _question_html(response: Element) -> str:
    """The label, description and other text of a response in the order written (see
    questions.QUESTION_HTML); answer inputs, hints and solutions are left out. Indentation
    between elements becomes one space."""
    parts = [_spacing(response.text)]
    if response.find("label") is None and _label(response):
        parts.insert(0, f"<p><strong>{html_escape(_label(response))}</strong></p>")
    for child in response:
        if child.tag == "label":
            parts.append(f"<p><strong>{inner_html(child)}</strong></p>")
        elif child.tag == "description":
            parts.append(f"<p>{inner_html(child)}</p>")
        elif child.tag not in _RESPONSE_MACHINERY:
            alone = copy.copy(child)
            alone.tail = None
            parts.append(element_html(alone))
        parts.append(_spacing(child.tail))
    return "".join(parts).strip()


def _spacing(text: str | None) -> str:
    return " " if text and not text.strip() else html_escape(text or "", quote=False)


def _unit(response: Element) -> str:
    """The text Open edX shows right after the answer box (trailing_text="%")."""
    for element in response.iter():
        if element.tag in {"textline", "formulaequationinput"}:
            return " ".join(element.get("trailing_text", "").split())
    return ""


def _solutions_html(element: Element) -> str:
    return "\n".join(inner_html(solution) for solution in element.findall("solution"))


def _feedback(element: Element, hint_tag: str) -> str:
    return "\n".join(inner_html(hint) for hint in element.findall(hint_tag))


def _is_true(value: str | None) -> bool:
    return (value or "").strip().lower() == "true"


def _choice_question(response: Element) -> ChoiceQuestion:
    group = next(
        (element for element in response.iter() if element.tag in {"choicegroup", "checkboxgroup"}),
        None,
    )
    choices = () if group is None else tuple(_choice(choice) for choice in group.iter("choice"))
    if group is None or not choices:
        raise _UnsupportedProblem(f"a <{response.tag}> has no choices")
    if response.tag == "multiplechoiceresponse" and not any(choice.correct for choice in choices):
        raise _UnsupportedProblem("a multiple choice question has no correct choice")
    return ChoiceQuestion(
        response_type="multiplechoiceresponse"
        if response.tag == "multiplechoiceresponse"
        else "choiceresponse",
        **_question_text(response),
        choices=choices,
        combination_feedback=tuple(
            CombinationFeedback(
                _choice_positions(hint.get("value", ""), len(choices)), inner_html(hint)
            )
            for hint in group.findall("compoundhint")
        ),
    )


def _choice(choice: Element) -> Choice:
    # A checkbox hint says selected="false" when it is for leaving the box unticked; radio
    # button hints have no such attribute and are shown when the choice is picked.
    hints = choice.findall("choicehint")
    return Choice(
        html=inner_html(choice, skip=frozenset({"choicehint"})),
        correct=_is_true(choice.get("correct")),
        feedback_when_selected="\n".join(
            inner_html(hint) for hint in hints if hint.get("selected", "true").lower() != "false"
        ),
        feedback_when_unselected="\n".join(
            inner_html(hint) for hint in hints if hint.get("selected", "true").lower() == "false"
        ),
    )


def _choice_positions(value: str, choice_count: int) -> tuple[int, ...]:
    # compoundhint value="A C" names choices by letter, A being the first.
    positions = []
    for letter in value.split():
        position = ord(letter.upper()) - ord("A") if len(letter) == 1 else -1
        if not 0 <= position < choice_count:
            raise _UnsupportedProblem(f"a combination hint names unknown choices {value!r}")
        positions.append(position)
    if not positions:
        raise _UnsupportedProblem("a combination hint names no choices")
    return tuple(sorted(positions))


def _dropdown_questions(response: Element) -> list[Question]:
    inputs = list(response.iter("optioninput"))
    if not inputs:
        raise _UnsupportedProblem("an <optionresponse> has no dropdown")
    text = _question_text(response)
    questions: list[Question] = []
    for position, option_input in enumerate(inputs):
        options = _dropdown_options(option_input)
        if not any(option.correct for option in options):
            raise _UnsupportedProblem("a dropdown has no correct option")
        # The response's text and explanation go with its first dropdown only, so that
        # they are shown once.
        fields = text if position == 0 else _question_text_of_input(option_input)
        questions.append(
            DropdownQuestion(response_type="optionresponse", **fields, options=options)
        )
    return questions


def _question_text_of_input(option_input: Element) -> dict[str, str]:
    label = " ".join(option_input.get("label", "").split())
    return {
        "label": label,
        "description": "",
        "prompt_html": "",
        "explanation_html": "",
        "question_html": f"<p><strong>{html_escape(label)}</strong></p>" if label else "",
    }


def _dropdown_options(option_input: Element) -> tuple[DropdownOption, ...]:
    written_out = option_input.findall("option")
    if written_out:
        return tuple(
            DropdownOption(
                text=plain_text(option, skip=frozenset({"optionhint"})),
                correct=_is_true(option.get("correct")),
                feedback=_feedback(option, "optionhint"),
            )
            for option in written_out
        )
    # The older form: options="('Sydney','Canberra')" correct="Canberra".
    correct = option_input.get("correct", "")
    names = _option_names(option_input.get("options", ""))
    return tuple(DropdownOption(text=name, correct=name == correct) for name in names)


def _option_names(raw: str) -> tuple[str, ...]:
    # The value is a Python tuple literal; literal_eval reads it without running any code.
    try:
        value = ast.literal_eval(raw.strip())
    except (ValueError, SyntaxError, RecursionError, MemoryError) as error:
        raise _UnsupportedProblem(f"cannot read the dropdown options {raw!r}") from error
    names = (value,) if isinstance(value, str) else value
    if not isinstance(names, tuple | list) or not names:
        raise _UnsupportedProblem(f"cannot read the dropdown options {raw!r}")
    if not all(isinstance(name, str) for name in names):
        raise _UnsupportedProblem(f"cannot read the dropdown options {raw!r}")
    return tuple(names)


def _text_question(response: Element) -> TextQuestion:
    answer = response.get("answer")
    if answer is None:
        raise _UnsupportedProblem("a text input question has no answer")
    accepted = [AcceptedText(answer, _feedback(response, "correcthint"))]
    for additional in response.findall("additional_answer"):
        # Newer exports use answer="..."; older ones put the answer in the element's text.
        text = additional.get("answer", additional.text or "").strip()
        accepted.append(AcceptedText(text, _feedback(additional, "correcthint")))
    flags = response.get("type", "").lower().split()
    regex = "regexp" in flags
    if regex:
        for item in accepted:
            try:
                re.compile(item.text)
            except re.error as error:
                raise _UnsupportedProblem(
                    f"the answer pattern {item.text!r} is not a valid regular expression"
                ) from error
    return TextQuestion(
        response_type="stringresponse",
        **_question_text(response),
        accepted=tuple(accepted),
        # Open edX compares case-sensitively unless the type says "ci".
        case_sensitive="ci" not in flags,
        regex=regex,
        unit=_unit(response),
        wrong_answer_feedback=tuple(
            WrongTextFeedback(hint.get("answer", ""), inner_html(hint))
            for hint in response.findall("stringequalhint")
        ),
    )


def _numerical_question(response: Element) -> NumericalQuestion:
    raw_answer = response.get("answer", "").strip()
    if raw_answer[:1] in {"[", "("}:
        raise _UnsupportedProblem(f"range answers such as {raw_answer!r} are not supported")
    answer = _plain_number(raw_answer, "answer")
    tolerance = None
    for param in response.findall("responseparam"):
        if param.get("type") == "tolerance":
            tolerance = _tolerance(param.get("default", ""))
    return NumericalQuestion(
        response_type="numericalresponse",
        **_question_text(response),
        answer=answer,
        tolerance=tolerance,
        correct_feedback=_feedback(response, "correcthint"),
        unit=_unit(response),
    )


def _plain_number(raw: str, what: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        # Open edX would evaluate a formula such as "1/3" or "pi"; Kuza stores numbers only.
        raise _UnsupportedProblem(f"the numerical {what} {raw!r} is not a plain number")
    return value


def _tolerance(raw: str) -> Tolerance:
    raw = raw.strip()
    if raw.endswith("%"):
        tolerance = Tolerance("percent", _plain_number(raw[:-1].strip(), "tolerance"))
    else:
        tolerance = Tolerance("absolute", _plain_number(raw, "tolerance"))
    if tolerance.amount < 0:
        raise _UnsupportedProblem(f"the numerical tolerance {raw!r} is negative")
    return tolerance


def _intro_html(problem: Element, question_numbers: Mapping[Element, int]) -> str:
    parts = [problem.text or ""]
    for child in problem:
        if child.tag in _PROBLEM_MACHINERY or child in question_numbers:
            parts.append(child.tail or "")
        else:
            parts.append(element_html(_with_question_markers(child, question_numbers)))
    return "".join(parts).strip()


def _with_question_markers(element: Element, question_numbers: Mapping[Element, int]) -> Element:
    """A copy of the element with each response inside it replaced by "[n]"."""
    duplicate = copy.deepcopy(element)
    original_of = {
        id(copied): original
        for original, copied in zip(element.iter(), duplicate.iter(), strict=True)
    }
    for parent in list(duplicate.iter()):
        for child in list(parent):
            number = question_numbers.get(original_of[id(child)])
            if number is not None:
                _replace_with_text(parent, child, f"[{number}]")
    return duplicate


def _replace_with_text(parent: Element, child: Element, text: str) -> None:
    index = list(parent).index(child)
    replacement = text + (child.tail or "")
    if index == 0:
        parent.text = (parent.text or "") + replacement
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + replacement
    parent.remove(child)


def _ignored_features(block: Block, responses: list[Element]) -> list[str]:
    partial = any(
        "partial_credit" in response.attrib
        or any(choice.get("correct", "").lower() == "partial" for choice in response.iter("choice"))
        for response in responses
    )
    if partial:
        return [f"{block.location}: partial credit not imported; only full marks count"]
    return []
