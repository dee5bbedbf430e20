"""What people contribute to the rest of Kuza (found by kuza.core.integrations)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kuza.core.navigation import NavItem
from kuza.core.navigation import register as register_navigation

register_navigation(NavItem(url_name="people:search", label=_("People"), order=20))
register_navigation(
    NavItem(url_name="people:organisation_list", label=_("Organisations"), order=21)
)
register_navigation(NavItem(url_name="people:map", label=_("Capacity map"), order=23))
register_navigation(NavItem(url_name="people:inbox", label=_("Inbox"), order=24, members_only=True))
