"""Hashtag matching for campaign edit summaries, e.g. `#SheSaid` in a Wikiquote edit comment.

A tag matches only as a whole word so that `#SheSaid2` or `foo#SheSaid` never credit a
`#SheSaid` campaign. "Word character" is wider than Python's `\\w`: combining marks and the
zero-width joiners are part of words in Devanagari, Bengali, Persian and other scripts that
Wikimedia campaigns run in, and treating them as boundaries would split a tag in two.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

# Both the ASCII sign and the full-width one typed by Chinese and Japanese input methods.
HASH_SIGNS = "#＃"
_JOINERS = frozenset("\u200c\u200d")  # ZWNJ / ZWJ, used inside words in Persian and Indic scripts


def is_word_char(char: str) -> bool:
    """Whether `char` continues a word, so a hashtag next to it is not a whole word."""
    if char.isalnum() or char == "_":
        return True
    # Most summaries are ASCII around the tag; skip the Unicode database lookup for them.
    return not char.isascii() and (char in _JOINERS or unicodedata.category(char)[0] == "M")


def normalize_hashtag(tag: str) -> str:
    """Return the tag without its sign, NFC-normalised; raise ValueError if it cannot be a tag.

    Organisers type tags with or without the sign, so one leading sign is dropped. MediaWiki
    stores edit summaries in NFC, so the tag is brought to NFC to compare like with like.
    """
    if not isinstance(tag, str):
        raise ValueError(f"hashtag must be a string, got {type(tag).__name__}")
    text = unicodedata.normalize("NFC", tag.strip())
    if text and text[0] in HASH_SIGNS:
        text = text[1:]
    if not text:
        raise ValueError("hashtag is empty")
    bad = [char for char in text if not is_word_char(char)]
    if bad:
        raise ValueError(
            f"hashtag {tag!r} contains {bad[0]!r}; a hashtag is letters, digits and underscores"
        )
    return text


@lru_cache(maxsize=64)
def hashtag_matcher(tag: str) -> Callable[[str], bool]:
    """Build a fast predicate `comment -> bool` for one tag; cached because campaigns reuse tags.

    The regex finds candidates case-insensitively; the boundary test is done by hand because
    `\\b` uses Python's narrower notion of a word character (see the module docstring).
    """
    bare = normalize_hashtag(tag)
    search = re.compile(f"[{HASH_SIGNS}]{re.escape(bare)}", re.IGNORECASE).search

    def matches(comment: str) -> bool:
        found = search(comment)
        while found is not None:
            start, end = found.span()
            if (start == 0 or not is_word_char(comment[start - 1])) and (
                end == len(comment) or not is_word_char(comment[end])
            ):
                return True
            found = search(comment, start + 1)
        return False

    return matches


def has_hashtag(comment: str, tag: str) -> bool:
    """Whether `comment` carries `tag` (with `#` or `＃`) as a whole word, ignoring case.

    `tag` may be given with or without its sign. Punctuation after the tag is fine
    (`#SheSaid,` and `#SheSaid-2025` match); a letter, digit, underscore or combining mark
    on either side is not (`#SheSaid2`, `foo#SheSaid`).
    """
    if not isinstance(comment, str):
        raise ValueError(f"comment must be a string, got {type(comment).__name__}")
    return hashtag_matcher(tag)(comment)
