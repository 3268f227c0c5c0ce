"""The four areas of the institute's work as the public site presents them: each area's
address (/areas/i/ … /areas/iv/), a one-line summary for the home page and an
introduction of a few paragraphs.

The introductions are interface text, translated like the rest of the interface: they
are drawn from the areas' chapters of the institute's work programme (the 2021 one, in
its own wording), so they say what the institute does in each area year after year.
What it commits to in a given year is the programme's goals, which the area page lists
from the programme in force.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Area


@dataclass(frozen=True)
class AreaPage:
    area: Area
    numeral: str  # the address's part: "i", "ii", "iii", "iv"
    summary: Promise
    introduction: tuple[Promise, ...]

    @property
    def name(self) -> str:
        return self.area.label

    @property
    def roman(self) -> str:
        return self.area.roman

    def get_absolute_url(self) -> str:
        return reverse("outreach:area", kwargs={"numeral": self.numeral})


AREA_PAGES: tuple[AreaPage, ...] = (
    AreaPage(
        area=Area.SUPPORT,
        numeral="i",
        summary=_(
            "Expert support to centres for social work, residential institutions and local "
            "providers of social protection services."
        ),
        introduction=(
            _(
                "The Institute gives continuous expert support to the centres for social work "
                "of AP Vojvodina, through expert support to their directors, managers, "
                "supervisors, case managers and lawyers."
            ),
            _(
                "In working visits to centres for social work the work on individual cases is "
                "analysed and recommendations are given for improving professional work. The "
                "standing groups of supervisors meet at round tables on topics the supervisors "
                "themselves propose, so that supervision of the work of case managers improves. "
                "Representatives of the Institute take part in case conferences and give expert "
                "support in individual cases at the request of centres for social work, the "
                "competent Provincial Secretariat, the Ministry or other relevant state bodies "
                "and institutions."
            ),
            _(
                "Residential institutions for children and youth without parental care and for "
                "adults and the elderly, private homes included, are supported through meetings "
                "of directors, education without knowledge check, round tables and working "
                "visits at which a random sample of residents' files is analysed to assess the "
                "quality of professional work. Local providers of social protection services "
                "are supported through education, and the Institute takes part in international, "
                "interregional and cross-sector projects and in the working bodies that draft "
                "by-laws."
            ),
        ),
    ),
    AreaPage(
        area=Area.TRAINING,
        numeral="ii",
        summary=_("Professional training and development of those who work in social protection."),
        introduction=(
            _(
                "The area of professional training is the Institute's active contribution to "
                "improving the competences of social protection service providers in AP "
                "Vojvodina: it sets up a system of quality and professional advancement through "
                "the continuous professional education of those employed in social protection."
            ),
            _(
                "Planning professional development and advancement is an important factor of "
                "work motivation, strengthens employees and contributes to economy and "
                "efficiency at work. The activities of this area aim to make professional "
                "development in social protection more accessible."
            ),
            _(
                "The Institute delivers the accredited trainings whose copyright it holds, surveys "
                "the training needs of centres for social work, residential institutions and "
                "centres for family placement and adoption, gives individual consultative and "
                "advisory help on professional development, and offers professional practice "
                "to social work students of the Faculty of Philosophy in Novi Sad."
            ),
        ),
    ),
    AreaPage(
        area=Area.RESEARCH,
        numeral="iii",
        summary=_(
            "Research and analysis: data, reports and recommendations for social protection "
            "policies based on data."
        ),
        introduction=(
            _(
                "The Institute's research and analysis aims at better methods of collecting data "
                "for better records and documentation in the social protection system of AP "
                "Vojvodina, at analysing data and giving recommendations for social protection "
                "policies based on data, and at identifying the social problems and phenomena "
                "that put the citizens of AP Vojvodina at risk of social exclusion."
            ),
            _(
                "The planned activities provide reliable and up-to-date data in the fields that "
                "matter to the social protection system of AP Vojvodina. By analysing and "
                "presenting them and giving recommendations, the Institute aims to contribute "
                "to better quality of services and to the development of the social protection "
                "system in AP Vojvodina."
            ),
            _(
                "The Institute prepares consolidated annual reports on the work of the centres "
                "for social work and the service providers of AP Vojvodina, as well as analyses "
                "and reports on various aspects of social protection. All reports are available "
                "to the professional and the general public on the Institute's website."
            ),
        ),
    ),
    AreaPage(
        area=Area.OUTREACH,
        numeral="iv",
        summary=_(
            "Information of the public, promotion of social protection and cooperation with "
            "the media and partners."
        ),
        introduction=(
            _(
                "Through information, promotion and support the Institute seeks to inform the "
                "public and everyone in the social protection system well and fully. It "
                "promotes the principles and strategies of the development of social protection "
                "through its work and its role in the social protection system, above all by "
                "promoting the rights of service users."
            ),
            _(
                "The implementation of the work programme and of the action plan is followed "
                "and analysed continuously, reports and research results are published, and "
                "citizens and the professional public are informed of them in good time."
            ),
            _(
                "The Institute communicates actively with the media and the public through its "
                "website, social networks, publications, round tables, conferences and "
                "dedicated campaigns, strengthens its cooperation with national and local "
                "media, follows international and European policies and practices, and widens "
                "the circle of its partner organisations and institutions."
            ),
        ),
    ),
)

_BY_NUMERAL = {page.numeral: page for page in AREA_PAGES}


def area_page(numeral: str) -> AreaPage | None:
    """The area at /areas/<numeral>/ (lower-case Roman numeral), or None."""
    return _BY_NUMERAL.get(numeral)
