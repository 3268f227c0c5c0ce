from django.urls import path

from pzss.core.models import Area
from pzss.core.views import AreaOverviewView
from support import views, visit_views

app_name = "support"

urlpatterns = [
    path("", AreaOverviewView.as_view(area=Area.SUPPORT), name="overview"),
    path("groups/", views.StandingGroupListView.as_view(), name="groups"),
    path("groups/<int:pk>/", views.StandingGroupEditView.as_view(), name="group_edit"),
    # Working visits: plan, priority, case-file sample and findings (h14, part 2 first half).
    path("visits/", visit_views.VisitListView.as_view(), name="visits"),
    path("visits/plan/", visit_views.VisitPlanView.as_view(), name="visit_plan"),
    path("visits/priority/", visit_views.PriorityView.as_view(), name="visit_priority"),
    path("visits/<int:pk>/", visit_views.VisitDetailView.as_view(), name="visit"),
    path("visits/<int:pk>/edit/", visit_views.VisitEditView.as_view(), name="visit_edit"),
    path("visits/<int:pk>/frame/", visit_views.SampleFrameView.as_view(), name="visit_frame"),
    path("visits/<int:pk>/draw/", visit_views.SampleDrawView.as_view(), name="visit_draw"),
    path(
        "visits/<int:pk>/draws/<int:draw>/files/<path:number>/",
        visit_views.CaseFileReviewView.as_view(),
        name="visit_file",
    ),
]
