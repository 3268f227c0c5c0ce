"""Participants added by staff: picked from the directory or typed in on the activity
page, added by hand on the event page, or imported from a CSV/XLSX list after a preview.
Each goes through `waitlist.registration_place`, so seats, the seats per institution and
the waiting list hold whichever page staff use; removing one is a cancellation that
frees the seat for the first person waiting."""

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from pzss.core.audit import audit_log
from pzss.core.models import (
    Activity,
    ActivityStatus,
    Institution,
    Person,
    Position,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)
from pzss.core.services.people import person_find, person_get_or_create
from pzss.events.services.decisions import registration_cancel
from pzss.events.services.waitlist import registration_place
from pzss.lib.text import TextEncodingUnknown, clean_text, decode_text
from pzss.lib.translit import to_latin
from pzss.lib.uploads import xlsx_declared_dimension, zip_uncompressed_size

# `progress(done, total)`: told how far a long import has come.
Progress = Callable[[int, int], None]


def _seated_status_for(activity: Activity) -> str | None:
    # Logging a held activity records who came; before it, who is expected.
    return RegistrationStatus.ATTENDED if activity.status == ActivityStatus.HELD else None


@transaction.atomic
def participant_add(
    *, user, activity: Activity, person: Person, source: str = RegistrationSource.STAFF
) -> Registration:
    """A person from the directory, added on the activity page."""
    registration, created = registration_place(
        activity=activity,
        person=person,
        source=source,
        user=user,
        institution=person.institution,
        position=person.position,
        seated_status=_seated_status_for(activity),
        notify=False,
    )
    if not created:
        raise ValidationError(_("%(name)s is already a participant.") % {"name": person.full_name})
    audit_log(actor=user, action="participant_add", obj=activity, comment=person.full_name)
    return registration


@transaction.atomic
def person_create_and_add(*, user, activity: Activity, data: dict) -> Registration:
    """A person typed in on the activity page: the directory's person of that e-mail (or
    name and institution), or a new one."""
    person = person_get_or_create(
        email=data.get("email") or "",
        first_name=data["first_name"],
        last_name=data["last_name"],
        institution=data.get("institution"),
        position=data.get("position") or "",
        user=user,
    )
    return participant_add(user=user, activity=activity, person=person)


@transaction.atomic
def registration_add_by_staff(
    *,
    user,
    activity: Activity,
    first_name: str,
    last_name: str,
    email: str,
    institution: Institution | None,
    position: str = "",
    seat_over_capacity: bool = False,
) -> Registration:
    """Staff add someone by hand on the event page: the admission rules and dates do not
    apply, the seats do (unless staff give a seat above the capacity on purpose)."""
    email = (email or "").strip().lower()
    if email:
        validate_email(email)
    person = person_get_or_create(
        email=email,
        first_name=first_name,
        last_name=last_name,
        institution=institution,
        position=position,
    )
    registration, created = registration_place(
        activity=activity,
        person=person,
        source=RegistrationSource.STAFF,
        user=user,
        institution=institution,
        position=position,
        seat_over_capacity=seat_over_capacity,
        comment=_("above the capacity") if seat_over_capacity else "",
    )
    if not created:
        raise ValidationError(
            _("%(name)s is already registered (%(status)s).")
            % {"name": person.full_name, "status": registration.get_status_display()}
        )
    return registration


@transaction.atomic
def participant_remove(*, user, registration: Registration) -> Registration:
    """Take a participant off the activity page: a cancellation, so the seat frees for the
    first person waiting and the registration stays on record."""
    if registration.activity.status == ActivityStatus.CANCELLED:
        # Who was registered for a cancelled activity stays on record.
        raise ValidationError(_("A cancelled activity cannot be changed."))
    registration = registration_cancel(
        registration=registration, user=user, correcting_the_record=True
    )
    audit_log(
        actor=user,
        action="participant_remove",
        obj=registration.activity,
        comment=registration.person.full_name,
    )
    return registration


# --- import -------------------------------------------------------------------------------

HEADERS = {
    "first_name": {"first_name", "ime", "име", "first name"},
    "last_name": {"last_name", "prezime", "презиме", "last name"},
    "email": {"email", "e-mail", "е-пошта", "e-pošta", "imejl", "имејл", "mail"},
    "institution": {"institution", "ustanova", "установа", "institucija", "институција"},
    "position": {
        "position",
        "pozicija",
        "позиција",
        "radno mesto",
        "радно место",
        "funkcija",
        "функција",
    },
}


