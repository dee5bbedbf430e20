from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kuza.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from kuza.accounts.models import CodeOfConduct, ConductAcceptance
        from kuza.accounts.selectors import forget_acceptance, forget_current_conduct

        # Cached answers every page reads (selectors.has_accepted_current_conduct).
        post_save.connect(forget_current_conduct, sender=CodeOfConduct)
        post_delete.connect(forget_current_conduct, sender=CodeOfConduct)
        post_delete.connect(forget_acceptance, sender=ConductAcceptance)
