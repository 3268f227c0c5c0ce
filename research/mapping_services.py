"""Writes of the service mapping: a year's round, its services entered by staff or
imported from the template XLSX after a preview, and the round's publication.

Every service, typed in or imported, is written by `local_service_create` or
`local_service_update`: the import is a loop over them, so a rule of a service holds
whichever way it came in."""

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log
from pzss.core.models import Institution, Municipality
from pzss.lib.translit import to_latin
from research import mapping_xlsx
from research.mapping_xlsx import COLUMN_OF, COLUMNS, CellError, CellReader, SheetRow
from research.models import SECTORS, LocalService, MappingStatus, ServiceKind, ServiceMapping

Progress = Callable[[int, int], None]

# What a service's form and a row of the template set, besides its round.
SERVICE_FIELDS = (
    "municipality",
    "kind",
    "name",
    "provider",
    "provider_name",
    "provider_kind",
    "users",
    "capacity",
    "span",
    "funding",
    "funding_source",
    "is_licensed",
    *(name for name, _label in SECTORS),
    "is_innovative",
    "innovation",
)

RELATIONS = {"municipality", "provider"}


# --- the rounds ---------------------------------------------------------------------------


@transaction.atomic
def service_mapping_create(*, user, year: int, title: str) -> ServiceMapping:
    mapping = ServiceMapping(year=year, title=title.strip())
    mapping.full_clean()
    mapping.save()
    audit_log(actor=user, action="service_mapping_create", obj=mapping)
    return mapping


@transaction.atomic
def service_mapping_publish(*, user, mapping: ServiceMapping) -> ServiceMapping:
    """The round goes public: its map, tables and the page of every municipality."""
    mapping = ServiceMapping.objects.select_for_update().get(pk=mapping.pk)
    if mapping.is_published:
        raise ValidationError(_("This mapping is published already."))
    if not mapping.services.exists():
        raise ValidationError(_("A mapping without services cannot be published."))
    mapping.status = MappingStatus.PUBLISHED
    mapping.published_at = timezone.now()
    mapping.full_clean()
    mapping.save(update_fields=["status", "published_at", "updated_at"])
    audit_log(actor=user, action="service_mapping_publish", obj=mapping)
    return mapping


@transaction.atomic
def service_mapping_unpublish(*, user, mapping: ServiceMapping) -> ServiceMapping:
    """Back to a draft: off the public pages until it is published again."""
    mapping = ServiceMapping.objects.select_for_update().get(pk=mapping.pk)
    if not mapping.is_published:
        raise ValidationError(_("This mapping is a draft already."))
    mapping.status = MappingStatus.DRAFT
    mapping.published_at = None
    mapping.save(update_fields=["status", "published_at", "updated_at"])
    audit_log(actor=user, action="service_mapping_unpublish", obj=mapping)
    return mapping


# --- one service --------------------------------------------------------------------------


def _apply(service: LocalService, data: dict) -> dict:
    """Set the given fields; what changed, as the audit trail keeps it."""
    changes = {}
    for name in SERVICE_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if isinstance(value, str):
            value = value.strip()
        if name in RELATIONS:
            # By key: reading an unset relation of a new row would raise.
            before_pk = getattr(service, f"{name}_id")
            if before_pk != (value.pk if value is not None else None):
                before = getattr(service, name) if before_pk else None
                changes[name] = [_audit_value(before), _audit_value(value)]
        elif getattr(service, name) != value:
            changes[name] = [_audit_value(getattr(service, name)), _audit_value(value)]
        setattr(service, name, value)
    if not service.is_innovative:
        service.innovation = ""
    if service.provider_id:
        # The directory names it: a typed name beside it would be a second, stale name.
        service.provider_name = ""
    return changes


