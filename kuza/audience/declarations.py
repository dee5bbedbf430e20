"""Each model with an audience declares it once, from its app's integrations.py:

    from kuza.audience.declarations import Audience, register
    register(Audience(
        model=Event,
        published=Q(published=True),   # what everyone may see, before the rules below
        managers=("organisers",),      # users who see every row (drafts and hidden ones too)
        authors=("created_by",),       # whose suspension, or block with the viewer, hides it
        people=("created_by", "organisers"),  # fields that name people
    ))

The rules applied once, by `kuza.audience.selectors.visible_to`:
- only rows matching `published` (default: every row);
- `members_only`: nobody who is not signed in sees any row;
- `hideable`: rows moderators hid (safety.HiddenContent) are left out;
- rows whose `authors` include a suspended account, or someone blocked either way with the
  viewer, are left out;
- the viewer's own rows (`managers`) are always shown; whoever `sees_all` (default: staff;
  the library says curators) sees every row;
- `within`: the path to a row's parent with an audience of its own (a lesson's course): a row
  is seen only by whoever may see its parent, whatever the rules above say.
`people` is what the presenter and the generated privacy test read: the fields whose users
a page of this model may name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Model, Q, QuerySet

from kuza.accounts.selectors import is_signed_in


def is_staff(viewer) -> bool:
    return is_signed_in(viewer) and viewer.is_staff


def nobody(viewer) -> bool:
    """For `sees_all` where staff have no wider view than their role gives (private answers,
    programmes)."""
    return False


@dataclass(frozen=True)
class Audience:
    model: type[Model]
    published: Q = field(default_factory=Q)
    # Paths to users (`"organisers"`), or functions of the viewer giving a Q, for rows the
    # viewer manages and so always sees.
    managers: tuple[str | Callable[[object], Q], ...] = ()
    authors: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    hideable: bool = True
    members_only: bool = False
    sees_all: Callable[[object], bool] = is_staff
    within: str = ""
    # For a model whose rule is decided elsewhere, below this layer (profiles: their tiers in
    # kuza.people.visibility): `narrow(queryset, viewer)` replaces the rules above.
    narrow: Callable[[QuerySet, object], QuerySet] | None = None


_declared: dict[type[Model], Audience] = {}


def register(audience: Audience) -> None:
    _declared[audience.model._meta.concrete_model] = audience


def for_model(model: type[Model]) -> Audience:
    try:
        return _declared[model._meta.concrete_model]
    except KeyError:
        raise LookupError(
            f"{model._meta.label} has no audience: declare it in its app's integrations.py"
        ) from None


def declared() -> list[Audience]:
    return list(_declared.values())
