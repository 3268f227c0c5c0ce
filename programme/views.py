"""Pages of the work programme.

Public: the list of published programmes, a published programme, its PDF, and its
progress (planned against realised, without personal data). Staff: every
revision, the editor of a draft, the workflow, revisions and their comparison, and the
realisation: activities linked to targets, and planned against realised.
The public never learns that an unpublished revision exists: anything not visible to
them is a 404, including the PDF of a draft reached by guessing its URL.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from programme import charts, selectors, services
from programme.compare import compare_revisions
from programme.exports import REALISATION_EXPORT
from programme.forms import (
    ActivitySearchForm,
    AdoptForm,
    AmendForm,
    CommentForm,
    GoalForm,
    HeaderForm,
    OutsideProgrammeForm,
    ProgrammeCreateForm,
    ReportReturnForm,
    ReportTextForm,
    ReturnForm,
    SectionForm,
    TargetActivityForm,
    TargetForm,
    TargetMoveForm,
    TargetNoteForm,
    UnplannedLinkForm,
)
from programme.models import (
    NOTE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    TARGET_FIELDS,
    Goal,
    Programme,
    Quarter,
    ReportStatus,
    Revision,
    Section,
    Target,
    TargetPart,
)
from programme.structured_data import progress_structured_data
from programme.wording import LABELS
from pzss.core.models import Activity
from pzss.documents.models import DocumentStatus
from pzss.lib.forms import add_service_errors
from pzss.lib.jobs import queue_job
from pzss.lib.public_cache import public_cache
from pzss.lib.roles import is_director, is_staff_member, staff_required


def approval_dashboard_panel(request) -> dict | None:
    """The staff dashboard's word on programmes and realisation reports waiting for the
    director (registered in apps.py): to her, that they wait for her approval; to staff,
    that they wait for her."""
    revisions = selectors.revisions_awaiting_approval(user=request.user)
    reports = selectors.reports_awaiting_approval(user=request.user)
    if not revisions and not reports:
        return None
    return {
        "revisions": revisions,
        "reports": reports,
        "for_director": is_director(request.user),
    }


def _posted(request):
    """The submitted data, or None for a GET (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _body_context(request, revision: Revision, *, staff_view: bool) -> dict:
    return {
        "revision": revision,
        "sections": revision.sections.all(),
        "closing_targets": selectors.closing_targets(revision),
        "L": LABELS,
        "portal_additions": selectors.portal_additions(revision),
        "staff_view": staff_view,
    }


# --- public (and staff) pages ---------------------------------------------------------


@public_cache
def programme_list(request):
    rows = selectors.programme_list(user=request.user)
    return render(
        request,
        "programme/programme_list.html",
        {"rows": rows, "can_create": is_staff_member(request.user)},
    )


@public_cache
def programme_detail(request, year: int, number: int | None = None):
    number = number if number is not None else _int_or_none(request.GET.get("revision"))
    revision = selectors.visible_revision(user=request.user, year=year, number=number)
    if revision is None:
        raise Http404
    staff = is_staff_member(request.user)
    context = _body_context(request, revision, staff_view=staff)
    if staff:
        revisions = list(revision.programme.revisions.order_by("number"))
        current = selectors.realisation_revision(year=year, revisions=revisions)
        context.update(
            revisions=revisions,
            # Targets link to their activities only in the programme in force.
            realisation_open=current is not None and current.pk == revision.pk,
            returned=selectors.last_return(revision=revision),
            is_director=is_director(request.user),
        )
    return render(request, "programme/programme_detail.html", context)


@public_cache
def progress(request, year: int):
    """The published programme planned against realised, for anyone: per area and goal
    what was planned and what has been done so far, with the charts; no personal data
    (programme.disclosure). A year with no published programme is a 404."""
    result = selectors.public_progress(year=year)
    if result is None:
        raise Http404
    for area in result.areas:
        area.chart = charts.public_goals_chart(area)
    revision = result.revision
    return render(
        request,
        "programme/progress.html",
        {
            "revision": revision,
            "year": year,
            "areas": result.areas,
            "totals": selectors.PublicTotals.of(result.totals),
            "municipalities_chart": charts.municipalities_chart(result),
            "today": timezone.localdate(),
            # The page shows one thing whatever its query: its address is its own.
            "canonical_parameters": (),
            "structured_data": progress_structured_data(revision, language=get_language()),
        },
    )


def programme_pdf(request, year: int, number: int | None = None):
    """200 with the PDF when it is ready; otherwise queue it (at most once for the same
    content) and answer 202 with a page that polls its progress."""
    number = number if number is not None else _int_or_none(request.GET.get("revision"))
    revision = selectors.visible_revision(user=request.user, year=year, number=number)
    if revision is None:
        raise Http404
    document = services.programme_document_request(
        revision=revision, language=get_language(), user=request.user
    )
    if document.status == DocumentStatus.READY:
        return FileResponse(
            document.file.open("rb"),
            filename=f"program-rada-{year}-{revision.number}.pdf",
            content_type="application/pdf",
        )
    return render(
        request,
        "programme/programme_pdf_status.html",
        {"revision": revision, "document": document},
        status=202,
    )


# --- staff: creating, revisions, compare ----------------------------------------------


@method_decorator(staff_required, name="dispatch")
class ProgrammeCreateView(View):
    def get(self, request):
        form = ProgrammeCreateForm(
            initial={"copy_from": Programme.objects.order_by("-year").first()}
        )
        return render(request, "programme/programme_create.html", {"form": form})

    def post(self, request):
        form = ProgrammeCreateForm(request.POST)
        if form.is_valid():
            try:
                revision = services.programme_create(
                    user=request.user,
                    year=form.cleaned_data["year"],
                    copy_from=form.cleaned_data["copy_from"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The draft programme is ready to edit."))
                return redirect("programme:edit", year=revision.programme.year)
        return render(request, "programme/programme_create.html", {"form": form})


@staff_required
def revision_list(request, year: int):
    programme = get_object_or_404(Programme, year=year)
    return render(
        request,
        "programme/revision_list.html",
        {
            "programme": programme,
            "revisions": selectors.programme_revisions(programme=programme),
            "open_revision": selectors.open_revision(year=year),
            "amend_form": AmendForm(),
        },
    )


@staff_required
def revision_compare(request, year: int):
    programme = get_object_or_404(Programme, year=year)
    numbers = list(programme.revisions.order_by("number").values_list("number", flat=True))
    a = _int_or_none(request.GET.get("a"))
    b = _int_or_none(request.GET.get("b"))
    if a is None or b is None:
        a, b = (numbers[-2], numbers[-1]) if len(numbers) > 1 else (numbers[0], numbers[0])
    old = programme.revisions.filter(number=a).first()
    new = programme.revisions.filter(number=b).first()
    if old is None or new is None:
        raise Http404
    old = selectors.revision_with_tree(pk=old.pk)
    new = selectors.revision_with_tree(pk=new.pk)
    rows = compare_revisions(old, new, language=get_language())
    return render(
        request,
        "programme/revision_compare.html",
        {
            "programme": programme,
            "old": old,
            "new": new,
            "rows": rows,
            "numbers": numbers,
            "changed": sum(r.changed for r in rows),
            "show_all": request.GET.get("all") == "1",
        },
    )


@staff_required
@require_POST
def revision_amend(request, year: int):
    programme = get_object_or_404(Programme, year=year)
    form = AmendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what the amendment changes and why."))
        return redirect("programme:revisions", year=year)
    try:
        revision = services.revision_amend(
            user=request.user, programme=programme, change_note=form.cleaned_data["change_note"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("programme:revisions", year=year)
    messages.success(
        request, _("Revision %(number)s is a new draft.") % {"number": revision.number}
    )
    return redirect("programme:edit", year=year)


# --- staff: the workflow --------------------------------------------------------------

TRANSITIONS = {
    # action: (service, form, director only)
    "submit": (services.revision_submit, CommentForm, False),
    "approve": (services.revision_approve, CommentForm, True),
    "return": (services.revision_return, ReturnForm, True),
    "adopt": (services.revision_adopt, AdoptForm, False),
    "publish": (services.revision_publish, CommentForm, False),
}


@staff_required
def revision_transition(request, year: int, number: int, action: str):
    if action not in TRANSITIONS:
        raise Http404
    service, form_class, director_only = TRANSITIONS[action]
    if director_only and not is_director(request.user):
        raise PermissionDenied
    revision = get_object_or_404(
        Revision.objects.select_related("programme"), programme__year=year, number=number
    )
    kwargs = {}
    if form_class is ReturnForm:
        kwargs["goals"] = (
            Goal.objects.filter(section__revision=revision)
            .select_related("section")
            .order_by("section__area", "order", "id")
        )
    form = form_class(_posted(request), **kwargs)
    if request.method == "POST" and form.is_valid():
        data = {"comment": form.cleaned_data.get("comment", "")}
        if action == "return":
            data["goal_comments"] = form.goal_comments()
        if action == "adopt":
            data["decision_number"] = form.cleaned_data["decision_number"]
            data["decision_date"] = form.cleaned_data["decision_date"]
        try:
            service(user=request.user, revision=revision, **data)
        except ValidationError as exc:
            if action in {"return", "adopt"} and hasattr(exc, "error_dict"):
                add_service_errors(form, exc)
            else:
                messages.error(request, " ".join(exc.messages))
                return redirect(_revision_url(revision))
        else:
            messages.success(request, _DONE[action])
            return redirect(_revision_url(revision))
    return render(
        request,
        "programme/transition_form.html",
        {"revision": revision, "form": form, "action": action, "title": _TITLES[action]},
    )


# Lazy: made at import, translated into each request's language when shown.
_TITLES = {
    "submit": gettext_lazy("Submit for the director's approval"),
    "approve": gettext_lazy("Approve the programme"),
    "return": gettext_lazy("Return the programme with comments"),
    "adopt": gettext_lazy("Record the management board's decision"),
    "publish": gettext_lazy("Publish the programme"),
}
_DONE = {
    "submit": gettext_lazy("Submitted: the director has been asked to approve it."),
    "approve": gettext_lazy("Approved. The content is now frozen."),
    "return": gettext_lazy("Returned to draft with your comments."),
    "adopt": gettext_lazy("The board's decision is recorded."),
    "publish": gettext_lazy("Published: the public can now read this programme."),
}


def _revision_url(revision: Revision) -> str:
    return reverse(
        "programme:revision", kwargs={"year": revision.programme.year, "number": revision.number}
    )


# --- staff: editing a draft -----------------------------------------------------------


def _editable_revision(year: int) -> Revision:
    """The year's open revision, if it may be edited; 403 if frozen or in review."""
    revision = selectors.open_revision(year=year)
    if revision is None:
        if Programme.objects.filter(year=year).exists():
            raise PermissionDenied(_("This programme is approved; start an amendment."))
        raise Http404
    if not revision.is_editable:
        raise PermissionDenied(_("The programme is with the director."))
    return revision


def _owned(model, pk: int, revision: Revision, path: str):
    """An object of `revision` (a frozen revision's objects are refused: 403)."""
    obj = get_object_or_404(model.objects.select_related(path), pk=pk)
    owner = obj
    for step in path.split("__"):
        owner = getattr(owner, step)
    if owner.pk != revision.pk:
        if owner.programme_id == revision.programme_id:
            raise PermissionDenied(_("This revision is frozen."))
        raise Http404
    return obj


@staff_required
def edit_overview(request, year: int):
    revision = selectors.open_revision(year=year)
    if revision is None:
        get_object_or_404(Programme, year=year)
        messages.info(request, _("The programme is approved. Start an amendment to change it."))
        return redirect("programme:revisions", year=year)
    revision = selectors.revision_with_tree(pk=revision.pk, staff=True)
    return render(
        request,
        "programme/edit_overview.html",
        {
            **_body_context(request, revision, staff_view=True),
            "returned": selectors.last_return(revision=revision),
            "move_goals": [g for s in revision.sections.all() for g in s.goals.all()],
        },
    )


def _edit_page(request, *, revision, form, title, back=None):
    return render(
        request,
        "programme/edit_form.html",
        {"revision": revision, "form": form, "title": title, "back": back},
    )


def _saved(request, year: int, anchor: str = ""):
    messages.success(request, _("Saved."))
    return redirect(
        reverse("programme:edit", kwargs={"year": year}) + (f"#{anchor}" if anchor else "")
    )


@staff_required
def edit_header(request, year: int):
    revision = _editable_revision(year)
    form = HeaderForm(_posted(request), instance=revision)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.revision_update_header(user=request.user, revision=revision, data=data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, year)
    return _edit_page(request, revision=revision, form=form, title=_("Title, number and date"))


@staff_required
def edit_section(request, year: int, pk: int):
    revision = _editable_revision(year)
    section = _owned(Section, pk, revision, "revision")
    form = SectionForm(_posted(request), instance=section)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_update(
                user=request.user,
                section=section,
                **{k: form.cleaned_data[k] for k in ["title", "text"]},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, year, section.anchor)
    return _edit_page(request, revision=revision, form=form, title=_("Text of the area"))


@staff_required
def goal_create(request, year: int, pk: int):
    revision = _editable_revision(year)
    section = _owned(Section, pk, revision, "revision")
    form = GoalForm(_posted(request), instance=Goal(section=section))
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_create(
                user=request.user,
                section=section,
                **{k: form.cleaned_data[k] for k in ["number", "title", "text"]},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, year, goal.anchor)
    return _edit_page(request, revision=revision, form=form, title=_("New goal"))


@staff_required
def goal_edit(request, year: int, pk: int):
    revision = _editable_revision(year)
    goal = _owned(Goal, pk, revision, "section__revision")
    form = GoalForm(_posted(request), instance=goal)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_update(
                user=request.user,
                goal=goal,
                **{k: form.cleaned_data[k] for k in ["number", "title", "text"]},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, year, goal.anchor)
    return _edit_page(request, revision=revision, form=form, title=_("Edit goal"))


@staff_required
@require_POST
def goal_delete(request, year: int, pk: int):
    revision = _editable_revision(year)
    goal = _owned(Goal, pk, revision, "section__revision")
    services.goal_delete(user=request.user, goal=goal)
    messages.success(request, _("The goal and its targets are deleted."))
    return redirect("programme:edit", year=year)


@staff_required
@require_POST
def goal_move(request, year: int, pk: int):
    revision = _editable_revision(year)
    goal = _owned(Goal, pk, revision, "section__revision")
    try:
        goal = services.goal_move(
            user=request.user, goal=goal, direction=request.POST.get("direction", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("programme:edit", kwargs={"year": year}) + f"#{goal.anchor}")


# The closing text's block in the editor.
CLOSING_ANCHOR = "closing-text"


def _target_data(form) -> dict:
    return {k: form.cleaned_data[k] for k in TARGET_FIELDS}


def _place(form) -> dict:
    """Where the form puts the target: a goal, or an area and the part of it."""
    return {k: form.cleaned_data[k] for k in ("goal", "section", "part")}


def _target_anchor(target: Target) -> str:
    """Where the editor shows a target: its goal, its area, or the closing text."""
    if target.part == TargetPart.CLOSING:
        return CLOSING_ANCHOR
    return target.goal.anchor if target.goal_id else target.section.anchor


def _owned_target(pk: int, revision: Revision) -> Target:
    """A target of `revision`, a goal's or an area's own (403 for a frozen revision's of
    the same programme, 404 otherwise)."""
    target = get_object_or_404(Target.objects.with_tree(), pk=pk)
    owner = target.area_section.revision
    if owner.pk != revision.pk:
        if owner.programme_id == revision.programme_id:
            raise PermissionDenied(_("This revision is frozen."))
        raise Http404
    return target


def _target_create_page(request, *, revision: Revision, instance: Target, title):
    """The new-target form, starting at `instance`'s place (a goal, an area's
    introduction, the closing text); the form may choose another."""
    form = TargetForm(_posted(request), instance=instance, revision=revision)
    if request.method == "POST" and form.is_valid():
        try:
            target = services.target_create(
                user=request.user,
                data=_target_data(form),
                responsible=form.cleaned_data["responsible"],
                **_place(form),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, revision.programme.year, _target_anchor(target))
    return _edit_page(request, revision=revision, form=form, title=title)


@staff_required
def target_create(request, year: int, pk: int):
    revision = _editable_revision(year)
    goal = _owned(Goal, pk, revision, "section__revision")
    return _target_create_page(
        request, revision=revision, instance=Target(goal=goal), title=_("New target")
    )


@staff_required
def area_target_create(request, year: int, pk: int):
    """A target of an area's introduction: a commitment its text makes outside the
    numbered goals."""
    revision = _editable_revision(year)
    section = _owned(Section, pk, revision, "revision")
    return _target_create_page(
        request,
        revision=revision,
        instance=Target(section=section, part=TargetPart.AREA),
        title=_("New target of the area's introduction"),
    )


@staff_required
def closing_target_create(request, year: int):
    """A target of the programme's closing text, counted in the last area unless the
    form chooses another."""
    revision = _editable_revision(year)
    section = revision.sections.order_by("-area").first()
    if section is None:
        raise Http404
    return _target_create_page(
        request,
        revision=revision,
        instance=Target(section=section, part=TargetPart.CLOSING),
        title=_("New target of the closing text"),
    )


@staff_required
def target_edit(request, year: int, pk: int):
    revision = _editable_revision(year)
    target = _owned_target(pk, revision)
    form = TargetForm(_posted(request), instance=target, revision=revision)
    if request.method == "POST" and form.is_valid():
        try:
            target = services.target_update(
                user=request.user,
                target=target,
                data=_target_data(form),
                responsible=form.cleaned_data["responsible"],
                **_place(form),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, year, _target_anchor(target))
    return _edit_page(request, revision=revision, form=form, title=_("Edit target"))


@staff_required
@require_POST
def target_move(request, year: int, pk: int):
    revision = _editable_revision(year)
    target = _owned_target(pk, revision)
    form = TargetMoveForm(request.POST, revision=revision)
    if not form.is_valid():
        messages.error(request, _("Choose a goal of this revision."))
        return redirect("programme:edit", year=year)
    target = services.target_move(user=request.user, target=target, goal=form.cleaned_data["goal"])
    messages.success(request, _("The target is moved."))
    return redirect(reverse("programme:edit", kwargs={"year": year}) + f"#{target.goal.anchor}")


@staff_required
@require_POST
def target_delete(request, year: int, pk: int):
    revision = _editable_revision(year)
    target = _owned_target(pk, revision)
    services.target_delete(user=request.user, target=target)
    messages.success(request, _("The target is deleted."))
    return redirect("programme:edit", year=year)


# --- staff: realisation -----------------------------------------------------------------


@staff_required
def target_activities(request, year: int, pk: int):
    """The activities that realise a target: those linked, and candidates to link.

    Only a target of the programme in force takes links (the published revision, or
    before the first publication the latest approved or adopted one; see
    selectors.realisation_revision): a target of a draft, of a revision with the director
    or of a superseded revision sends staff to that revision's page with a note. The
    revision being frozen does not matter: realisation is not the approved content."""
    target = selectors.target_of_year(user=request.user, year=year, pk=pk)
    if target is None:
        raise Http404
    revision = target.area_section.revision
    current = selectors.realisation_revision(year=year)
    if current is None or current.pk != revision.pk:
        messages.info(
            request,
            _(
                "Activities are linked to the targets of the programme in force (published, "
                "or approved and not yet published); revision %(number)s is not it."
            )
            % {"number": revision.number},
        )
        return redirect(_revision_url(revision) + f"#target-{target.pk}")
    if request.method == "POST":
        return _target_activity_post(request, target)
    search = ActivitySearchForm(request.GET)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    open_rev = selectors.open_revision(year=year)
    linked = list(selectors.linked_activities(target=target))
    return render(
        request,
        "programme/target_activities.html",
        {
            "revision": revision,
            "target": target,
            "goal": target.goal,
            "section": target.area_section,
            "linked": linked,
            "figures": selectors.target_realisation(target=target),
            "search": search,
            "q": q,
            "page_obj": selectors.candidate_page(target=target, q=q, page=request.GET.get("page")),
            "open_revision": open_rev,
        },
    )


def _target_activity_post(request, target: Target):
    year = target.area_section.revision.programme.year
    back = {k: request.POST[k] for k in ("q", "page") if request.POST.get(k)}
    url = reverse("programme:target_activities", kwargs={"year": year, "pk": target.pk})
    url += f"?{urlencode(back)}" if back else ""
    form = TargetActivityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That activity no longer exists. Choose one from the list."))
        return redirect(url)
    activity = form.cleaned_data["activity"]
    service = (
        services.target_activity_link
        if form.cleaned_data["action"] == "link"
        else services.target_activity_unlink
    )
    try:
        changed = service(user=request.user, target=target, activity=activity)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(url)
    if form.cleaned_data["action"] == "link":
        text = _("“%(title)s” now counts towards this target.") if changed else None
    else:
        text = _("“%(title)s” no longer counts towards this target.") if changed else None
    if text:
        messages.success(request, text % {"title": activity.title})
    return redirect(url)


@staff_required
def realisation(request, year: int):
    """Planned against realised, per area and goal, for the programme in force: the
    staff's dashboard, narrowed by the filters in its URL; the lists of unplanned
    activities paged."""
    programme = get_object_or_404(Programme, year=year)
    filters = selectors.RealisationFilters.from_query(request.GET)
    result = selectors.realisation(
        user=request.user,
        year=year,
        filters=filters,
        unplanned_page=request.GET.get("unplanned_page") or 1,
        outside_page=request.GET.get("outside_page") or 1,
    )
    for area in result.areas:
        area.chart = charts.goals_chart(area)
    return render(
        request,
        "programme/realisation.html",
        {
            "municipalities_chart": (
                charts.municipalities_chart(result) if result.revision else None
            ),
            "cumulative_chart": (
                charts.cumulative_chart(result, year=year) if result.revision else None
            ),
            "programme": programme,
            "revision": result.revision,
            "areas": result.areas,
            "totals": result.totals,
            "unplanned": result.unplanned,
            "unplanned_page": result.unplanned_page,
            "outside": result.outside,
            "outside_page": result.outside_page,
            "filters": filters,
            "filter_choices": (
                selectors.realisation_filter_choices(result) if result.revision else None
            ),
            "reason_max_length": REASON_MAX_LENGTH,
            "note_max_length": NOTE_MAX_LENGTH,
            "quarter": selectors.current_quarter(year),
            "quarters": Quarter.choices,
        },
    )


@staff_required
def realisation_export(request, year: int):
    """Every table of the dashboard, narrowed as it is, to XLSX: queued as a background
    job whose page shows the progress and then the download (a GET queues it, as the
    activity list's export does: it changes nothing but adds a job only its requester
    sees)."""
    programme = get_object_or_404(Programme, year=year)
    if selectors.realisation_revision(year=year) is None:
        messages.error(request, _("There is no programme in force for %(year)s.") % {"year": year})
        return redirect("programme:realisation", year=year)
    filters = selectors.RealisationFilters.from_query(request.GET)
    query = filters.query()
    job = queue_job(
        kind=REALISATION_EXPORT,
        user=request.user,
        params={"year": programme.year, "query": query},
        title=_("Realisation of the work programme %(year)s") % {"year": programme.year},
        back_url=reverse("programme:realisation", kwargs={"year": year})
        + (f"?{query}" if query else ""),
    )
    return redirect(job.get_absolute_url())


@staff_required
def target_note(request, year: int, pk: int):
    """Staff's note on a target, per quarter, on the realisation page. GET: the note's
    form for the quarter asked (`?quarter=`), as the fragment htmx swaps in; POST: save
    it — the fragment again for htmx, else back to the target's row on the page."""
    target = selectors.target_of_year(user=request.user, year=year, pk=pk)
    if target is None:
        raise Http404
    back = reverse("programme:realisation", kwargs={"year": year}) + f"#target-{target.pk}"
    context = {
        "programme": target.area_section.revision.programme,
        "note_max_length": NOTE_MAX_LENGTH,
        "note_open": True,
        "quarters": Quarter.choices,
    }
    if request.method == "POST":
        form = TargetNoteForm(request.POST)
        if form.is_valid():
            try:
                services.target_note_save(
                    user=request.user,
                    target=target,
                    quarter=form.cleaned_data["quarter"],
                    text=form.cleaned_data["text"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
        if not request.htmx:
            if form.errors:
                messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
            else:
                messages.success(request, _("The note is saved."))
            return redirect(back)
        quarter = form.cleaned_data.get("quarter") if form.is_bound else None
        context.update(
            note_saved=not form.errors,
            note_errors=[m for ms in form.errors.values() for m in ms],
            note_text=request.POST.get("text", "") if form.errors else None,
        )
    else:
        quarter = _int_or_none(request.GET.get("quarter"))
        if not request.htmx:
            return redirect(back)
    row = selectors.target_with_notes(target=target)
    quarter = quarter if quarter in (1, 2, 3, 4) else selectors.current_quarter(year)
    if context.get("note_text") is None:
        note = row.note_of(quarter)
        context["note_text"] = note.text if note else ""
    context.update(row=row, quarter=quarter, note_loaded=True)
    return render(request, "programme/_target_note.html", context)


UNPLANNED_ACTIONS = ("link", "outside", "undo")


@staff_required
@require_POST
def unplanned_activity(request, year: int, pk: int, action: str):
    """An unplanned activity of the realisation page: link it to a target of the
    programme in force, mark it as outside the programme with a reason, or undo the
    mark. Staff and the director; the services check the rest (held, of the year and
    area, linked to nothing) under a lock."""
    if action not in UNPLANNED_ACTIONS:
        raise Http404
    activity = get_object_or_404(Activity, pk=pk, start_date__year=year)
    # Back to the dashboard as it was filtered (its filters, read again: never a raw URL).
    kept = selectors.RealisationFilters.from_query(QueryDict(request.POST.get("filters", "")))
    back = reverse("programme:realisation", kwargs={"year": year})
    if kept.active:
        back += f"?{kept.query()}"
    try:
        if action == "link":
            form = UnplannedLinkForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Choose a target of this year's programme."))
                return redirect(f"{back}#unplanned")
            target = selectors.target_of_year(
                user=request.user, year=year, pk=form.cleaned_data["target"].pk
            )
            if target is None:
                raise Http404
            services.target_activity_link(user=request.user, target=target, activity=activity)
            messages.success(
                request,
                _("“%(title)s” now counts towards “%(target)s”.")
                % {"title": activity.title, "target": target.description[:80]},
            )
            return redirect(f"{back}#target-{target.pk}")
        if action == "outside":
            form = OutsideProgrammeForm(request.POST)
            if not form.is_valid():
                messages.error(request, " ".join(form.errors.get("reason", [])))
                return redirect(f"{back}#unplanned-{activity.pk}")
            services.activity_mark_outside(
                user=request.user, activity=activity, reason=form.cleaned_data["reason"]
            )
            messages.success(
                request,
                _("“%(title)s” is marked as outside the programme.") % {"title": activity.title},
            )
            return redirect(f"{back}#outside")
        services.activity_outside_undo(user=request.user, activity=activity)
        messages.success(
            request,
            _("“%(title)s” is back among the unplanned activities.") % {"title": activity.title},
        )
        return redirect(f"{back}#unplanned-{activity.pk}")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(f"{back}#unplanned")


# --- staff: the annual realisation report ---------------------------------------------


def _report_url(year: int) -> str:
    return reverse("programme:report", kwargs={"year": year})


@staff_required
def report(request, year: int):
    """The year's realisation report: its state, staff's texts while it is a draft, the
    workflow's buttons for the reader's role, the director's comments, its history, and
    its PDF and spreadsheet annex. POST saves the texts."""
    programme = get_object_or_404(Programme, year=year)
    report = selectors.realisation_report(user=request.user, year=year)
    form = None
    if report is not None and report.status == ReportStatus.DRAFT:
        form = ReportTextForm(_posted(request), instance=report)
        if request.method == "POST" and form.is_valid():
            try:
                services.realisation_report_update(
                    user=request.user,
                    report=report,
                    data={name: form.cleaned_data[name] for name in services.REPORT_TEXT_FIELDS},
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The report's texts are saved."))
                return redirect(_report_url(year))
    elif request.method == "POST":
        messages.error(request, _("The report's texts can be edited only while it is a draft."))
        return redirect(_report_url(year))
    history = selectors.report_history(report=report) if report is not None else []
    returned = (
        selectors.report_last_return(history=history)
        if report is not None and report.status == ReportStatus.DRAFT
        else None
    )
    return render(
        request,
        "programme/report.html",
        {
            "programme": programme,
            "report": report,
            "form": form,
            "history": history,
            "returned": returned,
            "is_director": is_director(request.user),
            "return_form": ReportReturnForm(),
            "comment_form": CommentForm(),
            "can_start": report is None and selectors.realisation_revision(year=year) is not None,
        },
    )


@staff_required
@require_POST
def report_create(request, year: int):
    programme = get_object_or_404(Programme, year=year)
    try:
        services.realisation_report_create(user=request.user, programme=programme)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The report is started as a draft. Write its introduction, then submit it.")
        )
    return redirect(_report_url(year))


REPORT_TRANSITIONS = {
    # action: (service, form, director only)
    "submit": (services.realisation_report_submit, CommentForm, False),
    "approve": (services.realisation_report_approve, CommentForm, True),
    "return": (services.realisation_report_return, ReportReturnForm, True),
    "publish": (services.realisation_report_publish, CommentForm, False),
}
_REPORT_DONE = {
    "submit": gettext_lazy("The report is submitted to the director. Its figures are frozen."),
    "approve": gettext_lazy("The report is approved."),
    "return": gettext_lazy("The report is returned to draft with your comment."),
    "publish": gettext_lazy("The report is published: it is in the public library."),
}


@staff_required
@require_POST
def report_transition(request, year: int, action: str):
    """One step of the report's workflow, posted from its page."""
    if action not in REPORT_TRANSITIONS:
        raise Http404
    service, form_class, director_only = REPORT_TRANSITIONS[action]
    if director_only and not is_director(request.user):
        raise PermissionDenied
    report = selectors.realisation_report(user=request.user, year=year)
    if report is None:
        raise Http404
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return redirect(f"{_report_url(year)}#workflow")
    try:
        service(user=request.user, report=report, comment=form.cleaned_data.get("comment", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(f"{_report_url(year)}#workflow")
    messages.success(request, _REPORT_DONE[action])
    return redirect(_report_url(year))


@staff_required
def report_pdf(request, year: int):
    """200 with the report's PDF when it is ready; otherwise queue it (at most once for
    the same content) and answer 202 with a page that polls its progress."""
    report = selectors.realisation_report(user=request.user, year=year)
    if report is None:
        # No report yet: its page says how to start one.
        get_object_or_404(Programme, year=year)
        return redirect(_report_url(year))
    document = services.report_document_request(
        report=report, language=get_language(), user=request.user
    )
    if document.status == DocumentStatus.READY:
        return FileResponse(
            document.file.open("rb"),
            filename=f"izvestaj-o-realizaciji-{year}.pdf",
            content_type="application/pdf",
        )
    return render(
        request,
        "programme/report_pdf_status.html",
        {"report": report, "programme": report.programme, "document": document},
        status=202,
    )


@staff_required
@require_POST
def report_annex(request, year: int):
    """Queue the report's spreadsheet annex and go to the job's page."""
    report = selectors.realisation_report(user=request.user, year=year)
    if report is None:
        raise Http404
    job = services.report_annex_request(user=request.user, report=report, language=get_language())
    return redirect(job.get_absolute_url())
