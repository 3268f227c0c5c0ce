"""The status, download and retry of a rendered document: the progress fragment a page
polls while a PDF renders, then the file. Likewise a background job's page, its progress
fragment and its result file, for the person who asked for it."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from pzss.documents.jobs import job_progress
from pzss.documents.models import Document, DocumentStatus, Job, JobStatus
from pzss.documents.registry import document_is_public
from pzss.documents.selectors import job_for_user
from pzss.documents.services import document_retry
from pzss.lib.jobs import job_kind
from pzss.lib.roles import StaffRequiredMixin, is_staff_member
from pzss.lib.shortcuts import get_for_user_or_404


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


# --- background jobs ------------------------------------------------------------------------


def _job(request, pk) -> Job:
    return get_for_user_or_404(job_for_user, user=request.user, pk=pk)


def _job_context(job: Job) -> dict:
    done, total = job_progress(job)
    return {"job": job, "kind": job_kind(job.kind), "done": done, "total": total}


class JobView(StaffRequiredMixin, View):
    """The page a job's requester is sent to: what it is, its progress, then its result."""

    def get(self, request, pk):
        job = _job(request, pk)
        return render(request, "documents/job.html", _job_context(job))


class JobStatusView(StaffRequiredMixin, View):
    """The progress fragment the job's page polls while the job is queued or working."""

    def get(self, request, pk):
        job = _job(request, pk)
        response = render(request, "documents/_job_status.html", _job_context(job))
        if job.is_finished:
            response["HX-Trigger"] = "job-finished"
        return response


class JobDownloadView(StaffRequiredMixin, View):
    def get(self, request, pk):
        job = _job(request, pk)
        if job.status != JobStatus.DONE or not job.result_file:
            raise Http404
        return FileResponse(
            job.result_file.open("rb"),
            as_attachment=True,
            filename=job.result_name or "export",
            content_type=job.result_content_type or "application/octet-stream",
        )
