from django.urls import path

from pzss.core.models import Area
from pzss.core.views import AreaOverviewView
from support import report_views, views

app_name = "support"

urlpatterns = [
    path("", AreaOverviewView.as_view(area=Area.SUPPORT), name="overview"),
    path("groups/", views.StandingGroupListView.as_view(), name="groups"),
    path("groups/<int:pk>/", views.StandingGroupEditView.as_view(), name="group_edit"),
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
]
