"""The public pages of the research register, under /research/studies/: published studies
with their published outputs."""

from django.urls import path

from research import study_views as views

app_name = "research_studies"

urlpatterns = [
    path("", views.public_study_list, name="list"),
    path("<slug:slug>/", views.public_study_detail, name="detail"),
    path("<slug:slug>/outputs/<int:pk>/", views.public_output_file, name="output_file"),
]
