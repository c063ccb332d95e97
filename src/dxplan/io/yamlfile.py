"""YAML reading that remembers line numbers, so errors can point at the line to fix."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from dxplan.core.errors import BilingualError


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


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            line = key_node.start_mark.line + 1
            raise YamlError(f"項目「{key}」が重複しています。", f"Duplicate key '{key}'.", line)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
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
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except YamlError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        detail = str(error.problem or error.context or "")
        raise YamlError(
            f"YAML の書式に誤りがあります: {detail}",
            f"YAML syntax error: {detail}",
            mark.line + 1 if mark else None,
        ) from error
    except yaml.reader.ReaderError as error:  # a control character, such as Excel leaves behind
        line = text.count("\n", 0, error.position) + 1
        raise YamlError(
            f"使えない文字（U+{error.character:04X}）が含まれています。",
            f"The file contains a character that is not allowed (U+{error.character:04X}).",
            line,
        ) from error


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
