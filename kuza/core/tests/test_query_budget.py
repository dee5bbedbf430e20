"""Every page the demo reaches runs a bounded number of SQL queries, whoever visits.

Query counts are deterministic, so they are tested here (times are for bench/pages.py). A page
over budget is reported with the statement it repeats most, literals blanked out, which is
almost always the N+1 lookup to batch.
"""

import re
import statistics
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kuza.core.tests.test_page_budget import crawl

pytestmark = pytest.mark.django_db

MOST_QUERIES_PER_PAGE = 15
MEDIAN_QUERIES_PER_PAGE = 8
# Pages still over the budget (issue #22), each held to what it runs today so that it can only
# get better; remove a line once its page is within MOST_QUERIES_PER_PAGE. The statement the
# failure names is the one to batch.
KNOWN_OVER_BUDGET = {
    r"^/learn/[^/]+/$": 17,  # course page: course-author and organiser checks asked twice
    r"^/learn/[^/]+/offline/$": 21,  # six queries fingerprint the course for the cached sizes
    r"^/learn/[^/]+/quizzes/\d+/$": 16,  # the options of each question, one query each
    r"^/programmes/\d+/$": 39,  # members and their plans, and translated fields, one by one
    r"^/surveys/\d+/$": 17,  # the options of each question, one query each
    r"^/surveys/\d+/results/$": 26,  # the options of each question, one query each
    r"^/campaigns/[^/]+/$": 22,  # translated fields of each wiki and the campaign
    r"^/safety/moderation/\d+/$": 16,  # moderator-role checks asked four times
    r"^/people/map/": 17,  # blocks and surveys asked twice (the map and the needs panel)
}
LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")


class QueryCountingClient:
    """A test client that keeps the SQL each GET ran, by URL."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.statements: dict[str, list[str]] = {}

    def get(self, url: str, *args, **kwargs):
        connection.queries_log.clear()  # it keeps only the last 9,000 statements
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url, *args, **kwargs)
        self.statements[url] = [query["sql"] for query in captured.captured_queries]
        return response


def shape(statement: str) -> str:
    """The statement with its literals blanked, so one lookup run for many rows counts once."""
    return LITERALS.sub("?", statement)


def allowed_queries(url: str) -> int:
    for pattern, ceiling in KNOWN_OVER_BUDGET.items():
        if re.search(pattern, url):
            return ceiling
    return MOST_QUERIES_PER_PAGE


def over_budget(statements: dict[str, list[str]]) -> list[str]:
    problems = []
    for url, run in statements.items():
        if len(run) > allowed_queries(url):
            repeated, times = Counter(shape(statement) for statement in run).most_common(1)[0]
            problems.append(f"{url}: {len(run)} queries; {times}x {repeated[:300]}")
    return problems


def assert_within_query_budget(
    client: Client, median_ceiling: float = MEDIAN_QUERIES_PER_PAGE
) -> dict[str, list[str]]:
    counting = QueryCountingClient(client)
    crawl(counting)
    problems = over_budget(counting.statements)
    median = statistics.median(len(run) for run in counting.statements.values())
    print(f"{len(counting.statements)} pages, median {median} queries")  # noqa: T201
    assert not problems, "\n".join(problems)
    assert median <= median_ceiling, f"median {median} queries per page"
    return counting.statements


def test_every_page_a_visitor_reaches_runs_few_queries(client, demo_community):
    statements = assert_within_query_budget(client)

    assert {"/", "/accounts/login/", "/people/"} <= set(statements)
    assert "/learn/gender-gap-initiative/offline/" in statements  # 149 queries before


# Members and the organiser are not held to the budget yet (issue #22): measured on the demo
# after the fixes so far, a member's pages run a median of 11 queries; the crawls for them
# belong here once that is down to 8.


def test_a_page_over_budget_is_named_with_the_statement_it_repeats():
    lookups = [f'SELECT "title" FROM "quiz" WHERE "id" = {pk}' for pk in range(20)]  # noqa: S608

    problems = over_budget({"/cohort/": ["SELECT 1", *lookups], "/small/": ["SELECT 1"]})

    assert problems == ['/cohort/: 21 queries; 20x SELECT "title" FROM "quiz" WHERE "id" = ?']
