from django.urls import path

from pzss.documents import views

app_name = "documents"

urlpatterns = [
    path("<int:pk>/status/", views.DocumentStatusView.as_view(), name="status"),
    path("<int:pk>/download/", views.DocumentDownloadView.as_view(), name="download"),
    path("<int:pk>/retry/", views.DocumentRetryView.as_view(), name="retry"),
    path("jobs/<int:pk>/", views.JobView.as_view(), name="job"),
    path("jobs/<int:pk>/status/", views.JobStatusView.as_view(), name="job_status"),
    path("jobs/<int:pk>/download/", views.JobDownloadView.as_view(), name="job_download"),
]
