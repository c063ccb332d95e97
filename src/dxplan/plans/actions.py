"""Writes to plans: one action per use case, each in a transaction, each leaving history.

Plan folders reach the database through `dxplan.io.plan_import`, which calls these.
"""

from __future__ import annotations

from django.db import transaction

from dxplan.audit import actions as audit
from dxplan.audit.models import AuditEvent
from dxplan.core.errors import BilingualError

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

create_organisation, update_organisation, delete_organisation = audit.record_actions(Organisation)
create_plan, update_plan, _delete_plan_row = audit.record_actions(Plan)
create_level, update_level, delete_level = audit.record_actions(Level)
create_department, update_department, delete_department = audit.record_actions(Department)
create_version, update_version, delete_version = audit.record_actions(PlanVersion)
create_node, update_node, delete_node = audit.record_actions(Node)
create_evaluation, update_evaluation, delete_evaluation = audit.record_actions(EvaluationRecord)
create_mapping, update_mapping, delete_mapping = audit.record_actions(VersionMapping)
create_trend, update_trend, delete_trend = audit.record_actions(Trend)
create_milestone, update_milestone, delete_milestone = audit.record_actions(Milestone)


def delete_plan(plan: Plan, *, actor: audit.Actor) -> dict[str, int]:
    """Remove a plan and everything in it (versions, nodes, indicators, surveys).

    Its history stays: events keep the plan's identifier after the plan is gone.
    """
    with transaction.atomic():
        identifier = plan.identifier
        state = audit.snapshot(plan)
        _, deleted = plan.delete()
        counts = {label.split(".")[-1].lower(): n for label, n in deleted.items() if n}
        event = audit.event(
            AuditEvent.Verb.DELETE_PLAN,
            None,
            actor=actor,
            key=identifier,
            state=state,
            detail={"deleted": counts},
        )
        event.scope = identifier
        event.save(update_fields=["scope"])
    return counts


def change_organisation_code(organisation: Organisation, code: str, *, actor: audit.Actor) -> None:
    """An organisation's local government code changes (a merger, a corrected typo).

    Explicit, because an import matches organisations by code and never changes one.
    """
    check_organisation_code(organisation, code)
    with transaction.atomic():
        audit.update(organisation, {"code": code}, actor=actor, verb=AuditEvent.Verb.CHANGE_CODE)


def check_organisation_code(organisation: Organisation, code: str) -> None:
    """Why `code` cannot become the organisation's code (raises), for dry runs too."""
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        raise BilingualError(
            f"団体コード「{code}」は 6 桁の数字ではありません。",
            f"The organisation code '{code}' is not 6 digits.",
        )
    other = Organisation.objects.filter(code=code).exclude(pk=organisation.pk).first()
    if other:
        raise BilingualError(
            f"団体コード {code} は既に {other.name_ja} が使っています。",
            f"The organisation code {code} is already used by {other.name_en or other.name_ja}.",
        )
