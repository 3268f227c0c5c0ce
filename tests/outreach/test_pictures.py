"""A news item's picture is checked by its content: not a picture, over 10 MB or over 40
megapixels is refused with a message and nothing is stored; a picture is stored
re-encoded, without its EXIF (a phone's GPS position); a picture needs its alternative
text."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from outreach import services
from outreach.models import NewsItem
from outreach.pictures import MAX_BYTES, checked_picture
from tests.core.soup import fill, find_form, soup
from tests.outreach.conftest import picture_upload

pytestmark = pytest.mark.django_db

URL = "/staff/outreach/news/new/"


def _post(client, **values):
    form = find_form(soup(client.get(URL)))
    data = fill(form, {"title": "Вест са сликом", "lead": "Увод.", **values})
    return data


def _refusal(client, upload, alt="Учесници округлог стола") -> str:
    data = _post(client, picture_alt=alt)
    data["picture"] = upload
    response = client.post(URL, data)
    assert response.status_code == 400
    assert NewsItem.objects.count() == 0
    page = soup(response)
    return " ".join(e.get_text(" ", strip=True) for e in page.select(".invalid-feedback"))


def test_a_file_that_is_not_a_picture_is_refused_by_its_content(english, staff_user):
    english.force_login(staff_user)
    fake = SimpleUploadedFile("slika.jpg", b"%PDF-1.4\n%%EOF\n" + b"x" * 200)
    assert "This file is not a picture" in _refusal(english, fake)


def test_a_truncated_picture_is_refused(english, staff_user):
    english.force_login(staff_user)
    whole = picture_upload().read()
    assert "not a picture" in _refusal(english, SimpleUploadedFile("a.jpg", whole[:60]))


def test_a_picture_over_10_mb_is_refused(english, staff_user):
    english.force_login(staff_user)
    big = SimpleUploadedFile("velika.jpg", b"\xff\xd8\xff" + b"\0" * (MAX_BYTES + 2**20))
    message = _refusal(english, big).replace("\xa0", " ")
    assert "The picture is 11.0 MB" in message and "at most 10.0 MB" in message


def test_a_picture_over_40_megapixels_is_refused_before_it_is_decoded(english, staff_user):
    english.force_login(staff_user)
    out = io.BytesIO()
    Image.new("1", (8000, 5001)).save(out, "PNG")  # 40.008 megapixels, a few kilobytes
    message = _refusal(english, SimpleUploadedFile("siroka.png", out.getvalue()))
    assert "8000 × 5001" in message and "at most 40 megapixels" in message


def test_a_picture_needs_its_alternative_text(english, staff_user):
    english.force_login(staff_user)
    message = _refusal(english, picture_upload(), alt="")
    assert "alternative text is required" in message


def test_exif_with_the_gps_position_is_stripped_from_the_stored_picture(staff_client):
    upload = picture_upload(exif=True)
    assert b"SecretPhone" in upload.read()
    upload.seek(0)
    data = _post(staff_client, picture_alt="Учесници округлог стола")
    data["picture"] = upload
    assert staff_client.post(URL, data).status_code == 302
    item = NewsItem.objects.get()
    stored = item.picture.read()
    assert b"SecretPhone" not in stored and b"PhoneMaker" not in stored and b"Exif" not in stored
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and dict(image.getexif()) == {}
    assert (item.picture_width, item.picture_height) == (64, 48)
    assert item.picture.name.startswith("news/") and "slika" not in item.picture.name


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_pictures_are_accepted_and_re_encoded(fmt):
    picture = checked_picture(picture_upload(fmt, exif=True))
    data = picture.file.read()
    assert b"SecretPhone" not in data
    assert Image.open(io.BytesIO(data)).format == fmt


def test_a_large_picture_is_scaled_down_for_the_page():
    picture = checked_picture(picture_upload(size=(4000, 3000)))
    assert (picture.width, picture.height) == (2000, 1500)


def test_the_service_refuses_a_bad_picture_on_every_path(staff_user):
    with pytest.raises(ValidationError) as refused:
        services.news_create(
            user=staff_user,
            data={
                "title": "Т",
                "lead": "У",
                "body": "",
                "picture_alt": "а",
                "area": None,
                "published_at": None,
            },
            picture=SimpleUploadedFile("a.png", b"GIF89a not really"),
        )
    assert "picture" in refused.value.message_dict
    assert NewsItem.objects.count() == 0


def test_the_public_page_serves_the_picture_of_a_published_item_only(staff_user, client):
    result = services.news_create(
        user=staff_user,
        data={
            "title": "Вест",
            "lead": "У",
            "body": "",
            "picture_alt": "Сала",
            "area": None,
            "published_at": None,
        },
        picture=picture_upload(),
    )
    item = result.item
    url = f"/news/{item.year}/{item.slug}/picture/"
    assert client.get(url).status_code == 404
    services.news_publish(user=staff_user, item=item)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    page = soup(client.get(f"/news/{item.year}/{item.slug}/"))
    img = page.select_one(".news-picture img")
    assert img["alt"] == "Сала" and img["src"] == url
