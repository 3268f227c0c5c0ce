from django.urls import path

from outreach import views
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
]
