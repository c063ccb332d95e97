"""What the file commands share: finding a plan by ORG/PLAN."""

from __future__ import annotations

from django.core.management.base import CommandError

from dxplan.plans.models import Plan


def find_plan(identifier: str) -> Plan:
    org, _, slug = identifier.partition("/")
    found = (
        Plan.objects.select_related("organisation")
        .filter(organisation__slug=org, slug=slug)
        .first()
    )
    if found is None:
        raise CommandError(f"計画 {identifier} はありません。 / No plan {identifier}.")
    return found
