"""Discovery on the public site: a news item, the library and a publication, and the home
page carry their canonical address with the language alternates, OpenGraph tags and
schema.org JSON-LD; `?lang=` serves a page in a language without a cookie, cached apart;
content cannot break out of the JSON; drafts stay 404; query counts stay as they were."""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outreach import services as news_services
from outreach.models import NewsStatus, PublicationKind
from tests.outreach.conftest import make_publication, pdf_bytes, picture_upload

pytestmark = pytest.mark.django_db

SITE = "https://portal.example.org"
HOSTILE = "</script><script>alert(1)</script><!--"


@pytest.fixture(autouse=True)
def _site(settings, no_extraction):
    settings.SITE_URL = SITE


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _links(response) -> tuple[str, dict[str, str]]:
    soup = _soup(response)
    [canonical] = soup.select("link[rel=canonical]")
    alternates = {a["hreflang"]: a["href"] for a in soup.select("link[rel=alternate][hreflang]")}
    return canonical["href"], alternates


def _og(response) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for meta in _soup(response).select("meta[property]"):
        out.setdefault(meta["property"], []).append(meta["content"])
    return out


def _json_ld(response) -> list[dict]:
    return [
        json.loads(s.string) for s in _soup(response).select('script[type="application/ld+json"]')
    ]


def _expected_alternates(url: str) -> dict[str, str]:
    join = "&" if "?" in url else "?"
    return {
        "sr-Cyrl": url,
        "sr-Latn": f"{url}{join}lang=sr-latn",
        "en": f"{url}{join}lang=en",
        "x-default": url,
    }


@pytest.fixture
def news_item(staff_user):
    return news_services.news_create(
        user=staff_user,
        data={
            "title": "Округли сто у Сомбору",
            "lead": "Супервизори ЦСР говорили су о вештинама одлучивања.",
            "body": "<p>Текст.</p>",
            "picture_alt": "Учесници округлог стола",
            "area": None,
            "published_at": None,
        },
        picture=picture_upload(),
        publish=True,
    ).item


def _news_url(item) -> str:
    return reverse("outreach:news_detail", kwargs={"year": item.year, "slug": item.slug})


# --- a news item ---------------------------------------------------------------------------


def test_a_news_item_has_its_canonical_address_and_the_three_languages(client, news_item):
    url = _news_url(news_item)
    canonical, alternates = _links(client.get(url + "?utm_source=mail"))
    assert canonical == SITE + url
    assert alternates == _expected_alternates(SITE + url)
    # each language's page is its own canonical page, with the same alternates
    canonical, alternates = _links(client.get(url + "?lang=en&utm_source=mail"))
    assert canonical == SITE + url + "?lang=en"
    assert alternates == _expected_alternates(SITE + url)


def test_a_news_item_has_opengraph_tags_with_its_picture(client, news_item):
    url = _news_url(news_item)
    og = _og(client.get(url + "?lang=sr-latn"))
    assert og["og:title"] == ["Okrugli sto u Somboru"]
    assert og["og:description"] == ["Supervizori CSR govorili su o veštinama odlučivanja."]
    assert og["og:type"] == ["article"]
    assert og["og:url"] == [SITE + url + "?lang=sr-latn"]
    assert og["og:site_name"] and og["og:site_name"][0]
    assert og["og:locale"] == ["sr_Latn_RS"]
    assert sorted(og["og:locale:alternate"]) == ["en_GB", "sr_RS"]
    assert og["og:image"] == [SITE + url + "picture/"]
    assert og["og:image:alt"] == ["Učesnici okruglog stola"]
    assert client.get(url + "picture/").status_code == 200


def test_a_news_item_is_a_news_article_in_the_readers_script(client, news_item):
    url = _news_url(news_item)
    [article] = _json_ld(client.get(url + "?lang=en"))
    assert article["@context"] == "https://schema.org"
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Okrugli sto u Somboru"
    assert article["url"] == article["mainEntityOfPage"] == SITE + url
    assert article["image"] == [SITE + url + "picture/"]
    assert article["datePublished"].startswith(str(news_item.year))
    assert article["publisher"]["name"] == "Pokrajinski zavod za socijalnu zaštitu"
    [cyrillic] = _json_ld(client.get(url))
    assert cyrillic["headline"] == "Округли сто у Сомбору"


