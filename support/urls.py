from django.urls import path

from pzss.core.models import Area
from pzss.core.views import AreaOverviewView
from support import group_views, report_views, request_views, views, visit_views

app_name = "support"

urlpatterns = [
    path(
        "",
        AreaOverviewView.as_view(area=Area.SUPPORT, template_name="support/overview.html"),
        name="overview",
    ),
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
    # --- the visit report and its recommendations' follow-up (issue 14, part 2: report) ---
    path(
        "visits/<int:visit_pk>/report/",
        report_views.VisitReportView.as_view(),
        name="visit_report",
    ),
    path(
        "visits/<int:visit_pk>/report/recommendations/add/",
        report_views.RecommendationAddView.as_view(),
        name="visit_recommendation_add",
    ),
    path(
        "visits/<int:visit_pk>/report/recommendations/<int:pk>/",
        report_views.RecommendationEditView.as_view(),
        name="visit_recommendation_edit",
    ),
    path(
        "visits/<int:visit_pk>/report/recommendations/<int:pk>/delete/",
        report_views.RecommendationDeleteView.as_view(),
        name="visit_recommendation_delete",
    ),
    path(
        "visits/<int:visit_pk>/report/recommendations/<int:pk>/review/",
        report_views.RecommendationReviewView.as_view(),
        name="visit_recommendation_review",
    ),
    path(
        "visits/<int:visit_pk>/report/issue/",
        report_views.ReportIssueView.as_view(),
        name="visit_report_issue",
    ),
    path(
        "visits/<int:visit_pk>/report/correction/",
        report_views.ReportCorrectionView.as_view(),
        name="visit_report_correction",
    ),
    path(
        "visits/<int:visit_pk>/report/follow-up/",
        report_views.FollowUpSendView.as_view(),
        name="visit_report_follow_up",
    ),
    path(
        "visits/<int:visit_pk>/report/close/",
        report_views.ReportCloseView.as_view(),
        name="visit_report_close",
    ),
    path(
        "visits/<int:visit_pk>/report/pdf/",
        report_views.ReportPdfView.as_view(),
        name="visit_report_pdf",
    ),
    path(
        "recommendations/",
        report_views.RecommendationListView.as_view(),
        name="recommendations",
    ),
    # --- end of the visit report ---
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
