"""Crawling every URL of Kuza with arguments taken from registered objects (for the privacy
tests): the one rule written by hand is how URL arguments come from objects (`url_kwargs`)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch
from pypdf import PdfReader

from kuza.audience.declarations import declared, for_model
from kuza.core.integrations import KUZA_PACKAGE
from kuza.core.tests.test_page_budget import html_only_responses

# Paths a GET changes something at (none should, but a crawl must not log itself out).
SKIPPED_PREFIXES = ("/accounts/logout", "/admin/", "/i18n/", "/media/")


@dataclass(frozen=True)
class Route:
    name: str
    app_label: str
    kwargs: tuple[str, ...]


def _view_module(entry: URLPattern) -> str:
    """The module of the function behind a URL; for django-ninja, of the API operation."""
    callback = entry.callback
    for cell in getattr(callback, "__closure__", None) or ():
        operations = getattr(cell.cell_contents, "operations", None)
        if operations:
            return operations[0].view_func.__module__
    return getattr(callback, "__module__", "") or ""


def _routes(patterns, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = (
                f"{namespace}:{entry.namespace}"
                if namespace and entry.namespace
                else (entry.namespace or namespace)
            )
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            module = _view_module(entry)
            if not module.startswith(KUZA_PACKAGE):
                continue
            converters = getattr(entry.pattern, "converters", {}) or {}
            names = tuple(converters) or tuple(entry.pattern.regex.groupindex)
            yield Route(
                name=f"{namespace}:{entry.name}" if namespace else (entry.name or ""),
                app_label=module.split(".")[1],
                kwargs=names,
            )


def _related_objects(obj: Model) -> list[Model]:
    """`obj`, then the objects its foreign keys point to (two levels): where URL arguments
    such as a cohort's course slug come from."""
    found = [obj]
    for depth_obj in (obj, *[]):
        for field in depth_obj._meta.concrete_fields:
            if field.is_relation and field.many_to_one:
                parent = getattr(depth_obj, field.name, None)
                if parent is not None and parent not in found:
                    found.append(parent)
    for parent in list(found[1:]):
        for field in parent._meta.concrete_fields:
            if field.is_relation and field.many_to_one:
                grandparent = getattr(parent, field.name, None)
                if grandparent is not None and grandparent not in found:
                    found.append(grandparent)
    return found


def url_kwargs(
    names: tuple[str, ...], obj: Model, route_name: str = ""
) -> dict[str, object] | None:
    """The one rule of the test: fill URL arguments from `obj` and the objects above it.

    `<model>_slug` / `<model>_id` / `<model>_pk` name an object by its model; a bare `slug`,
    `pk`, `id`, `uuid` or `token` comes from the first object not already named, objects
    whose model the route's name names first (`badge_class_json`: the badge class).
    """
    candidates = _related_objects(obj)
    named_by_route = route_name.rpartition(":")[2].replace("_", "")
    candidates.sort(key=lambda candidate: candidate._meta.model_name not in named_by_route)
    used: set[int] = set()
    values: dict[str, object] = {}
    bare = []
    for name in names:
        model_name, _, attribute = name.rpartition("_")
        if model_name and attribute in ("slug", "id", "pk"):
            match = next(
                (
                    (index, candidate)
                    for index, candidate in enumerate(candidates)
                    if candidate._meta.model_name == model_name.replace("_", "")
                ),
                None,
            )
            if match is None:
                return None
            used.add(match[0])
            values[name] = getattr(match[1], "pk" if attribute in ("id", "pk") else "slug")
        else:
            bare.append(name)
    for name in bare:
        attribute = "pk" if name in ("pk", "id") else name
        match = next(
            (
                getattr(candidate, attribute)
                for index, candidate in enumerate(candidates)
                if index not in used and hasattr(candidate, attribute)
            ),
            None,
        )
        if match is None:
            return None
        values[name] = match
    return values


def names_any(obj: Model, user_ids: Iterable[int]) -> bool:
    """Whether `obj` names one of `user_ids` in a field its audience declares (`people`)."""
    ids = sorted(user_ids)
    rows = type(obj)._default_manager.filter(pk=obj.pk)
    return any(rows.filter(**{f"{path}__in": ids}).exists() for path in for_model(type(obj)).people)


