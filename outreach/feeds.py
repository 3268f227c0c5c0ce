"""The Atom feed of the news: published items only, newest first, in Cyrillic as typed
(a feed reader has no language switch; the page each entry links to has)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from outreach import selectors
from outreach.models import NewsItem
from pzss.lib.discovery import absolute_url

FEED_SIZE = 20


class NewsAtom(Atom1Feed):
    """Atom with each entry's whole body as `content`, beside the lead as `summary`."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class NewsFeed(Feed):
    feed_type = NewsAtom
    title = _("News of the Provincial Institute for Social Protection")
    subtitle = _("What the institute held and published.")

    # Addresses on SITE_URL, not the request's Host: the feed is cached by its path like
    # the public pages (a feed builds a relative address on the Host it was asked on).
    def link(self) -> str:
        return absolute_url(reverse("outreach:news_list"))

    def feed_url(self) -> str:
        return absolute_url(reverse("outreach:news_feed"))

    author_name = _("Provincial Institute for Social Protection")

    def items(self):
        return selectors.public_news()[:FEED_SIZE]

    def item_title(self, item: NewsItem) -> str:
        return item.title

    def item_description(self, item: NewsItem) -> str:
        return item.lead

    def item_link(self, item: NewsItem) -> str:
        return absolute_url(
            reverse("outreach:news_detail", kwargs={"year": item.year, "slug": item.slug})
        )

    def item_pubdate(self, item: NewsItem):
        return item.published_at

    def item_updateddate(self, item: NewsItem):
        return max(item.updated_at, item.published_at)

    def item_extra_kwargs(self, item: NewsItem) -> dict:
        return {"content": item.body}
