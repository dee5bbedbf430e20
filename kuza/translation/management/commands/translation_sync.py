from django.core.management.base import BaseCommand

from kuza.translation import registry, services


class Command(BaseCommand):
    help = (
        "Bring the translation units of every registered object up to date with its source "
        "(after data migrations, QuerySet.update() or raw SQL). Safe to repeat."
    )

    def handle(self, *args, **options):
        changed = 0
        for spec in registry.registered():
            for obj in spec.model._default_manager.iterator(chunk_size=200):
                changed += services.translation_sync_source(obj=obj).changed
        self.stdout.write(f"{changed} object(s) had new or changed source text.")
