"""Participants added by staff: picked from the directory or typed in on the activity
page, added by hand on the event page, or imported from a CSV/XLSX list after a preview.
Each goes through `waitlist.registration_place`, so seats, the seats per institution and
the waiting list hold whichever page staff use; removing one is a cancellation that
frees the seat for the first person waiting."""

import csv
import io
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
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
from pzss.lib.text import TextEncodingUnknown, decode_text
from pzss.lib.translit import to_latin


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


def _read_rows(name: str, content: bytes) -> list[list[str]]:
    lower = name.lower()
    if lower.endswith(".xlsx"):
        try:
            wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:
            raise ImportFileError(_("The XLSX file cannot be read.")) from exc
        sheet = wb.worksheets[0]
        return [
            ["" if c is None else str(c).strip() for c in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    if lower.endswith(".csv"):
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
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]
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


def participants_preview(*, activity: Activity, name: str, content: bytes) -> list[ImportRow]:
    """What an import would do, row by row; nothing is written."""

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
    for line, raw in enumerate(rows[1:], start=2):

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
def participants_import(*, user, activity: Activity, rows: list[dict]) -> int:
    """Import the rows the user confirmed (all or none: one failure rolls back every row).
    Each row is placed like any other participant: a seat while there is one, then the
    waiting list."""
    if Activity.objects.filter(pk=activity.pk, status=ActivityStatus.CANCELLED).exists():
        raise ValidationError(_("A cancelled activity has no participants."))
    count = 0
    for row in rows:
        if row["outcome"] == "refused":
            continue
        institution = Institution.objects.filter(pk=row.get("institution_id")).first()
        if row.get("person_id"):
            person = Person.objects.get(pk=row["person_id"])
        else:
            person = person_get_or_create(
                email=row["email"],
                first_name=row["first_name"],
                last_name=row["last_name"],
                institution=institution,
                position=row.get("position_code", ""),
            )
        _registration, created = registration_place(
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
        count += int(created)
    audit_log(
        actor=user,
        action="participants_import",
        obj=activity,
        comment=_("%(count)d participants imported") % {"count": count},
    )
    return count
