"""The fast YAML path (rapidyaml) reads exactly what the PyYAML reference reads.

Same values of the same types, the same lines of mappings, keys and items, the same errors word
for word; whatever the fast path is not sure of falls back to PyYAML (docs/decisions/0006).
"""

from __future__ import annotations

import math
import os

import pytest
import yaml
from benchmarks.large_plans import write_large_plan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxplan.io import yamlfile
from dxplan.io.yamlfile import (
    _FALLBACK,
    LineDict,
    LineList,
    YamlError,
    _read_fast,
    parse_yaml,
    parse_yaml_reference,
    read_yaml,
)
from tests import world

from .test_plan_files_robust import BILLION_LAUGHS, merge_bomb

ROOT = world.ROOT
PLAN_FILES = sorted(
    path.relative_to(ROOT)
    for pattern in (
        "data/nagasaki/**/*.yaml",
        "tests/fixtures/**/*.yaml",
        "tests/io/fixtures/**/*.yaml",
    )
    for path in ROOT.glob(pattern)
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


def difference(fast, reference, where="file") -> str | None:
    """Where two read documents differ in value, type or line; None when they are the same."""
    if type(fast) is not type(reference):
        return (
            f"{where}: {type(fast).__name__} {fast!r} != {type(reference).__name__} {reference!r}"
        )
    if isinstance(reference, LineDict):
        if list(fast) != list(reference):
            return f"{where}: keys {list(fast)} != {list(reference)}"
        if (fast.line, fast.key_lines) != (reference.line, reference.key_lines):
            mine, theirs = (fast.line, fast.key_lines), (reference.line, reference.key_lines)
            return f"{where}: lines {mine} != {theirs}"
        pairs = [(fast[key], reference[key], f"{where}.{key}") for key in reference]
    elif isinstance(reference, LineList):
        if len(fast) != len(reference):
            return f"{where}: {len(fast)} items != {len(reference)}"
        if (fast.line, fast.item_lines) != (reference.line, reference.item_lines):
            mine, theirs = (fast.line, fast.item_lines), (reference.line, reference.item_lines)
            return f"{where}: lines {mine} != {theirs}"
        pairs = [
            (a, b, f"{where}[{i}]") for i, (a, b) in enumerate(zip(fast, reference, strict=True))
        ]
    else:
        same = fast == reference or (
            isinstance(fast, float) and math.isnan(fast) and math.isnan(reference)
        )
        return None if same else f"{where}: {fast!r} != {reference!r}"
    for a, b, here in pairs:
        if found := difference(a, b, here):
            return found
    return None


def outcome(parse, text: str):
    try:
        return "read", parse(text)
    except YamlError as error:
        return "refused", (error.ja, error.en, error.line)


def assert_reads_as_reference(text: str) -> None:
    fast, reference = outcome(parse_yaml, text), outcome(parse_yaml_reference, text)
    assert fast[0] == reference[0], (text, fast, reference)
    if fast[0] == "read":
        assert difference(fast[1], reference[1]) is None, (text, difference(fast[1], reference[1]))
    else:
        assert fast[1] == reference[1], text


# Every plan file of the project takes the fast path and reads as PyYAML reads it.


@pytest.mark.parametrize("relative", PLAN_FILES, ids=str)
@pytest.mark.parametrize("node_array", [True, False], ids=["node-array", "python-api"])
def test_every_plan_file_reads_fast_as_pyyaml_reads_it(relative, node_array):
    data = (ROOT / relative).read_bytes()
    fast = _read_fast(data, node_array=node_array)
    assert fast is not _FALLBACK
    assert difference(fast, parse_yaml_reference(data.decode("utf-8"))) is None


def test_a_generated_large_plan_reads_fast_as_pyyaml_reads_it(tmp_path):
    folder = write_large_plan(tmp_path / "large", indicators=60)
    for path in sorted(folder.rglob("*.yaml")):
        data = path.read_bytes()
        fast = _read_fast(data)
        assert fast is not _FALLBACK, path
        assert difference(fast, parse_yaml_reference(data.decode("utf-8"))) is None


def test_read_yaml_takes_the_fast_path(monkeypatch):
    def no_pyyaml(text):
        raise AssertionError("PyYAML was used")

    monkeypatch.setattr(yamlfile, "parse_yaml_reference", no_pyyaml)
    assert read_yaml(world.MINATO / "plan.yaml")["organisation"]["code"] == "999991"


# Generated documents: PyYAML's own output in every style, and hand-written styles.

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, width=32),
    st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), max_size=10),
    st.sampled_from(
        [
            "yes",
            "no",
            "on",
            "off",
            "~",
            "null",
            "1_000",
            "0x1F",
            "017",
            ".inf",
            ".nan",
            "1:30",
            "2024-06",
            "2024-06-01",
            "R7",
            "令和7年度",
            "１２３％",
            "45,161件",
            "1e3",
            "+1",
            "=",
            "<<",
            "",
            " ",
            "a: b",
            "- x",
            "#x",
            "x #y",
            "'q'",
            '"d"',
            "a\nb",
            "a\n\nb",
            "  lead",
            "trail  ",
            "\\",
            "@x",
            "`x",
            "%x",
            "!x",
            "&x",
            "*x",
            "|",
            ">",
            "?",
            "[x]",
            "{x}",
            "x,y",
            "\t",
            "é",
            "…",
            "\u3000",
            "子育て政策課",
        ]
    ),
)
KEYS = st.one_of(
    st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=8),
    st.integers(-100, 100),
    st.booleans(),
    st.sampled_from(["kind", "code", "name", "ja", "en", "1", "1.5", "yes", "a b", "a: b", "？"]),
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=4)
    ),
    max_leaves=15,
)


