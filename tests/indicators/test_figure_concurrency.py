"""Staff saving the same figure at the same moment (PostgreSQL, real processes on a database of
their own): the first save wins, every other one based on what it read before is refused as a
conflict naming both values, and nothing is silently overwritten."""

from __future__ import annotations

import subprocess
import sys

from tests import world
from tests.plans import test_import_concurrency as concurrency

postgresql_database = concurrency.postgresql_database

# Save 1-1's FY2025 figure as read when the process started (`seen`), holding the transaction.
SAVE = """
import sys, time
from decimal import Decimal
import django
django.setup()
from django.db import transaction
from dxplan.indicators.actions import Conflict, enter_figure, fingerprint
from dxplan.indicators.models import Observation, Series
value, hold = Decimal(sys.argv[1]), float(sys.argv[2])
series = Series.objects.get(indicator__code="1-1", indicator__measure__version__slug="2025-2027")
seen = fingerprint(Observation.objects.filter(series=series, fiscal_year=2025).first())
print("read", flush=True)
time.sleep(float(sys.argv[3]))
try:
    with transaction.atomic():
        enter_figure(series, 2025, {"value": value}, actor="tests", seen=seen)
        print("saved", flush=True)
        time.sleep(hold)
except Conflict as conflict:
    print("conflict", conflict.en, flush=True)
"""
VALUE = """
import django
django.setup()
from dxplan.indicators.models import Observation
print(list(Observation.objects.filter(fiscal_year=2025, series__indicator__code="1-1",
      series__indicator__measure__version__slug="2025-2027").values_list("value", flat=True)))
"""


def saves(database, *values: str) -> list[str]:
    """Every process reads the figure first; the first saves and holds its transaction while the
    others save after it started; what each said."""
    started = []
    for index, value in enumerate(values):
        hold, wait = (3, 0) if index == 0 else (0, 1)
        process = subprocess.Popen(
            [sys.executable, "-c", SAVE, value, str(hold), str(wait)],
            env=database.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None and process.stdout.readline().strip() == "read"
        started.append(process)
    said = []
    for process in started:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        said.append(out.strip())
    return said


def test_five_saves_of_a_new_figure_at_once_store_the_first_and_refuse_the_others(
    postgresql_database,
):
    database = postgresql_database
    database.run("load", str(world.NAGASAKI), check=True)
    said = saves(database, "40.0", "41.0", "42.0", "43.0", "44.0")
    assert said[0] == "saved"
    assert all(s.startswith("conflict") for s in said[1:]), said
    assert "now: 40" in said[1] and "yours: 41" in said[1]
    assert "[Decimal('40.000000')]" in database.run("shell", "-c", VALUE, check=True).stdout


def test_saves_of_an_existing_figure_based_on_what_changed_since_are_refused(
    postgresql_database,
):
    database = postgresql_database
    database.run("load", str(world.NAGASAKI), check=True)
    assert saves(database, "39.0") == ["saved"]
    said = saves(database, "40.0", "41.0", "42.0")
    assert said[0] == "saved" and all(s.startswith("conflict") for s in said[1:]), said
    assert "[Decimal('40.000000')]" in database.run("shell", "-c", VALUE, check=True).stdout