@dataclass
class ImportRow:
    line: int
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    institution: str = ""
    position: str = ""
    outcome: str = "added"  # added | matched | refused
    reasons: list[str] = field(default_factory=list)
    person_id: int | None = None
    institution_id: int | None = None
    position_code: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


class ImportFileError(Exception):
    pass


# An import is read into a worker's memory: these caps, checked before anything is read,
# keep one list (or a zip bomb dressed as one) from taking the worker down. A list of
# participants is hundreds of rows; the caps are well above that.
IMPORT_MAX_ROWS = 5_000
IMPORT_MAX_CELLS = 100_000
IMPORT_MAX_UNPACKED_BYTES = 20 * 1024 * 1024


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        _("The list has more than %(rows)s rows. Split it into lists of at most %(rows)s rows.")
        % {"rows": number_format(IMPORT_MAX_ROWS, force_grouping=True)}
    )


def _too_many_cells() -> ImportFileError:
    return ImportFileError(
        _("The sheet has more than %(cells)s cells. Keep only the columns of the list.")
        % {"cells": number_format(IMPORT_MAX_CELLS, force_grouping=True)}
    )


def _check_xlsx_size(content: bytes) -> None:
    """Refuse, from the zip's directory and the sheet's declared size alone, a workbook
    that would unpack or read into more than the caps."""
    try:
        unpacked = zip_uncompressed_size(content)
        if unpacked > IMPORT_MAX_UNPACKED_BYTES:
            raise ImportFileError(
                _(
                    "The XLSX file unpacks to more than %(size)s; lists of at most %(size)s "
                    "are read."
                )
                % {"size": filesizeformat(IMPORT_MAX_UNPACKED_BYTES)}
            )
        dimension = xlsx_declared_dimension(content)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFileError(_("The XLSX file cannot be read.")) from exc
    if dimension:
        rows, columns = dimension
        if rows > IMPORT_MAX_ROWS + 1:  # the header row is not a participant
            raise _too_many_rows()
        if rows * columns > IMPORT_MAX_CELLS:
            raise _too_many_cells()


def _xlsx_rows(content: bytes) -> list[list[str]]:
    _check_xlsx_size(content)
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = wb.worksheets[0]
        rows, cells = [], 0
        # A sheet may declare no size, or a false one: count while reading as well.
        for row in sheet.iter_rows(values_only=True):
            cells += len(row)
            if len(rows) > IMPORT_MAX_ROWS:
                raise _too_many_rows()
            if cells > IMPORT_MAX_CELLS:
                raise _too_many_cells()
            rows.append(["" if c is None else clean_text(str(c)).strip() for c in row])
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(_("The XLSX file cannot be read.")) from exc
    return rows


def _csv_rows(content: bytes) -> list[list[str]]:
    try:
        text, _encoding = decode_text(content)
    except TextEncodingUnknown as exc:
        raise ImportFileError(
            _(
                "The encoding of the CSV file could not be told. Tried: %(encodings)s. "
                "Save the list as “CSV UTF-8” and upload it again."
            )
            % {"encodings": ", ".join(exc.tried)}
        ) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for row in csv.reader(io.StringIO(text), dialect):
        if len(rows) > IMPORT_MAX_ROWS:
            raise _too_many_rows()
        rows.append([clean_text(c).strip() for c in row])
    if sum(len(row) for row in rows) > IMPORT_MAX_CELLS:
        raise _too_many_cells()
    return rows


def _read_rows(name: str, content: bytes) -> list[list[str]]:
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return _xlsx_rows(content)
    if lower.endswith(".csv"):
        return _csv_rows(content)
    raise ImportFileError(_("Upload a CSV or XLSX file."))


def _position_code(label: str) -> str:
    wanted = label.strip().lower()
    if not wanted:
        return ""
    for code, name in Position.choices:
        if wanted in {code, str(name).lower()}:
            return code

    for lang in ("sr", "en"):
        with translation.override(lang):
            for code, name in Position.choices:
                if wanted in {str(name).lower(), to_latin(str(name)).lower()}:
                    return code
    return Position.OTHER


