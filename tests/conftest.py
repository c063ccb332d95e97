import pytest

from tests import world


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Both plans are loaded once; each test runs in a transaction that is rolled back."""
    with django_db_blocker.unblock():
        world.load(world.NAGASAKI)
        world.load(world.MINATO)


@pytest.fixture(autouse=True)
def _pages_not_cached(settings):
    """Each test sees its own changes at once: its transaction is rolled back, never committed,
    so the page cache (forgotten on commit) would never hear of them. tests/test_freshness.py
    turns the cache on."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    """The test world's people get passwords hashed in microseconds, not PBKDF2's 0.3 s each:
    the staff tests sign several in per test. The served site keeps the real hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def ja(settings):
    from django.utils import translation

    with translation.override("ja"):
        yield


@pytest.fixture
def en():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The real thing: `dxplan migrate`, `dxplan load data/nagasaki`, `dxplan serve` (gunicorn)
    in a separate process on its own SQLite database, as `make demo` runs it; with a town of
    another shape, and a generated plan large enough to be read a page at a time."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    data_dir = tmp_path_factory.mktemp("served")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DXPLAN_", "DATABASE_"))}
    env.update(DXPLAN_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="dxplan.settings")
    command = [sys.executable, "-m", "dxplan"]
    subprocess.run([*command, "init"], env=env, check=True, capture_output=True)
    subprocess.run([*command, "migrate", "-v0"], env=env, check=True)
    from benchmarks.large_plans import write_large_plan

    large = write_large_plan(data_dir / "large-plan", 200)  # 620 nodes: pages of tree and list
    for folder in (world.NAGASAKI, world.SAKURA, large):
        subprocess.run([*command, "load", str(folder)], env=env, check=True, capture_output=True)
    # as `make demo` does: the fictitious actuals, so pages show statuses, charts and tables
    sample = world.ROOT / "data" / "nagasaki-sample" / "actuals.csv"
    subprocess.run(
        [*command, "actuals", "import", str(sample), "--publish"],
        env=env,
        check=True,
        capture_output=True,
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [*command, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError(server.stdout.read().decode()) from None
            time.sleep(0.2)
    served_environment["env"] = env
    yield base
    server.terminate()
    server.wait(timeout=10)


served_environment: dict = {}  # the served site's environment, for commands run against it


@pytest.fixture(scope="session")
def served_staff(served_site):
    """A staff user of the served site (`dxplan ensureadmin`): its name and password."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "dxplan", "ensureadmin", "--username", "staff-browser"],
        env=served_environment["env"],
        check=True,
        capture_output=True,
        text=True,
    )
    password = result.stdout.split("staff-browser / ")[1].split()[0]
    return "staff-browser", password


@pytest.fixture
def town(db):
    """The small plan built in code, with a DX-office editor, a department editor, a citizen."""
    return world.Town()
