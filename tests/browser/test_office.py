"""The staff area in a real headless Chromium: signing in with the keyboard, the worklist, the
entry screen with its errors, and the workbook upload with its preview, checked by axe-core
(WCAG 2.1 AA) in Japanese and English and at 320 px. Nothing here stores a figure: the served
site's pages stay as the public-page tests expect them."""

import pytest

from tests import world

from .chromium import axe_violations

pytestmark = pytest.mark.browser

ENTRY = "/staff/nagasaki/dx-plan/2025-2027/1-1/2025/"
SAMPLE = world.ROOT / "data" / "nagasaki-sample" / "actuals.csv"


@pytest.fixture
def staff_page(browser, served_site, served_staff):
    """A page signed in through the login form, by keyboard: name, Tab, password, Enter."""
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    page = context.new_page()
    page.goto(served_site + "/staff/")
    assert "/staff/login/" in page.url
    assert axe_violations(page) == []
    name, password = served_staff
    page.get_by_label("ユーザー名").focus()
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(served_site + "/staff/")
    yield page
    context.close()


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