def registered_objects(per_model: int | None = None) -> list[Model]:
    """Rows of every model registered with the audience layer (the first `per_model` of each)."""
    return [
        obj
        for audience in declared()
        for obj in audience.model._default_manager.all().order_by("pk")[:per_model]
    ]


def urls_to_fetch(
    objects: Iterable[Model], *, per_route: int | None = None, keep_all=None
) -> list[str]:
    """Every GET-able URL of Kuza's pages and API, filled from `objects` of the same app.

    With `per_route`, a route is filled from at most that many objects, but for objects
    `keep_all(obj)` says to keep (those naming a hidden person: each may leak on its own).
    """
    routes = list(_routes(get_resolver().url_patterns))
    objects = list(objects)
    urls: set[str] = set()
    for route in routes:
        if not route.name or route.name.endswith(":None"):
            continue
        if not route.kwargs:
            try:
                urls.add(reverse(route.name))
            except NoReverseMatch:
                continue
            continue
        filled: set[str] = set()
        others = 0  # URLs filled from objects naming no hidden person
        for obj in objects:
            if obj._meta.app_label != route.app_label:
                continue
            kwargs = url_kwargs(route.kwargs, obj, route.name)
            if kwargs is None:
                continue
            try:
                url = reverse(route.name, kwargs=kwargs)
            except NoReverseMatch:
                continue
            if url in filled:
                continue
            if per_route is None or (keep_all and keep_all(obj)):
                filled.add(url)
            elif others < per_route:
                filled.add(url)
                others += 1
        urls |= filled
    return sorted(url for url in urls if not url.startswith(SKIPPED_PREFIXES))


def pdf_text(content: bytes) -> str:
    """The text of a PDF: its streams are compressed, so it is read back by pypdf (through
    each font's ToUnicode map, as a reader copying it would get it)."""
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def body_text(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return pdf_text(content)
    return content.decode("utf-8", errors="replace")


def crawl(client, urls: Iterable[str], label: str, secrets: list[tuple[str, str]], found=None):
    """GET each URL with `client` (a CrawlClient, logged in or not); return the failures:
    server errors, and every (username, text) of `secrets` an answer holds. `found`, if
    given, is called with (url, body) for the caller's own checks."""
    failures = []
    for url in urls:
        answer = client.fetch(url)
        if answer is None:
            continue
        status, body = answer
        if status >= 500:
            failures.append(f"{label}: {url} answered {status}")
            continue
        if found is not None:
            found(url, body)
        failures += [
            f"{label}: {url} names {username} ({text!r})"
            for username, text in secrets
            if text in body
        ]
    return failures


class CrawlClient(Client):
    """A test client that fetches each URL as text, and never twice a URL that answered
    405 Method Not Allowed (a form's POST-only address): that answer holds nothing, for
    any viewer."""

    post_only: set[str]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.post_only = set()

    def fetch(self, url: str) -> tuple[int, str] | None:
        """(status, text) of a GET: pages, CSV and JSON as text, PDFs as their text; None
        for a URL known to accept POST only."""
        if url in self.post_only:
            return None
        with html_only_responses():
            response = self.get(url)
        if response.status_code == 405:
            self.post_only.add(url)
        if response.status_code >= 500:
            return response.status_code, ""
        return response.status_code, body_text(response)


@contextmanager
def crawl_once(django_db_blocker, tmp_path_factory) -> Iterator[CrawlClient]:
    """A client over data built once for a whole module and rolled back at the end, with
    the isolation every test gets (kuza/conftest.py): its own uploads, an empty cache."""
    root = tmp_path_factory.mktemp("crawl")
    (root / "static").mkdir()
    isolated = override_settings(
        MEDIA_ROOT=root / "media",
        STATIC_ROOT=root / "static",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    )
    with django_db_blocker.unblock(), isolated:
        cache.clear()
        try:
            with transaction.atomic():
                yield CrawlClient()
                transaction.set_rollback(True)
        finally:
            cache.clear()
