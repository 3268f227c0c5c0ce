"""Area III's annual figures of the centres for social work, as other areas read them
(`pzss.core.extensions.institution_figures`): the accepted submission of the data set
`csw-annual` for the year, its care figures by name."""

from research.models import Submission

CSW_ANNUAL = "csw-annual"
FIGURE_CODES = ("children_under_six_away", "foster_care", "residential_care", "users_children")


def csw_annual_figures(*, institution_ids=None, year: int) -> dict[int, dict]:
    submissions = (
        Submission.objects.accepted()
        .filter(period__data_set__code=CSW_ANNUAL, period__start__year=year)
        .select_related("accepted_version")
    )
    if institution_ids is not None:
        submissions = submissions.filter(institution_id__in=list(institution_ids))
    figures = {}
    for submission in submissions:
        values = submission.accepted_version.values or {}
        figures[submission.institution_id] = {
            code: values.get(code) for code in FIGURE_CODES if isinstance(values.get(code), int)
        }
    return figures
