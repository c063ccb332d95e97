"""A department editor enters a year's figure on the web: a draft, then published; a
correction of a published figure waits while the published one stays public."""

from decimal import Decimal

import pytest
from django.test import Client

from dxplan.audit.models import AuditEvent
from dxplan.indicators.actions import pending_value
from dxplan.indicators.models import Observation

pytestmark = pytest.mark.django_db

ENTRY = "/staff/town/dx/2025-2027/1-1/2025/"
PUBLIC = "/town/dx/2025-2027/indicators/1-1/"


def entered(**values) -> dict:
    fields = {"value": "", "lower": "", "upper": "", "provisional": "final"}
    fields.update(values)
    return {f"total-{name}": value for name, value in fields.items()}


def figure(town) -> Observation:
    return Observation.objects.get(series=town.series, fiscal_year=2025)


@pytest.fixture
def editor(client, town):
    client.force_login(town.department_editor)
    return client


def as_user(user) -> Client:
    other = Client()
    other.force_login(user)
    return other


def test_a_department_editors_figure_is_a_draft_not_public_until_reviewed_and_published(
    editor, town
):
    page = editor.get(ENTRY).content.decode()
    assert 'name="total-value"' in page and "<legend>" in page
    response = editor.post(
        ENTRY,
        {
            **entered(value="４２．５％", lower="40.1", upper="44.9", provisional="provisional"),
            "total-source_ja": "市民アンケート",
            "total-analysis_ja": "オンライン申請の案内を強化した。",
            "action": "draft",
        },
    )
    assert response.status_code == 302 and response["Location"] == ENTRY
    draft = figure(town)
    assert (draft.value, draft.lower, draft.upper) == (
        Decimal("42.5"),
        Decimal("40.1"),
        Decimal("44.9"),
    )
    assert (draft.state, draft.provisional, draft.source_ja) == ("draft", True, "市民アンケート")
    assert "保存しました" in editor.get(ENTRY).content.decode()  # the message, after redirect
    assert "42.5%" not in editor.get(PUBLIC).content.decode()
    assert editor.post(ENTRY + "total/publish/").status_code == 403  # not a department's step
    editor.post(ENTRY + "total/submit/")
    assert figure(town).state == "submitted"
    assert "42.5%" not in editor.get(PUBLIC).content.decode()
    reviewer = as_user(town.reviewer)
    reviewer.post(ENTRY + "total/approve/")
    assert figure(town).state == "approved"
    reviewer.post(ENTRY + "total/publish/")
    assert figure(town).state == "published"
    public = editor.get(PUBLIC).content.decode()
    assert "42.5%" in public and "オンライン申請の案内を強化した。" in public


def test_a_reviewer_sends_a_figure_back_with_a_reason_the_department_reads(editor, town):
    editor.post(ENTRY, {**entered(value="30.0"), "action": "submit"})
    assert figure(town).state == "submitted"
    reviewer = as_user(town.reviewer)
    refused = reviewer.post(ENTRY + "total/send_back/", {"reason": ""}, follow=True)
    assert "差し戻す理由を書いてください" in refused.content.decode()
    assert figure(town).state == "submitted"
    reviewer.post(ENTRY + "total/send_back/", {"reason": "出典の年度を確認してください。"})
    assert figure(town).state == "sent_back"
    page = editor.get(ENTRY).content.decode()
    assert "出典の年度を確認してください。" in page
    editor.post(ENTRY, {**entered(value="31.0"), "action": "submit"})
    assert (figure(town).state, figure(town).value) == ("submitted", Decimal("31.0"))


def test_save_and_publish_is_the_dx_offices_and_makes_the_figure_public_at_once(town):
    office = as_user(town.office_editor)
    office.post(ENTRY, {**entered(value="30.0"), "action": "publish"})
    assert figure(town).state == "published"
    assert "30.0%" in office.get(PUBLIC).content.decode()
    steps = AuditEvent.objects.filter(object_key=figure(town).history_key()).order_by("id")
    assert list(steps.values_list("verb", flat=True)) == [
        "figure_entered",
        "figure_submitted",
        "figure_approved",
        "figure_published",
    ]
    assert set(steps.values_list("actor_name", flat=True)) == {"office-editor"}


