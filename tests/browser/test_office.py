"""The staff area in a real headless Chromium: signing in with the keyboard, the worklist, the
entry screen with its errors, and the workbook upload with its preview, checked by axe-core
(WCAG 2.1 AA) in Japanese and English and at 320 px. Nothing here stores a figure but one
correction, which waits: the served site's public pages stay as the public-page tests expect
them."""

import pytest

from tests import world

from .chromium import axe_violations

pytestmark = pytest.mark.browser

ENTRY = "/staff/nagasaki/dx-plan/2025-2027/1-1/2025/"
SAMPLE = world.ROOT / "data" / "nagasaki-sample" / "actuals.csv"


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize(
    "path", ["/staff/", "/staff/?version=nagasaki/dx-plan/2025-2027&year=R8", ENTRY]
)
def test_staff_pages_have_no_axe_violations_and_fit_320px(staff_page, served_site, path, prefix):
    staff_page.goto(served_site + prefix + path)
    assert axe_violations(staff_page) == []
    staff_page.set_viewport_size({"width": 320, "height": 640})
    assert staff_page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_an_entry_against_the_rules_is_explained_at_the_top_and_at_the_field(
    staff_page, served_site, prefix
):
    staff_page.goto(served_site + prefix + ENTRY)
    staff_page.locator('input[name="total-value"]').fill("120")
    staff_page.locator('button[name="action"][value="draft"]').click()
    summary = staff_page.locator(".error-summary")
    assert summary.is_visible()
    field = staff_page.locator('input[name="total-value"]')
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby") or ""
    messages = " ".join(staff_page.locator(f"#{i}").inner_text() for i in described.split())
    assert "100" in messages
    assert axe_violations(staff_page) == []


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_upload_preview_is_accessible_and_stores_nothing(staff_page, served_site, prefix):
    staff_page.goto(served_site + prefix + "/staff/actuals/upload/")
    assert axe_violations(staff_page) == []
    staff_page.locator('input[type="file"]').set_input_files(str(SAMPLE))
    staff_page.locator("button.primary").click()
    staff_page.wait_for_url("**/staff/actuals/upload/preview/")
    assert axe_violations(staff_page) == []
    staff_page.set_viewport_size({"width": 320, "height": 640})
    assert staff_page.evaluate("document.documentElement.scrollWidth") <= 320


FOCUSED = "document.activeElement && document.activeElement.id"


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_after_a_failed_save_the_focus_is_on_the_error_summary(staff_page, served_site, prefix):
    staff_page.goto(served_site + prefix + ENTRY)
    staff_page.locator('input[name="total-value"]').fill("120")
    staff_page.locator('button[name="action"][value="draft"]').click()
    staff_page.wait_for_selector(".error-summary")
    assert staff_page.evaluate(FOCUSED) == "error-summary"
    staff_page.keyboard.press("Tab")  # on into the summary's links, to the field
    assert staff_page.evaluate("document.activeElement.closest('.error-summary') !== null")


def test_a_failed_login_puts_the_focus_on_its_error_summary(browser, served_site):
    page = browser.new_page(viewport={"width": 1024, "height": 900})
    page.goto(served_site + "/staff/login/")
    assert page.evaluate(FOCUSED) == "id_username"  # Django's login form starts there
    page.keyboard.type("nobody")
    page.keyboard.press("Tab")
    page.keyboard.type("not the password")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert page.evaluate(FOCUSED) == "error-summary"
    page.close()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_refused_or_faulty_upload_puts_the_focus_on_its_error_summary(
    staff_page, served_site, prefix, tmp_path
):
    staff_page.goto(served_site + prefix + "/staff/actuals/upload/")
    assert staff_page.evaluate(FOCUSED) != "error-summary"  # no error, no jump
    refused = tmp_path / "actuals.pdf"
    refused.write_bytes(b"%PDF-1.4")
    staff_page.locator('input[type="file"]').set_input_files(str(refused))
    staff_page.locator("button.primary").click()
    staff_page.wait_for_selector(".error-summary")
    assert staff_page.evaluate(FOCUSED) == "error-summary"
    faulty = tmp_path / "actuals.csv"
    faulty.write_text("計画,年度,系列ID,単位,実績値\nnagasaki/dx-plan,R7,x/y/z,%,40\n")
    staff_page.locator('input[type="file"]').set_input_files(str(faulty))
    staff_page.locator("button.primary").click()
    staff_page.wait_for_url("**/staff/actuals/upload/preview/")
    assert staff_page.evaluate(FOCUSED) == "error-summary"


