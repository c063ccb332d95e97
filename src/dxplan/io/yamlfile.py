"""YAML reading that remembers line numbers, so errors can point at the line to fix.

Plan files are data typed by people, so the reader refuses what they never need and what could
make reading hang: aliases (`*name`) of lists and mappings (the "billion laughs"), merges that
would add more than MAX_NODES values to what is written, and nesting deeper than MAX_DEPTH. A merge
key (`<<: *defaults`) of a mapping stays allowed; what it copies counts towards MAX_NODES.

Reading is fast: rapidyaml (a C++ parser) reads the file and `_build` builds the same values
PyYAML would, with the same lines (docs/decisions/0006-fast-yaml-reading.md). Whatever it does not
handle exactly as PyYAML does (aliases, tags, several documents, control characters, any error...)
is read again by the PyYAML loader below, which stays the reference: its values, lines, refusals
and messages are what a plan file means.
"""

from __future__ import annotations

import contextlib
import ctypes
import operator
import os
import re
import struct
import sys
import tempfile
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate, count
from pathlib import Path
from typing import Any

import yaml

from dxplan.core.errors import BilingualError

from .gcpause import collector_paused

MAX_NODES = 100_000  # values that aliases and merges may add (a merge of defaults: a few)
MAX_DEPTH = 60  # the deepest plan file nests about 20 levels
MERGE_TAG = "tag:yaml.org,2002:merge"

QUOTING_HINT = (
    '文に「,」「:」「[」「{」「\'」などを含むときは、値全体を "…" で囲んでください'
    "（「,」「[」「'」だけなら、ja: と en: を1行ずつ書くブロック形式でも構いません）。",
    "If a text contains a comma, a colon, brackets or an apostrophe, put the whole value in "
    'double quotes (en: "Plan: a city"); for commas, brackets and apostrophes, writing ja: and '
    "en: on lines of their own also works.",
)


class _Lines:
    """Lines (1-based) of a value from a YAML file, of itself and of its keys or items.

    The fast reader stores byte positions and the document's line starts instead (`starts`),
    so that a line is looked up only when an error asks for it."""

    starts: list[int] | None = None  # set: the positions below are byte offsets
    _line: int = 0

    @property
    def line(self) -> int:
        return self._line if self.starts is None else bisect_right(self.starts, self._line) + 1

    @line.setter
    def line(self, value: int) -> None:
        self._line = value

    def _line_of(self, position: int) -> int:
        return position if self.starts is None else bisect_right(self.starts, position) + 1


class LineDict(_Lines, dict):
    """A mapping from a YAML file that knows the line of itself and of each key."""

    _key_lines: dict[str, int]

    @property
    def key_lines(self) -> dict[str, int]:
        return {key: self._line_of(at) for key, at in self._key_lines.items()}

    @key_lines.setter
    def key_lines(self, value: dict[str, int]) -> None:
        self._key_lines = value

    def key_line(self, key: str, default: int | None) -> int | None:
        at = self._key_lines.get(key)
        return default if at is None else self._line_of(at)


class LineList(_Lines, list):
    """A list from a YAML file that knows the line of itself and of each item."""

    _item_lines: list[int]

    @property
    def item_lines(self) -> list[int]:
        return [self._line_of(at) for at in self._item_lines]

    @item_lines.setter
    def item_lines(self, value: list[int]) -> None:
        self._item_lines = value

    def item_line(self, index: int) -> int:
        return self._line_of(self._item_lines[index])


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


def _written_size(root: yaml.Node) -> int:
    """How many nodes the document has as written, each alias target counted once."""
    seen = {id(root)}
    stack = [root]
    while stack:
        for child in _children(stack.pop()):
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    return len(seen)


