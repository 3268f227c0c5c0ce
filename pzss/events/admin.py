from django.contrib import admin

from pzss.events.models import Certificate, EventSignup

# --- event sign-up ---------------------------------------------------------------------------
# Seats and the waiting list are kept by the services under a lock; the admin shows these
# records and lets an administrator correct texts, never the seat counts behind them.


@admin.register(EventSignup)
class EventSignupAdmin(admin.ModelAdmin):
    list_display = ["activity", "is_open", "opens_at", "closes_at", "admission", "needs_approval"]
    list_filter = ["is_open", "admission", "needs_approval"]
    search_fields = ["activity__title", "accreditation_number"]
    list_select_related = ["activity"]
    raw_id_fields = ["activity"]
    filter_horizontal = ["admitted_groups"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["number", "person_name", "activity_title", "issued_at"]
    search_fields = ["number", "code", "person_name", "activity_title"]
    readonly_fields = [f.name for f in Certificate._meta.fields]

    def has_add_permission(self, request):
        return False
