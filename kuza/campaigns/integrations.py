"""What campaigns contribute to the rest of Kuza (found by kuza.core.integrations)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kuza.audience.declarations import Audience
from kuza.audience.declarations import register as register_audience
from kuza.campaigns import awards, selectors
from kuza.campaigns.models import Campaign, Series
from kuza.campaigns.tasks import sync_active_campaigns, sync_interval
from kuza.core import home, navigation, schedule
from kuza.core.navigation import NavItem
from kuza.core.navigation import register as register_navigation
from kuza.safety import reportables
from kuza.translation import registry

# Campaigns are public (what they show is public wiki activity) unless moderators hid them;
# organisers always see theirs. Participants are named through the presenter.
register_audience(Audience(model=Campaign, managers=("organisers",), people=("organisers",)))
# A series (its name, and its editions added up) is public too unless moderators hid it; the
# organisers of its editions always see it. Its page lists only the editions one may see.
register_audience(Audience(model=Series, managers=("editions__organisers",)))

# Readers see a campaign's texts in their language.
registry.register(
    Campaign,
    fields={"name": registry.PLAIN, "description": registry.MARKDOWN},
    source_language=lambda campaign: campaign.language,
    title=lambda campaign: campaign.name,
)

register_navigation(
    NavItem(url_name="campaigns:list", label=_("Campaigns"), order=60, group=navigation.GATHER)
)
# On the settings page: each campaign's leaderboard, and invitation lists.
register_navigation(
    NavItem(
        url_name="campaigns:my_choices",
        label=_("My campaign choices: leaderboards and invitation lists"),
        members_only=True,
        group=navigation.SETTINGS,
    )
)

schedule.register("campaigns.sync-active", every=sync_interval(), task=sync_active_campaigns)

reportables.register(
    reportables.Reportable(
        kind="campaign",
        model=Campaign,
        label=_("a campaign"),
        describe=lambda campaign: campaign.name,
        person_of=selectors.campaign_creator,
        url_of=lambda campaign: campaign.get_absolute_url(),
    )
)

reportables.register(
    reportables.Reportable(
        kind="campaign-series",
        model=Series,
        label=_("a series of campaigns"),
        describe=lambda series: series.name,
        url_of=lambda series: series.get_absolute_url(),
    )
)

# The personal home (kuza/core/home.py): what waits, what is next, what is offered.
home.register(home.NEXT, "campaigns.mine", selectors.home_my_campaigns)
home.register(home.WAITING, "campaigns.invitations", selectors.home_campaign_invitations)
home.register_capability(
    home.Capability(
        url_name="campaigns:list",
        title=_("Campaigns"),
        summary=_("Edit-a-thons and writing contests with live figures from the wikis."),
        order=40,
    )
)
# Participation, for badge rules to pick a campaign and apply to the past.
awards.register()
