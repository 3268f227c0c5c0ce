from django.urls import path

from pzss.core.models import Area
from pzss.core.views import AreaOverviewView
from support import views

app_name = "support"

urlpatterns = [
    path("", AreaOverviewView.as_view(area=Area.SUPPORT), name="overview"),
    path("groups/", views.StandingGroupListView.as_view(), name="groups"),
    path("groups/<int:pk>/", views.StandingGroupEditView.as_view(), name="group_edit"),
]
