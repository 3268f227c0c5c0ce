from django.urls import path

from outreach import views

app_name = "outreach"

urlpatterns = [
    path("", views.home, name="home"),
    path("events/", views.event_list, name="events"),
    path("privacy/", views.privacy, name="privacy"),
]
