"""Where apps above the core plug into its pages and services, registered from their
`AppConfig.ready()`, so the core never names them (the way `documents` learns its
renderers).

- An activity page shows panels: each app that has something to say about an activity
  (its sign-up and participants, the programme targets it realises, …) registers a
  template and a function giving that template its context.
- The staff dashboard shows panels too: an app with something waiting for the reader
  (a work programme to approve) registers a template and a function giving it its
  context, or None when it has nothing to say.
- The change history names each action in the reader's words: an app registers the
  labels of the actions it records.
- A change to an activity is told to the apps that keep something derived from it (the
  seats of an event when its capacity changes), inside the same transaction.
- A work the institute publishes as a rendered document (a work programme) is told to
  the apps that list published works (the library), inside the publishing transaction;
  the same apps may ask every source for what is published already (demo data, a
  library started after the programme).
- An app whose own records are the realisation of the programme (the accepted figures
  of a period's data collection, a published statistical report) makes a held activity
  of them and asks, through `activity_realises`, that it count towards the targets of a
  goal of its area; the programme app registers the function that links them.
- An area's public page lists the public pages an area app has of its own (area III's
  statistics, service mapping and studies): the app registers each as an `AreaLink`.
- The public home and the area pages name the work programme in force and its goals: the
  programme app registers the function that says which it is (`programme_in_force`).
- A certificate of attendance states the licence points its holder earned: an app whose
  activities award points by its own rules (area II's accredited programmes, points only
  for the days attended) registers the function that says what a registration earned.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class ActivityPanel:
    name: str
    template: str
    context: Callable[..., dict]  # (request, activity, **overrides) -> dict
    order: int = 100


@dataclass(frozen=True)
class DashboardPanel:
    name: str
    template: str
    context: Callable[..., dict | None]  # (request) -> dict, or None: nothing to show
    order: int = 100


_PANELS: dict[str, ActivityPanel] = {}
_DASHBOARD_PANELS: dict[str, DashboardPanel] = {}
_AUDIT_ACTIONS: dict[str, str] = {}
_CHANGE_LISTENERS: dict[str, Callable[..., None]] = {}
_PUBLISHED_LISTENERS: dict[str, Callable[..., None]] = {}
_PUBLISHED_SOURCES: dict[str, Callable[[], Iterable["PublishedWork"]]] = {}
_PROGRAMME_IN_FORCE: list[Callable[..., "ProgrammeInForce | None"]] = []
_REALISATION_LINKER: list[Callable[..., int]] = []
_AREA_LINKS: dict[str, "AreaLink"] = {}
_CERTIFICATE_TERMS: dict[str, Callable] = {}


@dataclass(frozen=True)
class PublishedWork:
    """Something an app has just made public as a rendered PDF.

    `key` stays the same across its versions (one entry per year's programme, whichever
    version is in force); `document` is the rendered document (its model lives above the
    core, so it is not named here) that serves the PDF."""

    key: str
    kind: str
    year: int
    title: str
    abstract: str
    language: str  # the script it is written in: "sr-Cyrl", "sr-Latn" or "en"
    document: object


def register_activity_panel(panel: ActivityPanel) -> None:
    _PANELS[panel.name] = panel


def activity_panels(request, activity, overrides: dict | None = None) -> list[SafeString]:
    """Each registered panel rendered for this activity, in their order. `overrides`
    gives one panel's context function extra keywords (a form with its errors)."""
    overrides = overrides or {}
    out = []
    for panel in sorted(_PANELS.values(), key=lambda p: (p.order, p.name)):
        context = panel.context(request, activity, **overrides.get(panel.name, {}))
        html = render_to_string(panel.template, {"activity": activity, **context}, request)
        out.append(mark_safe(html))  # noqa: S308 (rendered by the template engine, escaped)
    return out


def register_dashboard_panel(panel: DashboardPanel) -> None:
    _DASHBOARD_PANELS[panel.name] = panel


def dashboard_panels(request) -> list[SafeString]:
    """Each registered dashboard panel that has something to say, in their order."""
    out = []
    for panel in sorted(_DASHBOARD_PANELS.values(), key=lambda p: (p.order, p.name)):
        context = panel.context(request)
        if context is None:
            continue
        html = render_to_string(panel.template, context, request)
        out.append(mark_safe(html))  # noqa: S308 (rendered by the template engine, escaped)
    return out


def register_audit_actions(labels: dict[str, str]) -> None:
    """{action code: its label (a lazy translation)} for the change history."""
    _AUDIT_ACTIONS.update(labels)


def audit_action_label(action: str) -> str | None:
    return _AUDIT_ACTIONS.get(action)


def on_activity_change(name: str, listener: Callable[..., None]) -> None:
    """`listener(user=, activity=, changes=)` after an activity's fields change."""
    _CHANGE_LISTENERS[name] = listener


def activity_changed(*, user, activity, changes: dict) -> None:
    for listener in _CHANGE_LISTENERS.values():
        listener(user=user, activity=activity, changes=changes)


def on_work_published(name: str, listener: Callable[..., None]) -> None:
    """`listener(user=, work=)` when a work is published (or a new version of it)."""
    _PUBLISHED_LISTENERS[name] = listener


