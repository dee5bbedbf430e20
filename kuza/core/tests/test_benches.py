"""Every bench/ script still runs: its tiny mode prints its figures (never timed here)."""

import importlib.util
import re
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench"
MILLISECONDS = r"\d+\.\d ms"


def load_bench(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_bench_script_is_covered_here():
    covered = {"search", "search_library", "pages", "campaigns", "swaps"}

    assert {path.stem for path in BENCH.glob("*.py")} == covered


@pytest.mark.django_db
def test_people_search_bench_prints_search_and_map_percentiles(capsys):
    bench = load_bench("search")

    bench.measure(bench.parse_arguments(["--tiny", "--slowest", "2"]))

    printed = capsys.readouterr().out
    assert "200 profiles, 5 queries each (after 2 untimed)" in printed
    assert re.search(rf"people search\s+p50\s+{MILLISECONDS}\s+p95\s+{MILLISECONDS}", printed)
    assert re.search(rf"capacity map\s+p50\s+{MILLISECONDS}\s+p95\s+{MILLISECONDS}", printed)
    # The slowest of each, with who asked and what: where a p95 comes from.
    slowest = re.findall(rf"^\s+{MILLISECONDS}  (visitor|member|organiser) +\S", printed, re.M)
    assert len(slowest) == 4, printed
    assert re.search(r"-> \d+ matches", printed), printed


@pytest.mark.django_db
def test_library_search_bench_prints_its_percentiles_and_slowest_queries(capsys):
    bench = load_bench("search_library")
    arguments = bench.parse_arguments(["--tiny"])

    bench.measure(arguments.resources, arguments.samples)

    printed = capsys.readouterr().out
    assert re.search(r"10 searches .*: p50 \d+\.\d ms, p95 \d+\.\d ms", printed)
    assert re.search(r"slowest queries:\n\s+\d+\.\d ms\s+~?\d+ matches", printed)


@pytest.mark.django_db
def test_pages_bench_prints_weight_and_time_of_pages(capsys, demo_community):
    bench = load_bench("pages")

    bench.measure(bench.parse_arguments(["--tiny"]))

    rows = re.findall(
        r"^(anonymous|organiser)\s+(/\S*)\s+(\d+)\s+[\d.]+\s+[\d.]+$", capsys.readouterr().out, re.M
    )
    assert [who for who, _url, _weight in rows] == ["anonymous"] * 5 + ["organiser"] * 5
    assert all(0 < int(weight) <= 14 * 1024 for _who, _url, weight in rows)


@pytest.mark.django_db
def test_campaigns_bench_prints_sync_requests_and_metrics_time(capsys):
    from kuza.campaigns.testing import mediawiki_missing_reason

    if (reason := mediawiki_missing_reason()) is not None:
        pytest.skip(reason)
    bench = load_bench("campaigns")

    bench.measure(bench.parse_arguments(["--tiny"]))

    printed = capsys.readouterr().out
    assert re.search(r"Kuza sync:\s+\d+ requests\s+\d+\.\d+ s \(2 revisions stored", printed)
    assert "loaded 2000 revisions" in printed
    assert re.search(
        r"campaign metrics \(summed in SQL, \d part\(s\) at once\): .* for 2000 revisions", printed
    )
    assert "same metrics from both paths" in printed
    # 120 articles: 3 pageprops and 3 wbgetentities requests of at most 50.
    assert re.search(
        r"women's share of 120 articles: 6 requests \(wiki 3, Wikidata 3\) [\d.]+ s .*"
        r"\d+ women of 120 biographies, share \d+\.\d %",
        printed,
    )


def test_swaps_bench_prints_greedy_repacked_and_exact_plans(capsys):
    bench = load_bench("swaps")

    bench.main(["--tiny"])

    printed = capsys.readouterr().out
    assert "pool of 40 people" in printed
    for plan in ("greedy", "repacked", "exact"):
        assert re.search(rf"^\s+{plan}\s+\d+\.\d+ s\s+served", printed, re.M), plan
