import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from kuza.core import schedule, taskqueue

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Enqueue periodic jobs when they are due, and tasks deferred while the queue was "
        "unreachable (started by `kuza worker`)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Enqueue the due jobs once and exit (for cron)."
        )
        parser.add_argument(
            "--interval", type=float, default=30.0, help="Seconds between checks (default 30)."
        )

    def handle(self, *args, once: bool, interval: float, **options):
        while True:
            try:
                for name in schedule.enqueue_due():
                    self.stdout.write(f"enqueued {name}")
                    self.stdout.flush()
                if deferred := taskqueue.enqueue_deferred():
                    self.stdout.write(f"enqueued {deferred} deferred task(s)")
                    self.stdout.flush()
            except DatabaseError as error:
                if once:
                    raise
                # A database restart must not stop the scheduler; the next pass catches up.
                logger.error("scheduler pass failed, retrying in %ss: %s", interval, error)
            if once:
                return
            time.sleep(interval)
            # A long-running process must drop connections the database has closed (not on
            # the first pass: `--once` may run inside a caller's transaction, as in tests).
            close_old_connections()
