"""Staff pages of the statistical reports, under /staff/research/statistics/."""

from django.urls import path

from research import report_views as views

urlpatterns = [
    path("", views.report_list, name="reports"),
    path("new/", views.report_create, name="report_create"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/publish/", views.report_publish, name="report_publish"),
    path("<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("<int:pk>/xlsx/", views.report_xlsx, name="report_xlsx"),
]
