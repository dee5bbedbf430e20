"""Stored attempts keep the questions they answered (see kuza.learning.attempts).

Attempts made before this were shown against the quiz's questions by position; each of their
results gets the question at that position now, which is what their results page showed.
"""

from django.db import migrations


def _snapshot(question, options, given):
    return {
        "unit": question.unit_key or question.position,
        "number": question.position,
        "kind": question.kind,
        "prompt": question.prompt,
        "explanation": question.explanation,
        "options": [
            {
                "key": str(option.position),
                "unit": option.unit_key or option.position,
                "text": option.text,
            }
            for option in options
        ],
        "given": given,
    }


def snapshot_questions(apps, schema_editor):
    QuizAttempt = apps.get_model("learning", "QuizAttempt")
    Question = apps.get_model("learning", "Question")
    Option = apps.get_model("learning", "Option")
    quizzes = {}
    for attempt in QuizAttempt.objects.order_by("pk").iterator():
        results = list(attempt.results or [])
        if all(isinstance(item, dict) and "question" in item for item in results):
            continue
        if attempt.quiz_id not in quizzes:
            questions = list(
                Question.objects.filter(quiz_id=attempt.quiz_id).order_by("position", "pk")
            )
            options = {}
            for option in Option.objects.filter(question__in=questions).order_by("position", "pk"):
                options.setdefault(option.question_id, []).append(option)
            quizzes[attempt.quiz_id] = [
                (question, options.get(question.pk, [])) for question in questions
            ]
        questions = quizzes[attempt.quiz_id]
        for index, item in enumerate(results):
            if not isinstance(item, dict) or "question" in item:
                continue
            if index < len(questions):
                question, options = questions[index]
                given = (attempt.responses or {}).get(f"q{question.position}")
                item["question"] = _snapshot(question, options, given)
            else:
                item["question"] = {"number": index + 1, "options": [], "given": None}
        attempt.results = results
        attempt.save(update_fields=["results"])


class Migration(migrations.Migration):
    dependencies = [("learning", "0005_question_option_unit_keys")]

    operations = [migrations.RunPython(snapshot_questions, migrations.RunPython.noop)]
