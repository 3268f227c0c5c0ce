"""What each row of an event's registrations page shows, worked out once a page in Python
rather than once a row in the template: a page of 100 waiting people has some 300 action
forms, and their URLs, labels and badges were most of the page's time (bench/event_page.py)."""

from django.template.loader import render_to_string
from django.urls import reverse

from pzss.core.models import Activity, Registration, RegistrationStatus
from pzss.core.models.registrations import CANCELLABLE_STATUSES
from pzss.lib.templatetags.portal import status_badge

# What staff can do to a registration from the list, by its status.
ROW_ACTIONS = {
    "approve": (RegistrationStatus.PENDING,),
    "reject": (RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED),
    "cancel": CANCELLABLE_STATUSES,
    "move": (RegistrationStatus.WAITLISTED,),
}


class _UrlPattern:
    """A URL with the last id filled in per row: reversed once with a stand-in id and split
    around it. A page of 100 waiting people has some 300 action forms, and reversing each
    of their URLs was a large part of the page's time (bench/event_page.py)."""

    STAND_IN = 987654321987654321

    def __init__(self, name: str, activity: Activity):
        url = reverse(name, args=[activity.pk, self.STAND_IN])
        self.head, _, self.tail = url.rpartition(str(self.STAND_IN))

    def __call__(self, pk: int) -> str:
        return f"{self.head}{pk}{self.tail}"


def registration_rows(registrations: list[Registration], activity: Activity, questions) -> None:
    """Give each row of the registrations page what its cells show, worked out once a page
    instead of once a row in the template: the URLs of the actions its status allows ("" for
    the others: a missing key costs the template an exception), its status badge (one render
    a status), the labels of its position and source (Django's get_FOO_display() builds the
    whole choices dict on every call) and its answers in the order of the questions."""
    actions = {
        action: (set(statuses), _UrlPattern(f"events_staff:{action}", activity))
        for action, statuses in ROW_ACTIONS.items()
    }
    certificate_url = _UrlPattern("events_staff:certificate_document", activity)
    revoke_url = _UrlPattern("events_staff:certificate_revoke", activity)
    labels = {
        name: {value: str(label) for value, label in Registration._meta.get_field(name).flatchoices}
        for name in ("position", "source")
    }
    badges = {}
    for r in registrations:
        r.urls = {
            action: url(r.pk) if r.status in statuses else ""
            for action, (statuses, url) in actions.items()
        }
        # A row without a certificate raises on `r.certificate` (a reverse one-to-one):
        # asked once here, not caught by the template in every row.
        certificate = r.certificate_or_none = getattr(r, "certificate", None)
        r.urls["certificate"] = certificate_url(certificate.pk) if certificate else ""
        r.urls["revoke"] = revoke_url(certificate.pk) if certificate else ""
        if r.status not in badges:
            badges[r.status] = render_to_string(
                "includes/badge.html", status_badge(r.status, r.get_status_display())
            )
        r.badge = badges[r.status]
        r.position_label = labels["position"].get(r.position, r.position)
        r.source_label = labels["source"].get(r.source, r.source)
        answers = r.answers if isinstance(r.answers, dict) else {}
        r.answer_cells = [answers.get(str(q.pk)) for q in questions]
