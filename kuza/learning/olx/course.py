"""Walking an unpacked OLX export into a Course.

How Open edX's levels map onto Kuza's:

    course                -> Course
    chapter (section)     -> Module
    sequential (subsection) -> Lesson
    vertical (unit)       -> a Heading inside the lesson, followed by the unit's blocks
    html                  -> HtmlText;  problem -> Quiz;  anything else -> Placeholder

A lesson per sequential rather than per vertical: the sequential is what a learner opens from
the course outline and works through in one sitting, and it is where Open edX keeps grading
("graded", "format"). Verticals are the steps inside it and are often a single video or
paragraph: the Open edX demo course has 58 verticals in 17 sequentials, so a lesson per
vertical would cut lessons into fragments and lose the grouping authors chose. Keeping the
vertical names as headings keeps that structure visible inside the lesson.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element

from kuza.learning.olx.blocks import (
    Block,
    BlockReadError,
    OlxReader,
    definition_path,
    load_policy,
    safe_relative_path,
)
from kuza.learning.olx.datauris import DEFAULT_MAX_BYTES, DataImage, DataImageError, data_images
from kuza.learning.olx.markup import XmlReadError, element_html, inner_html, parse_xml
from kuza.learning.olx.model import (
    BlockKey,
    ContentItem,
    Course,
    Heading,
    HtmlText,
    Lesson,
    Module,
    Placeholder,
)
from kuza.learning.olx.placeholders import unsupported_block
from kuza.learning.olx.problems import parse_problem
from kuza.learning.olx.statics import missing_static_files, static_references

# Course children that configure the course rather than hold content.
_COURSE_SETTINGS_TAGS = frozenset({"wiki"})


class OlxError(Exception):
    """The export cannot be imported at all (as opposed to a warning about one block)."""


def parse_course(root: Path, *, max_data_image_bytes: int = DEFAULT_MAX_BYTES) -> Course:
    """Parse the unpacked export whose top folder (the one holding course.xml) is `root`.

    All or nothing: a file that cannot be read (missing, cut short, malformed, not UTF-8)
    fails the whole export with an OlxError naming it. Skipping it instead would make a
    re-import treat everything in that file as gone from the course. So does a `data:` image
    that is not an accepted image or is larger than `max_data_image_bytes` (datauris.py).
    """
    try:
        return _CourseWalker(root, max_data_image_bytes).course()
    except BlockReadError as error:
        raise OlxError(f"cannot import this export: {error}") from error


class _CourseWalker:
    def __init__(self, root: Path, max_data_image_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = root
        self.max_data_image_bytes = max_data_image_bytes
        self.data_images: dict[str, DataImage] = {}
        self.warnings: list[str] = []
        self.static_names: set[str] = set()
        self.seen_keys: set[BlockKey] = set()
        self.reader = OlxReader(root, {})

    def course(self) -> Course:
        pointer = self._course_xml()
        run = pointer.get("url_name", "").strip()
        if not run:
            raise OlxError("course.xml: <course> has no url_name, so the course run is unknown")
        policy, policy_warnings = load_policy(self.root, run)
        self.warnings.extend(policy_warnings)
        self.reader = OlxReader(self.root, policy)
        key = BlockKey("course", run)
        definition, source = self._course_definition(pointer, key)
        # org and course number are written on course.xml's element, not in the definition.
        attributes = {**pointer.attrib, **self.reader.attributes(key, definition)}
        course = Block(key, definition, attributes, source)
        modules = tuple(self._modules(course, self._max_attempts(course, None)))
        short_description = " ".join(self._about_text("short_description").split())
        overview_html = self._about_text("overview").strip()
        self.static_names.update(static_references(overview_html))
        return Course(
            key=key,
            org=attributes.get("org", ""),
            number=attributes.get("course", ""),
            display_name=course.display_name or attributes.get("course", "") or run,
            language=attributes.get("language", ""),
            short_description=short_description,
            overview_html=overview_html,
            modules=modules,
            static_files=tuple(sorted(self.static_names)),
            missing_static_files=missing_static_files(self.root, self.static_names),
            warnings=tuple(self.warnings),
            data_images=tuple(self.data_images.values()),
        )

    def _course_xml(self) -> Element:
        path = self.root / "course.xml"
        if not path.is_file():
            raise OlxError(f"{self.root}: no course.xml, so this is not an Open edX course export")
        try:
            pointer = parse_xml(path.read_bytes())
        except XmlReadError as error:
            raise OlxError(f"course.xml: {error}") from error
        if pointer.tag != "course":
            raise OlxError(f"course.xml: the root element is <{pointer.tag}>, not <course>")
        return pointer

    def _course_definition(self, pointer: Element, key: BlockKey) -> tuple[Element, str]:
        if len(pointer):
            return pointer, "course.xml"
        relative = definition_path("course", key.url_name)
        try:
            return self.reader.read_xml(relative), str(relative)
        except BlockReadError as error:
            raise OlxError(f"the course definition cannot be read: {error}") from error

    def _about_text(self, name: str) -> str:
        relative = PurePosixPath("about", f"{name}.html")
        if not (self.root / relative).is_file():
            return ""
        return self.reader.read_text(relative)

    def _resolve(self, element: Element, parent: Block, position: int) -> Block:
        block = self.reader.resolve(element, parent, position)
        if block.key in self.seen_keys:
            # Kuza keys imported items by (type, url_name); a reused block would be one item.
            self.warnings.append(f"{parent.source}: {block.key} is used more than once")
        self.seen_keys.add(block.key)
        return block

    def _max_attempts(self, block: Block, inherited: int | None) -> int | None:
        """The block's max_attempts if it sets one, else the one it inherits.

        Open edX treats max_attempts as an inherited setting: a problem without one takes its
        unit's, subsection's, section's or the course's ("Maximum Attempts" in Advanced
        Settings). Unset is spelled "" or "null" (policy.json's JSON null).
        """
        raw = block.attributes.get("max_attempts", "").strip()
        if raw in {"", "null", "None"}:
            return inherited
        try:
            value = int(raw)
        except ValueError:
            value = -1
        if value < 0:
            self.warnings.append(
                f"{block.location}: max_attempts {raw!r} is not a whole number; ignored"
            )
            return inherited
        if value == 0:
            # Open edX closes a problem allowing 0 attempts; Kuza's 0 means "no limit".
            self.warnings.append(
                f"{block.location}: max_attempts 0 (closed in Open edX) imported as no limit"
            )
            return None
        return value

    def _modules(self, course: Block, max_attempts: int | None) -> list[Module]:
        modules = []
        for position, element in enumerate(course.element):
            if element.tag in _COURSE_SETTINGS_TAGS:
                continue
            if element.tag != "chapter":
                self.warnings.append(
                    f"{course.source}: <{element.tag}> in the course is not a chapter; skipped"
                )
                continue
            chapter = self._resolve(element, course, position)
            lessons = self._lessons(chapter, self._max_attempts(chapter, max_attempts))
            modules.append(Module(chapter.key, _title(chapter), tuple(lessons)))
        return modules

    def _lessons(self, chapter: Block, max_attempts: int | None) -> list[Lesson]:
        lessons = []
        for position, element in enumerate(chapter.element):
            if element.tag != "sequential":
                self.warnings.append(
                    f"{chapter.source}: <{element.tag}> in {chapter.key} is not a sequential; "
                    "skipped"
                )
                continue
            sequential = self._resolve(element, chapter, position)
            lessons.append(
                Lesson(
                    key=sequential.key,
                    display_name=_title(sequential),
                    graded=sequential.flag("graded"),
                    content=tuple(
                        self._content(sequential, self._max_attempts(sequential, max_attempts))
                    ),
                )
            )
        return lessons

    def _content(self, container: Block, max_attempts: int | None) -> list[ContentItem]:
        items: list[ContentItem] = []
        for position, element in enumerate(container.element):
            block = self._resolve(element, container, position)
            if block.key.block_type == "vertical":
                if block.display_name:
                    items.append(Heading(block.key, block.display_name))
                items.extend(self._content(block, self._max_attempts(block, max_attempts)))
            elif block.key.block_type == "html":
                items.append(self._html(block))
            elif block.key.block_type == "problem":
                quiz_or_placeholder, warnings = parse_problem(
                    block, max_attempts=self._max_attempts(block, max_attempts)
                )
                self.warnings.extend(warnings)
                if not isinstance(quiz_or_placeholder, Placeholder):
                    self.static_names.update(quiz_or_placeholder.static_files)
                    self._collect_data_images(element_html(block.element), block.source)
                items.append(quiz_or_placeholder)
            else:
                items.append(unsupported_block(block))
        return items

    def _html(self, block: Block) -> HtmlText | Placeholder:
        filename = block.attributes.get("filename", "").strip()
        if filename:
            # html/intro.xml with filename="intro" keeps its HTML in html/intro.html.
            name = filename if filename.endswith(".html") else f"{filename}.html"
            try:
                html = self.reader.read_text(PurePosixPath("html") / safe_relative_path(name))
            except BlockReadError as error:
                raise BlockReadError(f"{block.source}: {error}") from error
        else:
            html = inner_html(block.element)
        references = static_references(html)
        self.static_names.update(references)
        self._collect_data_images(html, f"html/{name}" if filename else block.source)
        return HtmlText(block.key, block.display_name, html, references)

    def _collect_data_images(self, html: str, source: str) -> None:
        try:
            images = data_images(html, max_bytes=self.max_data_image_bytes, source=source)
        except DataImageError as error:
            raise BlockReadError(f"{source}: {error}") from error
        for image in images:
            self.data_images.setdefault(image.digest, image)


def _title(block: Block) -> str:
    # Open edX shows the url_name when a section has no display name; so does Kuza.
    return block.display_name or block.key.url_name
