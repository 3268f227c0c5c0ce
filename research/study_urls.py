"""The research register's staff pages, under /staff/research/studies/ (names in the
`research` namespace)."""

from django.urls import path

from research import study_views as views

urlpatterns = [
    path("", views.StudyListView.as_view(), name="studies"),
    path("new/", views.StudyCreateView.as_view(), name="study_create"),
    path("<int:pk>/", views.StudyDetailView.as_view(), name="study"),
    path("<int:pk>/edit/", views.StudyEditView.as_view(), name="study_edit"),
    path(
        "<int:pk>/steps/<slug:action>/",
        views.StudyTransitionView.as_view(),
        name="study_transition",
    ),
    path("<int:pk>/outputs/", views.StudyOutputAddView.as_view(), name="study_output_add"),
    path(
        "<int:pk>/outputs/<int:output_pk>/file/",
        views.StudyOutputFileView.as_view(),
        name="study_output_file",
    ),
    path(
        "<int:pk>/outputs/<int:output_pk>/publish/",
        views.StudyOutputPublishView.as_view(),
        name="study_output_publish",
    ),
    path(
        "<int:pk>/outputs/<int:output_pk>/delete/",
        views.StudyOutputDeleteView.as_view(),
        name="study_output_delete",
    ),
    path(
        "<int:pk>/activities/new/",
        views.StudyActivityAddView.as_view(),
        name="study_activity_add",
    ),
]
