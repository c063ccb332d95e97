"""Helpers for the plan-file tests: edit a copied folder, collect what reading it reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dxplan.io.planfiles import PlanFileError, PlanFilesInvalid, read_plan_folder

# A plan shaped 基本目標 → 施策 → 事業 with a 2035 vision (docs/plan-format.md, `levels:`).
KAWABE = Path(__file__).resolve().parent / "fixtures" / "kawabe"


def copy_of(folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / folder.name
    shutil.copytree(folder, target)
    return target


def errors_for(folder: Path) -> list[PlanFileError]:
    with pytest.raises(PlanFilesInvalid) as invalid:
        read_plan_folder(folder)
    return invalid.value.errors


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_containing(path: Path, needle: str) -> int:
    return next(
        i
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in line
    )
