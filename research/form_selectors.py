"""What the data set pages read: staff only (the views check the role; these take the
user, as every selector does, and return nothing to anyone else)."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch

from pzss.core.models import Institution, InstitutionKind
from pzss.lib.roles import is_staff_member
from research.models import DataField, DataRule, DataSet, DataSetVersion, VersionStatus
from research.validation import Form


@dataclass(frozen=True)
class DataSetRow:
    data_set: DataSet
    expected: int
    in_use: DataSetVersion | None
    draft: DataSetVersion | None


def _versions_by_status(data_set: DataSet) -> dict[str, DataSetVersion]:
    """The version in use and the draft, from the prefetched versions (newest first)."""
    found: dict[str, DataSetVersion] = {}
    for version in data_set.versions.all():
        found.setdefault(version.status, version)
    return found


def _expected_count(data_set: DataSet, kind_counts: Counter) -> int:
    # DataSet.expected_institutions() in counts: the institutions of the kinds, and the
    # ones chosen by name that are not already of those kinds.
    kinds = set(data_set.expected_kinds or [])
    chosen = [i for i in data_set.chosen_institutions.all() if i.is_active and i.kind not in kinds]
    return sum(kind_counts[k] for k in kinds) + len(chosen)


def data_set_rows(*, user) -> list[DataSetRow]:
    """Every data set with how many institutions report on it and its versions. Four
    queries, whatever the number of data sets: the data sets, their versions, their
    chosen institutions, and the count of active institutions by kind."""
    if not is_staff_member(user):
        return []
    data_sets = list(
        DataSet.objects.prefetch_related(
            Prefetch(
                "versions",
                queryset=DataSetVersion.objects.exclude(status=VersionStatus.RETIRED).order_by(
                    "-number"
                ),
            ),
            Prefetch(
                "chosen_institutions", queryset=Institution.objects.only("pk", "kind", "is_active")
            ),
        ).order_by("-is_active", "name")
    )
    kind_counts = Counter(
        dict(
            Institution.objects.filter(is_active=True)
            .values("kind")
            .annotate(n=Count("pk"))
            .values_list("kind", "n")
        )
    )
    rows = []
    for data_set in data_sets:
        versions = _versions_by_status(data_set)
        rows.append(
            DataSetRow(
                data_set=data_set,
                expected=_expected_count(data_set, kind_counts),
                in_use=versions.get(VersionStatus.PUBLISHED),
                draft=versions.get(VersionStatus.DRAFT),
            )
        )
    return rows


def data_set_for_staff(*, user, code: str) -> DataSet | None:
    if not is_staff_member(user):
        return None
    return DataSet.objects.filter(code=code).first()


def versions_of(*, user, data_set: DataSet) -> list[DataSetVersion]:
    """A data set's versions, newest first, with how many fields each has."""
    if not is_staff_member(user):
        return []
    return list(data_set.versions.annotate(field_count=Count("fields")).order_by("-number"))


def form_of(version: DataSetVersion) -> Form:
    """A version's fields and rules in three queries, each rule's total and parts taken
    from the fields already read (validation.Form.of would read each total again)."""
    fields = tuple(DataField.objects.filter(version=version).order_by("order", "pk"))
    by_pk = {f.pk: f for f in fields}
    rules = []
    for rule in DataRule.objects.filter(version=version).prefetch_related(
        Prefetch("parts", queryset=DataField.objects.only("pk"))
    ):
        rule.total = by_pk[rule.total_id]
        parts = tuple(by_pk[p.pk] for p in rule.parts.all() if p.pk in by_pk)
        rules.append((rule, parts))
    return Form(version=version, fields=fields, rules=tuple(rules))


def previous_version(version: DataSetVersion) -> DataSetVersion | None:
    """The version before this one (what it changed is read against it)."""
    return (
        DataSetVersion.objects.filter(data_set_id=version.data_set_id, number__lt=version.number)
        .order_by("-number")
        .first()
    )


@dataclass(frozen=True)
class Section:
    title: str
    fields: list


def sections_of(fields) -> list[Section]:
    """Fields grouped by their section, in the form's order (a section that comes back
    later in the order is a new group, as the form reads)."""
    sections: list[Section] = []
    for item in fields:
        data_field = getattr(item, "data_field", item)
        if not sections or sections[-1].title != data_field.section:
            sections.append(Section(data_field.section, []))
        sections[-1].fields.append(item)
    return sections


def kind_labels(data_set: DataSet) -> list[str]:
    """The names of the kinds of institutions that report on a data set."""
    names = dict(InstitutionKind.choices)
    return [str(names.get(kind, kind)) for kind in data_set.expected_kinds or []]
