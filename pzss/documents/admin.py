from django.contrib import admin

from pzss.documents.models import Document, Job


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "language", "status", "pages", "created_at", "finished_at"]
    list_filter = ["kind", "status", "language"]
    search_fields = ["title", "checksum"]
    readonly_fields = ["checksum", "error", "started_at", "finished_at", "attempts"]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """To look into a job (and delete one); jobs are made by the pages that queue them."""

    list_display = ["__str__", "kind", "status", "requested_by", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "key"]
    readonly_fields = [
        "kind",
        "key",
        "requested_by",
        "params",
        "progress_done",
        "progress_total",
        "input_file",
        "input_name",
        "result_file",
        "result_name",
        "result_content_type",
        "result_size",
        "result",
        "error",
        "attempts",
        "created_at",
        "started_at",
        "finished_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False
