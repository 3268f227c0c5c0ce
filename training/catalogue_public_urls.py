"""The public training catalogue, under /training/: the published programmes and their
upcoming sessions; a draft programme is a 404."""

from django.urls import path

from training import catalogue_views as views

app_name = "training_catalogue"

urlpatterns = [
    path("", views.public_catalogue, name="list"),
    path("programmes/<slug:slug>/", views.public_programme, name="programme"),
]
