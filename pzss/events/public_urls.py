"""The public event pages: /events/, the personal registration links, the certificate
check and the privacy notice of sign-up."""

from django.urls import path

from pzss.events.views import public as views

app_name = "events"

urlpatterns = [
    path("events/", views.event_list, name="events"),
    path("events/feed.ics", views.event_feed, name="event_feed"),
    path("events/institutions/", views.institution_options, name="institution_options"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("events/<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("events/<int:pk>/register/", views.event_register, name="event_register"),
    path("registrations/<str:token>/", views.registration_manage, name="registration"),
    path(
        "registrations/<str:token>/certificate.pdf",
        views.registration_certificate,
        name="registration_certificate",
    ),
    path("certificates/", views.certificate_verify, name="certificate_lookup"),
    path("certificates/<str:code>/", views.certificate_verify, name="certificate"),
    path("privacy/", views.privacy, name="privacy"),
]
