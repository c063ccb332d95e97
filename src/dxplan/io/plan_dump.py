"""`dxplan dump ORG/PLAN DIR`: write a plan from the database back out as a plan folder.

The folder is in the documented format (docs/plan-format.md), so loading it reports no change, and
dumping the same database twice gives the same bytes. Figures entered in dxplan are written too,
with their state, so the files can carry the whole record.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.db.models import Prefetch

from dxplan.core.numbers import plain, published
from dxplan.indicators.models import FigureRevision, Indicator, Observation
from dxplan.plans.models import EvaluationRecord, Milestone, Node, Plan, VersionMapping
from dxplan.surveys.models import PublishedSurvey

HEADER = "# Written by `dxplan dump` from the database (docs/plan-format.md).\n"


class Flow(dict):
    """A small mapping written on one line: {ja: 長崎市, en: Nagasaki City}."""


class Number(str):
    """A decimal written as a YAML number with its published precision (50.0 stays 50.0)."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, True))
_Dumper.add_representer(
    Number,
    lambda d, v: d.represent_scalar(
        "tag:yaml.org,2002:float" if "." in v else "tag:yaml.org,2002:int", str(v)
    ),
)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def to_yaml(data: Any) -> str:
    return HEADER + yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6, indent=2
    )


def text(obj: Any, field: str) -> Flow | None:
    """{ja, en} of a bilingual field; None where there is no text (optional texts)."""
    ja, en = getattr(obj, f"{field}_ja"), getattr(obj, f"{field}_en")
    if not ja:
        return None
    return Flow(ja=ja, en=en) if en else Flow(ja=ja)


def number(value: Decimal | None, places: int) -> Number | None:
    if value is None:
        return None
    return Number(f"{published(Decimal(value), places):f}" if places else plain(value))


def compact(mapping: dict[str, Any]) -> dict[str, Any]:
    """Leave out what the format treats as absent: None, empty texts, lists and notes."""
    return {k: v for k, v in mapping.items() if v not in (None, "", [], {})}


def period(start: int, end: int) -> Flow:
    return Flow(start=start, end=end)


def department(dept: Any, attribution: str) -> Flow | None:
    if dept is None:
        return None
    out = Flow(ja=dept.name_ja)
    if dept.name_en:
        out["en"] = dept.name_en
    if dept.code:
        out["code"] = dept.code
    if attribution != "city":
        out["attribution"] = attribution
    return out


def dump_plan(plan: Plan, directory: Path) -> list[Path]:
    """Write every file of the plan; files of versions or mappings that are gone are removed."""
    directory.mkdir(parents=True, exist_ok=True)
    files: dict[str, Any] = {"plan.yaml": _plan_file(plan)}
    versions = list(plan.versions.all())
    for version in versions:
        files[f"versions/{version.slug}.yaml"] = _version_file(version)
    pairs: dict[tuple[int, int], list[VersionMapping]] = {}
    mappings = VersionMapping.objects.filter(from_version__plan=plan).select_related(
        "from_version", "to_version", "from_node", "to_node"
    )
    for link in mappings.order_by("from_version__position", "to_version__position", "position"):
        pairs.setdefault((link.from_version_id, link.to_version_id), []).append(link)
    for links in pairs.values():
        first = links[0]
        name = f"mappings/{first.from_version.slug}--{first.to_version.slug}.yaml"
        files[name] = _mapping_file(links)
    optional = {
        "surveys.yaml": _surveys_file(plan),
        "trends.yaml": _trends_file(plan),
        "schedule.yaml": _schedule_file(plan),
    }
    files.update({name: data for name, data in optional.items() if data is not None})
    written = []
    for name, data in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_yaml(data), encoding="utf-8")
        written.append(path)
    stale = [
        *(directory / "versions").glob("*.yaml"),
        *(directory / "mappings").glob("*.yaml"),
        *(directory / name for name in optional),
    ]
    for path in stale:
        if path.exists() and path not in written:
            path.unlink()
    return written


def _plan_file(plan: Plan) -> dict[str, Any]:
    org = plan.organisation
    versions = list(plan.versions.all())
    domains: dict[str, Node] = {}
    for node in Node.objects.filter(version__plan=plan, kind="domain").order_by(
        "version__position", "position"
    ):
        domains[node.code] = node  # the newest version's name and description win
    return compact(
        {
            "organisation": compact(
                {"code": org.code, "slug": org.slug, "name": Flow(ja=org.name_ja, en=org.name_en)}
            ),
            "plan": compact(
                {
                    "slug": plan.slug,
                    "name": Flow(ja=plan.name_ja, en=plan.name_en),
                    "period": period(plan.start_year, plan.end_year),
                    "vision_year": plan.vision_year,
                    **{
                        f: text(plan, f)
                        for f in ("purpose", "position", "background", "concept", "concept_text")
                    },
                    "note": plan.note,
                }
            ),
            "progress": _progress(plan),
            "levels": [
                compact(
                    {
                        "code": level.code,
                        "name": Flow(ja=level.name_ja, en=level.name_en),
                        "parents": list(level.parents),
                        "page": level.has_page or None,
                        "indicators": level.carries_indicators or None,
                    }
                )
                for level in plan.levels.all()
            ],
            "domains": [
                compact(
                    {
                        "code": code,
                        "name": Flow(ja=node.name_ja, en=node.name_en),
                        "description": text(node, "description"),
                    }
                )
                for code, node in domains.items()
            ],
            "versions": [
                compact(
                    {
                        "slug": v.slug,
                        "name": Flow(ja=v.name_ja, en=v.name_en),
                        "period": period(v.start_year, v.end_year),
                        "status": v.status,
                        "note": v.note,
                    }
                )
                for v in versions
            ],
        }
    )


