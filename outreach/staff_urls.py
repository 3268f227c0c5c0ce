from django.urls import path

from outreach import views
from outreach.library import views as library
from pzss.core.models import Area
from pzss.core.views import AreaOverviewView

app_name = "outreach_staff"

urlpatterns = [
    path("", AreaOverviewView.as_view(area=Area.OUTREACH), name="overview"),
    path("news/", views.NewsListView.as_view(), name="news_list"),
    path("news/new/", views.NewsCreateView.as_view(), name="news_create"),
    path("news/<int:pk>/", views.NewsUpdateView.as_view(), name="news_edit"),
    path("news/<int:pk>/preview/", views.NewsPreviewView.as_view(), name="news_preview"),
    path("news/<int:pk>/picture/", views.NewsPictureView.as_view(), name="news_picture"),
    path(
        "news/<int:pk>/publish/", views.NewsPublishView.as_view(publish=True), name="news_publish"
    ),
    path(
        "news/<int:pk>/unpublish/",
        views.NewsPublishView.as_view(publish=False),
        name="news_unpublish",
    ),
    path(
        "activities/<int:pk>/media/", views.MediaAppearanceView.as_view(), name="media_appearance"
    ),
    path(
        "activities/<int:pk>/campaign/",
        views.InformationCampaignView.as_view(),
        name="information_campaign",
    ),
    # the library
    path("publications/", library.StaffPublicationListView.as_view(), name="publications"),
    path("publications/new/", library.PublicationCreateView.as_view(), name="publication_create"),
    path("publications/<int:pk>/", library.PublicationEditView.as_view(), name="publication"),
    path(
        "publications/<int:pk>/files/",
        library.PublicationFileAddView.as_view(),
        name="publication_file_add",
    ),
    path(
        "publications/<int:pk>/files/<int:file_pk>/delete/",
        library.PublicationFileDeleteView.as_view(),
        name="publication_file_delete",
    ),
    path(
        "publications/<int:pk>/publish/",
        library.PublicationStatusView.as_view(action="publish"),
        name="publication_publish",
    ),
    path(
        "publications/<int:pk>/withdraw/",
        library.PublicationStatusView.as_view(action="withdraw"),
        name="publication_withdraw",
    ),
]
