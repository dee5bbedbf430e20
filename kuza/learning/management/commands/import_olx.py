"""`kuza import-olx PATH`: create or update a course from an Open edX export."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kuza.learning.importing import olx_import
from kuza.learning.olx import OlxError
from kuza.people.models import Organisation


class Command(BaseCommand):
    help = (
        "Import an Open edX course export (a folder or .tar.gz). Importing the same course "
        "again updates it. Prints what needs an author's attention, then a JSON summary."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="export folder or .tar.gz archive")
        parser.add_argument(
            "--organisation",
            default="",
            help="short name of the organisation whose organisers manage a new course",
        )

    def handle(self, *args, path: Path, organisation: str, **options) -> None:
        owner = None
        if organisation:
            owner = Organisation.objects.filter(slug=organisation).first()
            if owner is None:
                raise CommandError(f"no organisation with the short name {organisation!r}")
        try:
            result = olx_import(path=path, organisation=owner)
        except OlxError as error:
            raise CommandError(str(error)) from error
        for line in result.report:
            self.stderr.write(line)
        self.stdout.write(json.dumps(result.summary, indent=2, ensure_ascii=False))
