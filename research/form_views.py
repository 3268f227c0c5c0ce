"""Staff pages of the data sets and their forms: the list, a data set's page with the
form in use as the centres see it, its versions and what each changed, and the builder
of the draft (fields, their order, rules), its preview and its publication.

The builder is plain POST and redirect, as the programme's editor is: each change is
one small form, and the page it comes back to shows the whole form as it now stands."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pzss.lib.forms import add_service_errors
from pzss.lib.roles import staff_required
from research import form_selectors as selectors
from research import form_services as services
from research.form_compare import form_changes
from research.forms import (
    DataSetForm,
    FieldForm,
    PublishForm,
    RuleForm,
    StartDraftForm,
    preview_form,
)
from research.models import DataField, DataRule, DataSet, DataSetVersion, VersionStatus

# The completeness grid of a data set (another part of area III): linked when it exists.
COMPLETENESS_URL_NAME = "research:completeness"


def _posted(request):
    return request.POST if request.method == "POST" else None


def _data_set(request, code: str) -> DataSet:
    data_set = selectors.data_set_for_staff(user=request.user, code=code)
    if data_set is None:
        raise Http404
    return data_set


def _draft(data_set: DataSet) -> DataSetVersion | None:
    return data_set.versions.filter(status=VersionStatus.DRAFT).first()


def _builder_url(data_set: DataSet, anchor: str = "") -> str:
    url = reverse("research:form_builder", kwargs={"code": data_set.code})
    return url + (f"#{anchor}" if anchor else "")


def _completeness_url(data_set: DataSet) -> str | None:
    try:
        return reverse(COMPLETENESS_URL_NAME, kwargs={"code": data_set.code})
    except NoReverseMatch:
        return None


def _sections(form):
    """The preview's bound fields, grouped by the sections of their form."""
    preview = preview_form(form)
    bound = [preview[f.code] for f in form.fields]
    for item, data_field in zip(bound, form.fields, strict=True):
        item.data_field = data_field
    return selectors.sections_of(bound)


# --- the list and a data set's page -------------------------------------------------------


@staff_required
def data_sets(request):
    return render(
        request,
        "research/forms/data_set_list.html",
        {"rows": selectors.data_set_rows(user=request.user)},
    )


def _data_set_values(form) -> dict:
    return {
        name: form.cleaned_data[name]
        for name in (
            "name",
            "description",
            "frequency",
            "deadline_days",
            "expected_kinds",
            "chosen_institutions",
        )
    }


