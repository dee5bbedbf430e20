"""The library API: published resources for everyone, drafts for their author and curators."""

import pytest

from kuza.accounts.services import api_token_create
from kuza.library.services.resources import resource_propose
from kuza.library.tests.factories import CuratorFactory, UserFactory, make_resource
from kuza.library.validation import ResourceInput

pytestmark = pytest.mark.django_db


def draft(author, title="Draft tutorial"):
    return resource_propose(
        author=author,
        data=ResourceInput(
            kind="tutorial", title=title, body="Text.", language="en", level="beginner"
        ),
    )


def test_listing_shows_published_resources_only(client):
    make_resource(title="Published guide")
    draft(UserFactory())

    body = client.get("/api/library/resources").json()

    assert body["count"] == 1
    assert [item["title"] for item in body["results"]] == ["Published guide"]


def test_search_ranks_and_filters(client):
    make_resource(title="Safety for events", body="Plan.", level="intermediate")
    make_resource(title="Photos", body="Safety of people in photos.", level="beginner")
    make_resource(title="Sécurité", body="safety", language="fr")

    body = client.get("/api/library/resources", {"q": "SAFETY", "language": "en"}).json()
    only_beginners = client.get(
        "/api/library/resources", {"q": "safety", "level": "beginner", "kind": "tutorial"}
    )

    assert [item["title"] for item in body["results"]] == ["Safety for events", "Photos"]
    assert body["results"][0]["score"] >= body["results"][1]["score"]
    assert sorted(item["title"] for item in only_beginners.json()["results"]) == [
        "Photos",
        "Sécurité",
    ]


@pytest.mark.parametrize("query", ['"', "a AND (b", "*", "NEAR(", "title:x"])
def test_hostile_search_text_is_never_an_error(client, query):
    make_resource(title="Anything")

    assert client.get("/api/library/resources", {"q": query}).status_code == 200


def test_unknown_filter_values_are_refused_with_the_shared_error_body(client):
    response = client.get("/api/library/resources", {"kind": "video"})

    assert response.status_code == 422
    assert set(response.json()["error"]) >= {"code", "message"}


def test_drafts_are_listed_for_their_author_and_curators_only(client):
    author = UserFactory()
    mine = draft(author, "My draft")
    draft(UserFactory(), "Someone else's draft")

    assert client.get("/api/library/resources", {"status": "draft"}).json()["count"] == 0
    secret = api_token_create(user=author, name="script").plaintext
    as_author = client.get(
        "/api/library/resources", {"status": "draft"}, HTTP_AUTHORIZATION=f"Bearer {secret}"
    ).json()
    assert [item["id"] for item in as_author["results"]] == [mine.pk]
    client.force_login(CuratorFactory().user)
    assert client.get("/api/library/resources", {"status": "draft"}).json()["count"] == 2


def test_a_draft_is_not_found_for_others(client):
    author = UserFactory()
    hidden = draft(author)

    assert client.get(f"/api/library/resources/{hidden.pk}").status_code == 404
    client.force_login(UserFactory())
    assert client.get(f"/api/library/resources/{hidden.pk}").status_code == 404
    client.force_login(author)
    detail = client.get(f"/api/library/resources/{hidden.pk}").json()
    assert detail["status"] == "draft" and detail["body"] == "Text."


def test_detail_lists_translations_and_transcript(client):
    episode = make_resource(
        kind="episode",
        title="Episode",
        url="https://podcast.example/1",
        transcript="Full words.",
    )
    french = make_resource(
        kind="episode",
        title="Épisode",
        url="https://podcast.example/1",
        transcript="Mots.",
        language="fr",
        translation_of=episode,
    )

    detail = client.get(f"/api/library/resources/{episode.pk}").json()

    assert detail["transcript"] == "Full words."
    assert detail["translations"] == [french.pk]


def test_toolkits_are_listed(client):
    from kuza.library.tests.factories import ToolkitFactory

    ToolkitFactory(title="Host an edit-a-thon")
    ToolkitFactory(title="Hidden", is_published=False)

    assert [item["title"] for item in client.get("/api/library/toolkits").json()] == [
        "Host an edit-a-thon"
    ]