def test_a_draft_news_item_is_a_404_with_no_trace_of_it(client, make_news):
    draft = make_news("Тајни нацрт", status=NewsStatus.DRAFT)
    for query in ("", "?lang=en"):
        response = client.get(_news_url(draft) + query)
        assert response.status_code == 404
        html = response.content.decode()
        assert "Тајни" not in html and "Tajni" not in html
        assert 'rel="canonical"' not in html and "ld+json" not in html


# --- ?lang= and the page cache ---------------------------------------------------------------


def test_lang_serves_the_page_in_english_without_a_cookie_and_is_cached_apart(client, news_item):
    url = _news_url(news_item)
    english = client.get(url + "?lang=en")
    assert english["X-Cache"] == "miss" and english["Content-Language"] == "en"
    assert "django_language" not in english.cookies
    assert _soup(english).html["lang"] == "en"
    assert "News" in _soup(english).select_one(".breadcrumb").get_text()

    cyrillic = client.get(url)
    assert cyrillic["X-Cache"] == "miss"  # not the English page from the cache
    assert _soup(cyrillic).html["lang"] == "sr-Cyrl"
    assert "Округли сто у Сомбору" in _soup(cyrillic).h1.get_text()

    again = client.get(url + "?lang=en")
    assert again["X-Cache"] == "hit"
    assert _soup(again).html["lang"] == "en"
    assert "Okrugli sto u Somboru" in _soup(again).h1.get_text()
    cached = client.get(url)
    assert cached["X-Cache"] == "hit" and _soup(cached).html["lang"] == "sr-Cyrl"


def test_the_language_switch_on_a_lang_page_leads_to_the_page_without_it(client, news_item):
    url = _news_url(news_item)
    switch = _soup(client.get(url + "?lang=en")).select_one("a[hreflang=sr-Latn]")["href"]
    response = client.get(switch)
    assert response["Location"] == url
    assert client.get(url)["Content-Language"] == "sr-latn"


# --- the library and a publication -----------------------------------------------------------


def test_the_library_keeps_its_facets_and_page_in_the_canonical_address(client):
    for year in (2020, 2021):
        make_publication(title=f"Извештај {year}", year=year)
    response = client.get("/publications/?lang=en&kind=report&year=2021&page=1&nocache=1")
    canonical, alternates = _links(response)
    assert canonical == f"{SITE}/publications/?year=2021&kind=report&lang=en"
    assert alternates == _expected_alternates(f"{SITE}/publications/?year=2021&kind=report")
    assert _og(response)["og:url"] == [canonical]


def test_a_publication_has_its_canonical_address_once(client):
    publication = make_publication(title="Извештај о раду")
    response = client.get(publication.get_absolute_url() + "?lang=sr-latn")
    canonical, alternates = _links(response)
    assert canonical == SITE + publication.get_absolute_url() + "?lang=sr-latn"
    assert alternates == _expected_alternates(SITE + publication.get_absolute_url())
    og = _og(response)
    assert og["og:title"] == ["Izveštaj o radu"]
    assert og["og:type"] == ["article"]


def test_a_report_is_a_schema_org_report_with_its_authors_and_pdfs(client):
    publication = make_publication(
        title="Обједињени извештај о раду центара",
        authors="Јелена Јовић, Марко Марковић",
        abstract="Подаци 45 центара за социјални рад.",
        language="sr-Cyrl",
    )
    [report] = _json_ld(client.get(publication.get_absolute_url() + "?lang=en"))
    assert report["@type"] == "Report"
    assert report["name"] == "Objedinjeni izveštaj o radu centara"
    assert report["url"] == SITE + publication.get_absolute_url()
    assert report["author"] == [
        {"@type": "Person", "name": "Jelena Jović"},
        {"@type": "Person", "name": "Marko Marković"},
    ]
    assert report["inLanguage"] == "sr-Cyrl"
    assert report["abstract"] == "Podaci 45 centara za socijalni rad."
    publication.refresh_from_db()
    assert report["datePublished"] == publication.published_at.date().isoformat()
    [pdf] = report["encoding"]
    assert pdf["@type"] == "MediaObject"
    assert pdf["encodingFormat"] == "application/pdf"
    assert pdf["contentUrl"] == SITE + publication.files.get().get_absolute_url()
    assert pdf["contentSize"] == len(pdf_bytes())


