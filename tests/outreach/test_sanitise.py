"""A news item's body keeps a small safe subset of HTML; everything else is removed when it
is saved, and the editor is told what."""

import pytest
from django.utils import translation

from outreach.models import NewsItem
from outreach.sanitise import sanitise
from tests.core.soup import fill, find_form, messages_on, soup

pytestmark = pytest.mark.django_db

HOSTILE_BODY = (
    '<p onclick="steal()">Текст <strong>важан</strong> и <em>нагласак</em>.</p>'
    "<script>alert('x')</script>"
    '<p><a href="javascript:alert(1)">кликни</a> '
    '<a href=" JaVa&#x09;Script:alert(2)">опет</a> '
    '<a href="https://www.pzsz.gov.rs/">сајт</a> <a href="mailto:info@pzsz.gov.rs">пошта</a></p>'
    '<iframe src="https://evil.example/">оквир</iframe>'
    '<img src="x" onerror="alert(3)">'
)


def test_what_is_allowed_stays_and_links_get_noopener():
    result = sanitise(
        "<h2>Наслов</h2><p>Пасус са <a href='https://example.rs/'>везом</a>.</p>"
        "<ul><li>један</li></ul><ol><li>два</li></ol><h3>а</h3><h4>б</h4>"
    )
    assert not result.changed
    assert '<a href="https://example.rs/" rel="noopener">везом</a>' in result.html
    for tag in ("<h2>", "<p>", "<ul>", "<ol>", "<li>", "<h3>", "<h4>"):
        assert tag in result.html


def test_script_event_handlers_javascript_links_and_iframes_are_removed_and_named():
    result = sanitise(HOSTILE_BODY)
    html = result.html
    for gone in ("<script", "alert('x')", "onclick", "onerror", "javascript", "iframe", "<img"):
        assert gone not in html.lower(), gone
    assert "оквир" not in html  # a frame's fallback text goes with it
    assert "<strong>важан</strong>" in html and "<em>нагласак</em>" in html
    assert 'href="https://www.pzsz.gov.rs/"' in html and 'href="mailto:info@pzsz.gov.rs"' in html
    assert result.removed_tags == ["script", "iframe", "img"]
    assert result.event_handlers and result.javascript_links
    summary = result.removed_summary()  # in the editor's language: Serbian by default
    for named in ("<script>", "<iframe>", "атрибути за обраду догађаја", "javascript: везе"):
        assert named in summary
    with translation.override("en"):
        summary = result.removed_summary()
    for named in ("<script>", "<iframe>", "event handler attributes", "javascript: links"):
        assert named in summary


def test_plain_text_becomes_paragraphs_and_is_escaped():
    result = sanitise("Први пасус\nи ред.\n\nДруги <пасус> & крај")
    assert result.html == "<p>Први пасус<br>и ред.</p>\n<p>Други &lt;пасус&gt; &amp; крај</p>"
    assert not result.changed


def test_the_editor_is_told_what_was_removed_and_the_rest_is_saved(english, staff_user):
    english.force_login(staff_user)
    form = find_form(soup(english.get("/staff/outreach/news/new/")))
    data = fill(form, {"title": "Вест са скриптом", "lead": "Увод.", "body": HOSTILE_BODY})
    response = english.post("/staff/outreach/news/new/", data, follow=True)
    assert response.status_code == 200
    [message] = [m for m in messages_on(soup(response)) if "Removed" in m]
    for named in ("<script>", "<iframe>", "event handler attributes", "javascript: links"):
        assert named in message
    item = NewsItem.objects.get()
    assert "<script" not in item.body and "onclick" not in item.body
    assert "важан" in item.body


def test_a_body_written_around_the_service_is_cleaned_again_on_the_page(client, make_news):
    item = make_news(body="<p>ок</p><script>alert(1)</script><p onmouseover='x()'>б</p>")
    page = client.get(f"/news/{item.year}/{item.slug}/").content.decode()
    assert "alert(1)" not in page and "onmouseover" not in page
    assert "<p>ок</p>" in page
