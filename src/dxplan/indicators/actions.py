"""Writes to indicators, their series and yearly figures, each leaving history."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from dxplan.audit import actions as audit
from dxplan.audit import derived
from dxplan.audit.actions import jsonable

from .models import Indicator, Observation, Series

create_indicator, update_indicator, delete_indicator = audit.record_actions(Indicator)
create_series, update_series, delete_series = audit.record_actions(Series)
create_observation, update_observation, delete_observation = audit.record_actions(Observation)


CORRECTED = (
    "value",
    "lower",
    "upper",
    "source_ja",
    "source_en",
    "note",
    "analysis_ja",
    "analysis_en",
    "provisional",
)


def record_actual(
    series: Series,
    fiscal_year: int,
    value: Decimal,
    *,
    actor: audit.Actor,
    lower: Decimal | None = None,
    upper: Decimal | None = None,
    source_ja: str = "",
    source_en: str = "",
    provisional: bool = False,
    note: str = "",
    analysis_ja: str = "",
    analysis_en: str = "",
    sample: bool = False,
) -> Observation:
    """A department's yearly figure, entered in dxplan: a draft until it is published."""
    with transaction.atomic():
        observation, _ = create_observation(
            Observation(
                series=series,
                fiscal_year=fiscal_year,
                value=value,
                lower=lower,
                upper=upper,
                source_ja=source_ja,
                source_en=source_en,
                provisional=provisional,
                note=note,
                analysis_ja=analysis_ja,
                analysis_en=analysis_en,
                sample=sample,
                state=Observation.State.DRAFT,
                origin=Observation.Origin.ENTRY,
            ),
            actor=actor,
        )
    return observation


def correct_actual(
    observation: Observation, value: Decimal, *, actor: audit.Actor, **changes: Any
) -> None:
    """A corrected figure (and any of CORRECTED). A draft changes at once. A published figure
    stays public as it is: the correction waits in `correction` until `publish_actual`; the
    history keeps both."""
    unknown = set(changes) - set(CORRECTED)
    if unknown:
        raise TypeError(f"cannot correct {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {"value": value, **changes}
    if observation.state != Observation.State.PUBLISHED:
        update_observation(observation, values, actor=actor)
        return
    pending = {name: jsonable(v) for name, v in values.items()}
    published = {name: jsonable(getattr(observation, name)) for name in pending}
    # back to what is published: nothing waits any more
    correction = None if pending == published else pending
    update_observation(observation, {"correction": correction}, actor=actor)


def enter_actual(
    series: Series,
    fiscal_year: int,
    value: Decimal,
    *,
    actor: audit.Actor,
    observation: Observation | None = None,
    **fields: Any,
) -> Observation:
    """A year's figure as a department gives it, on the staff screen or in a file: a new draft
    when the year has none (`record_actual`), else a correction of `observation`, which waits
    if the figure is published (`correct_actual`). `sample` counts only for a new figure."""
    with transaction.atomic():
        if observation is None:
            return record_actual(series, fiscal_year, value, actor=actor, **fields)
        corrected = {name: v for name, v in fields.items() if name in CORRECTED}
        correct_actual(observation, value, actor=actor, **corrected)
        return observation


def publish_actual(observation: Observation, *, actor: audit.Actor) -> None:
    """Make a draft public, or a published figure's waiting correction: one audited change."""
    values: dict[str, Any] = {"state": Observation.State.PUBLISHED}
    if observation.correction:
        field_of = {f.attname: f for f in Observation._meta.concrete_fields}
        for name, value in observation.correction.items():
            values[name] = field_of[name].to_python(value)
        values["correction"] = None
    update_observation(observation, values, actor=actor)


def remove_samples(plan: Any, *, actor: audit.Actor) -> int:
    """Delete every sample (fictitious) figure of the plan, each with its history event (so
    a demonstration database can take real figures); how many."""
    with transaction.atomic(), derived.together():
        found = list(
            Observation.objects.filter(
                series__indicator__measure__version__plan=plan, sample=True
            ).select_related("series__indicator__measure__version__plan__organisation")
        )
        for observation in found:
            delete_observation(observation, actor=actor)
    return len(found)


def pending_value(observation: Observation) -> Decimal | None:
    """The corrected value waiting for publication, if any."""
    if not observation.correction or "value" not in observation.correction:
        return None
    return Decimal(observation.correction["value"])
