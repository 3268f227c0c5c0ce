"""A working visit's sample of case files (programme 2021, I): the frame is the list of
case-file NUMBERS the institution holds (never names), each with the attributes the
criteria read (the child's age, the kind of care; for adults, the service). A draw picks
`size` files from the frame's eligible ones, reproducibly:
`random.Random(seed).sample(sorted(eligible), size)`, the seed from `secrets.randbits(32)`
kept with the draw. Changing the frame makes a new frame version; a draw on it is a new
draw, and the earlier one stays, superseded. Each drawn file is reviewed against a small
fixed checklist of the institution's kind (`CHECKLISTS`)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pzss.core.models import InstitutionKind
from support.models.visits import WorkingVisit


class CareKind(models.TextChoices):
    FAMILY = "family", _("family care")
    RESIDENTIAL = "residential", _("residential care")
    DAY = "day", _("day care")
    HOME = "home", _("care at home")


class Answer(models.TextChoices):
    YES = "yes", pgettext_lazy("finding", "yes")
    PARTLY = "partly", pgettext_lazy("finding", "partly")
    NO = "no", pgettext_lazy("finding", "no")
    NOT_APPLICABLE = "na", pgettext_lazy("finding", "not applicable")


# The checklist per institution kind: (code, question). Centres for social work (and the
# homes for children) are checked on the child's case; adults' institutions on the
# admission, the assessment and the plan of services.
CHILD_CHECKLIST = (
    ("assessment_on_time", _("Assessment done on time")),
    ("service_plan", _("Plan of services made")),
    ("placement_review", _("Placement reviewed on time")),
    ("family_contact", _("Contact with the family kept")),
)
ADULT_CHECKLIST = (
    ("admission_assessment", _("Admission assessment")),
    ("assessment", _("Assessment")),
    ("service_plan", _("Service plan")),
)
ADULT_KINDS = frozenset({InstitutionKind.ADULT_HOME, InstitutionKind.PRIVATE_HOME})


def checklist_for(institution_kind: str) -> tuple:
    return ADULT_CHECKLIST if institution_kind in ADULT_KINDS else CHILD_CHECKLIST


class SampleFrame(models.Model):
    visit = models.ForeignKey(
        WorkingVisit,
        verbose_name=_("working visit"),
        on_delete=models.CASCADE,
        related_name="sample_frames",
    )
    version = models.PositiveSmallIntegerField(_("frame version"))
    # [{"number": "551-12/2021", "age": 7, "care": "family"}, …] in the order entered.
    files = models.JSONField(_("case files"), default=list)
    max_age = models.PositiveSmallIntegerField(
        _("age up to (years)"), null=True, blank=True, help_text=_("Empty: any age.")
    )
    care = models.CharField(_("kind of care"), max_length=12, choices=CareKind.choices, blank=True)
    size = models.PositiveSmallIntegerField(_("sample size"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["visit", "-version"]
        verbose_name = _("sample frame")
        verbose_name_plural = _("sample frames")
        constraints = [
            models.UniqueConstraint(fields=["visit", "version"], name="sample_frame_version"),
            models.CheckConstraint(condition=Q(size__gte=1), name="sample_frame_size_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.visit} — v{self.version}"

    def is_eligible(self, entry: dict) -> bool:
        if self.max_age is not None and (entry.get("age") is None or entry["age"] > self.max_age):
            return False
        return not self.care or entry.get("care") == self.care

    def eligible_numbers(self) -> list[str]:
        """The eligible files' numbers, sorted: the list the draw samples from."""
        return sorted(e["number"] for e in self.files if self.is_eligible(e))


class SampleDraw(models.Model):
    frame = models.ForeignKey(
        SampleFrame, verbose_name=_("sample frame"), on_delete=models.PROTECT, related_name="draws"
    )
    max_age = models.PositiveSmallIntegerField(_("age up to (years)"), null=True, blank=True)
    care = models.CharField(_("kind of care"), max_length=12, blank=True)
    size = models.PositiveSmallIntegerField(_("sample size"))
    seed = models.BigIntegerField(_("seed"))
    numbers = models.JSONField(_("drawn case files"), default=list)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    drawn_at = models.DateTimeField(_("drawn"), auto_now_add=True)

    class Meta:
        ordering = ["-drawn_at", "-id"]
        verbose_name = _("sample draw")
        verbose_name_plural = _("sample draws")
        constraints = [
            models.UniqueConstraint(fields=["frame"], name="sample_draw_one_per_frame"),
        ]

    def __str__(self) -> str:
        return f"{self.frame} — {self.seed}"


class CaseFileReview(models.Model):
    """The findings for one drawn case file: an answer per checklist item and a note."""

    draw = models.ForeignKey(
        SampleDraw, verbose_name=_("sample draw"), on_delete=models.CASCADE, related_name="reviews"
    )
    number = models.CharField(_("case file number"), max_length=40)
    answers = models.JSONField(_("answers"), default=dict)  # {item code: Answer}
    note = models.TextField(_("note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["draw", "id"]
        verbose_name = _("case file review")
        verbose_name_plural = _("case file reviews")
        constraints = [
            models.UniqueConstraint(fields=["draw", "number"], name="case_file_review_once"),
        ]

    def __str__(self) -> str:
        return self.number
