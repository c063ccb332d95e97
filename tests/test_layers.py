"""The architecture holds (docs/architecture.md): the import contracts in pyproject.toml, and
faces that do not load each other's templates or template libraries."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import dxplan

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(dxplan.__file__).resolve().parent
FACES = ("portal", "api", "office")


def lint_imports(source: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` with the contracts of pyproject.toml, on the dxplan package under `source`."""
    command = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [command, "--config", ROOT / "pyproject.toml", "--no-cache", "--no-logo"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(source)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_import_contract_is_kept():
    linted = lint_imports(PACKAGE.parent)
    assert linted.returncode == 0, linted.stdout + linted.stderr


def test_a_core_module_importing_django_breaks_a_contract(tmp_path):
    shutil.copytree(PACKAGE, tmp_path / "dxplan", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "dxplan" / "core" / "impure.py").write_text("import django\n", encoding="utf-8")
    linted = lint_imports(tmp_path)
    assert linted.returncode == 1
    assert "dxplan.core.impure -> django" in linted.stdout


LOAD = re.compile(r"{%\s*load\s+(.*?)\s*%}")
NAMED = re.compile(r"""{%\s*(?:extends|include)\s+["']([^"']+)["']""")


def loaded_libraries(template: str) -> set[str]:
    """The libraries a template loads: `{% load a b %}` and `{% load x y from c %}`."""
    libraries = set()
    for arguments in LOAD.findall(template):
        names = arguments.split()
        libraries |= {names[-1]} if "from" in names else set(names)
    return libraries


def cross_face_uses(package: Path) -> list[str]:
    """Each template of a face that loads another face's template library, or extends or
    includes a template in another face's folder."""
    libraries = {
        face: {p.stem for p in (package / face).glob("templatetags/*.py")} for face in FACES
    }
    folders = {
        face: {p.name for p in (package / face).glob("templates/*") if p.is_dir()} for face in FACES
    }
    found = []
    for face in FACES:
        for path in sorted(p for p in (package / face).glob("templates/**/*") if p.is_file()):
            text = path.read_text(encoding="utf-8")
            where = path.relative_to(package)
            named = {name.partition("/")[0] for name in NAMED.findall(text)}
            for other in sorted(set(FACES) - {face}):
                found += [
                    f"{where} loads {other}'s {lib}"
                    for lib in sorted(loaded_libraries(text) & libraries[other])
                ]
                found += [f"{where} uses {other}'s {d}/" for d in sorted(named & folders[other])]
    return found


def test_no_face_loads_another_faces_template_library_or_templates():
    assert cross_face_uses(PACKAGE) == []


def test_a_staff_template_loading_the_public_library_is_found(tmp_path):
    (tmp_path / "portal" / "templatetags").mkdir(parents=True)
    (tmp_path / "portal" / "templatetags" / "dxplan.py").touch()
    (tmp_path / "portal" / "templates" / "portal").mkdir(parents=True)
    (tmp_path / "office" / "templates" / "office").mkdir(parents=True)
    (tmp_path / "office" / "templates" / "office" / "page.html").write_text(
        '{% extends "portal/base.html" %}{% load i18n dxplan %}', encoding="utf-8"
    )
    assert cross_face_uses(tmp_path) == [
        "office/templates/office/page.html loads portal's dxplan",
        "office/templates/office/page.html uses portal's portal/",
    ]


def test_a_library_loaded_with_from_is_the_library_named_last():
    assert loaded_libraries("{% load i18n %}{% load fy in_unit from dxplan_common %}") == {
        "i18n",
        "dxplan_common",
    }
