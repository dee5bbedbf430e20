from django.core.management.base import BaseCommand

from kuza.safety import moderation


class Command(BaseCommand):
    help = "Reactivate members whose suspension has ended (run it hourly, e.g. from cron)."

    def handle(self, *args, **options) -> None:
        lifted = moderation.suspensions_lift_expired()
        self.stdout.write(f"{lifted} suspension(s) lifted.")
