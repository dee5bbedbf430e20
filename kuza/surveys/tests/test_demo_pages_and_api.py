"""The demo surveys, their pages within the 2G budget, and the API."""

from __future__ import annotations

import pytest
from django.test import Client

from kuza.core.pagecheck import check_page
from kuza.people.capacity import MapFilter, capacity_map
from kuza.surveys.api import router
from kuza.surveys.models import Response

pytestmark = pytest.mark.django_db


def api_get(user, path: str):
    """The surveys router, through /api/surveys/ once mounted, else on its own."""
    from kuza.api.api import api

    if any(mounted is router for _prefix, mounted in api._routers):
        client = Client()
        client.force_login(user)
        response = client.get(f"/api/surveys{path}")
        return response.status_code, response.json()
    from ninja.testing import TestClient

    response = TestClient(router).get(path, user=user)
    return response.status_code, response.json()


def test_the_demo_surveys_their_pages_the_map_and_the_api(demo_community):
    closed = demo_community.extra["surveys"]["closed"]
    opened = demo_community.extra["surveys"]["open"]
    organiser = demo_community.users["amina"]
    member = next(user for name, user in demo_community.users.items() if name != "amina")

    responses = Response.objects.filter(survey=closed, submitted=True)
    assert closed.is_closed() and opened.is_open()
    assert responses.count() >= 20
    assert responses.values("country").distinct().count() >= 3
    assert not responses.exclude(user=None).exists()  # anonymous: no accounts stored

    rows = capacity_map(member, MapFilter())
    key = f"survey-{closed.pk}"
    assert any((row.needs_by_source.get(key) or None) and row.needs_by_source[key].value
               for row in rows)  # fmt: skip

    organiser_client = Client()
    organiser_client.force_login(organiser)
    member_client = Client()
    member_client.force_login(member)
    pages = [
        (organiser_client, "/surveys/"),
        (organiser_client, f"/surveys/{closed.pk}/"),
        (organiser_client, f"/surveys/{closed.pk}/build/"),
        (organiser_client, f"/surveys/{closed.pk}/results/"),
        (organiser_client, f"/surveys/{closed.pk}/results/?by=country"),
        (organiser_client, f"/surveys/{closed.pk}/results/?by=organisation"),
        (organiser_client, f"/surveys/{opened.pk}/results/?by=language"),
        (organiser_client, "/surveys/new/"),
        (member_client, f"/surveys/{opened.pk}/"),
        (member_client, f"/surveys/{opened.pk}/answer/"),
    ]
    for language in ("en", "ar"):
        for client, url in pages:
            client.cookies["django_language"] = language
            response = client.get(url)
            assert response.status_code == 200, url
            report = check_page(url, response.content)
            assert not report.problems(), (url, language, report.problems())

    status, listed = api_get(member, "/")
    assert status == 200 and opened.pk in {item["id"] for item in listed}
    status, results = api_get(organiser, f"/{closed.pk}/results")
    assert status == 200 and results["responses"] == responses.count()
    assert all(
        row["count"] is None or row["count"] == 0 or row["count"] >= 3
        for question in results["questions"]
        for row in question["rows"] + question["offer_rows"]
    )
    assert "texts" not in str(results.keys())
    status, _body = api_get(member, f"/{closed.pk}/results")
    assert status == 404  # not an organiser, and results not shared
