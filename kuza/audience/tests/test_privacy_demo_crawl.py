"""The demo, crawled as a visitor and as a plain member: no answer (page, CSV, API, feed)
names a person whose profile is hidden from that viewer.

The URLs come from the same generated crawl as test_privacy_generated.py, over the first rows
of each registered model of the demo community (a bounded crawl: the demo is large). Who is
hidden is decided by the audience layer itself for each viewer; a hidden person's username,
e-mail and display name (when distinctive enough not to be a common word) must not appear.
"""

from __future__ import annotations

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from kuza.audience.selectors import people_shown_to
from kuza.audience.tests.crawl import CrawlClient, crawl, registered_objects, urls_to_fetch
from kuza.people.models import Membership
from kuza.safety.models import ModeratorRole

pytestmark = pytest.mark.django_db

# Shorter names and usernames (a first name alone) may be ordinary words in content;
# e-mails are always checked.
MIN_DISTINCTIVE_NAME = 8
ROWS_PER_MODEL = 2


def _plain_member():
    """A demo member with no role: not staff, organiser, moderator or curator."""
    roles = set(
        Membership.objects.filter(role=Membership.Role.ORGANISER).values_list("user_id", flat=True)
    )
    roles |= set(ModeratorRole.objects.values_list("user_id", flat=True))
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=False, profile__isnull=False)
        .exclude(pk__in=roles)
        .order_by("pk")
        .first()
    )


def _secrets_hidden_from(viewer) -> list[tuple[str, str]]:
    people = list(get_user_model().objects.select_related("profile").order_by("pk"))
    shown = people_shown_to(viewer, [person.pk for person in people])
    secrets = []
    for person in people:
        if person.pk in shown or (viewer is not None and person.pk == viewer.pk):
            continue
        profile = getattr(person, "profile", None)
        strings = [person.email, person.username]
        if profile is not None:
            strings.append(profile.display_name)
        strings = [text for text in strings if "@" in text or len(text) >= MIN_DISTINCTIVE_NAME]
        secrets += [(person.username, text) for text in strings if text]
    return secrets


def test_the_demo_names_no_hidden_person_to_a_visitor_or_a_plain_member(demo_community):
    urls = urls_to_fetch(registered_objects(ROWS_PER_MODEL))
    client = CrawlClient()
    failures = []
    for viewer in (None, _plain_member()):
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        secrets = _secrets_hidden_from(viewer if viewer is not None else AnonymousUser())
        assert secrets, "the demo should have people hidden from this viewer"
        failures += crawl(client, urls, str(viewer or "visitor"), secrets)
    assert not failures, "\n".join(itertools.islice(failures, 80))
