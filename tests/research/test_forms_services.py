"""The form builder's rules, on its services: a version in use or replaced is frozen, one
draft at a time, publishing replaces the version in use and leaves past submissions as
they were sent; a field's code is unique in its version, a choice has two choices, bounds
are ordered, a rule is between numbers."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from pzss.core.models import AuditEntry, Institution, InstitutionKind
from research import form_services as services
from research.models import (
    DataField,
    DataSetVersion,
    FieldType,
    Frequency,
    RuleKind,
    SubmissionVersion,
    VersionStatus,
)
from research.validation import Form, check_figures
from tests.research.builders import make_centre, make_data_set, make_submission
from tests.research.form_builders import make_with_draft

pytestmark = pytest.mark.django_db


def _draft(data_set) -> DataSetVersion:
    return data_set.versions.get(status=VersionStatus.DRAFT)


def _add(version, user=None, **kwargs) -> DataField:
    kwargs.setdefault("label", "Нове пријаве")
    kwargs.setdefault("type", FieldType.INTEGER)
    return services.form_field_add(user=user, version=version, **kwargs)


# --- making a data set -------------------------------------------------------------------


def test_a_new_data_set_has_an_empty_draft_and_the_periods_of_this_year_and_the_next(
    staff_user,
):
    data_set = services.data_set_create(
        user=staff_user,
        name="Годишњи извештај домова",
        frequency=Frequency.QUARTERLY,
        deadline_days=10,
        expected_kinds=[InstitutionKind.ADULT_HOME],
    )
    assert data_set.code == "godisnji_izvestaj_domova"
    [draft] = data_set.versions.all()
    assert (draft.number, draft.status, draft.fields.count()) == (1, VersionStatus.DRAFT, 0)
    year = timezone.localdate().year
    assert sorted({p.start.year for p in data_set.periods.all()}) == [year, year + 1]
    assert data_set.periods.count() == 8
    assert AuditEntry.objects.filter(action="data_set_create", object_id=data_set.pk).exists()


def test_a_data_set_reports_from_someone(staff_user):
    with pytest.raises(ValidationError) as refused:
        services.data_set_create(
            user=staff_user, name="Нико", frequency=Frequency.YEARLY, deadline_days=5
        )
    assert "expected_kinds" in refused.value.error_dict


def test_a_data_sets_code_cannot_be_a_page_of_the_portal(staff_user):
    with pytest.raises(ValidationError) as refused:
        services.data_set_create(
            user=staff_user,
            name="Преглед",
            code="review",
            frequency=Frequency.YEARLY,
            deadline_days=5,
            expected_kinds=[InstitutionKind.CSW],
        )
    assert "code" in refused.value.error_dict


def test_the_frequency_stays_once_an_institution_has_reported(staff_user):
    data_set = make_data_set()
    period = data_set.periods.first()
    make_submission(period=period, institution=make_centre("ЦСР Тест"), values={})
    with pytest.raises(ValidationError) as refused:
        services.data_set_update(
            user=staff_user,
            data_set=data_set,
            name=data_set.name,
            description="",
            frequency=Frequency.QUARTERLY,
            deadline_days=5,
            expected_kinds=data_set.expected_kinds,
            chosen_institutions=[],
        )
    assert "frequency" in refused.value.error_dict


def test_a_new_frequency_before_anyone_reports_remakes_the_periods(staff_user):
    data_set = make_data_set()
    services.data_set_update(
        user=staff_user,
        data_set=data_set,
        name="Ново име",
        description="",
        frequency=Frequency.YEARLY,
        deadline_days=5,
        expected_kinds=[],
        chosen_institutions=[Institution.objects.filter(is_active=True).first()],
    )
    data_set.refresh_from_db()
    assert data_set.name == "Ново име"
    assert data_set.periods.count() == 2  # this year and the next, one period each
    assert data_set.expected_institutions().count() == 1


def test_a_new_deadline_moves_only_deadlines_not_yet_passed(staff_user):
    data_set = make_data_set()
    today = timezone.localdate()
    passed = data_set.periods.filter(deadline__lt=today).order_by("start").first()
    coming = data_set.periods.filter(deadline__gte=today + dt.timedelta(days=2)).first()
    services.data_set_update(
        user=staff_user,
        data_set=data_set,
        name=data_set.name,
        description="",
        frequency=data_set.frequency,
        deadline_days=20,
        expected_kinds=data_set.expected_kinds,
        chosen_institutions=[],
    )
    coming.refresh_from_db()
    assert coming.deadline == coming.end + dt.timedelta(days=20)
    if passed is not None:
        before = passed.deadline
        passed.refresh_from_db()
        assert passed.deadline == before


# --- one draft; a frozen version refuses changes -----------------------------------------


def test_a_draft_is_a_copy_of_the_form_in_use_with_its_fields_and_rules(staff_user):
    data_set = make_data_set()
    draft = services.form_draft_start(user=staff_user, data_set=data_set)
    in_use = data_set.versions.get(status=VersionStatus.PUBLISHED)
    assert draft.number == in_use.number + 1
    assert list(draft.fields.values_list("code", flat=True)) == list(
        in_use.fields.values_list("code", flat=True)
    )
    copied = Form.of(draft)
    assert [(r.kind, r.total.code, sorted(p.code for p in parts)) for r, parts in copied.rules] == [
        (RuleKind.SUM_EQUALS, "total", ["men", "women"]),
        (RuleKind.PART_OF, "total", ["children"]),
    ]
    # The copy's rules compare the copy's fields, never the frozen version's.
    assert {r.total.version_id for r, _parts in copied.rules} == {draft.pk}


def test_there_is_only_one_draft_at_a_time(staff_user):
    data_set = make_with_draft()
    with pytest.raises(ValidationError):
        services.form_draft_start(user=staff_user, data_set=data_set)
    assert data_set.versions.filter(status=VersionStatus.DRAFT).count() == 1


def test_the_database_itself_refuses_a_second_draft():
    data_set = make_with_draft()
    with pytest.raises(IntegrityError), transaction.atomic():
        DataSetVersion.objects.create(data_set=data_set, number=9, status=VersionStatus.DRAFT)


@pytest.mark.parametrize("status", [VersionStatus.PUBLISHED, VersionStatus.RETIRED])
def test_a_version_in_use_or_replaced_refuses_every_change(staff_user, status):
    data_set = make_with_draft()
    if status == VersionStatus.RETIRED:
        services.form_publish(user=staff_user, version=_draft(data_set))
    frozen = data_set.versions.get(status=status)
    data_field = frozen.fields.get(code="women")
    rule = frozen.rules.first()
    changes = [
        lambda: _add(frozen),
        lambda: services.form_field_update(user=staff_user, data_field=data_field, label="Ново"),
        lambda: services.form_field_delete(user=staff_user, data_field=data_field),
        lambda: services.form_field_move(user=staff_user, data_field=data_field, direction="up"),
        lambda: services.form_rule_add(
            user=staff_user,
            version=frozen,
            kind=RuleKind.PART_OF,
            total=frozen.fields.get(code="total"),
            parts=[data_field],
        ),
        lambda: services.form_rule_delete(user=staff_user, rule=rule),
        lambda: services.form_publish(user=staff_user, version=frozen),
    ]
    before = list(frozen.fields.values_list("code", "label", "order"))
    for change in changes:
        with pytest.raises(ValidationError) as refused:
            change()
        assert "new draft" in " ".join(refused.value.messages)
    assert list(frozen.fields.values_list("code", "label", "order")) == before
    assert frozen.rules.count() == 2


# --- publishing -------------------------------------------------------------------------


def test_publishing_puts_the_draft_in_use_and_replaces_the_old_one(staff_user):
    data_set = make_with_draft()
    old = data_set.versions.get(status=VersionStatus.PUBLISHED)
    draft = _draft(data_set)
    services.form_publish(user=staff_user, version=draft, change_note="Поље за старије")
    old.refresh_from_db()
    draft.refresh_from_db()
    assert old.status == VersionStatus.RETIRED
    assert draft.status == VersionStatus.PUBLISHED
    assert draft.published_at is not None and draft.change_note == "Поље за старије"
    assert services.version_in_use(data_set) == draft
    year = timezone.localdate().year
    assert data_set.periods.filter(start__year=year + 1).exists()


def test_a_form_without_fields_is_not_published(staff_user):
    data_set = services.data_set_create(
        user=staff_user,
        name="Празан",
        frequency=Frequency.YEARLY,
        deadline_days=5,
        expected_kinds=[InstitutionKind.CSW],
    )
    with pytest.raises(ValidationError):
        services.form_publish(user=staff_user, version=_draft(data_set))
    assert _draft(data_set).status == VersionStatus.DRAFT


def test_past_submissions_keep_their_form_version_and_read_the_same_after_a_publish(
    staff_user,
):
    data_set = make_data_set()
    period = data_set.periods.first()
    values = {"total": 10, "women": 6, "men": 4, "children": 3, "note": "ок"}
    submission = make_submission(period=period, institution=make_centre("ЦСР Тест"), values=values)
    sent = SubmissionVersion.objects.get(submission=submission)
    old_form = sent.form
    shown_before = [(f.label, sent.values.get(f.code)) for f in Form.of(old_form).fields]

    draft = services.form_draft_start(user=staff_user, data_set=data_set)
    women = draft.fields.get(code="women")
    services.form_field_update(
        user=staff_user, data_field=women, label="Жене и девојке", max_value=Decimal(5)
    )
    services.form_field_delete(user=staff_user, data_field=draft.fields.get(code="note"))
    _add(draft, label="Старији", code="elderly")
    services.form_publish(user=staff_user, version=draft)

    sent.refresh_from_db()
    assert sent.form_id == old_form.pk
    assert sent.values == values
    again = Form.of(DataSetVersion.objects.get(pk=old_form.pk))
    assert [(f.label, sent.values.get(f.code)) for f in again.fields] == shown_before
    # Read with its own form, the past figures are still right; the new form would not
    # take them (6 women is above its new bound).
    assert check_figures(again, values).ok
    assert not check_figures(Form.of(draft), values).ok


# --- the fields ---------------------------------------------------------------------------


def test_a_fields_code_is_made_from_its_label_and_never_twice_in_a_version():
    draft = _draft(make_with_draft())
    first = _add(draft, label="од тога: деца")
    assert first.code == "od_toga_deca"
    second = _add(draft, label="Од тога — деца!")
    assert second.code == "od_toga_deca_2"
    with pytest.raises(ValidationError) as refused:
        _add(draft, label="Нешто", code="women")
    assert "code" in refused.value.error_dict
    other = draft.fields.get(code="men")
    with pytest.raises(ValidationError) as refused:
        services.form_field_update(user=None, data_field=other, code="women")
    assert "code" in refused.value.error_dict


def test_the_same_code_may_stand_in_two_versions():
    data_set = make_with_draft()
    assert DataField.objects.filter(version__data_set=data_set, code="women").count() == 2


@pytest.mark.parametrize("choices", [[], ["Кадар"], ["Кадар", "  "]])
def test_a_choice_field_needs_two_choices(choices):
    draft = _draft(make_with_draft())
    with pytest.raises(ValidationError) as refused:
        _add(draft, type=FieldType.CHOICE, choices=choices)
    assert "choices" in refused.value.error_dict


def test_a_choice_field_keeps_its_choices_without_blank_lines():
    draft = _draft(make_with_draft())
    data_field = _add(draft, type=FieldType.CHOICE, choices=["Кадар", " ", " Простор "])
    assert data_field.choices == ["Кадар", "Простор"]


def test_bounds_are_ordered():
    draft = _draft(make_with_draft())
    with pytest.raises(ValidationError) as refused:
        _add(draft, min_value=Decimal(10), max_value=Decimal(2))
    assert "max_value" in refused.value.error_dict


def test_only_a_number_has_bounds():
    draft = _draft(make_with_draft())
    with pytest.raises(ValidationError):
        _add(draft, type=FieldType.TEXT, min_value=Decimal(1))


def test_a_new_field_goes_last_and_moves_up_and_down():
    draft = _draft(make_with_draft())
    added = _add(draft, label="Ново")
    codes = lambda: list(draft.fields.values_list("code", flat=True))  # noqa: E731
    assert codes()[-1] == added.code
    services.form_field_move(user=None, data_field=added, direction="up")
    assert codes()[-2] == added.code
    services.form_field_move(user=None, data_field=added, direction="down")
    assert codes()[-1] == added.code
    services.form_field_move(user=None, data_field=added, direction="down")  # already last
    assert codes()[-1] == added.code
    first = draft.fields.first()
    services.form_field_move(user=None, data_field=first, direction="up")  # already first
    assert codes()[0] == first.code


def test_deleting_a_field_deletes_the_rules_that_compare_it():
    draft = _draft(make_with_draft())
    removed = services.form_field_delete(user=None, data_field=draft.fields.get(code="women"))
    assert removed == 1
    assert [r.kind for r in draft.rules.all()] == [RuleKind.PART_OF]


def test_a_field_a_rule_compares_stays_a_number():
    draft = _draft(make_with_draft())
    with pytest.raises(ValidationError) as refused:
        services.form_field_update(
            user=None, data_field=draft.fields.get(code="children"), type=FieldType.TEXT
        )
    assert "type" in refused.value.error_dict


# --- the rules ------------------------------------------------------------------------------


def test_a_rule_is_only_between_numbers():
    draft = _draft(make_with_draft())
    total = draft.fields.get(code="total")
    with pytest.raises(ValidationError):
        services.form_rule_add(
            user=None,
            version=draft,
            kind=RuleKind.PART_OF,
            total=total,
            parts=[draft.fields.get(code="note")],
        )
    with pytest.raises(ValidationError):
        services.form_rule_add(
            user=None,
            version=draft,
            kind=RuleKind.SUM_EQUALS,
            total=total,
            parts=[draft.fields.get(code="women")],
        )
    rule = services.form_rule_add(
        user=None,
        version=draft,
        kind=RuleKind.PART_OF,
        total=draft.fields.get(code="women"),
        parts=[draft.fields.get(code="children")],
    )
    assert list(rule.parts.values_list("code", flat=True)) == ["children"]


def test_a_rule_compares_fields_of_its_own_version():
    data_set = make_with_draft()
    draft = _draft(data_set)
    in_use = data_set.versions.get(status=VersionStatus.PUBLISHED)
    with pytest.raises(ValidationError):
        services.form_rule_add(
            user=None,
            version=draft,
            kind=RuleKind.PART_OF,
            total=draft.fields.get(code="total"),
            parts=[in_use.fields.get(code="women")],
        )


def test_every_change_to_a_draft_is_in_the_audit_trail(staff_user):
    draft = _draft(make_with_draft())
    data_field = _add(draft, user=staff_user)
    services.form_field_update(user=staff_user, data_field=data_field, label="Друго")
    services.form_field_move(user=staff_user, data_field=data_field, direction="up")
    services.form_field_delete(user=staff_user, data_field=data_field)
    actions = list(
        AuditEntry.objects.filter(object_id=draft.pk, actor=staff_user)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "form_field_add",
        "form_field_update",
        "form_field_move",
        "form_field_delete",
    ]
