"""Writes to plans. `load_plan` is the one way a plan folder reaches the database."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import models, transaction

from dxplan.core.numbers import decimal_places
from dxplan.indicators.models import Indicator, Observation, Series
from dxplan.io import planschema as schema
from dxplan.io.planfiles import PlanBundle, PlanFileError, PlanFilesInvalid, organisation_slug, walk
from dxplan.surveys.models import Option, Question, Survey

from .models import (
    AuditEvent,
    Department,
    EvaluationRecord,
    Milestone,
    Node,
    Organisation,
    Plan,
    PlanVersion,
    Trend,
    VersionMapping,
)


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    plan: Plan | None = None

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def summary(self) -> dict[str, dict[str, int]]:
        return {
            "created": dict(sorted(self.created.items())),
            "updated": dict(sorted(self.updated.items())),
            "deleted": dict(sorted(self.deleted.items())),
        }


class DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def _text(value: schema.Text | schema.Name | None, prefix: str) -> dict[str, str]:
    return {f"{prefix}_ja": value.ja if value else "", f"{prefix}_en": value.en if value else ""}


class _Writer:
    """Create, update or keep records so that loading twice changes nothing."""

    def __init__(self, report: LoadReport) -> None:
        self.report = report
        self.kept: dict[type[models.Model], set[int]] = {}

    def upsert(self, model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]):
        name = model._meta.model_name
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model.objects.create(**lookup, **values)
            self.report.created[name] += 1
        else:
            changed = [key for key, value in values.items() if getattr(obj, key) != value]
            if changed:
                for key in changed:
                    setattr(obj, key, values[key])
                obj.save(update_fields=changed)
                self.report.updated[name] += 1
        self.kept.setdefault(model, set()).add(obj.pk)
        return obj

    def department(
        self, organisation: Organisation, name: schema.ShortText | None
    ) -> Department | None:
        """The organisation's department of that Japanese name, created on first mention."""
        if name is None:
            return None
        return self.upsert(
            Department, {"organisation": organisation, "name_ja": name.ja}, {"name_en": name.en}
        )

    def set_many(self, obj: models.Model, field: str, targets: list[models.Model]) -> None:
        """Replace a many-to-many relation, counting it as an update only when it changes."""
        manager = getattr(obj, field)
        if set(manager.values_list("pk", flat=True)) != {t.pk for t in targets}:
            manager.set(targets)
            self.report.updated[obj._meta.model_name] += 1

    def prune(self, model: type[models.Model], queryset: models.QuerySet) -> None:
        """Delete what the files no longer contain (within the loaded plan only)."""
        stale = queryset.exclude(pk__in=self.kept.get(model, set()))
        count = stale.count()
        if count:
            stale.delete()
            self.report.deleted[model._meta.model_name] += count


def load_plan(
    bundle: PlanBundle, *, actor: User | None = None, dry_run: bool = False
) -> LoadReport:
    """Write a validated plan folder in one transaction, updating the plan in place."""
    _check_against_database(bundle)
    report = LoadReport()
    try:
        with transaction.atomic():
            _load(bundle, _Writer(report))
            if report.changed:
                AuditEvent.objects.create(
                    actor=actor,
                    action="plan.load",
                    subject=f"{report.plan.organisation.code}/{report.plan.slug}",
                    detail={"directory": bundle.directory.name, **report.summary()},
                )
            if dry_run:
                raise DryRun
    except DryRun:
        pass
    return report


def _check_against_database(bundle: PlanBundle) -> None:
    """What the files cannot know: another organisation may already use the slug."""
    code = bundle.plan.organisation.code
    slug = organisation_slug(bundle.plan.organisation)
    other = Organisation.objects.filter(slug=slug).exclude(code=code).first()
    if other:
        raise PlanFilesInvalid(
            [
                PlanFileError(
                    "plan.yaml",
                    None,
                    "organisation.slug",
                    f"識別子「{slug}」は既に {other.name_ja}（{other.code}）が使っています。",
                    f"The slug '{slug}' is already used by {other.name_en} ({other.code}).",
                )
            ]
        )


