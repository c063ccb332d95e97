"""Read paths of indicators for the portal, the API and dxplan.figures: indicators with their
series and public figures (Observation.objects.public()), in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Prefetch, QuerySet

from dxplan.plans import queries as plan_queries
from dxplan.plans.models import PlanVersion
from dxplan.plans.queries import VersionTree

from .models import Indicator, Observation, Series


def public_figures(*, as_of: int | None = None) -> QuerySet[Observation]:
    """The figures the public may see (Observation.objects.public()); `as_of=2025`: only those
    of fiscal years up to 2025 (progress as it stood then)."""
    found = Observation.objects.public()
    return found if as_of is None else found.filter(fiscal_year__lte=as_of)


def indicators(*, as_of: int | None = None) -> QuerySet[Indicator]:
    """Indicators with their series and only their public figures (`public_figures`)."""
    return Indicator.objects.select_related(
        "measure__version__plan__organisation",
        "measure__parent",
        "survey_question__survey",
        "department",
    ).prefetch_related(
        "survey_options",
        Prefetch(
            "series",
            queryset=Series.objects.prefetch_related(
                Prefetch("observations", queryset=public_figures(as_of=as_of))
            ),
        ),
    )


def predecessor(continues: int | None) -> Indicator | None:
    """The indicator of an earlier version that an indicator continues (`continues_id`), with
    its version, series and public figures: three queries, none when it continues none."""
    if continues is None:
        return None
    return (
        Indicator.objects.select_related("measure__version__plan__organisation")
        .prefetch_related(
            Prefetch(
                "series",
                queryset=Series.objects.prefetch_related(
                    Prefetch("observations", queryset=public_figures())
                ),
            )
        )
        .filter(pk=continues)
        .first()
    )


def successors(indicator: int) -> list[Indicator]:
    """The indicators of later versions that continue an indicator (by id): one query."""
    return list(
        Indicator.objects.filter(continues=indicator)
        .select_related("measure__version__plan__organisation")
        .order_by("measure__version__position", "code")
    )


def version_tree(
    version: PlanVersion,
    *,
    outline: bool = False,
    detail_under: str | None = None,
    levels: Collection[str] | None = None,
    only: Collection[int] | None = None,
) -> VersionTree:
    """plans.queries.version_tree, each node read with its details also holding its
    indicators (`indicators`: series and public figures): four queries more, however large
    the plan; none for an `outline`."""
    tree = plan_queries.version_tree(
        version, outline=outline, detail_under=detail_under, levels=levels, only=only
    )
    if outline:
        return tree
    found = indicators().filter(measure__version=version)
    if tree.detailed is not None:
        found = found.filter(measure_id__in=tree.detailed)
    by_pk = {item.node.pk: item for item in tree.by_key.values()}
    for indicator in found:
        by_pk[indicator.measure_id].indicators.append(indicator)
    return tree
