"""The catalogue's staff pages, under /staff/training/programmes/ (names in the
`training` namespace)."""

from django.urls import path

from training import catalogue_views as views

urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="programmes"),
    path("new/", views.ProgrammeCreateView.as_view(), name="programme_create"),
    path("<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("<int:pk>/edit/", views.ProgrammeEditView.as_view(), name="programme_edit"),
    path("<int:pk>/publish/", views.ProgrammePublishView.as_view(), name="programme_publish"),
    path("<int:pk>/sessions/new/", views.SessionScheduleView.as_view(), name="session_schedule"),
]
