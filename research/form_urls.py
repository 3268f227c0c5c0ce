"""The data sets and their forms (staff), under staff/research/data/."""

from django.urls import path

from research import form_views as views

urlpatterns = [
    path("", views.data_sets, name="data_sets"),
    path("new/", views.data_set_create, name="data_set_create"),
    path("<slug:code>/", views.data_set_detail, name="data_set"),
    path("<slug:code>/edit/", views.data_set_update, name="data_set_update"),
    path("<slug:code>/versions/<int:number>/", views.form_version, name="form_version"),
    path("<slug:code>/draft/start/", views.form_draft_start, name="form_draft_start"),
    path("<slug:code>/draft/", views.form_builder, name="form_builder"),
    path("<slug:code>/draft/preview/", views.form_draft_preview, name="form_draft_preview"),
    path("<slug:code>/draft/publish/", views.form_publish, name="form_publish"),
    path("<slug:code>/draft/fields/new/", views.form_field_add, name="form_field_add"),
    path("<slug:code>/draft/fields/<int:pk>/", views.form_field_edit, name="form_field_edit"),
    path("<slug:code>/draft/fields/<int:pk>/move/", views.form_field_move, name="form_field_move"),
    path(
        "<slug:code>/draft/fields/<int:pk>/delete/",
        views.form_field_delete,
        name="form_field_delete",
    ),
    path("<slug:code>/draft/rules/new/", views.form_rule_add, name="form_rule_add"),
    path(
        "<slug:code>/draft/rules/<int:pk>/delete/",
        views.form_rule_delete,
        name="form_rule_delete",
    ),
]