@SETTINGS
@given(
    DOCUMENTS,
    st.sampled_from([False, True, None]),
    st.sampled_from([None, '"', "'", "|", ">"]),
    st.sampled_from([80, 20, 8]),
    st.booleans(),
)
def test_pyyaml_output_in_any_style_reads_the_same(document, flow, style, width, unicode):
    try:
        text = yaml.safe_dump(
            document,
            default_flow_style=flow,
            default_style=style,
            width=width,
            allow_unicode=unicode,
            sort_keys=False,
        )
    except yaml.YAMLError:
        return
    assert_reads_as_reference(text)


PLAIN = [
    "x", "measure", "1", "1.5", "-3", "1_000", "0x1F", ".inf", "yes", "Off", "~", "null",
    "2024-06", "R7", "令和7年度", "子育て政策課", "a b", "a:b", "http://x.y/z", "x#y",
    "Plan, 2023", "it's", "１２３％", "45,161件", "-x", "ｶﾅ",
]  # fmt: skip
TEXTS = ["", "x", "a b", "子育て", "it's", 'say "hi"', "a: b", "# no", "- x", "[x]", "  lead", "é"]
ESCAPES = ["\\t", "\\n", "\\x41", "\\u00e9", "\\\\", '\\"', "a\\ b", "\\/", "\\0", "\\N", "\\_"]
BLOCK_LINES = ["text", "more text", "", "  indented", "子育て", "# not a comment", "- not an item"]
KEY_TEXTS = [
    "kind", "code", "name", "ja", "en", "1", "yes", "x y", "'quoted'", '"dq"', '"a\\tb"',
    "'it''s'", "子", "null", "1.5", "a\n b", '"a\n b"',
]  # fmt: skip
COMMENTS = ["", "", "", " # c", "  # コメント"]
GAPS = ["", "", "", "\n", "# note\n", "\n  # x\n"]