def _progress(plan: Plan) -> dict[str, Any] | None:
    """plan.yaml `progress`: the plan's grades and overall rule, where not the defaults."""
    scale = plan.grade_scale or {}
    grades = [
        compact(
            {
                "label": Flow(ja=g["label_ja"], en=g["label_en"]),
                "statuses": list(g.get("statuses") or []),
                "at_least": f"{g['at_least']}%" if g.get("at_least") is not None else None,
                "note": g.get("note"),
            }
        )
        for g in scale.get("grades") or []
    ]
    return (
        compact(
            {
                "name": scale.get("name") if grades else None,
                "grades": grades,
                "overall": plan.overall_rule if plan.overall_rule != "worst" else None,
                "note": scale.get("note") if grades else None,
            }
        )
        or None
    )


def _version_file(version: Any) -> dict[str, Any]:
    nodes = list(version.nodes.select_related("department").order_by("position"))
    indicators: dict[int, list[Indicator]] = {}
    for indicator in (
        Indicator.objects.filter(measure__version=version)
        .select_related("department", "survey_question__survey", "continues__measure__version")
        .prefetch_related(
            "survey_options",
            Prefetch(
                "series__observations__revisions",
                queryset=FigureRevision.objects.open(),
                to_attr="open_revisions",
            ),
        )
        .order_by("position", "pk")
    ):
        indicators.setdefault(indicator.measure_id, []).append(indicator)
    previous = (
        version.plan.versions.filter(position__lt=version.position)
        .order_by("-position")
        .values_list("pk", flat=True)
        .first()
    )
    evaluations = {e.node_id: e for e in EvaluationRecord.objects.filter(node__version=version)}
    children: dict[int | None, list[Node]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)

    def tree(node: Node) -> dict[str, Any]:
        evaluation = evaluations.get(node.pk)
        return compact(
            {
                "kind": node.kind,
                "code": node.code,
                "name": Flow(ja=node.name_ja, en=node.name_en),
                "description": text(node, "description"),
                "department": department(node.department, node.department_attribution),
                "evaluation": compact(
                    {
                        "phase": period(evaluation.phase_start, evaluation.phase_end),
                        "achievements": text(evaluation, "achievements"),
                        "challenges": text(evaluation, "challenges"),
                        "note": evaluation.note,
                    }
                )
                if evaluation
                else None,
                "indicators": [_indicator(i, previous) for i in indicators.get(node.pk, [])],
                "children": [tree(child) for child in children.get(node.pk, [])],
                "note": node.note,
            }
        )

    return compact({"nodes": [tree(root) for root in children.get(None, [])]})


def _continues(i: Indicator, previous: int | None) -> str | None:
    """CODE when the indicator continued is of the previous version, else VERSION/CODE."""
    old = i.continues
    if old is None:
        return None
    if old.measure.version_id == previous:
        return old.code
    return f"{old.measure.version.slug}/{old.code}"


def _indicator(i: Indicator, previous: int | None = None) -> dict[str, Any]:
    places = i.decimals
    question = i.survey_question
    definition = compact(
        {
            **{f: text(i, f) for f in ("counted", "source", "calculation", "frequency")},
            "department": department(i.department, i.department_attribution),
            "attribution": i.definition_attribution if i.definition_attribution != "city" else None,
        }
    )
    return compact(
        {
            "code": i.code,
            "name": Flow(ja=i.name_ja, en=i.name_en),
            "goal": text(i, "goal"),
            "unit": i.unit,
            "unit_en": i.unit_en,
            "direction": i.direction,
            "kind": i.kind,
            "definition": definition,
            "survey_question": f"{question.survey.key}/{question.key}" if question else None,
            "survey_options": [
                o.code for o in sorted(i.survey_options.all(), key=lambda o: o.position)
            ],
            "method": i.method if i.method != Indicator.Method.LINEAR else None,
            "overall": i.overall_rule or None,
            "continues": _continues(i, previous),
            "series": [
                compact(
                    {
                        "key": s.key,
                        "name": Flow(ja=s.name_ja, en=s.name_en),
                        "baseline": Flow(
                            value=number(s.baseline_value, places), year=s.baseline_year
                        ),
                        "target": Flow(value=number(s.target_value, places), year=s.target_year),
                        "observations": [
                            _observation(o, places)
                            for o in sorted(s.observations.all(), key=lambda o: o.fiscal_year)
                            if not o.sample  # demonstration figures are not the plan's
                        ],
                    }
                )
                for s in sorted(i.series.all(), key=lambda s: (s.position, s.pk))
            ],
            "note": i.note,
        }
    )


