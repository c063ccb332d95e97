from django.contrib import admin

from .models import (
    AuditEvent,
    EvaluationRecord,
    Milestone,
    Node,
    Organisation,
    Plan,
    PlanVersion,
    Trend,
    VersionMapping,
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ja", "name_en", "slug"]
    search_fields = ["code", "name_ja", "name_en"]


class PlanVersionInline(admin.TabularInline):
    model = PlanVersion
    extra = 0
    fields = ["slug", "name_ja", "name_en", "start_year", "end_year", "status", "position"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["name_ja", "name_en", "organisation", "start_year", "end_year"]
    inlines = [PlanVersionInline]


@admin.register(PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    list_display = ["name_ja", "plan", "start_year", "end_year", "status"]
    list_filter = ["status", "plan"]


class EvaluationInline(admin.StackedInline):
    model = EvaluationRecord
    extra = 0


@admin.register(Node)
class NodeAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "name_ja", "name_en", "version"]
    list_filter = ["version", "kind"]
    search_fields = ["code", "name_ja", "name_en"]
    list_select_related = ["version"]
    raw_id_fields = ["parent"]
    inlines = [EvaluationInline]


@admin.register(EvaluationRecord)
class EvaluationRecordAdmin(admin.ModelAdmin):
    list_display = ["node", "phase_start", "phase_end"]
    list_select_related = ["node"]


@admin.register(VersionMapping)
class VersionMappingAdmin(admin.ModelAdmin):
    list_display = ["from_node", "relation", "to_node", "from_version", "to_version"]
    list_filter = ["relation", "from_version", "to_version"]
    list_select_related = ["from_node", "to_node", "from_version", "to_version"]
    raw_id_fields = ["from_node", "to_node"]


@admin.register(Trend)
class TrendAdmin(admin.ModelAdmin):
    list_display = ["field_code", "plan"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["fiscal_year", "track_ja", "name_ja", "quarter_start", "quarter_end"]
    list_filter = ["fiscal_year"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "subject"]
    readonly_fields = ["created_at", "actor", "action", "subject", "detail"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