def _audit_value(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


@transaction.atomic
def local_service_create(*, user, mapping: ServiceMapping, **data) -> LocalService:
    service = LocalService(mapping=mapping)
    _apply(service, data)
    service.full_clean()
    service.save()
    audit_log(
        actor=user,
        action="local_service_create",
        obj=service,
        comment=f"{service.municipality} — {service.get_kind_display()}",
    )
    return service


@transaction.atomic
def local_service_update(*, user, service: LocalService, **data) -> LocalService:
    changes = _apply(service, data)
    service.full_clean()
    service.save()
    if changes:
        audit_log(actor=user, action="local_service_update", obj=service, changes=changes)
    return service


@transaction.atomic
def local_service_delete(*, user, service: LocalService) -> None:
    audit_log(
        actor=user,
        action="local_service_delete",
        obj=service,
        comment=f"{service.municipality} — {service.get_kind_display()} — {service.name}",
    )
    service.delete()


# --- the import ---------------------------------------------------------------------------

VALID, MATCHED, REFUSED = "valid", "matched", "refused"


@dataclass
class ImportRow:
    line: int
    cells: list
    formulas: list[int]
    outcome: str = VALID  # valid (a new service) | matched (an update) | refused
    reasons: list[str] = field(default_factory=list)
    municipality: str = ""
    kind: str = ""
    name: str = ""
    service_id: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


class _Directory:
    """What the rows are matched against, read once for the whole file."""

    def __init__(self, mapping: ServiceMapping):
        self.municipalities = {}
        for municipality in Municipality.objects.all():
            self.municipalities[_name_key(municipality.name)] = municipality
        self.institutions = {}
        for institution in Institution.objects.only("id", "name", "short_name"):
            for label in (institution.name, institution.short_name):
                if label:
                    self.institutions[_name_key(label)] = institution
        self.services = {
            (s.municipality_id, s.kind, _name_key(s.name)): s
            for s in LocalService.objects.filter(mapping=mapping)
        }
        self.reader = CellReader()


def _name_key(text: str) -> str:
    return " ".join(to_latin(text).lower().split())


def _check_row(row: SheetRow, directory: _Directory) -> tuple[ImportRow, dict]:
    """One row of the sheet: its outcome, the reasons it is refused (each naming its
    cell), and the service's fields when it is not."""
    result = ImportRow(line=row.line, cells=row.cells, formulas=row.formulas)
    values = {}
    for index, column in enumerate(COLUMNS):
        if index in row.formulas:
            result.reasons.append(
                mapping_xlsx.cell_reason(row.line, index, _("a formula; write the value itself"))
            )
            continue
        try:
            values[column.field] = directory.reader.value(column, row.cells[index])
        except CellError as exc:
            result.reasons.append(mapping_xlsx.cell_reason(row.line, index, str(exc)))
    result.municipality = str(row.cells[COLUMN_OF["municipality"]] or "")
    result.name = str(row.cells[COLUMN_OF["name"]] or "")
    if "kind" in values:
        result.kind = str(ServiceKind(values["kind"]).label)
    if values.get("municipality"):
        municipality = directory.municipalities.get(_name_key(values["municipality"]))
        if municipality is None:
            result.reasons.append(
                mapping_xlsx.cell_reason(
                    row.line,
                    COLUMN_OF["municipality"],
                    _("no municipality „%(name)s“ in Vojvodina") % {"name": values["municipality"]},
                )
            )
        values["municipality"] = municipality
    provider = values.pop("provider", "")
    if provider:
        institution = directory.institutions.get(_name_key(provider))
        values["provider"] = institution
        values["provider_name"] = "" if institution else provider
    if values.get("is_innovative") and not values.get("innovation"):
        result.reasons.append(
            mapping_xlsx.cell_reason(
                row.line, COLUMN_OF["innovation"], _("describe the innovative programme")
            )
        )
    if result.reasons:
        result.outcome = REFUSED
        return result, {}
    existing = directory.services.get(
        (values["municipality"].pk, values["kind"], _name_key(values["name"]))
    )
    if existing is not None:
        result.outcome = MATCHED
        result.service_id = existing.pk
    return result, values


def _model_errors(row: ImportRow, service: LocalService, values: dict) -> None:
    """The model's own rules (lengths, constraints), said of the cells they concern."""
    _apply(service, values)
    try:
        service.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            column = "provider" if name in {"provider", "provider_name"} else name
            index = COLUMN_OF.get(column)
            for message in messages:
                row.reasons.append(
                    mapping_xlsx.cell_reason(row.line, index, message)
                    if index is not None
                    else _("row %(row)s: %(message)s") % {"row": row.line, "message": message}
                )


def _check_rows(
    *, mapping: ServiceMapping, rows: list[SheetRow], progress: Progress | None
) -> list[tuple[ImportRow, dict]]:
    directory = _Directory(mapping)
    seen: dict[tuple, int] = {}
    checked = []
    for done, sheet_row in enumerate(rows):
        if progress is not None:
            progress(done, len(rows))
        row, values = _check_row(sheet_row, directory)
        if row.outcome != REFUSED:
            key = (values["municipality"].pk, values["kind"], _name_key(values["name"]))
            if key in seen:
                row.reasons.append(
                    _("row %(row)s: the same service is in row %(first)s")
                    % {"row": row.line, "first": seen[key]}
                )
            seen.setdefault(key, row.line)
            service = directory.services.get(key)
            # A copy, so a refused row leaves nothing changed on the matched service.
            probe = LocalService(mapping=mapping) if service is None else _copy(service)
            _model_errors(row, probe, values)
            if row.reasons:
                row.outcome = REFUSED
                values = {}
        checked.append((row, values))
    return checked


def _copy(service: LocalService) -> LocalService:
    return LocalService(
        **{f.attname: getattr(service, f.attname) for f in LocalService._meta.concrete_fields}
    )


def mapping_import_preview(
    *, mapping: ServiceMapping, content: bytes, progress: Progress | None = None
) -> list[ImportRow]:
    """What importing the file would do, row by row: a new service, an update of the
    service of the same municipality, kind and name, or refused and why. Nothing is
    written. Raises MappingFileError when the file is not the template."""
    rows = mapping_xlsx.read_rows(content)
    if not rows:
        raise mapping_xlsx.MappingFileError(_("The sheet has no rows under its header."))
    return [row for row, _values in _check_rows(mapping=mapping, rows=rows, progress=progress)]


@transaction.atomic
def mapping_import_commit(
    *, user, mapping: ServiceMapping, rows: list[dict], progress: Progress | None = None
) -> dict[str, int]:
    """Import what the person saw in the preview and confirmed: all or nothing. The rows
    are checked again against the database as it is now; if one would now be refused or
    do something else than the preview said, nothing is written and they are told to
    upload the file again."""
    # Two imports into one round would each check against what the other has not written
    # yet: the round's row lock makes the second wait and check against what the first
    # wrote. (A service typed in meanwhile is caught by the unique constraint, and the
    # whole import rolls back.)
    ServiceMapping.objects.select_for_update().filter(pk=mapping.pk).first()
    sheet_rows = [SheetRow(line=r["line"], cells=r["cells"], formulas=r["formulas"]) for r in rows]
    checked = _check_rows(mapping=mapping, rows=sheet_rows, progress=None)
    for (row, _values), seen in zip(checked, rows, strict=True):
        if row.outcome != seen["outcome"] or row.service_id != seen.get("service_id"):
            raise ValidationError(
                _(
                    "Row %(row)s would now be imported differently than the preview showed "
                    "(the mapping changed meanwhile). Nothing was imported; upload the file "
                    "again."
                )
                % {"row": row.line}
            )
    counts = {VALID: 0, MATCHED: 0, REFUSED: 0}
    services = LocalService.objects.in_bulk(
        [row.service_id for row, _values in checked if row.service_id]
    )
    for done, (row, values) in enumerate(checked):
        if progress is not None:
            progress(done, len(checked))
        counts[row.outcome] += 1
        if row.outcome == VALID:
            local_service_create(user=user, mapping=mapping, **values)
        elif row.outcome == MATCHED:
            local_service_update(user=user, service=services[row.service_id], **values)
    audit_log(
        actor=user,
        action="service_mapping_import",
        obj=mapping,
        comment=_("%(new)d new services, %(updated)d updated, %(refused)d rows refused")
        % {"new": counts[VALID], "updated": counts[MATCHED], "refused": counts[REFUSED]},
    )
    return counts
