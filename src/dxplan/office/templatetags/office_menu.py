"""Template helpers of the staff area's menu."""

from __future__ import annotations

from typing import Any

from django import template

from dxplan.accounts.policy import anywhere
from dxplan.core.access import Verb
from dxplan.office.access import can_use_admin

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_allowed(context: Any) -> bool:
    """access.can_use_admin for the page's request: whether the menu links to the admin."""
    request = context.get("request")
    return request is not None and can_use_admin(request)


@register.simple_tag(takes_context=True)
def manages(context: Any) -> bool:
    """Whether the page's user manages something (the DX office): the menu links to the API
    tokens."""
    request = context.get("request")
    return request is not None and anywhere(request.user, Verb.MANAGE)
