from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kuza.translation import services
from kuza.translation.catalog import ImportOutcome
from kuza.translation.problem_messages import UPLOAD_PROBLEMS


class Command(BaseCommand):
    help = (
        "Import translations from a PO or XLIFF file exported by Kuza: "
        "kuza translation-import FILE --language fr. Conflicts and unknown units are listed, "
        "never imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--language", required=True, help="Language code, e.g. fr, sw, ar.")
        parser.add_argument(
            "--format",
            choices=[file_format.value for file_format in services.FileFormat],
            help="po or xliff; guessed from the file when left out.",
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error}") from error
        file_format = options["format"] or services.guess_file_format(path.name, data)
        try:
            report = services.translation_import(
                user=None, data=data, language=options["language"], file_format=file_format
            )
        except services.TranslationFileError as error:
            raise CommandError(" ".join(UPLOAD_PROBLEMS.texts(error.problems))) from error
        except services.TranslationError as error:
            raise CommandError(str(error)) from error
        for outcome in ImportOutcome:
            self.stdout.write(f"{outcome.value}: {len(report.with_outcome(outcome))}")
        for result in report.duplicates:
            translations = " | ".join(repr(text) for text in result.file_translations)
            self.stdout.write(
                f"conflict {result.entry.context}: the file gives different translations: "
                f"{translations}"
            )
        for result in report.source_conflicts:
            self.stdout.write(
                f"conflict {result.entry.context}: the source is now {result.current_source!r}, "
                f"the file has {result.entry.source!r}"
            )
        for result in report.unknown:
            self.stdout.write(f"unknown {result.entry.context}")
