"""Staff pages of event sign-up, under /staff/events/."""

from django.urls import path

from pzss.core import registration_views as views

app_name = "registrations"

R = "<int:pk>/registrations/<int:registration_pk>"

urlpatterns = [
    path("<int:pk>/", views.RegistrationListView.as_view(), name="list"),
    path("<int:pk>/settings/", views.SignupSettingsView.as_view(), name="settings"),
    path("<int:pk>/add/", views.AddRegistrationView.as_view(), name="add"),
    path("<int:pk>/fill/", views.FillSeatsView.as_view(), name="fill"),
    path("<int:pk>/message/", views.MessageView.as_view(), name="message"),
    path("<int:pk>/export.xlsx", views.ExportView.as_view(fmt="xlsx"), name="export_xlsx"),
    path("<int:pk>/export.csv", views.ExportView.as_view(fmt="csv"), name="export_csv"),
    path("<int:pk>/signin-sheet/", views.SigninSheetView.as_view(), name="signin_sheet"),
    path("<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path(
        "<int:pk>/attendance/<int:registration_pk>/",
        views.AttendanceMarkView.as_view(),
        name="attendance_mark",
    ),
    path(
        "<int:pk>/certificates/issue/",
        views.CertificatesIssueView.as_view(),
        name="certificates_issue",
    ),
    path(
        "<int:pk>/certificates/email/",
        views.CertificatesEmailView.as_view(),
        name="certificates_email",
    ),
    path(
        "<int:pk>/certificates/<int:certificate_pk>/",
        views.CertificateDocumentView.as_view(),
        name="certificate_document",
    ),
    path(f"{R}/approve/", views.ApproveView.as_view(), name="approve"),
    path(f"{R}/reject/", views.RejectView.as_view(), name="reject"),
    path(f"{R}/cancel/", views.CancelView.as_view(), name="cancel"),
    path(f"{R}/move/", views.MoveView.as_view(), name="move"),
]
