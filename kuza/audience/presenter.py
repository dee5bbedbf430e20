"""One way to name a person: the template tag `{% person %}` and, for CSV and API, `person_name`.

A person is named (display name, and on pages a link to their profile) only when the viewer
may see their profile (`selectors.people_shown_to`: tiers, blocks both ways, suspension);
otherwise a neutral, translated label stands in, so a list still counts everyone. Moderation
screens, already restricted to moderators, pass `everyone=True`: moderators see everyone.
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


def present(viewer, user, *, everyone: bool = False, label=None) -> PersonShown:
    """How `viewer` sees `user` (a user, or their profile): their name and profile link, or
    `label` (default "A member")."""
    neutral = str(label or NEUTRAL_LABEL)
    if user is None:
        return PersonShown(name=neutral, url="", shown=False)
    if isinstance(user, Profile):
        profile, user_id = user, user.user_id
    else:
        profile, user_id = None, user.pk
    if not everyone and user_id not in people_shown_to(viewer, [user_id]):
        return PersonShown(name=neutral, url="", shown=False)
    profile = profile or _profile_of(user)
    if profile is None:
        return PersonShown(name=user.get_username(), url="", shown=True)
    name = profile.display_name or profile.user.get_username()
    return PersonShown(name=name, url=reverse("people:profile", args=[profile.pk]), shown=True)


def person_name(viewer, user, *, everyone: bool = False, label=None) -> str:
    """The CSV and API twin of `{% person %}`: the name, or the neutral label."""
    return present(viewer, user, everyone=everyone, label=label).name
