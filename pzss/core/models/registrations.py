"""A person on an activity."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from pzss.core.models.activities import Activity
from pzss.core.models.directory import Institution, Person, Position


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    PENDING = "pending", _("Awaiting approval")
    WAITLISTED = "waitlisted", _("Waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    REJECTED = "rejected", _("Rejected")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Absent")


# Registrations that hold a seat, and those a person may still cancel: written once.
SEAT_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.PENDING,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.ABSENT,
)
CANCELLABLE_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.PENDING,
    RegistrationStatus.WAITLISTED,
)
# Who can be marked present or absent, and who is on a sign-in sheet.
MARKABLE_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.ABSENT,
)
# "Participants", wherever a page counts or lists them: the people on an activity who are
# expected (confirmed, or awaiting approval) or who came. The waiting list, the absent, the
# cancelled and the rejected stay on record, but they are not participants.
PARTICIPATING_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.PENDING,
    RegistrationStatus.ATTENDED,
)
# The waiting list's order, defined here once and read by the services (who is promoted
# next), the staff pages (the place shown) and the e-mails (the place told).
WAITLIST_ORDERING = ("waitlist_rank", "created_at", "id")


class RegistrationSource(models.TextChoices):
    PUBLIC = "public", _("Public sign-up")
    STAFF = "staff", _("Added by staff")
    IMPORT = "import", _("Imported")


class RegistrationQuerySet(models.QuerySet):
    def holding_seat(self) -> "RegistrationQuerySet":
        return self.filter(status__in=SEAT_STATUSES)

    def cancellable(self) -> "RegistrationQuerySet":
        return self.filter(status__in=CANCELLABLE_STATUSES)

    def markable(self) -> "RegistrationQuerySet":
        return self.filter(status__in=MARKABLE_STATUSES)

    def participating(self) -> "RegistrationQuerySet":
        """The activity's participants (PARTICIPATING_STATUSES)."""
        return self.filter(status__in=PARTICIPATING_STATUSES)

    def waitlisted(self) -> "RegistrationQuerySet":
        """The waiting list in promotion order: the first is the next to get a seat."""
        return self.filter(status=RegistrationStatus.WAITLISTED).order_by(*WAITLIST_ORDERING)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Registration(models.Model):
    # No index of its own: the unique (activity, person) and the waiting-list index below
    # both start with the activity (one index fewer to write at every sign-up, and the
    # planner cannot pick the narrower one and filter the status by hand).
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="registrations",
        db_index=False,
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    # Denormalised at sign-up: what the person said of themselves that day.
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    position = models.CharField(_("position"), max_length=32, choices=Position.choices, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, default="sr")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    source = models.CharField(
        _("source"),
        max_length=16,
        choices=RegistrationSource.choices,
        default=RegistrationSource.STAFF,
    )
    note = models.TextField(_("note"), blank=True)
    # The place on the waiting list (1 = next to get a seat), given under the activity's
    # lock when the person joins the list and renumbered when staff move someone.
    waitlist_rank = models.PositiveIntegerField(_("place on the waiting list"), default=0)
    waitlist_reason = models.TextField(_("reason for the move on the waiting list"), blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    promoted_at = models.DateTimeField(
        _("given a seat from the waiting list"), null=True, blank=True
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "person"], name="registration_unique_person"
            ),
        ]
        indexes = [
            # An event's registrations by status in the waiting list's order: the seats
            # taken, the last place waiting and a person's place each read a short range of
            # it under the event's lock, however long the waiting list grows. (Only the
            # waiting list has ranks; every other status has 0, so it is in created_at
            # order there.)
            models.Index(
                fields=["activity", "status", "waitlist_rank", "created_at"],
                name="registration_waitlist_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.activity}"

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_STATUSES

    @property
    def is_participating(self) -> bool:
        return self.status in PARTICIPATING_STATUSES

    @property
    def is_withdrawn(self) -> bool:
        """Cancelled or rejected: on record, but no longer on the activity."""
        return self.status in (RegistrationStatus.CANCELLED, RegistrationStatus.REJECTED)

    @property
    def waitlist_key(self) -> tuple:
        return tuple(getattr(self, name) for name in WAITLIST_ORDERING)
