"""Resolving OLX blocks: pointer tags, `:` sub-folders and policy.json overrides.

An OLX block is written either inline (the element holds the definition) or as a pointer:
`<chapter url_name="intro"/>`, with no other attribute and no content, means "the definition is
in chapter/intro.xml". A `:` in url_name stands for a sub-folder ("week1:intro" ->
chapter/week1/intro.xml). Attributes in policies/<run>/policy.json, keyed "chapter/intro",
take precedence over the XML, as they do in Open edX.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element

from kuza.learning.olx.markup import XmlReadError, parse_xml
from kuza.learning.olx.model import BlockKey


class BlockReadError(Exception):
    """A file of the export could not be read; the message names it. The import fails."""


@dataclass(frozen=True)
class Block:
    key: BlockKey
    element: Element  # the definition, wherever it was written
    attributes: Mapping[str, str]  # XML attributes with policy.json overrides applied
    source: str  # export-relative file holding the definition, for messages

    @property
    def display_name(self) -> str:
        return self.attributes.get("display_name", "").strip()

    @property
    def location(self) -> str:
        """For messages: the block's own file, or which file the block is written inside."""
        own_file = f"{self.key.block_type}/{self.key.url_name.replace(':', '/')}.xml"
        return own_file if self.source == own_file else f"{self.key} in {self.source}"

    def flag(self, name: str) -> bool:
        return self.attributes.get(name, "").strip().lower() == "true"


def is_pointer(element: Element) -> bool:
    return (
        set(element.attrib) == {"url_name"}
        and len(element) == 0
        and not (element.text or "").strip()
    )


def definition_path(block_type: str, url_name: str) -> PurePosixPath:
    """Where a pointer's definition lives, refusing names that would leave the export."""
    parts = url_name.split(":")
    if any(part in {"", ".", ".."} or "/" in part or "\\" in part for part in parts):
        raise BlockReadError(f"{block_type}: url_name {url_name!r} is not a valid OLX name")
    *folders, name = parts
    return PurePosixPath(block_type, *folders, f"{name}.xml")


def safe_relative_path(relative: str) -> PurePosixPath:
    path = PurePosixPath(relative)
    if not relative or path.is_absolute() or ".." in path.parts or "\\" in relative:
        raise BlockReadError(f"{relative!r} is not a path inside the export")
    return path


class OlxReader:
    """Reads files of one unpacked export and turns elements into resolved Blocks."""

    def __init__(self, root: Path, policy: Mapping[str, Mapping[str, object]]) -> None:
        self.root = root
        self._policy = policy

    def read_bytes(self, relative: PurePosixPath) -> bytes:
        path = self.root / relative
        if not path.is_file():
            raise BlockReadError(f"{relative}: file is missing")
        return path.read_bytes()

    def read_text(self, relative: PurePosixPath) -> str:
        """The file as UTF-8; undecodable bytes (often a file cut mid-character) fail it."""
        data = self.read_bytes(relative)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BlockReadError(f"{relative}: not valid UTF-8 ({error.reason})") from error

    def read_xml(self, relative: PurePosixPath) -> Element:
        try:
            return parse_xml(self.read_bytes(relative))
        except XmlReadError as error:
            raise BlockReadError(f"{relative}: {error}") from error

    def resolve(self, element: Element, parent: Block, position: int) -> Block:
        """The Block for a child element of `parent`, following it if it is a pointer."""
        block_type = element.tag
        if is_pointer(element):
            url_name = element.attrib["url_name"]
            relative = definition_path(block_type, url_name)
            definition = self.read_xml(relative)
            source = str(relative)
        else:
            # Open edX invents a url_name for inline blocks without one; a name built from the
            # parent and position keeps re-imports of an unchanged course idempotent.
            url_name = element.get("url_name") or f"{parent.key.url_name}_{block_type}_{position}"
            definition = element
            source = parent.source
        key = BlockKey(block_type, url_name)
        return Block(key, definition, self.attributes(key, definition), source)

    def attributes(self, key: BlockKey, definition: Element) -> dict[str, str]:
        merged = dict(definition.attrib)
        for name, value in self._policy.get(str(key), {}).items():
            merged[name] = _policy_value(value)
        return merged


def _policy_value(value: object) -> str:
    # policy.json holds JSON values where XML holds strings; spell them the XML way so both
    # sources read alike ("true", not "True").
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True)


def load_policy(root: Path, run: str) -> tuple[dict[str, Mapping[str, object]], list[str]]:
    """policies/<run>/policy.json as {"type/url_name": {attribute: value}}, plus warnings."""
    relative = PurePosixPath("policies", run, "policy.json")
    path = root / relative
    if not path.is_file():
        return {}, []
    try:
        data = json.loads(path.read_bytes())
    except (ValueError, UnicodeDecodeError) as error:
        raise BlockReadError(f"{relative}: not valid JSON ({error})") from error
    if not isinstance(data, dict):
        raise BlockReadError(f"{relative}: expected a JSON object")
    policy: dict[str, Mapping[str, object]] = {}
    warnings = []
    for key, attributes in data.items():
        if isinstance(attributes, dict):
            policy[key] = attributes
        else:
            warnings.append(f"{relative}: entry {key!r} is not an object; ignored")
    return policy, warnings
