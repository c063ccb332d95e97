"""Project-wide contracts: migrations, settings, system checks, the Japanese catalogue."""

import os
import shutil
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


def test_system_checks_pass_with_the_default_settings():
    assert [m for m in run_checks() if m.id and m.id.startswith("dxplan.")] == []


def test_an_empty_host_list_is_reported_before_the_first_request(settings):
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


def test_settings_default_to_production_safe_values(tmp_path):
    env = {"DXPLAN_DATA_DIR": str(tmp_path)}
    assert run_settings(env, "s.DEBUG") == "False"
    assert run_settings(env, "s.DATABASES['default']['ENGINE']") == "django.db.backends.sqlite3"
    assert run_settings(env, "s.DATABASES['default']['NAME']") == str(tmp_path / "dxplan.sqlite3")
    key = run_settings(env, "s.SECRET_KEY")
    assert len(key) > 40
    assert run_settings(env, "s.SECRET_KEY") == key  # generated once, then kept
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


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
