"""Writes to indicators, their series and yearly figures, each leaving history.

A year's figure goes through the reporting workflow (core/workflow.py) as revisions
(`FigureRevision`): `enter_figure` proposes values (a new figure, a change of a draft, or a
correction of a published figure), `submit_figure`, `send_back_figure`, `approve_figure`,
`publish_figure` and `withdraw_figure` move the open revision along, and `publish_figure_now`
walks the steps a DX office editor's one-click publication needs. Each checks the access policy
itself (accounts/policy.py), runs in one transaction, writes a history event under its own verb
(`figure_submitted` …) and returns what happened (`Outcome`): the staff form, the workbook import
and the API print that instead of inspecting rows afterwards.

The generic create/update/delete writers below are for the plan's structure and the plan-file
importer (indicators, series, and figures as a plan folder records them).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from dxplan.accounts.actors import Actor
from dxplan.accounts.policy import check
from dxplan.audit import actions as audit
from dxplan.audit import derived
from dxplan.audit.actions import jsonable, snapshot
from dxplan.audit.models import AuditEvent
from dxplan.core import workflow
from dxplan.core.access import Verb
from dxplan.core.errors import BilingualError
from dxplan.core.workflow import Step

from .models import FIGURE_FIELDS, FigureRevision, Indicator, Observation, Series

create_indicator, update_indicator, delete_indicator = audit.record_actions(Indicator)
create_series, update_series, delete_series = audit.record_actions(Series)
create_observation, update_observation, delete_observation = audit.record_actions(Observation)

DEFAULTS: dict[str, Any] = {
    "lower": None,
    "upper": None,
    "source_ja": "",
    "source_en": "",
    "provisional": False,
    "note": "",
    "analysis_ja": "",
    "analysis_en": "",
}
State = workflow.State


@dataclass(frozen=True)
class Outcome:
    """What an action did to a figure.

    `what` is one of: recorded (a new figure, a draft), changed (a draft's values), waiting (a
    published figure's correction, waiting for publication), withdrawn (a correction or draft
    taken back), unchanged, submitted, sent_back, approved, published.
    """

    observation: Observation
    what: str
    revision: FigureRevision | None = None


class Conflict(BilingualError):
    """A save based on values that changed since the form (or file) was read: both are named."""

    def __init__(self, current: dict[str, Any], yours: dict[str, Any], who: str) -> None:
        now, mine = _shown(current.get("value")), _shown(yours.get("value"))
        super().__init__(
            f"この値は、画面を開いた後に {who} が変更しました（現在の値: {now}、あなたの入力: "
            f"{mine}）。現在の値を確かめてから、もう一度保存してください。",
            f"{who} changed this figure after you opened it (now: {now}; yours: {mine}). "
            f"Check the current figure, then save again.",
        )
        self.current, self.yours, self.who = current, yours, who


class NothingToDo(BilingualError):
    """A step with no revision to take it (nothing entered, or nothing waiting)."""


def _shown(value: Any) -> str:
    return "—" if value is None else str(jsonable(value))


def proposed(observation: Observation | None) -> dict[str, Any]:
    """The figure's values as they stand in the workflow: the open revision's, else the row's."""
    if observation is None:
        return {}
    revision = current_revision(observation)
    source = revision if revision is not None else observation
    return {name: getattr(source, name) for name in FIGURE_FIELDS}


