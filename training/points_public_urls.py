"""The transcript without an account, under /training/transcript/ (names in the
`training_transcript` namespace): the form that e-mails a person their signed link, and
the pages that link opens."""

from django.urls import path

from training import points_public_views as views

app_name = "training_transcript"

urlpatterns = [
    path("", views.transcript_ask, name="ask"),
    # Before the signed link's pages: "sent" is no signed token.
    path("sent/", views.transcript_sent, name="sent"),
    path("<str:signed>/", views.transcript_record, name="record"),
    path("<str:signed>/pdf/", views.transcript_pdf, name="pdf"),
    path("<str:signed>/pdf/<int:pk>/", views.transcript_document, name="document"),
    path(
        "<str:signed>/pdf/<int:pk>/status/",
        views.transcript_document_status,
        name="document_status",
    ),
    path(
        "<str:signed>/pdf/<int:pk>/download/",
        views.transcript_document_download,
        name="document_download",
    ),
]
