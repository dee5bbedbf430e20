"""What credentials contribute to the rest of Kuza (found by kuza.core.integrations)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kuza.core.navigation import NavItem
from kuza.core.navigation import register as register_navigation
from kuza.credentials import receivers  # noqa: F401 - connects the award receivers

# One entry keeps the shared header small; the badges page links to "My badges".
register_navigation(NavItem(url_name="credentials:index", label=_("Badges"), order=60))
