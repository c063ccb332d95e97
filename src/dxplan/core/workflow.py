"""The reporting workflow of a figure or an evaluation text, as a pure state machine.

A department writes a *revision* (a proposed figure, or an evaluation's texts) and moves it
along: draft → submitted → approved → published. A reviewer may send a submitted or approved
revision back with a reason the author sees; the author edits it (it is a draft again) and
submits anew. The author may withdraw a revision that is not yet published: it is kept, closed.
Publishing a revision makes it the live one; the revision that was live until then is
superseded. The published revision stays public until its successor is published (wagtail's
`live_revision`), so a correction under review never hides the figure the public reads.

Nothing here knows Django: the actions (indicators/actions.py) ask `after` for the state a step
leads to, and `steps_to_publish` for the steps a one-click publication walks through, each of
which they audit under its own named verb.
"""

from __future__ import annotations

from enum import StrEnum

from .errors import BilingualError


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    SENT_BACK = "sent_back"
    APPROVED = "approved"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"


class Step(StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    SEND_BACK = "send_back"
    APPROVE = "approve"
    PUBLISH = "publish"
    WITHDRAW = "withdraw"


#: Revisions in these states are under way: at most one per figure (or evaluation).
OPEN = frozenset({State.DRAFT, State.SUBMITTED, State.SENT_BACK, State.APPROVED})
#: Revisions a reviewer has to act on.
AWAITING_REVIEW = frozenset({State.SUBMITTED, State.APPROVED})

_NEXT: dict[tuple[State, Step], State] = {
    # Editing a revision under review takes it back to the author's draft: a reviewer never
    # approves what someone changed after submitting it.
    **{(state, Step.EDIT): State.DRAFT for state in OPEN},
    (State.DRAFT, Step.SUBMIT): State.SUBMITTED,
    (State.SENT_BACK, Step.SUBMIT): State.SUBMITTED,
    (State.SUBMITTED, Step.SEND_BACK): State.SENT_BACK,
    (State.APPROVED, Step.SEND_BACK): State.SENT_BACK,
    (State.SUBMITTED, Step.APPROVE): State.APPROVED,
    (State.APPROVED, Step.PUBLISH): State.PUBLISHED,
    **{(state, Step.WITHDRAW): State.WITHDRAWN for state in OPEN},
}

_STATE_JA = {
    State.DRAFT: "下書き",
    State.SUBMITTED: "提出済み",
    State.SENT_BACK: "差し戻し",
    State.APPROVED: "承認済み",
    State.PUBLISHED: "公表",
    State.SUPERSEDED: "置き換え済み",
    State.WITHDRAWN: "取り下げ",
}
_STATE_EN = {
    State.DRAFT: "a draft",
    State.SUBMITTED: "submitted",
    State.SENT_BACK: "sent back",
    State.APPROVED: "approved",
    State.PUBLISHED: "published",
    State.SUPERSEDED: "superseded",
    State.WITHDRAWN: "withdrawn",
}
_STEP_JA = {
    Step.EDIT: "修正",
    Step.SUBMIT: "提出",
    Step.SEND_BACK: "差し戻し",
    Step.APPROVE: "承認",
    Step.PUBLISH: "公表",
    Step.WITHDRAW: "取り下げ",
}
_STEP_EN = {
    Step.EDIT: "edited",
    Step.SUBMIT: "submitted",
    Step.SEND_BACK: "sent back",
    Step.APPROVE: "approved",
    Step.PUBLISH: "published",
    Step.WITHDRAW: "withdrawn",
}


class StepRefused(BilingualError):
    """A step the revision's state does not allow; the message names both."""


def after(state: State | str, step: Step | str) -> State:
    """The state `step` leads to from `state`; StepRefused where the step is not allowed."""
    state, step = State(state), Step(step)
    try:
        return _NEXT[(state, step)]
    except KeyError:
        raise StepRefused(
            f"{_STATE_JA[state]}の状態では{_STEP_JA[step]}できません。",
            f"A revision that is {_STATE_EN[state]} cannot be {_STEP_EN[step]}.",
        ) from None


def allowed(state: State | str, step: Step | str) -> bool:
    return (State(state), Step(step)) in _NEXT


def steps_to_publish(state: State | str) -> list[Step]:
    """The steps that take an open revision to publication, in order ([] if none can)."""
    steps: list[Step] = []
    current = State(state)
    for step in (Step.SUBMIT, Step.APPROVE, Step.PUBLISH):
        if allowed(current, step):
            steps.append(step)
            current = after(current, step)
    return steps if current is State.PUBLISHED else []


def is_open(state: State | str) -> bool:
    return State(state) in OPEN
