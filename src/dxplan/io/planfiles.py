"""Read a plan folder (docs/plan-format.md), check all of it, and return it as validated data.

Nothing here touches the database: `dxplan.plans.actions.load_plan` writes what this returns.
Every problem found is reported at once, each naming file, line and field in Japanese and English.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from django.utils.text import slugify
from pydantic import BaseModel, ValidationError

from dxplan.core.numbers import decimal_places
from dxplan.core.surveys import check_published_percents
from dxplan.core.surveys import percent as percent_of

from . import planschema as schema
from .yamlfile import YamlError, line_of, read_yaml

M = TypeVar("M", bound=BaseModel)

# Slugs that would hide a page of the site or the API behind a fixed route.
RESERVED_ORGANISATION_SLUGS = {"admin", "api", "en", "ja", "static", "media"}
RESERVED_VERSION_SLUGS = {"about", "compare", "indicators", "measures", "surveys"}

ALLOWED_PARENTS: dict[str, set[str]] = {
    "domain": set(),
    "field": {"domain"},
    "vision": {"field"},
    "policy": {"vision", "field"},
    "measure": {"policy"},
    "initiative": {"measure"},
}


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


class _Collector:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.errors: list[PlanFileError] = []
        self.raw: dict[str, Any] = {}

    def add(self, file: str, loc: Sequence[str | int], ja: str, en: str) -> None:
        line = line_of(self.raw.get(file), loc)
        self.errors.append(PlanFileError(file, line, _dotted(loc), ja, en))

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
            raw = read_yaml(path)
        except YamlError as error:
            self.errors.append(PlanFileError(relative, error.line, "", error.ja, error.en))
            return None
        self.raw[relative] = raw
        try:
            return model.model_validate(raw)
        except ValidationError as error:
            for detail in error.errors():
                loc = [part for part in detail["loc"] if not _is_internal(part)]
                ctx = detail.get("ctx") or {}
                if detail["type"] == "dxplan":
                    ja, en = ctx["ja"], ctx["en"]
                else:
                    en = detail["msg"]
                    ja = _JA_MESSAGES.get(detail["type"], "値が正しくありません。")
                    if "expected" in ctx:
                        ja += f"（{ctx['expected']}）"
                self.add(relative, loc, ja, en)
            return None


def _is_internal(part: Any) -> bool:
    """pydantic puts validator names such as 'function-before[...]' into locations."""
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def _dotted(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_plan_folder(directory: str | Path) -> PlanBundle:
    """Read and check every file; raise PlanFilesInvalid listing all problems."""
    directory = Path(directory)
    collector = _Collector(directory)
    if not directory.is_dir():
        raise PlanFilesInvalid(
            [PlanFileError(str(directory), None, "", "フォルダがありません。", "No such folder.")]
        )
    plan = collector.parse("plan.yaml", schema.PlanFile)
    versions: dict[str, schema.VersionFile] = {}
    if plan:
        for info in plan.versions:
            version = collector.parse(f"versions/{info.slug}.yaml", schema.VersionFile)
            if version:
                versions[info.slug] = version
        listed = {info.slug for info in plan.versions}
        for path in sorted((directory / "versions").glob("*.yaml")):
            if path.stem not in listed:
                collector.errors.append(
                    PlanFileError(
                        f"versions/{path.name}",
                        None,
                        "",
                        "plan.yaml の versions に載っていない版です。",
                        "This version is not listed under versions in plan.yaml.",
                    )
                )
    mappings = []
    for path in sorted((directory / "mappings").glob("*.yaml")):
        mapping = collector.parse(f"mappings/{path.name}", schema.MappingFile)
        if mapping:
            mappings.append(mapping)
    surveys = collector.parse("surveys.yaml", schema.SurveysFile, required=False)
    trends = collector.parse("trends.yaml", schema.TrendsFile, required=False)
    schedule = collector.parse("schedule.yaml", schema.ScheduleFile, required=False)
    if collector.errors or plan is None:
        raise PlanFilesInvalid(collector.errors)

    bundle = PlanBundle(directory, plan, versions, mappings, surveys, trends, schedule)
    _check_bundle(collector, bundle)
    if collector.errors:
        raise PlanFilesInvalid(collector.errors)
    return bundle


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


def _check_duplicates(collector: _Collector, file: str, loc: list, values: list) -> None:
    """Report every repeat of a value that must be unique within a list."""
    seen: set = set()
    for index, value in enumerate(values):
        if value in seen:
            collector.add(
                file, [*loc, index], f"「{value}」が重複しています。", f"'{value}' is used twice."
            )
        seen.add(value)


def _check_identity(collector: _Collector, bundle: PlanBundle) -> None:
    slug = organisation_slug(bundle.plan.organisation)
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
    for index, version in enumerate(bundle.plan.versions):
        if version.slug in RESERVED_VERSION_SLUGS:
            collector.add(
                "plan.yaml",
                ["versions", index, "slug"],
                f"「{version.slug}」はサイトで使われているため、版の識別子にできません。",
                f"'{version.slug}' is used by the site and cannot be a version slug.",
            )
    _check_duplicates(collector, "plan.yaml", ["versions"], [v.slug for v in bundle.plan.versions])
    _check_duplicates(collector, "plan.yaml", ["domains"], [d.code for d in bundle.plan.domains])


def _check_bundle(collector: _Collector, bundle: PlanBundle) -> None:
    _check_identity(collector, bundle)
    domains = {d.code for d in bundle.plan.domains}
    survey_questions = _check_surveys(collector, bundle.surveys)
    published_shares = {
        f"{s.key}/{q.key}": [o.published for o in q.options]
        for s in (bundle.surveys.surveys if bundle.surveys else [])
        for q in s.questions
        if q.published_as == "percent"
    }
    node_keys: dict[str, set[str]] = {}
    for slug, version in bundle.versions.items():
        file = f"versions/{slug}.yaml"
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
            if parent and parent.kind not in ALLOWED_PARENTS[node.kind]:
                allowed = ", ".join(sorted(ALLOWED_PARENTS[node.kind])) or "—"
                collector.add(
                    file,
                    [*loc, "kind"],
                    f"{node.kind} は {parent.kind} の下に置けません（置ける親: {allowed}）。",
                    f"A {node.kind} cannot stand under a {parent.kind} "
                    f"(allowed parents: {allowed}).",
                )
            if node.kind == "domain":
                if node.code not in domains:
                    collector.add(
                        file,
                        [*loc, "code"],
                        f"領域「{node.code}」が plan.yaml の domains にありません。",
                        f"Domain '{node.code}' is not listed under domains in plan.yaml.",
                    )
            elif node.name is None:
                collector.add(
                    file, [*loc, "name"], "名称（name）が必要です。", "A name is required."
                )
            if node.kind != "measure" and (node.indicators or node.evaluation):
                collector.add(
                    file,
                    [*loc, "indicators" if node.indicators else "evaluation"],
                    "成果指標と評価は基本施策（measure）にだけ付けられます。",
                    "Only measures carry indicators and evaluations.",
                )
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
                _check_indicator(
                    collector, file, indicator_loc, indicator, survey_questions, published_shares
                )
        node_keys[slug] = set(keys)
    pairs: set[tuple[str, str]] = set()
    for mapping in bundle.mappings:
        _check_mapping(collector, mapping, node_keys)
        if (mapping.from_, mapping.to) in pairs:
            collector.add(
                _mapping_file(collector, mapping),
                ["from"],
                f"{mapping.from_} → {mapping.to} の対応は別のファイルにもあります。",
                f"Another file also maps {mapping.from_} to {mapping.to}.",
            )
        pairs.add((mapping.from_, mapping.to))
    _check_trends(collector, bundle, node_keys)


def _check_indicator(
    collector: _Collector,
    file: str,
    loc: list,
    indicator: schema.Indicator,
    survey_questions: set[str],
    published_shares: dict[str, list[Decimal]],
) -> None:
    question = indicator.survey_question
    if question and question not in survey_questions:
        collector.add(
            file,
            [*loc, "survey_question"],
            f"設問「{question}」が surveys.yaml にありません。",
            f"Question '{question}' is not in surveys.yaml.",
        )
    elif indicator.survey_options:
        _check_survey_options(collector, file, loc, indicator, published_shares.get(question or ""))
    _check_duplicates(collector, file, [*loc, "series"], [s.key for s in indicator.series])
    for index, series in enumerate(indicator.series):
        series_loc = [*loc, "series", index]
        if series.target.year < series.baseline.year:
            collector.add(
                file,
                [*series_loc, "target", "year"],
                "目標年度が基準年度より前です。",
                "The target year is before the baseline year.",
            )
        _check_duplicates(
            collector,
            file,
            [*series_loc, "observations"],
            [o.year for o in series.observations],
        )


def _check_survey_options(
    collector: _Collector,
    file: str,
    loc: list,
    indicator: schema.Indicator,
    shares: list[Decimal] | None,
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
    if any(position >= len(shares) for position in indicator.survey_options):
        collector.add(
            file,
            here,
            "設問にない選択肢の番号です（0 から数えます）。",
            "No such option in the question (positions count from 0).",
        )
        return
    total = sum(shares[position] for position in indicator.survey_options)
    baseline = indicator.series[0].baseline.value
    if len(indicator.series) == 1 and total != baseline:
        collector.add(
            file,
            here,
            f"選択肢の割合の合計 {total}% が基準値 {baseline} と一致しません。",
            f"The options' shares add up to {total}%, not the baseline {baseline}.",
        )


def _mapping_file(collector: _Collector, mapping: schema.MappingFile) -> str:
    """The file a mapping came from, even when it is not named <from>--<to>.yaml."""
    return next(
        name
        for name in collector.raw
        if name.startswith("mappings/")
        and collector.raw[name].get("from") == mapping.from_
        and collector.raw[name].get("to") == mapping.to
    )


def _check_mapping(
    collector: _Collector, mapping: schema.MappingFile, node_keys: dict[str, set[str]]
) -> None:
    file = _mapping_file(collector, mapping)
    _check_duplicates(
        collector,
        file,
        ["links"],
        [f"{link.from_ or '—'} → {link.to or '—'}" for link in mapping.links],
    )
    for side, slug in (("from", mapping.from_), ("to", mapping.to)):
        if slug not in node_keys:
            collector.add(file, [side], f"版「{slug}」がありません。", f"No version '{slug}'.")
            return
    for index, link in enumerate(mapping.links):
        loc = ["links", index]
        needs_from = link.relation != "new"
        needs_to = link.relation != "retired"
        for side, value, needed, slug in (
            ("from", link.from_, needs_from, mapping.from_),
            ("to", link.to, needs_to, mapping.to),
        ):
            if needed and not value:
                collector.add(
                    file,
                    [*loc, side],
                    f"関係「{link.relation}」には {side} が必要です。",
                    f"Relation '{link.relation}' needs '{side}'.",
                )
            elif not needed and value:
                collector.add(
                    file,
                    [*loc, side],
                    f"関係「{link.relation}」には {side} を書きません。",
                    f"Relation '{link.relation}' takes no '{side}'.",
                )
            elif value and value not in node_keys[slug]:
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
        s_loc = ["surveys", s_index]
        if survey.key in survey_keys:
            collector.add(
                file,
                [*s_loc, "key"],
                f"調査「{survey.key}」が重複しています。",
                f"Survey '{survey.key}' is used twice.",
            )
        survey_keys.add(survey.key)
        if survey.distributed and survey.published_response_rate is not None:
            places = decimal_places(survey.published_response_rate)
            computed = percent_of(survey.valid_responses, survey.distributed, places)
            if computed != survey.published_response_rate:
                collector.add(
                    file,
                    [*s_loc, "published_response_rate"],
                    f"回収率 {survey.published_response_rate}% は有効回答数と配布数から"
                    f"計算した {computed}% と一致しません。",
                    f"Response rate {survey.published_response_rate}% does not match "
                    f"{computed}% computed from responses and distribution.",
                )
        for q_index, question in enumerate(survey.questions):
            q_loc = [*s_loc, "questions", q_index]
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
    mismatches = check_published_percents(
        question.base, [(str(i), o.count, o.published) for i, o in enumerate(question.options)]
    )
    for mismatch in mismatches:
        collector.add(
            file,
            [*loc, "options", int(mismatch.option), "published"],
            f"公表値 {mismatch.published}% は 件数/母数 = {mismatch.computed}% と一致しません。",
            f"Published {mismatch.published}% differs from count/base = {mismatch.computed}%.",
        )


def _check_trends(
    collector: _Collector, bundle: PlanBundle, node_keys: dict[str, set[str]]
) -> None:
    if not bundle.trends or not bundle.plan.versions:
        return
    newest = bundle.plan.versions[-1].slug
    _check_duplicates(collector, "trends.yaml", ["trends"], [t.field for t in bundle.trends.trends])
    for index, trend in enumerate(bundle.trends.trends):
        if f"field/{trend.field}" not in node_keys.get(newest, set()):
            collector.add(
                "trends.yaml",
                ["trends", index, "field"],
                f"分野「{trend.field}」が版「{newest}」にありません。",
                f"Field '{trend.field}' is not in version '{newest}'.",
            )
