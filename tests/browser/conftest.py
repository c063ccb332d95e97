import os
from pathlib import Path

import pytest

from .chromium import AXE, CHROMIUM, FLAGS


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
