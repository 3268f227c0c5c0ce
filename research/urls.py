from django.urls import include, path

from pzss.core.models import Area
from pzss.core.views import AreaOverviewView

app_name = "research"

urlpatterns = [
    path(
        "",
        AreaOverviewView.as_view(area=Area.RESEARCH, template_name="research/overview.html"),
        name="overview",
    ),
    path("services/", include("research.mapping_urls")),
    # Completeness of each data set's reports, and its export: data/<code>/completeness/.
    path("", include("research.completeness_urls")),
    path("statistics/", include("research.report_urls")),
    # The data sets and their forms (the form builder); a data set's code is the next part
    # of the address, so pages of their own under data/ come before this include.
    # The review of the institutions' submissions (its own pages under data/, before the
    # form builder's include).
    path("data/review/", include("research.review_urls")),
    path("data/", include("research.form_urls")),
    # The research register (III 4.1, 4.2).
    path("studies/", include("research.study_urls")),
]
