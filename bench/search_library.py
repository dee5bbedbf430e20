"""Library search at 50,000 resources: p50/p95 latency on SQLite (FTS5) and PostgreSQL.

Generates resources in four languages from the demo library's own vocabulary (titles, bodies,
and for one in ten an episode transcript), indexes them, then times 300 varied searches the
way the library page runs them: the count plus the first page of ranked results, with and
without filters, with accents, Arabic harakat, phrases and prefixes.

    .venv/bin/python bench/search_library.py                 # both engines
    .venv/bin/python bench/search_library.py --engine sqlite  # one

SQLite uses a throwaway file; PostgreSQL uses DATABASE_URL, or creates the throwaway
database --database (kuza_bench_library by default) on 127.0.0.1 (user postgres) and drops
it afterwards.

To time again on a PostgreSQL database a run already filled (kept because it was named by
DATABASE_URL), without generating anything:

    DATABASE_URL=postgres://postgres@127.0.0.1/NAME .venv/bin/python bench/search_library.py \
        --engine postgresql --existing
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
POSTGRES_ADMIN = "postgres://postgres@127.0.0.1/postgres"
POSTGRES_BENCH = "postgres://postgres@127.0.0.1/{name}"
DEFAULT_DATABASE = "kuza_bench_library"


def _vocabulary(rng: random.Random) -> dict[str, tuple[list[str], list[float]]]:
    """Per language: words and cumulative Zipf weights.

    The demo library's words, most frequent first, then a long tail of made-up words, as a
    real collection has: a few words everywhere, most words in a few documents.
    """
    from collections import Counter

    from kuza.library import demo_resources, demo_toolkits

    texts: dict[str, list[str]] = {"en": [], "fr": [], "ar": [], "sw": []}
    for entry in demo_resources.RESOURCES:
        texts[entry["language"]].append(
            " ".join([entry["title"], entry["summary"], entry["body"], entry.get("transcript", "")])
        )
    for _slug, title, summary, language, _original, steps in demo_toolkits.TOOLKITS:
        texts[language].append(" ".join([title, summary, *(" ".join(s[2]) for s in steps)]))
    syllables = {
        "en": ["ka", "ri", "mon", "sel", "ta", "ver", "lo", "pen", "dra", "ith"],
        "fr": ["cha", "mé", "lon", "ti", "è", "ran", "gue", "po", "ssi", "eur"],
        "ar": ["كا", "سـ", "مل", "تر", "نو", "قد", "بي", "عا", "رف", "حم"],
        "sw": ["ki", "mwa", "nga", "shu", "le", "ta", "za", "mbo", "ji", "wa"],
    }
    vocabularies = {}
    for language, parts in texts.items():
        counted = Counter(re.findall(r"[^\W\d_][\w'-]*", " ".join(parts)))
        words = [word for word, _count in counted.most_common()]
        tail = {
            "".join(rng.choices(syllables[language], k=rng.randint(2, 4))) for _ in range(40_000)
        }
        words += sorted(tail - set(words))
        weights = [1 / (rank + 1) ** 1.05 for rank in range(len(words))]
        cumulative, total = [], 0.0
        for weight in weights:
            total += weight
            cumulative.append(total)
        vocabularies[language] = (words, cumulative)
    return vocabularies


def _generate(count: int, rng: random.Random) -> None:
    from kuza.accounts.models import User
    from kuza.library.models import Resource
    from kuza.library.search import rebuild_index

    vocabularies = _vocabulary(rng)

    def text(language: str, count: int) -> str:
        words, cumulative = vocabularies[language]
        return " ".join(rng.choices(words, cum_weights=cumulative, k=count))

    languages = ["en"] * 5 + ["fr"] * 3 + ["ar"] + ["sw"]
    author = User.objects.create(username="bench-author")
    kinds = [Resource.Kind.TUTORIAL] * 6 + [Resource.Kind.LINK] * 2 + [Resource.Kind.FILE]
    batch = []
    started = time.perf_counter()
    for index in range(count):
        language = rng.choice(languages)
        kind = Resource.Kind.EPISODE if index % 10 == 0 else rng.choice(kinds)
        batch.append(
            Resource(
                kind=kind,
                title=text(language, rng.randint(4, 9)),
                summary=text(language, 12),
                body=text(language, rng.randint(120, 320)),
                transcript=text(language, 900) if kind == Resource.Kind.EPISODE else "",
                url="https://example.org/r" if kind != Resource.Kind.TUTORIAL else "",
                language=language,
                level=rng.choice(Resource.Level.values),
                audience=rng.choice(Resource.Audience.values),
                status=Resource.Status.PUBLISHED if rng.random() < 0.9 else Resource.Status.DRAFT,
                author=author,
            )
        )
        if len(batch) == 2000:
            Resource.objects.bulk_create(batch)
            batch = []
    Resource.objects.bulk_create(batch)
    created = time.perf_counter()
    indexed = rebuild_index()
    _maintain()
    print(
        f"  generated {count} resources in {created - started:.1f} s, "
        f"indexed {indexed} in {time.perf_counter() - created:.1f} s"
    )


def _maintain() -> None:
    """What a production database does on its own after a bulk load: fresh planner statistics
    (autovacuum's ANALYZE) and, for FTS5, merged index segments."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO library_search(library_search) VALUES ('optimize')")
            cursor.execute("ANALYZE")
        else:
            # rebuild_index() rewrote every search document: autovacuum would clear the dead
            # rows and set the visibility map that bitmap scans of the matches rely on.
            # VACUUM cannot run in a transaction (the tiny mode runs inside a test's): there,
            # fresh statistics are all a few hundred rows need.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


QUERIES = [
    "wikidata",
    "Wikidata",
    "edit-a-thon",
    "sources",
    "safety contacts",
    "événement",
    "evenement",
    "sécurité",
    "securite",
    "référence",
    "mafunzo",
    "makala Kiswahili",
    "مُدَوَّنَة",
    "مدونة",
    "السلوك",
    '"friendly space policy"',
    "wiki*",
    "part*",
    "women scientists",
    "deletion nominated",
    "photos consent",
    'edit "a thon',
    "a AND (b",
    "NEAR(x y)",
    "*",
    "zebra",
]
FILTERS = [
    {},
    {},
    {"language": "en"},
    {"language": "fr"},
    {"kind": "episode"},
    {"level": "beginner"},
    {"language": "fr", "level": "intermediate"},
]


def _time_searches(samples: int, rng: random.Random) -> list[tuple[float, str, dict, str]]:
    from kuza.library.selectors import Filters, library_search

    timings = []
    for _ in range(samples):
        text = rng.choice(QUERIES)
        chosen = rng.choice(FILTERS)
        started = time.perf_counter()
        results = library_search(text=text, filters=Filters(**chosen))
        page = results[0:15]
        results.count()
        total = results.total()
        [hit.resource.title for hit in page]
        matches = f"{'~' if total.estimated else ''}{total.number}"
        timings.append(((time.perf_counter() - started) * 1000, text, chosen, matches))
    return timings


def run_engine(count: int, samples: int, *, existing: bool = False) -> None:
    os.environ["KUZA_HOME"] = tempfile.mkdtemp(prefix="kuza-bench-library-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuza.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "-v", "0")
    measure(count, samples, existing=existing)


def measure(count: int, samples: int, *, existing: bool = False) -> None:
    """Generate the resources (unless `existing`: a previous run's are there), then time
    the searches on the configured database (migrated)."""
    from django.db import connection

    from kuza.library.models import Resource

    rng = random.Random(2026)  # noqa: S311 - reproducible benchmark data
    print(f"{connection.vendor}:")
    if existing:
        _maintain()
        print(f"  {Resource.objects.count()} resources already there")
    else:
        _generate(count, rng)
    _time_searches(min(20, samples), rng)  # warm the caches
    runs = sorted(_time_searches(samples, rng), key=lambda run: run[0])
    timings = [run[0] for run in runs]
    p50 = statistics.median(timings)
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    print(
        f"  {samples} searches (count + first page of 15): "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms "
        f"(load average {', '.join(f'{load:.2f}' for load in os.getloadavg())})"
    )
    seen = set()
    print("  slowest queries:")
    for elapsed, text, chosen, matches in reversed(runs):
        if (text, str(chosen)) in seen:
            continue
        seen.add((text, str(chosen)))
        print(f"    {elapsed:7.1f} ms  {matches:>7} matches  {text!r} {chosen or ''}")
        if len(seen) == 5:
            break


def _postgres(statement: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
        admin.execute(statement)


def _identifier(name: str) -> str:
    """A database name quoted for SQL; only plain names are accepted."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", name):
        raise SystemExit(f"--database: not a plain database name: {name!r}")
    return f'"{name}"'


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--resources", type=int, default=50_000)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument(
        "--database",
        default=DEFAULT_DATABASE,
        help="PostgreSQL database to create and drop when DATABASE_URL is unset "
        f"(default {DEFAULT_DATABASE})",
    )
    parser.add_argument(
        "--existing",
        action="store_true",
        help="time the searches on the resources already in DATABASE_URL's database "
        "(a previous run's), generating none",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--tiny", action="store_true", help="200 resources, 10 searches (the test suite runs this)"
    )
    arguments = parser.parse_args(argv)
    if arguments.tiny:
        arguments.resources, arguments.samples = 200, 10
    wrong_engine = arguments.engine != "postgresql" or not os.environ.get("DATABASE_URL")
    if arguments.existing and not arguments.child and wrong_engine:
        parser.error("--existing needs --engine postgresql and DATABASE_URL")
    return arguments


def main(argv: list[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    if arguments.child:
        run_engine(arguments.resources, arguments.samples, existing=arguments.existing)
        return
    engines = ["sqlite", "postgresql"] if arguments.engine == "both" else [arguments.engine]
    for engine in engines:
        environment = dict(os.environ)
        created_database = False
        if engine == "sqlite":
            environment.pop("DATABASE_URL", None)
        elif not environment.get("DATABASE_URL"):
            database = _identifier(arguments.database)
            _postgres(f"DROP DATABASE IF EXISTS {database}")
            _postgres(f"CREATE DATABASE {database}")
            environment["DATABASE_URL"] = POSTGRES_BENCH.format(name=arguments.database)
            created_database = True
        command = [
            sys.executable,
            __file__,
            "--child",
            f"--resources={arguments.resources}",
            f"--samples={arguments.samples}",
            *(["--existing"] if arguments.existing else []),
        ]
        try:
            subprocess.run(command, env=environment, check=True)  # noqa: S603
        finally:
            if created_database:
                _postgres(f"DROP DATABASE IF EXISTS {_identifier(arguments.database)}")


if __name__ == "__main__":
    main()
