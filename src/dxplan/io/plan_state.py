"""A plan as plain values: what its files say, and what the database holds, in one shape.

Both sides become {model name: {natural key: {field: value}}}, with references to other records as
`Ref(model, key)`, so `dxplan.core.diff` can compare them without the database and the importer
can apply the difference through the actions.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db import models

from dxplan.core.diff import Key, Ref, State
from dxplan.core.numbers import decimal_places
from dxplan.indicators.models import Indicator, Observation, Series
from dxplan.plans.models import (
    Department,
    EvaluationRecord,
    Level,
    Milestone,
    Node,
    Organisation,
    Plan,
    PlanVersion,
    Trend,
    VersionMapping,
)
from dxplan.records import model_name
from dxplan.surveys.models import PublishedOption, PublishedQuestion, PublishedSurvey

from . import planschema as schema
from .planfiles import PlanBundle, grade_values, organisation_slug, walk

# In the order records depend on each other: creations run down this list, deletions up it.
MODELS: list[type[models.Model]] = [
    Organisation,
    Plan,
    Level,
    Department,
    PlanVersion,
    PublishedSurvey,
    PublishedQuestion,
    PublishedOption,
    Node,
    EvaluationRecord,
    Indicator,
    Series,
    Observation,
    VersionMapping,
    Trend,
    Milestone,
]
BY_NAME = {model_name(m): m for m in MODELS}
STAMPS = ("created_at", "updated_at")
# origin: where a figure began; correction: a figure's correction awaiting publication in dxplan
# sample: fictitious figures for demonstrations, never part of a plan's files
NOT_COMPARED = {"id", *STAMPS, "origin", "correction", "sample"}
MANY = {"indicator": ["survey_options"]}
# Records the files never remove: shared by the organisation's plans, or entered in dxplan.
NEVER_PRUNED = {"organisation", "department"}


def fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in NOT_COMPARED]


def key_of(name: str, v: dict[str, Any]) -> Key:
    """The natural key of a record, from its values (references already as Refs)."""
    match name:
        case "organisation":
            return (v["code"],)
        case "plan":
            return (v["slug"],)
        case "level" | "planversion":
            return (v["code"] if name == "level" else v["slug"],)
        case "department":
            return (v["name_ja"],)
        case "node":
            return (v["version"].key[0], v["kind"], v["code"])
        case "evaluationrecord":
            return (*v["node"].key, str(v["phase_start"]))
        case "indicator":
            return (v["measure"].key[0], v["code"])
        case "series":
            return (*v["indicator"].key, v["key"])
        case "observation":
            return (*v["series"].key, str(v["fiscal_year"]))
        case "versionmapping":
            return (
                v["from_version"].key[0],
                v["to_version"].key[0],
                "/".join(v["from_node"].key[1:]) if v["from_node"] else "",
                "/".join(v["to_node"].key[1:]) if v["to_node"] else "",
            )
        case "publishedsurvey":
            return (v["key"],)
        case "publishedquestion":
            return (*v["survey"].key, v["key"])
        case "publishedoption":
            return (*v["question"].key, v["code"])
        case "trend":
            return (v["field_code"],)
        case "milestone":
            return (str(v["fiscal_year"]), str(v["position"]))
    raise KeyError(name)


def describe(name: str, key: Key) -> str:
    """A key as people read it: node 2025-2027/measure/1-1."""
    if name == "node":
        return f"{key[0]}/{key[1]}/{key[2]}"
    if name == "versionmapping":
        return f"{key[0]}→{key[1]} {key[2] or '—'}→{key[3] or '—'}"
    return "/".join(key)


# --- from the database ---------------------------------------------------------------------


def scoped(name: str, plan: Plan | None, organisation: Organisation) -> models.QuerySet:
    """The rows of one model that belong to the plan (organisation rows for shared records)."""
    model = BY_NAME[name]
    manager = model._default_manager
    if organisation.pk is None:
        return manager.none()
    if name == "organisation":
        return manager.filter(pk=organisation.pk).defer(*STAMPS)
    if name == "department":
        return manager.filter(organisation=organisation).defer(*STAMPS)
    if plan is None:
        return manager.none()
    path = {
        "plan": "pk",
        "level": "plan",
        "planversion": "plan",
        "publishedsurvey": "plan",
        "publishedquestion": "survey__plan",
        "publishedoption": "question__survey__plan",
        "node": "version__plan",
        "evaluationrecord": "node__version__plan",
        "indicator": "measure__version__plan",
        "series": "indicator__measure__version__plan",
        "observation": "series__indicator__measure__version__plan",
        "versionmapping": "from_version__plan",
        "trend": "plan",
        "milestone": "plan",
    }[name]
    order = ["position", "pk"] if name == "node" else ["pk"]
    return manager.filter(**{path: plan.pk}).order_by(*order).defer(*STAMPS)


# What a record's natural key in the history reads through (node → version → plan → organisation).
CHAIN = {
    "organisation": [],
    "plan": ["organisation"],
    "level": ["plan__organisation"],
    "department": ["organisation"],
    "planversion": ["plan__organisation"],
    "publishedsurvey": ["plan__organisation"],
    "publishedquestion": ["survey__plan__organisation"],
    "publishedoption": ["question__survey__plan__organisation"],
    "node": ["version__plan__organisation"],
    "evaluationrecord": ["node__version__plan__organisation"],
    "indicator": ["measure__version__plan__organisation"],
    "series": ["indicator__measure__version__plan__organisation"],
    "observation": ["series__indicator__measure__version__plan__organisation"],
    "versionmapping": ["from_version__plan__organisation", "to_version", "from_node", "to_node"],
    "trend": ["plan__organisation"],
    "milestone": ["plan__organisation"],
}


class DatabaseState:
    """The plan as the database holds it, as plain values: one query per model (and one for
    the options behind indicators). Records themselves are fetched only where they change."""

    def __init__(self, plan: Plan | None, organisation: Organisation) -> None:
        self.state: State = {}
        self.pks: dict[str, dict[Key, int]] = {}
        self.origin: dict[Key, str] = {}  # of each observation: file or entry
        self._keys: dict[str, dict[int, Key]] = {}
        for model in MODELS:
            self._read(model, plan, organisation)

    def _read(self, model: type[models.Model], plan: Plan | None, org: Organisation) -> None:
        name = model_name(model)
        own = fields(model)
        columns = ["pk", *(f.attname for f in own)]
        if name == "observation":
            columns.append("origin")
        targets = [model_name(f.related_model) if f.related_model else None for f in own]
        rows: dict[Key, dict[str, Any]] = {}
        pks: dict[Key, int] = {}
        keys: dict[int, Key] = {}
        self._keys[name] = keys
        parents: list[tuple[Key, str, int]] = []
        for row in scoped(name, plan, org).values_list(*columns):
            values: dict[str, Any] = {}
            for f, target, raw in zip(own, targets, row[1:], strict=False):
                if target is None or raw is None or target == name:  # a parent: linked below
                    values[f.name] = raw
                else:
                    values[f.name] = Ref(target, self._keys[target][raw])
            key = key_of(name, values)
            rows[key], pks[key], keys[row[0]] = values, row[0], key
            for f, target in zip(own, targets, strict=True):
                if target == name and values[f.name] is not None:
                    parents.append((key, f.name, values[f.name]))
            if name == "observation":
                self.origin[key] = row[-1]
        for key, field_name, parent_pk in parents:
            # (an indicator continued from another plan's, set in the admin, is none the files
            # can name: they say none)
            rows[key][field_name] = Ref(name, keys[parent_pk]) if parent_pk in keys else None
        if name == "indicator" and rows:
            chosen: dict[int, list[Ref]] = {}
            through = Indicator.survey_options.through.objects.filter(
                indicator_id__in=list(keys)
            ).values_list("indicator_id", "publishedoption_id")
            for indicator_pk, option_pk in through:
                option = Ref("publishedoption", self._keys["publishedoption"][option_pk])
                chosen.setdefault(indicator_pk, []).append(option)
            for pk, key in keys.items():
                rows[key]["survey_options"] = sorted(chosen.get(pk, []))
        self.state[name], self.pks[name] = rows, pks

    def key_of_pk(self, name: str, pk: int) -> Key | None:
        return self._keys.get(name, {}).get(pk)


class Records:
    """Records by natural key: fetched when first needed, a batch at a time, with what their
    history key reads through; records created by the import are added as they are made."""

    def __init__(self, pks: dict[str, dict[Key, int]]) -> None:
        self.pks = pks
        self.loaded: dict[str, dict[Key, models.Model]] = {name: {} for name in pks}

    def add(self, name: str, key: Key, obj: models.Model) -> None:
        self.loaded[name][key] = obj

    def get(self, name: str, key: Key) -> models.Model:
        if key not in self.loaded[name]:
            self.load([(name, key)])
        return self.loaded[name][key]

    def load(self, wanted: Iterator[tuple[str, Key]] | list[tuple[str, Key]]) -> None:
        missing: dict[str, dict[int, Key]] = {}
        for name, key in wanted:
            if key not in self.loaded[name]:
                missing.setdefault(name, {})[self.pks[name][key]] = key
        for name, by_pk in missing.items():
            manager = BY_NAME[name]._default_manager.select_related(*CHAIN[name])
            for start in range(0, len(by_pk), 500):
                chunk = list(by_pk)[start : start + 500]
                for obj in manager.filter(pk__in=chunk):
                    self.loaded[name][by_pk[obj.pk]] = obj


# --- from the files ------------------------------------------------------------------------


def _t(value: schema.Text | schema.Name | None, prefix: str) -> dict[str, str]:
    return {f"{prefix}_ja": value.ja if value else "", f"{prefix}_en": value.en if value else ""}


class FileState:
    """The plan as its folder describes it, with the old key of every renamed record."""

    def __init__(self, bundle: PlanBundle) -> None:
        self.state: State = {model_name(m): {} for m in MODELS}
        self.renamed: dict[str, dict[Key, Key]] = {model_name(m): {} for m in MODELS}
        self._build(bundle)

    def add(self, name: str, values: dict[str, Any], old: Key | None = None) -> Ref:
        key = key_of(name, values)
        self.state[name][key] = values
        if old is not None and old != key:
            self.renamed[name][key] = old
        return Ref(name, key)

    def old_key(self, name: str, key: Key) -> Key:
        return self.renamed[name].get(key, key)

    def _build(self, bundle: PlanBundle) -> None:
        info = bundle.plan
        org = self.add(
            "organisation",
            {
                "code": info.organisation.code,
                "slug": organisation_slug(info.organisation),
                **_t(info.organisation.name, "name"),
            },
        )
        p = info.plan
        plan = self.add(
            "plan",
            {
                "organisation": org,
                "slug": p.slug,
                "start_year": p.period.start,
                "end_year": p.period.end,
                "vision_year": p.vision_year,
                "grade_scale": _grade_scale(info.progress),
                "overall_rule": info.progress.overall if info.progress else "worst",
                "note": p.note,
                **_t(p.name, "name"),
                **_t(p.purpose, "purpose"),
                **_t(p.position, "position"),
                **_t(p.background, "background"),
                **_t(p.concept, "concept"),
                **_t(p.concept_text, "concept_text"),
            },
        )
        for position, level in enumerate(info.levels):
            self.add(
                "level",
                {
                    "plan": plan,
                    "code": level.code,
                    "position": position,
                    **_t(level.name, "name"),
                    "parents": list(level.parents),
                    "has_page": level.page,
                    "carries_indicators": level.indicators,
                },
            )
        self._org = org
        self._versions = [v.slug for v in info.versions]
        options = self._surveys(bundle, plan)
        versions = {}
        for position, v in enumerate(info.versions):
            versions[v.slug] = self.add(
                "planversion",
                {
                    "plan": plan,
                    "slug": v.slug,
                    "start_year": v.period.start,
                    "end_year": v.period.end,
                    "status": v.status,
                    "position": position,
                    "note": v.note,
                    **_t(v.name, "name"),
                },
            )
            self._nodes(bundle, v.slug, versions[v.slug], options)
        for mapping in bundle.mappings:
            for position, link in enumerate(mapping.links):
                self.add(
                    "versionmapping",
                    {
                        "from_version": versions[mapping.from_],
                        "to_version": versions[mapping.to],
                        "from_node": self._node_ref(mapping.from_, link.from_),
                        "to_node": self._node_ref(mapping.to, link.to),
                        "relation": link.relation,
                        "position": position,
                        **_t(link.note, "note"),
                        "note_attribution": link.attribution,
                    },
                )
        for position, t in enumerate(bundle.trends.trends if bundle.trends else []):
            self.add(
                "trend",
                {
                    "plan": plan,
                    "field_code": t.field,
                    "position": position,
                    "national": [x.model_dump() for x in t.national],
                    "technologies": [x.model_dump() for x in t.technologies],
                    **_t(t.outlook, "outlook"),
                    "note": t.note,
                },
            )
        if bundle.schedule:
            position = 0
            for track in bundle.schedule.tracks:
                for item in track.items:
                    self.add(
                        "milestone",
                        {
                            "plan": plan,
                            "fiscal_year": bundle.schedule.fiscal_year,
                            "position": position,
                            **_t(track.name, "track"),
                            **_t(item.name, "name"),
                            "quarter_start": item.quarter,
                            "quarter_end": item.quarter_end or item.quarter,
                            "note": item.note,
                        },
                    )
                    position += 1

    def _node_ref(self, version: str, node_key: str | None) -> Ref | None:
        if not node_key:
            return None
        kind, code = node_key.split("/", 1)
        return Ref("node", (version, kind, code))

    def _department(self, department: schema.DepartmentRef | None) -> Ref | None:
        if department is None:
            return None
        known = self.state["department"].get((department.ja,), {})
        english = department.en or known.get("name_en", "")  # a mention without English keeps it
        values = {"organisation": self._org, "name_ja": department.ja, "name_en": english}
        code = department.code or known.get("code")  # given once is enough
        if code:  # without one, the department keeps the code it has (set in the admin)
            values["code"] = code
        return self.add("department", values)

    def rename_departments_by_code(self, database: dict[Key, dict[str, Any]]) -> None:
        """A department whose code the database knows under another name is renamed, not new:
        it stays the same record, with its members (`translate` moves it to the new name)."""
        by_code = {v["code"]: key for key, v in database.items() if v.get("code")}
        for key, values in self.state["department"].items():
            old = by_code.get(values.get("code") or "")
            if old is not None and old != key and key not in database:
                self.renamed["department"][key] = old

    def _surveys(self, bundle: PlanBundle, plan: Ref) -> dict[str, Ref]:
        questions: dict[str, Ref] = {}
        for position, s in enumerate(bundle.surveys.surveys if bundle.surveys else []):
            old_survey = s.rename.from_ if s.rename else s.key
            survey = self.add(
                "publishedsurvey",
                {
                    "plan": plan,
                    "key": s.key,
                    "position": position,
                    **_t(s.title, "title"),
                    "fiscal_year": s.fiscal_year,
                    **_t(s.fieldwork, "fieldwork"),
                    **_t(s.method, "method"),
                    "distributed": s.distributed,
                    "valid_responses": s.valid_responses,
                    "published_response_rate": s.published_response_rate,
                    "response_rate_decimals": decimal_places(s.published_response_rate)
                    if s.published_response_rate is not None
                    else 1,
                    "note": s.note,
                },
                (old_survey,),
            )
            for q_position, q in enumerate(s.questions):
                old_question = (old_survey, q.rename.from_ if q.rename else q.key)
                question = self.add(
                    "publishedquestion",
                    {
                        "survey": survey,
                        "key": q.key,
                        "position": q_position,
                        **_t(q.text, "text"),
                        "type": q.type,
                        "base": q.base,
                        **_t(q.base_note, "base_note"),
                        "published_as": q.published_as,
                        **_t(q.summary, "summary"),
                        "note": q.note,
                    },
                    old_question,
                )
                questions[f"{s.key}/{q.key}"] = question
                for o_position, o in enumerate(q.options):
                    self.add(
                        "publishedoption",
                        {
                            "question": question,
                            "code": o.code,
                            "position": o_position,
                            **_t(o.label, "label"),
                            "count": o.count,
                            "published": o.published,
                            "published_decimals": decimal_places(o.published),
                        },
                        (*old_question, o.rename.from_ if o.rename else o.code),
                    )
        return questions

    def _nodes(
        self, bundle: PlanBundle, slug: str, version: Ref, questions: dict[str, Ref]
    ) -> None:
        domains = {d.code: d for d in bundle.plan.domains}
        refs: dict[int, Ref] = {}
        for position, (item, parent, _loc) in enumerate(walk(bundle.versions[slug].nodes)):
            name = item.name or domains[item.code].name
            description = item.description or (
                domains[item.code].description if item.code in domains else None
            )
            node = self.add(
                "node",
                {
                    "version": version,
                    "parent": refs[id(parent)] if parent else None,
                    "kind": item.kind,
                    "code": item.code,
                    "position": position,
                    **_t(name, "name"),
                    **_t(description, "description"),
                    "department": self._department(item.department),
                    "department_attribution": item.department.attribution
                    if item.department
                    else "city",
                    "note": item.note,
                },
                (slug, item.kind, item.rename.from_) if item.rename else None,
            )
            refs[id(item)] = node
            if item.evaluation:
                e = item.evaluation
                self.add(
                    "evaluationrecord",
                    {
                        "node": node,
                        "phase_start": e.phase.start,
                        "phase_end": e.phase.end,
                        **_t(e.achievements, "achievements"),
                        **_t(e.challenges, "challenges"),
                        "note": e.note,
                    },
                    (*self.old_key("node", node.key), str(e.phase.start)),
                )
            for i_position, indicator in enumerate(item.indicators):
                self._indicator(indicator, node, i_position, questions)

    def _indicator(
        self, indicator: schema.Indicator, node: Ref, position: int, questions: dict[str, Ref]
    ) -> None:
        d = indicator.definition
        question = questions.get(indicator.survey_question or "")
        version = node.key[0]
        old = (version, indicator.rename.from_ if indicator.rename else indicator.code)
        values = [
            v
            for s in indicator.series
            for v in (s.baseline.value, s.target.value, *(o.value for o in s.observations))
        ]
        ref = self.add(
            "indicator",
            {
                "measure": node,
                "code": indicator.code,
                "position": position,
                **_t(indicator.name, "name"),
                **_t(indicator.goal, "goal"),
                "unit": indicator.unit,
                "unit_en": indicator.unit_en,
                "decimals": max(decimal_places(v) for v in values),
                "direction": indicator.direction,
                "kind": indicator.kind,
                **_t(d.counted, "counted"),
                **_t(d.source, "source"),
                **_t(d.calculation, "calculation"),
                **_t(d.frequency, "frequency"),
                "definition_attribution": d.attribution,
                "department": self._department(d.department),
                "department_attribution": d.department.attribution if d.department else "city",
                "survey_question": question,
                "survey_options": sorted(
                    Ref("publishedoption", (*question.key, code))
                    for code in indicator.survey_options
                )
                if question
                else [],
                "method": indicator.method,
                "overall_rule": indicator.overall or "",
                "continues": self._continues(version, indicator.continues),
                "note": indicator.note,
            },
            old,
        )
        for s_position, s in enumerate(indicator.series):
            old_series = (*old, s.rename.from_ if s.rename else s.key)
            series = self.add(
                "series",
                {
                    "indicator": ref,
                    "key": s.key,
                    "position": s_position,
                    **_t(s.name, "name"),
                    "baseline_value": s.baseline.value,
                    "baseline_year": s.baseline.year,
                    "target_value": s.target.value,
                    "target_year": s.target.year,
                },
                old_series,
            )
            for o in s.observations:
                self.add(
                    "observation",
                    {
                        "series": series,
                        "fiscal_year": o.year,
                        "value": o.value,
                        "lower": o.lower,
                        "upper": o.upper,
                        **_t(o.source, "source"),
                        "state": o.state,
                        "provisional": o.provisional,
                        "note": o.note,
                        **_t(o.analysis, "analysis"),
                    },
                    (*old_series, str(o.year)),
                )

    def _continues(self, version: str, written: str | None) -> Ref | None:
        """`continues: CODE` (of the previous version) or `VERSION/CODE`, checked already."""
        if not written:
            return None
        if "/" in written:
            slug, code = written.split("/", 1)
        else:
            slug, code = self._versions[self._versions.index(version) - 1], written
        return Ref("indicator", (slug, code))


def _grade_scale(info: schema.Progress | None) -> dict[str, Any] | None:
    """plan.yaml `progress` as Plan.grade_scale stores it; None: the default scale."""
    if info is None or not info.grades:
        return None
    return {"name": info.name, "grades": grade_values(info.grades), "note": info.note}


def iter_refs(values: dict[str, Any]) -> Iterator[Ref]:
    for value in values.values():
        if isinstance(value, Ref):
            yield value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, Ref))


def same_number(a: Any, b: Any) -> bool:
    return isinstance(a, Decimal) and isinstance(b, Decimal) and a == b
