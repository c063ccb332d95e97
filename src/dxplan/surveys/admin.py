from django.contrib import admin

from dxplan.audit.admin import AuditedAdmin, PolicyPermissions

from .models import PublishedOption, PublishedQuestion, PublishedSurvey


class QuestionInline(PolicyPermissions, admin.TabularInline):
    model = PublishedQuestion
    extra = 0
    fields = ["key", "text_ja", "type", "base", "published_as", "position"]


@admin.register(PublishedSurvey)
class SurveyAdmin(AuditedAdmin):
    list_display = ["title_ja", "fiscal_year", "valid_responses", "distributed"]
    inlines = [QuestionInline]


class OptionInline(PolicyPermissions, admin.TabularInline):
    model = PublishedOption
    extra = 0


@admin.register(PublishedQuestion)
class QuestionAdmin(AuditedAdmin):
    list_display = ["key", "text_ja", "survey", "type", "base"]
    list_filter = ["survey"]
    inlines = [OptionInline]


@admin.register(PublishedOption)
class OptionAdmin(AuditedAdmin):
    list_display = ["label_ja", "code", "question", "count", "published"]
    list_select_related = ["question__survey"]
    list_filter = ["question__survey"]
