"""Builders for the outreach tests: news items written straight into the table, pictures
and PDFs made on the spot, publications with files."""

import datetime as dt
import io

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from outreach.library import services
from outreach.models import NewsItem, NewsStatus, Publication, PublicationKind
from pzss.core.models import Area


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


def _pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose page shows `text` (ASCII, in Helvetica), written by hand so
    that no renderer is needed: pypdf reads its text back."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def pdf_bytes(text: str = "Annual report of the institute") -> bytes:
    return _pdf_with_text(text)


def encrypted_pdf_bytes() -> bytes:
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes()))
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt("tajna", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(content: bytes | None = None, name: str = "izvestaj.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, "application/pdf")


def make_publication(
    *,
    title: str = "Обједињени извештај о раду центара за социјални рад",
    kind: str = PublicationKind.REPORT,
    year: int = 2021,
    area: int | None = Area.RESEARCH,
    published: bool = True,
    with_file: bool = True,
    **extra,
) -> Publication:
    publication = services.publication_create(
        user=None,
        data={"title": title, "kind": kind, "year": year, "area": area, **extra},
    )
    if with_file:
        services.publication_file_add(user=None, publication=publication, upload=upload())
    if published:
        services.publication_publish(user=None, publication=publication)
    publication.refresh_from_db()
    return publication


@pytest.fixture
def no_extraction(monkeypatch):
    """Queue text extraction without running it (as with a busy worker)."""
    queued: list[int] = []
    monkeypatch.setattr(services.extract_publication_text, "delay", queued.append)
    return queued
