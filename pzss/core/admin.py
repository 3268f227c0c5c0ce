from django.contrib import admin

from pzss.core.models import (
    Activity,
    ActivityFile,
    AuditEntry,
    District,
    Institution,
    Municipality,
    Person,
    Registration,
    StandingGroup,
)


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "seat", "order"]
    search_fields = ["name", "seat"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "is_city"]
    list_filter = ["district", "is_city"]
    search_fields = ["name"]
    list_select_related = ["district"]


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "email", "is_active"]
    list_filter = ["kind", "is_active", "municipality__district"]
    search_fields = ["name", "short_name", "email"]
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "email", "institution", "position"]
    list_filter = ["position", "institution__kind"]
    search_fields = ["first_name", "last_name", "email", "licence_number"]
    list_select_related = ["institution"]
    autocomplete_fields = ["institution"]


@admin.register(StandingGroup)
class StandingGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "number"]
    list_filter = ["kind"]
    search_fields = ["name"]
    filter_horizontal = ["institutions", "members"]


class ActivityFileInline(admin.TabularInline):
    model = ActivityFile
    extra = 0
    readonly_fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "area", "kind", "start_date", "status", "is_public"]
    list_filter = ["area", "kind", "status", "is_public", "start_date"]
    search_fields = ["title", "description", "place"]
    date_hierarchy = "start_date"
    filter_horizontal = ["institutions", "responsible"]
    autocomplete_fields = ["municipality"]
    inlines = [ActivityFileInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["person", "activity", "status", "source", "created_at"]
    list_filter = ["status", "source", "activity__area"]
    search_fields = ["person__first_name", "person__last_name", "person__email", "activity__title"]
    list_select_related = ["person", "activity"]
    autocomplete_fields = ["person", "institution"]
    raw_id_fields = ["activity"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "object_repr"]
    list_filter = ["action"]
    search_fields = ["object_repr", "comment"]
    list_select_related = ["actor"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
