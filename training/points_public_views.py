"""The public pages of the transcript, under /training/transcript/ (no account): the
form where a person types their e-mail address, and what the signed link e-mailed to
them opens — their own record, and its PDF with its progress and its download.

The form answers alike whether or not the address is known, so it tells no one who is
in the directory; it is rate-limited per client address. A link altered or expired is a
404, and a PDF is served only through the link of the person it is of."""

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pzss.documents.models import Document, DocumentStatus
from pzss.events import ratelimit
from training import points_selectors as selectors
from training import points_services as services
from training.models import TranscriptRequest
from training.points_forms import TranscriptAskForm

RATE_SCOPE = "transcript"


def _request_or_404(signed: str) -> TranscriptRequest:
    request = selectors.transcript_request_by_signed(signed)
    if request is None:
        raise Http404
    return request


def _document_or_404(signed: str, pk: int) -> tuple[TranscriptRequest, Document]:
    link = _request_or_404(signed)
    document = selectors.transcript_document_of(person=link.person, pk=pk)
    if document is None:
        raise Http404
    return link, document


@require_http_methods(["GET", "POST"])
def transcript_ask(request):
    if request.method == "GET":
        return render(request, "training/points/transcript_ask.html", {"form": TranscriptAskForm()})
    form = TranscriptAskForm(request.POST)
    if not ratelimit.hit(request, scope=RATE_SCOPE):
        return render(
            request,
            "training/points/transcript_ask.html",
            {
                "form": form,
                "notice": _(
                    "Too many requests from your address in a short time. Please wait a "
                    "minute and send the form again."
                ),
            },
            status=429,
        )
    if not form.is_valid():
        return render(request, "training/points/transcript_ask.html", {"form": form}, status=400)
    services.transcript_request(email=form.cleaned_data["email"])
    # The same answer whoever the address is: nothing here says whether it is known.
    return redirect("training_transcript:sent")


@require_GET
def transcript_sent(request):
    return render(request, "training/points/transcript_sent.html")


@never_cache
@require_GET
def transcript_record(request, signed: str):
    link = _request_or_404(signed)
    return render(
        request,
        "training/points/transcript_record.html",
        {
            "link": link,
            "signed": signed,
            "person": link.person,
            "record": selectors.person_record(link.person),
        },
    )


@require_POST
def transcript_pdf(request, signed: str):
    link = _request_or_404(signed)
    document = services.transcript_document_request(person=link.person)
    return redirect("training_transcript:document", signed=signed, pk=document.pk)


@never_cache
@require_GET
def transcript_document(request, signed: str, pk: int):
    link, document = _document_or_404(signed, pk)
    return render(
        request,
        "training/points/transcript_document.html",
        {"link": link, "signed": signed, "person": link.person, "document": document},
    )


@never_cache
@require_GET
def transcript_document_status(request, signed: str, pk: int):
    _link, document = _document_or_404(signed, pk)
    response = render(
        request,
        "training/points/_transcript_status.html",
        {"signed": signed, "document": document},
    )
    if document.is_finished:
        response["HX-Trigger"] = "document-finished"
    return response


@never_cache
@require_GET
def transcript_document_download(request, signed: str, pk: int):
    _link, document = _document_or_404(signed, pk)
    if document.status != DocumentStatus.READY:
        raise Http404
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{document.title[:80]}.pdf",
        content_type="application/pdf",
    )