def work_published(*, user, work: PublishedWork) -> None:
    for listener in _PUBLISHED_LISTENERS.values():
        listener(user=user, work=work)


def register_published_works(name: str, source: Callable[[], Iterable[PublishedWork]]) -> None:
    """`source()` yields every work of the app that is published now."""
    _PUBLISHED_SOURCES[name] = source


def published_works() -> Iterable[PublishedWork]:
    for source in _PUBLISHED_SOURCES.values():
        yield from source()


@dataclass(frozen=True)
class ProgrammeGoal:
    """A numbered goal of the programme in force, as the public pages list it."""

    number: str
    title: str
    url: str  # its place on the programme's page
    depth: int = 0  # 0 for "1.", 1 for "2.1."


@dataclass(frozen=True)
class ProgrammeInForce:
    """The newest published work programme, for pages that link to it without naming
    its app. `goals` holds the goals of the one area asked for (else it is empty)."""

    year: int
    title: str
    url: str
    pdf_url: str
    goals: tuple[ProgrammeGoal, ...] = ()
    # Its public progress page (planned against realised so far), where it has one.
    progress_url: str = ""


def register_programme_in_force(source: Callable[..., ProgrammeInForce | None]) -> None:
    """`source(area=None)` gives the programme in force, with the goals of `area` (1–4)
    when one is asked for, or None when no programme is published."""
    _PROGRAMME_IN_FORCE[:] = [source]


def programme_in_force(*, area: int | None = None) -> ProgrammeInForce | None:
    """The programme in force (None when none is published, or no app says)."""
    if not _PROGRAMME_IN_FORCE:
        return None
    return _PROGRAMME_IN_FORCE[0](area=area)


def register_realisation_linker(linker: Callable[..., int]) -> None:
    """`linker(user=, activity=, goal=)` links a held activity to the targets of goal
    `goal` ("1.", "2.4") of its area in its year's programme in force, and says how many
    it linked."""
    _REALISATION_LINKER[:] = [linker]


def activity_realises(*, user, activity, goal: str) -> int:
    """Count `activity` towards the targets of `goal` of its area and year (0 when no
    programme is in force for that year, or no app links them)."""
    if not _REALISATION_LINKER:
        return 0
    return _REALISATION_LINKER[0](user=user, activity=activity, goal=goal)


@dataclass(frozen=True)
class AreaLink:
    """A public page of an area's own (area III's statistical reports), listed on the
    area's public page; `url_name` is reversed there, `description` says what it holds."""

    area: int
    url_name: str
    label: str
    description: str = ""
    order: int = 100


def register_area_link(link: AreaLink) -> None:
    _AREA_LINKS[link.url_name] = link


def area_links(*, area: int) -> list[AreaLink]:
    """The registered public pages of `area`, in their order (no query)."""
    return sorted(
        (link for link in _AREA_LINKS.values() if link.area == area),
        key=lambda link: (link.order, link.url_name),
    )


@dataclass(frozen=True)
class CertificateTerms:
    """What a certificate states about licence points, by the rules of the programme the
    event was held under: the points earned (None: the certificate names no points) and,
    when attendance earned less than the whole, a note that says so (written in the
    certificate's language, as it is printed)."""

    points: object  # Decimal | None
    note: str = ""


# `rule(registration=, attended_days=, event_days=, points=)` -> CertificateTerms
CertificateRule = Callable[..., CertificateTerms]


def register_certificate_terms(
    name: str, rule_for: Callable[..., "CertificateRule | None"]
) -> None:
    """`rule_for(activity)` gives the rule of the certificates of an activity the app
    knows (asked once per issue, so a rule may load what it needs once), or None for
    any other activity. The rule is given the sign-up's `points` and the days marked
    present (`attended_days`: all the event's days when attendance was recorded without
    per-day marks) among the event's days (`event_days`)."""
    _CERTIFICATE_TERMS[name] = rule_for


def certificate_rule(activity) -> CertificateRule:
    """The first registered app's rule for `activity`'s certificates, else the sign-up's
    points as they are."""
    for rule_for in _CERTIFICATE_TERMS.values():
        rule = rule_for(activity)
        if rule is not None:
            return rule
    return _points_as_they_are


def _points_as_they_are(*, registration, attended_days, event_days, points) -> CertificateTerms:
    return CertificateTerms(points=points)


# The figures an area app keeps per institution and year (area III's accepted annual
# submissions), for pages of other areas that weigh institutions by them (area I's
# priority of working visits). Registered by the app that holds them.
_INSTITUTION_FIGURES: list[Callable[..., dict]] = []


def register_institution_figures(source: Callable[..., dict]) -> None:
    """`source(institution_ids=None, year=)` gives {institution id: {figure code: value}}
    for the year (of every institution that has figures when `institution_ids` is None)."""
    _INSTITUTION_FIGURES[:] = [source]


def institution_figures(*, institution_ids=None, year: int) -> dict[int, dict]:
    """The named figures of the institutions for `year` ({} when no app keeps any)."""
    if not _INSTITUTION_FIGURES:
        return {}
    return _INSTITUTION_FIGURES[0](institution_ids=institution_ids, year=year)
