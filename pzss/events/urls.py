"""Staff pages of event sign-up, under /staff/: an event's registrations under events/,
and the participants panel of the activity page under activities/."""

from django.urls import path

from pzss.events.views import participants
from pzss.events.views import staff as views

app_name = "events_staff"

R = "events/<int:pk>/registrations/<int:registration_pk>"

urlpatterns = [
    path(
        "activities/<int:pk>/participants/add/",
        participants.ParticipantAddView.as_view(),
        name="participant_add",
    ),
    path(
        "activities/<int:pk>/participants/<int:registration_pk>/remove/",
        participants.ParticipantRemoveView.as_view(),
        name="participant_remove",
    ),
    path(
        "activities/<int:pk>/participants/import/",
        participants.ParticipantImportView.as_view(),
        name="participant_import",
    ),
    path("events/<int:pk>/", views.RegistrationListView.as_view(), name="list"),
    path("events/<int:pk>/settings/", views.SignupSettingsView.as_view(), name="settings"),
    path("events/<int:pk>/add/", views.AddRegistrationView.as_view(), name="add"),
    path("events/<int:pk>/fill/", views.FillSeatsView.as_view(), name="fill"),
    path("events/<int:pk>/message/", views.MessageView.as_view(), name="message"),
    path("events/<int:pk>/export.xlsx", views.ExportView.as_view(fmt="xlsx"), name="export_xlsx"),
    path("events/<int:pk>/export.csv", views.ExportView.as_view(fmt="csv"), name="export_csv"),
    path("events/<int:pk>/signin-sheet/", views.SigninSheetView.as_view(), name="signin_sheet"),
    path("events/<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path(
        "events/<int:pk>/attendance/<int:registration_pk>/",
        views.AttendanceMarkView.as_view(),
        name="attendance_mark",
    ),
    path(
        "events/<int:pk>/certificates/issue/",
        views.CertificatesIssueView.as_view(),
        name="certificates_issue",
    ),
    path(
        "events/<int:pk>/certificates/email/",
        views.CertificatesEmailView.as_view(),
        name="certificates_email",
    ),
    path(
        "events/<int:pk>/certificates/<int:certificate_pk>/",
        views.CertificateDocumentView.as_view(),
        name="certificate_document",
    ),
    path(
        "events/<int:pk>/certificates/<int:certificate_pk>/revoke/",
        views.CertificateRevokeView.as_view(),
        name="certificate_revoke",
    ),
    path(f"{R}/approve/", views.ApproveView.as_view(), name="approve"),
    path(f"{R}/reject/", views.RejectView.as_view(), name="reject"),
    path(f"{R}/cancel/", views.CancelView.as_view(), name="cancel"),
    path(f"{R}/move/", views.MoveView.as_view(), name="move"),
]
