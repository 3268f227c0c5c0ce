"""What looks like a service user's personal data in area I's free texts."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from pzss.lib.personal_data import PersonalDataCheck, find_personal_data, refuse_jmbg

VALID_JMBG = "0101990800015"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_a_jmbg_with_its_check_digit_is_found_and_a_near_miss_is_not():
    assert find_personal_data(f"Досије {VALID_JMBG}.").jmbg == (VALID_JMBG,)
    assert find_personal_data("Досије 0101990800016.").jmbg == ()  # the check digit fails
    assert find_personal_data("Број 3201990800015.").jmbg == ()  # no 32nd day
    assert find_personal_data("Број предмета 55-0101990800015-2").jmbg == (VALID_JMBG,)
    assert find_personal_data("Позив 00101990800015").jmbg == ()  # 14 digits


def test_a_name_and_surname_is_found_in_either_script_and_places_are_not():
    found = find_personal_data("Разговор: Петар Петровић и Jovana Jovanović, без других.")
    assert found.names == ("Петар Петровић", "Jovana Jovanović")
    assert not find_personal_data("Центар за социјални рад Нови Сад, Бачка Паланка, Дом Ветерник")
    assert not find_personal_data("Досијеи бр. 12/2021 и 14/2021: план услуга није урађен.")


def test_a_service_refuses_a_jmbg():
    with pytest.raises(ValidationError, match="JMBG"):
        refuse_jmbg(f"Дете {VALID_JMBG}")
    refuse_jmbg("Досије 12/2021.")


class FindingForm(PersonalDataCheck, forms.Form):
    personal_data_fields = ("text",)
    text = forms.CharField()


def test_the_form_refuses_a_jmbg_even_when_the_box_is_ticked():
    form = FindingForm({"text": f"ЈМБГ {VALID_JMBG}", "no_personal_data": "on"})
    assert not form.is_valid()
    assert "JMBG" in form.errors["text"][0]


def test_the_form_warns_of_a_name_until_the_writer_says_it_is_not_a_service_users():
    form = FindingForm({"text": "Разговарали смо са Марија Марковић."})
    assert not form.is_valid()
    assert "Марија Марковић" in form.errors["text"][0]
    text = "Разговарали смо са Марија Марковић."
    confirmed = FindingForm({"text": text, "no_personal_data": "on"})
    assert confirmed.is_valid()