def test_a_correction_waits_while_the_published_figure_stays_public(editor, town):
    office = as_user(town.office_editor)
    office.post(ENTRY, {**entered(value="30.0"), "action": "publish"})
    editor.post(
        ENTRY,
        {
            **entered(value="31.5"),
            "total-note": "再集計",
            "total-source_ja": "市民アンケート（再集計）",
            "action": "draft",
        },
    )
    waiting = figure(town)
    assert waiting.value == Decimal("30.0") and pending_value(waiting) == Decimal("31.5")
    assert waiting.source_ja == ""  # the source is corrected with the figure, not before it
    assert "31.5%" not in editor.get(PUBLIC).content.decode()
    page = editor.get(ENTRY).content.decode()
    assert 'value="31.5"' in page and "公表待ち" in page
    assert "訂正を公表する" in office.get(ENTRY).content.decode()
    listed = editor.get("/staff/?version=town/dx/2025-2027&year=R7").content.decode()
    assert '30.0% <span class="figure-state is-published">公表済み</span> → 31.5%' in listed
    office.post(ENTRY + "total/publish/")
    published = figure(town)
    assert (published.value, published.note, published.source_ja, pending_value(published)) == (
        Decimal("31.5"),
        "再集計",
        "市民アンケート（再集計）",
        None,
    )
    assert "31.5%" in editor.get(PUBLIC).content.decode()


def test_the_history_beside_the_form_shows_who_changed_what_from_what_to_what(editor, town):
    office = as_user(town.office_editor)
    office.post(ENTRY, {**entered(value="30.0"), "action": "publish"})
    editor.post(ENTRY, {**entered(value="31.5"), "action": "draft"})
    office.post(ENTRY + "total/publish/")
    page = editor.get(ENTRY).content.decode()
    history = page[page.index("履歴") :]
    assert "department-editor" in history and "office-editor" in history
    assert "30 → 31.5" in history  # the correction published: before → after
    assert "訂正を公表" in history and "下書きとして入力" in history


def test_a_save_based_on_a_figure_changed_since_the_form_opened_is_refused_showing_both(
    editor, town
):
    editor.post(ENTRY, {**entered(value="30.0"), "action": "draft"})
    page = editor.get(ENTRY).content.decode()
    seen = page.split('name="total-seen" value="')[1].split('"')[0]
    office = as_user(town.office_editor)
    office.post(ENTRY, {**entered(value="33.0"), "action": "draft"})
    response = editor.post(ENTRY, {**entered(value="35.0"), "total-seen": seen, "action": "draft"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "office-editor" in text and "33" in text and "35" in text
    assert figure(town).value == Decimal("33.0")
    again = text.split('name="total-seen" value="')[1].split('"')[0]
    editor.post(ENTRY, {**entered(value="35.0"), "total-seen": again, "action": "draft"})
    assert figure(town).value == Decimal("35.0")  # saved again after seeing both: a decision


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"value": "120%"}, "割合 120% が 0～100% の範囲外です"),
        ({"value": "30", "lower": "35", "upper": "40"}, "下限 35 が値 30 を上回っています"),
        ({"value": "30", "lower": "25"}, "下限と上限の両方を入力してください"),
        ({"value": "abc"}, "「abc」は数値として読めません"),
        ({"lower": "25", "upper": "35"}, "値を入力してください"),
    ],
)
def test_a_figure_against_the_rules_shows_every_error_and_stores_nothing(
    editor, town, values, message
):
    events = AuditEvent.objects.count()
    response = editor.post(ENTRY, {**entered(**values), "action": "publish"})
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert 'class="error-summary" role="alert"' in page and 'aria-invalid="true"' in page
    assert "aria-describedby=" in page
    assert not Observation.objects.filter(series=town.series).exists()
    assert AuditEvent.objects.count() == events


def test_a_count_must_be_whole_and_errors_are_in_english_on_english_pages(client, town):
    from dxplan.indicators.actions import update_indicator

    update_indicator(town.indicator, {"unit": "件", "decimals": 0}, actor=town.dx_office)
    client.force_login(town.department_editor)
    response = client.post("/en" + ENTRY, {**entered(value="2.5"), "action": "draft"})
    assert "2.5 件: a count (件) is a whole number." in response.content.decode()
    assert not Observation.objects.filter(series=town.series).exists()


