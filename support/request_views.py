"""Staff's pages of support requests, under /staff/support/requests/: the list with its
filters, a request with its thread and what may be done to it (reply, internal note,
assignment, status, deadline with a reason, the activities that answered it), and the
form that registers a request that came by letter."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pzss.lib.forms import add_service_errors
from pzss.lib.roles import StaffRequiredMixin
from support import request_selectors as selectors
from support import request_services as services
from support.models import SupportRequest
from support.request_forms import (
    AssignForm,
    DeadlineForm,
    LetterForm,
    LinkActivityForm,
    NoteForm,
    ReplyForm,
    RequestFilterForm,
    StatusForm,
)

PAGE_SIZE = 25


class RequestListView(StaffRequiredMixin, View):
    def get(self, request):
        form = RequestFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        page = Paginator(selectors.requests_list(user=request.user, filters=filters), PAGE_SIZE)
        page_obj = page.get_page(request.GET.get("page"))
        return render(
            request,
            "support/requests/list.html",
            {"form": form, "page_obj": page_obj, "rows": page_obj.object_list},
        )


class _RequestMixin(StaffRequiredMixin):
    def _request(self, pk) -> SupportRequest:
        try:
            return selectors.request_detail(user=self.request.user, pk=pk)
        except SupportRequest.DoesNotExist as exc:
            raise Http404 from exc

    def _page(self, req, status=200, **forms):
        context = {
            "req": req,
            "reply_form": ReplyForm(),
            "note_form": NoteForm(),
            "assign_form": AssignForm(initial={"adviser": req.adviser_id}),
            "status_form": StatusForm(initial={"status": req.status}),
            "deadline_form": DeadlineForm(initial={"deadline": req.deadline}),
            "link_form": LinkActivityForm(activities=list(selectors.linkable_activities(req))),
            "link": selectors.request_link(req),
        }
        context.update(forms)
        return render(self.request, "support/requests/detail.html", context, status=status)


class RequestDetailView(_RequestMixin, View):
    def get(self, request, pk):
        return self._page(self._request(pk))


class _RequestAction(_RequestMixin, View):
    """POST one form of the request page to one service; the page again with the form's
    errors when it refuses."""

    form_class = None
    form_name = ""
    done = ""

    def form(self, req):
        return self.form_class(self.request.POST, self.request.FILES)

    def act(self, req, data):  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def post(self, request, pk):
        req = self._request(pk)
        form = self.form(req)
        if form.is_valid():
            try:
                self.act(req, form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, self.done)
                return redirect("support:request", pk=req.pk)
        return self._page(req, status=400, **{self.form_name: form})


class RequestReplyView(_RequestAction):
    form_class, form_name, done = (
        ReplyForm,
        "reply_form",
        gettext_lazy("The reply is sent to the requester."),
    )

    def act(self, req, data):
        services.request_reply(
            user=self.request.user,
            request=req,
            text=data["text"],
            files=data["files"],
            status=data["status"] or None,
        )


class RequestNoteView(_RequestAction):
    form_class, form_name, done = NoteForm, "note_form", gettext_lazy("The internal note is saved.")

    def act(self, req, data):
        services.request_note(
            user=self.request.user, request=req, text=data["text"], files=data["files"]
        )


class RequestAssignView(_RequestAction):
    form_class, form_name, done = (
        AssignForm,
        "assign_form",
        gettext_lazy("The adviser is assigned."),
    )

    def act(self, req, data):
        services.request_assign(user=self.request.user, request=req, adviser=data["adviser"])


class RequestStatusView(_RequestAction):
    form_class, form_name, done = StatusForm, "status_form", gettext_lazy("The status is changed.")

    def act(self, req, data):
        services.request_set_status(user=self.request.user, request=req, status=data["status"])


class RequestDeadlineView(_RequestAction):
    form_class, form_name, done = (
        DeadlineForm,
        "deadline_form",
        gettext_lazy("The deadline is changed."),
    )

    def act(self, req, data):
        services.request_change_deadline(
            user=self.request.user, request=req, deadline=data["deadline"], reason=data["reason"]
        )


class RequestLinkActivityView(_RequestAction):
    form_class, form_name, done = (
        LinkActivityForm,
        "link_form",
        gettext_lazy("The activity is linked."),
    )

    def form(self, req):
        return LinkActivityForm(
            self.request.POST, activities=list(selectors.linkable_activities(req))
        )

    def act(self, req, data):
        services.request_link_activity(
            user=self.request.user, request=req, activity=data["activity"]
        )


class RequestCreateActivityView(_RequestMixin, View):
    def post(self, request, pk):
        req = self._request(pk)
        try:
            activity = services.request_create_activity(user=request.user, request=req)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("The activity „%(title)s“ is made.") % {"title": activity.title}
            )
        return redirect("support:request", pk=req.pk)


class RequestFileView(StaffRequiredMixin, View):
    def get(self, request, pk):
        found = selectors.request_file(user=request.user, pk=pk)
        if found is None:
            raise Http404
        return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


class RequestLetterScanView(_RequestMixin, View):
    def get(self, request, pk):
        req = self._request(pk)
        if not req.letter_scan:
            raise Http404
        return FileResponse(req.letter_scan.open("rb"), as_attachment=True)


class RegisterLetterView(StaffRequiredMixin, View):
    template = "support/requests/letter_form.html"

    def get(self, request):
        return render(
            request, self.template, {"form": LetterForm(initial={"adviser": request.user})}
        )

    def post(self, request):
        form = LetterForm(request.POST, request.FILES)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "no_personal_data"}
            try:
                req = services.request_register_letter(user=request.user, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("The request %(number)s is registered.") % {"number": req.number}
                )
                return redirect("support:request", pk=req.pk)
        return render(request, self.template, {"form": form}, status=400)
