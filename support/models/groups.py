"""The standing groups at work (programme 2021, I.1): a group's meetings through the
year — its round tables, each an area I activity of kind round_table with the group as
its `standing_group` and a topic („Извештавање супервизора“), and the closing forum,
one activity for several groups at once (the activity's one `standing_group` FK cannot
say that, so the meeting lists its groups). Attendance is read from the activity's
registrations (attended / absent)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Activity, StandingGroup


class GroupMeeting(models.Model):
    activity = models.OneToOneField(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="group_meeting",
    )
    topic = models.CharField(
        _("topic"),
        max_length=300,
        help_text=_("What the meeting works on. No personal data of service users."),
    )
    groups = models.ManyToManyField(
        StandingGroup,
        verbose_name=_("standing groups"),
        related_name="meetings",
        help_text=_("One group for a round table; several for a forum of them all."),
    )

    class Meta:
        ordering = ["activity__start_date", "pk"]
        verbose_name = _("group meeting")
        verbose_name_plural = _("group meetings")

    def __str__(self) -> str:
        return str(self.activity)
