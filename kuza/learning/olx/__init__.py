"""Open edX OLX course exports, parsed into plain data for `kuza import-olx`.

No Django here: the Django layer turns the returned Course into models, keyed by each
element's BlockKey so that importing the same export again updates instead of duplicating.

    with open_olx_export(path) as course_folder:
        course = parse_course(course_folder)
        ...  # copy course_folder / "static" / name for each name in course.static_files

or, when the static files are not needed, simply `parse_olx(path)`.
"""

from __future__ import annotations

from pathlib import Path

from kuza.learning.olx.archive import (
    MB,
    ArchiveLimits,
    ArchiveTooLargeError,
    UnsafeArchiveError,
    open_olx_export,
)
from kuza.learning.olx.course import OlxError, parse_course
from kuza.learning.olx.datauris import DEFAULT_MAX_BYTES as DEFAULT_MAX_DATA_IMAGE_BYTES
from kuza.learning.olx.datauris import DataImage, DataImageError
from kuza.learning.olx.model import (
    BlockKey,
    ContentItem,
    Course,
    Heading,
    HtmlText,
    Lesson,
    Link,
    Module,
    Placeholder,
    Quiz,
)
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
from kuza.learning.olx.statics import rewrite_static_urls


def parse_olx(path: Path) -> Course:
    """Parse an export folder or .tar.gz archive. Raises OlxError if it cannot be imported."""
    with open_olx_export(path) as course_folder:
        return parse_course(course_folder)


__all__ = [
    "MB",
    "AcceptedText",
    "ArchiveLimits",
    "ArchiveTooLargeError",
    "BlockKey",
    "Choice",
    "ChoiceQuestion",
    "CombinationFeedback",
    "ContentItem",
    "Course",
    "DEFAULT_MAX_DATA_IMAGE_BYTES",
    "DataImage",
    "DataImageError",
    "DropdownOption",
    "DropdownQuestion",
    "Heading",
    "HtmlText",
    "Lesson",
    "Link",
    "Module",
    "NumericalQuestion",
    "OlxError",
    "Placeholder",
    "Question",
    "Quiz",
    "TextQuestion",
    "Tolerance",
    "UnsafeArchiveError",
    "WrongTextFeedback",
    "open_olx_export",
    "parse_course",
    "parse_olx",
    "rewrite_static_urls",
]
