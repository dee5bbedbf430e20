"""Rewrite every library search document, e.g. after an upgrade changes how text is indexed."""

from django.core.management.base import BaseCommand

from kuza.library.search import rebuild_index


class Command(BaseCommand):
    help = "Re-index every library resource for full-text search."

    def handle(self, *args, **options) -> None:
        count = rebuild_index()
        self.stdout.write(f"Indexed {count} resources.")
