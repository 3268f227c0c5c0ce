from django.urls import include, path

from pzss.core.models import Area
from pzss.core.views import AreaOverviewView
from training import points_views

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
]