@st.composite
def yaml_texts(draw):
    """YAML text in the styles people write: block and flow, quoting, comments, blank lines,
    block scalars, indentless and compact lists. Not always valid: then both must refuse it."""
    pick = lambda options: draw(st.sampled_from(options))  # noqa: E731

    def scalar(indent, flow):
        kind = pick(["plain", "plain", "sq", "dq", "escape", "lines", *([] if flow else ["block"])])
        if kind == "plain":
            return pick(PLAIN)
        if kind == "sq":
            return "'" + pick(TEXTS).replace("'", "''") + "'"
        if kind == "dq":
            return '"' + pick(TEXTS).replace("\\", "\\\\").replace('"', '\\"') + '"'
        if kind == "escape":
            return '"' + pick(ESCAPES) + '"'
        if kind == "lines":
            quote = pick(["", "'", '"'])
            words = draw(st.lists(st.sampled_from(["one", "two", "三", "four  "]), min_size=2))
            return quote + ("\n" + " " * (indent + pick([1, 2]))).join(words).strip() + quote
        lines = draw(st.lists(st.sampled_from(BLOCK_LINES), min_size=1, max_size=4))
        body = "".join((" " * (indent + 2) + line if line else "") + "\n" for line in lines)
        return pick(["|", ">", "|-", ">-", "|+", "|2"]) + pick(COMMENTS) + "\n" + body.rstrip("\n")

    def flow(depth, indent):
        kind = "scalar" if depth > 3 else pick(["scalar", "map", "seq"])
        if kind == "scalar":
            return scalar(indent, True)
        separator = pick([", ", ",", ",\n" + " " * (indent + 2)])
        count = draw(st.integers(0, 3))
        if kind == "map":
            items = [
                pick(KEY_TEXTS)
                + pick([": ", ":\n" + " " * (indent + 2)])
                + flow(depth + 1, indent + 2)
                for _ in range(count)
            ]
            return (
                "{"
                + pick(["", " ", "\n" + " " * (indent + 2)])
                + separator.join(items)
                + pick(["", " ", ","])
                + "}"
            )
        items = [flow(depth + 1, indent + 2) for _ in range(count)]
        return (
            "["
            + pick(["", " ", "\n" + " " * (indent + 2)])
            + separator.join(items)
            + pick(["", " ", ","])
            + "]"
        )

    def after_key(depth, indent):
        kind = "scalar" if depth > 3 else pick(["scalar", "map", "seq", "flow", "empty"])
        if kind == "empty":
            return pick(COMMENTS)
        if kind == "scalar":
            return " " + scalar(indent, False) + pick(COMMENTS)
        if kind == "flow":
            return " " + flow(depth, indent) + pick(COMMENTS)
        head = pick(COMMENTS) + "\n" + pick(GAPS)
        if kind == "map":
            return head + block_map(depth + 1, indent + pick([2, 4, 1]))
        return head + block_seq(depth + 1, indent + pick([0, 2]))  # 0: indentless

    def block_map(depth, indent, inline=False):
        lines = []
        for index in range(draw(st.integers(1, 3))):
            pad = "" if index == 0 and inline else " " * indent
            lines.append(
                pad + pick(KEY_TEXTS) + pick([":", " :"]) + after_key(depth, indent) + "\n"
            )
            lines.append(pick(GAPS))
        return "".join(lines[:-1])

    def block_seq(depth, indent, inline=False):
        lines = []
        for index in range(draw(st.integers(1, 3))):
            pad = "" if index == 0 and inline else " " * indent
            kind = (
                "scalar"
                if depth > 3
                else pick(["scalar", "map", "map-below", "seq", "seq-below", "flow", "empty"])
            )
            if kind == "map":
                lines.append(pad + "- " + block_map(depth + 1, indent + 2, inline=True))
            elif kind == "map-below":
                lines.append(pad + "-" + pick(COMMENTS) + "\n" + block_map(depth + 1, indent + 2))
            elif kind == "seq":
                lines.append(pad + "- " + block_seq(depth + 1, indent + 2, inline=True))
            elif kind == "seq-below":
                lines.append(pad + "-" + pick(COMMENTS) + "\n" + block_seq(depth + 1, indent + 2))
            elif kind == "flow":
                lines.append(pad + "- " + flow(depth + 1, indent + 2) + pick(COMMENTS) + "\n")
            elif kind == "empty":
                lines.append(pad + "-" + pick(COMMENTS) + "\n")
            else:
                lines.append(pad + "- " + scalar(indent, False) + pick(COMMENTS) + "\n")
            lines.append(pick(GAPS))
        return "".join(lines[:-1])

    top = pick(["map", "map", "map", "seq", "flow", "scalar"])
    body = {
        "map": lambda: block_map(0, pick([0, 0, 2])),
        "seq": lambda: block_seq(0, 0),
        "flow": lambda: flow(0, 0) + "\n",
        "scalar": lambda: scalar(0, False) + "\n",
    }[top]()
    text = pick(["", "", "# header\n", "\n", "# a\n# b\n\n"]) + body + pick(["", "# end\n", "\n\n"])
    return text.rstrip("\n") if draw(st.integers(0, 9)) == 0 else text


