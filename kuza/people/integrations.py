"""What people contribute to the rest of Kuza (found by kuza.core.integrations)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kuza.core import home, navigation
from kuza.core.navigation import NavItem
from kuza.core.navigation import register as register_navigation
from kuza.core.viewers import register_fact
from kuza.people import listing, selectors

# The search and map copies (Profile.active, Profile.on_map, the map's precomputed sums) follow
# every change of what they copy.
listing.connect()

register_navigation(
    NavItem(url_name="people:search", label=_("People"), order=20, group=navigation.PEOPLE)
)
register_navigation(
    NavItem(
        url_name="people:organisation_list",
        label=_("Organisations"),
        order=21,
        group=navigation.PEOPLE,
    )
)
register_navigation(
    NavItem(url_name="people:map", label=_("Capacity map"), order=23, group=navigation.PEOPLE)
)
register_navigation(
    NavItem(
        url_name="people:inbox",
        label=_("Inbox"),
        order=24,
        members_only=True,
        group=navigation.ACCOUNT,
    )
)

# The personal home (kuza/core/home.py): what waits, what is next, what is offered.
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

# The name the home greets the member by, read with the account.
register_fact("display-name", selectors.display_name_fact)
