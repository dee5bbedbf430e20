"""Translatable content of the foundation apps (found by kuza.core.integrations).

The code of conduct lives in accounts, which sits below this app and cannot import it, so it
is declared here; every other app declares its own content in its integrations.py.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kuza.accounts.models import CodeOfConduct
from kuza.core import home, navigation
from kuza.core.navigation import NavItem
from kuza.core.navigation import register as register_navigation
from kuza.translation import registry
from kuza.translation.selectors import localise_home_titles

registry.register(
    CodeOfConduct,
    fields={"title": registry.PLAIN, "body": registry.MARKDOWN},
    title=lambda conduct: f"{conduct.title} v{conduct.version}",
)

register_navigation(
    NavItem(
        url_name="translation:dashboard",
        label=_("Translate"),
        order=80,
        members_only=True,
        group=navigation.LIBRARY,
    )
)

# The personal home (kuza/core/home.py): what waits, what is next, what is offered.
home.register_capability(
    home.Capability(
        url_name="translation:dashboard",
        title=_("Translation"),
        summary=_("Translate courses, events and skills so everyone can read them."),
        order=52,
        members_only=True,
    )
)

# Titles of content on the personal home, in the reader's language (kuza/core/home.py).
home.register_localiser(localise_home_titles)
