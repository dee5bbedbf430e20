from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "kuza.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        from kuza.campaigns import (
            integrations,  # noqa: F401 (registers this app's home items on import)
            registrations,
            selectors,
        )
        from kuza.campaigns.models import Campaign
        from kuza.campaigns.tasks import sync_active_campaigns, sync_interval
        from kuza.core import navigation, schedule
        from kuza.core.navigation import NavItem, register
        from kuza.safety import reportables

        registrations.register_translatable_content()
        register(
            NavItem(
                url_name="campaigns:list", label=_("Campaigns"), order=60, group=navigation.GATHER
            )
        )
        schedule.register(
            "campaigns.sync-active", every=sync_interval(), task=sync_active_campaigns
        )
        reportables.register(
            reportables.Reportable(
                kind="campaign",
                model=Campaign,
                label=_("a campaign"),
                describe=lambda campaign: campaign.name,
                person_of=selectors.campaign_creator,
                url_of=lambda campaign: campaign.get_absolute_url(),
                # A campaign moderators hid is its organisers' alone: not named by its id.
                reportable_by=lambda campaign, user: (
                    selectors.campaigns_visible_to(user).filter(pk=campaign.pk).exists()
                ),
            )
        )
