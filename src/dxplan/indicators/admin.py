from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from dxplan.audit.admin import AuditedAdmin, PolicyPermissions

from .models import Indicator, Observation, Series


class SeriesInline(PolicyPermissions, admin.TabularInline):
    model = Series
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = ["code", "name_ja", "unit", "direction", "kind", "measure"]
    list_filter = ["measure__version", "direction", "kind"]
    search_fields = ["code", "name_ja", "name_en"]
    list_select_related = ["measure"]
    raw_id_fields = ["measure", "survey_question", "continues"]
    inlines = [SeriesInline]


class ObservationInline(PolicyPermissions, admin.TabularInline):
    """A series' figures, to read: they are entered, reviewed and published on the staff
    screens (/staff/), through the workflow, never by editing their state here."""

    model = Observation
    extra = 0
    fields = ("fiscal_year", "value", "lower", "upper", "state", "provisional", "sample")
    readonly_fields = fields
    can_delete = False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Series)
class SeriesAdmin(AuditedAdmin):
    list_display = [
        "indicator",
        "key",
        "baseline_value",
        "baseline_year",
        "target_value",
        "target_year",
    ]
    list_select_related = ["indicator"]
    inlines = [ObservationInline]


@admin.register(Observation)
class ObservationAdmin(AuditedAdmin):
    """Figures, to read and (an administrator) to delete: entering, correcting and publishing
    them is the workflow's, on the staff screens, so that no second way to publish exists."""

    list_display = ["series", "fiscal_year", "value", "state", "staff_screen"]
    list_filter = ["state", "fiscal_year"]
    list_select_related = ["series__indicator__measure__version__plan__organisation"]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj)  # the policy's edit_plan

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    @admin.display(description=_("staff area"))
    def staff_screen(self, obj: Observation) -> str:
        """The figure's entry screen in the staff area (/staff/, dxplan.office)."""
        indicator = obj.series.indicator
        version = indicator.measure.version
        url = reverse(
            "office:entry",
            args=[
                version.plan.organisation.slug,
                version.plan.slug,
                version.slug,
                indicator.code,
                obj.fiscal_year,
            ],
        )
        return format_html('<a href="{}">{}</a>', url, _("enter, correct, publish"))
