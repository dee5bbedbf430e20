"""What credentials contribute to the rest of Kuza (found by kuza.core.integrations)."""

from __future__ import annotations

from django.core import checks
from django.utils.translation import gettext_lazy as _

from kuza.core import home, navigation
from kuza.core.navigation import NavItem
from kuza.core.navigation import register as register_navigation
from kuza.credentials import receivers, selectors
from kuza.credentials.certificates import check_certificate_fonts

# One entry keeps the shared header small; the badges page links to "My badges".
register_navigation(
    NavItem(url_name="credentials:index", label=_("Badges"), order=60, group=navigation.LEARN)
)

# The personal home (kuza/core/home.py): what waits, what is next, what is offered.
home.register(home.NEXT, "credentials.new-badges", selectors.home_new_badges)
home.register_capability(
    home.Capability(
        url_name="credentials:index",
        title=_("Badges and certificates"),
        summary=_("Get recognised with open badges and certificates anyone can verify."),
        order=34,
    )
)

# Certificates need their fonts: `kuza check` says when one is missing.
checks.register(check_certificate_fonts)
# Badges are awarded on the achievements event alone.
receivers.connect()
