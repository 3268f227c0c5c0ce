"""The one check of a set of figures against its form: types, bounds, required fields
and the rules across fields."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from research.form_services import (
    DataSetSpec,
    FieldSpec,
    RuleSpec,
    data_set_create_from_spec,
    periods_ensure,
    version_in_use,
)
from research.models import DataSet, FieldType, Frequency, Period, RuleKind
from research.periods import period_bounds
from research.reference import CSW_ANNUAL, DOMESTIC_VIOLENCE
from research.validation import Form, check_figures
from tests.research.builders import make_data_set

pytestmark = pytest.mark.django_db

GOOD = {"total": "10", "women": "6", "men": "4", "children": "3"}


@pytest.fixture
def form():
    return Form.of(version_in_use(make_data_set()))


def test_right_figures_are_stored_typed(form):
    checked = check_figures(
        form, {**GOOD, "share": "12,5", "licensed": "да", "challenge": "простор", "note": " x "}
    )
    assert checked.ok, checked.errors
    assert checked.values == {
        "total": 10,
        "women": 6,
        "men": 4,
        "children": 3,
        "share": "12.5",
        "licensed": True,
        "challenge": "Простор",
        "note": "x",
    }


@pytest.mark.parametrize(
    "change, code, words",
    [
        ({"total": ""}, "total", "is required"),
        ({"total": "десет"}, "total", "must be a number"),
        ({"total": "10.5"}, "total", "whole number"),
        ({"total": "-1"}, "total", "at least 0"),
        ({"total": "1001"}, "total", "at most 1000"),
        ({"share": "101"}, "share", "at most 100"),
        ({"licensed": "можда"}, "licensed", "yes or no"),
        ({"challenge": "Новац"}, "challenge", "one of: Кадар, Простор"),
    ],
)
def test_a_wrong_value_is_refused_naming_its_field(form, change, code, words):
    checked = check_figures(form, {**GOOD, **change})
    assert not checked.ok
    assert words in " ".join(checked.errors[code])


def test_a_part_larger_than_its_total_is_refused_on_both(form):
    checked = check_figures(form, {**GOOD, "children": "11"})
    assert "cannot be more than «Укупно»" in checked.errors["total"][0]
    assert "«од тога: деца»" in checked.errors["children"][0]


def test_parts_that_do_not_add_up_are_refused_with_both_sums(form):
    checked = check_figures(form, {**GOOD, "men": "5"})
    message = checked.errors["total"][0]
    assert "must add up to «Укупно»" in message
    assert "add up to 11, the total is 10" in message


def test_a_rule_is_not_judged_while_one_of_its_fields_is_wrong(form):
    checked = check_figures(form, {**GOOD, "men": "x"})
    assert list(checked.errors) == ["men"]


def test_a_draft_may_be_incomplete_but_not_wrong(form):
    assert check_figures(form, {"total": "10"}, draft=True).ok
    assert not check_figures(form, {"total": "x"}, draft=True).ok
    assert not check_figures(form, {"total": "10"}).ok


def test_the_reference_forms_load_and_accept_plausible_figures():
    for spec in (DOMESTIC_VIOLENCE, CSW_ANNUAL):
        data_set = data_set_create_from_spec(user=None, spec=spec)
        assert version_in_use(data_set).fields.count() == len(spec.fields)
    aurora = Form.of(version_in_use(DataSet.objects.get(code="aurora")))
    figures = {f.code: 0 for f in aurora.fields if f.type == FieldType.INTEGER}
    assert check_figures(aurora, figures).ok


def test_a_rule_between_a_text_and_a_number_is_refused():
    spec = DataSetSpec(
        code="bad",
        name="Лош",
        frequency=Frequency.YEARLY,
        deadline_days=5,
        fields=(
            FieldSpec("a", "А", FieldType.INTEGER),
            FieldSpec("b", "Б", FieldType.TEXT),
        ),
        rules=(RuleSpec(RuleKind.PART_OF, "a", ("b",)),),
    )
    with pytest.raises(ValidationError, match="compares numbers"):
        data_set_create_from_spec(user=None, spec=spec)


def test_twice_a_month_is_the_first_and_second_half_of_each_month():
    bounds = period_bounds(Frequency.TWICE_A_MONTH, 2028)
    assert len(bounds) == 24
    assert bounds[2] == (dt.date(2028, 2, 1), dt.date(2028, 2, 15))
    assert bounds[3] == (dt.date(2028, 2, 16), dt.date(2028, 2, 29))


def test_periods_are_made_once_with_their_deadlines():
    data_set = make_data_set(year=2026)
    assert periods_ensure(data_set=data_set, year=2026)[0].deadline == dt.date(2026, 2, 5)
    assert Period.objects.filter(data_set=data_set).count() == 12
