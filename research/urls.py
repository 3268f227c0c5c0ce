from django.urls import include, path

from pzss.core.models import Area
from pzss.core.views import AreaOverviewView

app_name = "research"

urlpatterns = [
    path("", AreaOverviewView.as_view(area=Area.RESEARCH), name="overview"),
    path("data/review/", include("research.review_urls")),
]