def test_the_english_entry_screen_with_a_history_fits_320px(staff_page, served_site):
    """A sample figure, entered and published by the import, then corrected here: the
    correction waits, so the public pages still show the published figure."""
    entry = "/en/staff/nagasaki/dx-plan/2025-2027/1-2/2026/"
    staff_page.goto(served_site + entry)
    staff_page.locator('input[name="total-value"]').fill("57.5")
    staff_page.locator('textarea[name="total-analysis_en"]').fill("More people took the course")
    staff_page.locator('button[name="action"][value="draft"]').click()
    staff_page.wait_for_selector(".messages")
    assert staff_page.locator(".history li").count() >= 3  # entered, published, corrected
    staff_page.set_viewport_size({"width": 320, "height": 640})
    assert staff_page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(staff_page) == []


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_warnings_of_text_beginning_like_a_formula_are_accessible_and_fit_320px(
    staff_page, served_site, prefix, tmp_path
):
    warned = tmp_path / "人事課.csv"
    warned.write_bytes(
        (
            "計画,年度,系列ID,単位,実績値,要因分析\n"
            'nagasaki/dx-plan,R8,2025-2027/1-2/total,%,57,"=HYPERLINK(""http://example.invalid"",""x"")"\n'
        ).encode("cp932")
    )
    staff_page.goto(served_site + prefix + "/staff/actuals/upload/")
    staff_page.locator('input[type="file"]').set_input_files(str(warned))
    staff_page.locator("button.primary").click()
    staff_page.wait_for_url("**/staff/actuals/upload/preview/")
    assert "=HYPERLINK" in staff_page.locator(".warnings").inner_text()
    assert axe_violations(staff_page) == []
    staff_page.set_viewport_size({"width": 320, "height": 640})
    assert staff_page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_submitted_correction_in_the_review_queue_is_accessible_and_fits_320px(
    staff_page, served_site, prefix
):
    """A correction of a published sample figure, submitted: it waits in the review queue
    while the public pages keep the published figure."""
    entry = f"{prefix}/staff/nagasaki/dx-plan/2025-2027/2-1/2026/"
    staff_page.goto(served_site + entry)
    staff_page.locator('input[name="total-value"]').fill("43")
    staff_page.locator('button[name="action"][value="submit"]').click()
    staff_page.wait_for_selector(".messages")
    staff_page.goto(served_site + prefix + "/staff/review/")
    item = staff_page.locator(".review-item").filter(has_text="2-1")
    assert item.count() >= 1
    assert axe_violations(staff_page) == []
    staff_page.set_viewport_size({"width": 320, "height": 640})
    assert staff_page.evaluate("document.documentElement.scrollWidth") <= 320


def test_a_round_opened_on_the_staff_screen_and_its_public_page_are_accessible(
    staff_page, served_site
):
    staff_page.goto(served_site + "/staff/rounds/")
    assert axe_violations(staff_page) == []
    staff_page.get_by_label("報告する年度").fill("R8")
    staff_page.get_by_label("期限").fill("2027-06-30")
    staff_page.get_by_label("長崎市DX推進計画 · 見直し案（令和7～9年度）").check()
    staff_page.locator("button.primary").click()
    staff_page.wait_for_url("**/staff/rounds/*/")
    path = staff_page.url.split(served_site)[1]  # /staff/rounds/<pk>/
    assert "長崎市" in staff_page.locator("main").inner_text()
    for prefix in ("", "/en"):
        staff_page.goto(served_site + prefix + path)
        assert axe_violations(staff_page) == []
    staff_page.set_viewport_size({"width": 320, "height": 640})
    assert staff_page.evaluate("document.documentElement.scrollWidth") <= 320
    for prefix in ("", "/en"):
        staff_page.set_viewport_size({"width": 1024, "height": 900})
        staff_page.goto(served_site + prefix + "/nagasaki/dx-plan/reporting/")
        assert staff_page.locator("h1").count() == 1
        assert axe_violations(staff_page) == []
        staff_page.set_viewport_size({"width": 320, "height": 640})
        assert staff_page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_api_tokens_page_is_accessible_and_fits_320px(staff_page, served_site, prefix):
    staff_page.goto(served_site + prefix + "/staff/tokens/")
    assert axe_violations(staff_page) == []
    staff_page.locator("select[name=department]").select_option(index=1)
    staff_page.locator("input[name=name]").fill("browser test")
    staff_page.locator("button.primary").click()
    staff_page.wait_for_selector("#new-key")
    assert axe_violations(staff_page) == []
    staff_page.set_viewport_size({"width": 320, "height": 640})
    assert staff_page.evaluate("document.documentElement.scrollWidth") <= 320
