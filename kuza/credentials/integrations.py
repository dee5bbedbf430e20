"""What credentials contribute to the rest of Kuza (found by kuza.core.integrations)."""

from __future__ import annotations

from django.core import checks
from django.utils.translation import gettext_lazy as _

from kuza.core.navigation import NavItem
from kuza.core.navigation import register as register_navigation
from kuza.credentials import receivers
from kuza.credentials.certificates import check_certificate_fonts

# One entry keeps the shared header small; the badges page links to "My badges".
register_navigation(NavItem(url_name="credentials:index", label=_("Badges"), order=60))

# The one listener of the achievements event; it also tells other apps which badges are on offer.
receivers.connect()

# `kuza check` (Django's system checks) says when certificates cannot find their fonts.
checks.register(check_certificate_fonts)