def _observation(o: Observation, places: int) -> Flow:
    published = o.state == Observation.State.PUBLISHED
    pending = next(iter(getattr(o, "open_revisions", [])), None) if published else None
    return Flow(
        compact(
            {
                "year": o.fiscal_year,
                **_values(o, places, state=o.state if not published else None),
                "pending": Flow(
                    compact(
                        {
                            **_values(pending, places, state=pending.state),
                            "reason": pending.reason,
                        }
                    )
                )
                if pending is not None
                else None,
            }
        )
    )


def _values(o: Any, places: int, *, state: str | None) -> dict[str, Any]:
    """A figure's values as the files write them (an observation's, or a revision's)."""
    return {
        "value": number(o.value, places),
        "lower": number(o.lower, places),
        "upper": number(o.upper, places),
        "source": text(o, "source"),
        "provisional": o.provisional or None,
        "state": state,
        "note": o.note,
        "analysis": text(o, "analysis"),
    }


def _mapping_file(links: list[VersionMapping]) -> dict[str, Any]:
    first = links[0]
    return {
        "from": first.from_version.slug,
        "to": first.to_version.slug,
        "links": [
            compact(
                {
                    "from": link.from_node.key if link.from_node else None,
                    "to": link.to_node.key if link.to_node else None,
                    "relation": link.relation,
                    "note": text(link, "note"),
                    "attribution": link.note_attribution
                    if link.note_attribution != "city"
                    else None,
                }
            )
            for link in links
        ],
    }


def _surveys_file(plan: Plan) -> dict[str, Any] | None:
    surveys = list(
        PublishedSurvey.objects.filter(plan=plan)
        .prefetch_related("questions__options")
        .order_by("position", "pk")
    )
    if not surveys:
        return None
    return {
        "surveys": [
            compact(
                {
                    "key": s.key,
                    "title": Flow(ja=s.title_ja, en=s.title_en),
                    "fiscal_year": s.fiscal_year,
                    "fieldwork": text(s, "fieldwork"),
                    "method": text(s, "method"),
                    "distributed": s.distributed,
                    "valid_responses": s.valid_responses,
                    "published_response_rate": number(
                        s.published_response_rate, s.response_rate_decimals
                    ),
                    "questions": [
                        compact(
                            {
                                "key": q.key,
                                "text": text(q, "text"),
                                "type": q.type,
                                "base": q.base,
                                "base_note": text(q, "base_note"),
                                "published_as": q.published_as,
                                "summary": text(q, "summary"),
                                "options": [
                                    Flow(
                                        code=o.code,
                                        label=Flow(ja=o.label_ja, en=o.label_en),
                                        count=o.count,
                                        published=number(o.published, o.published_decimals),
                                    )
                                    for o in sorted(q.options.all(), key=lambda o: o.position)
                                ],
                                "note": q.note,
                            }
                        )
                        for q in sorted(s.questions.all(), key=lambda q: q.position)
                    ],
                    "note": s.note,
                }
            )
            for s in surveys
        ]
    }


def _trends_file(plan: Plan) -> dict[str, Any] | None:
    trends = list(plan.trends.order_by("position", "pk"))
    if not trends:
        return None
    return {
        "trends": [
            compact(
                {
                    "field": t.field_code,
                    "national": [Flow(compact(x)) for x in t.national],
                    "technologies": [Flow(compact(x)) for x in t.technologies],
                    "outlook": text(t, "outlook"),
                    "note": t.note,
                }
            )
            for t in trends
        ]
    }


def _schedule_file(plan: Plan) -> dict[str, Any] | None:
    milestones: list[Milestone] = list(plan.milestones.order_by("fiscal_year", "position"))
    if not milestones:
        return None
    tracks: list[dict[str, Any]] = []
    for m in milestones:
        name = Flow(ja=m.track_ja, en=m.track_en)
        if not tracks or tracks[-1]["name"] != name:
            tracks.append({"name": name, "items": []})
        tracks[-1]["items"].append(
            Flow(
                compact(
                    {
                        "quarter": m.quarter_start,
                        "quarter_end": m.quarter_end if m.quarter_end != m.quarter_start else None,
                        "name": Flow(ja=m.name_ja, en=m.name_en),
                        "note": m.note,
                    }
                )
            )
        )
    return {"fiscal_year": milestones[0].fiscal_year, "tracks": tracks}
