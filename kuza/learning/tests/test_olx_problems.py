"""Open edX problems -> Quiz questions with answers and feedback, or Placeholders."""

from __future__ import annotations

import pytest

from kuza.learning.olx import (
    AcceptedText,
    Choice,
    ChoiceQuestion,
    CombinationFeedback,
    DropdownOption,
    DropdownQuestion,
    NumericalQuestion,
    Placeholder,
    Quiz,
    TextQuestion,
    Tolerance,
    WrongTextFeedback,
)
from kuza.learning.olx.blocks import Block
from kuza.learning.olx.markup import parse_xml
from kuza.learning.olx.model import BlockKey
from kuza.learning.olx.problems import parse_problem


def parse(xml: str) -> tuple[Quiz | Placeholder, list[str]]:
    element = parse_xml(xml.encode())
    block = Block(BlockKey("problem", "p1"), element, dict(element.attrib), "problem/p1.xml")
    return parse_problem(block)


def quiz_from(xml: str) -> Quiz:
    quiz, _ = parse(xml)
    assert isinstance(quiz, Quiz), quiz
    return quiz


def placeholder_from(xml: str) -> Placeholder:
    placeholder, _ = parse(xml)
    assert isinstance(placeholder, Placeholder), placeholder
    return placeholder


def test_multiple_choice_keeps_choices_feedback_explanation_and_hints():
    quiz = quiz_from("""
        <problem display_name="Rome">
          <p>About <b>Rome</b>:</p>
          <multiplechoiceresponse>
            <label>Which animal symbolised Rome?</label>
            <description>Pick one.</description>
            <choicegroup type="MultipleChoice">
              <choice correct="false">Tiger<choicehint>Tigers are from Asia.</choicehint></choice>
              <choice correct="true">Wolf <i>(Lupa)</i><choicehint>Yes, the she-wolf.</choicehint>
              </choice>
            </choicegroup>
            <solution><div><p>The Capitoline Wolf.</p></div></solution>
          </multiplechoiceresponse>
          <demandhint><hint>Think of Romulus.</hint><hint>A <em>canine</em>.</hint></demandhint>
        </problem>
    """)
    assert quiz.display_name == "Rome"
    assert quiz.kind == "multiplechoiceresponse"
    assert quiz.intro_html == "<p>About <b>Rome</b>:</p>"
    assert quiz.hints == ("Think of Romulus.", "A <em>canine</em>.")
    assert quiz.questions == (
        ChoiceQuestion(
            response_type="multiplechoiceresponse",
            label="Which animal symbolised Rome?",
            description="Pick one.",
            prompt_html="",
            explanation_html="<div><p>The Capitoline Wolf.</p></div>",
            choices=(
                Choice("Tiger", correct=False, feedback_when_selected="Tigers are from Asia."),
                Choice(
                    "Wolf <i>(Lupa)</i>", correct=True, feedback_when_selected="Yes, the she-wolf."
                ),
            ),
            question_html="<p><strong>Which animal symbolised Rome?</strong></p> <p>Pick one.</p>",
        ),
    )
    assert not quiz.questions[0].allows_several_answers


def test_checkboxes_keep_selected_and_unselected_hints_and_combination_feedback():
    quiz = quiz_from("""
        <problem display_name="Migrations">
          <choiceresponse>
            <label>Which migrate?</label>
            <checkboxgroup>
              <choice correct="true">Tern
                <choicehint selected="true">Pole to pole.</choicehint>
                <choicehint selected="false">Terns do migrate.</choicehint>
              </choice>
              <choice correct="false">Giraffe</choice>
              <choice correct="true">Monarch</choice>
              <compoundhint value="A C">Both migrants, well done.</compoundhint>
            </checkboxgroup>
          </choiceresponse>
          <solution><p>Terns and monarchs.</p></solution>
        </problem>
    """)
    (question,) = quiz.questions
    assert isinstance(question, ChoiceQuestion)
    assert question.allows_several_answers
    assert question.choices[0] == Choice(
        "Tern",
        correct=True,
        feedback_when_selected="Pole to pole.",
        feedback_when_unselected="Terns do migrate.",
    )
    assert [choice.correct for choice in question.choices] == [True, False, True]
    assert question.combination_feedback == (
        CombinationFeedback((0, 2), "Both migrants, well done."),
    )
    # A solution outside the response explains the whole problem.
    assert question.explanation_html == ""
    assert quiz.explanation_html == "<p>Terns and monarchs.</p>"


