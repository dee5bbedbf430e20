"""Screens restricted to organisers name everyone (`everyone=True`), but link a profile only
when the organiser may open it: every profile link on them answers 200, in a few queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kuza.credentials.models import BadgeClass
from kuza.events.models import Event
from kuza.learning.models import Cohort
from kuza.programs.models import Programme

pytestmark = pytest.mark.django_db

PROFILE_LINK = re.compile(r'href="(/people/\d+/)"')
# Rendering names every listed person: the queries must not grow with the list.
MAX_QUERIES = 25


def _screens() -> dict[str, list[str]]:
    return {
        "cohort progress": [
            reverse(
                "learning:cohort_progress",
                kwargs={"slug": cohort.course.slug, "cohort_slug": cohort.slug},
            )
            for cohort in Cohort.objects.select_related("course")
        ],
        "programme manage": [
            reverse("programs:manage", args=[pk])
            for pk in Programme.objects.values_list("pk", flat=True)
        ],
        "event attendance": [
            reverse("events:attendance", args=[pk])
            for pk in Event.objects.values_list("pk", flat=True)
        ],
        "badge class manage": [
            reverse("credentials:manage_badge_class", kwargs={"uuid": uuid})
            for uuid in BadgeClass.objects.values_list("uuid", flat=True)
        ],
    }


def test_an_organiser_s_screens_link_only_profiles_she_may_open(client, demo_community):
    client.force_login(demo_community.users["amina"])
    problems, linked, named_unlinked, most_queries = [], set(), 0, {}
    for screen, urls in _screens().items():
        reached = most_queries[screen] = 0
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            if response.status_code != 200:
                continue  # not hers
            reached += 1
            most_queries[screen] = max(most_queries[screen], len(queries))
            if len(queries) > MAX_QUERIES:
                problems.append(f"{url}: {len(queries)} queries")
            html = response.content.decode()
            linked.update((url, link) for link in PROFILE_LINK.findall(html))
            named_unlinked += html.count("<bdi>") - html.count("<bdi><a ")
        assert reached, f"the demo organiser should reach a {screen} screen"
    print("most queries per screen:", most_queries)
    for page, link in sorted(linked):
        status = client.get(link).status_code
        if status != 200:
            problems.append(f"{page} links {link}, which answers {status}")
    assert linked, "these screens should link some profiles"
    assert named_unlinked, "some people are named without a link (profiles she may not open)"
    assert not problems, "\n".join(problems)
