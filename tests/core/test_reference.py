"""The reference data of AP Vojvodina: districts, municipalities, centres for social work,
the other institutions the institute works with, and its standing groups."""

import pytest

from pzss.core.models import District, Institution, InstitutionKind, Municipality, StandingGroup
from pzss.core.reference import load_reference

pytestmark = pytest.mark.django_db

MUNICIPALITIES_PER_DISTRICT = {
    "Севернобачки управни округ": 3,
    "Средњобанатски управни округ": 5,
    "Севернобанатски управни округ": 6,
    "Јужнобанатски управни округ": 8,
    "Западнобачки управни округ": 4,
    "Јужнобачки управни округ": 12,
    "Сремски управни округ": 7,
}

# The centres of supervisor groups 2 and 4 as the institute's news page lists them.
SUPERVISOR_GROUP_2 = {
    "ЦСР Сомбор",
    "ЦСР Врбас",
    "ЦСР Апатин",
    "ЦСР Кула",
    "ЦСР Бачка Топола",
    "ЦСР Бачки Петровац",
    "ЦСР Бач",
    "ЦСР Србобран",
    "ЦСР Нови Сад",
    "ЦСР Суботица",
}
SUPERVISOR_GROUP_4 = {
    "ЦСР Ириг",
    "ЦСР Инђија",
    "ЦСР Сремска Митровица",
    "ЦСР Рума",
    "ЦСР Пећинци",
    "ЦСР Стара Пазова",
    "ЦСР Шид",
}


def test_vojvodina_has_45_municipalities_in_7_districts():
    assert District.objects.count() == 7
    assert Municipality.objects.count() == 45


def test_each_district_has_its_municipalities():
    counts = {d.name: d.municipalities.count() for d in District.objects.all()}
    assert counts == MUNICIPALITIES_PER_DISTRICT


def test_novi_sad_is_a_city_in_the_south_backa_district():
    novi_sad = Municipality.objects.get(name="Нови Сад")
    assert novi_sad.is_city
    assert novi_sad.district.name == "Јужнобачки управни округ"
    assert not Municipality.objects.get(name="Бач").is_city


def test_every_municipality_has_one_centre_for_social_work_named_after_it():
    centres = Institution.objects.filter(kind=InstitutionKind.CSW).select_related("municipality")
    assert centres.count() == 45
    by_municipality = {c.municipality.name: c.name for c in centres}
    assert by_municipality == {m.name: f"ЦСР {m.name}" for m in Municipality.objects.all()}


@pytest.mark.parametrize(
    ("name", "kind", "municipality"),
    [
        ("Дом за децу и младе Сомбор", InstitutionKind.CHILDREN_HOME, "Сомбор"),
        ("Дом за децу и младе Сремска Каменица", InstitutionKind.CHILDREN_HOME, "Нови Сад"),
        ("Дом за децу и младе Бела Црква", InstitutionKind.CHILDREN_HOME, "Бела Црква"),
        ("Дом за децу и младе Панчево", InstitutionKind.CHILDREN_HOME, "Панчево"),
        (
            "Покрајински секретаријат за социјалну политику, демографију и равноправност полова",
            InstitutionKind.SECRETARIAT,
            "Нови Сад",
        ),
        (
            "Министарство за рад, запошљавање, борачка и социјална питања",
            InstitutionKind.MINISTRY,
            None,
        ),
        ("Републички завод за социјалну заштиту", InstitutionKind.REPUBLIC_INSTITUTE, None),
        (
            "Филозофски факултет Универзитета у Новом Саду – студијски програм социјалног рада",
            InstitutionKind.FACULTY,
            "Нови Сад",
        ),
        ("Новосадски хуманитарни центар", InstitutionKind.PARTNER, "Нови Сад"),
        ("Комора социјалне заштите", InstitutionKind.CHAMBER, None),
    ],
)
def test_the_named_institutions_exist_with_their_kind_and_place(name, kind, municipality):
    institution = Institution.objects.select_related("municipality").get(name=name)
    assert institution.kind == kind
    assert (institution.municipality.name if institution.municipality else None) == municipality


def _centres(group_name: str) -> set[str]:
    group = StandingGroup.objects.get(name=group_name)
    return set(group.institutions.values_list("name", flat=True))


def test_supervisor_group_2_has_the_centres_of_the_news_page():
    assert _centres("Група супервизора 2") == SUPERVISOR_GROUP_2


def test_supervisor_group_4_has_the_centres_of_the_news_page():
    assert _centres("Група супервизора 4") == SUPERVISOR_GROUP_4


def test_every_centre_is_in_exactly_one_supervisor_group_and_one_lawyer_group():
    for kind in (StandingGroup.Kind.SUPERVISORS, StandingGroup.Kind.LAWYERS):
        groups = StandingGroup.objects.filter(kind=kind)
        assert groups.count() == 4
        memberships = [n for g in groups for n in g.institutions.values_list("name", flat=True)]
        assert len(memberships) == 45, kind
        assert set(memberships) == set(
            Institution.objects.filter(kind=InstitutionKind.CSW).values_list("name", flat=True)
        )


def test_loading_the_reference_again_changes_nothing():
    before = {
        "districts": District.objects.count(),
        "municipalities": Municipality.objects.count(),
        "institutions": Institution.objects.count(),
        "standing_groups": StandingGroup.objects.count(),
    }
    group_2 = _centres("Група супервизора 2")

    assert load_reference() == before
    assert load_reference() == before
    assert _centres("Група супервизора 2") == group_2


def test_loading_the_reference_again_keeps_what_staff_changed_in_a_group():
    group = StandingGroup.objects.get(name="Група супервизора 4")
    group.institutions.remove(Institution.objects.get(name="ЦСР Шид"))

    load_reference()

    assert "ЦСР Шид" not in _centres("Група супервизора 4")
