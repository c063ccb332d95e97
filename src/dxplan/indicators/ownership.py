"""Which department owns each indicator (所管課), read from the database by the rule of
core/ownership.py: the indicator's own department, else its node's, else the nearest ancestor's.

Two queries for any number of indicators: the nodes of their versions, then nothing more (the
indicators' own departments and nodes are on the rows given), or the indicators themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from dxplan.core.ownership import indicator_owner, node_owners, owned_by
from dxplan.plans.models import Department, Node, PlanVersion

from .models import Indicator


def _node_owners(version_ids: set[int]) -> dict[int, int]:
    rows = Node.objects.filter(version_id__in=version_ids).values_list(
        "pk", "parent_id", "department_id"
    )
    parents: dict[int, int | None] = {}
    departments: dict[int, int | None] = {}
    for pk, parent, department in rows:
        parents[pk], departments[pk] = parent, department
    return node_owners(parents, departments)


def owners_of(indicators: Iterable[Indicator]) -> dict[int, int | None]:
    """Each indicator's owning department id (None: no department anywhere above it)."""
    indicators = list(indicators)
    versions = {i.measure.version_id for i in indicators}
    owners = _node_owners(versions)
    return {i.pk: indicator_owner(i.department_id, i.measure_id, owners) for i in indicators}


def owned_indicators(departments: set[int]) -> list[int]:
    """The ids of the indicators the departments own, in every plan of their organisations."""
    if not departments:
        return []
    organisations = set(
        Department.objects.filter(pk__in=departments).values_list("organisation_id", flat=True)
    )
    versions = set(
        PlanVersion.objects.filter(plan__organisation__in=organisations).values_list(
            "pk", flat=True
        )
    )
    owners = _node_owners(versions)
    rows = Indicator.objects.filter(measure__version_id__in=versions).values_list(
        "pk", "department_id", "measure_id"
    )
    return [int(str(pk)) for pk in owned_by(rows, owners, departments)]


def owner_names(indicators: Iterable[Indicator]) -> dict[int, Department | None]:
    """Each indicator's owning department (as a record, for pages and workbooks)."""
    owners = owners_of(indicators)
    found = Department.objects.in_bulk({d for d in owners.values() if d is not None})
    return {pk: found.get(d) if d is not None else None for pk, d in owners.items()}
