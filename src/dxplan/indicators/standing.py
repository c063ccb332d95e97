"""Each indicator's standing (its overall status after each fiscal year with figures), kept in
step with what it is worked out from, so that roll-ups read it instead of assessing.

A standing depends on the indicator's published observations, its series' baselines and
targets, its direction, kind, method and rule, and its plan's rule. Every write to those goes
through the audit actions, which call the keepers registered here inside the write's
transaction (audit/derived.py); an import runs them once at its end. The computation is
core.standing over the method of core.progress, as on every page; `dxplan progress refresh`
(and every `migrate`) rebuilds all of it, for an upgrade that changes the method.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import islice

from django.db import models, transaction
from django.db.models import CharField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from dxplan.audit import derived
from dxplan.core import progress
from dxplan.core import standing as core
from dxplan.plans.models import Plan

from .models import Indicator, Observation, Series, Standing
from .progress import method_series

CHUNK = 500  # ids per query: within every database's limit of query parameters


def refresh(indicator_ids: Iterable[int]) -> int:
    """Work out the standings of these indicators again (those that no longer exist are
    skipped); the number of standings written."""
    written = 0
    with transaction.atomic():
        for ids in _chunks(sorted(set(indicator_ids))):
            # Two writes to one indicator's figures at once (PostgreSQL): the second waits here
            # for the first to commit, then reads its figures; without the lock both would
            # insert the same standings. In id order, so that two imports cannot deadlock.
            list(
                Indicator.objects.filter(pk__in=ids)
                .order_by("pk")
                .select_for_update()
                .values_list("pk", flat=True)
            )
            Standing.objects.filter(indicator_id__in=ids).delete()
            rows = [
                Standing(
                    indicator_id=pk, fiscal_year=s.fiscal_year, status=s.status, sample=s.sample
                )
                for pk, found in _worked_out(ids)
                for s in found
            ]
            Standing.objects.bulk_create(rows, batch_size=CHUNK)
            written += len(rows)
    return written


def refresh_all(plans: Iterable[Plan] | None = None) -> int:
    """Rebuild the standings of every indicator (of these plans); the number written."""
    found = Indicator.objects.all()
    if plans is not None:
        found = found.filter(measure__version__plan__in=list(plans))
    return refresh(found.values_list("pk", flat=True))


def in_status(indicators: QuerySet[Indicator], status: str) -> QuerySet[Indicator]:
    """Those of the indicators whose latest standing (their latest figures) has this status,
    `no_data` for those without one: filtered in the database."""
    latest = (
        Standing.objects.filter(indicator=OuterRef("pk")).order_by("-fiscal_year").values("status")
    )
    current = Coalesce(
        Subquery(latest[:1]), Value(str(progress.Status.NO_DATA)), output_field=CharField()
    )
    return indicators.alias(current_status=current).filter(current_status=status)


def _worked_out(ids: Sequence[int]) -> Iterator[tuple[int, list[core.Standing]]]:
    """Each indicator's standings from its stored values: three queries, no model instances."""
    indicators = Indicator.objects.filter(pk__in=ids).values_list(
        "pk", "direction", "kind", "method", "overall_rule", "measure__version__plan__overall_rule"
    )
    series: dict[int, list[tuple[int, tuple[Decimal, int], tuple[Decimal, int]]]] = {}
    for pk, indicator, b, b_year, t, t_year in (
        Series.objects.filter(indicator_id__in=ids)
        .order_by("indicator_id", "position", "pk")
        .values_list(
            "pk", "indicator_id", "baseline_value", "baseline_year", "target_value", "target_year"
        )
    ):
        series.setdefault(indicator, []).append((pk, (b, b_year), (t, t_year)))
    actuals: dict[int, list[progress.Actual]] = {}
    samples: dict[int, set[int]] = {}
    for series_pk, year, value, lower, upper, sample in (
        Observation.objects.public()
        .filter(series__indicator_id__in=ids)
        .order_by("series_id", "fiscal_year")
        .values_list("series_id", "fiscal_year", "value", "lower", "upper", "sample")
    ):
        actuals.setdefault(series_pk, []).append(progress.Actual(year, value, lower, upper))
        if sample:
            samples.setdefault(series_pk, set()).add(year)
    for pk, direction, kind, method, rule, plan_rule in indicators:
        parts = [
            core.Part(
                method_series(baseline, target, direction=direction, kind=kind, method=method),
                actuals.get(series_pk, []),
                frozenset(samples.get(series_pk, ())),
            )
            for series_pk, baseline, target in series.get(pk, [])
        ]
        yield pk, core.standings(parts, progress.overall_rule(rule, plan_rule))


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    it = iter(ids)
    while chunk := list(islice(it, CHUNK)):
        yield chunk


# What each write touches: the indicators whose standings it moves ----------------------------


def _of_indicators(objs: Sequence[models.Model]) -> list[int]:
    return [o.pk for o in objs if o.pk is not None]


def _of_series(objs: Sequence[models.Model]) -> list[int]:
    return [o.indicator_id for o in objs]  # type: ignore[attr-defined]


def _of_observations(objs: Sequence[models.Model]) -> list[int]:
    series = sorted({o.series_id for o in objs})  # type: ignore[attr-defined]
    return [
        pk
        for ids in _chunks(series)
        for pk in Series.objects.filter(pk__in=ids).values_list("indicator_id", flat=True)
    ]


def _of_plans(objs: Sequence[models.Model]) -> list[int]:
    """A plan's rule for several series is part of its indicators' standings."""
    plans = [o.pk for o in objs if o.pk is not None]
    return list(
        Indicator.objects.filter(measure__version__plan__in=plans).values_list("pk", flat=True)
    )


def register() -> None:
    """Keep standings in step with every write that changes what they are worked out from
    (called once the apps are ready)."""
    derived.keep(
        Indicator,
        _of_indicators,
        refresh,
        ["measure_id", "direction", "kind", "method", "overall_rule"],  # measure: its plan's rule
    )
    derived.keep(
        Series,
        _of_series,
        refresh,
        ["indicator_id", "baseline_value", "baseline_year", "target_value", "target_year"],
    )
    derived.keep(
        Observation,
        _of_observations,
        refresh,
        ["series_id", "fiscal_year", "value", "lower", "upper", "state", "sample"],
    )
    derived.keep(Plan, _of_plans, refresh, ["overall_rule"])
