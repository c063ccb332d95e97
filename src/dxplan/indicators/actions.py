"""Writes to indicators, their series and yearly figures, each leaving history."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from dxplan.audit import actions as audit

from .models import Indicator, Observation, Series

create_indicator, update_indicator, delete_indicator = audit.record_actions(Indicator)
create_series, update_series, delete_series = audit.record_actions(Series)
create_observation, update_observation, delete_observation = audit.record_actions(Observation)


def record_actual(
    series: Series,
    fiscal_year: int,
    value: Decimal,
    *,
    actor: audit.Actor,
    source_ja: str = "",
    source_en: str = "",
    provisional: bool = False,
    note: str = "",
) -> Observation:
    """A department's yearly figure, entered in dxplan: a draft until it is published."""
    with transaction.atomic():
        observation, _ = create_observation(
            Observation(
                series=series,
                fiscal_year=fiscal_year,
                value=value,
                source_ja=source_ja,
                source_en=source_en,
                provisional=provisional,
                note=note,
                state=Observation.State.DRAFT,
                origin=Observation.Origin.ENTRY,
            ),
            actor=actor,
        )
    return observation


def correct_actual(
    observation: Observation, value: Decimal, *, actor: audit.Actor, note: str | None = None
) -> None:
    """A corrected figure; the history keeps the one it replaces."""
    values: dict[str, object] = {"value": value}
    if note is not None:
        values["note"] = note
    update_observation(observation, values, actor=actor)


def publish_actual(observation: Observation, *, actor: audit.Actor) -> None:
    update_observation(observation, {"state": Observation.State.PUBLISHED}, actor=actor)
