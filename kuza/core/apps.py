from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kuza.core"
    label = "core"
    verbose_name = _("Kuza core")

    def ready(self) -> None:
        # Core comes first in INSTALLED_APPS, and ready() runs once every model is loaded:
        # each app's integrations.py registers what it contributes (see core/integrations.py).
        from kuza.core.integrations import autodiscover

        autodiscover()
