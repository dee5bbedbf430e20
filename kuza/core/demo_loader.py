"""The demo community: each app adds its part in a `demo.py` with `load(community)`.

Apps load in INSTALLED_APPS order, so a later feature can build on people created earlier.
"""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction

DEMO_PASSWORD = "kuza-demo"  # noqa: S105 - demo accounts only; printed by `kuza run`
DEMO_ORGANISER = "amina"


@dataclass
class DemoCommunity:
    """What earlier loaders created, for later loaders to build on."""

    rng: random.Random = field(default_factory=lambda: random.Random(2026))  # noqa: S311
    users: dict = field(default_factory=dict)
    organisations: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


def is_loaded() -> bool:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username=DEMO_ORGANISER).exists()


def load_demo() -> DemoCommunity:
    """Load every app's demo data in one transaction; all or nothing."""
    community = DemoCommunity()
    with transaction.atomic():
        for app_config in apps.get_app_configs():
            if not app_config.name.startswith("kuza."):
                continue
            try:
                module = importlib.import_module(f"{app_config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app_config.name}.demo":
                    raise
                continue
            module.load(community)
    return community
