"""Course content declared to the translation app: learners read it in their language.

Imported Open edX HTML is converted to Markdown when imported, so it is declared like the rest.
"""

from __future__ import annotations

from kuza.translation import registry


def register_translatable_content() -> None:
    from kuza.learning.models import (
        Cohort,
        CohortSession,
        Course,
        Lesson,
        LessonImage,
        MediaLink,
        Module,
        Placeholder,
        Quiz,
    )
    from kuza.learning.rendering import quiz_texts

    registry.register(
        Course,
        fields={"title": registry.PLAIN, "summary": registry.MARKDOWN},
        source_language=lambda course: course.language,
        title=lambda course: course.title,
    )
    registry.register(
        Module,
        fields={"title": registry.PLAIN},
        source_language=lambda module: module.course.language,
        title=lambda module: f"{module.course.title} · {module.title}",
    )
    registry.register(
        Lesson,
        fields={"title": registry.PLAIN, "body": registry.MARKDOWN},
        source_language=lambda lesson: lesson.course.language,
        title=lambda lesson: f"{lesson.course.title} · {lesson.title}",
    )
    registry.register(
        Quiz,
        fields={
            "title": registry.PLAIN,
            "intro": registry.MARKDOWN,
            "explanation": registry.MARKDOWN,
        },
        named={"questions": quiz_texts},
        source_language=lambda quiz: quiz.course.language,
        title=lambda quiz: f"{quiz.course.title} · {quiz.title}",
    )
    registry.register(
        LessonImage,
        fields={"alt_text": registry.PLAIN, "caption": registry.PLAIN},
        source_language=lambda image: image.lesson.course.language,
        title=lambda image: f"{image.lesson.title} · {image.alt_text}",
    )
    registry.register(
        MediaLink,
        fields={"title": registry.PLAIN},
        source_language=lambda link: link.lesson.course.language,
        title=lambda link: f"{link.lesson.title} · {link.title}",
    )
    # Imported blocks Kuza cannot show: learners still read their names.
    registry.register(
        Placeholder,
        fields={"display_name": registry.PLAIN},
        source_language=lambda placeholder: placeholder.course.language,
        title=lambda placeholder: f"{placeholder.course.title} · {placeholder.display_name}",
    )
    registry.register(
        Cohort,
        fields={"name": registry.PLAIN, "description": registry.MARKDOWN},
        source_language=lambda cohort: cohort.course.language,
        title=lambda cohort: f"{cohort.course.title} · {cohort.name}",
    )
    registry.register(
        CohortSession,
        fields={"title": registry.PLAIN, "description": registry.PLAIN},
        source_language=lambda session: session.cohort.course.language,
        title=lambda session: f"{session.cohort.name} · {session.title}",
    )