@staff_required
def data_set_create(request):
    form = DataSetForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            data_set = services.data_set_create(
                user=request.user, code=form.cleaned_data["code"], **_data_set_values(form)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The data set is made. Now add the fields of its form."))
            return redirect(_builder_url(data_set))
    return render(
        request,
        "research/forms/data_set_form.html",
        {"form": form, "title": _("New data set"), "data_set": None},
    )


@staff_required
def data_set_update(request, code: str):
    data_set = _data_set(request, code)
    initial = {
        "name": data_set.name,
        "description": data_set.description,
        "frequency": data_set.frequency,
        "deadline_days": data_set.deadline_days,
        "expected_kinds": data_set.expected_kinds,
        "chosen_institutions": list(data_set.chosen_institutions.values_list("pk", flat=True)),
    }
    form = DataSetForm(_posted(request), initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.data_set_update(user=request.user, data_set=data_set, **_data_set_values(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("research:data_set", code=data_set.code)
    return render(
        request,
        "research/forms/data_set_form.html",
        {"form": form, "title": _("Edit the data set"), "data_set": data_set},
    )


@staff_required
def data_set_detail(request, code: str):
    data_set = _data_set(request, code)
    versions = selectors.versions_of(user=request.user, data_set=data_set)
    in_use = next((v for v in versions if v.status == VersionStatus.PUBLISHED), None)
    draft = next((v for v in versions if v.status == VersionStatus.DRAFT), None)
    expected = list(data_set.expected_institutions().select_related("municipality"))
    return render(
        request,
        "research/forms/data_set_detail.html",
        {
            "data_set": data_set,
            "versions": versions,
            "in_use": in_use,
            "draft": draft,
            "sections": _sections(selectors.form_of(in_use)) if in_use else [],
            "expected": expected,
            "kinds": selectors.kind_labels(data_set),
            "has_chosen": data_set.chosen_institutions.exists(),
            "completeness_url": _completeness_url(data_set),
            "start_form": StartDraftForm(),
        },
    )


@staff_required
def form_version(request, code: str, number: int):
    """One version of the form: what it changed against the one before, and the form."""
    data_set = _data_set(request, code)
    version = get_object_or_404(DataSetVersion, data_set=data_set, number=number)
    form = selectors.form_of(version)
    previous = selectors.previous_version(version)
    return render(
        request,
        "research/forms/version_detail.html",
        {
            "data_set": data_set,
            "version": version,
            "previous": previous,
            "changes": form_changes(selectors.form_of(previous), form) if previous else None,
            "sections": _sections(form),
        },
    )


# --- the draft: start, build, preview, publish --------------------------------------------


@staff_required
@require_POST
def form_draft_start(request, code: str):
    data_set = _data_set(request, code)
    try:
        services.form_draft_start(user=request.user, data_set=data_set)
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    else:
        messages.success(request, _("A new draft of the form is made from the one in use."))
    return redirect(_builder_url(data_set))


def _builder_page(request, data_set, draft, *, field_form=None, rule_form=None, status=200):
    form = selectors.form_of(draft)
    return render(
        request,
        "research/forms/builder.html",
        {
            "data_set": data_set,
            "draft": draft,
            "form": form,
            "rules": form.rules,
            "field_form": field_form or FieldForm(),
            "rule_form": rule_form or RuleForm(version=draft),
            "has_numbers": sum(1 for f in form.fields if f.is_numeric) >= 2,
            "publish_form": PublishForm(),
        },
        status=status,
    )


def _open_draft(request, data_set):
    """The data set's draft, or None with a message saying how to get one."""
    draft = _draft(data_set)
    if draft is None:
        messages.info(
            request,
            _("The form in use is not changed: start a new draft on the data set's page."),
        )
    return draft


@staff_required
def form_builder(request, code: str):
    data_set = _data_set(request, code)
    draft = _open_draft(request, data_set)
    if draft is None:
        return redirect("research:data_set", code=data_set.code)
    return _builder_page(request, data_set, draft)


@staff_required
def form_draft_preview(request, code: str):
    data_set = _data_set(request, code)
    draft = _open_draft(request, data_set)
    if draft is None:
        return redirect("research:data_set", code=data_set.code)
    return render(
        request,
        "research/forms/preview.html",
        {
            "data_set": data_set,
            "version": draft,
            "sections": _sections(selectors.form_of(draft)),
        },
    )


@staff_required
def form_publish(request, code: str):
    data_set = _data_set(request, code)
    draft = _open_draft(request, data_set)
    if draft is None:
        return redirect("research:data_set", code=data_set.code)
    form = PublishForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.form_publish(
                user=request.user, version=draft, change_note=form.cleaned_data["change_note"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Version %(number)s of the form is in use.") % {"number": draft.number},
            )
            return redirect("research:data_set", code=data_set.code)
    in_use = services.version_in_use(data_set)
    return render(
        request,
        "research/forms/publish.html",
        {
            "data_set": data_set,
            "draft": draft,
            "in_use": in_use,
            "form": form,
            "changes": form_changes(selectors.form_of(in_use), selectors.form_of(draft))
            if in_use
            else None,
        },
    )


# --- fields and rules of the draft --------------------------------------------------------


def _field_of(data_set: DataSet, pk: int) -> DataField:
    return get_object_or_404(
        DataField.objects.select_related("version"), pk=pk, version__data_set=data_set
    )


def _refused(request, data_set, exc: ValidationError):
    """A change refused as a whole (a frozen version): the message, back to the form."""
    messages.error(request, " ".join(exc.messages))
    draft = _draft(data_set)
    if draft is None:
        return redirect("research:data_set", code=data_set.code)
    return redirect(_builder_url(data_set))


@staff_required
@require_POST
def form_field_add(request, code: str):
    data_set = _data_set(request, code)
    draft = _open_draft(request, data_set)
    if draft is None:
        return redirect("research:data_set", code=data_set.code)
    form = FieldForm(request.POST)
    if form.is_valid():
        try:
            data_field = services.form_field_add(
                user=request.user, version=draft, **form.service_data()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The field «%(label)s» is added.") % {"label": data_field.label}
            )
            return redirect(_builder_url(data_set, f"field-{data_field.pk}"))
    return _builder_page(request, data_set, draft, field_form=form)


@staff_required
def form_field_edit(request, code: str, pk: int):
    data_set = _data_set(request, code)
    data_field = _field_of(data_set, pk)
    if data_field.version.is_frozen:
        return _refused(request, data_set, ValidationError(services.frozen_message()))
    form = FieldForm(_posted(request), initial=FieldForm.initial_of(data_field))
    if request.method == "POST" and form.is_valid():
        try:
            data_field = services.form_field_update(
                user=request.user, data_field=data_field, **form.service_data()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(_builder_url(data_set, f"field-{data_field.pk}"))
    return render(
        request,
        "research/forms/field_form.html",
        {"data_set": data_set, "draft": data_field.version, "data_field": data_field, "form": form},
    )


@staff_required
@require_POST
def form_field_move(request, code: str, pk: int):
    data_set = _data_set(request, code)
    data_field = _field_of(data_set, pk)
    try:
        services.form_field_move(
            user=request.user, data_field=data_field, direction=request.POST.get("direction", "")
        )
    except ValidationError as exc:
        return _refused(request, data_set, exc)
    return redirect(_builder_url(data_set, f"field-{data_field.pk}"))


@staff_required
@require_POST
def form_field_delete(request, code: str, pk: int):
    data_set = _data_set(request, code)
    data_field = _field_of(data_set, pk)
    try:
        rules = services.form_field_delete(user=request.user, data_field=data_field)
    except ValidationError as exc:
        return _refused(request, data_set, exc)
    if rules:
        messages.success(
            request,
            _("The field «%(label)s» and the rules that compared it are deleted.")
            % {"label": data_field.label},
        )
    else:
        messages.success(
            request, _("The field «%(label)s» is deleted.") % {"label": data_field.label}
        )
    return redirect(_builder_url(data_set))


@staff_required
@require_POST
def form_rule_add(request, code: str):
    data_set = _data_set(request, code)
    draft = _open_draft(request, data_set)
    if draft is None:
        return redirect("research:data_set", code=data_set.code)
    form = RuleForm(request.POST, version=draft)
    if form.is_valid():
        try:
            services.form_rule_add(user=request.user, version=draft, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The rule is added."))
            return redirect(_builder_url(data_set, "rules"))
    return _builder_page(request, data_set, draft, rule_form=form)


@staff_required
@require_POST
def form_rule_delete(request, code: str, pk: int):
    data_set = _data_set(request, code)
    rule = get_object_or_404(
        DataRule.objects.select_related("version", "total"), pk=pk, version__data_set=data_set
    )
    try:
        services.form_rule_delete(user=request.user, rule=rule)
    except ValidationError as exc:
        return _refused(request, data_set, exc)
    messages.success(request, _("The rule is deleted."))
    return redirect(_builder_url(data_set, "rules"))
