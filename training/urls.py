from django.urls import path

from pzss.core.models import Area
from pzss.core.views import AreaOverviewView

app_name = "training"

urlpatterns = [
    path("", AreaOverviewView.as_view(area=Area.TRAINING), name="overview"),
]
