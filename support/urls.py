from django.urls import path

from pzss.core.models import Area
from pzss.core.views import AreaOverviewView
from support import group_views, views

app_name = "support"

urlpatterns = [
    path("", AreaOverviewView.as_view(area=Area.SUPPORT), name="overview"),
    path("groups/", views.StandingGroupListView.as_view(), name="groups"),
    path("groups/<int:pk>/", views.StandingGroupEditView.as_view(), name="group_edit"),
    # Groups at work, case conferences, projects (part h14-groups).
    path("groups/<int:pk>/year/", group_views.GroupYearView.as_view(), name="group_year"),
    path(
        "groups/meetings/<int:pk>/held/",
        group_views.MeetingHeldView.as_view(),
        name="meeting_held",
    ),
    path("case-conferences/", group_views.CaseConferenceListView.as_view(), name="cases"),
    path("case-conferences/new/", group_views.CaseConferenceEditView.as_view(), name="case_new"),
    path(
        "case-conferences/<int:pk>/",
        group_views.CaseConferenceEditView.as_view(),
        name="case_edit",
    ),
    path("projects/", group_views.ProjectListView.as_view(), name="projects"),
    path("projects/new/", group_views.ProjectEditView.as_view(), name="project_new"),
    path("projects/<int:pk>/", group_views.ProjectDetailView.as_view(), name="project"),
    path("projects/<int:pk>/edit/", group_views.ProjectEditView.as_view(), name="project_edit"),
    path(
        "projects/<int:pk>/activities/new/",
        group_views.ProjectActivityAddView.as_view(),
        name="project_activity_add",
    ),
    path(
        "projects/<int:pk>/activities/<int:activity_pk>/held/",
        group_views.ProjectActivityHeldView.as_view(),
        name="project_activity_held",
    ),
]
