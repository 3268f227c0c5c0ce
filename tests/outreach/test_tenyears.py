"""The ten-year benchmark data set includes area IV: build_ten_years asks each app for its
own ten years, and a second run adds nothing."""

import io

import pytest
from django.core.management import call_command

from outreach.models import NewsItem, Publication, PublicationFile, TextStatus

pytestmark = pytest.mark.django_db


def test_build_ten_years_adds_ten_years_of_news_and_publications_once():
    call_command("load_reference", stdout=io.StringIO())
    out = io.StringIO()
    options = {"activities": 30, "people": 20, "registrations": 40, "force": True}
    call_command("build_ten_years", stdout=out, **options)
    assert "Area IV: 600 news items, 200 publications" in out.getvalue()
    assert NewsItem.objects.published().count() == 600
    assert set(NewsItem.objects.values_list("year", flat=True).distinct()).__len__() == 10
    assert Publication.objects.published().count() == 200
    files = PublicationFile.objects.filter(text_status=TextStatus.DONE)
    assert files.count() == 200
    assert min(len(t.split()) for t in files.values_list("text", flat=True)) > 2000

    again = io.StringIO()
    call_command("build_ten_years", stdout=again, **options)
    assert "there already" in again.getvalue()
    assert NewsItem.objects.count() == 600
