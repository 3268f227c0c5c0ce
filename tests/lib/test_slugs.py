"""The one slug maker every app uses: Latin, ASCII, «ђ» as `dj`, a taken slug numbered."""

import pytest

from outreach.library.services import publication_create
from outreach.models import Publication
from outreach.services import slug_base
from pzss.lib.slugs import free_slug
from pzss.lib.slugs import slug_base as shared_slug_base


def test_cyrillic_title_becomes_latin_ascii_with_dj():
    assert shared_slug_base("Округли сто у Ђурђеву", fallback="x", max_length=80) == (
        "okrugli-sto-u-djurdjevu"
    )


def test_a_title_without_letters_takes_the_fallback():
    assert shared_slug_base("— … —", fallback="vest", max_length=80) == "vest"


def test_news_and_publications_make_the_same_slug(staff_user):
    title = "Извештај о раду ђачких домова"
    publication = publication_create(
        user=staff_user, data={"title": title, "kind": "report", "year": 2021}
    )
    assert publication.slug == slug_base(title) == "izvestaj-o-radu-djackih-domova"


@pytest.mark.django_db
def test_a_numbered_slug_stays_within_the_length(staff_user):
    long_title = "Анализа " * 20
    first = publication_create(
        user=staff_user, data={"title": long_title, "kind": "report", "year": 2021}
    )
    second = publication_create(
        user=staff_user, data={"title": long_title, "kind": "report", "year": 2021}
    )
    assert len(first.slug) <= 80 and len(second.slug) <= 80
    assert second.slug.endswith("-2") and second.slug != first.slug
    assert free_slug(Publication.objects.all(), first.slug, max_length=80).endswith("-3")
