"""Two staff publishing figures of one indicator at the same moment (PostgreSQL, real
processes on a database of their own): both are stored, and the indicator's standing is
worked out from both, not refused for a duplicate row nor computed without the other's."""

from __future__ import annotations

import subprocess
import sys
import time

from tests import world
from tests.plans import test_import_concurrency as concurrency

postgresql_database = concurrency.postgresql_database

# Publish FY2025's figure of one series of 4-1 (two series), holding the transaction open.
PUBLISH = """
import sys, time
from decimal import Decimal
import django
django.setup()
from django.db import transaction
from dxplan.indicators.actions import publish_actual, record_actual
from dxplan.indicators.models import Series
key, value, hold = sys.argv[1], Decimal(sys.argv[2]), float(sys.argv[3])
with transaction.atomic():
    series = Series.objects.get(
        indicator__code="4-1", indicator__measure__version__slug="2025-2027", key=key
    )
    publish_actual(record_actual(series, 2025, value, actor="tests"), actor="tests")
    print("published", flush=True)
    time.sleep(hold)
"""
STANDINGS = """
import django
django.setup()
from dxplan.indicators import standing
from dxplan.indicators.models import Standing
def rows():
    return sorted(Standing.objects.values_list("indicator__code", "fiscal_year", "status"))
before = rows()
standing.refresh_all()
print(before == rows(), before)
"""


def test_two_figures_of_one_indicator_published_at_once_both_count(postgresql_database):
    database = postgresql_database
    database.run("load", str(world.NAGASAKI), check=True)

    def publish(key: str, value: str, hold: float) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-c", PUBLISH, key, value, str(hold)],
            env=database.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    first = publish("domestic", "74.3", hold=3)  # domestic reaches its target
    assert first.stdout is not None and first.stdout.readline().strip() == "published"
    second = publish("overseas", "71.8", hold=0)  # overseas stays at its baseline
    time.sleep(1)
    assert second.poll() is None  # waits for the first to commit
    for process in (first, second):
        _, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
    check = database.run("shell", "-c", STANDINGS, check=True).stdout
    assert "True [" in check, check  # as working them out again from scratch gives
    assert "('4-1', 2025, 'limited_progress')" in check  # the worst of the two series
