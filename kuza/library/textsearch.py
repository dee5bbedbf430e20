"""Text normalisation and safe query building for library search; no Django here.

Both search engines see the same text: documents and queries go through `normalise` first.

Why normalise ourselves when SQLite's `unicode61 remove_diacritics 2` tokenizer and
PostgreSQL's `unaccent` already fold accents? Neither removes Arabic harakat (fatha, damma,
shadda, sukun...): both keep "مُدَوَّنَة" as a different word from "مدونة" (checked on SQLite 3.40
and PostgreSQL 15). Folding in one pure function makes the two engines agree, for every
script, and lets us test the rules without a database. The engines' own folding stays on as a
second line of defence.

`parse_query` turns anything a person types into a small structure (words, phrases, prefixes)
that is compiled into each engine's syntax from scratch, so no user input ever reaches the
engine as syntax: quotes, AND/OR/NOT/NEAR, `-`, `^`, `:`, `(`, `*` in odd places are all just
text, and the compiled query never raises.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

# Arabic letters folded as search engines for Arabic usually do (Lucene's ArabicNormalizer):
# alef wasla -> alef, alef maksura -> yeh, teh marbuta -> heh. Alef with hamza or madda
# decomposes under NFKD into alef plus a combining mark, which is then dropped.
_ARABIC_FOLDS = str.maketrans({"\u0671": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647"})
_TATWEEL = "\u0640"
_WORD = re.compile(r"[^\W_]+")
# Words joined by hyphens or apostrophes: edit-a-thon, l'edition, l’edition.
_COMPOUND = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)+")
_QUERY_PIECE = re.compile(r'"([^"]*)"|(\S+)')
MAX_QUERY_TERMS = 12
# A prefix ("wiki*") needs this many letters: "w*" or "wi*" would stand for a good part of
# every language's words. A shorter one is searched as a whole word, and the reader is told.
MIN_PREFIX_LENGTH = 3
# A prefix stands for at most this many indexed words (the first in alphabetical order):
# its cost stays bounded however many words begin the same way. The reader is told.
MAX_PREFIX_WORDS = 50
# Arabic writes the definite article (and "and the", "with the", "like the", "so the",
# "for the") joined to its noun: "المدونة" is "the code", "مدونة" is "a code". Without
# stripping it, a search for one never finds the other. Light stemming as Lucene's
# ArabicStemmer does it: longest prefix first, at least two letters must remain.
_ARABIC_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_ARABIC_STEM_REST = 2


def normalise(text: str) -> str:
    """Fold case, accents and Arabic diacritics so that spelling variants match.

    "Événement" -> "evenement", "MAFUNZO" -> "mafunzo", "مُدَوَّنَة" -> "مدونه".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        char
        for char in decomposed
        if char != _TATWEEL and not unicodedata.category(char).startswith("M")
    )
    return unicodedata.normalize("NFC", kept.translate(_ARABIC_FOLDS).casefold())


def words(text: str) -> list[str]:
    """The words of already-normalised text: runs of letters and digits."""
    return _WORD.findall(text)


def compounds(text: str) -> list[str]:
    """The hyphenated and apostrophe words of normalised text, joined ("editathon").

    Documents index them next to their parts and a typed compound searches for the joined
    form: one lookup in the index, where a phrase ("edit" then "a" then "thon") makes the
    engine check word positions in every document that has all three words.
    """
    return ["".join(words(match)) for match in _COMPOUND.findall(text)]


def without_article(word: str) -> str:
    """An Arabic word of normalised text without its joined definite article, else the word.

    "المدونه" -> "مدونه", "والمنظمين" -> "منظمين", "للمنظمين" -> "منظمين"; "الف" and
    words in other scripts are unchanged.
    """
    for article in _ARABIC_ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= _ARABIC_STEM_REST:
            return word[len(article) :]
    return word


def article_free_forms(text: str) -> list[str]:
    """The Arabic words of normalised text that carry an article, without it.

    Documents index them next to the words as written, and a one-word query searches for
    the article-free form: "مدونة" and "المدونة" then find each other.
    """
    return [stem for word in words(text) if (stem := without_article(word)) != word]


@dataclass(frozen=True)
class Term:
    """Words that must appear together (one word, or a quoted phrase); maybe as a prefix.

    A prefix term's `expansions` are the indexed words it stands for (`expand_prefixes`);
    without them the engines' own prefix matching is used.
    """

    words: tuple[str, ...]
    prefix: bool = False
    expansions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Query:
    terms: tuple[Term, ...]
    # Words typed with `*` whose prefix was too short: searched as whole words.
    short_prefixes: tuple[str, ...] = ()
    # Prefixes that begin more than MAX_PREFIX_WORDS words: only the first ones are searched.
    broad_prefixes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.terms)


