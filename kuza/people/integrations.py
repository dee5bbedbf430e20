"""What the people app contributes to the site's shared mechanisms (see kuza/core/home.py)."""

from django.utils.translation import gettext_lazy as _

from kuza.core import home
from kuza.people import selectors

home.register(home.WAITING, "people.contact-requests", selectors.home_contact_requests)
home.register_capability(
    home.Capability(
        url_name="people:search",
        title=_("People"),
        summary=_("Find people by skill, language and country, and get in touch."),
        order=10,
    )
)
home.register_capability(
    home.Capability(
        url_name="people:map",
        title=_("Capacity map"),
        summary=_("See where skills are across countries, as a map and a table."),
        order=12,
    )
)