def test_combination_hint_naming_a_missing_choice_makes_a_placeholder():
    placeholder = placeholder_from("""
        <problem><choiceresponse><checkboxgroup>
          <choice correct="true">A</choice>
          <compoundhint value="A Z">No such choice Z.</compoundhint>
        </checkboxgroup></choiceresponse></problem>
    """)
    assert "'A Z'" in placeholder.reason


def test_dropdown_written_out_with_option_hints():
    quiz = quiz_from("""
        <problem display_name="Capitals">
          <optionresponse>
            <label>Capital of Australia?</label>
            <optioninput>
              <option correct="False">Sydney<optionhint>Largest city, not capital.</optionhint>
              </option>
              <option correct="True">Canberra</option>
            </optioninput>
          </optionresponse>
        </problem>
    """)
    assert quiz.questions == (
        DropdownQuestion(
            response_type="optionresponse",
            label="Capital of Australia?",
            description="",
            prompt_html="",
            explanation_html="",
            options=(
                DropdownOption("Sydney", correct=False, feedback="Largest city, not capital."),
                DropdownOption("Canberra", correct=True),
            ),
            question_html="<p><strong>Capital of Australia?</strong></p>",
        ),
    )


def test_dropdowns_in_a_table_become_numbered_questions_marked_in_the_intro():
    quiz = quiz_from("""
        <problem display_name="Discoveries">
          <p>Who discovered what?</p>
          <table><tr>
            <td>Relativity</td>
            <td><optionresponse>
              <optioninput options="('Mendeleev','Einstein')" correct="Einstein"/>
            </optionresponse></td>
            <td><optionresponse>
              <optioninput options="('Mendeleev','Einstein')" correct="Mendeleev"/>
            </optionresponse> (periodic table)</td>
          </tr></table>
        </problem>
    """)
    assert [question.options for question in quiz.questions] == [
        (DropdownOption("Mendeleev", False), DropdownOption("Einstein", True)),
        (DropdownOption("Mendeleev", True), DropdownOption("Einstein", False)),
    ]
    assert "<td>[1]</td>" in " ".join(quiz.intro_html.split())
    assert "<td>[2] (periodic table)</td>" in " ".join(quiz.intro_html.split())
    assert "optionresponse" not in quiz.intro_html


def test_unreadable_dropdown_options_make_a_placeholder():
    placeholder = placeholder_from("""
        <problem><optionresponse>
          <optioninput options="('unclosed" correct="x"/>
        </optionresponse></problem>
    """)
    assert placeholder.category == "problem:optionresponse"
    assert "cannot read the dropdown options" in placeholder.reason


def test_text_input_keeps_every_accepted_answer_with_feedback_and_case_rule():
    quiz = quiz_from("""
        <problem display_name="Dwarfs">
          <stringresponse answer="Doc" type="ci">
            <label>Name a dwarf</label>
            <correcthint>Doc leads them.</correcthint>
            <additional_answer answer="Sleepy"><correcthint>Yawn.</correcthint></additional_answer>
            <additional_answer>Dopey</additional_answer>
            <stringequalhint answer="Snow White">She is not a dwarf.</stringequalhint>
            <textline size="20"/>
          </stringresponse>
        </problem>
    """)
    (question,) = quiz.questions
    assert question == TextQuestion(
        response_type="stringresponse",
        label="Name a dwarf",
        description="",
        prompt_html="",
        explanation_html="",
        accepted=(
            AcceptedText("Doc", "Doc leads them."),
            AcceptedText("Sleepy", "Yawn."),
            AcceptedText("Dopey"),
        ),
        case_sensitive=False,
        regex=False,
        wrong_answer_feedback=(WrongTextFeedback("Snow White", "She is not a dwarf."),),
        question_html="<p><strong>Name a dwarf</strong></p>",
    )
    assert question.accepts("  sleepy ")
    assert question.accepts("DOPEY")
    assert not question.accepts("Snow White")