def parse_query(raw: str) -> Query:
    """What someone typed -> terms that must all match.

    - "quoted words" are a phrase (an unbalanced quote is just a character);
    - a word ending in `*` matches as a prefix ("wiki*" finds Wikidata), if long enough;
    - a hyphenated or apostrophe word is its joined form ("edit-a-thon" -> "editathon");
    - an Arabic word outside quotes loses its joined article ("المدونة" -> "مدونه");
    - everything else (operators, brackets, punctuation) is ignored as syntax.
    """
    terms: list[Term] = []
    seen: set[Term] = set()
    short: list[str] = []
    for match in _QUERY_PIECE.finditer(raw or ""):
        phrase, bare = match.groups()
        piece = phrase if phrase is not None else bare
        prefix = phrase is None and bare.endswith("*")
        folded = normalise(piece)
        found = words(folded)
        if not found:
            continue
        if phrase is None and len(found) > 1:
            joined = compounds(folded)
            if len(joined) == 1 and words(_COMPOUND.search(folded).group()) == found:
                # "edit-a-thon", "l'édition": the joined form documents index (compounds).
                found = joined
            else:
                # "a.b", "x/y": the parts must follow each other, as a phrase.
                prefix = False
        if phrase is None and len(found) == 1:
            found = [without_article(found[0])]
        prefix = prefix and len(found) == 1
        if prefix and len(found[0]) < MIN_PREFIX_LENGTH:
            prefix = False
            if found[0] not in short:
                short.append(found[0])
        term = Term(words=tuple(found), prefix=prefix)
        if term not in seen:
            seen.add(term)
            terms.append(term)
        if len(terms) == MAX_QUERY_TERMS:
            break
    return Query(terms=tuple(terms), short_prefixes=tuple(short))


def prefix_bounds(prefix: str) -> tuple[str, str]:
    """The range [low, high) of strings beginning with `prefix`, in code point order (SQLite's
    BINARY and PostgreSQL's "C" collations): "wiki" -> ("wiki", "wikj")."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def expand_prefixes(query: Query, words_beginning: Callable[[str, int], list[str]]) -> Query:
    """`query` with each prefix term bound to the indexed words it stands for.

    `words_beginning(prefix, limit)` returns up to `limit` indexed words beginning with
    `prefix`, in alphabetical order. A prefix beginning more than MAX_PREFIX_WORDS words keeps
    the first MAX_PREFIX_WORDS and is noted in `broad_prefixes`. A prefix no indexed word
    begins keeps the engine's own prefix matching (it matches nothing either way).
    """
    terms, broad = [], []
    for term in query.terms:
        if term.prefix:
            found = words_beginning(term.words[0], MAX_PREFIX_WORDS + 1)
            if len(found) > MAX_PREFIX_WORDS:
                broad.append(term.words[0])
                found = found[:MAX_PREFIX_WORDS]
            term = replace(term, expansions=tuple(found))
        terms.append(term)
    return replace(query, terms=tuple(terms), broad_prefixes=tuple(broad))


def to_fts5(query: Query) -> str:
    """SQLite FTS5 MATCH expression: every term double-quoted, implicitly ANDed."""
    parts = []
    for term in query.terms:
        # Words hold only letters and digits, so they cannot contain a double quote.
        if term.expansions:
            parts.append("(" + " OR ".join(f'"{word}"' for word in term.expansions) + ")")
            continue
        quoted = '"' + " ".join(term.words) + '"'
        parts.append(quoted + ("*" if term.prefix else ""))
    return " ".join(parts)


def has_phrase(query: Query) -> bool:
    """Whether a term of `query` is words in a row (a phrase), which only documents' word
    positions can confirm."""
    return any(len(term.words) > 1 for term in query.terms)


def to_tsquery(query: Query, *, in_order: bool = True) -> str:
    """PostgreSQL to_tsquery() text: lexemes single-quoted, phrases with <->, ANDed with &.

    `in_order=False` drops the phrases' word order (their words ANDed): a query every match
    of `query` matches too, that a GIN index answers without reading any document.
    """
    join = " <-> " if in_order else " & "
    parts = []
    for term in query.terms:
        if term.expansions:
            parts.append("(" + " | ".join(f"'{word}'" for word in term.expansions) + ")")
            continue
        lexemes = [f"'{word}'" for word in term.words]
        if term.prefix:
            lexemes[-1] += ":*"
        parts.append(lexemes[0] if len(lexemes) == 1 else "(" + join.join(lexemes) + ")")
    return " & ".join(parts)


def about(count: float) -> int:
    """An estimated count rounded to two significant digits, as a reader takes it in:
    21,237 -> 21,000; 1,468 -> 1,500; 87 -> 87."""
    count = round(count)
    if count < 100:
        return count
    scale = 10 ** (len(str(count)) - 2)
    return round(count / scale) * scale


def estimated_matches(*, kept: int, lowest: int, newest: int, oldest: int) -> int:
    """How many matches the whole collection holds, from the newest `kept` ones alone.

    The newest `kept` matches took the ids from `lowest` to `newest`; ids run from `oldest`
    to `newest`. Matches are taken to be as dense among older ids as among newer ones.
    Never fewer than `kept` + 1: the caller knows there are more.
    """
    return max(kept + 1, estimated_sample(found=kept, lowest=lowest, newest=newest, oldest=oldest))


def estimated_sample(*, found: int, lowest: int, newest: int, oldest: int) -> int:
    """How many matches the whole collection holds when the ids from `lowest` to `newest`
    were searched and held `found` (ids run from `oldest` to `newest`), as densely among the
    older ids; never fewer than `found`."""
    covered = max(1, newest - lowest + 1)
    span = max(covered, newest - oldest + 1)
    return max(found, about(found * span / covered))
