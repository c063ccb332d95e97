"""The benchmark's plan generator writes valid, reproducible folders (no database, no timing).

The benchmark's numbers are only worth reading if its folders are what a city would load, so the
generated plans go through the same validation as `dxplan load`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from benchmarks import large_plans
from dxplan.io import planschema as schema
from dxplan.io.planfiles import (
    PlanBundle,
    PlanFilesInvalid,
    organisation_slug,
    read_plan_folder,
    walk,
)

NAGASAKI = large_plans.NAGASAKI
to_yaml = large_plans.to_yaml
write_large_plan = large_plans.write_large_plan
write_many_cities = large_plans.write_many_cities


def read(folder: Path) -> PlanBundle:
    """The folder's bundle; on a refusal, the test fails with every error as `dxplan load` says."""
    try:
        return read_plan_folder(folder)
    except PlanFilesInvalid as invalid:
        pytest.fail("\n".join(str(error) for error in invalid.errors))


def problems(folder: Path) -> list[tuple[str, str, str]]:
    """What validation says about a folder, without line numbers (a rewritten block may move
    lines). A crash counts as a finding too: while the importer is being changed, a copy must
    still behave exactly as its original."""
    try:
        read_plan_folder(folder)
    except PlanFilesInvalid as invalid:
        return [(error.file, error.field, error.en) for error in invalid.errors]
    except Exception as error:
        return [("crash", type(error).__name__, str(error))]
    return []


def indicators(bundle: PlanBundle) -> list[schema.Indicator]:
    return [
        indicator
        for version in bundle.versions.values()
        for node, _parent, _loc in walk(version.nodes)
        for indicator in node.indicators
    ]


def files(directory: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def organisation(folder: Path) -> dict:
    """The organisation block as written, read without the plan's validation."""
    return yaml.safe_load((folder / "plan.yaml").read_text(encoding="utf-8"))["organisation"]


def test_the_large_plan_loads_and_has_exactly_the_requested_indicators(tmp_path):
    bundle = read(write_large_plan(tmp_path / "large", 30))

    assert len(indicators(bundle)) == 30
    assert bundle.plan.organisation.code == "990001"
    assert organisation_slug(bundle.plan.organisation) == "large-city"
    assert bundle.surveys is None  # the survey format is changing; the large plan stays out of it
    kinds = {node.kind for node, _, _ in walk(bundle.versions["2025-2027"].nodes)}
    assert kinds == {"domain", "field", "vision", "policy", "measure", "initiative"}


def test_a_tree_with_several_domains_keeps_codes_unique(tmp_path, monkeypatch):
    """Small fan-outs give a deep, wide tree from few indicators: duplicated codes would be
    refused by the validation."""
    for name in ("MEASURES_PER_POLICY", "POLICIES_PER_VISION", "VISIONS_PER_FIELD"):
        monkeypatch.setattr(large_plans, name, 2)
    monkeypatch.setattr(large_plans, "FIELDS_PER_DOMAIN", 2)

    bundle = read(write_large_plan(tmp_path / "large", 30, code="990002", slug="deep"))

    assert len(bundle.plan.domains) == 2
    assert len(indicators(bundle)) == 30


def test_every_value_is_one_a_city_could_publish(tmp_path):
    bundle = read(write_large_plan(tmp_path / "large", 100))
    start, end = bundle.plan.plan.period.start, bundle.plan.plan.period.end

    for indicator in indicators(bundle):
        assert 1 <= len(indicator.series) <= 2
        for series in indicator.series:
            low, high = sorted((series.baseline.value, series.target.value))
            assert start <= series.baseline.year <= series.target.year <= end
            assert 1 <= len(series.observations) <= 2
            if indicator.direction == "decrease":
                assert series.target.value < series.baseline.value
            else:
                assert series.target.value > series.baseline.value
            for observation in series.observations:
                assert series.baseline.year < observation.year <= end
                assert low <= observation.value <= high
            if indicator.unit == "%":
                assert low >= 0 and high <= 100


def test_the_same_arguments_give_the_same_bytes(tmp_path):
    first = write_large_plan(tmp_path / "a", 30, code="990003", slug="same")
    second = write_large_plan(tmp_path / "b", 30, code="990003", slug="same")

    assert files(first) == files(second)
    assert files(first) != files(write_large_plan(tmp_path / "c", 31, code="990003", slug="same"))


def test_the_yaml_reads_back_as_the_data_written():
    data = {
        "text": {"ja": "全角：「引用」", "en": 'a "quoted": text, with [brackets] #1'},
        "words": ["yes", "No", "null", "on", "1-1", "R6", "2025-2027", "tab\there"],
        "numbers": {"tenths": 36.3, "whole": 50.0, "count": 5_000_000_000},
        "empty": [],
        "nested": [{"key": "total", "points": [{"year": 2024, "value": "1,200件"}]}],
    }

    assert yaml.safe_load(to_yaml(data)) == data


def test_city_copies_load_under_distinct_organisations(tmp_path):
    """Copies of a plan that is valid whatever the survey format becomes."""
    source = write_large_plan(tmp_path / "source", 5)

    folders = write_many_cities(tmp_path / "cities", 3, source=source)

    bundles = [read(folder) for folder in folders]
    codes = [bundle.plan.organisation.code for bundle in bundles]
    slugs = [organisation_slug(bundle.plan.organisation) for bundle in bundles]
    names = [bundle.plan.organisation.name.en for bundle in bundles]
    assert len(set(codes)) == len(set(slugs)) == len(set(names)) == 3
    assert all(len(code) == 6 and code.startswith("99") for code in codes)
    assert all(len(indicators(bundle)) == 5 for bundle in bundles)


def test_nagasaki_copies_differ_from_nagasaki_only_in_the_organisation(tmp_path):
    """Each copy is validated exactly as data/nagasaki is now: while the format is being
    changed, an error in data/nagasaki shows in its copies too, but a copy adds none."""
    folders = write_many_cities(tmp_path / "cities", 3)

    original = files(NAGASAKI)
    expected = problems(NAGASAKI)
    for folder in folders:
        copy = files(folder)
        assert copy.keys() == original.keys()
        assert {k: v for k, v in copy.items() if k != "plan.yaml"} == {
            k: v for k, v in original.items() if k != "plan.yaml"
        }
        assert problems(folder) == expected
    organisations = [organisation(folder) for folder in folders]
    codes = {str(o["code"]) for o in organisations}
    assert len(codes) == len({o["slug"] for o in organisations}) == 3
    assert organisation(NAGASAKI)["code"] not in codes
    assert all(len(code) == 6 and code.startswith("99") for code in codes)
    without_organisation = yaml.safe_load(original["plan.yaml"])
    without_organisation.pop("organisation")
    for folder in folders:
        rest = yaml.safe_load((folder / "plan.yaml").read_bytes())
        rest.pop("organisation")
        assert rest == without_organisation


def test_city_copies_are_reproducible(tmp_path):
    first = write_many_cities(tmp_path / "a", 2)
    second = write_many_cities(tmp_path / "b", 2)

    assert [files(f) for f in first] == [files(f) for f in second]


def test_the_command_line_writes_a_loadable_folder(tmp_path, capsys):
    large_plans.main(["generate", "large", str(tmp_path / "cli"), "--indicators", "3"])

    assert capsys.readouterr().out.strip() == str(tmp_path / "cli")
    assert len(indicators(read(tmp_path / "cli"))) == 3
