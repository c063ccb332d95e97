from django.contrib import admin

from dxplan.audit.admin import AuditedAdmin, PolicyPermissions

from .models import (
    Department,
    EvaluationRecord,
    Level,
    Milestone,
    Node,
    Organisation,
    Plan,
    PlanVersion,
    Trend,
    VersionMapping,
)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["code", "name_ja", "name_en", "slug"]
    search_fields = ["code", "name_ja", "name_en"]


class PlanVersionInline(PolicyPermissions, admin.TabularInline):
    model = PlanVersion
    extra = 0
    fields = ["slug", "name_ja", "name_en", "start_year", "end_year", "status", "position"]


class LevelInline(PolicyPermissions, admin.TabularInline):
    model = Level
    extra = 0
    fields = ["code", "name_ja", "name_en", "parents", "has_page", "carries_indicators", "position"]


@admin.register(Plan)
class PlanAdmin(AuditedAdmin):
    list_display = ["name_ja", "name_en", "organisation", "start_year", "end_year"]
    inlines = [LevelInline, PlanVersionInline]


@admin.register(PlanVersion)
class PlanVersionAdmin(AuditedAdmin):
    list_display = ["name_ja", "plan", "start_year", "end_year", "status"]
    list_filter = ["status", "plan"]


class EvaluationInline(PolicyPermissions, admin.StackedInline):
    model = EvaluationRecord
    extra = 0


@admin.register(Node)
class NodeAdmin(AuditedAdmin):
    list_display = ["code", "kind", "name_ja", "name_en", "version"]
    list_filter = ["version", "kind"]
    search_fields = ["code", "name_ja", "name_en"]
    list_select_related = ["version"]
    raw_id_fields = ["parent"]
    inlines = [EvaluationInline]


@admin.register(EvaluationRecord)
class EvaluationRecordAdmin(AuditedAdmin):
    list_display = ["node", "phase_start", "phase_end"]
    list_select_related = ["node"]


@admin.register(VersionMapping)
class VersionMappingAdmin(AuditedAdmin):
    list_display = ["from_node", "relation", "to_node", "from_version", "to_version"]
    list_filter = ["relation", "from_version", "to_version"]
    list_select_related = ["from_node", "to_node", "from_version", "to_version"]
    raw_id_fields = ["from_node", "to_node"]


@admin.register(Trend)
class TrendAdmin(AuditedAdmin):
    list_display = ["field_code", "plan"]


@admin.register(Milestone)
class MilestoneAdmin(AuditedAdmin):
    list_display = ["fiscal_year", "track_ja", "name_ja", "quarter_start", "quarter_end"]
    list_filter = ["fiscal_year"]


@admin.register(Department)
class DepartmentAdmin(AuditedAdmin):
    list_display = ["name_ja", "name_en", "code", "organisation"]
    search_fields = ["name_ja", "name_en", "code"]