def fingerprint(observation: Observation | None) -> str:
    """What a form or file read, to refuse a save based on values changed since (`seen`)."""
    if observation is None:
        return "new"
    revision = current_revision(observation)
    values = {name: jsonable(v) for name, v in proposed(observation).items()}
    values["_state"] = revision.state if revision is not None else observation.state
    text = json.dumps(values, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def current_revision(observation: Observation) -> FigureRevision | None:
    """The figure's open revision, if it has one; reads only (a GET may call it)."""
    found: FigureRevision | None = observation.revisions.open().first() if observation.pk else None
    return found


def open_revision(observation: Observation) -> FigureRevision | None:
    """The figure's open revision. A figure never published that has none (read from plan
    files, or entered before revisions) gets one from its row, in the row's state."""
    revision = current_revision(observation)
    if revision is None and observation.state not in (State.PUBLISHED, State.WITHDRAWN):
        revision = FigureRevision.objects.create(
            observation=observation,
            state=observation.state,
            author_name="",
            **{name: getattr(observation, name) for name in FIGURE_FIELDS},
        )
    return revision


def _locked(observation: Observation) -> Observation:
    """The figure's row, locked until the transaction ends (PostgreSQL): two saves of one
    figure at once wait for each other, so the second sees the first's values."""
    if connection.features.has_select_for_update:
        fresh = Observation.objects.select_for_update().get(pk=observation.pk)
        for name in ("state", *FIGURE_FIELDS):
            setattr(observation, name, getattr(fresh, name))
    return observation


def _who(actor: Actor | str | None) -> str:
    return str(audit.actor_fields(actor)["actor_name"])


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return {n: jsonable(a.get(n)) for n in FIGURE_FIELDS} == {
        n: jsonable(b.get(n)) for n in FIGURE_FIELDS
    }


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        name: [jsonable(before.get(name)), jsonable(after.get(name))]
        for name in FIGURE_FIELDS
        if jsonable(before.get(name)) != jsonable(after.get(name))
    }


def _event(
    verb: str,
    observation: Observation,
    revision: FigureRevision | None,
    *,
    actor: Actor,
    changes: dict[str, Any],
    **detail: Any,
) -> AuditEvent:
    return audit.event(
        verb,
        observation,
        actor=actor,
        changes=changes,
        state=snapshot(observation),
        detail={"revision": revision.pk if revision else None, **detail},
    )


def _author(actor: Actor) -> dict[str, Any]:
    fields = audit.actor_fields(actor)
    return {"author": fields["actor"], "author_name": fields["actor_name"]}


def enter_figure(
    series: Series,
    fiscal_year: int,
    values: dict[str, Any],
    *,
    actor: Actor,
    seen: str | None = None,
    sample: bool = False,
) -> Outcome:
    """A year's figure as a department gives it (staff form, workbook, API): a new draft, a
    change of the draft under way, or a correction of the published figure that waits for
    publication while the published one stays public. Values not given keep what is proposed.

    `seen` is the `fingerprint` the form or file was made from: a save based on values that
    changed since is refused (`Conflict`), naming both. `sample` counts for a new figure only.
    """
    unknown = set(values) - set(FIGURE_FIELDS)
    if unknown:
        raise TypeError(f"not a figure's field: {', '.join(sorted(unknown))}")
    check(actor, Verb.ENTER, series)
    with transaction.atomic():
        observation = Observation.objects.filter(series=series, fiscal_year=fiscal_year).first()
        if observation is not None:
            observation.series = series
            _locked(observation)
        if seen is not None and seen != fingerprint(observation):
            raise Conflict(proposed(observation), values, _last_writer(observation))
        if observation is None:
            try:
                with transaction.atomic():
                    return _first(
                        series, fiscal_year, {**DEFAULTS, **values}, actor=actor, sample=sample
                    )
            except IntegrityError:
                # someone entered the year's figure at the same moment, and committed first
                observation = Observation.objects.get(series=series, fiscal_year=fiscal_year)
                if seen is not None:
                    raise Conflict(
                        proposed(observation), values, _last_writer(observation)
                    ) from None
                observation.series = series
                _locked(observation)
        current = proposed(observation)
        wanted = {**current, **values}
        revision = open_revision(observation)
        published = observation.state == State.PUBLISHED
        live = {name: getattr(observation, name) for name in FIGURE_FIELDS}
        if published and _same(wanted, live):
            if revision is None:
                return Outcome(observation, "unchanged")
            _close(observation, revision, Step.WITHDRAW, actor=actor)
            return Outcome(observation, "withdrawn", revision)
        if revision is not None and _same(wanted, current):
            return Outcome(observation, "unchanged", revision)
        if revision is None:  # a correction of the published figure, or a new start
            revision = FigureRevision.objects.create(
                observation=observation, **_author(actor), **wanted
            )
            verb = AuditEvent.Verb.FIGURE_ENTERED
        else:
            for name, value in wanted.items():
                setattr(revision, name, value)
            revision.state = workflow.after(revision.state, Step.EDIT)
            revision.save()
            verb = AuditEvent.Verb.FIGURE_EDITED
        if published:
            _event(verb, observation, revision, actor=actor, changes=_changes(live, wanted))
            return Outcome(observation, "waiting", revision)
        audit.update(
            observation,
            {**wanted, "state": revision.state},
            actor=actor,
            verb=verb,
            detail={"revision": revision.pk},
        )
        return Outcome(
            observation,
            "recorded" if verb == AuditEvent.Verb.FIGURE_ENTERED else "changed",
            revision,
        )


