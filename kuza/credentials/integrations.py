"""What credentials contribute to the rest of Kuza (found by kuza.core.integrations)."""

from __future__ import annotations

from django.core import checks
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kuza.audience.declarations import Audience, nobody
from kuza.audience.declarations import register as register_audience
from kuza.core import home, navigation
from kuza.core.navigation import NavItem
from kuza.core.navigation import register as register_navigation
from kuza.credentials import receivers, selectors
from kuza.credentials.certificates import check_certificate_fonts
from kuza.credentials.models import Assertion

# A badge (its downloads: baked image, certificate PDF, which name the holder) is its
# holder's, and everyone's once the holder made it public and while it is not revoked.
register_audience(
    Audience(
        model=Assertion,
        published=Q(is_public=True, revoked_at__isnull=True),
        managers=("recipient",),
        people=("recipient",),
        hideable=False,
        sees_all=nobody,
    )
)

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
