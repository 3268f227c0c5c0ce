from django.urls import include, path

from pzss.core.models import Area
from pzss.core.views import AreaOverviewView

app_name = "training"

urlpatterns = [
    path("", AreaOverviewView.as_view(area=Area.TRAINING), name="overview"),
    # Student practice and consultative help (issue 13, parts 4 and 5).
    path("", include("training.practice_urls")),
]