def test_an_empty_series_stores_nothing_and_says_so(editor, town):
    response = editor.post(ENTRY, {**entered(), "action": "draft"}, follow=True)
    assert "変更はありません" in response.content.decode()
    assert (
        not Observation.objects.exists()
        or not Observation.objects.filter(series=town.series).exists()
    )


def test_a_department_editors_worklist_lists_their_departments_indicators_only(
    editor, town, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        page = editor.get("/staff/?version=town/dx/2025-2027").content.decode()
    assert "わたしの成果指標" in page and "オンライン申請率" in page
    assert "令和7年度" in page  # the year after the baseline, nothing entered yet
    assert ENTRY in page and "デジタル課" in page
    assert "見守りサービスの利用者数" not in page  # the Welfare Division's
    office = as_user(town.office_editor).get("/staff/?version=town/dx/2025-2027").content.decode()
    assert "見守りサービスの利用者数" in office and "福祉課" in office  # owned through its 施策


def test_the_worklist_defaults_to_the_latest_year_with_actuals_after_the_baseline(editor, town):
    from dxplan.indicators.actions import record_actual

    page = editor.get("/staff/?version=town/dx/2025-2027").content.decode()
    assert '<option value="2025" selected>令和7年度</option>' in page  # the baseline is R6
    record_actual(town.series, 2026, Decimal(35), actor=town.dx_office)
    page = editor.get("/staff/?version=town/dx/2025-2027").content.decode()
    assert '<option value="2026" selected>令和8年度</option>' in page
    assert "/staff/town/dx/2025-2027/1-1/2026/" in page


def test_without_actuals_the_worklist_opens_on_the_versions_first_year_to_report(editor):
    page = editor.get("/staff/?version=nagasaki/dx-plan/2025-2027").content.decode()
    assert '<option value="2025" selected>令和7年度</option>' in page  # baselines R5 and R6


def test_a_year_far_outside_the_plan_is_not_a_page(editor):
    assert editor.get("/staff/town/dx/2025-2027/1-1/2099/").status_code == 404


def test_the_entry_screen_is_in_english_under_en(editor, town):
    page = editor.get("/en" + ENTRY).content.decode()
    assert "Save as draft" in page and "Factors behind the figure (English)" in page
    assert '<html lang="en">' in page and "FY2025" in page


def test_the_worklist_reads_a_fixed_number_of_queries_however_large_the_plan(client, town):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(town.dx_office)
    counts = []
    for version in ("town/dx/2025-2027", "nagasaki/dx-plan/2025-2027"):
        with CaptureQueriesContext(connection) as context:
            assert client.get("/staff/", {"version": version, "year": "R7"}).status_code == 200
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]


def test_sample_figures_are_marked_as_such_in_the_worklist(editor, town):
    from dxplan.indicators.actions import record_actual

    record_actual(town.series, 2025, Decimal(35), actor=town.dx_office, sample=True)
    page = editor.get("/staff/?version=town/dx/2025-2027&year=R7").content.decode()
    assert '<span class="figure-state">サンプル</span>' in page


def test_the_form_says_the_note_is_published_in_the_api_and_it_is(editor, town, client):
    page = editor.get(ENTRY).content.decode()
    assert "オープンデータ（API）で実績値とともに公開されます" in page
    as_user(town.office_editor).post(
        ENTRY, {**entered(value="30.0"), "total-note": "再集計", "action": "publish"}
    )
    api = client.get("/api/v1/plans/town/dx/versions/2025-2027/indicators/1-1").json()
    assert api["series"][0]["observations"][-1]["note"] == "再集計"


def test_a_sample_figure_says_that_what_is_entered_stays_sample(editor, town):
    from dxplan.indicators.actions import record_actual

    record_actual(town.series, 2025, Decimal("40"), actor="tests", sample=True)
    page = editor.get(ENTRY).content.decode()
    assert "サンプル（架空）の実績です" in page and "管理者がサンプルを削除してから" in page
    editor.post(ENTRY, {**entered(value="41.0"), "action": "draft"})
    assert (figure(town).value, figure(town).sample) == (Decimal("41.0"), True)
