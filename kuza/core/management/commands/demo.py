from django.core.management.base import BaseCommand, CommandError

from kuza.core.demo_loader import DEMO_ORGANISER, DEMO_PASSWORD, is_loaded, load_demo


class Command(BaseCommand):
    help = "Load the demo community (organisers, members, user groups and each feature's data)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing, successfully, when the demo is already loaded.",
        )

    def handle(self, *args, **options):
        if is_loaded():
            if options["if_empty"]:
                self.stdout.write("Demo community already loaded.")
                return
            raise CommandError("The demo community is already loaded in this database.")
        community = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo community loaded: {len(community.users)} people, "
                f"{len(community.organisations)} organisations. "
                f"Log in as {DEMO_ORGANISER!r} with password {DEMO_PASSWORD!r}."
            )
        )
