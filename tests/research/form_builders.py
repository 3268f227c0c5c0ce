"""Builders for the form builder's tests and for the URL walker (tests/core/test_access.py):
a data set whose version 1 is in use and whose version 2 is a draft."""

import dataclasses

from research.form_services import FieldSpec, RuleSpec, form_draft_start
from research.models import DataSet, FieldType, RuleKind
from tests.research.builders import SMALL, make_data_set


def make_with_draft(code: str = "small", *, user=None) -> DataSet:
    data_set = make_data_set(dataclasses.replace(SMALL, code=code), user=user)
    form_draft_start(user=user, data_set=data_set)
    return data_set


def spec_with_fields(n: int, code: str = "wide"):
    """A data set definition with `n` number fields (the builder's query counts)."""
    fields = tuple(
        FieldSpec(
            f"f{i}", f"Поље {i}", FieldType.INTEGER, "особа", min_value=0, section=f"Део {i % 3}"
        )
        for i in range(n)
    )
    rules = (RuleSpec(RuleKind.SUM_EQUALS, "f0", ("f1", "f2")),)
    return dataclasses.replace(SMALL, code=code, fields=fields, rules=rules)


def walker_world(code: str) -> dict[str, dict]:
    """The URL walker's research pages: the sample data set at the walker's sample code,
    with a draft whose field and rule the pages with a key point at."""
    data_set = make_with_draft(code)
    draft = data_set.versions.get(status="draft")
    data_field = draft.fields.get(code="women")
    rule = draft.rules.first()
    world = {
        f"research:{name}": {"pk": data_field.pk}
        for name in ("form_field_edit", "form_field_move", "form_field_delete")
    }
    world["research:form_rule_delete"] = {"pk": rule.pk}
    return world
