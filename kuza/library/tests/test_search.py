"""Full-text search through the database engine (FTS5 on SQLite, tsvector on PostgreSQL)."""

import datetime

import pytest
from django.db import connection

from kuza.library.models import Resource, SearchDocument
from kuza.library.search import rebuild_index
from kuza.library.selectors import Filters, library_search
from kuza.library.services.resources import resource_input_from, resource_update
from kuza.library.tests.factories import UserFactory, make_resource

pytestmark = pytest.mark.django_db


def titles(text, **filters):
    return [
        hit.resource.title for hit in library_search(text=text, filters=Filters(**filters))[0:50]
    ]


def test_a_title_match_ranks_above_a_body_match():
    make_resource(title="Event safety", body="Plan the day with your team.")
    make_resource(title="Photo walks", body="Safety first: walk in pairs. " * 3)
    make_resource(title="Unrelated", body="Nothing to see.")

    assert titles("safety") == ["Event safety", "Photo walks"]


def test_more_occurrences_rank_higher_among_body_matches():
    make_resource(title="One", body="wikidata once, and many other words here to dilute it")
    make_resource(title="Many", body="wikidata wikidata wikidata items")

    assert titles("wikidata") == ["Many", "One"]


@pytest.mark.parametrize("query", ["evenement", "ÉVÉNEMENT", "événement", "Evènement"])
def test_french_search_ignores_accents_and_case(query):
    make_resource(title="Préparer un événement", body="Réservez la salle.", language="fr")

    assert titles(query) == ["Préparer un événement"]


def test_french_accented_queries_find_unaccented_text_too():
    make_resource(title="Creer un element Wikidata", body="sans accents", language="fr")

    assert titles("créer élément") == ["Creer un element Wikidata"]


@pytest.mark.parametrize("query", ["مدونة", "مُدَوَّنَة", "مدونه", "المدونة"])
def test_arabic_search_ignores_harakat_teh_marbuta_and_the_article(query):
    make_resource(title="مُدَوَّنَة السلوك", body="دليل المنظمين", language="ar")
    make_resource(title="المدونة في الفعاليات", body="نص", language="ar")

    # With or without harakat, teh marbuta or the joined article "ال": the same word.
    assert sorted(titles(query)) == sorted(["مُدَوَّنَة السلوك", "المدونة في الفعاليات"])


@pytest.mark.parametrize("query", ["مراجع", "المراجع", "بالمراجع", "والمراجع"])
def test_arabic_words_are_found_with_or_without_a_joined_article(query):
    make_resource(title="كيف تضيف المراجع", body="دليل للمنظمين", language="ar")
    make_resource(title="مراجع موثوقة", body="نص", language="ar")
    make_resource(title="مرحبا", body="نص آخر", language="ar")

    assert sorted(titles(query)) == sorted(["كيف تضيف المراجع", "مراجع موثوقة"])
    assert titles("منظمين") == titles("المنظمين") == ["كيف تضيف المراجع"]


def test_a_quoted_arabic_phrase_keeps_its_articles():
    make_resource(title="كيف تضيف المراجع", body="نص", language="ar")
    make_resource(title="تضيف مراجع", body="نص", language="ar")

    assert titles('"تضيف المراجع"') == ["كيف تضيف المراجع"]


def test_arabic_search_with_hamza_forms_finds_plain_alef():
    make_resource(title="أساسيات ويكي بيانات", body="إضافة المراجع", language="ar")

    assert titles("اساسيات") == ["أساسيات ويكي بيانات"]
    assert titles("اضافة") == ["أساسيات ويكي بيانات"]


@pytest.mark.parametrize("query", ["mafunzo", "MAFUNZO", "Kiswahili makala"])
def test_swahili_search_is_case_insensitive(query):
    make_resource(
        title="Mafunzo ya Wikipedia", body="Kuandika makala kwa Kiswahili.", language="sw"
    )
    make_resource(title="Wikidata", body="Items and statements.")

    assert titles(query) == ["Mafunzo ya Wikipedia"]


def test_transcripts_of_episodes_are_searched():
    make_resource(
        kind="episode",
        title="Podcast 3",
        body="A conversation.",
        url="https://podcast.example/3",
        transcript="We prepare the sources before the event, so nothing gets deleted.",
    )

    assert titles("deleted") == ["Podcast 3"]


def test_all_words_must_match_and_phrases_keep_their_order():
    make_resource(title="Edit-a-thon guide", body="Invite the library as a partner.")
    make_resource(title="Partner library", body="A guide for libraries.")

    assert sorted(titles("guide partner")) == ["Edit-a-thon guide", "Partner library"]
    assert titles('"library as a partner"') == ["Edit-a-thon guide"]
    assert titles("edit-a-thon") == ["Edit-a-thon guide"]


def test_a_star_searches_by_prefix():
    make_resource(title="Wikidata basics", body="Items.")
    make_resource(title="Wikipedia pillars", body="Five.")

    assert sorted(titles("wiki*")) == ["Wikidata basics", "Wikipedia pillars"]
    assert titles("wiki") == []


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "a AND (b",
        "*",
        "safety*)",
        "NEAR(safety event)",
        "safety OR",
        "NOT safety",
        "-safety",
        "title:safety",
        "^safety",
        "'; DROP TABLE library_resource; --",
        "safety\x00",
        "\\",
        "%_",
        "safety" * 300,
    ],
)
def test_user_syntax_never_raises(query):
    make_resource(title="Event safety", body="Plan the day.")

    results = library_search(text=query, filters=Filters())

    assert results.count() == len(results[0:10])


