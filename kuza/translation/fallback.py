"""Show a document in a target language, unit by unit, falling back to the source.

An outdated translation (its source changed since) is still shown, flagged, as MediaWiki's
Translate does: a slightly stale sentence in the reader's language helps more than the
source language. A unit with no translation, or a blank one, shows the source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from kuza.translation.keys import KeyedUnit, Translation, is_outdated
from kuza.translation.units import Document, reassemble


class UnitState(StrEnum):
    TRANSLATED = "translated"
    OUTDATED = "outdated"
    MISSING = "missing"


class UnitMismatchError(ValueError):
    """The keyed units were not made from this document's current source."""


@dataclass(frozen=True)
class RenderedUnit:
    key: str
    state: UnitState
    text: str
    """The translation for TRANSLATED and OUTDATED units, the source text for MISSING ones."""


@dataclass(frozen=True)
class Progress:
    """How much of a text is translated.

    `percent` counts only up-to-date translations and rounds down, so 100 means nothing is
    left to do; a text with no units is complete (100).
    """

    translated: int
    outdated: int
    missing: int
    total: int = field(init=False)
    percent: int = field(init=False)

    def __post_init__(self) -> None:
        if min(self.translated, self.outdated, self.missing) < 0:
            raise ValueError(
                f"unit counts cannot be negative: translated={self.translated}, "
                f"outdated={self.outdated}, missing={self.missing}"
            )
        total = self.translated + self.outdated + self.missing
        object.__setattr__(self, "total", total)
        object.__setattr__(self, "percent", 100 * self.translated // total if total else 100)

    @property
    def is_complete(self) -> bool:
        return self.translated == self.total

    @property
    def is_partial(self) -> bool:
        """Some units show a translation and some fall back to the source language."""
        return 0 < self.missing < self.total


@dataclass(frozen=True)
class Rendering:
    text: str
    units: tuple[RenderedUnit, ...]
    progress: Progress

    @property
    def is_partial(self) -> bool:
        return self.progress.is_partial

    @property
    def outdated_keys(self) -> tuple[str, ...]:
        return tuple(unit.key for unit in self.units if unit.state == UnitState.OUTDATED)


def translate_unit(unit: KeyedUnit, translation: Translation | None) -> RenderedUnit:
    """The text to show for one unit: also usable alone for named units (quiz options)."""
    if translation is None or not translation.text.strip():
        return RenderedUnit(unit.key, UnitState.MISSING, unit.text)
    if is_outdated(translation.source_hash, unit):
        return RenderedUnit(unit.key, UnitState.OUTDATED, translation.text)
    return RenderedUnit(unit.key, UnitState.TRANSLATED, translation.text)


def progress(units: Sequence[KeyedUnit], translations: Mapping[str, Translation]) -> Progress:
    """Translation progress; translations of keys not among `units` are ignored."""
    return _count_states([translate_unit(unit, translations.get(unit.key)) for unit in units])


def _count_states(rendered: Sequence[RenderedUnit]) -> Progress:
    states = [unit.state for unit in rendered]
    return Progress(
        translated=states.count(UnitState.TRANSLATED),
        outdated=states.count(UnitState.OUTDATED),
        missing=states.count(UnitState.MISSING),
    )


def render_translation(
    document: Document, units: Sequence[KeyedUnit], translations: Mapping[str, Translation]
) -> Rendering:
    """The document with each unit translated where possible, and what was shown where.

    `units` are the keyed units of `document`, in order (from `assign_keys` on this source).
    """
    if [unit.text for unit in units] != [unit.text for unit in document.units]:
        raise UnitMismatchError(
            f"got {len(units)} keyed units for a document of {len(document.units)} units, or "
            "their texts differ: assign keys again after the source changes"
        )
    rendered = tuple(translate_unit(unit, translations.get(unit.key)) for unit in units)
    replacements = {
        index: unit.text
        for index, unit in enumerate(rendered)
        if unit.state is not UnitState.MISSING
    }
    return Rendering(
        text=reassemble(document, replacements),
        units=rendered,
        progress=_count_states(rendered),
    )
