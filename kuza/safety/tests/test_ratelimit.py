"""The fixed-window limiter, and the abuse limits on reports and sign-ups."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuza.accounts.tests.factories import UserFactory
from kuza.safety import ratelimit, services
from kuza.safety.models import Report


@settings(max_examples=60, deadline=None)
@given(
    limit=st.integers(min_value=1, max_value=20),
    attempts=st.integers(min_value=0, max_value=40),
    period=st.integers(min_value=1, max_value=86400),
    start=st.floats(min_value=0, max_value=2e9, allow_nan=False),
)
def test_exactly_limit_attempts_pass_in_one_window(limit, attempts, period, start):
    from django.core.cache import cache

    cache.clear()
    moment = (start // period) * period  # the start of a window
    allowed = [ratelimit.hit("k", limit, period, now=moment) for _ in range(attempts)]

    assert allowed == [True] * min(attempts, limit) + [False] * max(0, attempts - limit)
    # The next window starts afresh, and other keys never share a count.
    assert ratelimit.hit("k", limit, period, now=moment + period)
    assert ratelimit.hit("other", limit, period, now=moment)


def test_reset_forgets_the_attempts():
    for _ in range(3):
        ratelimit.hit("k", 3, 60, now=120)
    assert not ratelimit.hit("k", 3, 60, now=121)
    ratelimit.reset("k", 60, now=121)
    assert ratelimit.hit("k", 3, 60, now=121)


def test_nonsense_limits_are_refused():
    with pytest.raises(ValueError):
        ratelimit.hit("k", 0, 60)


@pytest.mark.django_db
def test_a_flood_of_reports_is_stopped_with_a_clear_message(client):
    reporter, person = UserFactory(), UserFactory()
    client.force_login(reporter)
    url = f"/safety/report/person/{person.pk}/"
    for number in range(services.REPORTS_PER_HOUR):
        assert client.post(url, {"description": f"incident {number}"}).status_code == 302

    response = client.post(url, {"description": "one more"})

    assert response.status_code == 429
    assert "You have sent many reports in a short time" in response.content.decode()
    assert Report.objects.count() == services.REPORTS_PER_HOUR
    api = client.post(
        "/api/safety/reports",
        {"kind": "person", "target_id": person.pk, "description": "again"},
        content_type="application/json",
    )
    assert api.status_code == 429
    assert "many reports" in api.json()["error"]["message"]


@pytest.mark.django_db
def test_invalid_reports_do_not_count_towards_the_limit(client):
    reporter, person = UserFactory(), UserFactory()
    client.force_login(reporter)
    for _ in range(services.REPORTS_PER_HOUR + 2):
        client.post(f"/safety/report/person/{reporter.pk}/", {"description": "myself"})

    assert (
        client.post(f"/safety/report/person/{person.pk}/", {"description": "real"}).status_code
        == 302
    )


@pytest.mark.django_db
def test_too_many_sign_ups_from_one_place_get_a_clear_page(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip"}
    statuses = []
    for number in range(3):
        response = client.post(
            "/accounts/signup/",
            {
                "email": f"new{number}@example.org",
                "username": f"new{number}",
                "password1": "a long enough passphrase 42",
                "password2": "a long enough passphrase 42",
                "accept_code_of_conduct": "on",
            },
        )
        statuses.append(response.status_code)
        client.logout()

    assert statuses[-1] == 429
    assert "Too many requests" in response.content.decode()  # the one 429 page, in the layout
    assert 'lang="en"' in response.content.decode()  # our page, not the bare fallback
