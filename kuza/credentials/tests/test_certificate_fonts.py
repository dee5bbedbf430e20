"""Certificates render on any machine: Kuza ships its fonts, and `kuza check` says when the
fonts it is told to use are missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from kuza.credentials import certificates


def test_the_fonts_come_with_kuza_with_their_licence(settings):
    settings.KUZA_CERTIFICATE_FONT_DIR = ""
    package = Path(certificates.__file__).resolve().parent

    fonts = certificates.find_fonts()

    assert set(fonts) == {"latin", "latin-bold", "arabic", "ethiopic", "devanagari"}
    assert all(path.is_relative_to(package) for path in fonts.values())
    licence = (package / "data" / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License, Version 1.1" in licence
    assert "PERMISSION & CONDITIONS" in licence


def test_the_system_check_names_missing_fonts(settings, tmp_path):
    settings.KUZA_CERTIFICATE_FONT_DIR = str(tmp_path)

    [error] = certificates.check_certificate_fonts()

    assert error.id == "credentials.E001"
    assert "NotoSansEthiopic-Regular.ttf" in error.msg and str(tmp_path) in error.msg
    with pytest.raises(SystemCheckError, match="credentials.E001"):
        call_command("check")


def test_kuza_check_reports_a_missing_runtime_piece(tmp_path):
    root = Path(certificates.__file__).resolve().parents[2]
    environment = {
        **os.environ,
        "PYTHONPATH": str(root),
        "KUZA_HOME": str(tmp_path),
        "KUZA_CERTIFICATE_FONT_DIR": str(tmp_path / "no-fonts"),
    }
    environment.pop("DATABASE_URL", None)

    result = subprocess.run(
        [sys.executable, "-m", "kuza.cli", "check"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "credentials.E001" in result.stderr + result.stdout
