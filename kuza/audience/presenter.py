"""One way to name a person: the template tag `{% person %}` and, for CSV and API, `person_name`.

A person is named (display name, and on pages a link to their profile) only when the viewer
may see their profile (`selectors.people_shown_to`: tiers, blocks both ways, suspension);
otherwise a neutral, translated label stands in, so a list still counts everyone. Screens
already restricted to organisers or moderators pass `everyone=True`: they name everyone, but
link a profile only when the viewer may open it (a link never leads to a "not found").

Each answer is cached per viewer object: a page listing people primes `people_shown_to` with
all of them in one query before rendering.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kuza.audience.selectors import people_shown_to
from kuza.people.models import Profile

NEUTRAL_LABEL = _("A member")


@dataclass(frozen=True)
class PersonShown:
    name: str
    url: str
    shown: bool


def _profile_of(user):
    try:
        return user.profile
    except AttributeError:
        return None
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist: a user without a profile
        return None


def present(viewer, user, *, everyone: bool = False, label=None, link: bool = True) -> PersonShown:
    """How `viewer` sees `user` (a user, or their profile): their name and profile link, or
    `label` (default "A member"). With `everyone`, the name always; the link (unless `link` is
    False, which also spares the question) only to a profile the viewer may open."""
    neutral = str(label or NEUTRAL_LABEL)
    if user is None:
        return PersonShown(name=neutral, url="", shown=False)
    if isinstance(user, Profile):
        profile, user_id = user, user.user_id
    else:
        profile, user_id = None, user.pk
    may_open = (link or not everyone) and user_id in people_shown_to(viewer, [user_id])
    if not everyone and not may_open:
        return PersonShown(name=neutral, url="", shown=False)
    profile = profile or _profile_of(user)
    if profile is None:
        return PersonShown(name=user.get_username(), url="", shown=True)
    name = profile.display_name or profile.user.get_username()
    url = reverse("people:profile", args=[profile.pk]) if link and may_open else ""
    return PersonShown(name=name, url=url, shown=True)


def person_name(viewer, user, *, everyone: bool = False, label=None) -> str:
    """The CSV and API twin of `{% person %}`: the name, or the neutral label."""
    return present(viewer, user, everyone=everyone, label=label, link=False).name
