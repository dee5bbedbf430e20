from django.core.management.base import BaseCommand

from kuza.translation.interface_corrections import write_corrections


class Command(BaseCommand):
    help = "Write the interface corrections stored in the database as gettext catalogs."

    def handle(self, *args, **options):
        write_corrections()
