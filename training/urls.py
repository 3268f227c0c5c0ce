from django.urls import include, path

from pzss.core.models import Area
from pzss.core.views import AreaOverviewView
from training import points_views, survey_views

app_name = "training"

urlpatterns = [
    path(
        "",
        AreaOverviewView.as_view(area=Area.TRAINING, template_name="training/overview.html"),
        name="overview",
    ),
    # The catalogue: programmes, their accreditation and sessions (h13 catalogue).
    path("programmes/", include("training.catalogue_urls")),
    # --- licence points per person (issue 13, part 2) ---
    path("people/", points_views.PeopleListView.as_view(), name="people"),
    path("people/<int:pk>/", points_views.PersonRecordView.as_view(), name="person"),
    path(
        "people/<int:pk>/transcript/",
        points_views.PersonTranscriptView.as_view(),
        name="person_transcript",
    ),
    path(
        "people/<int:pk>/external/new/",
        points_views.ExternalTrainingCreateView.as_view(),
        name="external_training_add",
    ),
    path(
        "people/<int:pk>/external/<int:training_pk>/edit/",
        points_views.ExternalTrainingEditView.as_view(),
        name="external_training_edit",
    ),
    path(
        "people/<int:pk>/external/<int:training_pk>/delete/",
        points_views.ExternalTrainingDeleteView.as_view(),
        name="external_training_delete",
    ),
    path(
        "people/<int:pk>/external/<int:training_pk>/evidence/",
        points_views.ExternalTrainingEvidenceView.as_view(),
        name="external_training_evidence",
    ),
    # --- end of licence points per person ---
    # --- the annual needs survey (issue 13, part 3) ---
    path("surveys/", survey_views.survey_list, name="surveys"),
    path("surveys/new/", survey_views.survey_create, name="survey_create"),
    path("surveys/<int:pk>/", survey_views.survey_detail, name="survey"),
    path("surveys/<int:pk>/edit/", survey_views.survey_edit, name="survey_edit"),
    path("surveys/<int:pk>/questions/new/", survey_views.question_add, name="survey_question_add"),
    path(
        "surveys/questions/<int:pk>/edit/", survey_views.question_edit, name="survey_question_edit"
    ),
    path(
        "surveys/questions/<int:pk>/delete/",
        survey_views.question_delete,
        name="survey_question_delete",
    ),
    path(
        "surveys/questions/<int:pk>/move/", survey_views.question_move, name="survey_question_move"
    ),
    path("surveys/<int:pk>/invitations/", survey_views.invitations, name="survey_invitations"),
    path(
        "surveys/invitations/<int:pk>/resend/",
        survey_views.invitation_resend,
        name="survey_invitation_resend",
    ),
    path(
        "surveys/invitations/<int:pk>/remove/",
        survey_views.invitation_remove,
        name="survey_invitation_remove",
    ),
    path(
        "surveys/<int:pk>/open/",
        survey_views.survey_transition,
        {"action": "open"},
        name="survey_open",
    ),
    path(
        "surveys/<int:pk>/close/",
        survey_views.survey_transition,
        {"action": "close"},
        name="survey_close",
    ),
    path(
        "surveys/<int:pk>/publish/",
        survey_views.survey_transition,
        {"action": "publish"},
        name="survey_publish",
    ),
    path("surveys/<int:pk>/results/", survey_views.survey_results_page, name="survey_results"),
    path("surveys/<int:pk>/pdf/", survey_views.survey_pdf, name="survey_pdf"),
    path("surveys/<int:pk>/xlsx/", survey_views.survey_xlsx, name="survey_xlsx"),
    # --- end of the needs survey ---
    # Student practice and consultative help (issue 13, parts 4 and 5).
    path("", include("training.practice_urls")),
]
