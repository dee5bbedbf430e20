"""What learning contributes to the rest of Kuza (found by kuza.core.integrations).

- To the translation app: learners read it in their language. Imported Open edX HTML is
  converted to Markdown when imported, so it is declared like the rest.
- To safety: courses, lessons and announcements can be reported by whoever may read them;
  the person concerned is the course's first author, or the announcement's author.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kuza.audience.declarations import Audience, nobody
from kuza.audience.declarations import register as register_audience
from kuza.core import home, navigation
from kuza.core.navigation import NavItem
from kuza.core.navigation import register as register_navigation
from kuza.learning import achievements, selectors
from kuza.learning.models import (
    Announcement,
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
from kuza.learning.rendering import quiz_hints, quiz_texts
from kuza.people.models import Membership
from kuza.safety.reportables import Reportable
from kuza.safety.reportables import register as register_reportable
from kuza.translation import registry


def _organised_by(viewer, prefix: str = "") -> Q:
    """Courses (at `prefix`) of an organisation `viewer` organises: they manage them."""
    return Q(
        **{
            f"{prefix}organisation__memberships__user": viewer,
            f"{prefix}organisation__memberships__role": Membership.Role.ORGANISER,
        }
    )


# Published courses moderators did not hide; authors, their organisation's organisers and
# staff see every course they manage.
register_audience(
    Audience(
        model=Course,
        published=Q(is_published=True),
        managers=("authors", _organised_by),
        people=("authors",),
    )
)

# A cohort is seen by whoever may read its course; its page names its facilitators.
register_audience(Audience(model=Cohort, people=("facilitators",), hideable=False, within="course"))

# A lesson is read by whoever may read its course, unless moderators hid it: the course's
# managers still see a hidden lesson (to fix it).
register_audience(
    Audience(
        model=Lesson,
        managers=("course__authors", lambda viewer: _organised_by(viewer, "course__")),
        within="course",
    )
)

# An announcement is read by whoever may read the cohort's course, unless moderators hid
# it or its author is suspended or in a block with the reader.
register_audience(
    Audience(
        model=Announcement,
        authors=("author",),
        people=("author",),
        within="cohort",
        sees_all=nobody,
    )
)


def course_parts(course: Course) -> list:
    """A course's texts for its one exchange file, in reading order: each module, then each
    of its lessons with the lesson's images, media links, quizzes and imported placeholders."""
    lessons: dict[int, list[Lesson]] = {}
    for lesson in (
        Lesson.objects.filter(course=course)
        .order_by("position", "pk")
        .prefetch_related("images", "media_links", "quizzes", "placeholders")
    ):
        lessons.setdefault(lesson.module_id, []).append(lesson)
    parts: list = []
    for module in Module.objects.filter(course=course).order_by("position", "pk"):
        parts.append(module)
        for lesson in lessons.get(module.pk, []):
            parts += [lesson, *lesson.images.all(), *lesson.media_links.all()]
            parts += [*lesson.quizzes.all(), *lesson.placeholders.all()]
    return parts


registry.register(
    Course,
    fields={"title": registry.PLAIN, "summary": registry.MARKDOWN},
    source_language=lambda course: course.language,
    title=lambda course: course.title,
    parts=course_parts,
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
    named={"questions": quiz_texts, "hints": quiz_hints},
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

register_navigation(
    NavItem(url_name="learning:catalogue", label=_("Learn"), order=30, group=navigation.LEARN)
)


def _first_author(course):
    return course.authors.order_by("pk").first()


register_reportable(
    Reportable(
        kind="course",
        model=Course,
        label=_("a course"),
        describe=lambda course: course.title,
        person_of=_first_author,
        organisation_of=lambda course: course.organisation,
        url_of=lambda course: reverse("learning:course", args=[course.slug]),
    )
)
register_reportable(
    Reportable(
        kind="course-lesson",
        model=Lesson,
        label=_("a lesson"),
        describe=lambda lesson: f"{lesson.course.title} · {lesson.title}",
        person_of=lambda lesson: _first_author(lesson.course),
        organisation_of=lambda lesson: lesson.course.organisation,
        url_of=lambda lesson: reverse("learning:lesson", args=[lesson.course.slug, lesson.pk]),
    )
)
register_reportable(
    Reportable(
        kind="course-announcement",
        model=Announcement,
        label=_("a course announcement"),
        describe=lambda announcement: announcement.title,
        person_of=lambda announcement: announcement.author,
        organisation_of=lambda announcement: announcement.cohort.course.organisation,
        url_of=lambda announcement: reverse(
            "learning:cohort",
            args=[announcement.cohort.course.slug, announcement.cohort.slug],
        ),
    )
)

# The personal home (kuza/core/home.py): what waits, what is next, what is offered.
home.register(home.NEXT, "learning.sessions", selectors.home_upcoming_sessions)
home.register(home.NEXT, "learning.in-progress", selectors.home_courses_in_progress)
home.register_capability(
    home.Capability(
        url_name="learning:catalogue",
        title=_("Courses"),
        summary=_("Learn at your own pace or in a cohort, in your language, even offline."),
        order=30,
    )
)
# Course and cohort completions, for badge rules to pick and apply to the past.
achievements.register()
