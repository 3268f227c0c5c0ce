"""Public pages of the published statistical reports, under /research/statistics/."""

from django.urls import path

from research import report_public_views as views

app_name = "statistics"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/pdf/", views.report_pdf, name="pdf"),
    path("<int:pk>/xlsx/", views.report_xlsx, name="xlsx"),
]
