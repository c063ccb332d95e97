"""The one access policy: `can(actor, verb, obj)`, `check(...)` and `visible(actor, queryset)`.

Asked by every entry point (the staff screens and their loaders, the admin, the file imports,
the CLI with `--actor`) and, again, by the actions themselves, so that no path can forget it
(wagtail's `check(user)` inside its actions; healthchecks' `_get_rw_check_for_user`). The rules
are pure (core/access.py); this module only tells them who acts and what is acted on:

- a record says what it belongs to through `access_target()` (its organisation and, for figures
  and evaluations, the owning department: core/ownership.py);
- a queryset's model says how to filter it through `ACCESS_ORGANISATION` (the lookup of its
  organisation), and a queryset of figures or evaluations through `owned_by(departments)`.
"""

from __future__ import annotations

import contextlib
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet

from dxplan.core.access import Principal, Role, Target, Verb, allowed, reach

from .actors import Actor, CommandActor
from .models import ApiToken

M = TypeVar("M", bound=Model)

_VERBS_JA = {
    Verb.VIEW: "閲覧",
    Verb.ENTER: "入力・修正",
    Verb.SUBMIT: "提出",
    Verb.WITHDRAW: "取り下げ",
    Verb.REVIEW: "承認・差し戻し",
    Verb.PUBLISH: "公表",
    Verb.EDIT_PLAN: "計画の編集",
    Verb.MANAGE: "管理",
}
_VERBS_EN = {
    Verb.VIEW: "see",
    Verb.ENTER: "enter or correct",
    Verb.SUBMIT: "submit",
    Verb.WITHDRAW: "withdraw",
    Verb.REVIEW: "approve or send back",
    Verb.PUBLISH: "publish",
    Verb.EDIT_PLAN: "edit the plan of",
    Verb.MANAGE: "manage",
}


class Refused(PermissionDenied):
    """The actor may not do this; the message names who, what and why, in both languages."""

    def __init__(self, ja: str, en: str) -> None:
        super().__init__(f"{ja} / {en}")
        self.ja, self.en = ja, en


def principal_of(actor: Actor | str | None) -> Principal:
    """The rules' view of an actor. A command (or, from older callers, its name) without a user
    is the operator; a user is read once per instance (their departments are one query)."""
    if actor is None or isinstance(actor, str):
        return Principal(unrestricted=True)
    if isinstance(actor, CommandActor):
        return principal_of(actor.user) if actor.user is not None else Principal(unrestricted=True)
    if isinstance(actor, ApiToken):  # a department's system: as its department editor would
        if actor.revoked_at is not None:
            return Principal()
        return Principal(
            role=Role.DEPARTMENT_EDITOR,
            organisations=frozenset({actor.organisation_id}),
            departments=frozenset({actor.department_id}),
        )
    cached = getattr(actor, "_dxplan_principal", None)
    if isinstance(cached, Principal):
        return cached
    principal = _user_principal(actor)
    with contextlib.suppress(AttributeError):  # an AnonymousUser's attributes are its class's
        actor._dxplan_principal = principal  # type: ignore[union-attr]
    return principal


def _user_principal(user: Any) -> Principal:
    if not (user.is_authenticated and user.is_active):
        return Principal()
    if user.is_superuser:
        return Principal(unrestricted=True)
    departments = list(user.departments.values_list("pk", "organisation_id"))
    organisations = {org for _, org in departments}
    if user.organisation_id is not None:
        organisations.add(user.organisation_id)
    return Principal(
        role=Role(user.role or ""),
        organisations=frozenset(organisations),
        departments=frozenset(pk for pk, _ in departments),
    )


def target_of(obj: Any) -> Target:
    target = obj.access_target()
    assert isinstance(target, Target)
    return target


def can(actor: Actor | str | None, verb: Verb | str, obj: Any) -> bool:
    principal = principal_of(actor)
    if principal.unrestricted:  # no need to work out what the record belongs to
        return True
    return allowed(principal, verb, target_of(obj))


def check(actor: Actor | str | None, verb: Verb | str, obj: Any) -> None:
    """Refused (a 403 on a screen and the API) unless the actor may do `verb` to `obj`."""
    if can(actor, verb, obj):
        return
    verb = Verb(verb)
    name = _name_of(actor)
    what = str(getattr(obj, "access_name", lambda: obj)())
    raise Refused(
        f"{name} には {what} の{_VERBS_JA[verb]}の権限がありません。",
        f"{name} may not {_VERBS_EN[verb]} {what}.",
    )


def _name_of(actor: Actor | str | None) -> str:
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor
    return actor.get_username() or "anonymous"


def visible(
    actor: Actor | str | None, queryset: QuerySet[M], verb: Verb | str = Verb.VIEW
) -> QuerySet[M]:
    """The records of `queryset` the actor may `verb` (by default: see in the staff area)."""
    principal = principal_of(actor)
    how = reach(principal, verb)
    model = queryset.model
    if how == "all":
        return queryset
    if how == "none":
        return queryset.none()
    if how == "organisations":
        lookup = model.ACCESS_ORGANISATION  # type: ignore[attr-defined]
        return queryset.filter(**{f"{lookup}__in": principal.organisations})
    owned_by = getattr(queryset, "owned_by", None)
    if owned_by is None:  # not a figure or evaluation: the city's, to read at most
        if Verb(verb) is not Verb.VIEW or not hasattr(model, "ACCESS_ORGANISATION"):
            return queryset.none()
        lookup = model.ACCESS_ORGANISATION  # type: ignore[attr-defined]
        return queryset.filter(**{f"{lookup}__in": principal.organisations})
    result: QuerySet[M] = owned_by(principal.departments)
    return result


def anywhere(actor: Actor | str | None, verb: Verb | str) -> bool:
    """Whether the actor may `verb` anything at all (a menu entry, a screen that lists)."""
    return reach(principal_of(actor), verb) != "none"
