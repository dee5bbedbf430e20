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


def test_an_api_rate_must_be_a_count_per_period(monkeypatch):
    monkeypatch.setenv("KUZA_API_RATE_ANONYMOUS", "100000/m")
    assert config.get("KUZA_API_RATE_ANONYMOUS") == "100000/m"
    monkeypatch.setenv("KUZA_API_RATE_ANONYMOUS", "fast")
    with pytest.raises(config.ConfigError, match="KUZA_API_RATE_ANONYMOUS"):
        config.get("KUZA_API_RATE_ANONYMOUS")
