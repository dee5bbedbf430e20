"""Authoring pages for quizzes: settings, and questions of every kind added, edited, moved."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kuza.learning import authoring, selectors
from kuza.learning.forms.authoring import QuestionForm, QuizForm, TitleForm
from kuza.learning.models import Question, Quiz
from kuza.learning.rendering import shown_questions


@login_required
@require_POST
def quiz_add(request: HttpRequest, slug: str, lesson_id: int) -> HttpResponse:
    course = selectors.course_for_editing(slug=slug, user=request.user)
    lesson = selectors.lesson_for(course=course, lesson_id=lesson_id, user=request.user)
    form = TitleForm(request.POST, prefix="quiz")
    if not form.is_valid():
        messages.error(request, _("Give the quiz a title."))
        return redirect("learning:edit_lesson", slug=course.slug, lesson_id=lesson.pk)
    quiz = authoring.quiz_create(lesson=lesson, title=form.cleaned_data["title"], questions=())
    messages.success(request, _("Quiz added. Add its questions."))
    return redirect("learning:edit_quiz", slug=course.slug, quiz_id=quiz.pk)


def _quiz(request: HttpRequest, slug: str, quiz_id: int):
    course = selectors.course_for_editing(slug=slug, user=request.user)
    return course, selectors.quiz_for(course=course, quiz_id=quiz_id, user=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def quiz_edit(request: HttpRequest, slug: str, quiz_id: int) -> HttpResponse:
    course, quiz = _quiz(request, slug, quiz_id)
    form = QuizForm(request.POST or None, initial=QuizForm.initial_for(quiz))
    if request.method == "POST" and form.is_valid():
        try:
            authoring.quiz_update(quiz=quiz, **form.cleaned_data)
        except authoring.AuthoringError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Quiz saved."))
            return redirect("learning:edit_quiz", slug=course.slug, quiz_id=quiz.pk)
    return render(
        request,
        "learning/edit/quiz.html",
        {
            "course": course,
            "quiz": quiz,
            "form": form,
            "questions": shown_questions(quiz, course.language),
            "kinds": Question.Kind.choices,
        },
        status=400 if request.method == "POST" else 200,
    )


def _question_page(request, course, quiz: Quiz, form: QuestionForm, position: int | None):
    return render(
        request,
        "learning/edit/question.html",
        {
            "course": course,
            "quiz": quiz,
            "form": form,
            "position": position,
            "kind_label": Question.Kind(form.kind).label,
        },
        status=400 if request.method == "POST" else 200,
    )


def _save_question(request, course, quiz: Quiz, form: QuestionForm, position: int | None):
    if request.method == "POST" and form.is_valid():
        try:
            authoring.question_save(quiz=quiz, question=form.question_input(), position=position)
        except authoring.AuthoringError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Question saved."))
            return redirect("learning:edit_quiz", slug=course.slug, quiz_id=quiz.pk)
    return _question_page(request, course, quiz, form, position)


@login_required
@require_http_methods(["GET", "POST"])
def question_new(request: HttpRequest, slug: str, quiz_id: int) -> HttpResponse:
    course, quiz = _quiz(request, slug, quiz_id)
    kind = request.GET.get("kind", "")
    if kind not in Question.Kind.values:
        raise Http404
    form = QuestionForm(request.POST or None, kind=kind, option_rows=4)
    return _save_question(request, course, quiz, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, slug: str, quiz_id: int, position: int) -> HttpResponse:
    course, quiz = _quiz(request, slug, quiz_id)
    question = quiz.questions.filter(position=position).prefetch_related("options").first()
    if question is None:
        raise Http404
    current = authoring.question_input_from(question)
    form = QuestionForm(
        request.POST or None,
        kind=question.kind,
        option_rows=len(current.options) + 2,
        option_keys=tuple(option.unit_key for option in current.options),
        initial=QuestionForm.initial_for(current),
    )
    return _save_question(request, course, quiz, form, position)


@login_required
@require_POST
def quiz_delete(request: HttpRequest, slug: str, quiz_id: int) -> HttpResponse:
    course, quiz = _quiz(request, slug, quiz_id)
    try:
        authoring.quiz_delete(quiz=quiz)
    except authoring.AuthoringError as error:
        messages.error(request, str(error))
        return redirect("learning:edit_quiz", slug=course.slug, quiz_id=quiz.pk)
    messages.success(request, _("Quiz deleted."))
    return redirect("learning:edit_lesson", slug=course.slug, lesson_id=quiz.lesson_id)


@login_required
@require_POST
def question_action(request: HttpRequest, slug: str, quiz_id: int, position: int) -> HttpResponse:
    """↑, ↓ and delete buttons on the quiz page."""
    course, quiz = _quiz(request, slug, quiz_id)
    action = request.POST.get("action")
    try:
        if action in {"up", "down"}:
            authoring.question_move(quiz=quiz, position=position, direction=action)
        elif action == "delete":
            authoring.question_delete(quiz=quiz, position=position)
            messages.success(request, _("Question deleted."))
        else:
            raise Http404
    except authoring.AuthoringError as error:
        messages.error(request, str(error))
    return redirect("learning:edit_quiz", slug=course.slug, quiz_id=quiz.pk)
