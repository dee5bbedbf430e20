from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kuza.learning import grading, selectors, services
from kuza.learning.attempts import attempt_rows
from kuza.learning.forms import quiz_form_class
from kuza.learning.rendering import shown_hints, shown_questions
from kuza.learning.views.common import outline_step


@require_http_methods(["GET", "POST"])
def quiz_detail(request: HttpRequest, slug: str, quiz_id: int) -> HttpResponse:
    course = selectors.course_for(slug=slug, user=request.user)
    quiz = selectors.quiz_for(course=course, quiz_id=quiz_id, user=request.user)
    enrolment = selectors.enrolment_for(user=request.user, course=course)
    questions = shown_questions(quiz)
    form_class = quiz_form_class(questions)
    attempts = selectors.quiz_attempts(enrolment=enrolment, quiz=quiz)
    left = grading.attempts_left(limit=quiz.max_attempts, used=len(attempts))
    if request.method == "POST":
        if enrolment is None:
            return redirect("learning:course", slug=course.slug)
        form = form_class(request.POST)
        if form.is_valid():
            was_complete = enrolment.completed_at is not None
            try:
                attempt = services.quiz_submit(
                    enrolment=enrolment, quiz=quiz, responses=form.cleaned_data
                )
            except services.LearningError as error:
                messages.error(request, str(error))
            else:
                # Passing the last quiz is how most courses end: say so, as reading does.
                if not was_complete and enrolment.completed_at is not None:
                    messages.success(request, _("Congratulations: you have completed this course!"))
                return redirect(
                    "learning:attempt", slug=course.slug, quiz_id=quiz.pk, attempt_id=attempt.pk
                )
    else:
        form = form_class()
    fields = {field.name: field for field in form}
    return render(
        request,
        "learning/quiz.html",
        {
            "course": course,
            "quiz": quiz,
            "rows": [(question, fields[question.field_name]) for question in questions],
            "hints": shown_hints(quiz),
            "form": form,
            "enrolment": enrolment,
            "attempts": attempts,
            "best": grading.best_score(attempt.score for attempt in attempts),
            "attempts_left": left,
        },
    )


@login_required
@require_GET
def attempt_detail(request: HttpRequest, slug: str, quiz_id: int, attempt_id: int) -> HttpResponse:
    course = selectors.course_for(slug=slug, user=request.user)
    quiz = selectors.quiz_for(course=course, quiz_id=quiz_id, user=request.user)
    enrolment = selectors.enrolment_for(user=request.user, course=course)
    attempt = selectors.attempt_for(enrolment=enrolment, quiz=quiz, attempt_id=attempt_id)
    attempts = selectors.quiz_attempts(enrolment=enrolment, quiz=quiz)
    rows = attempt_rows(attempt, quiz)
    return render(
        request,
        "learning/attempt.html",
        {
            "course": course,
            "quiz": quiz,
            "attempt": attempt,
            "rows": rows,
            "best": grading.best_score(item.score for item in attempts),
            "attempts_left": grading.attempts_left(limit=quiz.max_attempts, used=len(attempts)),
            # Passed, the learner goes on with the outline.
            "next_item": outline_step(course, selectors.after_quiz(quiz))
            if attempt.passed
            else None,
        },
    )
