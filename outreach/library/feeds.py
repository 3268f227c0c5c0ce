"""The Atom feed of the library's published publications."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from outreach.library.selectors import public_publications
from pzss.lib.discovery import absolute_url

FEED_LENGTH = 30


class PublicationsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Publications of the Provincial Institute for Social Protection")

    def subtitle(self):
        return _("Reports, analyses, research results, guides and work programmes.")

    # Addresses on SITE_URL, not the request's Host: the feed is cached by its path like
    # the public pages (a feed builds a relative address on the Host it was asked on).
    def link(self):
        return absolute_url(reverse("outreach:library"))

    def feed_url(self):
        return absolute_url(reverse("outreach:publications_feed"))

    def author_name(self):
        return settings.INSTITUTE["name"]

    def items(self):
        return public_publications().order_by("-published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.abstract

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.authors or settings.INSTITUTE["name"]

    def item_categories(self, item):
        return [item.get_kind_display()]