@SETTINGS
@given(yaml_texts())
def test_hand_written_styles_read_the_same(text):
    assert_reads_as_reference(text)


PIECES = [
    *" \n\n  -:?,[]{}#'\"|>!&*%@`~.\\ab1x漢",
    "- ", ": ", "\n  ", "\n- ", "ja: ", "en: ", "{ja: x, en: y}", "k:\n", "'a'", '"b"',
    "|\n  t\n", ">-\n  t\n", "# c\n", "[]", "{}", "yes", "1.5", "null", "\t", "\x1f", "a\n b: c",
]  # fmt: skip


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_any_text_is_read_or_refused_the_same(text):
    assert_reads_as_reference(text)


EDITS = [
    "", " ", "\n", "- ", ":", ": ", "#", " #", "'", '"', "[", "]", "{", "}", ",", "|", ">", "?",
    "&a", "*a", "!", "\\", "x", "yes", "\t", "  - ", "\n  ", "ja: ", "{ja: x}", "'a: b'",
]  # fmt: skip
PLAN_TEXTS = [(ROOT / relative).read_text(encoding="utf-8") for relative in PLAN_FILES[:8]]


@SETTINGS
@given(
    st.sampled_from(PLAN_TEXTS),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 20), st.sampled_from(EDITS)), max_size=4),
)
def test_plan_files_with_typing_mistakes_read_or_are_refused_the_same(text, edits):
    for where, removed, inserted in edits:
        at = int(where * len(text))
        text = text[:at] + inserted + text[at + removed :]
    assert_reads_as_reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "{a\n b: c}\n",  # rapidyaml reads a key over two lines; PyYAML refuses it
        "[a\n b: c]\n",
        "a: @x\n",  # rapidyaml reads reserved indicators as text
        "a: `x\n",
        "x" * 1030 + ": 1\n",  # PyYAML forgets a key that long
        '- "\\L"\n',  # unescaped longer than written: in rapidyaml's arena
        "a: |\n  x",  # a block scalar at the end of a file without a line end
        "|\n- \n",  # a block scalar alone: rapidyaml takes lines at column 0 into it
        "n: {ja: x, en: Carri #es on}\n- x\n",  # a comment for PyYAML, text for rapidyaml
        "n: {ja: x, en: :The}\n",  # `:` cannot start a text in `{}` for PyYAML
        "n: {ja: x, en: Why?}\nm: [a?b]\nq: Why? Because.\n",  # PyYAML ends a text at `?` in {}
        "{a: b, x\n: y}\n",  # PyYAML wants the `:` on the key's line
        "code: yes\nother: 'yes'\nn: 0x1F\nf: 1_000.5\nt: 2024-06-01\ne: ~\n",
        "- a\n-\n- c\n",  # an empty item after the first
        "- [x]\n- []\n- {}\n",
        # bilingual texts, read straight from the bytes: plain English that is not text, the
        # mapping inside a list and a flow mapping, a comment after it, an escape
        'a: {ja: "長崎", en: No}\nb: {ja: "x", en: Total}\nc: {ja: "", en: ""}\n',
        '- {ja: "x", en: y}\n- [{ja: "x", en: "y"}]\n- {n: {ja: "x", en: A.B (c/d)}}\n',
        'a: {ja: "x", en: "y"}  # note\nb:   {ja: "x", en: null}\nc: {ja: "x", en: Y}\n',
        'a: {ja: "x\\n", en: "y"}\nb: {ja: "x", en: "a\\"b"}\nc: {ja: "x", en: "y", z: 1}\n',
        'a:\n  {ja: "x", en: "y"}\nb: {ja: "x", en: "y"}\nb2: {ja: "x", en: ON}\n',
        "a: 1\nb:\n  - x\n  -  # empty\n  - |\n    block\n",
    ],
)
def test_known_differences_between_the_parsers_are_covered(text):
    assert_reads_as_reference(text)


def test_yes_reads_as_true_on_the_fast_path():
    data = b"code: yes\nquoted: 'yes'\n"
    assert _read_fast(data) == {"code": True, "quoted": "yes"}


