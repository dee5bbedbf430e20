"""The pure normaliser and query builder: folding rules, and queries that never break."""

import sqlite3
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuza.library.textsearch import (
    MAX_PREFIX_WORDS,
    Query,
    Term,
    about,
    article_free_forms,
    compounds,
    estimated_matches,
    estimated_sample,
    expand_prefixes,
    has_phrase,
    normalise,
    parse_query,
    prefix_bounds,
    to_fts5,
    to_tsquery,
    without_article,
    words,
)

HARAKAT = [chr(code) for code in range(0x064B, 0x0653)] + ["\u0670"]
ARABIC_LETTERS = [chr(code) for code in range(0x0628, 0x063B)] + ["\u0627", "\u0644", "\u0645"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Événement", "evenement"),
        ("ÉTÉ à Dakar", "ete a dakar"),
        ("Mafunzo YA Wikipedia", "mafunzo ya wikipedia"),
        ("Straße", "strasse"),
        ("مُدَوَّنَة", "مدونه"),
        ("مدونة", "مدونه"),
        ("أحمد إلى آمنة", "احمد الي امنه"),
        ("كـــتـــاب", "كتاب"),
        ("ٱلسلام", "السلام"),
    ],
)
def test_normalise_folds_case_accents_and_arabic_diacritics(text, expected):
    assert normalise(text) == expected


@given(st.text())
def test_normalise_is_idempotent_and_leaves_no_combining_marks(text):
    once = normalise(text)

    assert normalise(once) == once
    assert not any(unicodedata.category(char) == "Mn" for char in once)


@given(
    st.lists(st.sampled_from(ARABIC_LETTERS), min_size=1, max_size=12),
    st.data(),
)
def test_harakat_anywhere_never_change_an_arabic_word(letters, data):
    plain = "".join(letters)
    voweled = "".join(
        letter + "".join(data.draw(st.lists(st.sampled_from(HARAKAT), max_size=2)))
        for letter in letters
    )

    assert normalise(voweled) == normalise(plain)


@given(st.text(alphabet="aeiouAEIOUcnCN", min_size=1, max_size=20), st.data())
def test_latin_accents_and_case_never_change_a_word(base, data):
    accents = ["\u0301", "\u0300", "\u0302", "\u0308", "\u0327", "\u0303", ""]
    accented = "".join(char + data.draw(st.sampled_from(accents)) for char in base).upper()

    assert normalise(unicodedata.normalize("NFC", accented)) == base.lower()


def test_parse_query_keeps_words_phrases_and_prefixes_and_drops_syntax():
    query = parse_query('"Wiki data"  edit* OR (NOT -safety) ^title: NEAR(a b) é')

    assert query.terms == (
        Term(words=("wiki", "data")),
        Term(words=("edit",), prefix=True),
        Term(words=("or",)),
        Term(words=("not",)),
        Term(words=("safety",)),
        Term(words=("title",)),
        Term(words=("near", "a")),
        Term(words=("b",)),
        Term(words=("e",)),
    )


@pytest.mark.parametrize("raw", ["", "   ", "***", '"', '""', "()", "-", "^:"])
def test_parse_query_of_nothing_searchable_is_empty(raw):
    assert not parse_query(raw)


def test_hyphenated_and_apostrophe_words_search_their_joined_form():
    assert parse_query("edit-a-thon l'édition l’Édition edit-a-th*").terms == (
        Term(words=("editathon",)),
        Term(words=("ledition",)),
        Term(words=("editath",), prefix=True),
    )
    assert compounds(normalise("Un edit-a-thon sur l’édition, pas a.b")) == [
        "editathon",
        "ledition",
    ]


@pytest.mark.parametrize(
    "word,expected",
    [
        ("المدونه", "مدونه"),
        ("والمنظمين", "منظمين"),
        ("بالمراجع", "مراجع"),
        ("كالكتاب", "كتاب"),
        ("فالحدث", "حدث"),
        ("للمنظمين", "منظمين"),
        ("مدونه", "مدونه"),
        ("الف", "الف"),  # two letters must remain: not an article
        ("ال", "ال"),
        ("wikidata", "wikidata"),
    ],
)
def test_the_joined_arabic_article_is_stripped_only_from_long_enough_words(word, expected):
    assert without_article(word) == expected


def test_arabic_documents_index_and_queries_search_the_article_free_form():
    assert article_free_forms(normalise("كيف تضيف المراجع للمنظمين")) == ["مراجع", "منظمين"]
    assert parse_query("المدونة السلوك*").terms == (
        Term(words=("مدونه",)),
        Term(words=("سلوك",), prefix=True),
    )
    # Inside quotes the words stay as written: the phrase matches the text itself.
    assert parse_query('"المدونة السلوك"').terms == (Term(words=("المدونه", "السلوك")),)


def test_other_punctuation_inside_a_word_still_makes_a_phrase():
    assert parse_query("a.b x/y").terms == (Term(words=("a", "b")), Term(words=("x", "y")))


def test_a_single_letter_star_is_not_a_prefix_search():
    assert parse_query("a*").terms == (Term(words=("a",), prefix=False),)


@pytest.mark.parametrize("raw", ["wi*", "Wi*", "a*", "ab* wiki"])
def test_a_prefix_shorter_than_three_letters_is_a_word_and_is_noted(raw):
    query = parse_query(raw)

    assert not any(term.prefix for term in query.terms)
    assert query.short_prefixes == (normalise(raw.split("*")[0]),)