def _first(
    series: Series, fiscal_year: int, values: dict[str, Any], *, actor: Actor, sample: bool
) -> Outcome:
    observation, _ = audit.create(
        Observation(
            series=series,
            fiscal_year=fiscal_year,
            state=Observation.State.DRAFT,
            origin=Observation.Origin.ENTRY,
            sample=sample,
            **values,
        ),
        actor=actor,
        verb=AuditEvent.Verb.FIGURE_ENTERED,
    )
    revision = FigureRevision.objects.create(observation=observation, **_author(actor), **values)
    return Outcome(observation, "recorded", revision)


def _last_writer(observation: Observation | None) -> str:
    if observation is None:
        return "?"
    revision = current_revision(observation)
    if revision is not None and revision.author_name:
        return revision.author_name
    last = (
        AuditEvent.objects.filter(object_type="observation", object_pk=str(observation.pk))
        .order_by("-time", "-id")
        .values_list("actor_name", flat=True)
        .first()
    )
    return last or "?"


_STEP_VERB = {
    Step.SUBMIT: (Verb.SUBMIT, AuditEvent.Verb.FIGURE_SUBMITTED, "submitted"),
    Step.SEND_BACK: (Verb.REVIEW, AuditEvent.Verb.FIGURE_SENT_BACK, "sent_back"),
    Step.APPROVE: (Verb.REVIEW, AuditEvent.Verb.FIGURE_APPROVED, "approved"),
    Step.PUBLISH: (Verb.PUBLISH, AuditEvent.Verb.FIGURE_PUBLISHED, "published"),
    Step.WITHDRAW: (Verb.WITHDRAW, AuditEvent.Verb.FIGURE_WITHDRAWN, "withdrawn"),
}


def _take(observation: Observation, step: Step, *, actor: Actor, reason: str = "") -> Outcome:
    policy_verb = _STEP_VERB[step][0]
    check(actor, policy_verb, observation)
    with transaction.atomic():
        _locked(observation)
        revision = open_revision(observation)
        if revision is None:
            raise NothingToDo(
                "この実績には、進める修正がありません（公表中の値のままです）。",
                "This figure has nothing under way: it is public as it is.",
            )
        _close(observation, revision, step, actor=actor, reason=reason)
        return Outcome(observation, _STEP_VERB[step][2], revision)


def _close(
    observation: Observation,
    revision: FigureRevision,
    step: Step,
    *,
    actor: Actor,
    reason: str = "",
) -> None:
    """Take `step` on the open revision (state machine), stamp who and when, mirror the state of
    a figure never published, and write the step's event."""
    before = revision.state
    revision.state = workflow.after(before, step)
    now, who = timezone.now(), _who(actor)
    if step is Step.SUBMIT:
        revision.submitted_by, revision.submitted_at = who, now
    elif step in (Step.APPROVE, Step.SEND_BACK):
        revision.reviewed_by, revision.reviewed_at = who, now
        revision.reason = reason if step is Step.SEND_BACK else revision.reason
    elif step is Step.PUBLISH:
        revision.published_by, revision.published_at = who, now
    revision.save()
    verb = _STEP_VERB[step][1]
    if step is Step.PUBLISH:
        observation.revisions.filter(state=State.PUBLISHED).exclude(pk=revision.pk).update(
            state=State.SUPERSEDED
        )
        values = {**revision.values(), "state": Observation.State.PUBLISHED}
        detail: dict[str, Any] = {"revision": revision.pk}
        if audit.update(observation, values, actor=actor, verb=verb, detail=detail) is None:
            _event(verb, observation, revision, actor=actor, changes={})
    elif observation.state != State.PUBLISHED:
        detail = {"revision": revision.pk}
        if reason:
            detail["reason"] = reason
        audit.update(observation, {"state": revision.state}, actor=actor, verb=verb, detail=detail)
    else:
        _event(
            verb,
            observation,
            revision,
            actor=actor,
            changes={"revision": [before, revision.state]},
            **({"reason": reason} if reason else {}),
        )


