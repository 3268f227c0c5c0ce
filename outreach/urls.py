from django.urls import path

from outreach import views
from outreach.feeds import NewsFeed
from outreach.library import views as library
from outreach.library.feeds import PublicationsFeed
from pzss.lib.public_cache import public_cache

app_name = "outreach"

urlpatterns = [
    path("", views.home, name="home"),
    # /areas/i/ … /areas/iv/; any other numeral is a 404 (the view knows the four).
    path("areas/<slug:numeral>/", views.area, name="area"),
    path("news/", views.news_list, name="news_list"),
    path("news/<int:year>/<slug:slug>/", views.news_detail, name="news_detail"),
    path("news/<int:year>/<slug:slug>/picture/", views.news_picture, name="news_picture"),
    path("feeds/news.atom", public_cache(NewsFeed()), name="news_feed"),
    # the library
    path("publications/", library.library, name="library"),
    path("publications/<slug:slug>/", library.publication_detail, name="publication"),
    path(
        "publications/<slug:slug>/files/<int:pk>/",
        library.publication_file,
        name="publication_file",
    ),
    path("feeds/publications.atom", public_cache(PublicationsFeed()), name="publications_feed"),
]
