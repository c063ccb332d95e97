"""One pass reports every problem of every file, in the user's terms; nothing crashes or hangs."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
import yaml

from dxplan.io import planschema
from dxplan.io.planfiles import PlanFilesInvalid, read_plan_folder
from dxplan.io.yamlfile import MAX_NODES
from tests import world

from .helpers import edit, errors_for, line_containing

BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
nodes: *i
"""


def merge_bomb() -> str:
    """The same explosion through merge keys, which stay allowed for small defaults."""
    lines = ["l0: &l0 {a: lol, b: lol}"]
    for n in range(1, 10):
        keys = ", ".join(f"k{j}: {{<<: *l{n - 1}}}" for j in range(9))
        lines.append(f"l{n}: &l{n} {{{keys}}}")
    return "\n".join([*lines, "nodes: []", ""])


# Everything in one pass.


def test_an_invalid_plan_yaml_does_not_hide_the_version_files_errors(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "plan.yaml", '  code: "999991"', '  code: "99"')
    edit(folder / "versions" / "first.yaml", "direction: increase", "direction: upward")
    edit(folder / "versions" / "second.yaml", "unit: 件", "unit: 件\n                        x: 1")
    edit(folder / "surveys.yaml", "base: 400", "base: many")
    edit(folder / "mappings" / "first--second.yaml", "relation: retired", "relation: gone")
    files = sorted(e.file for e in errors_for(folder))
    assert files == [
        "mappings/first--second.yaml",
        "plan.yaml",
        "surveys.yaml",
        "versions/first.yaml",
        "versions/second.yaml",
    ]


def test_cross_file_checks_still_run_when_plan_yaml_is_invalid(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "plan.yaml", '  code: "999991"', '  code: "99"')
    edit(folder / "mappings" / "first--second.yaml", "to: measure/1-1", "to: measure/9-9")
    (folder / "versions" / "third.yaml").write_text("nodes: []\n", encoding="utf-8")
    found = {(e.file, e.field) for e in errors_for(folder)}
    assert ("plan.yaml", "organisation.code") in found
    assert ("mappings/first--second.yaml", "links[0].to") in found
    assert ("versions/third.yaml", "") in found  # not listed in plan.yaml


