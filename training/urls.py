from django.urls import include, path

from pzss.core.models import Area
from pzss.core.views import AreaOverviewView

app_name = "training"

urlpatterns = [
    path(
        "",
        AreaOverviewView.as_view(area=Area.TRAINING, template_name="training/overview.html"),
        name="overview",
    ),
    # The catalogue: programmes, their accreditation and sessions (h13 catalogue).
    path("programmes/", include("training.catalogue_urls")),
]
