"""Every role against every write path: the staff form, the workflow's steps, the upload, the
command-line import and the admin. Each path asks the one access policy (accounts/policy.py),
and the actions ask it again; a refusal changes nothing."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from dxplan.audit.models import AuditEvent
from dxplan.indicators.actions import enter_figure, publish_actual, submit_figure
from dxplan.indicators.models import Observation

pytestmark = pytest.mark.django_db

ENTRY = "/staff/town/dx/2025-2027/1-1/2025/"  # the Digital Division's indicator
WELFARE_ENTRY = "/staff/town/dx/2025-2027/1-2/2025/"  # the Welfare Division's, through its 施策
ROLES = [
    "dx_office",  # administrator
    "office_editor",
    "department_editor",  # the Digital Division's
    "welfare_editor",  # another department's
    "reviewer",
    "committee_member",
    "clerk",  # staff, no role
]
ENTERS_DIGITAL = {"dx_office", "office_editor", "department_editor"}
REVIEWS = {"dx_office", "office_editor", "reviewer"}
CSV_HEADER = "計画,年度,系列ID,単位,実績値,下限,上限,速報値,出典,要因分析,備考\n"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def figure(town, series=None):
    return Observation.objects.filter(series=series or town.series, fiscal_year=2025).first()


def form(value: str, action: str = "draft") -> dict:
    return {"total-value": value, "total-provisional": "final", "action": action}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_owning_department_and_the_dx_office_enter_a_figure_on_the_staff_form(town, role):
    events = AuditEvent.objects.count()
    response = signed_in(getattr(town, role)).post(ENTRY, form("30.0"))
    if role in ENTERS_DIGITAL:
        assert response.status_code == 302 and figure(town).value == Decimal("30.0")
    else:
        assert response.status_code == 403 and figure(town) is None
        assert AuditEvent.objects.count() == events


def test_a_department_editor_is_refused_another_departments_figure_with_a_page_saying_why(town):
    editor = signed_in(town.department_editor)
    response = editor.post(WELFARE_ENTRY, form("150"))
    page = response.content.decode()
    assert response.status_code == 403 and "権限がありません" in page and "1-2" in page
    assert figure(town, town.welfare_series) is None
    assert editor.get(WELFARE_ENTRY).status_code == 403  # nor read it
    welfare = signed_in(town.welfare_editor)
    assert welfare.post(WELFARE_ENTRY, form("150")).status_code == 302  # its own, by its 施策
    assert figure(town, town.welfare_series).value == Decimal("150")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_owning_department_and_the_dx_office_submit(town, role):
    enter_figure(town.series, 2025, {"value": Decimal("30")}, actor=town.department_editor)
    response = signed_in(getattr(town, role)).post(ENTRY + "total/submit/")
    expected = "submitted" if role in ENTERS_DIGITAL else "draft"
    assert figure(town).state == expected
    assert response.status_code == (302 if role in ENTERS_DIGITAL else 403)


@pytest.mark.parametrize("role", ROLES)
def test_only_reviewers_and_the_dx_office_approve_or_send_back(town, role):
    enter_figure(town.series, 2025, {"value": Decimal("30")}, actor=town.department_editor)
    submit_figure(figure(town), actor=town.department_editor)
    client = signed_in(getattr(town, role))
    client.post(ENTRY + "total/approve/")
    assert figure(town).state == ("approved" if role in REVIEWS else "submitted")
    if role in REVIEWS:
        client.post(ENTRY + "total/send_back/", {"reason": "桁を確認してください"})
        assert figure(town).state == "sent_back"


@pytest.mark.parametrize("role", ROLES)
def test_only_reviewers_and_the_dx_office_publish_and_the_public_sees_nothing_before(
    client, town, role
):
    enter_figure(town.series, 2025, {"value": Decimal("33.3")}, actor=town.department_editor)
    submit_figure(figure(town), actor=town.department_editor)
    api = "/api/v1/plans/town/dx/versions/2025-2027/indicators/1-1"
    assert client.get(api).json()["series"][0]["observations"] == []
    signed_in(town.reviewer).post(ENTRY + "total/approve/")
    signed_in(getattr(town, role)).post(ENTRY + "total/publish/")
    published = role in REVIEWS
    assert figure(town).state == ("published" if published else "approved")
    observations = client.get(api).json()["series"][0]["observations"]
    assert [o["value"] for o in observations] == ([33.3] if published else [])


def upload(client, text: str):
    data = (CSV_HEADER + text).encode("cp932")
    return client.post(
        "/staff/actuals/upload/", {"file": SimpleUploadedFile("実績.csv", data)}, follow=True
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_upload_refuses_a_row_of_another_departments_indicator_naming_it(town, role):
    page = upload(
        signed_in(getattr(town, role)), "town/dx,R7,2025-2027/1-1/total,%,30.0,,,いいえ,,,\n"
    ).content.decode()
    if role in ENTERS_DIGITAL:
        assert "新規 1" in page and "権限がありません" not in page
    else:
        assert "デジタル課 の成果指標です。あなたには入力の権限がありません" in page
    assert figure(town) is None  # a preview stores nothing


@pytest.mark.parametrize("role", ROLES)
def test_the_command_line_import_applies_the_policy_to_its_actor(town, role, tmp_path):
    csv = tmp_path / "actuals.csv"
    csv.write_text(
        CSV_HEADER + "town/dx,R7,2025-2027/1-1/total,%,30.0,,,いいえ,,,\n", encoding="cp932"
    )
    user = getattr(town, role)
    if role in ENTERS_DIGITAL:
        call_command("actuals", "import", str(csv), "--actor", user.username)
        assert figure(town).value == Decimal("30.0")
        last = AuditEvent.objects.filter(object_type="observation").order_by("-id").first()
        assert last.actor_name == f"{user.username} (dxplan actuals import)"
    else:
        with pytest.raises(CommandError, match="nothing was stored"):
            call_command("actuals", "import", str(csv), "--actor", user.username)
        assert figure(town) is None


def test_publishing_on_import_needs_the_right_to_publish(town, tmp_path, capsys):
    csv = tmp_path / "actuals.csv"
    csv.write_text(
        CSV_HEADER + "town/dx,R7,2025-2027/1-1/total,%,30.0,,,いいえ,,,\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="nothing was stored"):
        call_command("actuals", "import", str(csv), "--publish", "--actor", "department-editor")
    assert "You may not publish the figures of '2025-2027/1-1/total'" in capsys.readouterr().err
    assert figure(town) is None
    call_command("actuals", "import", str(csv), "--publish", "--actor", "office-editor")
    assert figure(town).state == "published"


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_is_no_second_way_to_enter_or_publish_a_figure(town, role):
    enter_figure(town.series, 2025, {"value": Decimal("30")}, actor=town.department_editor)
    observation = figure(town)
    client = signed_in(getattr(town, role))
    change = f"/admin/indicators/observation/{observation.pk}/change/"
    response = client.post(change, {"value": "99", "state": "published"})
    assert response.status_code in (403, 302)
    add = client.post("/admin/indicators/observation/add/", {"value": "1"})
    assert add.status_code in (403, 302)
    observation.refresh_from_db()
    assert (observation.value, observation.state) == (Decimal("30"), "draft")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_dx_office_edits_the_plans_structure_in_the_admin(town, role):
    client = signed_in(getattr(town, role))
    url = f"/admin/plans/node/{town.measure.pk}/change/"
    page = client.get(url)
    response = client.post(
        url,
        {
            "version": town.version.pk,
            "kind": "measure",
            "code": "1-1",
            "position": 2,
            "name_ja": "改名された施策",
            "name_en": "Renamed",
            "department_attribution": "city",
            "evaluations-TOTAL_FORMS": 0,
            "evaluations-INITIAL_FORMS": 0,
        },
    )
    town.measure.refresh_from_db()
    if role in {"dx_office", "office_editor"}:
        assert page.status_code == 200
        assert town.measure.name_ja == "改名された施策", response.content.decode()[:2000]
    else:
        assert town.measure.name_ja == "手続きのオンライン化"


def test_a_dx_office_editor_of_another_city_cannot_touch_this_citys_figures(town):
    from django.contrib.auth import get_user_model

    from dxplan.plans.models import Organisation

    other_city = Organisation.objects.create(code="999981", slug="other-city", name_ja="他市")
    outsider = get_user_model().objects.create_user(
        "outsider", is_staff=True, role="office_editor", organisation=other_city
    )
    assert signed_in(outsider).post(ENTRY, form("30.0")).status_code == 403
    assert figure(town) is None


def test_an_action_called_directly_refuses_a_user_without_the_right(town):
    from dxplan.accounts.policy import Refused

    with pytest.raises(Refused) as refused:
        enter_figure(town.series, 2025, {"value": Decimal("1")}, actor=town.welfare_editor)
    assert "welfare-editor" in refused.value.en and "1-1" in refused.value.en
    enter_figure(town.series, 2025, {"value": Decimal("30")}, actor=town.department_editor)
    with pytest.raises(Refused):
        publish_actual(figure(town), actor=town.department_editor)
    assert figure(town).state == "draft"  # the submit before the refused approval rolled back


def test_a_department_submits_its_workbook_for_review_and_cannot_publish_it(town):
    editor = signed_in(town.department_editor)
    page = upload(editor, "town/dx,R7,2025-2027/1-1/total,%,30.0,,,いいえ,,,\n").content.decode()
    assert 'name="submit"' in page and 'name="publish"' not in page
    sha = page.split('name="sha256" value="')[1].split('"')[0]
    digest = page.split('name="digest" value="')[1].split('"')[0]
    done = editor.post(
        "/staff/actuals/upload/preview/",
        {"action": "confirm", "sha256": sha, "digest": digest, "submit": "1"},
        follow=True,
    )
    assert "審査に提出: 1" in done.content.decode()
    assert figure(town).state == "submitted"


def test_the_command_line_submits_a_departments_file_with_submit(town, tmp_path, capsys):
    csv = tmp_path / "actuals.csv"
    csv.write_text(
        CSV_HEADER + "town/dx,R7,2025-2027/1-1/total,%,30.0,,,いいえ,,,\n", encoding="utf-8"
    )
    call_command("actuals", "import", str(csv), "--submit", "--actor", "department-editor")
    assert "1 submitted for review" in capsys.readouterr().out
    assert figure(town).state == "submitted"
