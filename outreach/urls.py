from django.urls import path

from outreach import views
from outreach.library import views as library
from outreach.library.feeds import PublicationsFeed
from pzss.lib.public_cache import public_cache

app_name = "outreach"

urlpatterns = [
    path("", views.home, name="home"),
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
