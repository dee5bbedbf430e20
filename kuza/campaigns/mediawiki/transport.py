"""HTTP transport for the MediaWiki Action API: polite, retrying, counted.

Why plain `requests` rather than mwclient: mwclient hides continuation inside its list
iterators, so a caller cannot persist the `continue` values of the last page it stored and
resume from them after a crash; its sleeper backs off linearly on a hard-wired `time.sleep`
and treats HTTP 429 like any other error. Campaign syncs need exactly those three things
(resumable cursors, Retry-After-driven waits, an injectable clock for tests), and what is
left of a client once they are written is a thin layer over a `requests.Session`.

Etiquette followed (https://www.mediawiki.org/wiki/API:Etiquette):
- a descriptive User-Agent with contact details on every request;
- `maxlag` on every request, waiting as long as the server says before trying again;
- requests are serial (one in flight per transport), never parallel;
- `Retry-After` is honoured on 429/503, otherwise exponential backoff with full jitter;
  the same goes for `internal_api_error_*` answers (exceptions inside MediaWiki, usually
  database timeouts) while other API errors are raised at once, as retrying cannot help.
"""

from __future__ import annotations

import email.utils
import logging
import random
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from typing import Any

import requests

logger = logging.getLogger(__name__)

JsonObject = dict[str, Any]
ParamValue = str | int

# Statuses worth retrying: the server or a proxy in front of it is overloaded or restarting.
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})


class MediaWikiError(Exception):
    """Base class of every error this client raises."""


class ApiError(MediaWikiError):
    """The API answered with an error object that retrying will not fix (bad parameter...)."""

    def __init__(self, api_url: str, code: str, info: str) -> None:
        super().__init__(f"{api_url}: MediaWiki API error {code!r}: {info}")
        self.api_url = api_url
        self.code = code
        self.info = info


class RetriesExhaustedError(MediaWikiError):
    """The wiki stayed unavailable (lagged, overloaded, unreachable) for every attempt."""

    def __init__(self, api_url: str, attempts: int, last_problem: str) -> None:
        super().__init__(f"{api_url}: gave up after {attempts} attempts; last: {last_problem}")
        self.api_url = api_url
        self.attempts = attempts
        self.last_problem = last_problem


class BadResponseError(MediaWikiError):
    """The server answered 200 with something that is not an Action API JSON object."""


