"""User and wiki content inside translated sentences reads right on Arabic pages (#20 item 12)."""

from __future__ import annotations

import unicodedata

import pytest

from kuza.campaigns.models import Campaign
from kuza.core.bidicheck import bidi_problems
from kuza.core.tests.test_page_budget import crawl
from kuza.people.models import Profile

pytestmark = pytest.mark.django_db

PAGES = 150


def test_the_checker_finds_content_that_takes_the_sentence_direction():
    sentence = "<main><p>شارك في #SheSaid اليوم</p><p>شارك في <bdi>#SheSaid</bdi></p></main>"
    alone = (
        "<main><ul><li>Mame Ndiaye</li><li>#SheSaid</li><li dir='auto'>#SheSaid</li></ul></main>"
    )

    assert [problem.content for problem in bidi_problems(sentence, ["#SheSaid"])] == ["#SheSaid"]
    assert [p.content for p in bidi_problems(alone, ["#SheSaid", "Mame Ndiaye"])] == ["#SheSaid"]
    assert bidi_problems("<p>#SheSaid in the footer</p>", ["#SheSaid"]) == []
    page = f"<html dir='rtl'><body>{sentence}</body></html>"
    assert len(bidi_problems(page, ["#SheSaid"])) == 1


def _left_to_right(text: str) -> bool:
    return any(unicodedata.bidirectional(char) == "L" for char in text)


def _demo_contents(community) -> list[str]:
    """The demo's hashtag, wiki names and people's names written left to right (an Arabic wiki
    name needs no isolation on an Arabic page)."""
    campaign = Campaign.objects.get(slug="shesaid-2025")
    contents = [
        campaign.hashtag,
        *(wiki.name for wiki in campaign.wikis.all()),
        *Profile.objects.values_list("display_name", flat=True),
    ]
    return [content for content in contents if _left_to_right(content)]


@pytest.mark.one_database  # markup, whatever the database
@pytest.mark.parametrize("persona", ["amina", None])
def test_arabic_pages_isolate_names_hashtags_and_wiki_names(client, demo_community, persona):
    client.cookies["django_language"] = "ar"
    if persona:
        client.force_login(demo_community.users[persona])
    contents = _demo_contents(demo_community)

    found = {}
    reports = crawl(client, limit=PAGES)
    for report in reports:
        problems = bidi_problems(client.get(report.url).content, contents)
        if problems:
            found[report.url] = [(p.content, p.block_text) for p in problems[:3]]

    assert "/campaigns/shesaid-2025/" in {report.url for report in reports}
    assert not found, "\n".join(f"{url}: {problems}" for url, problems in found.items())
