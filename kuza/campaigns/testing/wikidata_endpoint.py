"""A local `api.php` answering `wbgetentities` from real Wikidata rows (Humaniki extracts).

Wikidata itself cannot be reached from tests, so this serves the humans of
`shared/data/humaniki/denelezh_humans_500.tsv` (real items with their real P21 value) in
Wikidata's own JSON shape: P31 = Q5 and P21 claims, `"missing"` for any other id. Like
Wikidata it refuses more than 50 ids in a request, and it answers `maxlag` with a real maxlag
error when told to. It records each request's parameters and User-Agent so tests can check
the client's etiquette, and may be told to fail, to test a collection that stops half way.

Optionally it also plays a wiki's `prop=pageprops` for given pages (`pages`), for the
benchmark, which needs 10,000 linked articles faster than a real wiki can be filled.
No Django here.
"""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

MAX_IDS = 50


@dataclass(frozen=True)
class HumanRow:
    """One row of denelezh_humans_500.tsv: item number and the item number of its P21."""

    item: str  # "Q42"
    gender: str  # "Q6581097", or "" when the row has none


def read_humans(folder: Path) -> list[HumanRow]:
    with (folder / "denelezh_humans_500.tsv").open(encoding="utf-8", newline="") as handle:
        return [
            HumanRow(f"Q{row['id']}", f"Q{row['gender']}" if row["gender"].strip() else "")
            for row in csv.DictReader(handle, delimiter="\t")
        ]


def read_labels(folder: Path) -> dict[str, str]:
    with (folder / "denelezh_label_500.tsv").open(encoding="utf-8", newline="") as handle:
        return {f"Q{row['id']}": row["label"] for row in csv.DictReader(handle, delimiter="\t")}


def read_sitelinks(folder: Path) -> dict[str, set[str]]:
    links: dict[str, set[str]] = {}
    path = folder / "denelezh_human_sitelink_500.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            links.setdefault(f"Q{row['human']}", set()).add(row["sitelink"])
    return links


def _item_claim(prop: str, item: str) -> dict:
    return {
        "mainsnak": {
            "snaktype": "value",
            "property": prop,
            "datavalue": {
                "value": {"entity-type": "item", "numeric-id": int(item[1:]), "id": item},
                "type": "wikibase-entityid",
            },
            "datatype": "wikibase-item",
        },
        "type": "statement",
        "rank": "normal",
    }


def entity_json(row: HumanRow) -> dict:
    claims = {"P31": [_item_claim("P31", "Q5")]}
    if row.gender:
        claims["P21"] = [_item_claim("P21", row.gender)]
    return {"type": "item", "id": row.item, "claims": claims}


@dataclass(frozen=True)
class Received:
    params: dict[str, str]
    user_agent: str


class WikidataEndpoint:
    """`with WikidataEndpoint(rows) as wikidata:` then point the client at `wikidata.api_url`."""

    def __init__(
        self, humans: list[HumanRow], *, pages: Mapping[int, str] | None = None, port: int = 0
    ) -> None:
        self.entities = {row.item: entity_json(row) for row in humans}
        self.pages = dict(pages or {})
        self.received: list[Received] = []
        self.fail_after: int | None = None  # answer HTTP 500... once this many have passed
        self.lagged = 0  # the next n requests get a maxlag error
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def api_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/w/api.php"

    def wbgetentities_requests(self) -> list[Received]:
        return [r for r in self.received if r.params.get("action") == "wbgetentities"]

    def __enter__(self) -> WikidataEndpoint:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    def answer(self, params: dict[str, str], user_agent: str) -> tuple[int, dict]:
        with self._lock:
            self.received.append(Received(params, user_agent))
            if self.fail_after is not None:
                if self.fail_after <= 0:
                    return 500, {}
                self.fail_after -= 1
            if self.lagged and "maxlag" in params:
                self.lagged -= 1
                return 200, {
                    "error": {"code": "maxlag", "info": "Waiting for a database", "lag": 1}
                }
        if params.get("action") == "wbgetentities":
            return 200, self._entities(params)
        if params.get("action") == "query" and params.get("prop") == "pageprops":
            return 200, self._pageprops(params)
        return 200, {"error": {"code": "badvalue", "info": "not served here"}}

    def _entities(self, params: dict[str, str]) -> dict:
        ids = [item for item in params.get("ids", "").split("|") if item]
        if len(ids) > MAX_IDS:
            return {"error": {"code": "toomanyvalues", "info": f"at most {MAX_IDS} ids"}}
        if params.get("props") != "claims":
            return {"error": {"code": "badvalue", "info": "this endpoint serves claims only"}}
        missing = {item: {"id": item, "missing": ""} for item in ids}
        return {
            "entities": {item: self.entities.get(item, missing[item]) for item in ids},
            "success": 1,
        }

    def _pageprops(self, params: dict[str, str]) -> dict:
        page_ids = [int(value) for value in params.get("pageids", "").split("|") if value]
        if len(page_ids) > MAX_IDS:
            return {"error": {"code": "toomanyvalues", "info": f"at most {MAX_IDS} pages"}}
        pages = []
        for page_id in page_ids:
            if page_id not in self.pages:
                pages.append({"pageid": page_id, "missing": True})
                continue
            page: dict = {"pageid": page_id, "ns": 0, "title": f"Page {page_id}"}
            if self.pages[page_id]:
                page["pageprops"] = {"wikibase_item": self.pages[page_id]}
            pages.append(page)
        return {"batchcomplete": True, "query": {"pages": pages}}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                query = parse_qs(urlsplit(self.path).query)
                params = {key: values[-1] for key, values in query.items()}
                status, body = endpoint.answer(params, self.headers.get("User-Agent", ""))
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

        return Handler
