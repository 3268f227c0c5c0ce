"""schema.org JSON-LD: the pieces every page's data shares (the institute as an
Organization, absolute addresses, dates) and the <script> that carries it.

Each app builds its own page's dict next to its view (an event, a publication, a news
item) and puts it in the context as `structured_data`; base.html writes it with the
`json_ld` tag. This module names no app.

Text is given in the reader's script, as the page shows it (`for_language`)."""

import datetime as dt
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from pzss.lib.discovery import absolute_url
from pzss.lib.translit import for_language

CONTEXT = "https://schema.org"
ORGANIZATION_TYPE = "GovernmentOrganization"
LOGO = "img/favicon.svg"
COUNTRY = "RS"

# Inside <script> the browser looks for "</script>" and "<!--" before any JSON is read:
# a title that holds them would end the script early. JSON lets any character be
# written as \uXXXX, so these never appear as themselves (as Django's json_script does).
# U+2028 and U+2029 are escaped too, for a reader that takes the text for JavaScript.
_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}


def script_json(data: dict) -> str:
    """`data` as JSON that is safe to put between <script> and </script>."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_ESCAPES)


def json_ld_script(data: dict | list | tuple | None) -> SafeString:
    """One <script type="application/ld+json"> for each dict in `data` (one or a list);
    nothing for None or an empty list."""
    if not data:
        return mark_safe("")
    items = data if isinstance(data, list | tuple) else [data]
    return mark_safe(
        "".join(
            f'<script type="application/ld+json">{script_json(item)}</script>'
            for item in items
            if item
        )
    )


def compact(data: dict) -> dict:
    """`data` without the keys that have no value: schema.org reads a missing property
    and an empty one alike, and an empty one only clutters."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def iso_date(value: dt.date | dt.datetime | None) -> str | None:
    """A date as YYYY-MM-DD; a datetime in the portal's time zone with its offset."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def local_datetime(day: dt.date, time: dt.time) -> dt.datetime:
    """A day and a clock time in the institute's time zone (Europe/Belgrade)."""
    return dt.datetime.combine(day, time, tzinfo=timezone.get_default_timezone())


def _address(language: str) -> dict:
    """The institute's address ("Булевар Михајла Пупина 25, Нови Сад") as a
    PostalAddress: the street, then the town after the last comma."""
    text = for_language(settings.INSTITUTE["address"], language)
    street, _comma, town = text.rpartition(",")
    return compact(
        {
            "@type": "PostalAddress",
            "streetAddress": street.strip() or text,
            "addressLocality": town.strip() if street else "",
            "addressCountry": COUNTRY,
        }
    )


def organization_ref(*, language: str) -> dict:
    """The institute as an event's organiser or a work's author and publisher."""
    return {
        "@type": ORGANIZATION_TYPE,
        "name": for_language(settings.INSTITUTE["name"], language),
        "url": absolute_url("/"),
    }


def organization(*, language: str) -> dict:
    """The institute in full, as the home page describes it: the footer's name,
    address, telephones and e-mail, its address and its logo."""
    institute = settings.INSTITUTE
    phones = [phone.strip() for phone in institute.get("phone", "").split(",") if phone.strip()]
    return compact(
        {
            "@context": CONTEXT,
            **organization_ref(language=language),
            "logo": absolute_url(static(LOGO)),
            "address": _address(language),
            "telephone": phones[0] if len(phones) == 1 else phones,
            "email": institute.get("email", ""),
        }
    )
