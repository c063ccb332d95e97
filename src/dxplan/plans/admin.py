from django.contrib import admin

from .actions import delete_by_staff, save_by_staff
from .models import (
    AuditEvent,
    Department,
    EvaluationRecord,
    Milestone,
    Node,
    Organisation,
    Plan,
    PlanVersion,
    Trend,
    VersionMapping,
)


class AuditedAdmin(admin.ModelAdmin):
    """Staff edits go through the actions layer, so every change leaves an audit event."""

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        save_by_staff(obj, actor=request.user, changed=list(form.changed_data), created=not change)

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        delete_by_staff(obj, actor=request.user)

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        for obj in queryset:
            delete_by_staff(obj, actor=request.user)

    def save_formset(self, request, form, formset, change):  # type: ignore[no-untyped-def]
        for obj in formset.save(commit=False):
            save_by_staff(obj, actor=request.user, changed=["(inline)"], created=obj.pk is None)
        for obj in formset.deleted_objects:
            delete_by_staff(obj, actor=request.user)
        formset.save_m2m()


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["code", "name_ja", "name_en", "slug"]
    search_fields = ["code", "name_ja", "name_en"]


class PlanVersionInline(admin.TabularInline):
    model = PlanVersion
    extra = 0
    fields = ["slug", "name_ja", "name_en", "start_year", "end_year", "status", "position"]


@admin.register(Plan)
class PlanAdmin(AuditedAdmin):
    list_display = ["name_ja", "name_en", "organisation", "start_year", "end_year"]
    inlines = [PlanVersionInline]


@admin.register(PlanVersion)
class PlanVersionAdmin(AuditedAdmin):
    list_display = ["name_ja", "plan", "start_year", "end_year", "status"]
    list_filter = ["status", "plan"]


class EvaluationInline(admin.StackedInline):
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


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "subject"]
    readonly_fields = ["created_at", "actor", "action", "subject", "detail"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Department)
class DepartmentAdmin(AuditedAdmin):
    list_display = ["name_ja", "name_en", "organisation"]
    search_fields = ["name_ja", "name_en"]
