from django.urls import include, path

from pzss.core.models import Area
from pzss.core.views import AreaOverviewView

app_name = "research"

urlpatterns = [
    path("", AreaOverviewView.as_view(area=Area.RESEARCH), name="overview"),
    # The research register (III 4.1, 4.2).
    path("studies/", include("research.study_urls")),
]