def participants_preview(
    *, activity: Activity, name: str, content: bytes, progress: Progress | None = None
) -> list[ImportRow]:
    """What an import would do, row by row; nothing is written. `progress(done, total)`
    hears of the rows as they are checked (the preview runs as a background job)."""

    rows = [r for r in _read_rows(name, content) if any(cell for cell in r)]
    if not rows:
        raise ImportFileError(_("The file is empty."))
    header = [h.strip().lower() for h in rows[0]]
    columns: dict[str, int] = {}
    for key, names in HEADERS.items():
        for idx, h in enumerate(header):
            if h in names:
                columns[key] = idx
    missing = [k for k in ("first_name", "last_name") if k not in columns]
    if missing:
        raise ImportFileError(
            _("The first row must name the columns; these are missing: %(cols)s.")
            % {"cols": ", ".join(missing)}
        )
    institutions = {}
    for inst in Institution.objects.all():
        for label in {inst.name, inst.short_name}:
            if label:
                institutions[label.lower()] = inst
                institutions[to_latin(label).lower()] = inst
    registered = set(
        Registration.objects.filter(activity=activity).values_list("person_id", flat=True)
    )
    seen: set[str] = set()
    result: list[ImportRow] = []
    total = len(rows) - 1
    for line, raw in enumerate(rows[1:], start=2):
        if progress is not None:
            progress(line - 2, total)

        def cell(key, raw=raw):
            return raw[columns[key]].strip() if key in columns and columns[key] < len(raw) else ""  # noqa: E731

        row = ImportRow(
            line=line,
            first_name=cell("first_name"),
            last_name=cell("last_name"),
            email=cell("email").lower(),
            institution=cell("institution"),
            position=cell("position"),
        )
        if not row.first_name or not row.last_name:
            row.reasons.append(_("first and last name are required"))
        if row.email:
            try:
                validate_email(row.email)
            except ValidationError:
                row.reasons.append(_("the e-mail address is not valid"))
        inst = None
        if row.institution:
            inst = institutions.get(row.institution.lower())
            if inst is None:
                row.reasons.append(_("unknown institution “%(name)s”") % {"name": row.institution})
            else:
                row.institution_id = inst.pk
        row.position_code = _position_code(row.position)
        key = row.email or f"{row.first_name.lower()}|{row.last_name.lower()}|{row.institution_id}"
        if key in seen:
            row.reasons.append(_("the same person appears earlier in the file"))
        seen.add(key)
        if not row.reasons:
            person = person_find(
                email=row.email,
                first_name=row.first_name,
                last_name=row.last_name,
                institution=inst,
            )
            if person is not None:
                row.person_id = person.pk
                if person.pk in registered:
                    row.reasons.append(_("already a participant of this activity"))
                else:
                    row.outcome = "matched"
        if row.reasons:
            row.outcome = "refused"
        result.append(row)
    return result


@transaction.atomic
def participants_import(
    *, user, activity: Activity, rows: list[dict], progress: Progress | None = None
) -> dict[str, int]:
    """Import the rows the user confirmed (all or none: one failure rolls back every row).
    Each row is placed like any other participant: a seat while there is one, then the
    waiting list. Returns the counts: `added` (new people), `matched` (people of the
    directory), `waitlisted` (of those, on the waiting list), `skipped` (participants
    already, by now) and `refused` (rows the preview refused)."""
    if Activity.objects.filter(pk=activity.pk, status=ActivityStatus.CANCELLED).exists():
        raise ValidationError(_("A cancelled activity has no participants."))
    valid = [row for row in rows if row["outcome"] != "refused"]
    counts = {"added": 0, "matched": 0, "waitlisted": 0, "skipped": 0}
    counts["refused"] = len(rows) - len(valid)
    # Read once for the whole list, not once a row: a list is thousands of rows.
    institutions = Institution.objects.in_bulk(
        {row["institution_id"] for row in valid if row.get("institution_id")}
    )
    people = Person.objects.in_bulk({row["person_id"] for row in valid if row.get("person_id")})
    for done, row in enumerate(valid):
        if progress is not None:
            progress(done, len(valid))
        institution = institutions.get(row.get("institution_id"))
        person = people.get(row.get("person_id"))
        if person is None:
            person = person_get_or_create(
                email=row["email"],
                first_name=row["first_name"],
                last_name=row["last_name"],
                institution=institution,
                position=row.get("position_code", ""),
            )
        registration, created = registration_place(
            activity=activity,
            person=person,
            source=RegistrationSource.IMPORT,
            user=user,
            institution=person.institution,
            position=person.position,
            seated_status=_seated_status_for(activity),
            action="participant_import",
            notify=False,
        )
        if not created:
            counts["skipped"] += 1
            continue
        counts["matched" if row.get("person_id") else "added"] += 1
        counts["waitlisted"] += int(registration.status == RegistrationStatus.WAITLISTED)
    count = counts["added"] + counts["matched"]
    if progress is not None:
        progress(len(valid), len(valid))
    audit_log(
        actor=user,
        action="participants_import",
        obj=activity,
        comment=_("%(count)d participants imported") % {"count": count},
    )
    return counts
