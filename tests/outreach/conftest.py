import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from outreach.models import NewsItem, NewsStatus


@pytest.fixture
def make_news(staff_user):
    """A news item written straight into the table (the services are tested on their own):
    published an hour ago unless told otherwise."""
    counter = iter(range(1, 10_000))

    def make(title=None, *, status=NewsStatus.PUBLISHED, published_at=None, **extra):
        n = next(counter)
        when = published_at or timezone.now() - dt.timedelta(hours=n)
        return NewsItem.objects.create(
            title=title or f"Вест број {n}",
            year=timezone.localtime(when).year,
            slug=extra.pop("slug", f"vest-{n}"),
            lead=extra.pop("lead", f"Увод вести {n}."),
            body=extra.pop("body", "<p>Текст.</p>"),
            status=status,
            published_at=when if status == NewsStatus.PUBLISHED or published_at else None,
            created_by=staff_user,
            **extra,
        )

    return make


def picture_upload(
    fmt: str = "JPEG", size=(64, 48), *, exif: bool = False, name: str | None = None
) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (30, 90, 160))
    out = io.BytesIO()
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "PhoneMaker"  # Make
        data[0x0110] = "SecretPhone 12"  # Model
        # GPSInfo: 45°15' N, 19°50' E (Novi Sad)
        data[0x8825] = {1: "N", 2: (45.0, 15.0, 0.0), 3: "E", 4: (19.0, 50.0, 0.0)}
        kwargs["exif"] = data.tobytes()
    image.save(out, fmt, **kwargs)
    ext = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[fmt]
    return SimpleUploadedFile(name or f"slika.{ext}", out.getvalue())
