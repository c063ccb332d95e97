from django.contrib import admin

from dxplan.audit.admin import AuditedAdmin

from .models import Indicator, Observation, Series


class SeriesInline(admin.TabularInline):
    model = Series
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = ["code", "name_ja", "unit", "direction", "kind", "measure"]
    list_filter = ["measure__version", "direction", "kind"]
    search_fields = ["code", "name_ja", "name_en"]
    list_select_related = ["measure"]
    raw_id_fields = ["measure", "survey_question"]
    inlines = [SeriesInline]


class ObservationInline(admin.TabularInline):
    model = Observation
    extra = 0


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
    list_display = ["series", "fiscal_year", "value", "state"]
    list_filter = ["state", "fiscal_year"]
    list_select_related = ["series__indicator"]