def _check_expanded_size(root: yaml.Node) -> None:
    """Refuse a document whose aliases and merges would add more than MAX_NODES values to what
    is written, or loop. A large file without aliases expands to nothing more than itself."""
    limit = _written_size(root) + MAX_NODES
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            if sizes[key] > limit:
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
    result.key_lines = key_lines = {}
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
        key_lines[str(key)] = _line(key_node)
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
    return read_yaml_bytes(path.read_bytes())


def read_yaml_bytes(data: bytes) -> Any:
    """Parse a file's bytes as `read_yaml` does."""
    if b"\r" in data:  # as read_text() reads it: \r\n and \r are line ends
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    result = _read_fast(data)
    if result is not _FALLBACK:
        return result
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise YamlError(
            "UTF-8 で保存してください（CP932 などは読めません）。",
            "Save the file as UTF-8 (CP932 and other encodings cannot be read).",
            None,
        ) from error
    return parse_yaml_reference(text)


def parse_yaml(text: str) -> Any:
    """Parse YAML text as `read_yaml` does."""
    if "\r" not in text:
        try:
            result = _read_fast(text.encode("utf-8"))
        except UnicodeEncodeError:  # a lone surrogate: PyYAML names it
            result = _FALLBACK
        if result is not _FALLBACK:
            return result
    return parse_yaml_reference(text)


def parse_yaml_reference(text: str) -> Any:
    """Parse YAML text with PyYAML: the reference for values, lines, refusals and messages."""
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
            line = current.key_line(str(part), line)
            current = current[part]
        elif isinstance(current, LineList) and isinstance(part, int) and part < len(current):
            line = current.item_line(part)
            current = current[part]
        else:
            break
    return line


# The fast path.
#
# rapidyaml parses the bytes in place, so every key and value is a (pointer, length) into the
# buffer: the pointer minus the buffer's address is its offset in the file, and so its line.
# PyYAML marks a node where its first token starts: a plain key or value itself, the quote before
# a quoted one, the `{`, `[` or `-` that opens a collection (a block mapping: its first key), the
# `|` or `>` of a block scalar, and for an empty value the end of the `-` before it. `_build` finds
# those same places. Whatever it cannot be certain of sends the whole file to PyYAML instead.

try:
    import ryml
except ImportError:  # pragma: no cover - a dependency; without it every file takes the PyYAML path
    ryml = None


class _FallbackType:
    def __repr__(self) -> str:
        return "_FALLBACK"


_FALLBACK: Any = _FallbackType()  # what _read_fast returns when PyYAML must read the file


class _Fallback(Exception):
    """Raised while building when something is not certain to read as PyYAML reads it."""


# Bytes PyYAML refuses (control characters) or reads unlike rapidyaml: a tab (PyYAML refuses it in
# indentation) and \r (callers turn line ends into \n first).
_ALLOWED_BYTES = bytes(b for b in range(256) if (b >= 0x20 or b == 0x0A) and b != 0x7F)
# NEL, LS and PS end lines in YAML 1.1 but not for rapidyaml; a BOM; U+FFFE and U+FFFF are refused.
_SUSPECT_CHARACTERS = "\x85\u2028\u2029\ufeff\ufffe\uffff"
_C1_CONTROLS = re.compile(rb"\xc2[\x80-\x9f]")
_EXPLICIT_KEY = re.compile(rb"(?:^|[ \[{,])\?(?:[ \n]|$)", re.MULTILINE)
_DOCUMENT_MARKS = (b"%", b"---", b"...")  # at the start of a line: directives, documents
_LINE_MARKS = re.compile(rb"\n(?:%|---|\.\.\.)")
# PyYAML forgets a key that starts more than 1024 characters before its `:`.
_LONG_KEY_BYTES = 200

