"""Every Kuza option, declared once with its type, default and description.

Settings read options only through this module so that the README table, `kuza check`
and the settings can never disagree about what exists.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


class ConfigError(ValueError):
    """An environment variable holds a value Kuza cannot use."""


def _parse_bool(raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ConfigError(
        f"expected a yes/no value (1, true, yes, on / 0, false, no, off), got {raw!r}"
    )


def _parse_list(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",") if item.strip()]


def _parse_int(raw: str) -> int:
    try:
        return int(raw)
    except ValueError as error:
        raise ConfigError(f"expected a whole number, got {raw!r}") from error


def _parse_optional_positive_int(raw: str) -> int | None:
    """A whole number above zero, or None (empty: Kuza chooses)."""
    if not raw.strip():
        return None
    number = _parse_int(raw.strip())
    if number < 1:
        raise ConfigError(f"expected a whole number above zero, got {raw!r}")
    return number


def _parse_rate(raw: str) -> str:
    count, _slash, period = raw.strip().partition("/")
    if not count.isdigit() or period not in {"s", "sec", "m", "min", "h", "hour", "d", "day"}:
        raise ConfigError(f"expected a rate such as 60/m (per s, m, h or d), got {raw!r}")
    return f"{int(count)}/{period}"


@dataclass(frozen=True)
class Option:
    name: str
    default: str
    description: str
    parse: Callable[[str], object] = str

    def read(self) -> object:
        raw = os.environ.get(self.name, self.default)
        try:
            return self.parse(raw)
        except ConfigError as error:
            raise ConfigError(f"{self.name}: {error}") from error


OPTIONS: tuple[Option, ...] = (
    Option(
        "KUZA_HOME",
        "var",
        "Folder for the SQLite database, secret key, uploads, "
        "collected static files and cache (relative paths are from the current folder).",
    ),
    Option(
        "KUZA_STATIC_ROOT",
        "",
        "Folder for the collected static files. Empty: `static` in `$KUZA_HOME`. Homes that share "
        "one collect and compress the files once (`kuza prepare` skips unchanged ones).",
    ),
    Option("KUZA_DEBUG", "false", "Django debug mode. Never on a public server.", _parse_bool),
    Option(
        "KUZA_SECRET_KEY",
        "",
        "Secret for signing sessions and tokens. When empty, one is "
        "generated once and kept in `$KUZA_HOME/secret_key`.",
    ),
    Option(
        "KUZA_ALLOWED_HOSTS",
        "127.0.0.1,localhost",
        "Comma-separated host names this server answers to, e.g. `kuza.example.org`.",
        _parse_list,
    ),
    Option(
        "KUZA_CSRF_TRUSTED_ORIGINS",
        "",
        "Comma-separated origins (with scheme) allowed to "
        "post forms, needed behind a proxy on another origin, e.g. "
        "`https://kuza.example.org`.",
        _parse_list,
    ),
    Option(
        "KUZA_SITE_URL",
        "",
        "Public base URL used in emails, badges, certificates and calendar feeds. "
        "Empty: the address `kuza run` serves (`http://KUZA_HOST:PORT`).",
    ),
    Option(
        "KUZA_SECURE_COOKIES",
        "false",
        "Send session and CSRF cookies only over HTTPS. "
        "Turn on whenever Kuza is served over HTTPS.",
        _parse_bool,
    ),
    Option(
        "KUZA_BEHIND_HTTPS_PROXY",
        "false",
        "Trust the proxy's `X-Forwarded-Proto` header "
        "to know a request came over HTTPS (enables HSTS and secure redirects).",
        _parse_bool,
    ),
    Option(
        "KUZA_HSTS_SECONDS",
        "31536000",
        "Strict-Transport-Security max-age, sent only on HTTPS requests. 0 disables it.",
        _parse_int,
    ),
    Option(
        "DATABASE_URL",
        "",
        "Database URL, e.g. `postgres://kuza@db/kuza`. Empty: SQLite "
        "file `$KUZA_HOME/kuza.sqlite3`.",
    ),
    Option(
        "REDIS_URL",
        "",
        "Redis URL, e.g. `redis://127.0.0.1:6379/0`. When set, background "
        "tasks go to RQ workers on Redis and the cache lives in Redis; empty: tasks are "
        "queued in the database and the cache is on disk.",
    ),
    Option("KUZA_HOST", "127.0.0.1", "Address `kuza run` listens on (`0.0.0.0` for all)."),
    Option("PORT", "8000", "Port `kuza run` listens on.", _parse_int),
    Option(
        "KUZA_WEB_WORKERS",
        "",
        "Number of gunicorn worker processes `kuza run` starts. Empty: sized for the "
        "machine, 2 per CPU core plus 1.",
        _parse_optional_positive_int,
    ),
    Option(
        "KUZA_WEB_THREADS",
        "",
        "Threads per gunicorn worker, so a request waiting on the database does not hold "
        "the others up. Empty: 4.",
        _parse_optional_positive_int,
    ),
    Option(
        "KUZA_LOAD_DEMO",
        "true",
        "Whether `kuza run` loads the demo community into an empty database.",
        _parse_bool,
    ),
    Option("KUZA_EMAIL_HOST", "", "SMTP server. Empty: emails are printed on the console."),
    Option("KUZA_EMAIL_PORT", "587", "SMTP port.", _parse_int),
    Option("KUZA_EMAIL_USER", "", "SMTP user name."),
    Option("KUZA_EMAIL_PASSWORD", "", "SMTP password."),
    Option("KUZA_EMAIL_USE_TLS", "true", "Use STARTTLS with the SMTP server.", _parse_bool),
    Option("KUZA_DEFAULT_FROM_EMAIL", "Kuza <noreply@localhost>", "Sender of Kuza's emails."),
    Option(
        "KUZA_MEDIAWIKI_CLIENT_ID",
        "",
        'OAuth 2 client id for "Log in with Wikimedia". Empty: the button is hidden.',
    ),
    Option("KUZA_MEDIAWIKI_CLIENT_SECRET", "", "OAuth 2 client secret for the same consumer."),
    Option(
        "KUZA_MEDIAWIKI_URL",
        "https://meta.wikimedia.org",
        "Base URL of the wiki that runs the OAuth extension (any MediaWiki with OAuth works).",
    ),
    Option(
        "KUZA_CERTIFICATE_FONT_DIR",
        "",
        "Folder with the Noto fonts for PDF certificates (Latin, Arabic, Ethiopic, "
        "Devanagari). Empty: the fonts Kuza ships.",
    ),
    Option(
        "KUZA_CAMPAIGN_SYNC_MINUTES",
        "60",
        "Minutes between the worker's collections of every active campaign's edits.",
        _parse_int,
    ),
    Option(
        "KUZA_CAMPAIGNS_ALLOW_PRIVATE_WIKIS",
        "false",
        "Let organisers add wikis on this machine or its network, over plain http "
        "(local test wikis). Off on a public server: Kuza would fetch from its own network.",
        _parse_bool,
    ),
    Option(
        "KUZA_WIKIDATA_API_URL",
        "https://www.wikidata.org/w/api.php",
        "Wikidata's api.php, read for what campaign pages are about (women's share).",
    ),
    Option(
        "KUZA_WIKIDATA_REFRESH_DAYS",
        "7",
        "Days before a collection reads a page's Wikidata item, and the item, again.",
        _parse_int,
    ),
    Option(
        "KUZA_OLX_MAX_ARCHIVE_MB",
        "100",
        "Largest Open edX export archive (.tar.gz) `kuza import-olx` accepts, in megabytes.",
        _parse_int,
    ),
    Option(
        "KUZA_OLX_MAX_UNPACKED_MB",
        "500",
        "Largest total size an Open edX export archive may unpack to, in megabytes.",
        _parse_int,
    ),
    Option(
        "KUZA_OLX_MAX_FILE_MB",
        "100",
        "Largest single file inside an Open edX export archive, in megabytes.",
        _parse_int,
    ),
    Option(
        "KUZA_OLX_MAX_FILES",
        "20000",
        "Most files an Open edX export archive may hold.",
        _parse_int,
    ),
    Option(
        "KUZA_OLX_MAX_DATA_IMAGE_MB",
        "5",
        "Largest image embedded as a `data:` URI in an Open edX export's HTML, in megabytes.",
        _parse_int,
    ),
    Option("KUZA_LOG_LEVEL", "INFO", "Log level: DEBUG, INFO, WARNING or ERROR."),
    Option(
        "KUZA_API_RATE_ANONYMOUS",
        "60/m",
        "API requests allowed per client address without a token, e.g. `60/m` (s, m, h, d).",
        _parse_rate,
    ),
    Option(
        "KUZA_API_RATE_TOKEN",
        "600/m",
        "API requests allowed per account with a token or a session, e.g. `600/m`.",
        _parse_rate,
    ),
)

_BY_NAME = {option.name: option for option in OPTIONS}


def get(name: str) -> object:
    """The parsed value of option `name` from the environment, or its default."""
    return _BY_NAME[name].read()


# An address that means "every interface" is reached locally through the loopback.
_LISTEN_ALL = {"0.0.0.0", "::", "[::]", ""}  # noqa: S104 - compared, never bound


def site_url() -> str:
    """KUZA_SITE_URL without its trailing slash, or else the address `kuza run` serves, so
    that absolute links (badge ids, calendar descriptions, offline copies) follow PORT and
    KUZA_HOST: every process `kuza run` starts reads the same environment."""
    configured = str(get("KUZA_SITE_URL")).strip().rstrip("/")
    if configured:
        return configured
    host = str(get("KUZA_HOST")).strip()
    if host in _LISTEN_ALL:
        host = "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    return f"http://{host}:{get('PORT')}"


def kuza_home() -> Path:
    home = Path(str(get("KUZA_HOME"))).expanduser()
    return home.resolve()
