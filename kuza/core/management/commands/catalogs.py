from django.core.management.base import BaseCommand, CommandError

from kuza.core import catalogs


class Command(BaseCommand):
    help = (
        "Translation catalogs: 'update' extracts strings, 'check' lists missing translations, "
        "'compile' builds the .mo files."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["update", "check", "compile"])

    def handle(self, *args, action: str, **options):
        if action == "compile":
            count = catalogs.compile_catalogs()
            self.stdout.write(f"Compiled {count} catalog(s).")
        elif action == "update":
            catalogs.update_catalogs()
            self.stdout.write("Catalogs updated; translate the new entries, then compile.")
        else:
            problems = catalogs.check_catalogs()
            for problem in problems:
                self.stdout.write(str(problem))
            if problems:
                raise CommandError(f"{len(problems)} catalog entries need translation.")
            self.stdout.write("All catalogs are complete.")
