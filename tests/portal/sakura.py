"""A second fictional town, さくら町, whose plan declares its own three levels
(基本目標 → 施策 → 事業, tests/fixtures/sakura/): loaded inside the tests that need it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import world

SAKURA = Path(world.__file__).resolve().parent / "fixtures" / "sakura"
PLAN = "/sakura/digital-plan"
VERSION = f"{PLAN}/2025-2029"
API = "/api/v1/plans/sakura/digital-plan"


@pytest.fixture
def sakura(db):  # type: ignore[no-untyped-def]
    """Load the town's plan in the test's own transaction (rolled back afterwards)."""
    return world.load(SAKURA)
