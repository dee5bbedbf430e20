"""Skipping for missing services or data: fine on a laptop, a failure in CI (KUZA_NO_SKIPS)."""

from __future__ import annotations

import pytest


def require(condition: object, reason: str) -> None:
    """Skip the calling test with `reason` unless `condition` holds.

    The suite's conftest turns any skip into a failure when KUZA_NO_SKIPS is set, as in CI.
    """
    if not condition:
        pytest.skip(reason)
