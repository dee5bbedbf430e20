"""Page weight and server time of every page reachable from the navigation, with demo data.

Prints, per page, the compressed HTML+CSS weight (budget 14 KB) and the median and p95 time
to render it over repeated requests, for an anonymous visitor and the demo organiser.

    .venv/bin/python bench/pages.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pages", type=int, default=400, help="most pages timed per visitor")
    parser.add_argument(
        "--tiny", action="store_true", help="5 pages once each (the test suite runs this)"
    )
    arguments = parser.parse_args(argv)
    if arguments.tiny:
        arguments.repeat, arguments.pages = 1, 5
    return arguments


def main(argv: list[str] | None = None) -> None:
    arguments = parse_arguments(argv)

    os.environ["KUZA_HOME"] = tempfile.mkdtemp(prefix="kuza-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuza.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from kuza.core.catalogs import compile_catalogs

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    compile_catalogs()
    call_command("migrate", "-v", "0")
    call_command("demo")
    measure(arguments)


def measure(arguments: argparse.Namespace) -> None:
    """Time every page the visitor and the demo organiser reach (demo community loaded)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from kuza.core.demo_loader import DEMO_ORGANISER
    from kuza.core.tests.test_page_budget import crawl

    organiser = get_user_model().objects.get(username=DEMO_ORGANISER)
    print(f"{'who':<10} {'page':<45} {'gzip B':>7} {'p50 ms':>7} {'p95 ms':>7}")
    for who in ("anonymous", "organiser"):
        client = Client()
        if who == "organiser":
            client.force_login(organiser)
        for report in crawl(client, limit=arguments.pages):
            timings = []
            for _ in range(arguments.repeat):
                started = time.perf_counter()
                client.get(report.url)
                timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
            print(
                f"{who:<10} {report.url[:45]:<45} {report.compressed_bytes:>7} "
                f"{statistics.median(timings):>7.1f} {p95:>7.1f}"
            )


if __name__ == "__main__":
    main()
