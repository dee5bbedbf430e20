"""Turn Action API JSON items (formatversion=2) into Kuza's frozen dataclasses.

Every parser raises BadResponseError naming the item, so a wiki that answers in an
unexpected shape (an old MediaWiki, a broken proxy) fails loudly, not with a KeyError.
"""

from __future__ import annotations

from kuza.campaigns.mediawiki.models import (
    LogEvent,
    RecentChange,
    Revision,
    RevisionStub,
    UserInfo,
    parse_timestamp,
)
from kuza.campaigns.mediawiki.transport import BadResponseError, JsonObject


def revision(api_url: str, item: JsonObject, is_redirect: bool | None) -> Revision:
    try:
        return Revision(
            wiki=api_url,
            revid=int(item["revid"]),
            parentid=int(item["parentid"]),
            page_id=int(item["pageid"]),
            namespace=int(item["ns"]),
            title=str(item["title"]),
            user=str(item.get("user", "")),
            user_id=int(item.get("userid", 0)),
            timestamp=parse_timestamp(item["timestamp"]),
            comment=str(item.get("comment", "")),
            size=int(item["size"]),
            sizediff=int(item["sizediff"]) if "sizediff" in item else None,
            # `new` is MediaWiki's own flag; parentid 0 says the same for old servers.
            is_new=bool(item.get("new", False)) or int(item["parentid"]) == 0,
            is_minor=bool(item.get("minor", False)),
            is_redirect=is_redirect,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise BadResponseError(f"{api_url}: unexpected usercontribs item {item!r}") from exc


def recent_change(api_url: str, item: JsonObject) -> RecentChange:
    try:
        is_log = item["type"] == "log"
        return RecentChange(
            wiki=api_url,
            rcid=int(item["rcid"]),
            kind=str(item["type"]),
            namespace=int(item["ns"]),
            title=str(item["title"]),
            page_id=int(item.get("pageid", 0)),
            revid=int(item.get("revid", 0)),
            old_revid=int(item.get("old_revid", 0)),
            user=str(item.get("user", "")),
            is_anonymous=bool(item.get("anon", False)),
            timestamp=parse_timestamp(item["timestamp"]),
            comment=str(item.get("comment", "")),
            old_size=int(item.get("oldlen", 0)),
            new_size=int(item.get("newlen", 0)),
            is_bot=bool(item.get("bot", False)),
            is_new=bool(item.get("new", False)),
            is_minor=bool(item.get("minor", False)),
            is_redirect=bool(item.get("redirect", False)),
            log_type=str(item["logtype"]) if is_log and "logtype" in item else None,
            log_action=str(item["logaction"]) if is_log and "logaction" in item else None,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise BadResponseError(f"{api_url}: unexpected recentchanges item {item!r}") from exc


def user_info(api_url: str, item: JsonObject) -> UserInfo:
    try:
        registration = item.get("registration")
        exists = not item.get("missing", False) and not item.get("invalid", False)
        return UserInfo(
            wiki=api_url,
            name=str(item["name"]),
            exists=exists,
            is_valid_name=not item.get("invalid", False),
            user_id=int(item["userid"]) if "userid" in item else None,
            registration=parse_timestamp(registration) if registration else None,
            edit_count=int(item["editcount"]) if "editcount" in item else None,
            groups=tuple(str(group) for group in item.get("groups", ())),
            blocked="blockid" in item,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise BadResponseError(f"{api_url}: unexpected list=users item {item!r}") from exc


def revision_stub(api_url: str, page_id: int, item: JsonObject) -> RevisionStub:
    try:
        return RevisionStub(
            wiki=api_url,
            revid=int(item["revid"]),
            parentid=int(item["parentid"]),
            page_id=int(page_id),
            timestamp=parse_timestamp(item["timestamp"]),
            user=str(item.get("user", "")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise BadResponseError(f"{api_url}: unexpected revisions item {item!r}") from exc


# Revision deletion bits (MediaWiki's RevisionRecord::DELETED_*): text 1, comment 2, user 4.
# A revision whose text or author is hidden is deleted as far as a campaign is concerned;
# a hidden summary alone leaves the edit standing.
_TEXT_OR_USER_HIDDEN = 1 | 4


def log_event(api_url: str, item: JsonObject) -> LogEvent:
    try:
        params = item.get("params") or {}
        new_visibility = params.get("new") or {}
        target_title = params.get("target_title")
        return LogEvent(
            wiki=api_url,
            logid=int(item["logid"]),
            log_type=str(item["type"]),
            action=str(item["action"]),
            page_id=int(item.get("logpage", 0)),
            namespace=int(item.get("ns", 0)),
            title=str(item.get("title", "")),
            timestamp=parse_timestamp(item["timestamp"]),
            revids=tuple(int(revid) for revid in params.get("ids", ())),
            revisions_hidden=bool(int(new_visibility.get("bitmask", 0)) & _TEXT_OR_USER_HIDDEN),
            target_namespace=int(params["target_ns"]) if "target_ns" in params else None,
            target_title=str(target_title) if target_title is not None else None,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BadResponseError(f"{api_url}: unexpected logevents item {item!r}") from exc
