"""Model instances to the API's plain data; one function per resource, shared by all routers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

from dxplan.core import progress as method
from dxplan.core.numbers import published
from dxplan.core.rollup import ORDER, Tally
from dxplan.figures.records import IndicatorFigures
from dxplan.indicators import progress_json
from dxplan.indicators.rollup import VersionRollup, rolled_up
from dxplan.plans.models import Plan, PlanVersion, VersionMapping
from dxplan.plans.queries import PlanLevel, TreeNode, VersionTree, plan_shape
from dxplan.surveys.models import PublishedSurvey

from .schemas.common import number, text

SHARE_PLACES = 6  # survey shares are published as fractions to six places: 0.126984
_MARK = "dxplan-url-part-{}"


def url_maker(name: str, *fixed: str, varying: int = 1) -> Callable[..., str]:
    """`reverse(name, args=[*fixed, *last])` for many values of the last `varying` arguments,
    reversed once: in a list of 5,000 indicators Django's reverse took half the answer's time.
    The values are quoted as reverse quotes them (tests/api/test_progress.py compares)."""
    marks = [_MARK.format(i) for i in range(varying)]
    template = reverse(name, args=[*fixed, *marks])
    pieces = template
    for i, mark in enumerate(marks):
        pieces = pieces.replace(mark, f"{{{i}}}")
    safe = RFC3986_SUBDELIMS + "/~:@"
    return lambda *last: pieces.format(*(quote(str(v), safe=safe) for v in last))


def department(dept: Any, attribution: str) -> dict[str, str]:
    """The owning department's name and whose word it is; empty texts where none is recorded."""
    name = text(dept, "name") if dept else {"ja": "", "en": ""}
    return {**name, "attribution": attribution}


def level_ref(level: PlanLevel) -> dict:
    return {"code": level.code, "name": {"ja": level.name_ja, "en": level.name_en}}


def level(level: PlanLevel) -> dict:
    return {
        **level_ref(level),
        "parents": list(level.parents),
        "has_page": level.has_page,
        "carries_indicators": level.carries_indicators,
    }


def plan_id(plan: Plan) -> str:
    return f"{plan.organisation.slug}/{plan.slug}"


def organisation(org: Any) -> dict:
    return {"code": org.code, "slug": org.slug, "name": text(org, "name")}


def version_summary(version: PlanVersion, plan: Plan) -> dict:
    return {
        "slug": version.slug,
        "name": text(version, "name"),
        "start_year": version.start_year,
        "end_year": version.end_year,
        "status": version.status,
        "url": reverse("api-1:version", args=[plan.organisation.slug, plan.slug, version.slug]),
    }


def plan(p: Plan) -> dict:
    return {
        "id": plan_id(p),
        "organisation": organisation(p.organisation),
        "slug": p.slug,
        "name": text(p, "name"),
        "start_year": p.start_year,
        "end_year": p.end_year,
        "vision_year": p.vision_year,
        "purpose": text(p, "purpose"),
        "concept": text(p, "concept"),
        "levels": [level(lv) for lv in plan_shape(p).levels.values()],
        "versions": [version_summary(v, p) for v in p.versions.all()],
        "url": reverse("api-1:plan", args=[p.organisation.slug, p.slug]),
    }


def _node_fields(item: TreeNode, parent_key: str | None) -> dict:
    n = item.node
    return {
        "id": n.key,
        "kind": n.kind,
        "level": level_ref(item.level),
        "code": n.code,
        "name": text(n, "name"),
        "description": text(n, "description"),
        "department": department(n.department, n.department_attribution),
        "parent": parent_key,
    }


def _node_details(item: TreeNode) -> dict:
    return {
        "indicators": [i.code for i in item.indicators],
        "evaluations": [
            {
                "phase_start": e.phase_start,
                "phase_end": e.phase_end,
                "achievements": text(e, "achievements"),
                "challenges": text(e, "challenges"),
            }
            for e in item.evaluations
        ],
    }


def node(
    item: TreeNode, parent: TreeNode | None, children_count: Mapping[int, int] | None = None
) -> dict:
    """The node with its children nested; `children_count` counts each node's children in the
    version when the tree was cut short of them (by default, those the tree holds)."""
    count = len(item.children) if children_count is None else children_count.get(item.node.pk, 0)
    return {
        **_node_fields(item, parent.node.key if parent else None),
        **_node_details(item),
        "children_count": count,
        "children": [node(child, item, children_count) for child in item.children],
    }


def flat_node(item: TreeNode, parent_key: str | None, depth: int, children: list[str]) -> dict:
    """A node of the flat list, its children by id."""
    return {
        **_node_fields(item, parent_key),
        "depth": depth,
        **_node_details(item),
        "children": children,
    }


def version(
    tree: VersionTree,
    *,
    node_count: int,
    depth: int,
    complete: bool,
    nodes_url: str,
    children_count: Mapping[int, int],
) -> dict:
    """The version with its tree as read, down to `depth` (`complete`: every node of it)."""
    v = tree.version
    return {
        **version_summary(v, v.plan),
        "plan": plan_id(v.plan),
        "node_count": node_count,
        "depth": depth,
        "complete": complete,
        "nodes_url": nodes_url,
        "nodes": [node(root, None, children_count) for root in tree.roots],
    }


