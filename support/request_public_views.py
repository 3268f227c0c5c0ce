"""The public pages of support requests, under /support/request/ (no account): the form
a centre or an institution sends its request with, the confirmation, and the thread
their signed link opens — the status, the deadline, the replies (never an internal
note), their own answer with files. A link tampered with or expired is a 404."""

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from pzss.events import ratelimit
from pzss.lib.forms import add_service_errors
from support import request_selectors as selectors
from support import request_services as services
from support.models import SupportRequest
from support.request_forms import PublicRequestForm, RequesterReplyForm

RATE_SCOPE = "support-request"
TOO_MANY = gettext_lazy(
    "Too many requests from your address in a short time. Please wait a minute and send "
    "the form again."
)


def _request_or_404(signed: str) -> SupportRequest:
    found = selectors.request_of_link(signed)
    if found is None:
        raise Http404
    return found


@require_http_methods(["GET", "POST"])
def request_form(request):
    template = "support/requests/public_form.html"
    if request.method == "GET":
        return render(request, template, {"form": PublicRequestForm()})
    form = PublicRequestForm(request.POST, request.FILES)
    if not ratelimit.hit(request, scope=RATE_SCOPE):
        return render(request, template, {"form": form, "notice": TOO_MANY}, status=429)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "no_personal_data"}
        try:
            services.request_submit_public(**data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("support_public:sent")
    return render(request, template, {"form": form}, status=400)


@require_GET
def request_sent(request):
    return render(request, "support/requests/public_sent.html")


@never_cache
@require_http_methods(["GET", "POST"])
def request_thread(request, signed: str):
    found = _request_or_404(signed)
    form = RequesterReplyForm()
    status = 200
    if request.method == "POST":
        form = RequesterReplyForm(request.POST, request.FILES)
        if not ratelimit.hit(request, scope=RATE_SCOPE):
            return render(
                request,
                "support/requests/public_thread.html",
                {"req": found, "signed": signed, "form": form, "notice": TOO_MANY},
                status=429,
            )
        if form.is_valid():
            try:
                services.request_requester_reply(
                    request=found, text=form.cleaned_data["text"], files=form.cleaned_data["files"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect("support_public:request", signed=signed)
        status = 400
    return render(
        request,
        "support/requests/public_thread.html",
        {"req": found, "signed": signed, "form": form},
        status=status,
    )


@never_cache
@require_GET
def request_file(request, signed: str, pk: int):
    found = selectors.file_of_link(signed, pk)
    if found is None:
        raise Http404
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)
