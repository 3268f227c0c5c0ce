from django.urls import path

from pzss.core.models import Area
from pzss.core.views import AreaOverviewView
from support import request_views, views
from support import views, visit_views

app_name = "support"

urlpatterns = [
    path("", AreaOverviewView.as_view(area=Area.SUPPORT), name="overview"),
    path("groups/", views.StandingGroupListView.as_view(), name="groups"),
    path("groups/<int:pk>/", views.StandingGroupEditView.as_view(), name="group_edit"),
    # --- support requests (h14-requests): the list, a request and its actions, letters ---
    path("requests/", request_views.RequestListView.as_view(), name="requests"),
    path("requests/letter/", request_views.RegisterLetterView.as_view(), name="request_letter"),
    path("requests/<int:pk>/", request_views.RequestDetailView.as_view(), name="request"),
    path(
        "requests/<int:pk>/reply/", request_views.RequestReplyView.as_view(), name="request_reply"
    ),
    path("requests/<int:pk>/note/", request_views.RequestNoteView.as_view(), name="request_note"),
    path(
        "requests/<int:pk>/assign/",
        request_views.RequestAssignView.as_view(),
        name="request_assign",
    ),
    path(
        "requests/<int:pk>/status/",
        request_views.RequestStatusView.as_view(),
        name="request_status",
    ),
    path(
        "requests/<int:pk>/deadline/",
        request_views.RequestDeadlineView.as_view(),
        name="request_deadline",
    ),
    path(
        "requests/<int:pk>/activities/link/",
        request_views.RequestLinkActivityView.as_view(),
        name="request_link_activity",
    ),
    path(
        "requests/<int:pk>/activities/new/",
        request_views.RequestCreateActivityView.as_view(),
        name="request_create_activity",
    ),
    path(
        "requests/<int:pk>/letter/",
        request_views.RequestLetterScanView.as_view(),
        name="request_letter_scan",
    ),
    path("requests/files/<int:pk>/", request_views.RequestFileView.as_view(), name="request_file"),
    # --- end of support requests ---
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