def test_text_input_is_case_sensitive_unless_marked_ci():
    quiz = quiz_from('<problem><stringresponse answer="NaCl"/></problem>')
    (question,) = quiz.questions
    assert isinstance(question, TextQuestion)
    assert question.case_sensitive
    assert question.accepts("NaCl")
    assert not question.accepts("nacl")


def test_regular_expression_answers_match_the_whole_answer():
    quiz = quiz_from('<problem><stringresponse answer="..bble" type="ci regexp"/></problem>')
    (question,) = quiz.questions
    assert isinstance(question, TextQuestion)
    assert question.regex
    assert question.accepts("Bubble")
    assert not question.accepts("bubbles")


def test_invalid_regular_expression_makes_a_placeholder():
    placeholder = placeholder_from('<problem><stringresponse answer="(" type="regexp"/></problem>')
    assert "not a valid regular expression" in placeholder.reason


@pytest.mark.parametrize(
    ("tolerance_xml", "tolerance", "accepted", "refused"),
    [
        ('<responseparam type="tolerance" default="5"/>', Tolerance("absolute", 5.0), 595, 594.9),
        ('<responseparam type="tolerance" default="1%"/>', Tolerance("percent", 1.0), 606, 606.1),
        ("", None, 600.001, 600.1),
    ],
)
def test_numerical_answer_with_tolerance(tolerance_xml, tolerance, accepted, refused):
    quiz = quiz_from(f"""
        <problem display_name="Product">
          <numericalresponse answer="600">
            <label>What is 120 x 5?</label>
            {tolerance_xml}
            <correcthint>Right: 600.</correcthint>
            <formulaequationinput/>
          </numericalresponse>
        </problem>
    """)
    (question,) = quiz.questions
    assert question == NumericalQuestion(
        response_type="numericalresponse",
        label="What is 120 x 5?",
        description="",
        prompt_html="",
        explanation_html="",
        answer=600.0,
        tolerance=tolerance,
        correct_feedback="Right: 600.",
        question_html="<p><strong>What is 120 x 5?</strong></p>",
    )
    assert question.accepts(accepted)
    assert not question.accepts(refused)
    assert not question.accepts(float("nan"))


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("[5, 7]", "range answers"),
        ("pi/2", "not a plain number"),
        ("inf", "not a plain number"),
    ],
)
def test_numerical_answers_kuza_cannot_check_make_placeholders(answer, reason):
    placeholder = placeholder_from(
        f'<problem><numericalresponse answer="{answer}"><textline/></numericalresponse></problem>'
    )
    assert reason in placeholder.reason
    assert placeholder.category == "problem:numericalresponse"


def test_answers_computed_by_a_python_script_make_a_placeholder():
    placeholder = placeholder_from("""
        <problem display_name="Random sum">
          <script type="loncapa/python">z = 1 + 2</script>
          <numericalresponse answer="$z"><textline/></numericalresponse>
        </problem>
    """)
    assert placeholder.display_name == "Random sum"
    assert placeholder.reason == "its answers are computed by a Python script"


def test_script_that_does_not_feed_the_answers_is_left_out_of_the_quiz():
    quiz = quiz_from("""
        <problem>
          <script type="loncapa/python">unused = 1</script>
          <p>Type SELECT.</p>
          <stringresponse answer="SELECT"><textline label="Your query"/></stringresponse>
        </problem>
    """)
    assert quiz.intro_html == "<p>Type SELECT.</p>"
    assert quiz.questions[0].label == "Your query"
    assert quiz.display_name == "Your query"


def test_unsupported_response_types_make_a_placeholder_even_beside_supported_ones():
    placeholder = placeholder_from("""
        <problem display_name="Mixed">
          <customresponse cfn="check"><textline/></customresponse>
          <stringresponse answer="x"/>
          <formularesponse answer="x^2"/>
        </problem>
    """)
    assert placeholder.category == "problem:customresponse+formularesponse+stringresponse"
    assert placeholder.reason == "Kuza cannot grade <customresponse>, <formularesponse> problems"


def test_problem_without_answer_field_makes_a_placeholder():
    placeholder = placeholder_from("<problem><p>Just text.</p></problem>")
    assert placeholder.category == "problem"
    assert placeholder.reason == "the problem has no answer field"


