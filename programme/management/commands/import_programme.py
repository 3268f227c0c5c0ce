from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from programme.importer import ProgrammeImportError
from programme.loading import import_file


class Command(BaseCommand):
    help = (
        "Import a work programme from the institute's text as a draft. Stops at the first "
        "line it cannot read and saves nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the programme's text (UTF-8)")
        parser.add_argument("--year", type=int, help="refuse a text for another year")
        parser.add_argument(
            "--targets", type=Path, help="the targets file (area | goal | kind | …, one a line)"
        )

    def handle(self, *args, path: Path, year=None, targets=None, **options):
        for p in filter(None, [path, targets]):
            if not p.is_file():
                raise CommandError(f"{p}: no such file")
        try:
            revision = import_file(path, targets=targets, year=year)
        except ProgrammeImportError as exc:
            raise CommandError(f"Nothing was imported. {exc}") from exc
        except ValidationError as exc:
            raise CommandError(f"Nothing was imported. {' '.join(exc.messages)}") from exc
        counts = revision.sections.count(), sum(s.goals.count() for s in revision.sections.all())
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported the {revision.programme.year} programme as a draft: "
                f"{counts[0]} areas, {counts[1]} goals."
            )
        )
