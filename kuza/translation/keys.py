"""Stable unit keys, and whether a translation still matches its source.

Translations are stored per unit key, so a key must follow its unit through edits made
elsewhere in the text. Like the `<!--T:n-->` markers of MediaWiki's Translate extension,
keys are a per-field counter ("1", "2", ...), but they live beside the source instead of in
it: each save aligns the new units with the previous ones.

Alignment, in order of confidence:
1. units whose normalised text is unchanged keep their key, in document order (difflib's
   matching blocks over the hash sequences, so an insertion or deletion shifts nothing);
2. unchanged units that moved keep their key too;
3. an edited unit keeps the key of the most similar leftover previous unit, if similar
   enough (see `SIMILARITY_THRESHOLD`); its translations become outdated through the hash,
   and its status says EDITED;
4. everything else gets a fresh key above `last_minted`, so a deleted unit's key is never
   handed to different text (its old translations must not resurface on it).
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum

from kuza.translation.units import EmptyUnitError, Unit, UnitKind, normalise_source, source_hash

# Below this difflib ratio an edit is treated as new text: a translation of the old text
# would mislead more than it helps.
SIMILARITY_THRESHOLD = 0.6
# Every unmatched old unit is compared with every unmatched new one while that is cheap
# (ordinary edits). Past that (a wholesale rewrite), a new unit is compared only with the
# old units within _SEARCH_WINDOW places of where it would be if the changes were spread
# evenly, which bounds the work.
_FULL_COMPARISON_LIMIT = 400
_SEARCH_WINDOW = 5
# Texts up to this length are compared character by character; longer ones word by word,
# which is much cheaper and still tells an edit from a rewrite.
_CHARACTER_COMPARISON_LIMIT = 80
# Scripts written without spaces: each character counts as a word, or a one-character
# edit would change the whole "word" that is really a sentence.
_WORD = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\u9fff\uf900-\ufaff]|\w+|[^\w\s]"
)
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
_HASH = re.compile(r"[0-9a-f]{32}")

UNCONFIRMED_SOURCE_HASH = ""
"""Source hash of a translation nobody has confirmed against any source: always outdated."""


class UnitKeyError(ValueError):
    """A unit key is malformed, duplicated or could be reused."""


class UnitStatus(StrEnum):
    UNCHANGED = "unchanged"
    EDITED = "edited"
    NEW = "new"


def _check_key(key: str) -> None:
    if not _KEY.fullmatch(key):
        raise UnitKeyError(
            f"unit key {key!r} must be 1-64 letters, digits or '_.:-', starting with a letter "
            "or digit"
        )


@dataclass(frozen=True)
class KeyedUnit:
    """A unit with its stable key; `source_hash` is what translations are checked against."""

    key: str
    text: str
    kind: UnitKind
    source_hash: str = field(init=False)

    def __post_init__(self) -> None:
        _check_key(self.key)
        if not self.text.strip():
            raise EmptyUnitError(f"unit {self.key!r} needs text to translate")
        object.__setattr__(self, "source_hash", source_hash(self.text))


@dataclass(frozen=True)
class Translation:
    """A translated text and the hash of the source text it was made from."""

    text: str
    source_hash: str

    def __post_init__(self) -> None:
        if self.source_hash != UNCONFIRMED_SOURCE_HASH and not _HASH.fullmatch(self.source_hash):
            raise ValueError(
                f"source hash {self.source_hash!r} is not one made by source_hash() nor "
                "UNCONFIRMED_SOURCE_HASH"
            )


def is_outdated(translation_source_hash: str, unit: KeyedUnit) -> bool:
    """Whether a translation made from a source with this hash needs review for `unit`."""
    return translation_source_hash != unit.source_hash


def named_units(texts: Mapping[str, str], kind: UnitKind = UnitKind.PLAIN) -> tuple[KeyedUnit, ...]:
    """Units with caller-chosen keys, for structured content such as a quiz.

    e.g. named_units({"question": ..., "option:1": ..., "feedback:1": ...}); blank texts are
    left out, as there is nothing to translate.
    """
    return tuple(KeyedUnit(key, text, kind) for key, text in texts.items() if text.strip())


@dataclass(frozen=True)
class KeyAssignment:
    """Keys for the current units, in document order, and what happened to each."""

    units: tuple[KeyedUnit, ...]
    statuses: tuple[UnitStatus, ...]
    removed_keys: tuple[str, ...]
    last_minted: int
    """Highest key number ever minted for this field: store it, pass it to the next call."""

    def keys_with_status(self, status: UnitStatus) -> tuple[str, ...]:
        return tuple(
            unit.key
            for unit, unit_status in zip(self.units, self.statuses, strict=True)
            if unit_status == status
        )


def assign_keys(
    previous: Sequence[KeyedUnit], current: Sequence[Unit], *, last_minted: int
) -> KeyAssignment:
    """Give each current unit the key of the previous unit it continues, or a fresh one.

    `previous` are the units of the last saved version, in order; `last_minted` is the
    `KeyAssignment.last_minted` stored with them (0 for a new field). The result depends
    only on the arguments.
    """
    _check_previous(previous, last_minted)
    old_hashes = [unit.source_hash for unit in previous]
    new_hashes = [unit.source_hash for unit in current]
    matcher = SequenceMatcher(None, old_hashes, new_hashes, autojunk=False)
    matches: dict[int, int] = {}  # current index -> previous index
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            matches[block.b + offset] = block.a + offset
    _match_moved(old_hashes, new_hashes, matches)
    edited = _match_edited(previous, current, matches)
    matches.update(edited)

    units = []
    statuses = []
    for index, unit in enumerate(current):
        if index in matches:
            key = previous[matches[index]].key
            statuses.append(UnitStatus.EDITED if index in edited else UnitStatus.UNCHANGED)
        else:
            last_minted += 1
            key = str(last_minted)
            statuses.append(UnitStatus.NEW)
        units.append(KeyedUnit(key, unit.text, unit.kind))
    kept = set(matches.values())
    removed = tuple(unit.key for index, unit in enumerate(previous) if index not in kept)
    return KeyAssignment(tuple(units), tuple(statuses), removed, last_minted)


def _check_previous(previous: Sequence[KeyedUnit], last_minted: int) -> None:
    if last_minted < 0:
        raise UnitKeyError(f"last_minted must be 0 or more, got {last_minted}")
    seen = set()
    for unit in previous:
        if unit.key in seen:
            raise UnitKeyError(f"unit key {unit.key!r} appears twice in the previous units")
        seen.add(unit.key)
        if unit.key.isdigit() and int(unit.key) > last_minted:
            raise UnitKeyError(
                f"previous unit key {unit.key!r} is above last_minted={last_minted}: a fresh "
                "key could collide with it; pass the last_minted stored with these units"
            )


def _match_moved(old_hashes: list[str], new_hashes: list[str], matches: dict[int, int]) -> None:
    matched_old = set(matches.values())
    unmatched_old: dict[str, deque[int]] = defaultdict(deque)
    for index, text_hash in enumerate(old_hashes):
        if index not in matched_old:
            unmatched_old[text_hash].append(index)
    for index, text_hash in enumerate(new_hashes):
        if index not in matches and unmatched_old[text_hash]:
            matches[index] = unmatched_old[text_hash].popleft()


def _match_edited(
    previous: Sequence[KeyedUnit], current: Sequence[Unit], matches: dict[int, int]
) -> dict[int, int]:
    matched_old = set(matches.values())
    old_indices = [index for index in range(len(previous)) if index not in matched_old]
    new_indices = [index for index in range(len(current)) if index not in matches]
    candidates = sorted(_similar_pairs(previous, current, old_indices, new_indices))
    edited: dict[int, int] = {}
    taken_old: set[int] = set()
    for _negated_score, _distance, new_index, old_index in candidates:
        if new_index not in edited and old_index not in taken_old:
            edited[new_index] = old_index
            taken_old.add(old_index)
    return edited


def _similar_pairs(
    previous: Sequence[KeyedUnit],
    current: Sequence[Unit],
    old_indices: list[int],
    new_indices: list[int],
) -> Iterator[tuple[float, float, int, int]]:
    """(-similarity, distance from the diagonal, new index, old index) of likely edits."""
    if not old_indices or not new_indices:
        return
    compare_all = len(old_indices) * len(new_indices) <= _FULL_COMPARISON_LIMIT
    stretch = len(old_indices) / len(new_indices)
    for new_position, new_index in enumerate(new_indices):
        expected = new_position * stretch
        for old_position, old_index in enumerate(old_indices):
            distance = abs(old_position - expected)
            if distance > _SEARCH_WINDOW and not compare_all:
                continue
            score = _similarity_if_close(previous[old_index].text, current[new_index].text)
            if score is not None:
                yield (-score, distance, new_index, old_index)


def _similarity_if_close(old_text: str, new_text: str) -> float | None:
    """difflib ratio of the normalised texts when it reaches SIMILARITY_THRESHOLD."""
    old_text, new_text = normalise_source(old_text), normalise_source(new_text)
    if max(len(old_text), len(new_text)) <= _CHARACTER_COMPARISON_LIMIT:
        old_items: Sequence[str] = old_text
        new_items: Sequence[str] = new_text
    else:
        old_items, new_items = _WORD.findall(old_text), _WORD.findall(new_text)
    matcher = SequenceMatcher(None, old_items, new_items, autojunk=False)
    # The cheap upper bounds skip the full comparison for obviously different texts.
    if matcher.real_quick_ratio() < SIMILARITY_THRESHOLD:
        return None
    if matcher.quick_ratio() < SIMILARITY_THRESHOLD:
        return None
    score = matcher.ratio()
    return score if score >= SIMILARITY_THRESHOLD else None