# What the fast path leaves to PyYAML, and PyYAML still refuses or reads.


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n",  # merge keys
        "c:\n  <<: {x: 1}\n",
        "a: !!str 1\n",  # tags
        "--- \na: 1\n",  # document markers, directives
        "a: 1\n...\n",
        "%YAML 1.1\n---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "? a\n: b\n",  # explicit keys
        "a:\tb\n",  # a tab
        "\ufeffa: b\n",  # a byte order mark
        "a: b\x85c\n",  # NEL: a line end in YAML 1.1
        "a: b\x1fc\n",  # a control character
        "a: 1\na: 2\n",  # a duplicate key: PyYAML words the error
        "a: [unclosed\n",  # any syntax error
        "",
        "# only a comment\n",
    ],
)
def test_what_only_pyyaml_reads_exactly_falls_back(text):
    assert _read_fast(text.encode("utf-8")) is _FALLBACK
    assert_reads_as_reference(text)


@pytest.mark.parametrize("document", [BILLION_LAUGHS, merge_bomb()], ids=["aliases", "merges"])
def test_an_alias_bomb_is_still_refused(tmp_path, document):
    path = tmp_path / "bomb.yaml"
    path.write_text(document, encoding="utf-8")
    assert _read_fast(document.encode("utf-8")) is _FALLBACK
    with pytest.raises(YamlError, match="alias"):
        read_yaml(path)


def test_many_values_without_aliases_are_not_an_alias_bomb(monkeypatch):
    """MAX_NODES caps what aliases and merges add, not the size of a plan."""
    monkeypatch.setattr(yamlfile, "MAX_NODES", 50)
    many = "items:\n" + "".join(f"  - {{ja: 項目{i}, en: item {i}}}\n" for i in range(100))
    assert len(parse_yaml_reference(many)["items"]) == 100
    assert difference(_read_fast(many.encode("utf-8")), parse_yaml_reference(many)) is None
    defaults = "d: &d {a: 1, b: 2, c: 3, e: 4}\n" + "".join(
        f"k{i}: {{<<: *d}}\n" for i in range(20)
    )
    with pytest.raises(YamlError, match="50"):
        parse_yaml_reference(defaults)


# Errors: the same words and lines as before, and nothing from C++ on the terminal.


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a: 1\nb:\n  c: 1\n  c: 2\n", 4, "Duplicate key 'c'"),
        ("name: {ja: x, en: Minato: a smart town}\n", 1, "double quotes"),
        ("a: 1\nb: b\x1fc\n", 2, "U+001F"),
        ("a:\n  b: " + "[" * 70 + "]" * 70 + "\n", 2, "too deeply"),
        ("a: [1, 2\nb: 3\n", 2, "YAML syntax error"),
    ],
)
def test_errors_read_as_before(tmp_path, capfd, text, line, words):
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(YamlError) as error:
        read_yaml(path)
    assert (error.value.line, words in error.value.en) == (line, True)
    assert ("refused", (error.value.ja, error.value.en, line)) == outcome(
        parse_yaml_reference, text
    )
    assert capfd.readouterr().err == ""  # rapidyaml's own report stays hidden


def test_a_file_that_is_not_utf8_is_refused_as_before(tmp_path):
    path = tmp_path / "cp932.yaml"
    path.write_bytes("a: 長崎\n".encode("cp932"))
    with pytest.raises(YamlError, match="UTF-8"):
        read_yaml(path)


def test_windows_line_ends_read_as_unix_ones(tmp_path):
    text = (world.MINATO / "surveys.yaml").read_text(encoding="utf-8")
    unix, windows = tmp_path / "unix.yaml", tmp_path / "windows.yaml"
    unix.write_bytes(text.encode("utf-8"))
    windows.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert difference(read_yaml(windows), read_yaml(unix)) is None
    assert difference(read_yaml(windows), parse_yaml_reference(text)) is None


def test_other_output_on_stderr_is_kept(capfd):
    with yamlfile._quiet_stderr():
        os.write(2, b"a warning from elsewhere\n")
    assert capfd.readouterr().err == "a warning from elsewhere\n"


def test_a_path_reads_like_its_text(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_bytes((world.MINATO / "plan.yaml").read_bytes())
    assert difference(read_yaml(path), parse_yaml(path.read_text(encoding="utf-8"))) is None
