"""`dxplan actuals`: the workbook for a fiscal year, and its figures back into dxplan.

`template_rows` reads what a department's workbook shows (io/actuals_files.write_template).
`import_actuals` checks every row read from a file against the plan (the series exists, the year
is the plan's, the value suits the unit: core.actual_rules.actual_errors), compares it with
what dxplan holds, and applies the difference through the indicator actions in one transaction:
each row is one `enter_figure` (a new figure is a draft; a changed draft changes; a changed
published figure waits as a correction while the published one stays public), checked by the
access policy first: a row of an indicator the actor may not enter is a problem naming it. One
problem means nothing is stored; the same file again changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from dxplan.accounts.actors import Actor
from dxplan.accounts.policy import can
from dxplan.audit import derived
from dxplan.core import workflow
from dxplan.core.access import Verb
from dxplan.core.actual_rules import actual_errors
from dxplan.core.fiscal_year import format_fiscal_year
from dxplan.core.numbers import plain, published
from dxplan.indicators.actions import (
    enter_figure,
    open_revision,
    proposed,
    publish_figure_now,
    submit_figure,
)
from dxplan.indicators.models import Observation, Series
from dxplan.indicators.ownership import owner_names
from dxplan.plans.models import Plan

from .actuals_files import (
    INPUTS,
    SAMPLE,
    ActualRow,
    ActualsFileInvalid,
    Problem,
    TemplateRow,
    Where,
)


class _DryRun(Exception):
    pass


def series_id(series: Series) -> str:
    """How a workbook names a series: version/indicator code/series key."""
    indicator = series.indicator
    return f"{indicator.measure.version.slug}/{indicator.code}/{series.key}"


def plan_series(plan: Plan) -> dict[str, Series]:
    """The plan's series by their workbook IDs, with indicator, version and department."""
    found = Series.objects.filter(indicator__measure__version__plan=plan).select_related(
        "indicator__measure__version", "indicator__department"
    )
    return {series_id(s): s for s in found}


def template_rows(
    plan: Plan, fiscal_year: int, *, department: str | None = None
) -> list[TemplateRow]:
    """One row per series of the plan's versions running in `fiscal_year` (all, if none does),
    with the years before and the figure already entered for the year."""
    versions = [v for v in plan.versions.all() if v.start_year <= fiscal_year <= v.end_year]
    series = (
        Series.objects.filter(indicator__measure__version__in=versions or plan.versions.all())
        .select_related("indicator__measure__version", "indicator__department")
        .prefetch_related("observations")
        .order_by(
            "indicator__measure__version__position",
            "indicator__measure__position",
            "indicator__position",
            "position",
        )
    )
    listed = list(series)
    # the owning department by the one rule (core/ownership.py): the indicator's, else its
    # node's, else the nearest ancestor's
    owners = owner_names({s.indicator.pk: s.indicator for s in listed}.values())
    rows = []
    for s in listed:
        indicator = s.indicator
        owner = owners[indicator.pk]
        if department and department not in (
            (owner.name_ja, owner.name_en, owner.code) if owner else ()
        ):
            continue
        unit = indicator.unit
        observations = {o.fiscal_year: o for o in s.observations.all()}
        current = observations.get(fiscal_year)
        rows.append(
            TemplateRow(
                series_id(s),
                f"{indicator.measure.code} {indicator.measure.name_ja}",
                indicator.name_ja,
                s.name_ja,
                unit,
                f"{published(s.baseline_value, indicator.decimals)}{unit}"
                f"（{format_fiscal_year(s.baseline_year)}）",
                f"{published(s.target_value, indicator.decimals)}{unit}"
                f"（{format_fiscal_year(s.target_year)}）",
                {
                    y: o.value
                    for y, o in sorted(observations.items())
                    if s.baseline_year < y < fiscal_year
                },
                _entered(current) if current else {},
            )
        )
    return rows


