"""Area I's free texts must never carry the personal data of service users: case files
are numbers, findings and replies speak of the work, not of the family. This module
spots what looks like such data in a text — a personal identity number (ЈМБГ: 13 digits
whose date and check digit hold), or a first name and surname (two capitalised words
of which the second has a Serbian surname's ending: Петровић, Jovanović, Николић …) —
and `PersonalDataCheck` turns it into a form's error or warning:

- a ЈМБГ is refused outright (it identifies one person beyond doubt);
- a name is a warning: the form is shown again with the words found, and saves only
  when the writer ticks that they are not a service user's (an adviser's or a director's
  name is fine).
"""

import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_JMBG = re.compile(r"(?<!\d)(\d{13})(?!\d)")
# A capitalised word, then a capitalised surname-like word (Cyrillic or Latin script).
_UPPER = "A-ZČĆĐŠŽА-ЯЂЈЉЊЋЏ"
_LOWER = "a-zčćđšžа-шђјљњћџ"
_SURNAME_ENDINGS = (
    "ић|ич|ович|евич|ски|ска|цки|цка|ов|ова|ев|ева|ин|ина|ац|ер"
    "|ić|ovič|ski|ska|cki|cka|ov|ova|ev|eva|in|ina|ac|er"
)
_NAME = re.compile(
    rf"\b([{_UPPER}][{_LOWER}]{{1,20}})\s+([{_UPPER}][{_LOWER}]{{1,20}}(?:{_SURNAME_ENDINGS}))\b"
)
# Words that start sentences or name institutions, never a person's first name.
_NOT_FIRST_NAMES = {
    "Центар",
    "Дом",
    "Завод",
    "Град",
    "Општина",
    "Нови",
    "Стари",
    "Бачки",
    "Сремски",
    "Centar",
    "Dom",
    "Zavod",
    "Grad",
    "Opština",
    "Novi",
    "Stari",
}


def _jmbg_is_valid(digits: str) -> bool:
    """Day 01–31, month 01–12, and the check digit of the ЈМБГ's mod-11 rule."""
    day, month = int(digits[0:2]), int(digits[2:4])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    weights = (7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    total = sum(int(d) * w for d, w in zip(digits[:12], weights, strict=True))
    check = 11 - total % 11
    if check > 9:
        check = 0
    return check == int(digits[12])


@dataclass(frozen=True)
class Findings:
    jmbg: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.jmbg or self.names)


def find_personal_data(text: str) -> Findings:
    """What in `text` looks like a service user's personal data."""
    if not text:
        return Findings()
    jmbg = tuple(m for m in _JMBG.findall(text) if _jmbg_is_valid(m))
    names = tuple(
        dict.fromkeys(
            f"{first} {last}"
            for first, last in _NAME.findall(text)
            if first not in _NOT_FIRST_NAMES
        )
    )
    return Findings(jmbg=jmbg, names=names)


def refuse_jmbg(text: str) -> None:
    """For a service: a text with a ЈМБГ is never stored (ValidationError)."""
    if find_personal_data(text).jmbg:
        raise ValidationError(
            _(
                "This text contains what looks like a personal identity number (JMBG). "
                "Personal data of service users is never entered: remove it."
            ),
            code="jmbg",
        )


class PersonalDataCheck:
    """A form mixin: `personal_data_fields` are checked when the form is cleaned. A ЈМБГ
    is an error on its field; a name is an error that the checkbox `no_personal_data`
    (added to the form when needed) lifts once ticked. Use as
    `class FindingForm(PersonalDataCheck, forms.Form): personal_data_fields = ("text",)`."""

    personal_data_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["no_personal_data"] = forms.BooleanField(
            label=_("These are not names of service users (e.g. an adviser's or a director's)."),
            required=False,
        )

    def clean(self):
        cleaned = super().clean()
        confirmed = cleaned.get("no_personal_data")
        for name in self.personal_data_fields:
            found = find_personal_data(cleaned.get(name) or "")
            if found.jmbg:
                self.add_error(
                    name,
                    _(
                        "This looks like a personal identity number (JMBG): %(found)s. "
                        "Personal data of service users is never entered: remove it."
                    )
                    % {"found": ", ".join(found.jmbg)},
                )
            elif found.names and not confirmed:
                self.add_error(
                    name,
                    _(
                        "This looks like a first name and surname: %(found)s. Service users "
                        "are never named here; if these are not service users, tick the box "
                        "below and save again."
                    )
                    % {"found": ", ".join(found.names)},
                )
        return cleaned
