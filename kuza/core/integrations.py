"""What each Kuza app contributes to the others, declared in one module per app.

Every installed Kuza app may have ``kuza/<app>/integrations.py``. It is imported once, at start
up, from ``CoreConfig.ready()`` (as Django's admin finds each app's ``admin.py``), after every
model is loaded and in ``INSTALLED_APPS`` order. Importing it registers, at module level, what
the app adds to the shared mechanisms:

- audience declarations (``kuza.audience``): who may see the app's content;
- reportable content (``kuza.safety.reportables``), block effects (``safety.block_effects``);
- translatable fields (``kuza.translation.registry``);
- navigation entries (``kuza.core.navigation``) and personal-home items;
- periodic jobs (``kuza.core.schedule``);
- signal receivers that tie the app to another one's events.

So adding a kind of content touches one file, and ``apps.py`` stays a plain AppConfig.
"""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

MODULE_NAME = "integrations"
KUZA_PACKAGE = "kuza."


def kuza_app_configs() -> list:
    return [config for config in apps.get_app_configs() if config.name.startswith(KUZA_PACKAGE)]


def autodiscover() -> list[str]:
    """Import every Kuza app's integrations module; return the names imported (in order)."""
    imported = []
    for config in kuza_app_configs():
        if module_has_submodule(config.module, MODULE_NAME):
            name = f"{config.name}.{MODULE_NAME}"
            import_module(name)
            imported.append(name)
    return imported