def _entered(observation: Observation) -> dict[str, Any]:
    """The inputs of a figure already in dxplan, as the workbook shows them: what is under way
    (a draft, or a published figure's correction waiting) counts."""
    values = proposed(observation)
    numbers = {k: values[k] for k in ("value", "lower", "upper")}
    return {
        **{k: float(Decimal(str(v))) for k, v in numbers.items() if v is not None},
        "provisional": "はい" if values["provisional"] else "いいえ",
        "source": values["source_ja"],
        "analysis": values["analysis_ja"],
        "note": values["note"],
    }


# What an import does to a year's figure: a new draft; a draft corrected at once; a published
# figure's correction, waiting for publication; a waiting correction withdrawn, the published
# figure given again; nothing.
VERBS = ("create", "correct", "pending", "withdraw", "same")
CHANGING = VERBS[:-1]
_AFTER = {
    "pending": " (公表待ちの訂正 / correction awaiting publication)",
    "withdraw": " (公表待ちの訂正を取り下げ、公表中の値のまま / waiting correction withdrawn: "
    "the published figure stands)",
}


@dataclass
class Change:
    verb: str  # one of VERBS
    series: str
    fiscal_year: int
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    readings: list[str] = field(default_factory=list)
    value: str | None = None  # the figure's value once the change is made (as plain text)

    def __str__(self) -> str:
        where = f"{self.series} {format_fiscal_year(self.fiscal_year, 'en')}"
        if self.verb == "create":
            text = f"+ {where}: {_show(self.after)} (下書き / draft)"
        elif self.verb == "same":
            text = f"= {where}: 変更なし / unchanged"
        else:
            changes = ", ".join(
                f"{name} {self.before.get(name) or '—'} → {value or '—'}"
                for name, value in self.after.items()
            )
            text = f"~ {where}: {changes}" + _AFTER.get(self.verb, "")
        return text + "".join(f"\n    {r}" for r in self.readings)