def test_quiz_with_several_response_types_is_mixed():
    quiz = quiz_from("""
        <problem>
          <stringresponse answer="a"/>
          <numericalresponse answer="1"/>
        </problem>
    """)
    assert quiz.kind == "mixed"
    assert [question.response_type for question in quiz.questions] == [
        "stringresponse",
        "numericalresponse",
    ]


def test_partial_credit_is_reported_not_silently_dropped():
    quiz, warnings = parse("""
        <problem><numericalresponse answer="2" partial_credit="list">
          <responseparam partial_answers="1"/>
        </numericalresponse></problem>
    """)
    assert isinstance(quiz, Quiz)
    assert warnings == ["problem/p1.xml: partial credit not imported; only full marks count"]


def test_quiz_lists_its_static_files():
    quiz = quiz_from("""
        <problem>
          <p><img src="/static/abacus.png"/></p>
          <multiplechoiceresponse><choicegroup>
            <choice correct="true">17</choice>
          </choicegroup>
          <solution><img src="/static/abacus%20solution.png"/></solution>
          </multiplechoiceresponse>
        </problem>
    """)
    assert quiz.static_files == ("abacus solution.png", "abacus.png")


def test_several_dropdowns_in_one_response_show_the_question_text_once():
    quiz = quiz_from("""
        <problem>
          <optionresponse>
            <label>Complete the sentence</label>
            <p>The sky is</p>
            <optioninput options="('blue','green')" correct="blue"/>
            <p>and grass is</p>
            <optioninput options="('blue','green')" correct="green" label="Grass colour"/>
            <solution><p>Look outside.</p></solution>
          </optionresponse>
        </problem>
    """)
    first, second = quiz.questions
    assert isinstance(first, DropdownQuestion)
    assert isinstance(second, DropdownQuestion)
    assert first.label == "Complete the sentence"
    assert " ".join(first.prompt_html.split()) == "<p>The sky is</p> <p>and grass is</p>"
    assert first.explanation_html == "<p>Look outside.</p>"
    assert (second.label, second.prompt_html, second.explanation_html) == ("Grass colour", "", "")
    assert [option.correct for option in second.options] == [False, True]


def test_a_label_written_after_its_data_stays_after_it():
    quiz = quiz_from("""
        <problem>
          <numericalresponse answer="12">
            <p>Rainfall in mm:</p>
            <table><tr><td>Mon</td><td>5</td></tr><tr><td>Tue</td><td>7</td></tr></table>
            <label>Total rainfall over \\(2\\) days?</label>
            <description>Add the two.</description>
            <p>Count both days.</p>
            <formulaequationinput/>
          </numericalresponse>
        </problem>
    """)
    (question,) = quiz.questions
    text = " ".join(question.question_html.split())
    assert text.index("Rainfall in mm") < text.index("<table>") < text.index("<strong>Total")
    assert (
        text.index("<strong>Total rainfall over \\(2\\) days?</strong>")
        < text.index("<p>Add the two.</p>")
        < text.index("<p>Count both days.</p>")
    )
    assert "formulaequationinput" not in text


def test_the_unit_after_an_answer_box_is_kept():
    quiz = quiz_from("""
        <problem>
          <numericalresponse answer="25">
            <label>What share of the budget goes to food?</label>
            <formulaequationinput trailing_text="%"/>
          </numericalresponse>
          <stringresponse answer="Nairobi">
            <label>Capital of Kenya?</label>
            <textline size="20" trailing_text=" (city) "/>
          </stringresponse>
        </problem>
    """)
    numeric, text = quiz.questions
    assert (numeric.unit, text.unit) == ("%", "(city)")


def test_a_dropdown_label_given_on_its_input_leads_its_text():
    quiz = quiz_from("""
        <problem>
          <optionresponse>
            <p>Look at the map.</p>
            <optioninput options="('a','b')" correct="a" label="Which city?"/>
          </optionresponse>
        </problem>
    """)
    (question,) = quiz.questions
    assert " ".join(question.question_html.split()) == (
        "<p><strong>Which city?</strong></p> <p>Look at the map.</p>"
    )
