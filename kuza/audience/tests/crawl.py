"""Crawling every URL of Kuza with arguments taken from registered objects (for the privacy
tests): the one rule written by hand is how URL arguments come from objects (`url_kwargs`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

from kuza.audience.declarations import declared
from kuza.core.integrations import KUZA_PACKAGE

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


def url_kwargs(names: tuple[str, ...], obj: Model) -> dict[str, object] | None:
    """The one rule of the test: fill URL arguments from `obj` and the objects above it.

    `<model>_slug` / `<model>_id` / `<model>_pk` name an object by its model; a bare `slug`,
    `pk`, `id`, `uuid` or `token` comes from the first object not already named.
    """
    candidates = _related_objects(obj)
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


def registered_objects(per_model: int | None = None) -> list[Model]:
    """Rows of every model registered with the audience layer (the first `per_model` of each)."""
    return [
        obj
        for audience in declared()
        for obj in audience.model._default_manager.all().order_by("pk")[:per_model]
    ]


def urls_to_fetch(objects: Iterable[Model]) -> list[str]:
    """Every GET-able URL of Kuza's pages and API, filled from `objects` of the same app."""
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
        for obj in objects:
            if obj._meta.app_label != route.app_label:
                continue
            kwargs = url_kwargs(route.kwargs, obj)
            if kwargs is None:
                continue
            try:
                urls.add(reverse(route.name, kwargs=kwargs))
            except NoReverseMatch:
                continue
    return sorted(url for url in urls if not url.startswith(SKIPPED_PREFIXES))


def body_text(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return ""
    return content.decode("utf-8", errors="replace")


def crawl(client, urls: Iterable[str], label: str, secrets: list[tuple[str, str]], found=None):
    """GET each URL with `client` (already logged in or not); return the failures: server
    errors, and every (username, text) of `secrets` an answer holds. `found`, if given, is
    called with (url, body) for the caller's own checks."""
    failures = []
    for url in urls:
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"{label}: {url} answered {response.status_code}")
            continue
        body = body_text(response)
        if found is not None:
            found(url, body)
        failures += [
            f"{label}: {url} names {username} ({text!r})"
            for username, text in secrets
            if text in body
        ]
    return failures
