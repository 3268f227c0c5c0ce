"""The completeness pages of a data set, under /staff/research/ (included by
research/urls.py, in the `research` namespace)."""

from django.urls import path

from research import completeness_views as views

urlpatterns = [
    path(
        "data/<slug:code>/completeness/",
        views.completeness_grid,
        name="completeness",
    ),
    path(
        "data/<slug:code>/completeness/export/",
        views.completeness_export,
        name="completeness_export",
    ),
]
