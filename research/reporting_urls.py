"""An institution's own reporting pages, mounted at /reporting/ (namespace `reporting`)."""

from django.urls import path

from research import reporting_views as views

app_name = "reporting"

urlpatterns = [
    path("", views.home, name="home"),
    path("periods/<int:pk>/", views.period_detail, name="period"),
    path("periods/<int:pk>/template.xlsx", views.template_download, name="template"),
    path("periods/<int:pk>/upload/", views.upload, name="upload"),
    path("periods/<int:pk>/correct/", views.correct, name="correct"),
]
