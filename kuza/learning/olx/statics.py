"""Open edX `/static/name` references: finding them, checking the files, rewriting the URLs.

In an export, `/static/name` in HTML or problem XML means the file `static/name` of the
export; Open edX rewrites those URLs when it serves a page. Kuza stores the files elsewhere,
so the Django layer copies them and calls `rewrite_static_urls` with the new locations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

# Only a path that starts at the site root counts: "https://cdn.example/static/x.png" is
# another site's file, so "/static/" must not follow a host name or a path character. The
# name stops where a URL in HTML, CSS or JS would (quotes, brackets, spaces, query, fragment,
# "&" as in an escaped "&quot;", and "\" as in a JS-escaped quote).
_STATIC_REFERENCE = re.compile(r"(?<![\w.~%/-])/static/([^\s\"'()<>\\?#&]+)")
# Sentence punctuation right after a URL in prose is not part of the file name.
_TRAILING_PUNCTUATION = ".,;:"


def _static_name(raw: str) -> str:
    return unquote(raw.rstrip(_TRAILING_PUNCTUATION))


def static_references(text: str) -> tuple[str, ...]:
    """The distinct file names referenced as /static/..., sorted, percent-escapes decoded."""
    return tuple(sorted({_static_name(match[1]) for match in _STATIC_REFERENCE.finditer(text)}))


def rewrite_static_urls(text: str, url_for: Callable[[str], str]) -> str:
    """Replace each /static/name by `url_for(name)`, keeping any trailing punctuation."""

    def replace(match: re.Match[str]) -> str:
        raw = match[1]
        name = raw.rstrip(_TRAILING_PUNCTUATION)
        return url_for(unquote(name)) + raw[len(name) :]

    return _STATIC_REFERENCE.sub(replace, text)


def is_safe_static_name(name: str) -> bool:
    """False for names that would leave the static/ folder, such as "../course.xml"."""
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts


def missing_static_files(course_root: Path, names: Iterable[str]) -> tuple[str, ...]:
    """Names with no file under course_root/static; unsafe names always count as missing."""
    static_folder = course_root / "static"
    return tuple(
        sorted(
            name
            for name in set(names)
            if not (is_safe_static_name(name) and (static_folder / name).is_file())
        )
    )
