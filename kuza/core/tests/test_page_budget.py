"""Every page reachable from the navigation fits the 2G budget and needs no script."""

import gettext
import re
from collections import Counter, deque
from unittest import mock
from urllib.parse import parse_qsl, urldefrag, urlsplit

import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from kuza.core import catalogs
from kuza.core.pagecheck import PAGE_BUDGET_BYTES, check_page

pytestmark = pytest.mark.django_db

# Not pages for people: machine formats, downloads, the admin, and actions behind POST.
NOT_PAGES = ("/admin/", "/api/", "/static/", "/media/", "/i18n/", "/healthz")
FILE_SUFFIXES = (".ics", ".csv", ".json", ".pdf", ".png", ".svg", ".html.zip", ".xml", ".po")
MAX_PAGES = 400
FULL_CRAWL_LANGUAGES = {"en", "ar"}


def page_kind(url: str) -> tuple[str, tuple[str, ...]]:
    """What a page is, whatever its ids and query values: /people/17/?page=2 and
    /people/4/?page=3 are one kind of page."""
    parts = urlsplit(url)
    keys = tuple(sorted({key for key, _value in parse_qsl(parts.query, keep_blank_values=True)}))
    return re.sub(r"\d+", "N", parts.path), keys


def crawl(
    client: Client,
    start: str = "/",
    limit: int = MAX_PAGES,
    per_kind: int | None = None,
    within: str = "/",
) -> list:
    """Pages reached from `start` by links, breadth first, at most `limit`; with `per_kind`,
    at most that many of each kind of page (every kind is reached without visiting all 200
    profiles and each of their report and block pages); with `within`, only pages under that
    path (one app's pages, without crawling the whole site to find them)."""
    with html_only_responses():
        return _crawl(client, start, limit, per_kind, within)


def html_only_responses():
    """Within it, the test client no longer keeps a copy of every rendered template's context
    for `response.context`: a sixth of a crawl's time, for crawls that read only the answer."""
    return mock.patch("django.test.client.store_rendered_templates", _not_recorded)


def _not_recorded(*_arguments, **_keywords) -> None:
    return None


def _crawl(client: Client, start: str, limit: int, per_kind: int | None, within: str) -> list:
    seen, queue, reports = {start}, deque([start]), []
    visited: Counter = Counter()
    while queue and len(reports) < limit:
        url = queue.popleft()
        if per_kind is not None:
            if visited[page_kind(url)] >= per_kind:
                continue
            visited[page_kind(url)] += 1
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        if not response["Content-Type"].startswith("text/html"):
            continue
        report = check_page(url, response.content)
        reports.append(report)
        for href in report.links:
            target, _fragment = urldefrag(href)
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not target.startswith(within):
                continue
            if target.startswith(NOT_PAGES) or parts.path.endswith(FILE_SUFFIXES):
                continue
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return reports


def assert_within_budget(reports) -> None:
    problems = {report.url: report.problems() for report in reports if report.problems()}
    assert not problems, problems


def test_every_page_anonymous_visitors_reach_fits_the_budget(client, demo_community):
    reports = crawl(client)

    assert {"/", "/accounts/login/", "/accounts/signup/", "/code-of-conduct/"} <= {
        report.url for report in reports
    }
    assert_within_budget(reports)


@pytest.mark.parametrize(
    "language",
    [
        # Page bytes and languages are the same whatever the database: PostgreSQL's pass in CI
        # crawls one left-to-right and one right-to-left language.
        code if code in FULL_CRAWL_LANGUAGES else pytest.param(code, marks=pytest.mark.one_database)
        for code, _name in settings.LANGUAGES
    ],
)
def test_every_page_an_organiser_reaches_carries_its_language_and_fits_the_budget(
    client, demo_community, language
):
    client.cookies["django_language"] = language
    client.force_login(demo_community.users["amina"])

    # Every page in English and Arabic (one language each way); in the others, every kind of
    # page (its template, hence its language and direction), not all 200 profiles again.
    reports = crawl(client) if language in FULL_CRAWL_LANGUAGES else crawl(client, per_kind=1)

    assert "/account/" in {report.url for report in reports}
    direction = "rtl" if language == "ar" else "ltr"  # right to left for Arabic only
    for report in reports:
        assert (report.lang, report.direction) == (language, direction), report.url
    assert_within_budget(reports)


def _catalog_plural(app: str, language: str, singular: str, plural: str, count: int) -> str:
    """What gettext must show for `count`: the catalog's form picked by CLDR's rule (Babel),
    or English where the catalog leaves the entry untranslated."""
    english = singular if count == 1 else plural
    if language == settings.LANGUAGE_CODE:
        return english
    po_path = catalogs.KUZA_DIR / app / "locale" / language / "LC_MESSAGES" / "django.po"
    with po_path.open("rb") as po_file:
        message = read_po(po_file).get((singular, plural))
    if message is None or not all(message.string):
        return english
    rule = gettext.c2py(get_plural(language).plural_expr)
    return message.string[rule(count)]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_counts_on_pages_take_the_language_s_plural_form(client, demo_community, language):
    client.cookies["django_language"] = language

    html = client.get(reverse("learning:catalogue")).content.decode()

    # The demo course has three modules: Arabic's 'few' form, the 'other' form elsewhere.
    form = _catalog_plural("learning", language, "%(count)s module", "%(count)s modules", 3)
    assert escape(form % {"count": 3}) in html


def test_the_budget_check_catches_an_oversized_page():
    bloated = (
        "<html lang='en' dir='ltr'><main>"
        + "".join(f"<p>{index} {index * 7919 % 104729}</p>" for index in range(6000))
        + "</main></html>"
    ).encode()
    assert check_page("/bloated", bloated).compressed_bytes > PAGE_BUDGET_BYTES
    assert check_page("/bloated", bloated).problems()
