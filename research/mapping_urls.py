"""Staff pages of the service mapping, under /staff/research/services/ (namespace
`research`, included by research/urls.py)."""

from django.urls import path

from research import mapping_views as views

urlpatterns = [
    path("", views.MappingListView.as_view(), name="mapping_list"),
    path("<int:pk>/", views.MappingDetailView.as_view(), name="mapping_detail"),
    path("<int:pk>/publish/", views.MappingPublishView.as_view(), name="mapping_publish"),
    path("<int:pk>/new/", views.LocalServiceCreateView.as_view(), name="local_service_create"),
    path("<int:pk>/import/", views.MappingImportView.as_view(), name="mapping_import"),
    path("<int:pk>/template.xlsx", views.MappingTemplateView.as_view(), name="mapping_template"),
    path(
        "entries/<int:pk>/edit/",
        views.LocalServiceUpdateView.as_view(),
        name="local_service_update",
    ),
    path(
        "entries/<int:pk>/delete/",
        views.LocalServiceDeleteView.as_view(),
        name="local_service_delete",
    ),
]