def _load(bundle: PlanBundle, w: _Writer) -> None:
    info = bundle.plan
    org_slug = organisation_slug(info.organisation)
    organisation = w.upsert(
        Organisation,
        {"code": info.organisation.code},
        {"slug": org_slug, **_text(info.organisation.name, "name")},
    )
    p = info.plan
    plan = w.upsert(
        Plan,
        {"organisation": organisation, "slug": p.slug},
        {
            "start_year": p.period.start,
            "end_year": p.period.end,
            "note": p.note,
            **_text(p.name, "name"),
            **_text(p.purpose, "purpose"),
            **_text(p.position, "position"),
            **_text(p.background, "background"),
            **_text(p.concept, "concept"),
            **_text(p.concept_text, "concept_text"),
        },
    )
    w.report.plan = plan

    questions = _load_surveys(bundle, plan, w)
    domains = {d.code: d for d in info.domains}
    versions: dict[str, PlanVersion] = {}
    nodes: dict[tuple[str, str], Node] = {}
    for position, v in enumerate(info.versions):
        version = w.upsert(
            PlanVersion,
            {"plan": plan, "slug": v.slug},
            {
                "start_year": v.period.start,
                "end_year": v.period.end,
                "status": v.status,
                "position": position,
                "note": v.note,
                **_text(v.name, "name"),
            },
        )
        versions[v.slug] = version
        by_file_node: dict[int, Node] = {}
        for order, (item, parent, _loc) in enumerate(walk(bundle.versions[v.slug].nodes)):
            name = item.name or domains[item.code].name
            description = item.description or (
                domains[item.code].description if item.kind == "domain" else None
            )
            node = w.upsert(
                Node,
                {"version": version, "kind": item.kind, "code": item.code},
                {
                    "parent_id": by_file_node[id(parent)].pk if parent else None,
                    "position": order,
                    "note": item.note,
                    **_text(name, "name"),
                    **_text(description, "description"),
                    "department": w.department(organisation, item.department),
                },
            )
            by_file_node[id(item)] = node
            nodes[(v.slug, f"{item.kind}/{item.code}")] = node
            if item.evaluation:
                e = item.evaluation
                w.upsert(
                    EvaluationRecord,
                    {"node": node, "phase_start": e.phase.start},
                    {
                        "phase_end": e.phase.end,
                        "note": e.note,
                        **_text(e.achievements, "achievements"),
                        **_text(e.challenges, "challenges"),
                    },
                )
            for i_order, indicator in enumerate(item.indicators):
                _load_indicator(indicator, node, i_order, questions, organisation, w)

    for mapping in bundle.mappings:
        for order, link in enumerate(mapping.links):
            from_node = nodes[(mapping.from_, link.from_)] if link.from_ else None
            to_node = nodes[(mapping.to, link.to)] if link.to else None
            w.upsert(
                VersionMapping,
                {
                    "from_version": versions[mapping.from_],
                    "to_version": versions[mapping.to],
                    "from_node": from_node,
                    "to_node": to_node,
                },
                {"relation": link.relation, "position": order, **_text(link.note, "note")},
            )

    if bundle.trends:
        for order, t in enumerate(bundle.trends.trends):
            w.upsert(
                Trend,
                {"plan": plan, "field_code": t.field},
                {
                    "position": order,
                    "note": t.note,
                    **_text(t.outlook_2030, "outlook"),
                    "national": [x.model_dump() for x in t.national],
                    "technologies": [x.model_dump() for x in t.technologies],
                },
            )
    if bundle.schedule:
        order = 0
        for track in bundle.schedule.tracks:
            for item in track.items:
                w.upsert(
                    Milestone,
                    {
                        "plan": plan,
                        "fiscal_year": bundle.schedule.fiscal_year,
                        "position": order,
                    },
                    {
                        "quarter_start": item.quarter,
                        "quarter_end": item.quarter_end or item.quarter,
                        "note": item.note,
                        **_text(track.name, "track"),
                        **_text(item.name, "name"),
                    },
                )
                order += 1

    for model, queryset in (
        (
            Observation,
            Observation.objects.filter(
                series__indicator__measure__version__plan=plan, origin=Observation.Origin.FILE
            ),
        ),
        (Series, Series.objects.filter(indicator__measure__version__plan=plan)),
        (Indicator, Indicator.objects.filter(measure__version__plan=plan)),
        (EvaluationRecord, EvaluationRecord.objects.filter(node__version__plan=plan)),
        (VersionMapping, VersionMapping.objects.filter(from_version__plan=plan)),
        (Node, Node.objects.filter(version__plan=plan)),
        (PlanVersion, plan.versions.all()),
        (Option, Option.objects.filter(question__survey__plan=plan)),
        (Question, Question.objects.filter(survey__plan=plan)),
        (Survey, plan.surveys.all()),
        (Trend, plan.trends.all()),
        (Milestone, plan.milestones.all()),
    ):
        w.prune(model, queryset)


