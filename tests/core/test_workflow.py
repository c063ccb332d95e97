import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxplan.core.workflow import (
    OPEN,
    State,
    Step,
    StepRefused,
    after,
    allowed,
    is_open,
    steps_to_publish,
)


def test_a_draft_goes_through_submission_and_approval_to_publication():
    state = State.DRAFT
    for step, expected in [
        (Step.SUBMIT, State.SUBMITTED),
        (Step.APPROVE, State.APPROVED),
        (Step.PUBLISH, State.PUBLISHED),
    ]:
        state = after(state, step)
        assert state is expected


def test_a_reviewer_sends_back_a_submitted_or_approved_revision():
    assert after(State.SUBMITTED, Step.SEND_BACK) is State.SENT_BACK
    assert after(State.APPROVED, Step.SEND_BACK) is State.SENT_BACK


def test_a_sent_back_revision_is_submitted_again_or_edited_into_a_draft():
    assert after(State.SENT_BACK, Step.SUBMIT) is State.SUBMITTED
    assert after(State.SENT_BACK, Step.EDIT) is State.DRAFT


def test_editing_a_revision_under_review_takes_it_back_to_a_draft():
    assert after(State.SUBMITTED, Step.EDIT) is State.DRAFT
    assert after(State.APPROVED, Step.EDIT) is State.DRAFT


def test_a_draft_cannot_be_approved_or_published_without_submission():
    for step in (Step.APPROVE, Step.PUBLISH, Step.SEND_BACK):
        with pytest.raises(StepRefused) as refused:
            after(State.DRAFT, step)
        assert "下書き" in refused.value.ja
        assert "draft" in refused.value.en


def test_a_submitted_revision_cannot_be_published_before_it_is_approved():
    with pytest.raises(StepRefused, match="submitted cannot be published"):
        after(State.SUBMITTED, Step.PUBLISH)


@pytest.mark.parametrize("closed", [State.PUBLISHED, State.SUPERSEDED, State.WITHDRAWN])
def test_a_closed_revision_takes_no_step(closed):
    for step in Step:
        assert not allowed(closed, step)
        with pytest.raises(StepRefused):
            after(closed, step)
    assert not is_open(closed)
    assert steps_to_publish(closed) == []


def test_every_open_revision_can_be_withdrawn_and_reaches_publication_in_order():
    assert steps_to_publish(State.DRAFT) == [Step.SUBMIT, Step.APPROVE, Step.PUBLISH]
    assert steps_to_publish(State.SENT_BACK) == [Step.SUBMIT, Step.APPROVE, Step.PUBLISH]
    assert steps_to_publish(State.SUBMITTED) == [Step.APPROVE, Step.PUBLISH]
    assert steps_to_publish(State.APPROVED) == [Step.PUBLISH]
    for state in OPEN:
        assert after(state, Step.WITHDRAW) is State.WITHDRAWN


@given(st.lists(st.sampled_from(list(Step)), max_size=12))
def test_any_sequence_of_allowed_steps_keeps_a_revision_in_a_known_state(steps):
    state = State.DRAFT
    for step in steps:
        if allowed(state, step):
            state = after(state, step)
            assert state in State
        if not is_open(state):
            assert all(not allowed(state, s) for s in Step)
    # published only ever after an approval
    assert state is not State.PUBLISHED or Step.APPROVE in steps


def test_states_and_steps_are_read_from_their_stored_text():
    assert after("submitted", "approve") is State.APPROVED
