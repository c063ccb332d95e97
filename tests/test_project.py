"""Project-wide contracts: migrations, settings, system checks, the Japanese catalogue."""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.core.checks import run_checks
from django.core.management import call_command

import dxplan

PACKAGE = Path(dxplan.__file__).parent
CATALOGUE = PACKAGE / "locale" / "ja" / "LC_MESSAGES" / "django.po"


def require(tool: str) -> None:
    """Skip where a system tool is missing locally; under CI a missing tool is a failure."""
    if shutil.which(tool) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is required in CI")
        pytest.skip(f"{tool} is not installed")


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_every_ui_string_is_translated_into_japanese_and_compiled():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [e.msgid for e in catalogue if not e.msgstr or "fuzzy" in e.flags]
    assert untranslated == []
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    assert {e.msgid: e.msgstr for e in compiled} == {e.msgid: e.msgstr for e in catalogue}


def test_makemessages_would_not_change_the_japanese_catalogue(tmp_path):
    require("xgettext")
    copy = tmp_path / "dxplan"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "migrations"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "ja",
            "--no-obsolete",
            "--no-location",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "dxplan.settings"},
    )
    fresh = polib.pofile(str(copy / "locale" / "ja" / "LC_MESSAGES" / "django.po"))
    committed = polib.pofile(str(CATALOGUE))
    assert sorted(e.msgid for e in fresh) == sorted(e.msgid for e in committed)


def test_system_checks_pass_with_the_default_settings(settings, tmp_path):
    settings.DATA_DIR, settings.SECRET_KEY_MISSING = tmp_path, False
    assert [m for m in run_checks() if m.id and m.id.startswith("dxplan.")] == []


def test_what_init_makes_is_reported_missing_by_the_checks(settings, tmp_path):
    settings.DEBUG, settings.SECRET_KEY_MISSING = False, True
    settings.DATA_DIR = tmp_path / "missing"
    sqlite = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    expected = ["dxplan.E002", "dxplan.W002"] if sqlite else ["dxplan.W002"]  # E002: its folder
    assert [m.id for m in run_checks() if m.id.startswith("dxplan.")] == expected


def test_an_empty_host_list_is_reported_before_the_first_request(settings, tmp_path):
    settings.DATA_DIR, settings.SECRET_KEY_MISSING = tmp_path, False
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = []
    assert [m.id for m in run_checks() if m.id.startswith("dxplan.")] == ["dxplan.E001"]
    settings.ALLOWED_HOSTS = ["*"]
    assert [m.id for m in run_checks() if m.id.startswith("dxplan.")] == ["dxplan.W001"]


def run_settings(env: dict[str, str], expression: str) -> str:
    """Evaluate an expression against dxplan.settings imported in a fresh interpreter."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DXPLAN_", "DATABASE_"))}
    result = subprocess.run(
        [sys.executable, "-c", f"import dxplan.settings as s; print({expression})"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_settings_default_to_production_safe_values_and_importing_them_writes_nothing(tmp_path):
    data = tmp_path / "var"
    env = {"DXPLAN_DATA_DIR": str(data)}
    assert run_settings(env, "s.DEBUG") == "False"
    assert run_settings(env, "s.DATABASES['default']['ENGINE']") == "django.db.backends.sqlite3"
    assert run_settings(env, "s.DATABASES['default']['NAME']") == str(data / "dxplan.sqlite3")
    assert run_settings(env, "s.SECRET_KEY_MISSING") == "True"
    assert not data.exists()


def dxplan(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DXPLAN_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-m", "dxplan", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_init_creates_the_data_folder_key_and_database_for_their_owner_only(tmp_path):
    data = tmp_path / "var"
    env = {"DXPLAN_DATA_DIR": str(data)}
    assert dxplan(env, "init").returncode == 0
    key = (data / "secret_key").read_text()
    assert len(key) > 40 and run_settings(env, "s.SECRET_KEY") == key
    assert run_settings(env, "s.SECRET_KEY_MISSING") == "False"
    assert dxplan(env, "migrate", "-v0").returncode == 0
    assert dxplan(env, "load", "data/nagasaki").returncode == 0
    modes = {p.name: p.stat().st_mode & 0o777 for p in [data, *data.iterdir()] if p.is_file()}
    assert data.stat().st_mode & 0o777 == 0o700
    assert modes and set(modes.values()) == {0o600}, modes  # the key, the database, its log
    assert {"secret_key", "dxplan.sqlite3"} <= set(modes)
    with sqlite3.connect(data / "dxplan.sqlite3") as database:  # readers never wait for writers
        assert database.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    (data / "dxplan.sqlite3").chmod(0o644)
    assert dxplan(env, "init").returncode == 0  # again: repairs, keeps the key
    assert (data / "dxplan.sqlite3").stat().st_mode & 0o777 == 0o600
    assert (data / "secret_key").read_text() == key


def test_processes_started_together_agree_on_one_key(tmp_path):
    data = tmp_path / "var"
    env = {"DXPLAN_DATA_DIR": str(data)}
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DXPLAN_", "DATABASE_"))}
    inits = [
        subprocess.Popen(
            [sys.executable, "-m", "dxplan", "init"],
            env={**clean, **env},
            stdout=subprocess.DEVNULL,
        )
        for _ in range(5)
    ]
    assert [p.wait() for p in inits] == [0] * 5
    key = (data / "secret_key").read_text()
    assert {run_settings(env, "s.SECRET_KEY") for _ in range(3)} == {key}


def test_a_command_run_from_another_folder_never_starts_a_second_database(tmp_path):
    data = tmp_path / "elsewhere" / "var"
    result = dxplan({"DXPLAN_DATA_DIR": str(data)}, "load", "data/nagasaki")
    assert result.returncode != 0
    assert "dxplan init" in result.stderr and str(data) in result.stderr
    assert "Traceback" not in result.stderr
    assert not data.exists()


def test_serve_refuses_to_start_without_a_secret_key(tmp_path):
    env = {"DXPLAN_DATA_DIR": str(tmp_path)}
    assert dxplan(env, "migrate", "-v0").returncode == 0
    result = dxplan(env, "serve", "--port", "0")
    assert result.returncode == 1
    assert "dxplan init" in result.stderr and "Traceback" not in result.stderr


def test_settings_come_from_the_environment_and_secret_files(tmp_path):
    secret = tmp_path / "key"
    secret.write_text("from-a-file\n")
    env = {
        "DXPLAN_DATA_DIR": str(tmp_path),
        "DXPLAN_DEBUG": "true",
        "DXPLAN_ALLOWED_HOSTS": "dx.example.jp, www.example.jp",
        "DXPLAN_SECRET_KEY_FILE": str(secret),
        "DATABASE_URL": "postgres://u:p@db.example:5432/dxplan",
    }
    assert run_settings(env, "s.DEBUG") == "True"
    assert run_settings(env, "s.ALLOWED_HOSTS") == "['dx.example.jp', 'www.example.jp']"
    assert run_settings(env, "s.SECRET_KEY") == "from-a-file"
    assert run_settings(env, "s.DATABASES['default']['ENGINE']") == (
        "django.db.backends.postgresql"
    )