# A plain scalar never starts with these in PyYAML (`:` and `?` in flow collections); rapidyaml
# takes `@x`, `` `x `` or `{en: :x}` as text.
_NOT_PLAIN_START = frozenset(b"%@`,[]{}#&*!|>'\":?")
_SKIP = re.compile(rb"(?:[ \n]+(?:#[^\n]*)?)*")  # spaces, line ends and comments between tokens
_COLON = re.compile(rb" *:")
_FLOW_KEY_ENDS = (b":", b",", b"}")
_FLOW_KEY_END = re.compile(rb" *[:,}]")
# The bilingual text that makes up half of a plan's mappings, on one line: `{ja: "…", en: "…"}` or
# with a plain English text. Read straight from the bytes, it needs no walk through its nodes.
_FLOW_TEXT = re.compile(
    rb'\{ja: "([^"\\\n]*)", en: '
    rb'(?:"([^"\\\n]*)"|([A-Za-z][A-Za-z0-9 .()/\-]*[A-Za-z0-9.)]|[A-Za-z]))\}'
)
_SQ_KEY = re.compile(rb"'(?:[^'\n]|'')*'")
_DQ_KEY = re.compile(rb'"(?:[^"\\\n]|\\.)*"')

_STR_TAG = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null")}
_SCALARS = _Loader("")  # resolves and constructs plain scalars exactly as the loader does


def _plain_scalar(value: str) -> Any:
    """What a plain (unquoted, untagged) scalar reads as: text, number, true/false or null."""
    tag = _SCALARS.resolve(yaml.ScalarNode, value, (True, False))
    if tag == _STR_TAG:
        return value
    if tag not in _SCALAR_TAGS:  # `<<` (a merge) or `=`: PyYAML's business
        raise _Fallback
    return _SCALARS.yaml_constructors[tag](_SCALARS, yaml.ScalarNode(tag, value))


def _needs_pyyaml(data: bytes) -> bool:
    """Whether the file holds something only PyYAML reads exactly (checked before parsing)."""
    if not data or data.translate(None, _ALLOWED_BYTES):
        return True
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    if any(character in text for character in _SUSPECT_CHARACTERS):
        return True
    if b"\xc2" in data and _C1_CONTROLS.search(data):
        return True
    if b"?" in data and _EXPLICIT_KEY.search(data):
        return True
    if data.startswith(_DOCUMENT_MARKS) or _LINE_MARKS.search(data):
        return True
    return b" " * _LONG_KEY_BYTES in data  # a key that far from its colon


class _PyBuffer(ctypes.Structure):
    """Py_buffer of the C API: how the address behind a read-only memoryview is read."""

    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.c_void_p),
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.c_void_p),
        ("strides", ctypes.c_void_p),
        ("suboffsets", ctypes.c_void_p),
        ("internal", ctypes.c_void_p),
    ]


_get_buffer = ctypes.pythonapi.PyObject_GetBuffer
_get_buffer.argtypes = [ctypes.py_object, ctypes.c_void_p, ctypes.c_int]
_get_buffer.restype = ctypes.c_int
_release_buffer = ctypes.pythonapi.PyBuffer_Release
_release_buffer.argtypes = [ctypes.c_void_p]
_release_buffer.restype = None


def _address(memory: Any) -> int:
    """The address of the bytes behind a buffer (a memoryview, a bytearray)."""
    view = _PyBuffer()
    _get_buffer(memory, ctypes.byref(view), 0)
    try:
        return view.buf or 0
    finally:
        _release_buffer(ctypes.byref(view))


# One node as rapidyaml 0.15 stores it (c4::yml::NodeData, 144 bytes): its type, the pointer and
# length of its key and of its value, its first child and its next sibling. Unpacked straight from
# the tree's node array, a node costs a fraction of the five calls through rapidyaml's Python API
# that read the same; `_node_array` uses the array only after checking it against those calls, and
# `_node_records` writes the same records through the API otherwise.
_NODE = struct.Struct("<I4x16xQQ16x16xQQ16x8xQ8xQ8x")
_NODE_SAMPLES = 64


