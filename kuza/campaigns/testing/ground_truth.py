"""What a local wiki really holds, read straight from its SQLite database.

Tests compare the API client's output with this, so it must not go through the API. Only
namespace *names* (configuration, not data) come from siteinfo, to build display titles.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class TruthRevision:
    revid: int
    parentid: int
    page_id: int
    namespace: int
    title: str  # display form with localised namespace, like the API's
    user: str
    user_id: int
    timestamp: datetime
    comment: str
    size: int
    sizediff: int
    is_minor: bool
    page_is_redirect: bool  # the page's current state, as prop=info reports it
    text_or_user_hidden: bool = False  # hidden by an administrator (revision deletion)


@dataclass(frozen=True)
class TruthChange:
    """One row of the recentchanges table."""

    rcid: int
    kind: str  # "edit", "new" or "log", the names the API uses for rc_type 0, 1 and 3
    namespace: int
    title: str
    user: str
    timestamp: datetime
    revid: int
    is_bot: bool
    log_type: str | None


@dataclass(frozen=True)
class TruthUser:
    user_id: int
    name: str
    registration: datetime | None
    edit_count: int
    groups: tuple[str, ...]  # explicit groups only (e.g. "bot", "sysop")


def _mw_time(value: str | bytes | None) -> datetime | None:
    if value is None:
        return None
    text = value.decode() if isinstance(value, bytes) else value
    return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def _text(value: str | bytes | None) -> str:
    if value is None:
        return ""
    return value.decode() if isinstance(value, bytes) else value


def _display_title(namespaces: Mapping[int, str], namespace: int, db_key: str | bytes) -> str:
    title = _text(db_key).replace("_", " ")
    return f"{namespaces[namespace]}:{title}" if namespace != 0 else title


def _connect(db_path: Path) -> sqlite3.Connection:
    if not db_path.is_file():
        raise FileNotFoundError(f"no wiki database at {db_path}")
    # Read-only, so a test can never corrupt the wiki it is checking.
    return sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)


def _has_table(connection: sqlite3.Connection, name: str) -> bool:
    row = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


_REVISIONS_SQL = """
SELECT r.rev_id, r.rev_parent_id, r.rev_page, p.page_namespace, p.page_title,
       a.actor_name, a.actor_user, r.rev_timestamp, c.comment_text, r.rev_len,
       parent.rev_len, r.rev_minor_edit, p.page_is_redirect, r.rev_deleted
FROM revision r
JOIN page p ON p.page_id = r.rev_page
JOIN actor a ON a.actor_id = r.rev_actor
LEFT JOIN comment c ON c.comment_id = r.rev_comment_id
LEFT JOIN revision parent ON parent.rev_id = r.rev_parent_id
ORDER BY r.rev_timestamp, r.rev_id
"""

_REVISIONS_LEGACY_SQL = """
SELECT r.rev_id, r.rev_parent_id, r.rev_page, p.page_namespace, p.page_title,
       a.actor_name, a.actor_user, r.rev_timestamp, c.comment_text, r.rev_len,
       parent.rev_len, r.rev_minor_edit, p.page_is_redirect, r.rev_deleted
FROM revision r
JOIN page p ON p.page_id = r.rev_page
JOIN actor a ON a.actor_id = r.rev_actor
LEFT JOIN revision_comment_temp t ON t.revcomment_rev = r.rev_id
LEFT JOIN comment c ON c.comment_id =
    CASE WHEN r.rev_comment_id != 0 THEN r.rev_comment_id ELSE t.revcomment_comment_id END
LEFT JOIN revision parent ON parent.rev_id = r.rev_parent_id
ORDER BY r.rev_timestamp, r.rev_id
"""


def read_revisions(db_path: Path, namespaces: Mapping[int, str]) -> tuple[TruthRevision, ...]:
    """All revisions, oldest first (timestamp, then id, as MediaWiki orders them)."""
    with closing(_connect(db_path)) as connection:
        # MediaWiki 1.39 (Debian 12) still writes edit summaries through
        # revision_comment_temp and leaves rev_comment_id at 0; later versions fill
        # rev_comment_id and drop the temp table.
        legacy = _has_table(connection, "revision_comment_temp")
        rows = connection.execute(_REVISIONS_LEGACY_SQL if legacy else _REVISIONS_SQL).fetchall()
    revisions = []
    for row in rows:
        (revid, parentid, page_id, ns, db_key, user, user_id, ts, comment, size) = row[:10]
        parent_size, minor, redirect, deleted = row[10:]
        title = _display_title(namespaces, ns, db_key)
        timestamp = _mw_time(ts)
        if timestamp is None:
            raise ValueError(f"revision {revid} has no timestamp; is {db_path} corrupt?")
        revisions.append(
            TruthRevision(
                revid=revid,
                parentid=parentid,
                page_id=page_id,
                namespace=ns,
                title=title,
                user=_text(user),
                user_id=user_id or 0,
                timestamp=timestamp,
                comment=_text(comment),
                size=size,
                sizediff=size - (parent_size or 0),
                is_minor=bool(minor),
                page_is_redirect=bool(redirect),
                # rev_deleted bits: 1 text, 2 summary, 4 user name, 8 from administrators too.
                text_or_user_hidden=bool((deleted or 0) & 5),
            )
        )
    return tuple(revisions)


_RC_KINDS = {0: "edit", 1: "new", 3: "log", 5: "external", 6: "categorize"}


def read_recent_changes(db_path: Path, namespaces: Mapping[int, str]) -> tuple[TruthChange, ...]:
    """All recent changes, oldest first (timestamp, then id)."""
    with closing(_connect(db_path)) as connection:
        rows = connection.execute(
            "SELECT rc.rc_id, rc.rc_type, rc.rc_namespace, rc.rc_title, a.actor_name, "
            "rc.rc_timestamp, rc.rc_this_oldid, rc.rc_bot, rc.rc_log_type "
            "FROM recentchanges rc JOIN actor a ON a.actor_id = rc.rc_actor "
            "ORDER BY rc.rc_timestamp, rc.rc_id"
        ).fetchall()
    changes = []
    for rcid, rc_type, ns, db_key, user, ts, revid, bot, log_type in rows:
        timestamp = _mw_time(ts)
        if timestamp is None:
            raise ValueError(f"recent change {rcid} has no timestamp; is {db_path} corrupt?")
        changes.append(
            TruthChange(
                rcid=rcid,
                kind=_RC_KINDS.get(rc_type, str(rc_type)),
                namespace=ns,
                title=_display_title(namespaces, ns, db_key),
                user=_text(user),
                timestamp=timestamp,
                revid=revid or 0,
                is_bot=bool(bot),
                log_type=_text(log_type) or None,
            )
        )
    return tuple(changes)


def read_users(db_path: Path) -> tuple[TruthUser, ...]:
    """All registered accounts, by user id."""
    with closing(_connect(db_path)) as connection:
        users = connection.execute(
            "SELECT user_id, user_name, user_registration, user_editcount FROM user "
            "ORDER BY user_id"
        ).fetchall()
        groups: dict[int, list[str]] = {}
        for user_id, group in connection.execute(
            "SELECT ug_user, ug_group FROM user_groups ORDER BY ug_group"
        ):
            groups.setdefault(user_id, []).append(_text(group))
    return tuple(
        TruthUser(
            user_id=user_id,
            name=_text(name),
            registration=_mw_time(registration),
            edit_count=edit_count or 0,
            groups=tuple(groups.get(user_id, ())),
        )
        for user_id, name, registration, edit_count in users
    )