def _load_surveys(bundle: PlanBundle, plan: Plan, w: _Writer) -> dict[str, Question]:
    questions: dict[str, Question] = {}
    if not bundle.surveys:
        return questions
    for order, s in enumerate(bundle.surveys.surveys):
        survey = w.upsert(
            Survey,
            {"plan": plan, "key": s.key},
            {
                "position": order,
                "fiscal_year": s.fiscal_year,
                "distributed": s.distributed,
                "valid_responses": s.valid_responses,
                "published_response_rate": s.published_response_rate,
                "note": s.note,
                **_text(s.title, "title"),
                **_text(s.fieldwork, "fieldwork"),
                **_text(s.method, "method"),
            },
        )
        for q_order, q in enumerate(s.questions):
            question = w.upsert(
                Question,
                {"survey": survey, "key": q.key},
                {
                    "position": q_order,
                    "type": q.type,
                    "base": q.base,
                    "published_as": q.published_as,
                    "note": q.note,
                    **_text(q.text, "text"),
                    **_text(q.base_note, "base_note"),
                    **_text(q.summary, "summary"),
                },
            )
            questions[f"{s.key}/{q.key}"] = question
            for o_order, option in enumerate(q.options):
                w.upsert(
                    Option,
                    {"question": question, "position": o_order},
                    {
                        "count": option.count,
                        "published": option.published,
                        **_text(option.label, "label"),
                    },
                )
    return questions


def _load_indicator(
    indicator: schema.Indicator,
    node: Node,
    order: int,
    questions: dict[str, Question],
    organisation: Organisation,
    w: _Writer,
) -> None:
    d = indicator.definition
    values = [p.value for s in indicator.series for p in (s.baseline, s.target, *s.observations)]
    question = questions.get(indicator.survey_question or "")
    obj = w.upsert(
        Indicator,
        {"measure": node, "code": indicator.code},
        {
            "position": order,
            "unit": indicator.unit,
            "unit_en": indicator.unit_en,
            "direction": indicator.direction,
            "kind": indicator.kind,
            "decimals": max(decimal_places(v) for v in values),
            "survey_question": question,
            "note": indicator.note,
            **_text(indicator.name, "name"),
            **_text(indicator.goal, "goal"),
            **_text(d.counted, "counted"),
            **_text(d.source, "source"),
            **_text(d.calculation, "calculation"),
            **_text(d.frequency, "frequency"),
            "department": w.department(organisation, d.department),
        },
    )
    options = list(question.options.order_by("position")) if question else []
    w.set_many(obj, "survey_options", [options[i] for i in indicator.survey_options])
    for s_order, s in enumerate(indicator.series):
        series = w.upsert(
            Series,
            {"indicator": obj, "key": s.key},
            {
                "position": s_order,
                "baseline_value": s.baseline.value,
                "baseline_year": s.baseline.year,
                "target_value": s.target.value,
                "target_year": s.target.year,
                **_text(s.name, "name"),
            },
        )
        for o in s.observations:
            w.upsert(
                Observation,
                {"series": series, "fiscal_year": o.year},
                {
                    "value": o.value,
                    "lower": o.lower,
                    "upper": o.upper,
                    "note": o.note,
                    "origin": Observation.Origin.FILE,
                    "state": Observation.State.PUBLISHED,
                    **_text(o.source, "source"),
                },
            )


def save_by_staff(
    obj: models.Model, *, actor: User | None, changed: list[str], created: bool
) -> None:
    """A record saved in the staff screens, with an audit event in the same transaction."""
    with transaction.atomic():
        obj.save()
        _audit(actor, "admin.create" if created else "admin.change", obj, {"fields": changed})


def delete_by_staff(obj: models.Model, *, actor: User | None) -> None:
    with transaction.atomic():
        _audit(actor, "admin.delete", obj, {})
        obj.delete()


def delete_plan(plan: Plan, *, actor: User | None = None) -> dict[str, int]:
    """Remove a plan and everything in it (versions, nodes, indicators, surveys)."""
    with transaction.atomic():
        subject = f"{plan.organisation.code}/{plan.slug}"
        _, deleted = plan.delete()
        counts = {label.split(".")[-1].lower(): n for label, n in deleted.items() if n}
        AuditEvent.objects.create(
            actor=actor, action="plan.delete", subject=subject, detail={"deleted": counts}
        )
    return counts


def _audit(actor: User | None, action: str, obj: models.Model, detail: dict[str, Any]) -> None:
    AuditEvent.objects.create(
        actor=actor,
        action=action,
        subject=f"{obj._meta.label_lower}:{obj.pk} {obj}"[:300],
        detail=detail,
    )
