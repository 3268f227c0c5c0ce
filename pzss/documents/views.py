"""The status, download and retry of a rendered document: the progress fragment a page
polls while a PDF renders, then the file."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from pzss.documents.models import Document, DocumentStatus
from pzss.documents.registry import document_is_public
from pzss.documents.services import document_retry
from pzss.lib.roles import is_staff_member


def _visible_document(request, queryset, pk) -> Document:
    """Staff see every document; others only documents of public things (a published
    programme, say). Anything else is a 404, as if it did not exist."""
    document = get_object_or_404(queryset, pk=pk)
    if not (document_is_public(document) or is_staff_member(request.user)):
        raise Http404
    return document


class DocumentStatusView(View):
    """The progress fragment a page polls while a PDF renders."""

    def get(self, request, pk):
        document = _visible_document(request, Document.objects.all(), pk)
        response = render(request, "documents/_status.html", {"document": document})
        if document.is_finished:
            response["HX-Trigger"] = "document-finished"
        return response


class DocumentDownloadView(View):
    def get(self, request, pk):
        document = _visible_document(
            request, Document.objects.filter(status=DocumentStatus.READY), pk
        )
        return FileResponse(
            document.file.open("rb"),
            as_attachment=False,
            filename=f"{document.title or 'document'}.pdf",
            content_type="application/pdf",
        )


class DocumentRetryView(View):
    def post(self, request, pk):
        document = _visible_document(
            request, Document.objects.filter(status=DocumentStatus.FAILED), pk
        )
        document = document_retry(document=document, user=request.user)
        if request.htmx:
            return render(request, "documents/_status.html", {"document": document})
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = "/"
        return redirect(next_url)
