"""Read a plan folder (docs/plan-format.md), check all of it, and return it as validated data.

Nothing here touches the database: `dxplan.plans.actions.load_plan` writes what this returns.
Every problem found is reported at once, each naming file, line and field in Japanese and English:
a file that cannot be read does not hide the problems of the others. The plan's rules themselves
(tree grammar, mapping relations, series and value checks) live in `dxplan.core.plan_rules`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from hashlib import sha256
from pathlib import Path
from typing import Any, TypeVar

from django.utils.text import slugify
from pydantic import BaseModel, ValidationError

from dxplan.core import plan_rules, progress
from dxplan.core.errors import BilingualError
from dxplan.core.numbers import decimal_places
from dxplan.core.surveys import check_published_percents
from dxplan.core.surveys import percent as percent_of

from . import planschema as schema
from .gcpause import collector_paused
from .yamlfile import QUOTING_HINT, LineDict, LineList, YamlError, line_of, read_yaml_bytes

M = TypeVar("M", bound=BaseModel)

# Slugs that would hide a page of the site or the API behind a fixed route.
RESERVED_ORGANISATION_SLUGS = {"admin", "api", "en", "ja", "static", "media", "staff"}
RESERVED_VERSION_SLUGS = {"about", "compare", "indicators", "measures", "reporting", "surveys"}

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,49}$")


@dataclass(frozen=True)
class PlanFileError:
    file: str
    line: int | None
    field: str
    ja: str
    en: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        at = f" [{self.field}]" if self.field else ""
        return f"{where}{at}: {self.ja} / {self.en}"


class PlanFilesInvalid(Exception):
    def __init__(self, errors: list[PlanFileError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class PlanBundle:
    """Everything a plan folder says, validated."""

    directory: Path
    plan: schema.PlanFile
    versions: dict[str, schema.VersionFile]
    mappings: list[schema.MappingFile] = field(default_factory=list)
    surveys: schema.SurveysFile | None = None
    trends: schema.TrendsFile | None = None
    schedule: schema.ScheduleFile | None = None
    files: dict[str, str] = field(default_factory=dict)  # SHA-256 of what was read, by path


# Every file a plan folder is read from (docs/plan-format.md); nothing else in it counts.
PLAN_FILES = (
    "plan.yaml",
    "versions/*.yaml",
    "mappings/*.yaml",
    "surveys.yaml",
    "trends.yaml",
    "schedule.yaml",
)


def folder_fingerprint(directory: str | Path) -> dict[str, str] | None:
    """The SHA-256 of each plan file in the folder, by relative path, as PlanBundle.files has
    it for the files it was read from; None when a file cannot be read."""
    directory = Path(directory)
    files = {}
    try:
        for pattern in PLAN_FILES:
            for path in sorted(directory.glob(pattern)):
                files[path.relative_to(directory).as_posix()] = sha256(
                    path.read_bytes()
                ).hexdigest()
    except OSError:
        return None
    return files


_JA_MESSAGES = {
    "missing": "必須の項目がありません。",
    "extra_forbidden": "この項目は書式にありません（綴りを確認してください）。",
    "string_type": "文字列を指定してください。",
    "string_too_short": "空にはできません。",
    "string_too_long": "長すぎます。",
    "string_pattern_mismatch": "書式が正しくありません。",
    "int_type": "整数を指定してください。",
    "int_parsing": "整数を指定してください。",
    "int_from_float": "整数を指定してください。",
    "bool_type": "true か false を指定してください。",
    "bool_parsing": "true か false を指定してください。",
    "greater_than": "値が小さすぎます。",
    "greater_than_equal": "値が小さすぎます。",
    "less_than_equal": "値が大きすぎます。",
    "literal_error": "指定できる値ではありません。",
    "list_type": "リストを指定してください。",
    "dict_type": "項目の対応付け（mapping）を指定してください。",
    "model_type": "項目の対応付け（mapping）を指定してください。",
    "model_attributes_type": "項目の対応付け（mapping）を指定してください。",
    "too_short": "項目が足りません。",
}
# pydantic's English where it would name internal types ("instance of Node") or regexes.
_EN_MESSAGES = {
    "dict_type": "Expected a mapping (key: value).",
    "model_type": "Expected a mapping (key: value).",
    "model_attributes_type": "Expected a mapping (key: value).",
    "list_type": "Expected a list (items starting with '- ').",
    "string_type": "Expected a text.",
    "missing": "This field is required.",
    "extra_forbidden": "This field is not part of the format (check the spelling).",
}
_PATTERN_MESSAGES = {  # by the pattern of the field (see planschema's Code and Slug)
    "^[A-Za-z0-9][A-Za-z0-9._-]*$": (
        "英数字と「.」「_」「-」だけで書いてください（空白や「/」は使えません）。",
        "Use only letters, digits, '.', '_' and '-' (no spaces or slashes).",
    ),
    "^[a-z0-9][a-z0-9_-]*$": (
        "英小文字・数字と「_」「-」だけで書いてください。",
        "Use only lower-case letters, digits, '_' and '-'.",
    ),
    r"^\d{6}$": (
        "6桁の全国地方公共団体コードを書いてください。",
        "Write the 6-digit local government code.",
    ),
}


class _Collector:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.errors: list[PlanFileError] = []
        self.raw: dict[str, Any] = {}
        self.failed: set[str] = set()  # files present but unreadable or invalid
        self.files: dict[str, str] = {}  # SHA-256 of each file read

    def add(self, file: str, loc: Sequence[str | int], ja: str, en: str) -> None:
        line = line_of(self.raw.get(file), loc)
        self.errors.append(PlanFileError(file, line, _dotted(loc), ja, en))

    def add_error(self, file: str, loc: Sequence[str | int], error: BilingualError) -> None:
        self.add(file, loc, error.ja, error.en)

    def parse(self, relative: str, model: type[M], *, required: bool = True) -> M | None:
        path = self.directory / relative
        if not path.exists():
            if required:
                self.errors.append(
                    PlanFileError(
                        relative, None, "", "ファイルがありません。", "The file is missing."
                    )
                )
            return None
        try:
            data = path.read_bytes()
            self.files[relative] = sha256(data).hexdigest()
            raw = read_yaml_bytes(data)
        except YamlError as error:
            self.errors.append(PlanFileError(relative, error.line, "", error.ja, error.en))
            self.failed.add(relative)
            return None
        except OSError:
            self.errors.append(
                PlanFileError(
                    relative, None, "", "ファイルを読めません。", "The file cannot be read."
                )
            )
            self.failed.add(relative)
            return None
        self.raw[relative] = raw
        try:
            return model.model_validate(raw)
        except ValidationError as error:
            for detail in error.errors():
                loc = [part for part in detail["loc"] if not _is_internal(part)]
                ja, en = _messages(detail, raw, loc)
                self.add(relative, loc, ja, en)
            self.failed.add(relative)
            return None


def _messages(detail: Any, raw: Any, loc: list[str | int]) -> tuple[str, str]:
    """Japanese and English for one pydantic error, in the user's terms."""
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    if kind == "dxplan":
        return ctx["ja"], ctx["en"]
    ja = _JA_MESSAGES.get(kind, "値が正しくありません。")
    en = _EN_MESSAGES.get(kind, detail["msg"])
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in _PATTERN_MESSAGES:
        ja, en = _PATTERN_MESSAGES[ctx["pattern"]]
    elif "expected" in ctx:
        ja += f"（{ctx['expected']}）"
    written = detail.get("input")
    if kind == "string_type" and isinstance(written, bool):
        ja += '（yes/no/on/off/true/false は YAML では真偽値になります。"…" で囲んでください）'
        en += " (YAML reads yes/no/on/off/true/false as true or false: put it in quotes.)"
    elif kind == "string_type" and isinstance(written, int | float):
        ja += '（数字だけの値も "…" で囲むと文字として読まれます）'
        en += ' (Put it in quotes, such as "1.1", to have it read as text.)'
    if kind == "extra_forbidden" and written is None and _is_text(raw, loc[:-1]):
        ja += f"（{QUOTING_HINT[0]}）"
        en += f" ({QUOTING_HINT[1]})"
    return ja, en


