"""People search and capacity map at 1,000 and 100,000 profiles: p50/p95 over varied queries.

Generates the people (realistic mixes of skills, languages, countries and visibilities) in
the configured database, then times the main people search (count + first page, as the
search page does) and the capacity map aggregation, for members, organisers and visitors.

    createdb -h 127.0.0.1 -U postgres kuza_bench
    DATABASE_URL=postgres://postgres@127.0.0.1/kuza_bench .venv/bin/python bench/search.py

By default it times two sizes in one run (`--sizes 1000,100000`), each in its own database
(the largest in DATABASE_URL's, a smaller one in `<name>_<size>`, created when missing), and
prints the ratio of the p95s: a cost that grows with the data shows as a ratio well above 1.
Each size is timed after `--warmup` untimed searches and maps (a running server's state: the
database's pages in memory, Python's lazy caches filled), so that a process just started and
a database just generated or vacuumed do not count as the cost of a search.
`--people N` times one size in DATABASE_URL's database only.

Without DATABASE_URL it uses throwaway SQLite files. Generated data is kept, so a second
run only times (--regenerate to start again).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

COUNTRIES = {  # country: (weight, languages spoken there, with weights)
    "KE": (14, {"sw": 8, "en": 9, "ki": 2}),
    "NG": (16, {"en": 9, "yo": 4, "ig": 3, "ha": 3, "pcm": 4}),
    "GH": (7, {"en": 9, "tw": 4, "ee": 2}),
    "UG": (6, {"en": 9, "lg": 4, "sw": 3}),
    "TZ": (6, {"sw": 9, "en": 5}),
    "ET": (5, {"am": 9, "en": 5, "om": 3}),
    "CM": (5, {"fr": 9, "en": 5}),
    "CI": (4, {"fr": 9, "dyu": 3}),
    "SN": (4, {"fr": 9, "wo": 6}),
    "BJ": (3, {"fr": 9, "fon": 5}),
    "CD": (5, {"fr": 9, "ln": 6, "sw": 4}),
    "MA": (5, {"ar": 9, "fr": 7, "zgh": 3}),
    "TN": (3, {"ar": 9, "fr": 7}),
    "EG": (5, {"ar": 9, "en": 5}),
    "ZA": (6, {"en": 9, "zu": 5, "xh": 4, "af": 3}),
    "FR": (4, {"fr": 9, "en": 5}),
    "IN": (2, {"en": 8, "hi": 7}),
    "BR": (2, {"pt": 9}),
}


def weighted(rng: random.Random, options: dict) -> str:
    return rng.choices(list(options), weights=list(options.values()))[0]


def generate(count: int, rng: random.Random) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from kuza.people.models import (
        Membership,
        Organisation,
        Profile,
        ProfileLanguage,
        SkillClaim,
        Visibility,
    )
    from kuza.safety.models import Block, SafetyPreferences
    from kuza.skills.models import Skill

    user_model = get_user_model()
    skills = list(Skill.objects.all())
    # Some skills are far more common than others (Wikipedia editing vs. Lua modules).
    skill_weights = [rng.paretovariate(1.2) for _skill in skills]
    password = make_password("bench-password")
    organisations = [
        Organisation(slug=f"bench-group-{n}", name=f"Bench group {n}", kind="user_group")
        for n in range(200)
    ]
    Organisation.objects.bulk_create(organisations)
    organisations = list(Organisation.objects.filter(slug__startswith="bench-group-"))
    batch = 5000
    started = time.perf_counter()
    for offset in range(0, count, batch):
        size = min(batch, count - offset)
        with transaction.atomic():
            users = user_model.objects.bulk_create(
                [user_model(username=f"bench{offset + n}", password=password) for n in range(size)]
            )
            profiles = []
            for user in users:
                country = weighted(rng, {code: row[0] for code, row in COUNTRIES.items()})
                roll = rng.random()
                visibility = (
                    Visibility.PUBLIC
                    if roll < 0.2
                    else Visibility.MEMBERS
                    if roll < 0.9
                    else Visibility.MENTORS_AND_ORGANISERS
                    if roll < 0.96
                    else Visibility.ONLY_ME
                )
                profiles.append(
                    Profile(
                        user=user,
                        display_name=f"Person {user.pk} {rng.choice('ABCDEFGHIJKLMNOPRSTUWYZ')}",
                        country=country,
                        region=rng.choice(["North", "South", "East", "West", "Capital"]),
                        availability_hours=rng.choice([None, 2, 4, 8, 10, 16, 20, 40]),
                        visibility=visibility,
                        skills_visibility=rng.choice([0, 1, 1, 1, 2]),
                        location_visibility=rng.choice([0, 1, 1, 1, 2]),
                        languages_visibility=rng.choice([0, 1, 1, 1, 2]),
                    )
                )
            profiles = Profile.objects.bulk_create(profiles)
            languages, claims, memberships = [], [], []
            for profile in profiles:
                spoken = COUNTRIES[profile.country][1]
                for position, tag in enumerate(
                    dict.fromkeys(weighted(rng, spoken) for _n in range(rng.randint(1, 3)))
                ):
                    languages.append(
                        ProfileLanguage(profile=profile, tag=tag, proficiency=4 - min(position, 2))
                    )
                chosen = {
                    skill.pk: skill
                    for skill in rng.choices(skills, weights=skill_weights, k=rng.randint(1, 8))
                }
                for skill in chosen.values():
                    level = rng.choice([None, 1, 2, 2, 3, 3, 4])
                    claims.append(
                        SkillClaim(
                            profile=profile,
                            skill=skill,
                            level=level,
                            knows=level is not None,
                            wants_to_learn=level is None or rng.random() < 0.15,
                            can_mentor=bool(level and level >= 3 and rng.random() < 0.5),
                            offers_service=bool(level and level >= 3 and rng.random() < 0.2),
                        )
                    )
                if rng.random() < 0.3:
                    memberships.append(
                        Membership(
                            organisation=rng.choice(organisations),
                            user_id=profile.user_id,
                            role="organiser" if rng.random() < 0.03 else "member",
                        )
                    )
            ProfileLanguage.objects.bulk_create(languages)
            SkillClaim.objects.bulk_create(claims)
            Membership.objects.bulk_create(memberships, ignore_conflicts=True)
            # One in twenty leaves the map (a safety preference, not a profile field).
            SafetyPreferences.objects.bulk_create(
                [
                    SafetyPreferences(user_id=user.pk, hide_from_map=True)
                    for user in users
                    if rng.random() < 0.05
                ]
            )
            ids = [user.pk for user in users]
            Block.objects.bulk_create(
                [
                    Block(blocker_id=rng.choice(ids), blocked_id=rng.choice(ids))
                    for _n in range(size // 100)
                ],
                ignore_conflicts=True,
            )
        print(f"  {offset + size} people ({time.perf_counter() - started:.0f} s)", flush=True)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sizes",
        default="1000,100000",
        help="comma-separated sizes timed in one run, each in its own database",
    )
    parser.add_argument("--people", type=int, help="time this one size only")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--warmup", type=int, default=50, help="untimed searches and maps before the timed ones"
    )
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument(
        "--without-relationship-sources",
        action="store_true",
        help="time without other apps' relationship sources (e.g. mentorship), to see their share",
    )
    parser.add_argument(
        "--slowest",
        type=int,
        default=0,
        metavar="N",
        help="also print the N slowest searches and maps, with their viewer and filters",
    )
    parser.add_argument(
        "--tiny", action="store_true", help="200 people, 5 queries (the test suite runs this)"
    )
    arguments = parser.parse_args(argv)
    if arguments.tiny:
        arguments.people, arguments.queries, arguments.warmup = 200, 5, 2
    return arguments


def _database_for(size: int, largest: int) -> dict[str, str]:
    """Environment for timing `size`: the largest size in DATABASE_URL's own database."""
    url = os.environ.get("DATABASE_URL", "")
    if size == largest:
        return {"DATABASE_URL": url} if url else {}
    if not url:
        return {"KUZA_HOME": tempfile.mkdtemp(prefix=f"kuza-bench-{size}-")}
    import dj_database_url
    import psycopg

    settings = dj_database_url.parse(url)
    name = f"{settings['NAME']}_{size}"
    with psycopg.connect(url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return {"DATABASE_URL": url.rsplit("/", 1)[0] + "/" + name}


def run_sizes(arguments: argparse.Namespace, argv: list[str]) -> None:
    """Time each size in a child process of its own and compare the p95s."""
    sizes = sorted(int(size) for size in arguments.sizes.split(","))
    p95: dict[int, dict[str, float]] = {}
    passed = [arg for arg in argv if arg in ("--regenerate", "--without-relationship-sources")]
    passed += ["--slowest", str(arguments.slowest)] if arguments.slowest else []
    for size in sizes:
        print(f"--- {size:,} profiles", flush=True)
        command = [sys.executable, __file__, "--people", str(size)]
        command += ["--queries", str(arguments.queries), "--warmup", str(arguments.warmup)]
        command += passed
        environment = {**os.environ, **_database_for(size, sizes[-1])}
        child = subprocess.run(
            command, env=environment, capture_output=True, text=True, check=False
        )
        print(child.stdout, end="", flush=True)
        if child.returncode:
            print(child.stderr, file=sys.stderr)
            raise SystemExit(child.returncode)
        for line in child.stdout.splitlines():
            for name in ("people search", "capacity map"):
                if line.startswith(name):
                    p95.setdefault(size, {})[name] = float(line.split("p95")[1].split("ms")[0])
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        print(f"--- p95 at {small:,} and {large:,} profiles")
        for name in ("people search", "capacity map"):
            low, high = p95[small][name], p95[large][name]
            print(f"{name:14} {low:7.1f} ms   {high:7.1f} ms   ratio {high / max(low, 0.1):.2f}")
    print(f"load average: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    arguments = parse_arguments(argv)
    if arguments.people is None:
        run_sizes(arguments, argv)
        return
    home = tempfile.mkdtemp(prefix="kuza-bench-")
    os.environ.setdefault("KUZA_HOME", home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuza.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    measure(arguments)


def measure(arguments: argparse.Namespace) -> None:
    """Generate the people if needed, then time the searches and maps (database migrated)."""
    from django.contrib.auth.models import AnonymousUser
    from django.core.paginator import Paginator
    from django.db import connection

    from kuza.people.capacity import MapFilter, capacity_map
    from kuza.people.models import Membership, Profile
    from kuza.people.selectors import PeopleQuery, people_search, profile_cards
    from kuza.skills.models import Skill, SkillCategory
    from kuza.skills.selectors import skill_with_descendants_ids

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    if arguments.without_relationship_sources:
        from kuza.people import visibility

        for source in list(visibility._relationship_sources):
            visibility.unregister_relationship_source(source)
        print("relationship sources of other apps: left out")
    if arguments.people is None:
        arguments.people = 100_000
    existing = Profile.objects.filter(user__username__startswith="bench").count()
    if arguments.regenerate or existing != arguments.people:
        if existing:
            from django.contrib.auth import get_user_model

            from kuza.people.models import Organisation

            get_user_model().objects.filter(username__startswith="bench").delete()
            Organisation.objects.filter(slug__startswith="bench-group-").delete()
        print(f"generating {arguments.people} people…")
        generate(arguments.people, random.Random(7))
        from kuza.people import listing

        started = time.perf_counter()
        listing.rebuild()  # bulk_create sent no signals
        print(f"  precomputed map counts rebuilt ({time.perf_counter() - started:.0f} s)")
        if connection.vendor == "postgresql":
            # What autovacuum does on a running site: the rebuild above rewrote every profile
            # and claim, and until the dead rows are gone every scan reads them twice. (Not
            # inside a transaction, where VACUUM cannot run: the test suite's tiny run.)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    rng = random.Random(11)
    skills = list(Skill.objects.all())
    categories = list(SkillCategory.objects.all())
    organisers = list(
        Membership.objects.filter(role="organiser").values_list("user", flat=True)[:50]
    )
    members = list(
        Profile.objects.filter(user__username__startswith="bench").values_list("user", flat=True)[
            :2000
        ]
    )
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.in_bulk(organisers + members)

    def viewer():
        roll = rng.random()
        if roll < 0.15:
            return AnonymousUser()
        if roll < 0.35 and organisers:
            return users[rng.choice(organisers)]
        return users[rng.choice(members)]

    def search_query() -> PeopleQuery:
        skill = rng.choice(skills) if rng.random() < 0.8 else None
        return PeopleQuery(
            skill_ids=frozenset(skill_with_descendants_ids(skill)) if skill else None,
            exact_skill_id=skill.pk if skill else None,
            role=rng.choice([None, "mentor", "learner", "service", "knows"]),
            language=rng.choice([None, None, "sw", "fr", "ar", "yo", "en", "wo"]),
            country=rng.choice([None, None, *COUNTRIES]),
            min_hours=rng.choice([None, None, None, 4, 10]),
        )

    def map_filter() -> MapFilter:
        roll = rng.random()
        language = rng.choice([None, None, "sw", "fr", "ar"])
        if roll < 0.5:
            return MapFilter.for_skill(rng.choice(skills), language)
        if roll < 0.8:
            return MapFilter.for_category(rng.choice(categories), language)
        return MapFilter(language=language)

    searches, maps = [], []  # (milliseconds, who asked, what, how many matched)
    for n in range(arguments.warmup + arguments.queries):
        who, query = viewer(), search_query()
        started = time.perf_counter()
        page = Paginator(people_search(viewer=who, query=query), 20).get_page(1)
        profile_cards(who, page.object_list)
        searched = (time.perf_counter() - started) * 1000
        who_maps, flt = viewer(), map_filter()
        started = time.perf_counter()
        capacity_map(who_maps, flt)
        mapped = (time.perf_counter() - started) * 1000
        if n >= arguments.warmup:  # the first ones warm the caches, untimed
            searches.append((searched, who, query, page.paginator.count))
            maps.append((mapped, who_maps, flt, None))
    total = Profile.objects.count()
    print(f"{total} profiles, {arguments.queries} queries each (after {arguments.warmup} untimed)")
    for name, timed in (("people search", searches), ("capacity map", maps)):
        samples = [milliseconds for milliseconds, *_rest in timed]
        print(
            f"{name:14} p50 {statistics.median(samples):7.1f} ms   "
            f"p95 {percentile(samples, 0.95):7.1f} ms   max {max(samples):7.1f} ms"
        )
    for name, timed in (("searches", searches), ("maps", maps)):
        if arguments.slowest:
            print(f"slowest {name}:")
        for milliseconds, who, what, found in sorted(timed, key=lambda row: -row[0])[
            : arguments.slowest
        ]:
            asked_by = _who(who, organisers)
            matches = "" if found is None else f" -> {found} matches"
            print(f"  {milliseconds:7.1f} ms  {asked_by:9} {_described(what)}{matches}")


def _who(viewer, organisers: list[int]) -> str:
    if not viewer.is_authenticated:
        return "visitor"
    return "organiser" if viewer.pk in organisers else "member"


def _described(what) -> str:
    """The filters that were set, with a skill by name and its number of descendants."""
    from kuza.skills.models import Skill

    parts = []
    for name, value in vars(what).items():
        if value is None:
            continue
        if name == "skill_ids":
            parts.append(f"{len(value)} skill(s)")
        elif name == "exact_skill_id":
            parts.append(f"skill={Skill.objects.get(pk=value).name!r}")
        else:
            parts.append(f"{name}={value!r}")
    return " ".join(parts) or "(no filter)"


if __name__ == "__main__":
    main()
