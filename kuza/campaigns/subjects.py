"""Who a page is about, as Wikidata says: a human or not, and their sex or gender (pure).

A wiki page is linked to its Wikidata item (page property `wikibase_item`); the item's
claims say whether it is a human (P31 "instance of" = Q5) and its sex or gender (P21).
These rules turn the claims into the four groups campaign figures report. No Django here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

HUMAN = "Q5"
INSTANCE_OF = "P31"
SEX_OR_GENDER = "P21"
# Wikidata values of P21 counted as women and as men; every other value is "other".
WOMEN = frozenset({"Q6581072", "Q1052281"})  # female, trans woman
MEN = frozenset({"Q6581097", "Q2449503"})  # male, trans man
ITEM_ID = re.compile(r"^Q[1-9][0-9]{0,11}$")


class Gender(StrEnum):
    WOMAN = "woman"
    MAN = "man"
    OTHER = "other"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Subject:
    """What a page is about: `human` from P31, `gender` from P21 (UNKNOWN for non-humans)."""

    human: bool
    gender: Gender = Gender.UNKNOWN


NOT_HUMAN = Subject(human=False)


def gender_of(values: Iterable[str]) -> Gender:
    """One group for the P21 values of an item: a woman when any value is female or trans
    woman, else a man when any is male or trans man, else other when there is any value,
    else unknown (no P21, or only "unknown value" / "no value" statements)."""
    found = set(values)
    if found & WOMEN:
        return Gender.WOMAN
    if found & MEN:
        return Gender.MAN
    return Gender.OTHER if found else Gender.UNKNOWN


def is_item_id(text: object) -> bool:
    return isinstance(text, str) and ITEM_ID.match(text) is not None


def _claim_values(claims: Mapping[str, Any], prop: str) -> list[str]:
    """Item ids a property's statements point at; deprecated statements and "unknown value"
    or "no value" snaks are left out."""
    values = []
    for statement in claims.get(prop) or []:
        if not isinstance(statement, dict) or statement.get("rank") == "deprecated":
            continue
        snak = statement.get("mainsnak") or {}
        if snak.get("snaktype") != "value":
            continue
        value = (snak.get("datavalue") or {}).get("value")
        if isinstance(value, dict):
            item = value.get("id") or (
                f"Q{value['numeric-id']}" if isinstance(value.get("numeric-id"), int) else None
            )
            if is_item_id(item):
                values.append(item)
    return values


def subject_of(entity: Mapping[str, Any]) -> Subject:
    """The subject an entity of a `wbgetentities` answer (claims only) describes."""
    claims = entity.get("claims") or {}
    if not isinstance(claims, dict):
        raise ValueError(f"claims of {entity.get('id')!r} are not an object")
    if HUMAN not in _claim_values(claims, INSTANCE_OF):
        return NOT_HUMAN
    return Subject(human=True, gender=gender_of(_claim_values(claims, SEX_OR_GENDER)))


@dataclass(frozen=True, slots=True)
class EntityAnswer:
    """One entity of a `wbgetentities` answer: `subject` None when the item does not exist
    (deleted); `redirect_to` when Wikidata answered for the item it now redirects to."""

    item: str
    subject: Subject | None
    redirect_to: str = ""


def read_entities(data: Mapping[str, Any], asked: Iterable[str]) -> list[EntityAnswer]:
    """Read a `wbgetentities` answer for the ids `asked`; raises ValueError when an asked id
    is missing from it (an answer that cannot be trusted must not be stored)."""
    entities = data.get("entities")
    if not isinstance(entities, dict):
        raise ValueError("the answer has no entities object")
    redirects = {}
    for entity in entities.values():
        source = (
            (entity or {}).get("redirects", {}).get("from") if isinstance(entity, dict) else None
        )
        if source:
            redirects[source] = entity
    answers = []
    for item in asked:
        entity = entities.get(item)
        redirect_to = ""
        if entity is None and item in redirects:
            entity = redirects[item]
            redirect_to = str(entity.get("id", ""))
        if not isinstance(entity, dict):
            raise ValueError(f"the answer says nothing about {item}")
        if "missing" in entity:
            answers.append(EntityAnswer(item, None))
        else:
            answers.append(EntityAnswer(item, subject_of(entity), redirect_to))
    return answers