def test_three_letters_make_a_prefix_and_nothing_is_noted():
    query = parse_query("wik*")

    assert query.terms == (Term(words=("wik",), prefix=True),) and query.short_prefixes == ()


def test_prefix_bounds_enclose_exactly_the_words_beginning_with_it():
    low, high = prefix_bounds("wiki")

    assert (low, high) == ("wiki", "wikj")
    assert all(low <= word < high for word in ["wiki", "wikidata", "wikiالف", "wiki\uffff"])
    assert not any(low <= word < high for word in ["wik", "wikj", "wikí", "wil"])


def test_a_prefix_expands_to_the_words_found_and_compiles_to_their_alternatives():
    query = expand_prefixes(
        parse_query("wiki* safety"), lambda prefix, limit: ["wiki", "wikidata"][:limit]
    )

    assert query.terms[0].expansions == ("wiki", "wikidata") and query.broad_prefixes == ()
    assert to_fts5(query) == '("wiki" OR "wikidata") "safety"'
    assert to_tsquery(query) == "('wiki' | 'wikidata') & 'safety'"


def test_a_prefix_beginning_too_many_words_keeps_the_first_ones_and_is_noted():
    many = [f"wiki{index:03d}" for index in range(MAX_PREFIX_WORDS + 10)]

    query = expand_prefixes(parse_query("wiki*"), lambda prefix, limit: many[:limit])

    assert query.terms[0].expansions == tuple(many[:MAX_PREFIX_WORDS])
    assert query.broad_prefixes == ("wiki",)


def test_a_prefix_no_indexed_word_begins_keeps_the_engines_own_prefix_match():
    query = expand_prefixes(parse_query("zzz*"), lambda prefix, limit: [])

    assert to_fts5(query) == '"zzz"*' and to_tsquery(query) == "'zzz':*"


@pytest.mark.parametrize(
    "count,expected",
    [(0, 0), (87, 87), (100, 100), (1468, 1500), (21237, 21000), (995, 1000), (123456, 120000)],
)
def test_about_rounds_to_two_significant_digits(count, expected):
    assert about(count) == expected


def test_the_estimate_scales_the_newest_matches_to_the_whole_id_range():
    # 1,000 matches among the newest 2,000 ids of 50,000: about half of them match.
    assert estimated_matches(kept=1000, lowest=48_001, newest=50_000, oldest=1) == 25_000
    # Never fewer than one more than were kept: there were more.
    assert estimated_matches(kept=3, lowest=1, newest=3, oldest=1) == 4


@given(
    kept=st.integers(1, 5000),
    oldest=st.integers(1, 1000),
    covered=st.integers(1, 10**6),
    older=st.integers(0, 10**6),
)
def test_the_estimate_is_always_more_than_was_kept(kept, oldest, covered, older):
    newest = oldest + older + covered - 1
    lowest = newest - covered + 1
    estimate = estimated_matches(kept=kept, lowest=lowest, newest=newest, oldest=oldest)

    assert estimate > kept


def test_compiled_queries_quote_every_word():
    query = Query(terms=(Term(words=("wiki", "data")), Term(words=("edit",), prefix=True)))

    assert to_fts5(query) == '"wiki data" "edit"*'
    assert to_tsquery(query) == "('wiki' <-> 'data') & 'edit':*"


def test_without_word_order_a_phrase_is_its_words_anded():
    query = parse_query('"friendly space" policy wiki*')

    assert has_phrase(query) and not has_phrase(parse_query("friendly space"))
    assert to_tsquery(query) == "('friendly' <-> 'space') & 'policy' & 'wiki':*"
    assert to_tsquery(query, in_order=False) == "('friendly' & 'space') & 'policy' & 'wiki':*"


def test_a_sample_of_the_newest_ids_is_scaled_to_the_whole_range():
    # 30 phrase matches in the newest 5,000 ids of 50,000: about 300 in all.
    assert estimated_sample(found=30, lowest=45_001, newest=50_000, oldest=1) == 300
    # None found in the sample: about none, and never fewer than were found.
    assert estimated_sample(found=0, lowest=45_001, newest=50_000, oldest=1) == 0
    assert estimated_sample(found=7, lowest=1, newest=50_000, oldest=1) == 7


def test_words_splits_on_anything_but_letters_and_digits():
    assert words("a_b c-d e'f 42") == ["a", "b", "c", "d", "e", "f", "42"]


@pytest.fixture(scope="module")
def fts5():
    connection = sqlite3.connect(":memory:")
    connection.execute(
        'CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize="unicode61 remove_diacritics 2")'
    )
    connection.execute("INSERT INTO t VALUES ('wiki data', 'edit a thon')")
    yield connection
    connection.close()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_typed_text_compiles_to_an_fts5_query_sqlite_accepts(fts5, raw):
    query = parse_query(raw)
    if query:
        fts5.execute("SELECT rowid FROM t WHERE t MATCH ?", (to_fts5(query),)).fetchall()


@pytest.mark.parametrize(
    "raw",
    ['"unbalanced', "a AND (b", "*", "wiki*", 'title:"x', "NEAR(a b, 2)", "a OR", "- NOT", "^x"],
)
def test_hostile_queries_run_on_fts5(fts5, raw):
    query = parse_query(raw)
    if query:
        fts5.execute("SELECT rowid FROM t WHERE t MATCH ?", (to_fts5(query),)).fetchall()
