import os
from pathlib import Path

import pytest

from .chromium import AXE, CHROMIUM, FLAGS, axe_violations


@pytest.fixture(scope="session")
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
