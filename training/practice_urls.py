"""The student practice's and the consultations log's staff pages, under
/staff/training/ (names in the `training` namespace)."""

from django.urls import path

from training import consultation_views, practice_views

urlpatterns = [
    path("practice/", practice_views.AgreementListView.as_view(), name="practice_agreements"),
    path(
        "practice/new/",
        practice_views.AgreementCreateView.as_view(),
        name="practice_agreement_create",
    ),
    path(
        "practice/<int:pk>/",
        practice_views.AgreementDetailView.as_view(),
        name="practice_agreement",
    ),
    path(
        "practice/<int:pk>/edit/",
        practice_views.AgreementEditView.as_view(),
        name="practice_agreement_edit",
    ),
    path(
        "practice/<int:pk>/file/",
        practice_views.AgreementFileView.as_view(),
        name="practice_agreement_file",
    ),
    path(
        "practice/<int:pk>/students/",
        practice_views.StudentAddView.as_view(),
        name="practice_student_add",
    ),
    path(
        "practice/students/<int:pk>/",
        practice_views.StudentDetailView.as_view(),
        name="practice_student",
    ),
    path(
        "practice/students/<int:pk>/hours/",
        practice_views.HoursAddView.as_view(),
        name="practice_hours_add",
    ),
    path(
        "practice/students/<int:pk>/withdraw/",
        practice_views.StudentWithdrawView.as_view(),
        name="practice_student_withdraw",
    ),
    path(
        "practice/students/<int:pk>/certificate/",
        practice_views.CertificateView.as_view(),
        name="practice_certificate",
    ),
    path(
        "practice/hours/<int:pk>/confirm/",
        practice_views.HoursConfirmView.as_view(),
        name="practice_hours_confirm",
    ),
    path(
        "practice/hours/<int:pk>/delete/",
        practice_views.HoursDeleteView.as_view(),
        name="practice_hours_delete",
    ),
    path(
        "consultations/",
        consultation_views.ConsultationListView.as_view(),
        name="consultations",
    ),
    path(
        "consultations/new/",
        consultation_views.ConsultationCreateView.as_view(),
        name="consultation_create",
    ),
    path(
        "consultations/<int:pk>/",
        consultation_views.ConsultationEditView.as_view(),
        name="consultation_edit",
    ),
]
