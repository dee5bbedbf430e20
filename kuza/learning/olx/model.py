"""The result of parsing an OLX export: a course tree that maps one-to-one onto Kuza's models.

Mapping (see course.py for why): chapter -> Module, sequential -> Lesson, and each lesson's
`content` is the ordered sequence of its verticals' children, with every vertical's name as a
Heading. Every element carries its OLX BlockKey (block type, url_name), which stays the same
across re-exports of a course, so the Django layer can create-or-update by key and importing
the same export twice changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kuza.learning.olx.datauris import DataImage
from kuza.learning.olx.questions import Question


@dataclass(frozen=True, order=True)
class BlockKey:
    block_type: str
    url_name: str

    def __str__(self) -> str:
        # The same spelling policy.json uses for its keys, e.g. "chapter/intro".
        return f"{self.block_type}/{self.url_name}"


@dataclass(frozen=True)
class Heading:
    """A vertical's display name, shown above that vertical's items in the lesson."""

    key: BlockKey
    text: str


@dataclass(frozen=True)
class HtmlText:
    key: BlockKey
    display_name: str
    html: str  # raw HTML from the export: the Django layer sanitises it before storing
    static_files: tuple[str, ...]  # names under the export's static/ folder, e.g. "img/a.png"


@dataclass(frozen=True)
class Quiz:
    """One Open edX problem. A problem can ask several questions (one per response field)."""

    key: BlockKey
    display_name: str
    # The problem's own text outside its questions. Questions nested inside other markup
    # (e.g. dropdowns in table cells) are replaced by "[n]", n being the question's 1-based
    # position, so the layout still says which question goes where.
    intro_html: str
    questions: tuple[Question, ...]
    explanation_html: str
    hints: tuple[str, ...]  # Open edX demand hints, revealed one at a time on request
    static_files: tuple[str, ...]
    # Submissions allowed: the problem's own max_attempts, else the nearest enclosing block's
    # (vertical, sequential, chapter, course), as Open edX inherits it; None for no limit.
    max_attempts: int | None = None

    @property
    def kind(self) -> str:
        """The response type shared by all questions, or "mixed"."""
        types = {question.response_type for question in self.questions}
        return types.pop() if len(types) == 1 else "mixed"


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Placeholder:
    """A block Kuza cannot represent, kept in its place so authors see what to replace."""

    key: BlockKey
    display_name: str
    # The block type, or for problems "problem:<response types>" so the report says which
    # kinds of problem were not imported.
    category: str
    reason: str
    links: tuple[Link, ...] = ()


ContentItem = Heading | HtmlText | Quiz | Placeholder


@dataclass(frozen=True)
class Lesson:
    key: BlockKey
    display_name: str
    graded: bool
    content: tuple[ContentItem, ...]


@dataclass(frozen=True)
class Module:
    key: BlockKey
    display_name: str
    lessons: tuple[Lesson, ...]


@dataclass(frozen=True)
class Course:
    key: BlockKey  # ("course", run)
    org: str
    number: str  # Open edX's "course" attribute, e.g. "DemoX"
    display_name: str
    language: str
    short_description: str
    overview_html: str
    modules: tuple[Module, ...]
    # Every /static/ name the imported content refers to, and those absent from static/.
    static_files: tuple[str, ...]
    missing_static_files: tuple[str, ...]
    # Problems found along the way that did not stop the import, each naming its file.
    warnings: tuple[str, ...] = ()
    # Distinct images embedded as data: URIs in the imported HTML, each checked (datauris.py).
    data_images: tuple[DataImage, ...] = ()

    def lessons(self) -> Iterator[Lesson]:
        for module in self.modules:
            yield from module.lessons

    def content_items(self) -> Iterator[ContentItem]:
        for lesson in self.lessons():
            yield from lesson.content

    def quizzes(self) -> list[Quiz]:
        return [item for item in self.content_items() if isinstance(item, Quiz)]

    def placeholders(self) -> list[Placeholder]:
        return [item for item in self.content_items() if isinstance(item, Placeholder)]

    def summary(self) -> dict[str, object]:
        """The counts `kuza import-olx` prints; plain JSON types only."""
        quizzes = self.quizzes()
        placeholders = self.placeholders()
        questions = [question for quiz in quizzes for question in quiz.questions]
        return {
            "course": str(self.key),
            "display_name": self.display_name,
            "modules": len(self.modules),
            "lessons": sum(1 for _ in self.lessons()),
            "html_blocks": sum(1 for item in self.content_items() if isinstance(item, HtmlText)),
            "quizzes": len(quizzes),
            "quizzes_by_type": _sorted_counts(quiz.kind for quiz in quizzes),
            "questions_by_type": _sorted_counts(question.response_type for question in questions),
            "placeholders": len(placeholders),
            "placeholders_by_type": _sorted_counts(item.category for item in placeholders),
            "static_files": len(self.static_files),
            "missing_static_files": len(self.missing_static_files),
            "data_images": len(self.data_images),
            "warnings": len(self.warnings),
        }

    def report_lines(self) -> list[str]:
        """One line per thing an author must look at after the import."""
        lines = [
            f"placeholder {item.key} ({item.display_name}): {item.reason}"
            + "".join(f"; {link.label}: {link.url}" for link in item.links)
            for item in self.placeholders()
        ]
        lines += [f"missing static file: {name}" for name in self.missing_static_files]
        lines += [f"warning: {warning}" for warning in self.warnings]
        return lines


def _sorted_counts(values: Iterable[str]) -> dict[str, int]:
    # Sorted so the printed summary is stable from one run to the next.
    return dict(sorted(Counter(values).items()))
