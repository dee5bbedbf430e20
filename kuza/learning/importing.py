"""Open edX import: the parsed OLX course (kuza.learning.olx) stored as Kuza models.

Every object keeps its OLX key (block type / url_name), so importing the same export again
updates the course in place. Objects that left the export are archived, never deleted: they
leave the outline but keep their learners' attempts and their translations, and come back
if a later export holds them again (models.ArchivableContent). An export with any file that
cannot be read fails as a whole (olx.parse_course), so a damaged file never looks like
removed content. Imported HTML is
sanitised, then converted to Markdown (kuza.learning.htmlmarkdown) so that the translation app
splits it into units like any lesson; quizzes and placeholders keep their place in the text
(see rendering.content_marker). The conversion is deterministic: importing an export again
leaves unchanged paragraphs as they were, so their translations stay current, and the
translation app marks the translations of changed ones as outdated.
Static files that exist are copied into media storage; missing ones are reported, and their
links point where a later import would put them. Images embedded as data: URIs are checked
by the parser (olx.datauris), recompressed like uploads before anything is written (so a
file Pillow cannot read fails the import with nothing changed), and stored as the lesson's
images, which the lesson text then shows in their place.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote

import nh3
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from kuza.core.markdown import sanitise_html
from kuza.learning import olx
from kuza.learning.authoring import (
    OptionInput,
    QuestionInput,
    quiz_questions_replace,
    unique_course_slug,
)
from kuza.learning.authoring.content import next_position
from kuza.learning.htmlmarkdown import html_to_markdown
from kuza.learning.images import CompressedImage, ImageError, compress_image
from kuza.learning.models import Course, Lesson, LessonImage, Module, Placeholder, Quiz
from kuza.learning.olx.datauris import replace_data_images
from kuza.learning.olx.statics import is_safe_static_name
from kuza.learning.rendering import content_marker, missing_image_marker

# <img ... src="/static/name" ...>, quoted either way; group "name" is the static file name.
_MISSING_IMAGE_SOURCE = re.compile(
    r"""<img\b[^>]*?\bsrc\s*=\s*(["'])/static/(?P<name>[^"'?#]+)[^"']*\1[^>]*>""", re.I
)
# Open edX marks a problem correct only when every answer is right.
IMPORTED_PASS_MARK = 100
# Open edX's default tolerance when a numerical problem sets none (see olx.questions).
_DEFAULT_TOLERANCE = olx.Tolerance("percent", 0.001)


@dataclass
class ImportResult:
    course: Course
    created: bool
    summary: dict[str, object]
    report: list[str] = field(default_factory=list)


_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_IMG_TEXT = re.compile(r"""\b(alt|src)\s*=\s*(["'])(.*?)\2""", re.I | re.S)


def _image_as_text(match: re.Match[str]) -> str:
    """An image in a plain text (an option, a feedback) as its alternative text in brackets,
    else its file name, so an option that is only a picture is not left empty."""
    attributes = {name.lower(): value for name, _quote, value in _IMG_TEXT.findall(match[0])}
    text = attributes.get("alt", "").strip() or attributes.get("src", "").rsplit("/", 1)[-1]
    return f" [{text}] " if text else " "


def _plain(html: str) -> str:
    html = _IMG_TAG.sub(_image_as_text, html or "")
    text = html_lib.unescape(nh3.clean(html, tags=set()))
    return re.sub(r"\s+", " ", text).strip()


class _Importer:
    def __init__(
        self,
        parsed: olx.Course,
        root: Path,
        organisation=None,
        *,
        max_data_image_bytes: int = olx.DEFAULT_MAX_DATA_IMAGE_BYTES,
    ) -> None:
        self.parsed = parsed
        self.root = root
        self.organisation = organisation
        self.max_data_image_bytes = max_data_image_bytes
        self.compressed: dict[str, CompressedImage] = {}
        self.lesson_images: dict[tuple[int, str], LessonImage] = {}
        self.current_lesson: Lesson | None = None
        self.data_images_stored = 0
        self.folder = "learning/olx/" + "-".join(
            slugify(part) or "x" for part in (parsed.org, parsed.number, parsed.key.url_name)
        )
        self.copied = 0
        self.missing = set(parsed.missing_static_files)
        self.seen = {"module": set(), "lesson": set(), "quiz": set(), "placeholder": set()}

    # --- Static files ---

    def static_url(self, name: str) -> str:
        return default_storage.url(f"{self.folder}/{name}")

    def copy_static_files(self) -> None:
        missing = set(self.parsed.missing_static_files)
        for name in self.parsed.static_files:
            if name in missing or not is_safe_static_name(name):
                continue
            target = f"{self.folder}/{name}"
            data = (self.root / "static" / name).read_bytes()
            if default_storage.exists(target):
                default_storage.delete(target)
            default_storage.save(target, ContentFile(data))
            self.copied += 1

    def markdown(self, raw: str) -> str:
        html = _MISSING_IMAGE_SOURCE.sub(self._missing_image, raw or "")
        if "data:" in html:
            html = replace_data_images(
                html, self.data_image_url, max_bytes=self.max_data_image_bytes
            )
        return html_to_markdown(sanitise_html(olx.rewrite_static_urls(html, self.static_url)))

    # --- Images embedded as data: URIs ---

    def compress_data_images(self) -> None:
        """Recompress every data: image before anything is written, as uploads are; one
        that Pillow cannot read fails the import, naming the file that holds it."""
        for image in self.parsed.data_images:
            try:
                self.compressed[image.digest] = compress_image(image.data)
            except ImageError as error:
                raise olx.OlxError(
                    f"cannot import this export: {image.source}: a data: image "
                    f"({image.media_type}) cannot be read as an image ({error})"
                ) from error

    def data_image_url(self, digest: str, alt: str) -> str:
        """The URL of the lesson image stored for this data: image, stored on first use."""
        lesson = self.current_lesson
        assert lesson is not None, "data: images are only replaced inside a lesson"
        stored = self.lesson_images.get((lesson.pk, digest))
        if stored is None:
            stored = lesson.images.filter(olx_key=digest).first() or self._store_image(
                lesson, digest, alt
            )
            self.lesson_images[(lesson.pk, digest)] = stored
        return stored.image.url

    def _store_image(self, lesson: Lesson, digest: str, alt: str) -> LessonImage:
        compressed = self.compressed[digest]
        image = LessonImage(
            lesson=lesson,
            olx_key=digest,
            # An image needs a text alternative; the export's own, else the lesson's title.
            alt_text=(alt or lesson.title)[:300],
            width=compressed.width,
            height=compressed.height,
            size_bytes=len(compressed.data),
            position=next_position(lesson.images.all()),
        )
        image.image.save(
            f"imported-{digest[:16]}{compressed.extension}",
            ContentFile(compressed.data),
            save=False,
        )
        image.save()
        self.data_images_stored += 1
        return image

    def _missing_image(self, match: re.Match[str]) -> str:
        """An <img> of a file the export lacks becomes a marker readers see as a note
        naming the file (rendering.with_missing_images_shown), never a broken image."""
        name = unquote(html_lib.unescape(match["name"]))
        if name not in self.missing:
            return match[0]
        return missing_image_marker(name)

    # --- Models ---

    def course(self) -> tuple[Course, bool]:
        parsed = self.parsed
        key = f"{parsed.org}/{parsed.number}/{parsed.key.url_name}"
        course = Course.objects.filter(olx_key=key).first()
        created = course is None
        summary = parsed.short_description or _plain(parsed.overview_html)[:1000]
        if course is None:
            course = Course(olx_key=key, slug=unique_course_slug(parsed.display_name))
            if self.organisation is not None:
                course.organisation = self.organisation
        course.title = parsed.display_name[:200] or key
        course.summary = summary
        course.language = (parsed.language or "en")[:12]
        course.save()
        return course, created

    def module(self, course: Course, parsed: olx.Module, position: int) -> Module:
        key = str(parsed.key)
        self.seen["module"].add(key)
        module, _ = Module.all_objects.update_or_create(
            course=course,
            olx_key=key,
            defaults={"title": parsed.display_name[:200] or key, "position": position},
        )
        return module

    def lesson(self, course: Course, module: Module, parsed: olx.Lesson, position: int) -> None:
        key = str(parsed.key)
        self.seen["lesson"].add(key)
        lesson = Lesson.all_objects.filter(course=course, olx_key=key).first() or Lesson(
            course=course, olx_key=key
        )
        lesson.module = module
        lesson.position = position
        lesson.title = parsed.display_name[:200] or key
        if lesson.pk is None:
            lesson.save()  # data: images are stored as this lesson's images, so it needs a key
        self.current_lesson = lesson
        parts: list[str] = []
        items: list[tuple[int, olx.Quiz | olx.Placeholder]] = []
        for item in parsed.content:
            if isinstance(item, olx.Heading):
                parts.append(html_to_markdown(f"<h2>{escape(item.text)}</h2>"))
            elif isinstance(item, olx.HtmlText):
                parts.append(self.markdown(item.html))
            else:
                kind = "quiz" if isinstance(item, olx.Quiz) else "placeholder"
                parts.append(content_marker(kind, str(item.key)))
                items.append((len(items) + 1, item))
        lesson.body = "\n".join(part for part in parts if part)
        lesson.save()
        for position_in_lesson, item in items:
            if isinstance(item, olx.Quiz):
                self.quiz(course, lesson, item, position_in_lesson)
            else:
                self.placeholder(course, lesson, item, position_in_lesson)

    def placeholder(
        self, course: Course, lesson: Lesson, parsed: olx.Placeholder, position: int
    ) -> None:
        key = str(parsed.key)
        self.seen["placeholder"].add(key)
        Placeholder.all_objects.update_or_create(
            course=course,
            olx_key=key,
            defaults={
                "lesson": lesson,
                "position": position,
                "block_type": parsed.category[:100],
                "display_name": parsed.display_name[:300],
                "reason": parsed.reason,
                "links": [{"label": link.label, "url": link.url} for link in parsed.links],
            },
        )

    def quiz(self, course: Course, lesson: Lesson, parsed: olx.Quiz, position: int) -> None:
        key = str(parsed.key)
        self.seen["quiz"].add(key)
        explanations = [parsed.explanation_html] + [q.explanation_html for q in parsed.questions]
        quiz, _ = Quiz.all_objects.update_or_create(
            course=course,
            olx_key=key,
            defaults={
                "lesson": lesson,
                "position": position,
                "title": parsed.display_name[:200] or key,
                "intro": self.markdown(parsed.intro_html),
                "explanation": self.markdown("".join(text for text in explanations if text)),
                "hints": [hint for hint in map(self.markdown, parsed.hints) if hint.strip()],
                "source_type": parsed.kind[:60],
                "pass_mark": IMPORTED_PASS_MARK,
                "max_attempts": parsed.max_attempts or 0,  # Kuza's 0 is "no limit"
            },
        )
        # Keys follow the export's order, so a re-import keeps every translation in place.
        quiz_questions_replace(
            quiz=quiz,
            questions=[
                replace(self.question(q), unit_key=position)
                for position, q in enumerate(parsed.questions, start=1)
            ],
        )

    def question(self, parsed: olx.Question) -> QuestionInput:
        # The label, description and text in the order the export has them.
        common = {"prompt": self.markdown(parsed.question_html)}
        if isinstance(parsed, olx.ChoiceQuestion):
            correct = sum(choice.correct for choice in parsed.choices)
            several = parsed.allows_several_answers or correct != 1
            return QuestionInput(
                kind="multiple" if several else "single",
                options=tuple(
                    OptionInput(
                        text=_plain(choice.html)[:1000] or "—",
                        correct=choice.correct,
                        feedback=_plain(choice.feedback_when_selected),
                        feedback_unselected=_plain(choice.feedback_when_unselected),
                    )
                    for choice in parsed.choices
                ),
                combination_feedback=tuple(
                    {
                        "options": [position + 1 for position in item.choice_positions],
                        "feedback": _plain(item.feedback),
                    }
                    for item in parsed.combination_feedback
                ),
                **common,
            )
        if isinstance(parsed, olx.DropdownQuestion):
            correct = sum(option.correct for option in parsed.options)
            return QuestionInput(
                kind="single" if correct == 1 else "multiple",
                options=tuple(
                    OptionInput(
                        text=option.text[:1000] or "—",
                        correct=option.correct,
                        feedback=_plain(option.feedback),
                    )
                    for option in parsed.options
                ),
                **common,
            )
        if isinstance(parsed, olx.TextQuestion):
            return QuestionInput(
                kind="text",
                accepted_answers=tuple(answer.text for answer in parsed.accepted),
                case_sensitive=parsed.case_sensitive,
                regex=parsed.regex,
                wrong_answer_feedback={
                    item.text: _plain(item.feedback) for item in parsed.wrong_answer_feedback
                },
                correct_feedback=_plain(parsed.accepted[0].feedback) if parsed.accepted else "",
                answer_unit=parsed.unit[:100],
                **common,
            )
        tolerance = parsed.tolerance or _DEFAULT_TOLERANCE
        return QuestionInput(
            kind="numeric",
            numeric_answer=parsed.answer,
            tolerance=tolerance.amount,
            tolerance_kind=tolerance.kind,
            correct_feedback=_plain(parsed.correct_feedback),
            answer_unit=parsed.unit[:100],
            **common,
        )

    def archive_and_restore(self, course: Course) -> tuple[dict, dict]:
        """Archive imported content the export no longer holds; restore what came back.

        Returns ({plural: [keys archived]}, {plural: [keys restored]}) for the summary.
        """
        archived: dict[str, list[str]] = {}
        restored: dict[str, list[str]] = {}
        now = timezone.now()
        for name, plural, model in (
            ("placeholder", "placeholders", Placeholder),
            ("quiz", "quizzes", Quiz),
            ("lesson", "lessons", Lesson),
            ("module", "modules", Module),
        ):
            imported = model.all_objects.filter(course=course).exclude(olx_key="")
            gone = imported.filter(archived_at__isnull=True).exclude(olx_key__in=self.seen[name])
            back = imported.filter(archived_at__isnull=False, olx_key__in=self.seen[name])
            archived[plural] = sorted(gone.values_list("olx_key", flat=True))
            restored[plural] = sorted(back.values_list("olx_key", flat=True))
            gone.update(archived_at=now)
            back.update(archived_at=None)
        return archived, restored

    def run(self) -> ImportResult:
        self.compress_data_images()
        with transaction.atomic():
            course, created = self.course()
            for module_position, parsed_module in enumerate(self.parsed.modules, start=1):
                module = self.module(course, parsed_module, module_position)
                for lesson_position, parsed_lesson in enumerate(parsed_module.lessons, start=1):
                    self.lesson(course, module, parsed_lesson, lesson_position)
            archived, restored = self.archive_and_restore(course)
            self.copy_static_files()
        summary = {
            **self.parsed.summary(),
            "kuza_course": course.slug,
            "created": created,
            "static_files_copied": self.copied,
            "data_images_stored": self.data_images_stored,
            "missing_static_file_names": list(self.parsed.missing_static_files),
            "warning_messages": list(self.parsed.warnings),
            "archived": archived,
            "restored": restored,
        }
        report = self.parsed.report_lines()
        report += [
            f"archived (gone from this export): {key}" for keys in archived.values() for key in keys
        ]
        report += [
            f"restored (back in this export): {key}" for keys in restored.values() for key in keys
        ]
        return ImportResult(course, created, summary, report)


def archive_limits() -> olx.ArchiveLimits:
    """The configured limits on export archives (KUZA_OLX_* settings)."""
    return olx.ArchiveLimits(
        archive_bytes=settings.KUZA_OLX_MAX_ARCHIVE_MB * olx.MB,
        unpacked_bytes=settings.KUZA_OLX_MAX_UNPACKED_MB * olx.MB,
        files=settings.KUZA_OLX_MAX_FILES,
        file_bytes=settings.KUZA_OLX_MAX_FILE_MB * olx.MB,
    )


def olx_import(*, path: Path, organisation=None) -> ImportResult:
    """Create or update a course from an Open edX export folder or .tar.gz; all or nothing."""
    max_data_image_bytes = settings.KUZA_OLX_MAX_DATA_IMAGE_MB * olx.MB
    with olx.open_olx_export(Path(path), archive_limits()) as root:
        parsed = olx.parse_course(root, max_data_image_bytes=max_data_image_bytes)
        importer = _Importer(parsed, root, organisation, max_data_image_bytes=max_data_image_bytes)
        return importer.run()
