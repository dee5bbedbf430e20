from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "kuza.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        from kuza.campaigns import registrations
        from kuza.campaigns.tasks import sync_active_campaigns, sync_interval
        from kuza.core import schedule
        from kuza.core.navigation import NavItem, register

        registrations.register_translatable_content()
        register(NavItem(url_name="campaigns:list", label=_("Campaigns"), order=60))
        schedule.register(
            "campaigns.sync-active", every=sync_interval(), task=sync_active_campaigns
        )
