"""Where the public figures sit: every face may read dxplan.figures, no app does, and it reads
no face; plans read plans only (what they carry of indicators is indicators.queries')."""

import ast
from pathlib import Path

import dxplan

SRC = Path(dxplan.__file__).parent
APPS = ["core", "plans", "indicators", "surveys", "audit", "accounts"]
FACES = ["portal", "api", "office"]


def imports(package: str) -> list[tuple[str, str]]:
    """(file, module) for every absolute import under a package of dxplan, migrations aside."""
    found = []
    for path in (SRC / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found += [(path.name, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.append((path.name, node.module))
    return found


def under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_no_app_imports_the_public_figures():
    assert [
        (app, f, m) for app in APPS for f, m in imports(app) if under(m, "dxplan.figures")
    ] == []


def test_the_public_figures_import_no_face():
    faces = [f"dxplan.{face}" for face in FACES]
    assert [(f, m) for f, m in imports("figures") if any(under(m, p) for p in faces)] == []


def test_plans_import_nothing_of_indicators():
    assert [(f, m) for f, m in imports("plans") if under(m, "dxplan.indicators")] == []
