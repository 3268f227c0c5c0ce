"""Pages of the needs survey without an account, under /training/: a respondent's
signed link, and the published surveys' results and reports."""

from django.urls import path

from training import survey_public_views as views

app_name = "training_surveys"

urlpatterns = [
    path("survey/<str:signed>/", views.answer, name="answer"),
    path("surveys/", views.survey_list, name="list"),
    path("surveys/<int:year>/", views.results, name="results"),
    path("surveys/<int:year>/pdf/", views.report_pdf, name="pdf"),
]