def _is_text(raw: Any, loc: Sequence[str | int]) -> bool:
    """Whether `loc` reaches a {ja: …, en: …} mapping in the raw file."""
    current = raw
    for part in loc:
        inside_dict = isinstance(current, LineDict) and part in current
        inside_list = (
            isinstance(current, LineList) and isinstance(part, int) and part < len(current)
        )
        if not (inside_dict or inside_list):
            return False
        current = current[part]
    return isinstance(current, dict) and ("ja" in current or "en" in current)


def _is_internal(part: Any) -> bool:
    """pydantic puts validator names such as 'function-before[...]' into locations."""
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def _dotted(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass
class _Folder:
    """What could be read of a folder, for the checks that span records and files.

    Parts that could not be read are None (or missing from `versions`): the checks that need them
    are skipped, so that one broken file does not hide the problems of the others, nor add
    follow-on errors of its own.
    """

    plan: schema.PlanFile | None
    levels: dict[str, plan_rules.LevelRule] | None
    listed: list[str] | None  # the versions plan.yaml lists; None when that cannot be read
    known: set[str]  # versions that exist: listed, or (plan.yaml unreadable) found as files
    versions: dict[str, schema.VersionFile]
    mappings: list[tuple[str, schema.MappingFile]]
    surveys: schema.SurveysFile | None
    surveys_readable: bool  # surveys.yaml absent or valid
    trends: schema.TrendsFile | None


def read_plan_folder(directory: str | Path) -> PlanBundle:
    """Read and check every file; raise PlanFilesInvalid listing all problems."""
    with collector_paused():
        return _read_plan_folder(Path(directory))


def _read_plan_folder(directory: Path) -> PlanBundle:
    collector = _Collector(directory)
    if not directory.is_dir():
        raise PlanFilesInvalid(
            [PlanFileError(str(directory), None, "", "フォルダがありません。", "No such folder.")]
        )
    plan = collector.parse("plan.yaml", schema.PlanFile)
    raw_plan = collector.raw.get("plan.yaml")
    listed = [info.slug for info in plan.versions] if plan else _raw_version_slugs(raw_plan)
    found = sorted(path.stem for path in (directory / "versions").glob("*.yaml"))
    versions: dict[str, schema.VersionFile] = {}
    for slug in dict.fromkeys(listed if listed is not None else found):
        version = collector.parse(f"versions/{slug}.yaml", schema.VersionFile)
        if version:
            versions[slug] = version
    if listed is not None:
        for stem in found:
            if stem not in listed:
                collector.errors.append(
                    PlanFileError(
                        f"versions/{stem}.yaml",
                        None,
                        "",
                        "plan.yaml の versions に載っていない版です。",
                        "This version is not listed under versions in plan.yaml.",
                    )
                )
    mappings = []
    for path in sorted((directory / "mappings").glob("*.yaml")):
        file = f"mappings/{path.name}"
        mapping = collector.parse(file, schema.MappingFile)
        if mapping:
            mappings.append((file, mapping))
    surveys = collector.parse("surveys.yaml", schema.SurveysFile, required=False)
    trends = collector.parse("trends.yaml", schema.TrendsFile, required=False)
    schedule = collector.parse("schedule.yaml", schema.ScheduleFile, required=False)

    folder = _Folder(
        plan=plan,
        levels=_levels(plan, raw_plan),
        listed=listed,
        known=set(listed if listed is not None else found),
        versions=versions,
        mappings=mappings,
        surveys=surveys,
        surveys_readable="surveys.yaml" not in collector.failed,
        trends=trends,
    )
    _check_folder(collector, folder)
    if collector.errors or plan is None:
        raise PlanFilesInvalid(collector.errors)
    return PlanBundle(
        directory,
        plan,
        versions,
        [m for _, m in mappings],
        surveys,
        trends,
        schedule,
        collector.files,
    )


def _raw_version_slugs(raw: Any) -> list[str] | None:
    """The version slugs of a plan.yaml that did not validate, where they can still be read."""
    if not isinstance(raw, dict) or not isinstance(raw.get("versions"), list):
        return None
    return [
        item["slug"]
        for item in raw["versions"]
        if isinstance(item, dict)
        and isinstance(item.get("slug"), str)
        and _SLUG.match(item["slug"])
    ]


def level_rules(plan: schema.PlanFile) -> dict[str, plan_rules.LevelRule]:
    """The plan's declared levels as rules, or the six of the default shape when it has none."""
    if not plan.levels:
        return {level.code: level for level in plan_rules.DEFAULT_LEVELS}
    rules: dict[str, plan_rules.LevelRule] = {}
    for level in plan.levels:
        rules.setdefault(level.code, _level_rule(level))
    return rules


def _level_rule(level: schema.Level) -> plan_rules.LevelRule:
    return plan_rules.LevelRule(
        level.code,
        level.name.ja,
        level.name.en,
        frozenset(level.parents),
        level.page,
        level.indicators,
    )


def _levels(plan: schema.PlanFile | None, raw: Any) -> dict[str, plan_rules.LevelRule] | None:
    if plan is not None:
        return level_rules(plan)
    if isinstance(raw, dict) and "levels" not in raw:  # an invalid plan.yaml without levels
        return {level.code: level for level in plan_rules.DEFAULT_LEVELS}
    return None


def walk(
    nodes: list[schema.Node], loc: tuple = ("nodes",), parent: schema.Node | None = None
) -> Iterator[tuple[schema.Node, schema.Node | None, tuple]]:
    """Every node of a tree with its parent and its location in the file, depth first."""
    for index, node in enumerate(nodes):
        here = (*loc, index)
        yield node, parent, here
        yield from walk(node.children, (*here, "children"), node)


def organisation_slug(organisation: schema.Organisation) -> str:
    """The slug used in URLs: as written, or derived from the English name."""
    return organisation.slug or slugify(organisation.name.en)


def _check_duplicates(
    collector: _Collector, file: str, loc: list, values: list, part: str | None = None
) -> None:
    """Report every repeat of a value that must be unique within a list."""
    seen: set = set()
    for index, value in enumerate(values):
        if value in seen:
            collector.add(
                file,
                [*loc, index] if part is None else [*loc, index, part],
                f"「{value}」が重複しています。",
                f"'{value}' is used twice.",
            )
        seen.add(value)


def _check_plan(collector: _Collector, plan: schema.PlanFile) -> None:
    slug = organisation_slug(plan.organisation)
    if not slug:
        collector.add(
            "plan.yaml",
            ["organisation", "name", "en"],
            "英語名から URL 用の識別子を作れません。organisation に slug を書いてください。",
            "No URL slug can be made from the English name: add a slug to organisation.",
        )
    elif slug in RESERVED_ORGANISATION_SLUGS:
        collector.add(
            "plan.yaml",
            ["organisation", "slug"],
            f"「{slug}」はサイトで使われているため、識別子にできません。",
            f"'{slug}' is used by the site and cannot be a slug.",
        )
    for index, version in enumerate(plan.versions):
        if version.slug in RESERVED_VERSION_SLUGS:
            collector.add(
                "plan.yaml",
                ["versions", index, "slug"],
                f"「{version.slug}」はサイトで使われているため、版の識別子にできません。",
                f"'{version.slug}' is used by the site and cannot be a version slug.",
            )
    _check_duplicates(collector, "plan.yaml", ["versions"], [v.slug for v in plan.versions])
    _check_duplicates(collector, "plan.yaml", ["domains"], [d.code for d in plan.domains])
    rules = [_level_rule(level) for level in plan.levels]
    for index, part, error in plan_rules.level_errors(rules):
        loc: list[str | int] = ["levels", index, part]
        if part == "parents":  # point at the parent named
            unknown = sorted(rules[index].parents - {r.code for r in rules})
            loc.append(plan.levels[index].parents.index(unknown[0]) if unknown else 0)
        collector.add_error("plan.yaml", loc, error)
    if plan.progress is not None:
        _check_progress(collector, plan.progress)
    info = plan.plan
    if info.vision_year is not None and (
        vision_error := plan_rules.vision_year_error(
            info.vision_year, (info.period.start, info.period.end)
        )
    ):
        collector.add_error("plan.yaml", ["plan", "vision_year"], vision_error)


def grade_values(grades: list[schema.GradeRule]) -> list[dict[str, object]]:
    """The grades of plan.yaml `progress` as the plain values core.progress.grade_scale reads
    and Plan.grade_scale stores (at_least in percent, as written)."""
    return [
        {
            "label_ja": g.label.ja,
            "label_en": g.label.en,
            "statuses": list(g.statuses),
            "at_least": None if g.at_least is None else str(g.at_least),
            "note": g.note,
        }
        for g in grades
    ]


def _check_progress(collector: _Collector, info: schema.Progress) -> None:
    """The plan's grade scale, checked by the function that reads it (core.progress)."""
    if not info.grades:
        return  # the default scale
    try:
        progress.grade_scale(grade_values(info.grades), info.name)
    except progress.ScaleInvalid as invalid:
        for problem in invalid.problems:
            loc: list[str | int] = ["progress", "grades", problem.index, *problem.field.split(".")]
            collector.add("plan.yaml", loc, problem.ja, problem.en)


def _years(plan: schema.PlanFile | None) -> tuple[int, int] | None:
    """The years a plan's figures may refer to: its period, up to its vision year."""
    if plan is None:
        return None
    period = plan.plan.period
    return (period.start, max(period.end, plan.plan.vision_year or period.end))


def _check_folder(collector: _Collector, folder: _Folder) -> None:
    if folder.plan is not None:
        _check_plan(collector, folder.plan)
    survey_questions = _check_surveys(collector, folder.surveys)
    published_shares: dict[str, dict[str, Decimal]] | None = None
    if folder.surveys_readable:
        published_shares = {
            f"{s.key}/{q.key}": {o.code: o.published for o in q.options}
            for s in (folder.surveys.surveys if folder.surveys else [])
            for q in s.questions
            if q.published_as == "percent"
        }
    departments = _Departments(collector)
    node_keys: dict[str, set[str]] = {}
    for slug, version in folder.versions.items():
        node_keys[slug] = _check_version(
            collector,
            f"versions/{slug}.yaml",
            version,
            folder,
            survey_questions if folder.surveys_readable else None,
            published_shares,
            departments,
        )
    pairs: set[tuple[str, str]] = set()
    for file, mapping in folder.mappings:
        _check_mapping(collector, file, mapping, folder.known, node_keys)
        if (mapping.from_, mapping.to) in pairs:
            collector.add(
                file,
                ["from"],
                f"{mapping.from_} → {mapping.to} の対応は別のファイルにもあります。",
                f"Another file also maps {mapping.from_} to {mapping.to}.",
            )
        pairs.add((mapping.from_, mapping.to))
    _check_trends(collector, folder, node_keys)
    _check_continues(collector, folder)


class _Departments:
    """A department is one per Japanese name: its English name must agree everywhere."""

    def __init__(self, collector: _Collector) -> None:
        self.collector = collector
        self.first: dict[str, tuple[str, str]] = {}  # ja -> (en, where)

    def check(self, file: str, loc: list, department: schema.DepartmentRef | None) -> None:
        if department is None or not department.en:
            return
        first = self.first.get(department.ja)
        if first is None:  # where it is first named, for the message
            where = f"{file}:{line_of(self.collector.raw.get(file), [*loc, 'en'])}"
            first = self.first[department.ja] = (department.en, where)
        if first[0] != department.en:
            self.collector.add(
                file,
                [*loc, "en"],
                f"部署「{department.ja}」の英語名が「{first[0]}」（{first[1]}）と"
                f"「{department.en}」の2通りあります。どちらかにそろえてください。",
                f"Department {department.ja} has two English names: '{first[0]}' ({first[1]}) "
                f"and '{department.en}'. Use one.",
            )


def _check_version(
    collector: _Collector,
    file: str,
    version: schema.VersionFile,
    folder: _Folder,
    survey_questions: set[str] | None,
    published_shares: dict[str, dict[str, Decimal]] | None,
    departments: _Departments,
) -> set[str]:
    """Check one version's tree; return its node keys (kind/code)."""
    levels = folder.levels
    domains = {d.code for d in folder.plan.domains} if folder.plan else None
    years = _years(folder.plan)
    keys: Counter[str] = Counter()
    indicator_codes: Counter[str] = Counter()
    for node, parent, loc in walk(version.nodes):
        key = f"{node.kind}/{node.code}"
        keys[key] += 1
        if keys[key] == 2:
            collector.add(
                file,
                [*loc, "code"],
                f"「{key}」が重複しています。",
                f"'{key}' is used twice in this version.",
            )
        if levels is not None:
            parent_kind = parent.kind if parent is not None and parent.kind in levels else None
            if error := plan_rules.parent_error(levels, node.kind, parent_kind):
                collector.add_error(file, [*loc, "kind"], error)
            if (node.indicators or node.evaluation) and (
                error := plan_rules.carrier_error(levels, node.kind)
            ):
                collector.add_error(
                    file, [*loc, "indicators" if node.indicators else "evaluation"], error
                )
        if node.kind == "domain":
            if domains is not None and node.code not in domains:
                collector.add(
                    file,
                    [*loc, "code"],
                    f"領域「{node.code}」が plan.yaml の domains にありません。",
                    f"Domain '{node.code}' is not listed under domains in plan.yaml.",
                )
        elif node.name is None:
            collector.add(file, [*loc, "name"], "名称（name）が必要です。", "A name is required.")
        departments.check(file, [*loc, "department"], node.department)
        for index, indicator in enumerate(node.indicators):
            indicator_loc = [*loc, "indicators", index]
            indicator_codes[indicator.code] += 1
            if indicator_codes[indicator.code] == 2:
                collector.add(
                    file,
                    [*indicator_loc, "code"],
                    f"成果指標「{indicator.code}」が重複しています。",
                    f"Indicator '{indicator.code}' is used twice.",
                )
            departments.check(
                file, [*indicator_loc, "definition", "department"], indicator.definition.department
            )
            _check_indicator(
                collector, file, indicator_loc, indicator, years, survey_questions, published_shares
            )
    return set(keys)


def _check_indicator(
    collector: _Collector,
    file: str,
    loc: list,
    indicator: schema.Indicator,
    years: tuple[int, int] | None,
    survey_questions: set[str] | None,
    published_shares: dict[str, dict[str, Decimal]] | None,
) -> None:
    question = indicator.survey_question
    if survey_questions is not None and published_shares is not None:
        if question and question not in survey_questions:
            collector.add(
                file,
                [*loc, "survey_question"],
                f"設問「{question}」が surveys.yaml にありません。",
                f"Question '{question}' is not in surveys.yaml.",
            )
        elif indicator.survey_options:
            _check_survey_options(
                collector, file, loc, indicator, published_shares.get(question or "")
            )
    _check_duplicates(collector, file, [*loc, "series"], [s.key for s in indicator.series], "key")
    if indicator.method == "cagr":
        _check_growth_values(collector, file, loc, indicator)
    for index, series in enumerate(indicator.series):
        series_loc = [*loc, "series", index]
        for part, error in plan_rules.series_errors(
            unit=indicator.unit,
            direction=indicator.direction,
            baseline=(series.baseline.value, series.baseline.year),
            target=(series.target.value, series.target.year),
            period=years,
        ):
            collector.add_error(file, [*series_loc, *part.split(".")], error)
        for o_index, observation in enumerate(series.observations):
            for part, error in plan_rules.observation_errors(
                unit=indicator.unit,
                value=observation.value,
                lower=observation.lower,
                upper=observation.upper,
                year=observation.year,
                period=years,
            ):
                collector.add_error(file, [*series_loc, "observations", o_index, part], error)
        _check_duplicates(
            collector,
            file,
            [*series_loc, "observations"],
            [o.year for o in series.observations],
            "year",
        )


def _check_survey_options(
    collector: _Collector,
    file: str,
    loc: list,
    indicator: schema.Indicator,
    shares: dict[str, Decimal] | None,
) -> None:
    """The options named as the baseline's source must exist and add up to the baseline."""
    here = [*loc, "survey_options"]
    if shares is None:
        collector.add(
            file,
            here,
            "survey_options には割合で公表された設問の survey_question が必要です。",
            "survey_options needs a survey_question published as percentages.",
        )
        return
    unknown = [code for code in indicator.survey_options if code not in shares]
    if unknown:
        known = ", ".join(shares)
        collector.add(
            file,
            here,
            f"設問にない選択肢のコードです: {', '.join(unknown)}（あるもの: {known}）。",
            f"No such option code in the question: {', '.join(unknown)} (it has: {known}).",
        )
        return
    total = sum(shares[code] for code in indicator.survey_options)
    baseline = indicator.series[0].baseline.value
    if len(indicator.series) == 1 and total != baseline:
        collector.add(
            file,
            here,
            f"選択肢の割合の合計 {total}% が基準値 {baseline} と一致しません。",
            f"The options' shares add up to {total}%, not the baseline {baseline}.",
        )


def _check_mapping(
    collector: _Collector,
    file: str,
    mapping: schema.MappingFile,
    known: set[str],
    node_keys: dict[str, set[str]],
) -> None:
    _check_duplicates(
        collector,
        file,
        ["links"],
        [f"{link.from_ or '—'} → {link.to or '—'}" for link in mapping.links],
    )
    readable = True
    for side, slug in (("from", mapping.from_), ("to", mapping.to)):
        if slug not in known:
            collector.add(file, [side], f"版「{slug}」がありません。", f"No version '{slug}'.")
        readable = readable and slug in node_keys  # else its own file reports why
    for index, link in enumerate(mapping.links):
        loc: list[str | int] = ["links", index]
        wrong_sides = set()
        for side, error in plan_rules.mapping_errors(
            link.relation, bool(link.from_), bool(link.to)
        ):
            collector.add_error(file, [*loc, side], error)
            wrong_sides.add(side)
        if not readable:
            continue
        for side, value, slug in (("from", link.from_, mapping.from_), ("to", link.to, mapping.to)):
            if value and side not in wrong_sides and value not in node_keys[slug]:
                collector.add(
                    file,
                    [*loc, side],
                    f"版「{slug}」に「{value}」がありません（kind/code の形で書きます）。",
                    f"Version '{slug}' has no node '{value}' (write kind/code).",
                )


def _check_surveys(collector: _Collector, surveys: schema.SurveysFile | None) -> set[str]:
    if surveys is None:
        return set()
    file = "surveys.yaml"
    found: set[str] = set()
    survey_keys: set[str] = set()
    for s_index, survey in enumerate(surveys.surveys):
        s_loc: list[str | int] = ["surveys", s_index]
        if survey.key in survey_keys:
            collector.add(
                file,
                [*s_loc, "key"],
                f"調査「{survey.key}」が重複しています。",
                f"Survey '{survey.key}' is used twice.",
            )
        survey_keys.add(survey.key)
        rate = survey.published_response_rate
        if rate is not None and (error := plan_rules.value_error(rate, "%")):
            collector.add_error(file, [*s_loc, "published_response_rate"], error)
        elif survey.distributed and rate is not None:
            computed = percent_of(survey.valid_responses, survey.distributed, decimal_places(rate))
            if computed != rate:
                collector.add(
                    file,
                    [*s_loc, "published_response_rate"],
                    f"回収率 {rate}% は有効回答数と配布数から計算した {computed}% と一致しません。",
                    f"Response rate {rate}% does not match "
                    f"{computed}% computed from responses and distribution.",
                )
        if survey.distributed and survey.valid_responses > survey.distributed:
            collector.add(
                file,
                [*s_loc, "valid_responses"],
                f"有効回答数 {survey.valid_responses} が"
                f"配布数 {survey.distributed} を超えています。",
                f"Valid responses {survey.valid_responses} exceed the "
                f"{survey.distributed} distributed.",
            )
        for q_index, question in enumerate(survey.questions):
            q_loc: list[str | int] = [*s_loc, "questions", q_index]
            key = f"{survey.key}/{question.key}"
            if key in found:
                collector.add(
                    file,
                    [*q_loc, "key"],
                    f"設問「{key}」が重複しています。",
                    f"Question '{key}' is used twice.",
                )
            found.add(key)
            if question.base > survey.valid_responses:
                collector.add(
                    file,
                    [*q_loc, "base"],
                    "母数が有効回答数を超えています。",
                    "The base exceeds the survey's valid responses.",
                )
            _check_question(collector, file, q_loc, question)
    return found


def _check_question(collector: _Collector, file: str, loc: list, question: schema.Question) -> None:
    _check_duplicates(
        collector, file, [*loc, "options"], [o.code for o in question.options], "code"
    )
    total = sum(option.count for option in question.options)
    if question.type == "single" and total > question.base:
        collector.add(
            file,
            [*loc, "options"],
            f"単一回答の件数の合計 {total} が母数 {question.base} を超えています。",
            f"Single-answer counts add up to {total}, more than the base {question.base}.",
        )
    for index, option in enumerate(question.options):
        if option.count > question.base:
            collector.add(
                file,
                [*loc, "options", index, "count"],
                "件数が母数を超えています。",
                "The count exceeds the base.",
            )
    if question.published_as == "count":
        for index, option in enumerate(question.options):
            if Decimal(option.count) != option.published:
                collector.add(
                    file,
                    [*loc, "options", index, "published"],
                    f"公表値 {option.published} と件数 {option.count} が一致しません。",
                    f"Published figure {option.published} differs from count {option.count}.",
                )
        return
    in_range = []
    for index, option in enumerate(question.options):
        if error := plan_rules.value_error(option.published, "%"):
            collector.add_error(file, [*loc, "options", index, "published"], error)
        else:
            in_range.append((str(index), option.count, option.published))
    for mismatch in check_published_percents(question.base, in_range):
        collector.add(
            file,
            [*loc, "options", int(mismatch.option), "published"],
            f"公表値 {mismatch.published}% は 件数/母数 = {mismatch.computed}% と一致しません。",
            f"Published {mismatch.published}% differs from count/base = {mismatch.computed}%.",
        )


def _check_trends(collector: _Collector, folder: _Folder, node_keys: dict[str, set[str]]) -> None:
    if not folder.trends:
        return
    _check_duplicates(
        collector, "trends.yaml", ["trends"], [t.field for t in folder.trends.trends], "field"
    )
    newest = folder.listed[-1] if folder.listed else None
    if newest is None or newest not in node_keys:  # its own errors are reported already
        return
    for index, trend in enumerate(folder.trends.trends):
        if f"field/{trend.field}" not in node_keys[newest]:
            collector.add(
                "trends.yaml",
                ["trends", index, "field"],
                f"分野「{trend.field}」が版「{newest}」にありません。",
                f"Field '{trend.field}' is not in version '{newest}'.",
            )


def _check_growth_values(
    collector: _Collector, file: str, loc: list, indicator: schema.Indicator
) -> None:
    """The growth-rate method compares ratios of values: every value must be above zero."""
    for index, series in enumerate(indicator.series):
        here: list[tuple[list[str | int], object]] = [
            (["baseline", "value"], series.baseline.value),
            (["target", "value"], series.target.value),
        ]
        for o_index, o in enumerate(series.observations):
            for part in ("value", "lower"):
                if getattr(o, part) is not None:
                    here.append((["observations", o_index, part], getattr(o, part)))
        for part_loc, value in here:
            if isinstance(value, Decimal) and value <= 0:
                collector.add(
                    file,
                    [*loc, "series", index, *part_loc],
                    f"成長率の方法（method: cagr）では値が正の数でなければなりません（{value}）。"
                    "method: linear を使ってください。",
                    f"The growth-rate method (method: cagr) needs values above zero ({value}): "
                    "use method: linear.",
                )


def _check_continues(collector: _Collector, folder: _Folder) -> None:
    """`continues` names an indicator of an earlier version whose measure a mapping links to
    this indicator's measure (any relation but `new`)."""
    if folder.listed is None:
        return
    order = list(folder.listed)
    indicators: dict[str, dict[str, str]] = {}  # version -> indicator code -> its measure
    for slug, version in folder.versions.items():
        indicators[slug] = {
            i.code: f"{node.kind}/{node.code}"
            for node, _parent, _loc in walk(version.nodes)
            for i in node.indicators
        }
    mappings_readable = not any(f.startswith("mappings/") for f in collector.failed)
    links: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for _file, mapping in folder.mappings:
        for link in mapping.links:
            if link.relation != "new" and link.from_ and link.to:
                links.setdefault((mapping.from_, mapping.to), set()).add((link.from_, link.to))
    for slug, version in folder.versions.items():
        file = f"versions/{slug}.yaml"
        for node, _parent, loc in walk(version.nodes):
            for index, indicator in enumerate(node.indicators):
                if indicator.continues is None:
                    continue
                here = [*loc, "indicators", index, "continues"]
                _check_one_continues(
                    collector,
                    file,
                    here,
                    (slug, f"{node.kind}/{node.code}", indicator.continues),
                    order,
                    indicators,
                    links if mappings_readable else None,
                )


def _check_one_continues(
    collector: _Collector,
    file: str,
    loc: list,
    this: tuple[str, str, str],
    order: list[str],
    indicators: dict[str, dict[str, str]],
    links: dict[tuple[str, str], set[tuple[str, str]]] | None,
) -> None:
    slug, measure, written = this
    if "/" in written:
        old_version, code = written.split("/", 1)
    else:
        position = order.index(slug)
        if position == 0:
            collector.add(
                file,
                loc,
                f"版「{slug}」は最初の版なので、前の版の指標を continues に書けません"
                "（別の版なら 版/コード の形で書きます）。",
                f"Version '{slug}' is the first: it has no previous version to continue "
                "(write VERSION/CODE for another one).",
            )
            return
        old_version, code = order[position - 1], written
    if old_version not in order:
        collector.add(
            file, loc, f"版「{old_version}」がありません。", f"No version '{old_version}'."
        )
        return
    if order.index(old_version) >= order.index(slug):
        collector.add(
            file,
            loc,
            f"continues には、この版「{slug}」より前の版の指標を書きます（「{old_version}」は"
            "前の版ではありません）。",
            f"continues names an indicator of a version before '{slug}' ('{old_version}' is "
            "not before it).",
        )
        return
    if old_version not in indicators:
        return  # its file could not be read: reported there
    old_measure = indicators[old_version].get(code)
    if old_measure is None:
        collector.add(
            file,
            loc,
            f"版「{old_version}」に成果指標「{code}」がありません。",
            f"Version '{old_version}' has no indicator '{code}'.",
        )
        return
    if links is not None and (old_measure, measure) not in links.get((old_version, slug), set()):
        mapping = f"mappings/{old_version}--{slug}.yaml"
        collector.add(
            file,
            loc,
            f"版「{old_version}」の指標「{code}」は {old_measure} にありますが、{old_version} から"
            f" {slug} への対応表に {old_measure} → {measure}（この指標の施策）の対応"
            f"（new 以外）がありません。{mapping} に対応を書くか、continues を直してください。",
            f"Indicator '{code}' of '{old_version}' is on {old_measure}, but no mapping from "
            f"{old_version} to {slug} links {old_measure} to {measure} (this indicator's "
            f"measure) by a relation other than new: add the link to {mapping} or correct "
            "continues.",
        )
