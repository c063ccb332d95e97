"""A reporting round end to end in a real headless Chromium, on the served demo site: the DX
office opens it; two departments enter their figures on the entry screen and submit them; the
reviewer sends one back with a reason, the department corrects it, the reviewer approves both
from the review queue and publishes the round. The public API and pages change only at
publication; the reminders go out once a day. Each page is checked by axe-core."""

import json
import subprocess
import sys
import urllib.request

import pytest

from tests.conftest import served_environment

from .chromium import axe_violations

pytestmark = pytest.mark.browser

PASSWORD = "correct horse browser 2024"
PEOPLE = """
from django.contrib.auth import get_user_model
from dxplan.plans.models import Department, Organisation
users = get_user_model()
city = Organisation.objects.get(slug="nagasaki")
for name, role, department in [
    ("hr-editor", "department_editor", "人事課"),
    ("pr-editor", "department_editor", "広報広聴課"),
    ("round-reviewer", "reviewer", None),
]:
    user = users.objects.create_user(
        name, email=name + "@example.jp", password="PASSWORD", is_staff=True, role=role,
        organisation=city,
    )
    if department:
        user.departments.add(Department.objects.get(organisation=city, name_ja=department))
print("people made")
""".replace("PASSWORD", PASSWORD)
HR = "/staff/nagasaki/dx-plan/2025-2027/5-2/2027/"  # 人事課's indicator, FY2027 (R9)
PR = "/staff/nagasaki/dx-plan/2025-2027/1-3/2027/"  # 広報広聴課's
API = "/api/v1/plans/nagasaki/dx-plan/versions/2025-2027/indicators/{}"


def dxplan(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "dxplan", *args],
        env=served_environment["env"],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def published_2027(served_site: str, code: str) -> list[float]:
    with urllib.request.urlopen(served_site + API.format(code)) as answer:
        body = json.load(answer)
    return [o["value"] for o in body["series"][0]["observations"] if o["fiscal_year"] == 2027]


def signed_in(browser, served_site: str, name: str):
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    page = context.new_page()
    page.goto(served_site + "/staff/login/")
    page.get_by_label("ユーザー名").fill(name)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(served_site + "/staff/")
    return page


def test_a_round_runs_from_opening_to_publication(browser, served_site, staff_page):
    assert "people made" in dxplan("shell", "-c", PEOPLE)
    # the DX office opens the round
    staff_page.goto(served_site + "/staff/rounds/")
    staff_page.get_by_label("報告する年度").fill("R9")
    staff_page.get_by_label("期限").fill("2028-06-30")
    staff_page.get_by_label("長崎市DX推進計画 · 見直し案（令和7～9年度）").check()
    staff_page.locator("button.primary").click()
    staff_page.wait_for_url("**/staff/rounds/*/")
    round_page = staff_page.url
    # a week before the due date, both departments are reminded, once
    assert "2 sent" in dxplan("round", "remind", "--date", "2028-06-23")
    assert "0 sent" in dxplan("round", "remind", "--date", "2028-06-23")

    # 人事課 sees its request and submits its figure
    hr = signed_in(browser, served_site, "hr-editor")
    hr.goto(round_page)
    mine = hr.locator("#mine").locator("xpath=following-sibling::div[1]").inner_text()
    assert "5-2" in mine and "1-3" not in mine
    assert axe_violations(hr) == []
    hr.goto(served_site + HR)
    hr.locator('input[name="total-value"]').fill("5.9")
    hr.locator('button[name="action"][value="submit"]').click()
    hr.wait_for_selector(".messages")
    # 広報広聴課 may not touch 人事課's figure, and submits its own
    pr = signed_in(browser, served_site, "pr-editor")
    assert pr.goto(served_site + HR).status == 403
    pr.goto(served_site + PR)
    pr.locator('input[name="total-value"]').fill("36.0")
    pr.locator('button[name="action"][value="submit"]').click()
    pr.wait_for_selector(".messages")
    assert published_2027(served_site, "5-2") == [] and published_2027(served_site, "1-3") == []

    # the reviewer sends 人事課's back with a reason, which 人事課 reads and acts on
    reviewer = signed_in(browser, served_site, "round-reviewer")
    reviewer.goto(served_site + "/staff/review/")
    assert axe_violations(reviewer) == []
    item = reviewer.locator(".review-item").filter(has_text="5-2")
    item.locator("textarea").fill("小数点の位置を確認してください。")
    item.get_by_role("button", name="差し戻す").click()
    reviewer.wait_for_selector(".messages")
    hr.goto(served_site + HR)
    assert "小数点の位置を確認してください。" in hr.locator("main").inner_text()
    hr.locator('input[name="total-value"]').fill("5.8")
    hr.locator('button[name="action"][value="submit"]').click()
    hr.wait_for_selector(".messages")

    # the reviewer approves both from the queue; nothing is public yet
    reviewer.goto(served_site + "/staff/review/")
    for code in ("5-2", "1-3"):
        reviewer.locator(".review-item").filter(has_text=code).get_by_role(
            "button", name="承認する"
        ).click()
        reviewer.wait_for_selector(".messages")
    assert published_2027(served_site, "5-2") == []
    # and publishes the round after its preview
    reviewer.goto(round_page + "publish/")
    preview = reviewer.locator("main").inner_text()
    assert "5-2" in preview and "1-3" in preview and "5.8" in preview
    assert axe_violations(reviewer) == []
    reviewer.get_by_role("button", name="まとめて公表する").click()
    reviewer.wait_for_selector(".messages")
    assert published_2027(served_site, "5-2") == [5.8]
    assert published_2027(served_site, "1-3") == [36.0]
    public = reviewer.context.new_page()
    public.goto(served_site + "/nagasaki/dx-plan/reporting/")
    assert "人事課" in public.locator("main").inner_text()
    assert axe_violations(public) == []
    for page in (hr, pr, reviewer):
        page.context.close()