def _public_node(tree: Any, index: int) -> tuple[int, int, int, int, int, int, int]:
    """A node's fields read through rapidyaml's Python API."""
    kind = tree.type(index)
    key = tree.key(index) if kind & ryml.KEY else None
    value = tree.val(index) if kind & ryml.VAL else None
    return (
        kind,
        0 if key is None else _address(key),
        0 if key is None else len(key),
        0 if value is None else _address(value),
        0 if value is None else len(value),
        tree.first_child(index),
        tree.next_sibling(index),
    )


def _node_array(tree: Any) -> memoryview | None:
    """The tree's own node array, if its layout is the one `_NODE` expects."""
    try:
        nodes, capacity, size = (ctypes.c_size_t * 3).from_address(int(tree.this))
    except (TypeError, ValueError, AttributeError):  # pragma: no cover - not a SWIG pointer
        return None
    if not nodes or size < 2 or capacity < 3 or (size, capacity) != (tree.size(), tree.capacity()):
        return None  # m_buf, m_cap and m_size are not where expected

    def same(memory: memoryview, index: int) -> bool:
        kind, *scalars, child, following = _NODE.unpack_from(memory, index * _NODE.size)
        if not kind & ryml.KEY:  # a key or value the node does not have is never read
            scalars[0:2] = 0, 0
        if not kind & ryml.VAL:
            scalars[2:4] = 0, 0
        return (kind, *scalars, child, following) == _public_node(tree, index)

    if not same(memoryview((ctypes.c_char * (2 * _NODE.size)).from_address(nodes)), 1):
        return None  # a node is not 144 bytes: read no further
    memory = memoryview((ctypes.c_char * (capacity * _NODE.size)).from_address(nodes))
    step = max(1, size // _NODE_SAMPLES)
    if not all(same(memory, index) for index in [*range(0, size, step), size - 1]):
        return None
    return memory


def _node_records(tree: Any) -> memoryview:
    """The same records as the node array, written from rapidyaml's Python API."""
    records = bytearray(tree.capacity() * _NODE.size)
    pending = [tree.root_id()]
    while pending:
        index = pending.pop()
        fields = _public_node(tree, index)
        _NODE.pack_into(records, index * _NODE.size, *fields)
        child = fields[5]
        while child != ryml.NONE:
            pending.append(child)
            child = tree.next_sibling(child)
    return memoryview(records)


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Keep rapidyaml's own error report (printed from C++) off the user's terminal.

    Whatever else reaches stderr meanwhile is written out afterwards, unless the parse failed."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no stderr to protect
        yield
        return
    try:
        with tempfile.TemporaryFile() as sink:
            os.dup2(sink.fileno(), 2)
            try:
                yield
            except BaseException:
                os.dup2(saved, 2)
                raise
            os.dup2(saved, 2)
            if sink.tell():
                sink.seek(0)
                os.write(2, sink.read())
    finally:
        os.close(saved)


def _read_fast(data: bytes, *, node_array: bool = True) -> Any:
    """What PyYAML reads from `data` (UTF-8, lines ending in \\n), or _FALLBACK."""
    if ryml is None or _needs_pyyaml(data):
        return _FALLBACK
    buffer = bytearray(data)  # rapidyaml unescapes in place; `data` stays as written
    try:
        with _quiet_stderr():
            tree = ryml.parse_in_place(buffer)
    except Exception:  # ryml.ExceptionParse and its kin: PyYAML words the error
        return _FALLBACK
    try:
        with collector_paused():  # hundreds of thousands of new containers, none in a cycle
            nodes = (_node_array(tree) if node_array else None) or _node_records(tree)
            return _build(tree.root_id(), nodes, data, buffer)
    except Exception:  # _Fallback; anything unexpected also leaves the file to PyYAML
        return _FALLBACK


def _build(root: int, nodes: memoryview, data: bytes, buffer: bytearray) -> Any:
    """Build LineDict/LineList values from rapidyaml's nodes; raise _Fallback when unsure."""
    NONE = ryml.NONE
    MAP, SEQ, VAL = ryml.MAP, ryml.SEQ, ryml.VAL
    FLOW, BLOCK = ryml.FLOW_SL | ryml.FLOW_ML, ryml.BLOCK
    KEY_PLAIN, KEY_SQUO, KEY_QUOTED = ryml.KEY_PLAIN, ryml.KEY_SQUO, ryml.KEY_SQUO | ryml.KEY_DQUO
    VAL_PLAIN, VAL_DQUO, VAL_QUOTED = ryml.VAL_PLAIN, ryml.VAL_DQUO, ryml.VAL_SQUO | ryml.VAL_DQUO
    VAL_BLOCK = ryml.VAL_LITERAL | ryml.VAL_FOLDED
    SPECIAL = ryml.KEYREF | ryml.VALREF | ryml.KEYANCH | ryml.VALANCH | ryml.KEYTAG | ryml.VALTAG
    unpack, width = _NODE.unpack_from, _NODE.size
    size = len(data)
    base = _address(buffer)
    view = memoryview(buffer)
    starts = list(map(operator.add, accumulate(map(len, data.split(b"\n"))), count(1)))
    plain_values: dict[bytes, Any] = {}
    block_scalars = []

    def after(position: int) -> int:
        """Where the next token starts, from just after an indicator."""
        return _SKIP.match(data, position).end()  # type: ignore[union-attr]

    def indicator_before(position: int, indicator: int) -> int:
        """Where the indicator (`-`, `[` or `{`) just before the token at `position` stands."""
        if position and data[position - 1] == indicator:  # `{ja: ...`, `[1, 2]`
            return position - 1
        index = bisect_right(starts, position)
        line_start = starts[index - 1] if index else 0
        prefix = data[line_start:position].rstrip(b" ")
        if prefix:
            if prefix[-1] != indicator:
                raise _Fallback
            return line_start + len(prefix) - 1
        while index > 0:  # only blank lines and comments stand between
            index -= 1
            line_start = starts[index - 1] if index else 0
            text = data[line_start : starts[index] - 1]
            stripped = text.lstrip(b" ")
            if not stripped or stripped[0] == 0x23:  # '#'
                continue
            cut = text.find(b" #")
            while True:
                candidate = (text[:cut] if cut >= 0 else text).rstrip(b" ")
                if candidate and candidate[-1] == indicator:
                    return line_start + len(candidate) - 1
                if cut < 0:
                    raise _Fallback
                cut = text.find(b" #", cut + 1)
        raise _Fallback

    def raw(pointer: int, length: int) -> bytes:
        """A scalar's bytes, read from the buffer only (not unescaped into rapidyaml's arena)."""
        at = pointer - base
        if at < 0 or at + length > size:
            raise _Fallback
        return view[at : at + length].tobytes()

    def plain(scalar: bytes) -> Any:
        if scalar and scalar[0] in _NOT_PLAIN_START:
            raise _Fallback
        if b" #" in scalar or b"\n#" in scalar:  # a comment for PyYAML (rapidyaml in `{}`: text)
            raise _Fallback
        value = plain_values[scalar] = _plain_scalar(scalar.decode("utf-8"))
        return value

    def value_start(key_end: int) -> int:
        """Where the value after a key starts: past the key, its `:` and any comment."""
        colon = _COLON.match(data, key_end)
        if colon is None:
            raise _Fallback
        return after(colon.end())

    def flow_text(text: re.Match[bytes]) -> LineDict:
        """`{ja: "…", en: …}` as PyYAML reads it, the English plain or quoted."""
        ja, quoted_en, plain_en = text.groups()
        if plain_en is None:
            en: Any = quoted_en.decode("utf-8")
        else:
            en = plain_values.get(plain_en, _FALLBACK)
            if en is _FALLBACK:
                en = plain(plain_en)
        result = LineDict(ja=ja.decode("utf-8"), en=en)
        result.starts = starts
        result._line = at = text.start()
        result._key_lines = {"ja": at, "en": at}
        return result

    def mapping(kind: int, child: int, depth: int, start: int | None) -> tuple[LineDict, int]:
        if depth > MAX_DEPTH or (depth == MAX_DEPTH and child != NONE):
            raise _Fallback
        result = LineDict()
        key_lines: dict[str, int] = {}  # byte positions: LineDict turns them into lines
        result._key_lines = key_lines
        result.starts = starts
        first = -1
        flow = kind & FLOW  # where PyYAML ends a plain text at `?` (rapidyaml does not)
        while child != NONE:  # most of a file is read in this loop, hence inlined
            child_kind, key_pointer, key_length, pointer, length, grandchild, following = unpack(
                nodes, child * width
            )
            key_start = key_pointer - base
            if child_kind & SPECIAL or not key_pointer or not 0 <= key_start <= size - key_length:
                raise _Fallback
            if child_kind & KEY_PLAIN:
                key_end = key_start + key_length
                scalar = view[key_start:key_end].tobytes()
                if not data.startswith(scalar, key_start) or (flow and b"?" in scalar):
                    raise _Fallback  # folded: a key over two lines
                key = plain_values.get(scalar, _FALLBACK)
                if key is _FALLBACK:
                    key = plain(scalar)
            elif child_kind & KEY_QUOTED:
                key = view[key_start : key_start + key_length].tobytes().decode("utf-8")
                key_start -= 1
                quoted = (_SQ_KEY if child_kind & KEY_SQUO else _DQ_KEY).match(data, key_start)
                if quoted is None:  # not quoted there, or over two lines
                    raise _Fallback
                key_end = quoted.end()
            else:
                raise _Fallback
            if (
                flow
                and (  # PyYAML wants what follows a key on its line; rapidyaml looks further
                    data[key_end : key_end + 1] not in _FLOW_KEY_ENDS
                    and not _FLOW_KEY_END.match(data, key_end)
                )
            ):
                raise _Fallback
            if (
                key_length > _LONG_KEY_BYTES
                and len(data[key_start : value_start(key_end)].decode("utf-8")) > 1000
            ):
                raise _Fallback
            if key in result:  # a duplicate: PyYAML reports it
                raise _Fallback
            if first < 0:
                first = key_start
            if (
                child_kind & MAP
                and child_kind & FLOW
                and (text := _FLOW_TEXT.match(data, value_start(key_end)))
            ):
                result[key] = flow_text(text)
            elif child_kind & MAP:  # starts at its `{` or first key, found from inside if any
                at = None if grandchild != NONE else value_start(key_end)
                result[key] = mapping(child_kind, grandchild, depth + 1, at)[0]
            elif child_kind & SEQ:
                at = value_start(key_end)
                result[key] = sequence(child_kind, grandchild, depth + 1, at)[0]
            elif not pointer:
                result[key] = None
            else:
                at = pointer - base
                if at < 0 or at + length > size:  # unescaped longer, into rapidyaml's arena
                    raise _Fallback
                scalar = view[at : at + length].tobytes()
                if child_kind & VAL_PLAIN:
                    if flow and b"?" in scalar:
                        raise _Fallback
                    value = plain_values.get(scalar, _FALLBACK)
                    result[key] = plain(scalar) if value is _FALLBACK else value
                elif child_kind & VAL_QUOTED:
                    result[key] = scalar.decode("utf-8")
                elif child_kind & VAL_BLOCK:
                    block_scalars.append(True)
                    result[key] = scalar.decode("utf-8")
                else:
                    raise _Fallback
            key_lines[key if key.__class__ is str else str(key)] = key_start
            child = following
        if kind & FLOW:
            if start is None:
                if first < 0:
                    raise _Fallback
                start = indicator_before(first, 0x7B)  # '{'
            elif data[start] != 0x7B:
                raise _Fallback
        elif not kind & BLOCK or first < 0 or (start is not None and start != first):
            raise _Fallback
        else:
            start = first
        result._line = start
        return result, start

    def sequence(kind: int, child: int, depth: int, start: int | None) -> tuple[LineList, int]:
        if depth > MAX_DEPTH or (depth == MAX_DEPTH and child != NONE):
            raise _Fallback
        if kind & FLOW:
            indicator = 0x5B  # '['
        elif kind & BLOCK:
            indicator = 0x2D  # '-'
        else:
            raise _Fallback
        if start is not None and data[start] != indicator:
            raise _Fallback
        result = LineList()
        item_lines: list[int] = []
        before = start  # the indicator before the item, where known: the first item's
        first = -1
        while child != NONE:
            fields = unpack(nodes, child * width)
            value, at = item(fields, depth + 1, before, indicator)
            result.append(value)
            item_lines.append(at)
            if first < 0:
                first = at
            before = None
            child = fields[6]
        if start is None:
            if first < 0:
                raise _Fallback
            start = indicator_before(first, indicator)
        result.starts = starts
        result._line = start
        result._item_lines = item_lines
        return result, start

    def item(fields: tuple, depth: int, before: int | None, indicator: int) -> tuple[Any, int]:
        """An item of a sequence and where PyYAML marks it; `before`: its `-` or `[`, if known."""
        kind, _, _, pointer, length, child, _ = fields
        if kind & SPECIAL:
            raise _Fallback
        if kind & MAP:
            return mapping(kind, child, depth, None if before is None else after(before + 1))
        if kind & SEQ:
            return sequence(kind, child, depth, None if before is None else after(before + 1))
        if not pointer:  # empty: PyYAML marks the end of the `-` before it
            if before is None or indicator != 0x2D:
                raise _Fallback
            return None, before
        if kind & VAL_PLAIN:
            at = pointer - base
            scalar = raw(pointer, length)
            if indicator == 0x5B and b"?" in scalar:  # in `[...]`: see mapping()
                raise _Fallback
            value = plain_values.get(scalar, _FALLBACK)
            if value is _FALLBACK:
                value = plain(scalar)
        elif kind & VAL_QUOTED:
            at = pointer - base - 1
            if not 0 <= at < size or data[at] != (0x22 if kind & VAL_DQUO else 0x27):
                raise _Fallback
            value = raw(pointer, length).decode("utf-8")
        elif kind & VAL_BLOCK:
            if before is None:
                raise _Fallback
            at = after(before + 1)
            if at >= size or data[at] not in b"|>":
                raise _Fallback
            block_scalars.append(True)
            value = raw(pointer, length).decode("utf-8")
        else:
            raise _Fallback
        if not 0 <= at < size or (before is not None and after(before + 1) != at):
            raise _Fallback
        return value, at

    kind, _, _, pointer, length, child, _ = unpack(nodes, root * width)
    if kind & (ryml.DOC | (ryml.STREAM & ~SEQ)) or kind & SPECIAL:
        raise _Fallback
    start = after(data.find(b"\n") if data[:1] == b"#" else 0)  # past any comments
    if kind & MAP:
        document: Any = mapping(kind, child, 1, start)[0]
    elif kind & SEQ:
        document = sequence(kind, child, 1, start)[0]
    elif kind & VAL and pointer:  # a lone scalar: no line to remember
        scalar = raw(pointer, length)
        if kind & VAL_PLAIN:
            document = plain(scalar)
        elif kind & VAL_QUOTED:  # (a block scalar alone: rapidyaml takes lines at column 0)
            document = scalar.decode("utf-8")
        else:
            raise _Fallback
    else:
        raise _Fallback
    if any(block_scalars) and not data.endswith(b"\n"):  # rapidyaml ends the last one with \n
        raise _Fallback
    return document
