"""What the credentials app contributes to the site's shared mechanisms (see kuza/core/home.py)."""

from django.utils.translation import gettext_lazy as _

from kuza.core import home
from kuza.credentials import selectors

home.register(home.NEXT, "credentials.new-badges", selectors.home_new_badges)
home.register_capability(
    home.Capability(
        url_name="credentials:index",
        title=_("Badges and certificates"),
        summary=_("Get recognised with open badges and certificates anyone can verify."),
        order=34,
    )
)
