"""Writes for authors, in three modules: creating content (content.py), changing it and its
order (editing.py), and quizzes (quizzes.py). Import from here."""

from kuza.learning.authoring.content import (
    RESERVED_SLUGS,
    AuthoringError,
    course_create,
    lesson_create,
    lesson_image_add,
    media_link_add,
    media_link_delete,
    module_create,
    unique_course_slug,
)
from kuza.learning.authoring.editing import (
    course_publish,
    course_update,
    lesson_move,
    lesson_update,
    module_move,
    module_update,
    quiz_move,
)
from kuza.learning.authoring.quizzes import (
    OptionInput,
    QuestionInput,
    question_delete,
    question_input_from,
    question_move,
    question_save,
    quiz_create,
    quiz_delete,
    quiz_questions_replace,
    quiz_update,
)

__all__ = [
    "RESERVED_SLUGS",
    "AuthoringError",
    "OptionInput",
    "QuestionInput",
    "course_create",
    "course_publish",
    "course_update",
    "lesson_create",
    "lesson_image_add",
    "lesson_move",
    "lesson_update",
    "media_link_add",
    "media_link_delete",
    "module_create",
    "module_move",
    "module_update",
    "question_delete",
    "question_input_from",
    "question_move",
    "question_save",
    "quiz_create",
    "quiz_delete",
    "quiz_move",
    "quiz_questions_replace",
    "quiz_update",
    "unique_course_slug",
]
