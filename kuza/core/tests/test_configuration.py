import re
from pathlib import Path

import pytest

from kuza import config

README = Path(__file__).resolve().parents[3] / "README.md"


def test_readme_documents_every_environment_variable_and_no_other():
    table_names = set(re.findall(r"^\| `([A-Z_]+)` \|", README.read_text(), flags=re.MULTILINE))
    assert table_names == {option.name for option in config.OPTIONS}


def test_readme_defaults_match_the_code():
    text = README.read_text()
    for option in config.OPTIONS:
        row = re.search(rf"^\| `{option.name}` \| ([^|]*) \|", text, flags=re.MULTILINE)
        shown = row.group(1).strip().strip("`") if row else None
        assert shown == (option.default or "(empty)"), option.name


@pytest.mark.parametrize("raw,expected", [("1", True), ("yes", True), ("off", False), ("", False)])
def test_boolean_options_accept_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("KUZA_DEBUG", raw)
    assert config.get("KUZA_DEBUG") is expected


def test_a_malformed_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("PORT", "eighty")
    with pytest.raises(config.ConfigError, match="PORT: expected a whole number"):
        config.get("PORT")


@pytest.mark.parametrize(
    "environment,expected",
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8080"}, "http://127.0.0.1:8080"),
        ({"PORT": "8080", "KUZA_HOST": "0.0.0.0"}, "http://127.0.0.1:8080"),  # noqa: S104
        ({"KUZA_HOST": "192.0.2.7", "PORT": "9000"}, "http://192.0.2.7:9000"),
        ({"KUZA_HOST": "::1"}, "http://[::1]:8000"),
        (
            {"PORT": "8080", "KUZA_SITE_URL": "https://kuza.example.org/"},
            "https://kuza.example.org",
        ),
    ],
)
def test_links_follow_the_address_kuza_run_serves_unless_a_site_url_is_set(
    monkeypatch, environment, expected
):
    for name in ("KUZA_SITE_URL", "PORT", "KUZA_HOST"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)

    assert config.site_url() == expected


def test_a_server_started_on_another_port_links_to_that_port(tmp_path):
    # A fresh process, as `PORT=8080 make run` starts one: settings read the environment once.
    import os
    import subprocess
    import sys

    root = Path(config.__file__).resolve().parents[1]
    environment = {**os.environ, "PYTHONPATH": str(root), "KUZA_HOME": str(tmp_path)}
    environment.pop("KUZA_SITE_URL", None)
    environment.pop("DATABASE_URL", None)
    environment["PORT"] = "8080"
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from kuza.credentials.documents import absolute\n"
        "print(settings.SITE_URL, absolute('/badges/issuers/x.json'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={**environment, "DJANGO_SETTINGS_MODULE": "kuza.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.stdout.split() == [
        "http://127.0.0.1:8080",
        "http://127.0.0.1:8080/badges/issuers/x.json",
    ], result.stderr


def test_an_api_rate_must_be_a_count_per_period(monkeypatch):
    monkeypatch.setenv("KUZA_API_RATE_ANONYMOUS", "100000/m")
    assert config.get("KUZA_API_RATE_ANONYMOUS") == "100000/m"
    monkeypatch.setenv("KUZA_API_RATE_ANONYMOUS", "fast")
    with pytest.raises(config.ConfigError, match="KUZA_API_RATE_ANONYMOUS"):
        config.get("KUZA_API_RATE_ANONYMOUS")


def test_local_wikis_are_refused_unless_the_environment_allows_them(monkeypatch, tmp_path):
    import os
    import subprocess
    import sys

    monkeypatch.delenv("KUZA_CAMPAIGNS_ALLOW_PRIVATE_WIKIS", raising=False)
    assert config.get("KUZA_CAMPAIGNS_ALLOW_PRIVATE_WIKIS") is False

    # A fresh process, as the browser stage starts `kuza run`: the setting follows the variable.
    root = Path(config.__file__).resolve().parents[1]
    environment = {**os.environ, "PYTHONPATH": str(root), "KUZA_HOME": str(tmp_path)}
    environment.pop("DATABASE_URL", None)
    script = (
        "import django; django.setup()\n"
        "from kuza.campaigns.services import _check_public_address\n"
        "_check_public_address('http://127.0.0.1:8080/w/api.php')\n"
        "print('accepted')\n"
    )
    results = {
        allowed: subprocess.run(
            [sys.executable, "-c", script],
            cwd=tmp_path,
            env={
                **environment,
                "DJANGO_SETTINGS_MODULE": "kuza.settings",
                "KUZA_CAMPAIGNS_ALLOW_PRIVATE_WIKIS": allowed,
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        for allowed in ("true", "false")
    }

    assert results["true"].stdout.strip() == "accepted", results["true"].stderr
    assert "must start with https://" in results["false"].stderr
