"""Hashtag matching: whole words only, either hash sign, any letter case."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuza.campaigns.hashtags import has_hashtag, is_word_char, normalize_hashtag


@pytest.mark.parametrize(
    ("comment", "tag", "expected"),
    [
        ("Adding quotes #SheSaid", "SheSaid", True),
        ("#shesaid", "SheSaid", True),  # case-insensitive
        ("#SHESAID", "shesaid", True),
        ("＃SheSaid", "SheSaid", True),  # full-width sign from CJK keyboards
        ("＃shesaid", "#SheSaid", True),  # tag given with its sign
        ("nukuu #SheSaid", "＃SheSaid", True),  # ...or with the full-width sign
        ("#SheSaid, #WPWP", "SheSaid", True),  # punctuation after the tag is fine
        ("(#SheSaid)", "SheSaid", True),
        ("#SheSaid.", "SheSaid", True),
        ("#SheSaid-2025", "SheSaid", True),  # a hyphen is punctuation
        ("/* Quotes */ #SheSaid", "SheSaid", True),
        ("##SheSaid", "SheSaid", True),  # a doubled sign is not a letter
        ("#SheSaid2 then #SheSaid", "SheSaid", True),  # a later real occurrence counts
        ("#SheSaid2", "SheSaid", False),  # a longer tag is another campaign
        ("#SheSaid_2025", "SheSaid", False),
        ("#SheSaidHello", "SheSaid", False),
        ("foo#SheSaid", "SheSaid", False),  # inside a word
        ("foo＃SheSaid", "SheSaid", False),
        ("SheSaid", "SheSaid", False),  # no sign
        ("# SheSaid", "SheSaid", False),
        ("#SheSai", "SheSaid", False),
        ("", "SheSaid", False),
        ("ajout #قالت", "قالت", True),  # Arabic
        ("#हिंदी विकि", "हिंदी", True),  # Devanagari with vowel signs
        # Vowel sign U+0902 continues the word, although Python's \w would call it a boundary.
        ("#हिंदी", "हि", False),
        ("#می\u200cخواهم", "می", False),  # Persian ZWNJ joins the word
        ("#Cafe\u0301", "Cafe", False),  # a combining accent continues the word
        ("#İstanbul", "İstanbul", True),
    ],
)
def test_hashtag_table(comment: str, tag: str, expected: bool) -> None:
    assert has_hashtag(comment, tag) is expected


@pytest.mark.parametrize("tag", ["", "#", "＃", "  ", "She Said", "She-Said", "#She#Said"])
def test_impossible_tags_are_refused(tag: str) -> None:
    with pytest.raises(ValueError, match="hashtag"):
        normalize_hashtag(tag)


def test_non_text_is_refused() -> None:
    with pytest.raises(ValueError, match="comment must be a string"):
        has_hashtag(None, "SheSaid")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="hashtag must be a string"):
        has_hashtag("#x", 42)  # type: ignore[arg-type]


def test_normalize_hashtag_strips_one_sign_and_composes() -> None:
    assert normalize_hashtag(" ＃Cafe\u0301 ") == "Café"
    assert normalize_hashtag("SheSaid") == "SheSaid"


ascii_tags = st.text(alphabet=string.ascii_letters + string.digits + "_", min_size=1, max_size=12)
word_chars = st.characters(categories=["L", "N", "Mn", "Mc"]) | st.sampled_from("_\u200c")
surroundings = st.text(max_size=20)


@settings(max_examples=80)
@given(tag=ascii_tags, before=surroundings, after=surroundings, sign=st.sampled_from("#＃"))
def test_a_tag_between_spaces_always_matches(tag: str, before: str, after: str, sign: str) -> None:
    assert has_hashtag(f"{before} {sign}{tag} {after}", tag)


@settings(max_examples=80)
@given(tag=ascii_tags, sign=st.sampled_from("#＃"))
def test_letter_case_never_matters(tag: str, sign: str) -> None:
    comment = f"edit {sign}{tag.swapcase()}"
    assert has_hashtag(comment, tag) and has_hashtag(comment, tag.upper())


@settings(max_examples=80)
@given(tag=ascii_tags, extra=word_chars)
def test_a_word_character_on_either_side_breaks_the_match(tag: str, extra: str) -> None:
    assert is_word_char(extra)
    assert not has_hashtag(f"#{tag}{extra}", tag)
    assert not has_hashtag(f"{extra}#{tag}", tag)


@settings(max_examples=80)
@given(comment=st.text(max_size=30), tag=ascii_tags)
def test_no_sign_no_match(comment: str, tag: str) -> None:
    bare = comment.replace("#", "").replace("＃", "")
    assert not has_hashtag(bare, tag)
