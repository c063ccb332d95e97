"""The workbook on the web: download, upload, a preview that stores nothing, a confirmation
that stores exactly the preview, and never another file."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from dxplan.audit.models import AuditEvent
from dxplan.indicators.actions import pending_value
from dxplan.indicators.models import Observation
from dxplan.office.models import PendingUpload
from tests import world

pytestmark = pytest.mark.django_db

UPLOAD, PREVIEW, DONE = (
    "/staff/actuals/upload/",
    "/staff/actuals/upload/preview/",
    "/staff/actuals/upload/done/",
)


@pytest.fixture
def office(client):
    client.force_login(world.make_admin())
    return client


def workbook(client, **filled) -> bytes:
    """The R7 workbook from the download, with {series ID: {column: value}} filled in."""
    response = client.get("/staff/actuals/template/", {"plan": "nagasaki/dx-plan", "year": "R7"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["実績"]
    columns = {cell.value.split(" / ")[0]: cell.column for cell in sheet[1]}
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    for series_id, values in filled.items():
        for name, value in values.items():
            sheet.cell(rows[series_id], columns[name], value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, data: bytes, name: str = "令和7年度実績.xlsx"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})


def confirm(client, page: str, **extra):
    sha = page.split('name="sha256" value="')[1].split('"')[0]
    digest = page.split('name="digest" value="')[1].split('"')[0]
    return client.post(PREVIEW, {"action": "confirm", "sha256": sha, "digest": digest, **extra})


def entered():
    return Observation.objects.filter(origin="entry", fiscal_year=2025)


FILLED = {
    "2025-2027/1-1/total": {"実績値": "40.0", "下限": "38.1", "上限": "41.9"},
    "2025-2027/2-2/total": {"実績値": "52,000件", "要因分析": "アクセス増"},
}


def test_a_preview_shows_what_would_change_and_stores_nothing(office):
    events = AuditEvent.objects.count()
    response = upload(office, workbook(office, **FILLED))
    assert response.status_code == 302 and response["Location"] == PREVIEW
    page = office.get(PREVIEW).content.decode()
    assert "まだ何も保存していません" in page and "新規 2" in page
    assert "1-1 デジタル化によって" in page and "— → 40.0%" in page and "— → 52000件" in page
    assert "下限: — → 38.1%" in page
    assert "実績を保存する（2 件）" in page
    assert not entered().exists() and AuditEvent.objects.count() == events


def test_confirming_stores_exactly_the_preview_and_again_changes_nothing(office):
    upload(office, workbook(office, **FILLED))
    response = confirm(office, office.get(PREVIEW).content.decode())
    assert response["Location"] == DONE
    assert "保存した実績 2 件" in office.get(DONE).content.decode()
    stored = {(o.series.indicator.code, o.value, o.state) for o in entered()}
    assert stored == {("1-1", Decimal("40.0"), "draft"), ("2-2", Decimal(52000), "draft")}
    events = AuditEvent.objects.count()
    upload(office, workbook(office, **FILLED))
    page = office.get(PREVIEW).content.decode()
    assert "変更なし 2" in page and "このファイルによる変更はありません" in page
    assert AuditEvent.objects.count() == events


def test_publish_on_import_makes_the_figures_public(office, client):
    upload(office, workbook(office, **FILLED))
    confirm(office, office.get(PREVIEW).content.decode(), publish="1")
    assert {o.state for o in entered()} == {"published"}
    assert "今回公表：2" in office.get(DONE).content.decode()


def test_the_published_figure_given_again_is_previewed_as_a_withdrawn_correction(office):
    upload(office, workbook(office, **FILLED))
    confirm(office, office.get(PREVIEW).content.decode(), publish="1")
    changed = {**FILLED, "2025-2027/1-1/total": {**FILLED["2025-2027/1-1/total"], "実績値": "39.0"}}
    upload(office, workbook(office, **changed))
    confirm(office, office.get(PREVIEW).content.decode())  # 39.0 waits as a correction
    upload(office, workbook(office, **FILLED))
    page = office.get(PREVIEW).content.decode()
    assert "公表待ちの訂正を取り下げ（公表中の値のまま）" in page
    assert "取り下げられる公表待ちの訂正：1件" in page
    assert "実績を保存する（1 件）" in page
    confirm(office, page)
    figure = entered().get(series__indicator__code="1-1")
    assert (figure.value, pending_value(figure)) == (Decimal("40.0"), None)


def test_another_file_cannot_be_confirmed_with_the_preview_of_the_first(office):
    upload(office, workbook(office, **FILLED))
    first = office.get(PREVIEW).content.decode()
    upload(office, workbook(office, **{"2025-2027/1-2/total": {"実績値": "45.0"}}))
    response = confirm(office, first)
    assert response["Location"] == PREVIEW
    assert "確認したファイルと異なります" in office.get(PREVIEW).content.decode()
    assert not entered().exists()
    tampered = first.replace('name="sha256" value="', 'name="sha256" value="0')
    confirm(office, tampered)
    assert not entered().exists()


def test_figures_changed_since_the_preview_are_not_stored_unseen(office):
    from dxplan.indicators.actions import record_actual
    from dxplan.indicators.models import Series

    upload(office, workbook(office, **FILLED))
    page = office.get(PREVIEW).content.decode()
    series = Series.objects.get(
        indicator__measure__version__slug="2025-2027", indicator__code="1-1", key="total"
    )
    record_actual(series, 2025, Decimal("39.0"), actor="someone else")
    response = confirm(office, page)
    assert response["Location"] == PREVIEW
    assert "確認の後に dxplan の実績が変わりました" in office.get(PREVIEW).content.decode()
    assert entered().get().value == Decimal("39.0")  # only the other change


def test_a_malformed_workbook_lists_every_problem_by_sheet_row_and_column(office):
    data = workbook(
        office,
        **{
            "2025-2027/1-1/total": {"実績値": "120%"},
            "2025-2027/2-2/total": {"実績値": "2.5"},
            "2025-2027/1-2/total": {"実績値": "abc"},
        },
    )
    upload(office, data)
    page = office.get(PREVIEW).content.decode()
    assert "ファイルに誤りが 3 件あります" in page
    assert (
        "令和7年度実績.xlsx シート「実績」2行目 実績値列: 割合 120% が 0～100% の範囲外です。"
        in page
    )
    assert "令和7年度実績.xlsx sheet &#x27;実績&#x27; row 2, column Actual" in page
    assert "a count (件) is a whole number" in page and "「abc」は数値として読めません" in page
    assert 'name="digest"' not in page  # nothing to confirm
    assert not entered().exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("actuals.pdf", b"%PDF-1.4", "Excel（.xlsx）か CSV（.csv）のファイルを指定してください"),
        ("big.csv", b"x" * (5 * 1024 * 1024 + 1), "ファイルが大きすぎます"),
    ],
)
def test_a_file_of_another_kind_or_too_large_is_refused_at_once(office, name, data, message):
    response = upload(office, data, name)
    assert response.status_code in (400, 413)
    assert message in response.content.decode()
    assert not PendingUpload.objects.exists()


def test_a_file_that_is_not_the_workbook_says_so(office):
    upload(office, b"not a zip file")
    page = office.get(PREVIEW).content.decode()
    assert "Excel ファイルとして読めません" in page and not entered().exists()


def test_csv_uploads_are_read_as_the_command_reads_them(office):
    csv = (
        "計画,年度,系列ID,単位,実績値\n"
        "nagasaki/dx-plan,令和7年度,2025-2027/1-1/total,%,４０．０％\n"
    ).encode("cp932")
    upload(office, csv, "実績.csv")
    confirm(office, office.get(PREVIEW).content.decode())
    assert entered().get().value == Decimal("40.0")


def test_the_preview_warns_of_text_beginning_like_a_formula_and_stores_it_as_entered(office):
    hyperlink = '=HYPERLINK("http://example.invalid","x")'
    quoted = hyperlink.replace('"', '""')
    csv = (
        "計画,年度,系列ID,単位,実績値,要因分析\n"
        f'nagasaki/dx-plan,R7,2025-2027/1-1/total,%,40,"{quoted}"\n'
    ).encode("cp932")
    upload(office, csv, "人事課.csv")
    page = office.get(PREVIEW).content.decode()
    assert "数式のように始まる文字: 1 件" in page
    assert "人事課.csv 2行目 要因分析列: 「=HYPERLINK(&quot;http://example.invalid" in page
    assert "人事課.csv row 2, column Factors behind the figure: &#x27;=HYPERLINK(" in page
    english = office.get("/en" + PREVIEW).content.decode()
    assert "Text that begins like a formula: 1" in english
    confirm(office, page)
    assert entered().get().analysis_ja == hyperlink


def test_cancelling_drops_the_upload(office):
    upload(office, workbook(office, **FILLED))
    office.post(PREVIEW, {"action": "cancel"})
    assert office.get(PREVIEW)["Location"] == UPLOAD
    assert not PendingUpload.objects.exists()


def test_the_file_waits_outside_the_session_and_only_for_its_uploader(office):
    from django.contrib.auth import get_user_model
    from django.test import Client

    upload(office, workbook(office, **FILLED))
    assert len(office.session.encode(dict(office.session))) < 2000  # not the 5 MB file
    page = office.get(PREVIEW).content.decode()
    client = Client()
    client.force_login(get_user_model().objects.create_user("officer-2", is_staff=True))
    assert client.get(PREVIEW)["Location"] == UPLOAD  # not someone else's upload
    assert confirm(client, page)["Location"] == UPLOAD
    assert not entered().exists()
    assert confirm(office, page)["Location"] == DONE  # the uploader's confirmation stores it
    assert entered().count() == 2 and not PendingUpload.objects.exists()


def test_an_upload_left_for_a_day_is_forgotten(office):
    from datetime import timedelta

    from django.utils import timezone

    upload(office, workbook(office, **FILLED))
    PendingUpload.objects.update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    assert office.get(PREVIEW)["Location"] == UPLOAD
    upload(office, workbook(office, **FILLED))  # a new upload clears the old ones away
    assert PendingUpload.objects.count() == 1
    assert not entered().exists()


def test_the_upload_page_starts_on_the_clerks_own_department_plan_and_year(client, town):
    from dxplan.indicators.actions import record_actual

    record_actual(town.series, 2026, Decimal(35), actor=town.dx_office)
    client.force_login(town.department_editor)
    page = client.get(UPLOAD).content.decode()
    assert '<option value="デジタル課" selected>デジタル課</option>' in page
    assert '<option value="town/dx" selected>みなと市DX計画</option>' in page
    assert '<option value="2026" selected>令和8年度</option>' in page  # the town's latest year
    assert '<option value="" selected>' not in page
    client.force_login(town.dx_office)  # in no department: every department, the first plan
    page = client.get(UPLOAD).content.decode()
    assert "selected>デジタル課" not in page and "selected>みなと市DX計画" not in page


def test_a_department_gets_its_own_workbook_and_an_unknown_one_a_message(office):
    response = office.get(
        "/staff/actuals/template/",
        {"plan": "nagasaki/dx-plan", "year": "R7", "department": "人事課"},
    )
    rows = list(load_workbook(io.BytesIO(response.content))["実績"].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["2025-2027/5-2/total"]
    refused = office.get(
        "/staff/actuals/template/",
        {"plan": "nagasaki/dx-plan", "year": "R7", "department": "存在しない課"},
        follow=True,
    )
    assert "該当する成果指標がありません" in refused.content.decode()


def test_a_second_confirmation_sent_with_the_first_stores_nothing_twice(office, rf):
    """A double click: the second request read the upload before the first stored it."""
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    from dxplan.office import uploads

    upload(office, workbook(office, **FILLED))
    page = office.get(PREVIEW).content.decode()
    stale = PendingUpload.objects.get()  # as the second request read it
    assert confirm(office, page)["Location"] == DONE
    events = AuditEvent.objects.count()
    sha = page.split('name="sha256" value="')[1].split('"')[0]
    digest = page.split('name="digest" value="')[1].split('"')[0]
    request = rf.post(PREVIEW, {"action": "confirm", "sha256": sha, "digest": digest})
    request.user, request.session = stale.user, SessionStore()
    request._messages = FallbackStorage(request)
    response = uploads._confirm(request, stale, bytes(stale.data))
    assert response.status_code == 302
    assert [str(m) for m in request._messages] == ["この取り込みは保存済みです。"]
    assert AuditEvent.objects.count() == events and entered().count() == 2
