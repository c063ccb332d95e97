"""What the plan commands share: finding a plan by ORG/PLAN and the acting user."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
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


def actor(username: str | None, command: str) -> Any:
    """The user named by --actor, or the command's own name for the history."""
    if not username:
        return command
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"利用者 {username} はいません。 / No user {username}.")
    return user
