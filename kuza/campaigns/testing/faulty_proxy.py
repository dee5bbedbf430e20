"""A reverse proxy that can make a healthy wiki look overloaded, lagged or unreachable.

Tests put it between the client and a local wiki, queue faults, and then check from the
proxy's counters that the client retried exactly as often as it should.
"""

from __future__ import annotations

import enum
import http.client
import json
import threading
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

# Headers that describe one hop of a connection, never forwarded (RFC 9110 section 7.6.1).
_HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
    }
)


class FaultKind(enum.Enum):
    HTTP_503 = "http_503"  # overloaded server or proxy, with Retry-After
    HTTP_429 = "http_429"  # "too many requests", with Retry-After
    MAXLAG = "maxlag"  # MediaWiki's own "replicas are lagged" answer (HTTP 200)
    INTERNAL_ERROR = "internal_error"  # an exception inside MediaWiki, e.g. a DB timeout
    DISCONNECT = "disconnect"  # connection closed without any answer


@dataclass(frozen=True)
class ReceivedRequest:
    method: str
    path: str  # with the query string, e.g. "/api.php?action=query&maxlag=5..."
    user_agent: str
    fault: FaultKind | None  # what the proxy answered instead of forwarding, if anything


@dataclass(frozen=True)
class Fault:
    kind: FaultKind
    retry_after: int = 1
    lag: int = 5


class FaultyProxy:
    """Forwards to `upstream` (scheme://host:port) except when a queued fault is due."""

    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        if parts.scheme != "http" or not parts.hostname or parts.port is None:
            raise ValueError(f"upstream must look like http://127.0.0.1:8080, got {upstream!r}")
        self.upstream_host: str = parts.hostname
        self.upstream_port: int = parts.port
        self._lock = threading.Lock()
        self._faults: deque[Fault] = deque()
        self.request_count = 0  # every request received
        self.fault_count = 0  # of which answered with a fault
        self.forwarded_count = 0  # of which passed to the wiki
        self.received: list[ReceivedRequest] = []  # for assertions on parameters and headers
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            # A short poll interval so close() returns at once, not after half a second.
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="faulty-proxy",
            daemon=True,
        )
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api.php"

    def fail_next(self, count: int, kind: FaultKind, *, retry_after: int = 1, lag: int = 5) -> None:
        """Answer the next `count` requests with `kind` instead of forwarding them."""
        if count < 1:
            raise ValueError(f"count must be positive, got {count}")
        with self._lock:
            self._faults.extend(Fault(kind, retry_after, lag) for _ in range(count))

    @property
    def pending_faults(self) -> int:
        with self._lock:
            return len(self._faults)

    def _take(self, method: str, path: str, user_agent: str) -> Fault | None:
        with self._lock:
            self.request_count += 1
            fault = self._faults.popleft() if self._faults else None
            if fault is None:
                self.forwarded_count += 1
            else:
                self.fault_count += 1
            kind = fault.kind if fault else None
            self.received.append(ReceivedRequest(method, path, user_agent, kind))
            return fault

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    def __enter__(self) -> FaultyProxy:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - name fixed by http.server
                self._handle()

            def do_POST(self) -> None:  # noqa: N802 - name fixed by http.server
                self._handle()

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return  # keep test output clean; the counters are the record

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                fault = proxy._take(self.command, self.path, self.headers.get("User-Agent", ""))
                if fault is None:
                    self._forward(body)
                elif fault.kind is FaultKind.DISCONNECT:
                    self.close_connection = True
                    self.connection.shutdown(2)
                elif fault.kind is FaultKind.MAXLAG:
                    self._maxlag(fault)
                elif fault.kind is FaultKind.INTERNAL_ERROR:
                    self._internal_error()
                else:
                    status = 503 if fault.kind is FaultKind.HTTP_503 else 429
                    self._send(
                        status,
                        b"<html><body>Service temporarily unavailable</body></html>",
                        [("Content-Type", "text/html"), ("Retry-After", str(fault.retry_after))],
                    )

            def _maxlag(self, fault: Fault) -> None:
                # Same shape as ApiMain::checkMaxLag in MediaWiki (formatversion=2).
                payload = {
                    "error": {
                        "code": "maxlag",
                        "info": f"Waiting for 127.0.0.1: {fault.lag} seconds lagged.",
                        "host": "127.0.0.1",
                        "lag": fault.lag,
                        "type": "db",
                        "docref": "See api.php for API usage.",
                    },
                    "servedby": "kuza-faulty-proxy",
                }
                self._send(
                    200,
                    json.dumps(payload).encode(),
                    [
                        ("Content-Type", "application/json; charset=utf-8"),
                        ("Retry-After", str(fault.retry_after)),
                        ("X-Database-Lag", str(fault.lag)),
                        ("MediaWiki-API-Error", "maxlag"),
                    ],
                )

            def _internal_error(self) -> None:
                # What ApiMain answers when a database query times out (HTTP 200).
                payload = {
                    "error": {
                        "code": "internal_api_error_DBQueryTimeoutError",
                        "info": "[kuza-proxy] Exception caught: A database query timeout "
                        "has occurred.",
                        "errorclass": "Wikimedia\\Rdbms\\DBQueryTimeoutError",
                    },
                    "servedby": "kuza-faulty-proxy",
                }
                self._send(
                    200,
                    json.dumps(payload).encode(),
                    [
                        ("Content-Type", "application/json; charset=utf-8"),
                        ("MediaWiki-API-Error", "internal_api_error_DBQueryTimeoutError"),
                    ],
                )

            def _forward(self, body: bytes | None) -> None:
                upstream = http.client.HTTPConnection(
                    proxy.upstream_host, proxy.upstream_port, timeout=60
                )
                try:
                    headers = {
                        k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP
                    }
                    upstream.request(self.command, self.path, body=body, headers=headers)
                    answer = upstream.getresponse()
                    content = answer.read()
                    # A list, not a dict: a login answer carries several Set-Cookie headers.
                    passed = [
                        (k, v) for k, v in answer.getheaders() if k.lower() not in _HOP_BY_HOP
                    ]
                except OSError as exc:
                    # The wiki behind is down: say so the way a real gateway would.
                    self._send(502, f"upstream unreachable: {exc}".encode(), [])
                    return
                finally:
                    upstream.close()
                self._send(answer.status, content, passed)

            def _send(self, status: int, content: bytes, headers: list[tuple[str, str]]) -> None:
                self.send_response(status)
                for key, value in headers:
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

        return Handler
