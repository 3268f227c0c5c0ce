"""A person's record: every standing certificate and every training held elsewhere, by
year, with the points per year and in all — in a constant number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from pzss.events.services.privacy import ANONYMOUS_NAME
from tests.factories import PersonFactory
from tests.training.points_builders import make_certificate, make_external, make_programme
from training import points_selectors as selectors

pytestmark = pytest.mark.django_db


def test_the_record_adds_up_the_points_and_hours_of_each_year_and_in_all(staff_user):
    person = PersonFactory()
    make_certificate(person, day=dt.date(2020, 3, 2), points="8", hours="8")
    make_certificate(person, day=dt.date(2020, 11, 20), points="16", hours="16")
    make_external(person, staff_user, day=dt.date(2020, 6, 1), points="4", hours="6")
    make_external(person, staff_user, day=dt.date(2021, 2, 1), points="2.5", hours="3")

    record = selectors.person_record(person)

    assert [y.year for y in record.years] == [2021, 2020]
    y2021, y2020 = record.years
    assert y2020.points == Decimal("28") and y2020.hours == Decimal("30")
    assert y2021.points == Decimal("2.5") and y2021.hours == Decimal("3")
    assert record.points == Decimal("30.5")
    assert record.hours == Decimal("33")
    assert record.count == 4
    # Within a year, by date: the external training of June between the two certificates.
    assert [e.is_external for e in y2020.entries] == [False, True, False]


def test_a_revoked_certificate_earns_no_points(staff_user):
    person = PersonFactory()
    make_certificate(person, day=dt.date(2021, 3, 2), points="8")
    make_certificate(person, day=dt.date(2021, 4, 2), points="16", revoked=True)

    record = selectors.person_record(person)

    assert record.points == Decimal("8")
    assert record.count == 1


def test_another_persons_trainings_are_not_on_the_record(staff_user):
    person, other = PersonFactory(), PersonFactory()
    make_certificate(other, day=dt.date(2021, 3, 2), points="8")
    make_external(other, staff_user, day=dt.date(2021, 3, 5))

    record = selectors.person_record(person)

    assert record.years == [] and record.points == 0


def test_a_certificate_without_points_counts_as_zero_and_names_its_programme(staff_user):
    person = PersonFactory()
    programme = make_programme(staff_user, title="Помоћ у кући за децу са сметњама у развоју")
    make_certificate(person, day=dt.date(2021, 5, 5), programme=programme, title="Сесија у Сомбору")
    make_certificate(person, day=dt.date(2021, 6, 5), points=None, hours=None)

    entries = selectors.person_record(person).years[0].entries

    assert entries[0].programme == "Помоћ у кући за децу са сметњама у развоју"
    assert entries[0].accreditation_number == programme.accreditation_number
    assert entries[1].programme == "" and entries[1].points == 0 and entries[1].hours is None


@pytest.mark.parametrize("length", [2, 30])
def test_the_record_takes_two_queries_however_long_it_is(
    staff_user, django_assert_num_queries, length
):
    person = PersonFactory()
    programme = make_programme(staff_user)
    for i in range(length // 2):
        make_certificate(person, day=dt.date(2015 + i % 8, 1, 1 + i), programme=programme)
        make_external(person, staff_user, day=dt.date(2015 + i % 8, 2, 1 + i))

    # 1: the certificates with their activity, session and programme joined;
    # 2: the trainings held elsewhere with who entered them.
    with django_assert_num_queries(2):
        record = selectors.person_record(person)
        for year in record.years:
            for entry in year.entries:
                assert entry.title and entry.points is not None
                _ = entry.programme, entry.external and entry.external.entered_by.username
    assert record.count == length


def test_only_staff_search_the_directory(plain_user):
    with pytest.raises(PermissionDenied):
        selectors.people_page(user=plain_user, q="", number=1)


def test_the_directory_is_searched_by_name_in_either_script_by_e_mail_and_licence_number(
    staff_user,
):
    jovana = PersonFactory(first_name="Јована", last_name="Ђурић", licence_number="L-2019-77")
    PersonFactory(first_name="Марко", last_name="Марковић", email="marko@csr.rs")

    def found(q):
        return [p.pk for p in selectors.people_page(user=staff_user, q=q, number=1)]

    assert found("Ђурић") == [jovana.pk]
    assert found("Đurić") == [jovana.pk]
    assert found("l-2019-77") == [jovana.pk]
    assert len(found("marko@csr")) == 1
    assert found("nobody-like-this") == []


def test_the_directory_counts_each_persons_standing_certificates_and_external_trainings(
    staff_user,
):
    person = PersonFactory(last_name="Аааа")
    make_certificate(person, day=dt.date(2021, 1, 1))
    make_certificate(person, day=dt.date(2021, 2, 1))
    make_certificate(person, day=dt.date(2021, 3, 1), revoked=True)
    make_external(person, staff_user, day=dt.date(2021, 1, 5))

    row = selectors.people_page(user=staff_user, q="Аааа", number=1).object_list[0]

    assert (row.certificate_count, row.external_count) == (2, 1)


def test_the_nameless_people_of_anonymised_registrations_are_not_in_the_directory(staff_user):
    PersonFactory(first_name=ANONYMOUS_NAME, last_name="", email="")
    named = PersonFactory()

    page = selectors.people_page(user=staff_user, q="", number=1)

    assert [p.pk for p in page.object_list] == [named.pk]
