"""A scripted wiki user: account creation, login, edits and uploads over real HTTP.

Deliberately separate from `kuza.campaigns.mediawiki`: the fixtures that create the data a
test checks must not share code with the client under test, or a bug in one could hide in
the other.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

import requests

USER_AGENT = "KuzaTestHarness/0.1 (local test wikis only) python-requests"
# MediaWiki wants a return URL for its multi-step auth flows even when no browser follows it.
_RETURN_URL = "http://127.0.0.1/"


class WikiActionError(RuntimeError):
    """A write through the API did not succeed; the message has MediaWiki's answer."""


@dataclass(frozen=True)
class EditResult:
    revid: int
    page_id: int
    title: str
    timestamp: datetime
    is_new: bool


@dataclass(frozen=True)
class UploadResult:
    title: str  # the File page, with the wiki's localised namespace, e.g. "Fichier:Dot.png"
    timestamp: datetime
    sha1: str


def tiny_png(seed: int = 0) -> bytes:
    """A valid 1x1 RGB PNG whose colour comes from `seed`, so each upload is a new file."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        checksum = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", checksum)

    red, green, blue = seed & 0xFF, (seed >> 8) & 0xFF, (seed >> 16) & 0xFF
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8-bit truecolour
    pixels = zlib.compress(bytes([0, red, green, blue]))  # filter byte 0, then one pixel
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _parse_time(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


class WikiSession:
    """One cookie jar on one wiki; anonymous until `login`."""

    def __init__(self, api_url: str) -> None:
        self.api_url = api_url
        self.username: str | None = None
        self._http = requests.Session()
        self._http.headers["User-Agent"] = USER_AGENT
        self._csrf: str | None = None

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> WikiSession:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- raw calls -----------------------------------------------------------------------

    def get(self, **params: Any) -> dict[str, Any]:
        answer = self._http.get(
            self.api_url, params={**params, "format": "json", "formatversion": "2"}, timeout=60
        )
        return self._decode(answer, params)

    def post(
        self,
        files: dict[str, tuple[str, bytes, str]] | None = None,
        headers: dict[str, str] | None = None,
        **params: Any,
    ) -> dict[str, Any]:
        answer = self._http.post(
            self.api_url,
            data={**params, "format": "json", "formatversion": "2"},
            files=files,
            headers=headers,
            timeout=60,
        )
        return self._decode(answer, params)

    def _decode(self, answer: requests.Response, params: dict[str, Any]) -> dict[str, Any]:
        action = params.get("action")
        if answer.status_code != 200:
            raise WikiActionError(f"{action}: HTTP {answer.status_code}: {answer.text[:500]}")
        data: dict[str, Any] = answer.json()
        if "error" in data:
            raise WikiActionError(f"{action} failed on {self.api_url}: {data['error']}")
        return data

    def _token(self, kind: str) -> str:
        tokens = self.get(action="query", meta="tokens", type=kind)["query"]["tokens"]
        return str(tokens[f"{kind}token"])

    # -- accounts ------------------------------------------------------------------------

    def create_account(self, username: str, password: str, *, at: datetime | None = None) -> None:
        """Register `username`; `at` back-dates the registration (and its log entry)."""
        result = self.post(
            headers=self._time_headers(at),
            action="createaccount",
            username=username,
            password=password,
            retype=password,
            createreturnurl=_RETURN_URL,
            createtoken=self._token("createaccount"),
        )["createaccount"]
        if result.get("status") != "PASS":
            raise WikiActionError(f"could not create {username!r}: {result}")

    def login(self, username: str, password: str) -> None:
        result = self.post(
            action="clientlogin",
            username=username,
            password=password,
            loginreturnurl=_RETURN_URL,
            logintoken=self._token("login"),
        )["clientlogin"]
        if result.get("status") != "PASS":
            raise WikiActionError(f"could not log in as {username!r}: {result}")
        self.username = str(result["username"])
        self._csrf = None  # tokens are per session; the anonymous one is now useless

    # -- writes --------------------------------------------------------------------------

    def _csrf_token(self) -> str:
        if self._csrf is None:
            self._csrf = self._token("csrf")
        return self._csrf

    @staticmethod
    def _time_headers(at: datetime | None) -> dict[str, str] | None:
        if at is None:
            return None
        if at.tzinfo is None:
            raise ValueError("`at` must be timezone-aware")
        # Read by LocalSettings.kuza-test.php, which makes MediaWiki use this as "now".
        return {"X-Kuza-Fake-Time": str(int(at.timestamp()))}

    def edit(
        self,
        title: str,
        text: str,
        summary: str,
        *,
        minor: bool = False,
        bot: bool = False,
        create_only: bool = False,
        at: datetime | None = None,
    ) -> EditResult:
        """Save `text` as the new content of `title`; `at` back-dates the edit.

        `bot` flags the edit as a bot edit, which MediaWiki honours only for accounts with
        the bot right (as on real wikis, where bots choose per edit).
        """
        params: dict[str, Any] = {
            "action": "edit",
            "title": title,
            "text": text,
            "summary": summary,
            "token": self._csrf_token(),
        }
        if minor:
            params["minor"] = 1
        if bot:
            params["bot"] = 1
        if create_only:
            params["createonly"] = 1
        result = self.post(headers=self._time_headers(at), **params)["edit"]
        if result.get("result") != "Success" or "newrevid" not in result:
            raise WikiActionError(f"edit of {title!r} saved nothing: {result}")
        return EditResult(
            revid=int(result["newrevid"]),
            page_id=int(result["pageid"]),
            title=str(result["title"]),
            timestamp=_parse_time(result["newtimestamp"]),
            is_new=bool(result.get("new", False)),
        )

    def create_page(
        self, title: str, text: str, summary: str, *, at: datetime | None = None
    ) -> EditResult:
        return self.edit(title, text, summary, create_only=True, at=at)

    def create_redirect(
        self, title: str, target: str, summary: str, *, at: datetime | None = None
    ) -> EditResult:
        return self.edit(title, f"#REDIRECT [[{target}]]", summary, create_only=True, at=at)

    def upload(
        self,
        filename: str,
        content: bytes,
        comment: str,
        *,
        description: str = "",
        at: datetime | None = None,
    ) -> UploadResult:
        """Upload a file (creates the File page and an upload log entry)."""
        result = self.post(
            files={"file": (filename, content, "application/octet-stream")},
            headers=self._time_headers(at),
            action="upload",
            filename=filename,
            comment=comment,
            text=description or comment,
            ignorewarnings=1,
            token=self._csrf_token(),
        )["upload"]
        if result.get("result") != "Success":
            raise WikiActionError(f"upload of {filename!r} failed: {result}")
        info = result["imageinfo"]
        return UploadResult(
            title=str(info["canonicaltitle"]),
            timestamp=_parse_time(info["timestamp"]),
            sha1=str(info["sha1"]),
        )

    def delete(self, title: str, reason: str, *, at: datetime | None = None) -> int:
        """Delete a page (administrators only); returns the deletion's log id."""
        result = self.post(
            headers=self._time_headers(at),
            action="delete",
            title=title,
            reason=reason,
            token=self._csrf_token(),
        )["delete"]
        return int(result["logid"])

    def move(self, title: str, to: str, reason: str, *, at: datetime | None = None) -> None:
        """Rename a page, leaving no redirect behind (administrators may choose so)."""
        result = self.post(
            headers=self._time_headers(at),
            action="move",
            to=to,
            reason=reason,
            noredirect=1,
            token=self._csrf_token(),
            **{"from": title},
        )["move"]
        if "to" not in result:
            raise WikiActionError(f"move of {title!r} failed: {result}")

    def hide_revisions(
        self, title: str, revids: list[int], reason: str, *, at: datetime | None = None
    ) -> None:
        """Hide revisions' text (revision deletion; administrators only)."""
        result = self.post(
            headers=self._time_headers(at),
            action="revisiondelete",
            type="revision",
            target=title,
            ids="|".join(str(revid) for revid in revids),
            hide="content",
            reason=reason,
            token=self._csrf_token(),
        )["revisiondelete"]
        if result.get("status") != "Success":
            raise WikiActionError(f"hiding revisions {revids} of {title!r} failed: {result}")

    # -- reads ---------------------------------------------------------------------------

    def namespace_names(self) -> dict[int, str]:
        data = self.get(action="query", meta="siteinfo", siprop="namespaces")
        return {int(ns["id"]): str(ns["name"]) for ns in data["query"]["namespaces"].values()}