def submit_figure(observation: Observation, *, actor: Actor) -> Outcome:
    """Hand the figure's draft (or sent-back revision) to the reviewers."""
    return _take(observation, Step.SUBMIT, actor=actor)


def send_back_figure(observation: Observation, reason: str, *, actor: Actor) -> Outcome:
    """Return a submitted or approved revision to its department, saying what to change."""
    if not reason.strip():
        raise BilingualError(
            "差し戻す理由を書いてください（提出した課に表示されます）。",
            "Say why it is sent back: the department that submitted it reads it.",
        )
    return _take(observation, Step.SEND_BACK, actor=actor, reason=reason.strip())


def approve_figure(observation: Observation, *, actor: Actor) -> Outcome:
    return _take(observation, Step.APPROVE, actor=actor)


def publish_figure(observation: Observation, *, actor: Actor) -> Outcome:
    """Make an approved revision the public figure (the one live until then is superseded)."""
    return _take(observation, Step.PUBLISH, actor=actor)


def withdraw_figure(observation: Observation, *, actor: Actor) -> Outcome:
    """Take back the revision under way; a published figure stays as it is."""
    return _take(observation, Step.WITHDRAW, actor=actor)


def publish_figure_now(observation: Observation, *, actor: Actor) -> Outcome:
    """Submit, approve and publish the open revision in one go, each step checked by the
    policy and in the history under its own verb (a DX office editor's "save and publish")."""
    with transaction.atomic():
        _locked(observation)
        revision = open_revision(observation)
        if revision is None:
            return Outcome(observation, "unchanged")
        steps = workflow.steps_to_publish(revision.state)
        outcome = Outcome(observation, "unchanged", revision)
        for step in steps:
            outcome = _take(observation, step, actor=actor)
        return outcome


#: The steps from a fresh draft to each state a correction under way may be in.
_PATH = {
    State.DRAFT: (),
    State.SUBMITTED: (Step.SUBMIT,),
    State.APPROVED: (Step.SUBMIT, Step.APPROVE),
    State.SENT_BACK: (Step.SUBMIT, Step.SEND_BACK),
}


def bring_in(observation: Observation, values: dict[str, Any], *, actor: Actor) -> Outcome | None:
    """A published figure's correction under way as a plan folder carries it (`pending:`, as
    `dxplan dump` writes it): entered and taken to its state, each step in the history. Where
    the figure has a correction under way already, that one stays (it was entered in dxplan,
    and files never replace what was entered there): None, as when nothing differs."""
    values = dict(values)
    state, reason = State(values.pop("state")), str(values.pop("reason", "") or "")
    live = {name: getattr(observation, name) for name in FIGURE_FIELDS}
    with transaction.atomic():
        _locked(observation)
        if current_revision(observation) is not None or _same(values, live):
            return None
        outcome = enter_figure(observation.series, observation.fiscal_year, values, actor=actor)
        for step in _PATH[state]:
            outcome = _take(observation, step, actor=actor, reason=reason)
        return outcome


def record_actual(
    series: Series, fiscal_year: int, value: Decimal, *, actor: Actor, **fields: Any
) -> Observation:
    """A new figure, a draft until it is published (`enter_figure`, for callers that give a
    value and fields as keywords)."""
    sample = bool(fields.pop("sample", False))
    return enter_figure(
        series, fiscal_year, {"value": value, **fields}, actor=actor, sample=sample
    ).observation


def publish_actual(observation: Observation, *, actor: Actor) -> Outcome:
    """Publish what is under way for the figure (`publish_figure_now`)."""
    return publish_figure_now(observation, actor=actor)


def remove_samples(plan: Any, *, actor: Actor) -> int:
    """Delete every sample (fictitious) figure of the plan, each with its history event (so
    a demonstration database can take real figures); how many."""
    check(actor, Verb.MANAGE, plan)
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
    """The value of a published figure's correction waiting for publication, if any."""
    if observation.state != State.PUBLISHED:
        return None
    revision = current_revision(observation)
    return revision.value if revision is not None else None