def test_filters_narrow_the_matches():
    make_resource(title="Safety tutorial", level="beginner", skills=[])
    make_resource(title="Safety advanced", level="advanced", audience="organisers")
    make_resource(title="Sécurité", body="safety", language="fr")
    make_resource(
        kind="link",
        title="Safety policy",
        url="https://example.org/policy",
        licence="CC BY-SA 4.0",
        last_checked=datetime.date(2026, 1, 1),
    )

    assert titles("safety", level="advanced") == ["Safety advanced"]
    assert titles("safety", language="fr") == ["Sécurité"]
    assert titles("safety", kind="link") == ["Safety policy"]
    assert titles("safety", audience="organisers") == ["Safety advanced"]
    assert titles("safety", audience="organisers", level="beginner") == []


def test_the_skill_filter_includes_narrower_skills_of_the_taxonomy():
    # In the seeded taxonomy SPARQL queries sit under Wikidata, and photography elsewhere.
    make_resource(title="Wikidata A", skills=["wikidata"])
    make_resource(title="Wikidata B", body="wikidata", skills=["sparql-queries"])
    make_resource(title="Wikidata C", body="wikidata", skills=["photography"])

    assert sorted(titles("wikidata", skill="wikidata")) == ["Wikidata A", "Wikidata B"]
    assert titles("wikidata", skill="sparql-queries") == ["Wikidata B"]
    assert titles("wikidata", skill="no-such-skill") == []


def test_only_published_resources_are_found():
    make_resource(title="Draft about safety", publish=False)
    make_resource(title="Published about safety")

    assert titles("safety") == ["Published about safety"]


def test_an_edit_replaces_the_indexed_text():
    resource = make_resource(title="Old title", body="ancient words")
    editor = UserFactory(is_staff=True)
    data = resource_input_from(resource)
    data.title, data.body = "New title", "fresh words"

    resource_update(resource=resource, editor=editor, data=data)

    assert titles("ancient") == []
    assert titles("fresh") == ["New title"]


def test_deleting_a_resource_removes_it_from_the_index():
    resource = make_resource(title="Temporary safety note")
    resource.delete()

    assert titles("temporary") == []
    assert not SearchDocument.objects.exists()


def test_rebuilding_the_index_restores_search_after_a_bulk_import():
    make_resource(title="Imported tutorial about sources")
    SearchDocument.objects.all().delete()
    assert titles("sources") == []

    assert rebuild_index() == Resource.objects.count()
    assert titles("sources") == ["Imported tutorial about sources"]


def test_search_pages_are_stable_and_counted():
    for index in range(7):
        make_resource(title=f"Guide {index}", body="community guide")

    results = library_search(text="guide", filters=Filters())
    first, second = results[0:4], results[4:8]

    assert results.count() == 7
    assert len(first) == 4 and len(second) == 3
    assert not {hit.resource.pk for hit in first} & {hit.resource.pk for hit in second}


def test_the_engine_is_the_database_own_full_text_index():
    make_resource(title="Engine check")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM library_search WHERE library_search MATCH 'engine'"
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM library_searchdocument "
                "WHERE vector @@ to_tsquery('simple', 'engine')"
            )
        assert cursor.fetchone()[0] == 1


def test_beyond_the_shortlist_title_matches_still_come_first_and_pages_cover_all(monkeypatch):
    from kuza.library import search

    monkeypatch.setattr(search, "SHORTLIST", 3)
    for index in range(6):
        make_resource(title=f"Body {index}", body="partner " * (index + 1))
    make_resource(title="Partner libraries", body="Work with them.")

    results = library_search(text="partner", filters=Filters())
    pages = [results[start : start + 3] for start in (0, 3, 6)]
    found = [hit.resource.title for page in pages for hit in page]

    assert results.count() == 7
    assert found[0] == "Partner libraries"
    assert sorted(found) == sorted({*found}) and len(found) == 7


@pytest.mark.postgres_only
def test_postgres_vectors_come_from_the_trigger_and_texts_live_out_of_the_row():
    resource = make_resource(title="Événement", summary="Préparer la salle", body="Long text")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT vector::text, lead::text FROM library_searchdocument WHERE resource_id = %s",
            [resource.pk],
        )
        vector, lead = cursor.fetchone()
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'library_searchdocument'")
        options = cursor.fetchone()[0]

    assert "'evenement':1A" in vector and "'long':" in vector
    assert "'evenement':1A" in lead and "'salle'" in lead and "'long'" not in lead
    assert "toast_tuple_target=128" in options


@pytest.mark.postgres_only
def test_a_search_leaves_the_planner_settings_of_the_enclosing_transaction_alone():
    make_resource(title="Planner check")

    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        parallel = cursor.fetchone()[0]
    assert titles("planner") == ["Planner check"]
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == parallel


def test_the_reindex_command_rewrites_documents_made_by_older_code(capsys):
    from django.core.management import call_command

    resource = make_resource(title="دليل المنظمين", body="نص", language="ar")
    # As indexed before article-free forms existed: the words as written only.
    SearchDocument.objects.filter(resource=resource).update(title="دليل المنظمين", body="نص")
    assert titles("منظمين") == []

    call_command("library_reindex")

    assert titles("منظمين") == ["دليل المنظمين"]
    assert "Indexed 1 resources." in capsys.readouterr().out
