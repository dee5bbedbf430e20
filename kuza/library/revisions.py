"""Revision snapshots of resources, and what changed between two of them (pure)."""

from __future__ import annotations

from collections.abc import Mapping

SNAPSHOT_FIELDS = (
    "kind",
    "title",
    "summary",
    "body",
    "url",
    "licence",
    "last_checked",
    "file",
    "duration_minutes",
    "transcript",
    "language",
    "level",
    "audience",
    "status",
    "review_note",
)


def snapshot_of(resource, skills: list[str]) -> dict:
    """Every field a reader or curator cares about, as JSON-ready values."""
    values = {}
    for name in SNAPSHOT_FIELDS:
        value = getattr(resource, name)
        if name == "file":
            value = value.name if value else ""
        elif name == "last_checked" and value is not None:
            value = value.isoformat()
        values[name] = value
    values["skills"] = sorted(skills)
    return values


def changed_fields(before: Mapping | None, after: Mapping) -> list[str]:
    """Names of the fields whose values differ, in a stable order; all of them at first."""
    if before is None:
        return [name for name, value in after.items() if value not in ("", None, [])]
    names = list(after) + [name for name in before if name not in after]
    return [name for name in names if before.get(name) != after.get(name)]
