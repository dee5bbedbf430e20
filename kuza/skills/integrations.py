"""What skills contribute to the rest of Kuza (found by kuza.core.integrations)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kuza.core import navigation
from kuza.core.navigation import NavItem
from kuza.core.navigation import register as register_navigation

register_navigation(
    NavItem(url_name="skills:list", label=_("Skills"), order=22, group=navigation.PEOPLE)
)
