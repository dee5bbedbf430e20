"""Placeholders for blocks Kuza cannot represent, with whatever lets an author replace them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from xml.etree.ElementTree import Element

from kuza.learning.olx.blocks import Block
from kuza.learning.olx.model import Link, Placeholder

# What each known Open edX block is, so the report tells authors what they are replacing.
_DESCRIPTIONS = {
    "annotatable": "an annotation exercise",
    "conditional": "content shown only after another block is completed",
    "discussion": "an inline discussion forum",
    "done": "a 'mark as done' button",
    "drag-and-drop-v2": "a drag and drop exercise",
    "edx_sga": "a staff-graded assignment upload",
    "library_content": "a random selection from a content library",
    "lti": "an external tool launched over LTI",
    "lti_consumer": "an external tool launched over LTI",
    "openassessment": "an open response assessment graded by peers or staff",
    "poll": "a poll",
    "split_test": "content split between learner groups for an A/B test",
    "staffgradedxblock": "points awarded by staff",
    "survey": "a survey",
    "video": "a video player",
    "word_cloud": "a word cloud",
}


def unsupported_block(block: Block) -> Placeholder:
    block_type = block.key.block_type
    description = _DESCRIPTIONS.get(block_type)
    if description is None:
        reason = f"<{block_type}> is a custom XBlock Kuza does not support"
    else:
        reason = f"Kuza has no equivalent of <{block_type}>, {description}"
    details = _details(block)
    if details:
        reason = f"{reason} ({details})"
    return Placeholder(
        key=block.key,
        display_name=_display_name(block),
        category=block_type,
        reason=reason,
        links=_links(block),
    )


def _display_name(block: Block) -> str:
    if block.display_name:
        return block.display_name
    # Open response assessments name themselves in a <title> child, not an attribute.
    title = block.element.find("title")
    if title is not None and (title.text or "").strip():
        return title.text.strip()
    return block.key.block_type


def _details(block: Block) -> str:
    attributes = block.attributes
    if block.key.block_type == "library_content":
        source = attributes.get("source_library_id", "an unnamed library")
        count = attributes.get("max_count", "?")
        return f"shows {count} of {len(block.element)} problems from {source}"
    if block.key.block_type == "discussion" and attributes.get("discussion_target"):
        return f"topic: {attributes['discussion_target']}"
    if block.key.block_type in {"conditional", "split_test"}:
        return f"{len(block.element)} child blocks not imported"
    return ""


def _links(block: Block) -> tuple[Link, ...]:
    attributes = block.attributes
    if block.key.block_type == "video":
        return _video_links(block.element, attributes)
    links = [
        Link("Launch URL", attributes[name].strip())
        for name in ("launch_url", "lti_1p3_launch_url")
        if attributes.get(name, "").strip()
    ]
    return tuple(links)


def _video_links(element: Element, attributes: Mapping[str, str]) -> tuple[Link, ...]:
    urls: list[tuple[str, str]] = []
    youtube_id = attributes.get("youtube_id_1_0", "").strip() or _normal_speed_youtube_id(
        attributes.get("youtube", "")
    )
    if youtube_id:
        urls.append(("YouTube", f"https://www.youtube.com/watch?v={youtube_id}"))
    for source in _html5_sources(attributes.get("html5_sources", "")):
        urls.append(("Video file", source))
    for source_element in element.iter("source"):
        if source_element.get("src", "").strip():
            urls.append(("Video file", source_element.get("src", "").strip()))
    # The same file is often listed both in html5_sources and as a <source> child.
    seen: set[str] = set()
    links = []
    for label, url in urls:
        if url not in seen:
            seen.add(url)
            links.append(Link(label, url))
    return tuple(links)


def _normal_speed_youtube_id(youtube: str) -> str:
    # Old exports list one YouTube id per playback speed: "0.75:abc,1.00:def,1.50:ghi".
    for entry in youtube.split(","):
        speed, _, video_id = entry.partition(":")
        if speed.strip() in {"1.0", "1.00"} and video_id.strip():
            return video_id.strip()
    return ""


def _html5_sources(value: str) -> list[str]:
    try:
        sources = json.loads(value) if value.strip() else []
    except ValueError:
        return []
    if not isinstance(sources, list):
        return []
    return [source.strip() for source in sources if isinstance(source, str) and source.strip()]
