"""Staff screens write through the actions, show each record's history and restore from it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.forms import BaseModelFormSet, ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from dxplan.accounts import policy
from dxplan.core.access import Verb

from . import actions as audit
from .models import AuditEvent
from .queries import readable_changes


def _stored_values(obj: models.Model, names: list[str]) -> dict[str, Any]:
    concrete = {f.name for f in obj._meta.concrete_fields}
    return {name: getattr(obj, name) for name in names if name in concrete}


class PolicyPermissions:
    """Who may do what in the admin: the access policy (accounts/policy.py), not Django's
    per-model permissions, as on every other screen. The admin is the DX office's (`edit_plan`),
    for their organisation's plans; departments, reviewers and committee members work in /staff/.
    Rows edited inside a record's page (a plan's versions, an indicator's series) go with the
    record; everything is saved through the writers."""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self.has_change_permission(request, *args)  # an inline is given its record

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return policy.anywhere(request.user, Verb.EDIT_PLAN)
        return policy.can(request.user, Verb.EDIT_PLAN, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj)


class AuditedAdmin(PolicyPermissions, admin.ModelAdmin):
    """Edits go through the record's actions; History lists its events, each restorable."""

    object_history_template = "audit/object_history.html"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return policy.anywhere(request.user, Verb.EDIT_PLAN)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if not hasattr(self.model, "ACCESS_ORGANISATION"):
            return queryset
        return policy.visible(request.user, queryset, Verb.EDIT_PLAN)

    def save_model(
        self, request: HttpRequest, obj: models.Model, form: ModelForm[Any], change: bool
    ) -> None:
        writers = audit.writers(type(obj))
        if not change:
            writers.create(obj, actor=request.user)
            return
        stored = type(obj)._default_manager.get(pk=obj.pk)
        writers.update(stored, _stored_values(obj, list(form.changed_data)), actor=request.user)

    def save_related(
        self,
        request: HttpRequest,
        form: ModelForm[Any],
        formsets: Iterable[BaseModelFormSet[Any, Any]],
        change: bool,
    ) -> None:
        many = {f.name for f in form.instance._meta.many_to_many}
        for name in set(form.changed_data) & many:
            audit.set_many(form.instance, name, list(form.cleaned_data[name]), actor=request.user)
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        audit.writers(type(obj)).delete(obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(
        self,
        request: HttpRequest,
        form: ModelForm[Any],
        formset: BaseModelFormSet[Any, Any],
        change: bool,
    ) -> None:
        for obj in formset.save(commit=False):
            writers = audit.writers(type(obj))
            if obj.pk is None:
                writers.create(obj, actor=request.user)
            else:
                stored = type(obj)._default_manager.get(pk=obj.pk)
                changed: list[str] = next(
                    (f.changed_data for f in formset.forms if f.instance is obj), []
                )
                writers.update(stored, _stored_values(obj, list(changed)), actor=request.user)
        for obj in formset.deleted_objects:
            audit.writers(type(obj)).delete(obj, actor=request.user)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        content_type = ContentType.objects.get_for_model(self.model)
        events = list(
            AuditEvent.objects.filter(
                content_type=content_type, object_pk=str(obj.pk)
            ).select_related("group", "content_type")
        )
        readable = readable_changes(events)
        for event in events:
            event.readable = readable[event.pk]  # type: ignore[attr-defined]
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %(object)s") % {"object": obj},
            "subtitle": None,
            "object": obj,
            "opts": self.model._meta,
            "events": events,
            "can_restore": self.has_change_permission(request, obj),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["time", "actor_name", "verb", "object_type", "object_key", "scope"]
    list_filter = ["verb", "object_type", "scope"]
    search_fields = ["object_key", "actor_name"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
    date_hierarchy = "time"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        restore = self.admin_site.admin_view(self.restore_view)
        return [path("<int:event_id>/restore/", restore, name="audit_restore"), *super().get_urls()]

    def restore_view(self, request: HttpRequest, event_id: int) -> HttpResponse:
        """POST only: bring the record back to its state after this event."""
        past = get_object_or_404(AuditEvent.objects.select_related("content_type"), pk=event_id)
        model = past.content_type.model_class() if past.content_type else None
        if request.method != "POST" or model is None:
            raise PermissionDenied
        if not request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
            raise PermissionDenied
        try:
            audit.restore(past, actor=request.user)
        except ValueError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Restored %(object)s to its state of %(time)s.")
                % {"object": past.object_key, "time": f"{past.time:%Y-%m-%d %H:%M}"},
            )
        if model._default_manager.filter(pk=past.object_pk).exists():
            target = reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_history",
                args=[past.object_pk],
            )
        else:
            target = reverse("admin:audit_auditevent_change", args=[past.pk])
        return HttpResponseRedirect(target)
