from django.contrib import admin

from pzss.documents.models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "language", "status", "pages", "created_at", "finished_at"]
    list_filter = ["kind", "status", "language"]
    search_fields = ["title", "checksum"]
    readonly_fields = ["checksum", "error", "started_at", "finished_at", "attempts"]
