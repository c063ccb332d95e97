import pytest

from dxplan.core.access import GRANTS, Principal, Role, Target, Verb, allowed, reach

CITY, OTHER_CITY = 1, 2
DIGITAL, WELFARE = 10, 20
FIGURE = Target(CITY, department=DIGITAL, owned=True)  # a Digital Division's figure
OTHER_FIGURE = Target(CITY, department=WELFARE, owned=True)
UNOWNED_FIGURE = Target(CITY, department=None, owned=True)  # no 所管課 anywhere above it
PLAN = Target(CITY)  # the plan's structure
ELSEWHERE = Target(OTHER_CITY, department=DIGITAL, owned=True)


def person(role: Role) -> Principal:
    departments = frozenset({DIGITAL}) if role is Role.DEPARTMENT_EDITOR else frozenset()
    return Principal(role=role, organisations=frozenset({CITY}), departments=departments)


def test_an_administrator_or_the_operators_command_may_do_everything():
    for verb in Verb:
        for target in (FIGURE, OTHER_FIGURE, PLAN, ELSEWHERE):
            assert allowed(Principal(unrestricted=True), verb, target)


def test_a_department_editor_enters_submits_and_withdraws_their_departments_figures_only():
    editor = person(Role.DEPARTMENT_EDITOR)
    for verb in (Verb.VIEW, Verb.ENTER, Verb.SUBMIT, Verb.WITHDRAW):
        assert allowed(editor, verb, FIGURE)
        assert not allowed(editor, verb, OTHER_FIGURE)
        assert not allowed(editor, verb, UNOWNED_FIGURE)
        assert allowed(editor, verb, PLAN) is (verb is Verb.VIEW)  # the city's plan, to read
        assert not allowed(editor, verb, Target(OTHER_CITY))
    for verb in (Verb.REVIEW, Verb.PUBLISH, Verb.EDIT_PLAN, Verb.MANAGE):
        assert not allowed(editor, verb, FIGURE)


def test_a_reviewer_approves_and_publishes_within_their_city_but_enters_nothing():
    reviewer = person(Role.REVIEWER)
    for verb in (Verb.VIEW, Verb.REVIEW, Verb.PUBLISH):
        assert allowed(reviewer, verb, FIGURE) and allowed(reviewer, verb, OTHER_FIGURE)
        assert not allowed(reviewer, verb, ELSEWHERE)
    for verb in (Verb.ENTER, Verb.SUBMIT, Verb.EDIT_PLAN):
        assert not allowed(reviewer, verb, FIGURE)


def test_the_dx_office_does_everything_within_its_city_only():
    office = person(Role.OFFICE_EDITOR)
    for verb in Verb:
        assert allowed(office, verb, FIGURE) and allowed(office, verb, PLAN)
        assert allowed(office, verb, UNOWNED_FIGURE)
        assert not allowed(office, verb, ELSEWHERE)


def test_a_committee_member_reads_and_changes_nothing():
    member = person(Role.COMMITTEE)
    assert allowed(member, Verb.VIEW, FIGURE)
    assert [v for v in Verb if allowed(member, v, FIGURE)] == [Verb.VIEW]


@pytest.mark.parametrize("principal", [Principal(), person(Role.NONE)])
def test_without_a_role_nothing_is_allowed(principal):
    assert not any(allowed(principal, v, t) for v in Verb for t in (FIGURE, PLAN))
    assert reach(principal, Verb.VIEW) == "none"


def test_reach_tells_how_far_a_list_is_narrowed():
    assert reach(Principal(unrestricted=True), Verb.VIEW) == "all"
    assert reach(person(Role.REVIEWER), Verb.VIEW) == "organisations"
    assert reach(person(Role.DEPARTMENT_EDITOR), Verb.VIEW) == "departments"
    assert reach(person(Role.DEPARTMENT_EDITOR), Verb.PUBLISH) == "none"


def test_every_role_has_its_grants_written_down():
    assert set(GRANTS) == set(Role)
