"""Public pages in a real headless Chromium, checked by axe-core against WCAG 2.1 AA
(JIS X 8341-3:2016 level AA), in Japanese and English and at a 360 px phone width."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Debian's chromium, never a downloaded browser; scripts/browser_deps.sh checks the same file.
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PLAN = "/nagasaki/dx-plan"
PAGES = [
    f"{PLAN}/",
    f"{PLAN}/2025-2027/",
    f"{PLAN}/2022-2024/",
    f"{PLAN}/2025-2027/measures/4-1/",
    f"{PLAN}/2022-2024/measures/1-1/",
    f"{PLAN}/2025-2027/indicators/",
    f"{PLAN}/compare/",
    f"{PLAN}/surveys/",
    f"{PLAN}/about/",
    "/sakura/digital-plan/",  # a plan of another shape: 基本目標 → 施策 → 事業
    "/sakura/digital-plan/2025-2029/",
    "/sakura/digital-plan/2025-2029/shisaku/1-1/",
]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    """Skipped locally where chromium or axe-core is missing; under CI that is a failure.
    (`make test` runs scripts/browser_deps.sh first, which installs them or stops.)"""
    needs = {
        Path(CHROMIUM): "sudo apt-get install --no-install-recommends chromium fonts-noto-cjk",
        AXE: "npm ci --no-audit --no-fund",
    }
    missing = {str(path): command for path, command in needs.items() if not path.exists()}
    if missing:
        commands = " and ".join(f"`{command}`" for command in missing.values())
        message = f"browser tests need {', '.join(missing)}: run {commands} (or `make browser`)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_public_page_has_no_axe_violations(browser, served_site, path, prefix):
    page = browser.new_page()
    response = page.goto(served_site + prefix + path)
    assert response.status == 200
    assert axe_violations(page) == []
    page.close()


@pytest.mark.parametrize(
    "path", [f"{PLAN}/2025-2027/measures/4-1/", f"{PLAN}/compare/", f"{PLAN}/surveys/"]
)
def test_pages_fit_a_360px_phone_without_sideways_scrolling(browser, served_site, path):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(served_site + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []
    page.close()


def test_pages_work_with_javascript_disabled(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + f"{PLAN}/2025-2027/measures/1-1/")
    assert "36.3%" in page.content()
    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/en/nagasaki/dx-plan/2025-2027/measures/1-1/")
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()
