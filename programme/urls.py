from django.urls import path

from programme import views

app_name = "programme"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.ProgrammeCreateView.as_view(), name="create"),
    path("<int:year>/", views.programme_detail, name="detail"),
    path("<int:year>/pdf/", views.programme_pdf, name="pdf"),
    path("<int:year>/progress/", views.progress, name="progress"),
    path("<int:year>/revisions/", views.revision_list, name="revisions"),
    path("<int:year>/revisions/<int:number>/", views.programme_detail, name="revision"),
    path("<int:year>/revisions/<int:number>/pdf/", views.programme_pdf, name="revision_pdf"),
    path(
        "<int:year>/revisions/<int:number>/<slug:action>/",
        views.revision_transition,
        name="transition",
    ),
    path(
        "<int:year>/targets/<int:pk>/activities/",
        views.target_activities,
        name="target_activities",
    ),
    path("<int:year>/realisation/", views.realisation, name="realisation"),
    path("<int:year>/realisation/export/", views.realisation_export, name="realisation_export"),
    path("<int:year>/realisation/targets/<int:pk>/note/", views.target_note, name="target_note"),
    path(
        "<int:year>/realisation/activities/<int:pk>/<slug:action>/",
        views.unplanned_activity,
        name="unplanned_activity",
    ),
    path("<int:year>/report/", views.report, name="report"),
    path("<int:year>/report/new/", views.report_create, name="report_create"),
    path("<int:year>/report/pdf/", views.report_pdf, name="report_pdf"),
    path("<int:year>/report/annex/", views.report_annex, name="report_annex"),
    path("<int:year>/report/<slug:action>/", views.report_transition, name="report_transition"),
    path("<int:year>/compare/", views.revision_compare, name="compare"),
    path("<int:year>/amend/", views.revision_amend, name="amend"),
    path("<int:year>/edit/", views.edit_overview, name="edit"),
    path("<int:year>/edit/header/", views.edit_header, name="edit_header"),
    path("<int:year>/edit/areas/<int:pk>/", views.edit_section, name="edit_section"),
    path("<int:year>/edit/areas/<int:pk>/goals/new/", views.goal_create, name="goal_create"),
    path("<int:year>/edit/goals/<int:pk>/", views.goal_edit, name="goal_edit"),
    path("<int:year>/edit/goals/<int:pk>/move/", views.goal_move, name="goal_move"),
    path("<int:year>/edit/goals/<int:pk>/delete/", views.goal_delete, name="goal_delete"),
    path("<int:year>/edit/goals/<int:pk>/targets/new/", views.target_create, name="target_create"),
    path(
        "<int:year>/edit/areas/<int:pk>/targets/new/",
        views.area_target_create,
        name="area_target_create",
    ),
    path(
        "<int:year>/edit/closing/targets/new/",
        views.closing_target_create,
        name="closing_target_create",
    ),
    path("<int:year>/edit/targets/<int:pk>/", views.target_edit, name="target_edit"),
    path("<int:year>/edit/targets/<int:pk>/move/", views.target_move, name="target_move"),
    path("<int:year>/edit/targets/<int:pk>/delete/", views.target_delete, name="target_delete"),
]