def build_user_agent(contact: str, *, product: str = "Kuza", version: str | None = None) -> str:
    """A User-Agent in the form Wikimedia asks for: `product/version (contact) library/version`.

    `contact` is a URL or e-mail address where the operators of a wiki can reach whoever
    runs this Kuza instance; Wikimedia blocks clients without one.
    """
    if not contact.strip():
        raise ValueError("contact must be a URL or e-mail address, e.g. 'https://kuza.example'")
    if version is None:
        try:
            version = metadata.version("kuza")
        except metadata.PackageNotFoundError:
            version = "0+unknown"
    return f"{product}/{version} ({contact.strip()}) python-requests/{requests.__version__}"


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try before giving up on one API call.

    `max_attempts` counts the first try, so 1 means "never retry".
    """

    max_attempts: int = 6
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    # A Retry-After longer than this is clamped: a sync job should fail and be rescheduled
    # rather than hold a worker for an hour because a proxy said so.
    retry_after_max: float = 120.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, got {self.max_attempts}")
        if self.backoff_base <= 0 or self.backoff_max < self.backoff_base:
            raise ValueError(
                "need 0 < backoff_base <= backoff_max, got "
                f"{self.backoff_base} and {self.backoff_max}"
            )


class ApiTransport:
    """Sends Action API requests with retries; one instance may serve many wikis.

    `sleep` and `random` are injectable so tests can observe the waits without waiting.
    """

    def __init__(
        self,
        user_agent: str,
        *,
        maxlag: int = 5,
        retry: RetryPolicy | None = None,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        random_fraction: Callable[[], float] = random.random,
        session: requests.Session | None = None,
    ) -> None:
        if not user_agent.strip():
            raise ValueError("user_agent must identify the client, see build_user_agent()")
        if maxlag < 0:
            raise ValueError(f"maxlag must be >= 0 seconds, got {maxlag}")
        self.user_agent = user_agent
        self.maxlag = maxlag
        self.retry = retry or RetryPolicy()
        self.timeout = timeout
        self._sleep = sleep
        self._random_fraction = random_fraction
        self._session = session or requests.Session()
        self._session.headers["User-Agent"] = user_agent
        # Every HTTP request sent, retries included: what a wiki operator would count.
        self.request_count = 0
        self.requests_per_wiki: Counter[str] = Counter()
        self.retry_count = 0

    def close(self) -> None:
        self._session.close()

    def get(self, api_url: str, params: Mapping[str, ParamValue]) -> JsonObject:
        """GET one Action API request and return the decoded JSON, retrying transient faults."""
        full_params: dict[str, ParamValue] = {
            **params,
            "format": "json",
            "formatversion": "2",
            "maxlag": self.maxlag,
        }
        last_problem = "no attempt made"
        for attempt in range(1, self.retry.max_attempts + 1):
            if attempt > 1:
                self.retry_count += 1
            self.request_count += 1
            self.requests_per_wiki[api_url] += 1
            try:
                response = self._session.get(api_url, params=full_params, timeout=self.timeout)
            except (requests.ConnectionError, requests.Timeout) as exc:
                last_problem = f"{type(exc).__name__}: {exc}"
                self._wait(api_url, attempt, None, last_problem)
                continue
            if response.status_code in RETRYABLE_STATUSES:
                last_problem = f"HTTP {response.status_code}"
                self._wait(api_url, attempt, self._retry_after(response), last_problem)
                continue
            if response.status_code != 200:
                raise BadResponseError(
                    f"{api_url}: HTTP {response.status_code} is not an API answer; "
                    "is this the URL of api.php?"
                )
            data = self._decode(api_url, response)
            error = data.get("error")
            if isinstance(error, dict) and error.get("code") == "maxlag":
                last_problem = f"maxlag: {error.get('info', '')}"
                # MediaWiki sends Retry-After with maxlag errors; the reported lag is a
                # sensible floor when a proxy stripped the header.
                wait = self._retry_after(response)
                if wait is None and isinstance(error.get("lag"), int | float):
                    wait = max(1.0, float(error["lag"]))
                self._wait(api_url, attempt, wait, last_problem)
                continue
            if isinstance(error, dict) and str(error.get("code", "")).startswith(
                "internal_api_error_"
            ):
                # An exception inside MediaWiki, on Wikimedia usually a database timeout or
                # a lost connection: transient, so worth the same backoff as an HTTP 5xx.
                last_problem = f"{error.get('code')}: {error.get('info', '')}"
                self._wait(api_url, attempt, self._retry_after(response), last_problem)
                continue
            if isinstance(error, dict):
                raise ApiError(api_url, str(error.get("code")), str(error.get("info", "")))
            for module, warning in data.get("warnings", {}).items():
                logger.warning("%s: API warning from %s: %s", api_url, module, warning)
            return data
        raise RetriesExhaustedError(api_url, self.retry.max_attempts, last_problem)

    def _decode(self, api_url: str, response: requests.Response) -> JsonObject:
        try:
            data = response.json()
        except ValueError as exc:
            raise BadResponseError(
                f"{api_url}: response is not JSON (content-type "
                f"{response.headers.get('Content-Type')!r}); is this the URL of api.php?"
            ) from exc
        if not isinstance(data, dict):
            raise BadResponseError(f"{api_url}: expected a JSON object, got {type(data).__name__}")
        return data

    def _retry_after(self, response: requests.Response) -> float | None:
        """Seconds the server asked us to wait, from either form of Retry-After."""
        value = response.headers.get("Retry-After")
        if value is None:
            return None
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            logger.warning("ignoring unparseable Retry-After header %r", value)
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return max(0.0, (when - datetime.now(UTC)).total_seconds())

    def _wait(self, api_url: str, attempt: int, retry_after: float | None, problem: str) -> None:
        if attempt >= self.retry.max_attempts:
            return  # the loop ends and reports; sleeping first would only delay the error
        if retry_after is not None:
            # The server knows best; its value is used as is so that a cluster of clients
            # does not come back sooner than asked.
            delay = min(retry_after, self.retry.retry_after_max)
        else:
            ceiling = min(self.retry.backoff_max, self.retry.backoff_base * 2 ** (attempt - 1))
            # Full jitter: spreads clients that failed together across the whole window.
            delay = ceiling * self._random_fraction()
        logger.info(
            "%s: %s; retry %d/%d in %.2fs",
            api_url,
            problem,
            attempt,
            self.retry.max_attempts - 1,
            delay,
        )
        self._sleep(delay)
