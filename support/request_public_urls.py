"""Support requests without an account, under /support/request/ (names in the
`support_public` namespace): the form, its confirmation, and the pages the requester's
signed link opens."""

from django.urls import path

from support import request_public_views as views

app_name = "support_public"

urlpatterns = [
    path("", views.request_form, name="form"),
    # Before the signed link's pages: "sent" is no signed token.
    path("sent/", views.request_sent, name="sent"),
    path("<str:signed>/", views.request_thread, name="request"),
    path("<str:signed>/files/<int:pk>/", views.request_file, name="file"),
]