def test_when_plan_yaml_cannot_be_parsed_every_version_file_is_still_checked(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    (folder / "plan.yaml").write_text("organisation: [unclosed\n", encoding="utf-8")
    edit(folder / "versions" / "second.yaml", "kind: cumulative", "kind: running")
    files = {e.file for e in errors_for(folder)}
    assert files == {"plan.yaml", "versions/second.yaml"}


def test_a_broken_version_file_adds_no_follow_on_errors_elsewhere(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    (folder / "versions" / "second.yaml").write_text("nodes: {\n", encoding="utf-8")
    [error] = errors_for(folder)  # the mapping into it is not reported as pointing nowhere
    assert error.file == "versions/second.yaml"


def test_a_list_where_a_mapping_belongs_is_explained_plainly(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(
        folder / "versions" / "first.yaml",
        "      - kind: policy",
        "      - policy\n      - kind: policy",
    )
    [error] = errors_for(folder)
    assert (error.field, error.line) == ("nodes[0].children[0]", 6)
    assert error.en == "Expected a mapping (key: value)."  # not "... or instance of Node"
    assert "対応付け" in error.ja


@pytest.mark.parametrize(
    ("file", "old", "new", "hint"),
    [
        ("plan.yaml", '  code: "999991"', "  code: yes", "put it in quotes"),
        ("surveys.yaml", "- {code: 'yes',", "- {code: yes,", "put it in quotes"),
        (
            "versions/first.yaml",
            '    code: "1"\n    name: {ja: 便利な町',
            "    name: {ja: 便利な町",
            "required",
        ),
        ("versions/first.yaml", "  - key: total", "  - key: 1.5", 'such as "1.1"'),
    ],
)
def test_type_errors_read_as_advice(tmp_path, file, old, new, hint):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / file, old, new)
    [error] = errors_for(folder)
    assert hint in error.en, error


# Corrupted folders: errors only, in plain words.

FILES = [
    "plan.yaml",
    "versions/first.yaml",
    "versions/second.yaml",
    "mappings/first--second.yaml",
    "surveys.yaml",
]
REPLACEMENTS = [[], {}, "text", 12, -3.5, None, True, [1, {"a": 2}], {"ja": "x"}, "１２３％"]
# Words that only an internal error would print.
INTERNAL = re.compile(
    r"Traceback|LineDict|LineList|pydantic|function-|instance of|_type\b|<class|Decimal|NoneType"
    r"|Error\b|\b(Node|Indicator|Observation|Strict|Point)\b"
    r"|\b("
    + "|".join(
        name
        for name in dir(planschema)
        if isinstance(getattr(planschema, name), type)
        and issubclass(getattr(planschema, name), planschema.BaseModel)
        and sum(c.isupper() for c in name) > 1
    )
    + r")\b"
)


def _paths(data, prefix=()):
    """Every (container, key) of a loaded YAML document."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield data, key
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield data, index
            yield from _paths(value, (*prefix, index))


def corrupt(text: str, how: str, rng: random.Random) -> str:
    if how == "truncate":
        return text[: rng.randrange(len(text))]
    data = yaml.safe_load(text)
    container, key = rng.choice(list(_paths(data)))
    if how == "delete":
        del container[key]
    else:
        container[key] = rng.choice(REPLACEMENTS)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


VARIANTS = [(FILES[i % len(FILES)], ("delete", "retype", "truncate")[i % 3], i) for i in range(45)]


@pytest.mark.parametrize(("file", "how", "seed"), VARIANTS)
def test_a_corrupted_folder_is_reported_never_crashes(tmp_path, file, how, seed):
    folder = tmp_path / "minato"
    shutil.copytree(world.MINATO, folder)
    path = folder / file
    path.write_text(corrupt(path.read_text(encoding="utf-8"), how, random.Random(seed)), "utf-8")
    try:
        read_plan_folder(folder)
    except PlanFilesInvalid as invalid:
        assert invalid.errors
        for error in invalid.errors:
            assert error.file and error.ja and error.en
            for message in (error.ja, error.en, error.field):
                assert not INTERNAL.search(message), error


# YAML that would make reading hang.


@pytest.mark.parametrize("document", [BILLION_LAUGHS, merge_bomb()], ids=["aliases", "merges"])
def test_an_alias_bomb_is_refused(tmp_path, document):
    folder = world.copy_of_minato(tmp_path)
    assert len(document) < 2500
    (folder / "versions" / "first.yaml").write_text(document, encoding="utf-8")
    [error] = errors_for(folder)
    assert error.file == "versions/first.yaml" and error.line
    assert "alias" in error.en and "write the content out" in error.en
    assert "別名" in error.ja


def test_the_alias_bomb_is_refused_before_it_expands(tmp_path):
    """The node cap is what makes this safe: a document expanding beyond it never reaches
    construction or validation (where 9^9 items would take hours)."""
    folder = world.copy_of_minato(tmp_path)
    (folder / "surveys.yaml").write_text(merge_bomb(), encoding="utf-8")
    [error] = errors_for(folder)
    assert f"{MAX_NODES:,}" in error.en


def test_a_small_merge_of_defaults_is_allowed(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    path = folder / "versions" / "second.yaml"
    edit(path, "nodes:\n", "x-total: &total {key: total, name: {ja: 全体, en: Total}}\nnodes:\n")
    text = path.read_text(encoding="utf-8").replace(
        "- key: total\n                            name: {ja: 全体, en: Total}\n",
        "- <<: *total\n",
    )
    path.write_text(text.replace("x-total: &total", "note: &total", 1), encoding="utf-8")
    errors = errors_for(folder)  # `note` must be a text: the merge itself is fine
    assert [e.field for e in errors] == ["note"]


def test_deep_nesting_is_refused_with_its_line(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    (folder / "surveys.yaml").write_text("surveys: " + "[" * 500 + "]" * 500, encoding="utf-8")
    [error] = errors_for(folder)
    assert "too deeply" in error.en and error.line == 1


# Quoting.


@pytest.mark.parametrize(
    "broken",
    [
        "name: {ja: みなと町スマートタウン計画, en: Minato: a smart town}",
        "name: {ja: みなと町スマートタウン計画, en: Minato's [smart] town}",
    ],
)
def test_a_syntax_error_in_a_flow_text_suggests_quoting(tmp_path, broken):
    folder = world.copy_of_minato(tmp_path)
    path = folder / "plan.yaml"
    edit(path, "name: {ja: みなと町スマートタウン計画, en: Minato Smart Town Plan}", broken)
    [error] = errors_for(folder)
    assert error.line == line_containing(path, broken)
    assert "double quotes" in error.en and "引用符" not in error.ja and '"…"' in error.ja


def test_a_comma_in_a_flow_text_suggests_quoting(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    path = folder / "plan.yaml"
    edit(path, "en: Minato Smart Town Plan}", "en: Minato Smart Town Plan, 2023-2028}")
    [error] = errors_for(folder)
    assert error.field == "plan.name.2023-2028"
    assert "double quotes" in error.en


def test_a_quoted_text_with_a_colon_reads(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    edit(folder / "plan.yaml", "en: Minato Smart Town Plan}", 'en: "Minato: a smart town, 2023"}')
    assert read_plan_folder(folder).plan.plan.name.en == "Minato: a smart town, 2023"


def test_a_folder_entry_that_is_a_directory_is_reported(tmp_path):
    folder = world.copy_of_minato(tmp_path)
    (folder / "surveys.yaml").unlink()
    Path(folder / "surveys.yaml").mkdir()
    [error] = errors_for(folder)
    assert error.file == "surveys.yaml" and "cannot be read" in error.en