def test_a_guide_without_authors_is_a_creative_work_by_the_institute(client):
    publication = make_publication(title="Водич", kind=PublicationKind.GUIDE)
    [work] = _json_ld(client.get(publication.get_absolute_url()))
    assert work["@type"] == "CreativeWork"
    assert work["author"]["@type"] == "GovernmentOrganization"
    assert work["author"]["name"] == "Покрајински завод за социјалну заштиту"


def test_a_title_with_a_script_tag_stays_inside_the_json(client):
    plain = make_publication(title="Извештај", abstract="Сажетак.")
    scripts = client.get(plain.get_absolute_url()).content.decode().count("<script")
    publication = make_publication(title=f"Извештај {HOSTILE}", abstract=HOSTILE)
    response = client.get(publication.get_absolute_url())
    html = response.content.decode()
    # as many <script as on a page with a plain title: none comes from the title
    assert html.count("<script") == scripts
    head = html.split("</head>")[0]
    # the only inline script of the page is its JSON-LD, and nothing in it closes it
    assert head.count("<script>") == 0
    assert html.count("alert(1)</script>") == 0
    assert "<script>alert" not in html
    [work] = _json_ld(response)
    assert work["name"] == f"Извештај {HOSTILE}"
    assert work["abstract"] == HOSTILE


def test_a_draft_publication_is_a_404_with_no_trace_of_it(client):
    draft = make_publication(title="Тајни нацрт извештаја", published=False)
    for query in ("", "?lang=en"):
        response = client.get(draft.get_absolute_url() + query)
        assert response.status_code == 404
        html = response.content.decode()
        assert "Тајни" not in html and "Tajni" not in html and "ld+json" not in html


# --- the home page and the pages that need none ---------------------------------------------


def test_the_home_page_describes_the_institute_as_an_organization(client, settings):
    response = client.get("/")
    canonical, alternates = _links(response)
    assert canonical == f"{SITE}/"
    assert alternates["en"] == f"{SITE}/?lang=en"
    [org] = _json_ld(response)
    assert org["@type"] == "GovernmentOrganization"
    assert org["name"] == settings.INSTITUTE["name"]
    assert org["email"] == settings.INSTITUTE["email"]
    assert org["url"] == f"{SITE}/"
    assert org["address"]["addressLocality"] == "Нови Сад"
    assert org["logo"].startswith(SITE)
    og = _og(response)
    assert og["og:type"] == ["website"] and og["og:url"] == [f"{SITE}/"]


@pytest.mark.parametrize(
    "url,as_staff",
    [
        ("/staff/outreach/news/", True),
        ("/staff/", True),
        ("/no-such-page/", True),
        ("/accounts/login/", False),
        ("/no-such-page/", False),
    ],
)
def test_staff_pages_and_errors_have_no_canonical_address_and_ask_not_to_be_indexed(
    client, staff_user, url, as_staff
):
    if as_staff:
        client.force_login(staff_user)
    html = client.get(url).content.decode()
    assert 'rel="canonical"' not in html and "hreflang" not in html.split("</head>")[0]
    assert "og:url" not in html and "ld+json" not in html
    assert '<meta name="robots" content="noindex">' in html


def test_the_staff_preview_of_a_news_item_has_no_discovery(staff_client, news_item):
    html = staff_client.get(
        reverse("outreach_staff:news_preview", args=[news_item.pk])
    ).content.decode()
    assert 'rel="canonical"' not in html and "ld+json" not in html


# --- query counts ------------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_pages_query_as_before(client, news_item):
    publication = make_publication(title="Извештај", authors="Јелена Јовић")
    # a news item: the item, its public related events; a publication: the publication
    # (with its programme goal), its files with their documents. The structured data reads
    # what the page has loaded already.
    assert _queries(client, _news_url(news_item)) == 2
    assert _queries(client, publication.get_absolute_url()) == 2


@pytest.mark.parametrize(
    "path", ["/news/", "/publications/", "/events/", "/programme/", "/areas/ii/"]
)
def test_a_list_pages_link_preview_has_the_pages_own_title_and_description(client, path):
    soup = _soup(client.get(path))
    title = soup.title.string.split(" · ")[0]
    description = soup.select_one("meta[name=description]")["content"]
    assert soup.select_one("meta[property='og:title']")["content"] == title
    assert soup.select_one("meta[property='og:description']")["content"] == description
