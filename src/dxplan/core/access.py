"""Who may do what: the access rules as a pure function of a principal and a target.

The policy (accounts/policy.py) turns a user, an API token or a command into a `Principal` and a
record into a `Target`, and asks `allowed`. Every entry point (staff screens, the admin, file
imports, the CLI, the API) and every action asks through it, so none can forget it.

Roles:
- administrator (a superuser) and a command run by the operator without `--actor`: everything;
- DX office editor: everything within their organisation's plans;
- reviewer: reads the organisation's figures, approves or sends back, publishes;
- department editor: reads, enters, submits and withdraws the figures and evaluations of the
  indicators their departments own (core/ownership.py), and reads their city's plans and
  reporting rounds;
- committee member: reads the organisation's drafts and unpublished figures; changes nothing;
- anyone else (a staff account without a role, a citizen): nothing beyond the public site.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    NONE = ""
    DEPARTMENT_EDITOR = "department_editor"
    REVIEWER = "reviewer"
    OFFICE_EDITOR = "office_editor"
    COMMITTEE = "committee"


class Verb(StrEnum):
    VIEW = "view"  # read what is not public yet (drafts, submissions, history)
    ENTER = "enter"  # enter or correct a figure or an evaluation text (a draft)
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    REVIEW = "review"  # approve, or send back with a reason
    PUBLISH = "publish"
    EDIT_PLAN = "edit_plan"  # the plan's structure: nodes, indicators, series, departments
    MANAGE = "manage"  # rounds, people, tokens


#: What each role may do, within its reach (the organisation, or its departments' indicators).
GRANTS: dict[Role, frozenset[Verb]] = {
    Role.NONE: frozenset(),
    Role.DEPARTMENT_EDITOR: frozenset({Verb.VIEW, Verb.ENTER, Verb.SUBMIT, Verb.WITHDRAW}),
    Role.REVIEWER: frozenset({Verb.VIEW, Verb.REVIEW, Verb.PUBLISH}),
    Role.OFFICE_EDITOR: frozenset(Verb),
    Role.COMMITTEE: frozenset({Verb.VIEW}),
}
#: Roles whose reach is their organisation, not only their departments' indicators.
ORGANISATION_WIDE = frozenset({Role.REVIEWER, Role.OFFICE_EDITOR, Role.COMMITTEE})


@dataclass(frozen=True)
class Principal:
    """Who acts, as the rules see it."""

    role: Role = Role.NONE
    organisations: frozenset[Hashable] = frozenset()
    departments: frozenset[Hashable] = frozenset()
    unrestricted: bool = False  # an administrator, or the operator's command


@dataclass(frozen=True)
class Target:
    """What is acted on: its organisation and, for a figure or evaluation, its owner."""

    organisation: Hashable | None
    department: Hashable | None = None
    owned: bool = False  # a figure or evaluation, which a department may own


def allowed(principal: Principal, verb: Verb | str, target: Target) -> bool:
    verb = Verb(verb)
    if principal.unrestricted:
        return True
    if verb not in GRANTS[principal.role]:
        return False
    if principal.role in ORGANISATION_WIDE:
        return target.organisation in principal.organisations
    if principal.role is Role.DEPARTMENT_EDITOR:
        if not target.owned:  # the city's plans and rounds: to read, nothing more
            return verb is Verb.VIEW and target.organisation in principal.organisations
        return target.department is not None and target.department in principal.departments
    return False


def reach(principal: Principal, verb: Verb | str) -> str:
    """How far `verb` reaches for `principal`: "all", "organisations", "departments", "none"
    (what `visible` filters a list by)."""
    verb = Verb(verb)
    if principal.unrestricted:
        return "all"
    if verb not in GRANTS[principal.role]:
        return "none"
    if principal.role in ORGANISATION_WIDE:
        return "organisations"
    return "departments"
