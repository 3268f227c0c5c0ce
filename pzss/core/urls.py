from django.urls import path

from pzss.core import views

app_name = "core"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("activities/", views.ActivityListView.as_view(), name="activity_list"),
    path("activities/export.xlsx", views.ActivityExportView.as_view(), name="activity_export"),
    path("activities/new/", views.ActivityCreateView.as_view(), name="activity_create"),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/edit/", views.ActivityUpdateView.as_view(), name="activity_update"),
    path("activities/<int:pk>/held/", views.ActivityHeldView.as_view(), name="activity_held"),
    path("activities/<int:pk>/cancel/", views.ActivityCancelView.as_view(), name="activity_cancel"),
    path("activities/<int:pk>/files/", views.FileUploadView.as_view(), name="file_upload"),
    path("files/<int:pk>/", views.FileDownloadView.as_view(), name="file_download"),
    path("people/search/", views.PersonSearchView.as_view(), name="person_search"),
]
