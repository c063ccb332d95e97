from django.contrib import admin

from dxplan.plans.admin import AuditedAdmin

from .models import Option, Question, Survey


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["key", "text_ja", "type", "base", "published_as", "position"]


@admin.register(Survey)
class SurveyAdmin(AuditedAdmin):
    list_display = ["title_ja", "fiscal_year", "valid_responses", "distributed"]
    inlines = [QuestionInline]


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0


@admin.register(Question)
class QuestionAdmin(AuditedAdmin):
    list_display = ["key", "text_ja", "survey", "type", "base"]
    list_filter = ["survey"]
    inlines = [OptionInline]


@admin.register(Option)
class OptionAdmin(AuditedAdmin):
    list_display = ["label_ja", "question", "count", "published"]
    list_select_related = ["question__survey"]
    list_filter = ["question__survey"]
