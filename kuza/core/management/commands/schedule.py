import time

from django.core.management.base import BaseCommand

from kuza.core import schedule


class Command(BaseCommand):
    help = "Enqueue periodic jobs when they are due (started by `kuza worker`)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Enqueue the due jobs once and exit (for cron)."
        )
        parser.add_argument(
            "--interval", type=float, default=30.0, help="Seconds between checks (default 30)."
        )

    def handle(self, *args, once: bool, interval: float, **options):
        while True:
            for name in schedule.enqueue_due():
                self.stdout.write(f"enqueued {name}")
            if once:
                return
            time.sleep(interval)
