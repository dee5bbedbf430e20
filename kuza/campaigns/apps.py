from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "kuza.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        from kuza.campaigns import registrations, selectors
        from kuza.campaigns.models import Campaign
        from kuza.campaigns.tasks import sync_active_campaigns, sync_interval
        from kuza.core import schedule
        from kuza.core.navigation import NavItem, register
        from kuza.safety import reportables

        registrations.register_translatable_content()
        from kuza.campaigns import awards

        # Participation, for badge rules to pick a campaign and apply to the past.
        awards.register()
        register(NavItem(url_name="campaigns:list", label=_("Campaigns"), order=60))
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