@dataclass
class ActualsReport:
    plan: str
    changes: list[Change]
    dry_run: bool = False
    published: int = 0  # figures and corrections made public by `publish=True`
    submitted: int = 0  # figures and corrections submitted for review by `submit=True`

    @property
    def changed(self) -> list[Change]:
        return [c for c in self.changes if c.verb != "same"]

    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(VERBS, 0)
        for change in self.changes:
            counts[change.verb] += 1
        return counts

    def changes_as_json(self) -> list[dict[str, Any]]:
        """Each change as plain values: for `--format json` and the upload's preview."""
        return [asdict(c) for c in self.changes]

    def digest(self) -> str:
        """A fingerprint of the changes: the same for a dry run and the import it previewed,
        so a confirmation can check it stores exactly what was shown (dxplan.office)."""
        listed = json.dumps(self.changes_as_json(), ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(f"{self.plan}\n{listed}".encode()).hexdigest()


def _show(values: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v}" for k, v in values.items() if v not in (None, "", False))


def _wanted(row: ActualRow) -> dict[str, Any]:
    return {
        "value": row.value,
        "lower": row.lower,
        "upper": row.upper,
        "source_ja": row.source,
        "provisional": row.provisional,
        "note": row.note,
        "analysis_ja": row.analysis,
    }


def _current(observation: Observation) -> dict[str, Any]:
    """The figure as it will be once published: a waiting correction counts."""
    values = proposed(observation)
    return {name: values[name] for name in _wanted_fields()}


def _wanted_fields() -> tuple[str, ...]:
    return ("value", "lower", "upper", "source_ja", "provisional", "note", "analysis_ja")


def import_actuals(
    rows: list[ActualRow],
    *,
    actor: Actor,
    dry_run: bool = False,
    problems: Sequence[Problem] = (),
    publish: bool = False,
    submit: bool = False,
) -> ActualsReport:
    """Check every row against the plan, then apply the difference in one transaction
    (module docstring). ActualsFileInvalid lists every problem, those found reading the file
    (`problems`) among them, in the order of the rows; nothing is stored then."""
    plans = {row.plan for row in rows}
    problems = list(problems)
    if len(plans) > 1:
        raise ActualsFileInvalid(
            [
                Problem(
                    rows[0].where,
                    f"1つのファイルに複数の計画があります（{'、'.join(sorted(plans))}）。",
                    f"One file holds several plans ({', '.join(sorted(plans))}).",
                )
            ]
        )
    plan_id = next(iter(plans), "")
    org, _, slug = plan_id.partition("/")
    plan = Plan.objects.filter(organisation__slug=org, slug=slug).first()
    if rows and plan is None:
        raise ActualsFileInvalid(
            [Problem(rows[0].where, f"計画「{plan_id}」はありません。", f"No plan '{plan_id}'.")]
        )
    series_by_id = plan_series(plan) if plan else {}
    sample_of = {  # whether each year's figure already in dxplan is a sample one
        (s, y): flag
        for s, y, flag in Observation.objects.filter(
            series__in=list(series_by_id.values()), fiscal_year__in={r.fiscal_year for r in rows}
        ).values_list("series_id", "fiscal_year", "sample")
    }
    seen: dict[tuple[str, int], Where] = {}
    checked: list[tuple[ActualRow, Series]] = []
    for row in rows:
        here = Where(row.where.file, row.where.sheet, row.where.row, None)
        series = series_by_id.get(row.series_id)
        if series is None:
            problems.append(
                Problem(
                    here,
                    f"系列ID「{row.series_id}」はこの計画にありません。",
                    f"The series ID '{row.series_id}' is not in this plan.",
                )
            )
            continue
        if (row.series_id, row.fiscal_year) in seen:
            first = seen[(row.series_id, row.fiscal_year)]
            problems.append(
                Problem(
                    here,
                    f"同じ系列・年度の実績が {first.row}行目にもあります。",
                    f"The same series and year are also on row {first.row}.",
                )
            )
            continue
        seen[(row.series_id, row.fiscal_year)] = here
        assert plan is not None
        if not can(actor, Verb.ENTER, series):
            problems.append(_not_yours(here, row, series))
            continue
        if publish and not can(actor, Verb.PUBLISH, series):
            problems.append(_may_not_publish(here, row))
            continue
        stored = sample_of.get((series.pk, row.fiscal_year))
        if stored is not None and row.sample is None:
            row.sample = stored  # the file does not say: a correction of the figure as it is
        if stored is not None and stored != row.sample:
            problems.append(_mixing_samples(Where(here.file, here.sheet, here.row, SAMPLE), stored))
        indicator = series.indicator
        for part, error in actual_errors(
            unit=indicator.unit,
            value=row.value,
            lower=row.lower,
            upper=row.upper,
            decimals=indicator.decimals,
            year=row.fiscal_year,
            baseline_year=series.baseline_year,
            period=(plan.start_year, plan.end_year),
        ):
            column = {c.key: c for c in INPUTS}.get(part)
            problems.append(
                Problem(Where(here.file, here.sheet, here.row, column), error.ja, error.en)
            )
        checked.append((row, series))
    if problems:
        raise ActualsFileInvalid(sorted(problems, key=lambda p: p.where.row))
    report = ActualsReport(plan_id, [], dry_run)
    try:
        with transaction.atomic(), derived.together():  # standings once, inside it
            existing = {
                (o.series_id, o.fiscal_year): o
                for o in Observation.objects.filter(
                    series__in=[s for _, s in checked],
                    fiscal_year__in={r.fiscal_year for r, _ in checked},
                )
            }
            for row, series in checked:
                report.changes.append(_apply(row, series, existing, actor))
            if publish:  # the office has reviewed the file: every figure in it goes public
                report.published = _publish(checked, actor)
            elif submit:  # the department hands the file's figures to the reviewers
                report.submitted = _submit(checked, actor)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _not_yours(where: Where, row: ActualRow, series: Series) -> Problem:
    """A row of an indicator the actor's departments do not own (accounts/policy.py)."""
    owner = owner_names([series.indicator])[series.indicator.pk]
    ja = owner.name_ja if owner else "所管課の定めなし"
    en = (owner.name_en or owner.name_ja) if owner else "no department named"
    return Problem(
        where,
        f"系列「{row.series_id}」は {ja} の成果指標です。あなたには入力の権限がありません。",
        f"The series '{row.series_id}' belongs to {en}: you may not enter its figures.",
    )


def _may_not_publish(where: Where, row: ActualRow) -> Problem:
    return Problem(
        where,
        f"系列「{row.series_id}」の実績を公表する権限がありません。公表せずに取り込んでください。",
        f"You may not publish the figures of '{row.series_id}': import them without publishing.",
    )


def _mixing_samples(where: Where, stored_is_sample: bool) -> Problem:
    """A real figure never replaces a sample (fictitious) one, nor the other way round: the
    flag would then say something false of the figure."""
    if stored_is_sample:
        return Problem(
            where,
            "この年度の実績はサンプル（架空）です。実際の値で上書きできません。先にサンプルの"
            "実績を削除するよう管理者に依頼してください（dxplan actuals remove-samples）。",
            "This year's figure is sample (fictitious) data: a real figure cannot replace it. "
            "Ask an administrator to remove the sample figures first "
            "(dxplan actuals remove-samples).",
        )
    return Problem(
        where,
        "この年度の実績は実際の値です。サンプル（架空）の値で上書きできません。",
        "This year's figure is real: a sample (fictitious) figure cannot replace it.",
    )


_VERB_OF = {
    "recorded": "create",
    "changed": "correct",
    "waiting": "pending",
    "withdrawn": "withdraw",
    "unchanged": "same",
}


def _apply(
    row: ActualRow, series: Series, existing: dict[tuple[int, int], Observation], actor: Actor
) -> Change:
    wanted = _wanted(row)
    observation = existing.get((series.pk, row.fiscal_year))
    current = _current(observation) if observation is not None else {}
    differs = {k: v for k, v in wanted.items() if current.get(k) != v}
    if observation is not None and not differs:
        return Change("same", row.series_id, row.fiscal_year, value=plain(row.value))
    # every input, not only those that differ: a waiting correction keeps its other fields
    outcome = enter_figure(series, row.fiscal_year, wanted, actor=actor, sample=bool(row.sample))
    verb = _VERB_OF[outcome.what]
    if verb == "create":
        return Change(
            verb,
            row.series_id,
            row.fiscal_year,
            {},
            _plainly(wanted),
            row.readings,
            plain(row.value),
        )
    return Change(
        verb,
        row.series_id,
        row.fiscal_year,
        _plainly({k: current.get(k) for k in differs}),
        _plainly(differs),
        row.readings,
        plain(row.value),
    )


def _imported(checked: list[tuple[ActualRow, Series]]) -> list[Observation]:
    """The figures of the file's series and years, as stored now."""
    wanted = {(series.pk, row.fiscal_year) for row, series in checked}
    found = Observation.objects.filter(
        series__in=[s for _, s in checked], fiscal_year__in={r.fiscal_year for r, _ in checked}
    ).select_related("series__indicator__measure__version__plan")
    return [o for o in found if (o.series_id, o.fiscal_year) in wanted]


def _submit(checked: list[tuple[ActualRow, Series]], actor: Actor) -> int:
    """Submit what is under way for the imported series and years (a draft, a correction, one
    sent back); what is submitted already or public as it is stays as it is."""
    count = 0
    for observation in _imported(checked):
        revision = open_revision(observation)
        if revision is not None and workflow.allowed(revision.state, workflow.Step.SUBMIT):
            submit_figure(observation, actor=actor)
            count += 1
    return count


def _publish(checked: list[tuple[ActualRow, Series]], actor: Actor) -> int:
    """Publish what is under way for the imported series and years (drafts, corrections)."""
    count = 0
    for observation in _imported(checked):
        if publish_figure_now(observation, actor=actor).what == "published":
            count += 1
    return count


def _plainly(values: dict[str, Any]) -> dict[str, Any]:
    return {k: plain(v) if isinstance(v, Decimal) else v for k, v in values.items()}
