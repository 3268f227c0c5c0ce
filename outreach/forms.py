import datetime as dt

from django import forms
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outreach.models import (
    BODY_MAX_LENGTH,
    CampaignChannel,
    InformationCampaign,
    MediaAppearance,
    NewsItem,
)
from outreach.pictures import MAX_BYTES, MAX_PIXELS
from outreach.sanitise import ALLOWED_TAGS
from pzss.core.forms import StaffChoiceField, staff_users
from pzss.core.models import Activity, ActivityStatus
from pzss.lib.forms import (
    CleanCharField,
    DateTimeLocalInput,
    ScriptModelMultipleChoiceField,
    clean_text_formfield,
)

# The activities a news item may be linked to on its form: those held in the last year
# and a half (older ones are not news), and whatever the item is linked to already.
LINKABLE_DAYS = 550


def _activity_label(activity: Activity) -> str:
    return f"{activity.start_date:%d.%m.%Y.} · {activity.title}"


class NewsItemForm(forms.ModelForm):
    body = CleanCharField(
        label=_("Body"),
        required=False,
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Paragraphs are separated by an empty line. Allowed formatting: paragraphs, "
            "headings (h2–h4), lists, links (http, https, mailto), emphasis. Anything else "
            "is removed when the item is saved, and you are told what."
        ),
    )
    picture = forms.FileField(
        label=_("Picture"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_(
            "JPG, PNG or WebP, at most %(mb)s MB and %(mp)s megapixels. Its metadata (such "
            "as where it was taken) is removed."
        )
        % {"mb": MAX_BYTES // (1024 * 1024), "mp": MAX_PIXELS // 1_000_000},
    )
    remove_picture = forms.BooleanField(label=_("Remove the picture"), required=False)
    activities = ScriptModelMultipleChoiceField(
        label=_("Related activities"),
        label_of=_activity_label,
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Held activities of the last year and a half that this news is about."),
    )

    class Meta:
        model = NewsItem
        # The picture is not a model field here: the service checks and re-encodes it.
        fields = ["title", "lead", "body", "picture_alt", "area", "published_at"]
        formfield_callback = clean_text_formfield
        widgets = {
            "lead": forms.Textarea(attrs={"rows": 3}),
            "published_at": DateTimeLocalInput(),
        }

    def __init__(self, *args, linked=(), **kwargs):
        super().__init__(*args, **kwargs)
        since = timezone.localdate() - dt.timedelta(days=LINKABLE_DAYS)
        linked_pks = [a.pk for a in linked]
        if self.instance.pk:
            linked_pks += list(self.instance.activities.values_list("pk", flat=True))
        self.fields["activities"].queryset = Activity.objects.filter(
            Q(status=ActivityStatus.HELD, start_date__gte=since) | Q(pk__in=linked_pks)
        ).order_by("-start_date", "-id")
        if not self.instance.picture:
            del self.fields["remove_picture"]
        self.allowed_tags = sorted(ALLOWED_TAGS)


class MediaAppearanceForm(forms.ModelForm):
    speakers = StaffChoiceField(
        queryset=staff_users(),
        required=False,
        label=_("Who spoke"),
        widget=forms.CheckboxSelectMultiple,
    )
    link = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("The recording or article, if it is online (http or https)."),
    )

    class Meta:
        model = MediaAppearance
        fields = ["outlet", "media_kind", "topic", "speakers", "link"]
        formfield_callback = clean_text_formfield
        labels = {"media_kind": _("Kind of media")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "media")
        super().__init__(*args, **kwargs)


class InformationCampaignForm(forms.ModelForm):
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        choices=CampaignChannel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = InformationCampaign
        fields = ["goal", "channels", "materials", "reach"]
        formfield_callback = clean_text_formfield
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
            "materials": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"materials": _("Leaflets, posters, videos, posts: what was made.")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "campaign")
        super().__init__(*args, **kwargs)
