from django.urls import include, path

from pzss.core.models import Area
from pzss.core.views import AreaOverviewView

app_name = "research"

urlpatterns = [
    path("", AreaOverviewView.as_view(area=Area.RESEARCH), name="overview"),
    # Completeness of each data set's reports, and its export (h2).
    path("", include("research.completeness_urls")),
]
