"""YAML reading that remembers line numbers, so errors can point at the line to fix.

Plan files are data typed by people, so the reader refuses what they never need and what could
make reading hang: aliases (`*name`) of lists and mappings (the "billion laughs"), documents that
expand to more than MAX_NODES values, and nesting deeper than MAX_DEPTH. A merge key
(`<<: *defaults`) of a mapping stays allowed; it counts towards MAX_NODES like everything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from dxplan.core.errors import BilingualError

MAX_NODES = 100_000  # a whole Nagasaki version file is about 5,000
MAX_DEPTH = 60  # the deepest plan file nests about 20 levels
MERGE_TAG = "tag:yaml.org,2002:merge"

QUOTING_HINT = (
    '文に「,」「:」「[」「{」「\'」などを含むときは、値全体を "…" で囲んでください'
    "（「,」「[」「'」だけなら、ja: と en: を1行ずつ書くブロック形式でも構いません）。",
    "If a text contains a comma, a colon, brackets or an apostrophe, put the whole value in "
    'double quotes (en: "Plan: a city"); for commas, brackets and apostrophes, writing ja: and '
    "en: on lines of their own also works.",
)


class LineDict(dict):
    """A mapping from a YAML file that knows the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list):
    line: int = 0
    item_lines: list[int]


class YamlError(BilingualError):
    def __init__(self, ja: str, en: str, line: int | None) -> None:
        super().__init__(ja, en)
        self.line = line


def _line(node_or_event: Any) -> int:
    return int(node_or_event.start_mark.line) + 1


class _Loader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._merged: dict[int, int] = {}  # id(mapping node) -> how many pairs came from merges

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            target = self.anchors.get(event.anchor)
            merge = isinstance(index, yaml.ScalarNode) and index.tag == MERGE_TAG
            if isinstance(target, yaml.SequenceNode | yaml.MappingNode) and not (
                merge and isinstance(target, yaml.MappingNode)
            ):
                raise YamlError(
                    f"リストや対応付けの別名（*{event.anchor}）は使えません。内容を書き出してください。",
                    f"An alias (*{event.anchor}) of a list or mapping is not allowed in plan files:"
                    " write the content out.",
                    _line(event),
                )
            return super().compose_node(parent, index)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlError(
                    f"入れ子が深すぎます（{MAX_DEPTH}段まで）。",
                    f"The file nests too deeply (at most {MAX_DEPTH} levels).",
                    _line(self.peek_event()),
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_document(self) -> Any:
        node = super().compose_document()
        if node is not None:
            _check_expanded_size(node)
        return node

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        if id(node) in self._merged:
            return
        own = sum(1 for key, _ in node.value if key.tag != MERGE_TAG)
        super().flatten_mapping(node)
        self._merged[id(node)] = len(node.value) - own


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_expanded_size(root: yaml.Node) -> None:
    """Refuse a document whose merges would expand beyond MAX_NODES values, or loop."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            if sizes[key] > MAX_NODES:
                raise YamlError(
                    f"別名（*）や <<: を展開すると値が {MAX_NODES:,} 個を超えます。"
                    "内容を書き出してください。",
                    f"Through aliases (*) and merges (<<:) the file expands to more than "
                    f"{MAX_NODES:,} values: write the content out.",
                    _line(node),
                )
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise YamlError(
                "別名（*）が自分自身を含んでいます。",
                "An alias (*) refers to a mapping that contains it.",
                _line(node),
            )
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line = _line(node)
    result.key_lines = {}
    loader.flatten_mapping(node)
    merged = loader._merged.get(id(node), 0)
    from_merge: set[Any] = set()
    for index, (key_node, value_node) in enumerate(node.value):
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool | None):
            raise YamlError(
                "項目名には文字か数を書いてください。",
                "A key must be a plain text or number.",
                _line(key_node),
            )
        if index < merged:  # from `<<:`: the first source wins, the mapping's own keys override
            if key in result:
                continue
            from_merge.add(key)
        elif key in result and key not in from_merge:
            raise YamlError(
                f"項目「{key}」が重複しています。", f"Duplicate key '{key}'.", _line(key_node)
            )
        else:
            from_merge.discard(key)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = _line(key_node)
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = _line(node)
    result.item_lines = [_line(child) for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
# Dates stay strings (2024-06 is a month, not a day); timestamps are not part of the format.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> Any:
    """Parse one file; raises YamlError with the line of the problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise YamlError(
            "UTF-8 で保存してください（CP932 などは読めません）。",
            "Save the file as UTF-8 (CP932 and other encodings cannot be read).",
            None,
        ) from error
    return parse_yaml(text)


def parse_yaml(text: str) -> Any:
    """Parse YAML text as `read_yaml` does."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except YamlError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        detail = str(error.problem or error.context or "")
        ja, en = f"YAML の書式に誤りがあります: {detail}", f"YAML syntax error: {detail}"
        if _looks_like_flow_text(text, error):
            ja, en = f"{ja}。{QUOTING_HINT[0]}", f"{en}. {QUOTING_HINT[1]}"
        raise YamlError(ja, en, mark.line + 1 if mark else None) from error
    except yaml.reader.ReaderError as error:  # a control character, such as Excel leaves behind
        line = text.count("\n", 0, error.position) + 1
        raise YamlError(
            f"使えない文字（U+{error.character:04X}）が含まれています。",
            f"The file contains a character that is not allowed (U+{error.character:04X}).",
            line,
        ) from error
    except yaml.YAMLError as error:  # pragma: no cover - every PyYAML error above carries a mark
        raise YamlError(
            "YAML として読めません。", "The file cannot be read as YAML.", None
        ) from error
    except RecursionError as error:  # pragma: no cover - MAX_DEPTH stops nesting well before
        raise YamlError("入れ子が深すぎます。", "The file nests too deeply.", None) from error


def _looks_like_flow_text(text: str, error: yaml.MarkedYAMLError) -> bool:
    """Whether a syntax error stands on a line with a bilingual text (`{ja: …, en: …}`)."""
    lines = text.splitlines()
    for mark in (error.problem_mark, error.context_mark):
        if mark is not None and mark.line < len(lines):
            line = lines[mark.line]
            if "{ja:" in line.replace(" ", "") or "en:" in line or "ja:" in line:
                return True
    return False


def line_of(data: Any, loc: Sequence[str | int]) -> int | None:
    """The line of the deepest element of `data` that `loc` reaches."""
    line = getattr(data, "line", None)
    current = data  # each step moves to the key's or the item's own line
    for part in loc:
        if isinstance(current, LineDict) and part in current:
            line = current.key_lines.get(str(part), line)
            current = current[part]
        elif isinstance(current, LineList) and isinstance(part, int) and part < len(current):
            line = current.item_lines[part]
            current = current[part]
        else:
            break
    return line
