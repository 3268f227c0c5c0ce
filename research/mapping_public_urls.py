"""Public pages of the service mapping, under /research/ (namespace `research_public`):
the published round and a page per municipality."""

from django.urls import path

from research import mapping_views as views

app_name = "research_public"

urlpatterns = [
    path("services/", views.public_services, name="services"),
    path("services/<slug:slug>/", views.public_municipality, name="municipality"),
]
