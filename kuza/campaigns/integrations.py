"""What the campaigns app contributes to the site's shared mechanisms (see kuza/core/home.py)."""

from django.utils.translation import gettext_lazy as _

from kuza.campaigns import selectors
from kuza.core import home

home.register(home.NEXT, "campaigns.mine", selectors.home_my_campaigns)
home.register_capability(
    home.Capability(
        url_name="campaigns:list",
        title=_("Campaigns"),
        summary=_("Edit-a-thons and writing contests with live figures from the wikis."),
        order=40,
    )
)
