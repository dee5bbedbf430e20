"""Each app's integrations.py is found without being listed, and apps.py registers nothing."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from kuza.core import integrations, navigation, schedule
from kuza.safety import reportables
from kuza.translation import registry


def test_every_kuza_app_with_an_integrations_module_has_it_imported_at_start_up():
    expected = {
        f"{config.name}.integrations"
        for config in integrations.kuza_app_configs()
        if (Path(config.path) / "integrations.py").exists()
    }
    assert {"kuza.campaigns.integrations", "kuza.library.integrations"} <= expected
    assert expected <= set(sys.modules)


def test_autodiscovery_is_idempotent_and_keeps_installed_apps_order():
    before = [item.url_name for item in navigation._items]
    found = integrations.autodiscover()
    assert found.index("kuza.people.integrations") < found.index("kuza.programs.integrations")
    assert [item.url_name for item in navigation._items] == before


def test_what_the_integrations_modules_declare_is_registered():
    assert {"campaign", "course", "library-resource", "mentorship", "person"} <= set(
        reportables._registry
    )
    assert "library.resource" in registry._registered
    assert "safety.lift-expired-suspensions" in schedule._jobs


def test_no_app_config_has_a_ready_method_but_core_which_runs_the_autodiscovery():
    with_ready = []
    for config in integrations.kuza_app_configs():
        tree = ast.parse((Path(config.path) / "apps.py").read_text())
        methods = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        if "ready" in methods:
            with_ready.append(config.label)
    assert with_ready == ["core"]