def indicator(i: IndicatorFigures, field_code: str | None) -> dict:
    """The indicator with its series, their public figures and assessments (a record of
    dxplan.figures: no query)."""
    version_obj = i.version
    places = i.decimals
    result = i.assessment
    return {
        "id": i.id,
        "code": i.code,
        "plan": version_obj.plan_id,
        "version": version_obj.slug,
        "node": i.measure.key,
        "measure": i.measure.code,
        "field": field_code,
        "name": text(i, "name"),
        "goal": text(i, "goal"),
        "unit": i.unit,
        "unit_en": i.unit_en,
        "decimals": places,
        "direction": i.direction,
        "kind": i.kind,
        "definition": {
            **{f: text(i, f) for f in ("counted", "source", "calculation", "frequency")},
            "attribution": i.definition_attribution,
            "department": department(i.department, i.department_attribution),
        },
        "survey_question": i.survey_question.id if i.survey_question else None,
        "survey_options": list(i.survey_options),
        "series": [
            {
                "key": s.key,
                "name": text(s, "name"),
                "baseline": {
                    "value": number(s.baseline_value, places),
                    "fiscal_year": s.baseline_year,
                },
                "target": {"value": number(s.target_value, places), "fiscal_year": s.target_year},
                "observations": [
                    {
                        "fiscal_year": o.fiscal_year,
                        "value": number(o.value, places),
                        "lower": number(o.lower, places),
                        "upper": number(o.upper, places),
                        "source": text(o, "source"),
                        "provisional": o.provisional,
                        "note": o.note,
                        "analysis": text(o, "analysis"),
                        "sample": o.sample,
                    }
                    for o in s.figures
                ],
                **progress_json.series(s),
            }
            for s in i.series
        ],
        "status": str(result.status),
        "grade": progress_json.grade(result),
        "note": i.note,
        "url": reverse(
            "api-1:indicator",
            args=[version_obj.org, version_obj.plan, version_obj.slug, i.code],
        ),
    }


def survey(s: PublishedSurvey) -> dict:
    rate = s.response_rate
    return {
        "id": f"{plan_id(s.plan)}/{s.key}",
        "key": s.key,
        "title": text(s, "title"),
        "fiscal_year": s.fiscal_year,
        "fieldwork": text(s, "fieldwork"),
        "method": text(s, "method"),
        "distributed": s.distributed,
        "valid_responses": s.valid_responses,
        "response_rate": float(rate) if rate is not None else None,
        "questions": [
            {
                "id": f"{s.key}/{q.key}",
                "key": q.key,
                "text": text(q, "text"),
                "type": q.type,
                "base": q.base,
                "base_note": text(q, "base_note"),
                "published_as": q.published_as,
                "summary": text(q, "summary"),
                "options": [
                    {
                        "code": o.code,
                        "label": text(o, "label"),
                        "count": o.count,
                        "share": float(published(o.share, SHARE_PLACES)),
                        "published": float(o.published),
                    }
                    for o in q.options.all()
                ],
                "indicators": [i.code for i in q.indicators.all()],
            }
            for q in s.questions.all()
        ],
    }


def mapping(
    from_version: PlanVersion, to_version: PlanVersion, links: list[VersionMapping]
) -> dict:
    return {
        "from_version": from_version.slug,
        "to_version": to_version.slug,
        "links": [
            {
                "from_node": link.from_node.key if link.from_node else None,
                "to_node": link.to_node.key if link.to_node else None,
                "relation": link.relation,
                "note": text(link, "note"),
                "attribution": link.note_attribution,
            }
            for link in links
        ],
    }


def status_counts(found: Tally) -> dict:
    """The number of indicators in each status, every status listed, in core.rollup.ORDER."""
    return {
        "total": found.total,
        "counts": {str(status): n for status, n in found.counts},
        "sample": found.sample,
    }


def progress(rollup: VersionRollup) -> dict:
    """A version's roll-up: its totals, those of each node with indicators below it, and each
    indicator's status."""
    v = rollup.version
    p = v.plan
    shape = plan_shape(p)
    org, slug = p.organisation.slug, p.slug
    nodes = rolled_up(rollup)
    by_pk = {n.pk: n for n in nodes}
    node_url = url_maker("api-1:node", org, slug, v.slug, varying=2)
    indicator_url = url_maker("api-1:indicator", org, slug, v.slug)
    query = f"?plan={org}/{slug}&version={v.slug}"
    return {
        "plan": plan_id(p),
        "version": v.slug,
        "fiscal_year": rollup.fiscal_year,
        "as_of": rollup.as_of,
        "sample": rollup.sample,
        "statuses": [
            {"code": str(code), "name": {"ja": ja, "en": en}}
            for code in ORDER
            for ja, en in [method.STATUS_NAMES[code]]
        ],
        **status_counts(rollup.total),
        "nodes": [
            {
                "id": n.key,
                "kind": n.kind,
                "level": level_ref(shape.level(n.kind)),
                "code": n.code,
                "name": {"ja": n.name_ja, "en": n.name_en},
                "parent": by_pk[n.parent].key if n.parent in by_pk else None,
                "depth": n.depth,
                **status_counts(rollup.by_node[n.pk]),
                "url": node_url(n.kind, n.code),
            }
            for n in nodes
        ],
        "indicators": [
            {
                "id": f"{plan_id(p)}/{v.slug}/{i.code}",
                "code": i.code,
                "node": i.node_key,
                "status": str(i.status),
                "sample": i.sample,
                "url": indicator_url(i.code),
            }
            for i in rollup.indicators
        ],
        "links": {
            "version": reverse("api-1:version", args=[org, slug, v.slug]),
            "indicators": reverse("api-1:indicators") + query,
        },
    }
