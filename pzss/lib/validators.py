"""Bounds of what is plausible, for model fields: a number typed with one zero too many or
a date typed as 0001-01-01 is a mistake, refused with a message that says the bounds."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


def validate_plausible_date(value: dt.date | dt.datetime) -> None:
    """A date (or the day of a date and time) between 2000 and 2100."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(
            # Formatted when raised: in the language of the page that shows it.
            _("Enter a date from %(earliest)s to %(latest)s.")
            % {
                "earliest": date_format(EARLIEST_DATE, "SHORT_DATE_FORMAT"),
                "latest": date_format(LATEST_DATE, "SHORT_DATE_FORMAT"),
            },
            code="implausible_date",
        )


@deconstructible
class RangeValidator:
    """A number from `low` to `high`, both included."""

    def __init__(self, low, high):
        self.low = low
        self.high = high

    def __call__(self, value) -> None:
        if value is not None and not self.low <= value <= self.high:
            raise ValidationError(
                _("Enter a number from %(low)s to %(high)s.")
                % {
                    "low": number_format(self.low, force_grouping=True),
                    "high": number_format(self.high, force_grouping=True),
                },
                code="out_of_range",
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, RangeValidator) and (self.low, self.high) == (
            other.low,
            other.high,
        )
