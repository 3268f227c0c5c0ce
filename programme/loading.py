"""Reading a programme file from disk and saving it: shared by the management commands."""

from pathlib import Path

from django.db import transaction

from programme import services
from programme.importer import parse_programme, parse_targets
from programme.models import Revision

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_2021 = FIXTURES / "work-programme-2021.txt"
SEED_2021_TARGETS = FIXTURES / "work-programme-2021-targets.txt"


def import_file(
    path: Path, *, targets: Path | None = None, year: int | None = None, user=None
) -> Revision:
    """Parse the programme text (and its targets) and save it as a draft; a line that
    cannot be read raises ProgrammeImportError before anything is written."""
    parsed = parse_programme(path.read_text(encoding="utf-8"), year=year, source=path.name)
    if targets is not None:
        parse_targets(targets.read_text(encoding="utf-8"), parsed, source=targets.name)
    with transaction.atomic():
        return services.programme_import(user=user, parsed=parsed)
