"""The two entry points every app reads through, and who of some people a viewer may see.

`visible_to(queryset, viewer)` narrows a queryset of a declared model (see declarations.py);
`access(Model, viewer, **lookup)` fetches one row *and* checks it in one step, raising Http404
for a row that does not exist and for one the viewer may not see alike, so no view can
forget the check and no answer tells the two apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from kuza.accounts.selectors import is_signed_in
from kuza.audience.declarations import Audience, for_model
from kuza.people.selectors import people_visible_to
from kuza.people.visibility import among_people
from kuza.safety.selectors import blocked_user_ids, blocked_with_q, hidden_ids


def _exclude_by_authors(rows: QuerySet, audience: Audience, viewer, with_blocks: bool) -> QuerySet:
    if not audience.authors:
        return rows
    model = audience.model
    # Blocks as a condition inside the query (`blocked_with_q`), not a query of their own:
    # a page reading several declared models asks nothing more for each.
    blocks = with_blocks and viewer is not None and viewer.is_authenticated
    for path in audience.authors:
        suspended = model.objects.filter(**{f"{path}__is_active": False}).values("pk")
        rows = rows.exclude(pk__in=suspended)
        if blocks:
            rows = rows.exclude(
                pk__in=model.objects.filter(blocked_with_q(viewer, path)).values("pk")
            )
    return rows


def managed_by(audience: Audience, viewer) -> Q:
    """Rows `viewer` manages (organises, authors): they always see them."""
    if not is_signed_in(viewer) or not audience.managers:
        return Q(pk__in=[])
    return reduce(
        or_,
        (
            Q(**{path: viewer}) if isinstance(path, str) else path(viewer)
            for path in audience.managers
        ),
    )


def visible_to(queryset: QuerySet, viewer, *, despite_blocks: bool = False) -> QuerySet:
    """`queryset` narrowed to the rows `viewer` may see under the model's declared audience.

    `despite_blocks` keeps rows whose authors are in a block with the viewer: only for a page
    that must say why the viewer cannot take part (an event page: "you cannot register"),
    which names its people through the presenter like every page.
    """
    audience = for_model(queryset.model)
    rows = _narrowed(queryset, audience, viewer, despite_blocks)
    if audience.within:
        parents = _parent_model(queryset.model, audience.within)._default_manager.all()
        rows = rows.filter(**{f"{audience.within}__in": visible_to(parents, viewer).values("pk")})
    return rows


def _parent_model(model: type[Model], path: str) -> type[Model]:
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def _narrowed(queryset: QuerySet, audience: Audience, viewer, despite_blocks: bool) -> QuerySet:
    if audience.narrow is not None:
        return audience.narrow(queryset, viewer)
    if audience.sees_all(viewer):
        return queryset
    if audience.members_only and not is_signed_in(viewer):
        return queryset.none()
    if not is_signed_in(viewer) or not audience.managers:
        return _shown_to_everyone(queryset, audience, viewer, despite_blocks)
    # Subqueries, not joins: a join on a many-to-many would repeat rows and skew counts.
    base = audience.model._default_manager.all()
    shown = _shown_to_everyone(base, audience, viewer, despite_blocks).values("pk")
    managed = base.filter(managed_by(audience, viewer)).values("pk")
    return queryset.filter(Q(pk__in=shown) | Q(pk__in=managed))


def published_rows(queryset: QuerySet) -> QuerySet:
    """What the declared audience shows to anyone at all, before any viewer's own rules
    (published, not hidden by moderators, no suspended author; `within` not applied): for
    what is the same for every reader and cached so (an offline copy, the lessons progress
    counts)."""
    return moderated_rows(queryset).filter(for_model(queryset.model).published)


def moderated_rows(queryset: QuerySet) -> QuerySet:
    """`published_rows` in any published state: rows moderators did not hide, by authors
    who are not suspended. For queues of what is not published yet (curators' proposals)."""
    audience = for_model(queryset.model)
    if audience.hideable:
        queryset = queryset.exclude(pk__in=hidden_ids(audience.model))
    return _exclude_by_authors(queryset, audience, None, False)


def _shown_to_everyone(rows: QuerySet, audience: Audience, viewer, despite_blocks: bool):
    rows = rows.filter(audience.published)
    if audience.hideable:
        rows = rows.exclude(pk__in=hidden_ids(audience.model))
    return _exclude_by_authors(rows, audience, viewer, not despite_blocks)


def access(
    model: type[Model] | QuerySet, viewer, *, despite_blocks: bool = False, **lookup
) -> Model:
    """The one row matching `lookup` that `viewer` may see, or Http404.

    `model` may be a queryset (with select_related, annotations) of a declared model.
    """
    queryset = model if isinstance(model, QuerySet) else model._default_manager.all()
    found = visible_to(queryset, viewer, despite_blocks=despite_blocks).filter(**lookup).first()
    if found is None:
        raise Http404
    return found


def may_see(viewer, row: Model, *, despite_blocks: bool = False) -> bool:
    """Whether `viewer` may see `row` (of a declared model): the one check of a single object
    a view, a service or a registration asks, by the same rule as `visible_to`."""
    if row is None or row.pk is None:
        return False
    rows = type(row)._default_manager.filter(pk=row.pk)
    return visible_to(rows, viewer, despite_blocks=despite_blocks).exists()


def may_report(viewer, row: Model) -> bool | None:
    """Whether `viewer` may see `row` enough to report it (safety's seen check): None for a
    model without an audience. Blocks do not count: one may report what the other did,
    whoever blocked whom, as far as the page showing it is shown despite blocks."""
    try:
        for_model(type(row))
    except LookupError:
        return None
    return may_see(viewer, row, despite_blocks=True)


# --- People --------------------------------------------------------------------------------

__all__ = [
    "access",
    "among_people",
    "may_see",
    "moderated_rows",
    "people_shown_to",
    "published_rows",
    "visible_to",
]


def _cache_of(viewer) -> dict[int, bool]:
    cache = getattr(viewer, "_kuza_people_shown", None) if viewer is not None else None
    if cache is None:
        cache = {}
        if viewer is not None:
            viewer._kuza_people_shown = cache
    return cache


def people_shown_to(viewer, user_ids: Iterable[int]) -> set[int]:
    """Of `user_ids`, the people whose profile `viewer` may see (tiers, blocks, suspension).

    Asked once per person per viewer object (one request): lists prime it in one query.
    """
    cache = _cache_of(viewer)
    wanted = {pk for pk in user_ids if pk is not None}
    missing = wanted - cache.keys()
    if missing:
        visible = set(
            people_visible_to(viewer).filter(user_id__in=missing).values_list("user_id", flat=True)
        )
        for pk in missing:
            cache[pk] = pk in visible
    return {pk for pk in wanted if cache[pk]}


def person_shown_to(viewer, user) -> bool:
    if user is None:
        return False
    return user.pk in people_shown_to(viewer, [user.pk])


def in_block_with_authors(row: Model, viewer) -> bool:
    """Whether `viewer` and one of `row`'s declared authors blocked the other (either way):
    for pages that refuse taking part (registering for an event) and say so."""
    audience = for_model(type(row))
    blocked = blocked_user_ids(viewer)
    if not audience.authors or not blocked:
        return False
    by_blocked = reduce(or_, (Q(**{f"{path}__in": blocked}) for path in audience.authors))
    return audience.model._default_manager.filter(by_blocked, pk=row.pk).exists()
