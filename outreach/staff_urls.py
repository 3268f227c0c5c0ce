from django.urls import path

from outreach.library import views as library
from pzss.core.models import Area
from pzss.core.views import AreaOverviewView

app_name = "outreach_staff"

urlpatterns = [
    path("", AreaOverviewView.as_view(area=Area.OUTREACH), name="overview"),
    # the library
    path("publications/", library.StaffPublicationListView.as_view(), name="publications"),
    path("publications/new/", library.PublicationCreateView.as_view(), name="publication_create"),
    path("publications/<int:pk>/", library.PublicationEditView.as_view(), name="publication"),
    path(
        "publications/<int:pk>/files/",
        library.PublicationFileAddView.as_view(),
        name="publication_file_add",
    ),
    path(
        "publications/<int:pk>/files/<int:file_pk>/delete/",
        library.PublicationFileDeleteView.as_view(),
        name="publication_file_delete",
    ),
    path(
        "publications/<int:pk>/publish/",
        library.PublicationStatusView.as_view(action="publish"),
        name="publication_publish",
    ),
    path(
        "publications/<int:pk>/withdraw/",
        library.PublicationStatusView.as_view(action="withdraw"),
        name="publication_withdraw",
    ),
]
