"""`dxplan load DIR`: compare a plan folder with the database and apply the difference.

The database is the record (docs/decisions/0004-the-database-is-the-record.md). An import:
- changes only the organisation and plan its files name, and refuses an identity that belongs to
  another organisation;
- stops on a conflict: a record changed in dxplan since the plan's last import, where the file
  holds another value (`overwrite=True` takes the file's);
- never deletes what people entered (yearly actuals) by cascade (`allow_delete=True` does);
- writes every change through the apps' actions, one history event per record, grouped under
  the import's own event;
- runs alone: a second import waits for the first, then diffs against what it wrote;
- knows when it has nothing to do without reading the files: when they are byte for byte those
  of the plan's last import, by the same dxplan, and nothing changed in dxplan since
  (`unchanged_since_import`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from hashlib import sha256
from pathlib import Path
from typing import Any

from django.contrib.admin.utils import NestedObjects
from django.db import models
from django.db.models import Q

from dxplan import locks
from dxplan.accounts.actors import CommandActor
from dxplan.audit import actions as audit
from dxplan.audit import derived
from dxplan.audit.models import AuditEvent
from dxplan.core import progress
from dxplan.core.diff import Change, Key, Ref, diff, summary, translate
from dxplan.core.errors import BilingualError
from dxplan.indicators import actions as figures
from dxplan.indicators.models import Observation
from dxplan.plans.models import Organisation, Plan
from dxplan.records import model_name

from .plan_state import (
    BY_NAME,
    MANY,
    MODELS,
    NEVER_PRUNED,
    DatabaseState,
    FileState,
    Records,
    describe,
    key_of,
)
from .planfiles import PlanBundle, folder_fingerprint, organisation_slug, walk

ORDER = [model_name(m) for m in MODELS]
MANY_FIELDS = {name for names in MANY.values() for name in names}
COMMAND = CommandActor("dxplan load")
LOCK = "import"  # one import at a time in the whole database: see dxplan/locks.py


@dataclass(frozen=True)
class Conflict:
    model: str
    key: Key
    field: str
    file_value: Any
    database_value: Any
    actor: str
    time: datetime

    def __str__(self) -> str:
        return (
            f"{self.model} {describe(self.model, self.key)} [{self.field}]: "
            f"ファイル / file = {_show(self.file_value)!s}, "
            f"データベース / database = {_show(self.database_value)!s} "
            f"({self.actor}, {self.time:%Y-%m-%d %H:%M})"
        )


@dataclass(frozen=True)
class Protected:
    """A deletion that would take rows entered in dxplan with it."""

    model: str
    key: Key
    rows: dict[str, int]
    examples: list[str]

    def __str__(self) -> str:
        rows = ", ".join(f"{n} {name}" for name, n in sorted(self.rows.items()))
        return (
            f"{self.model} {describe(self.model, self.key)}: "
            f"dxplan で入力された {rows} も削除されます / would also delete {rows} "
            f"entered in dxplan ({'; '.join(self.examples)})"
        )


@dataclass
class ImportReport:
    plan: str
    name_ja: str
    name_en: str
    changes: list[Change] = field(default_factory=list)
    cascade: dict[tuple[str, Key], dict[str, int]] = field(default_factory=dict)
    dry_run: bool = False
    event: AuditEvent | None = None
    unchanged_since: datetime | None = None  # the files are those of the import at that time
    pending: list[str] = field(default_factory=list)  # corrections under way, brought in

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.pending)

    def summary(self) -> dict[str, dict[str, int]]:
        counts = summary(self.changes)
        for rows in self.cascade.values():
            for name, n in rows.items():
                counts["deleted"][name] = counts["deleted"].get(name, 0) + n
        return {verb: dict(sorted(c.items())) for verb, c in counts.items()}

    @property
    def created(self) -> dict[str, int]:
        return self.summary()["created"]

    @property
    def updated(self) -> dict[str, int]:
        return self.summary()["updated"]

    @property
    def deleted(self) -> dict[str, int]:
        return self.summary()["deleted"]

    def lines(self) -> list[str]:
        """Every change: + created, ~ updated with before → after, - deleted with cascades."""
        out = []
        for change in self.changes:
            where = f"{change.model} {describe(change.model, change.key)}"
            if change.verb == "create":
                out.append(f"+ {where}")
            elif change.verb == "update":
                out.append(f"~ {where}")
                for name, after in change.after.items():
                    out.append(f"    {name}: {_show(change.before[name])} → {_show(after)}")
            else:
                cascade = self.cascade.get((change.model, change.key))
                extra = ", ".join(f"{n} {m}" for m, n in sorted(cascade.items())) if cascade else ""
                out.append(f"- {where}" + (f" (+ {extra})" if extra else ""))
        return out + self.pending

    def as_json(self) -> dict[str, Any]:
        return {
            "plan": self.plan,
            "dry_run": self.dry_run,
            "unchanged_since": self.unchanged_since.isoformat() if self.unchanged_since else None,
            "summary": self.summary(),
            "pending": self.pending,
            "changes": [
                {
                    "verb": c.verb,
                    "type": c.model,
                    "key": describe(c.model, c.key),
                    "changes": {n: [_json(c.before.get(n)), _json(v)] for n, v in c.after.items()}
                    if c.verb == "update"
                    else {},
                    "cascade": self.cascade.get((c.model, c.key), {}),
                }
                for c in self.changes
            ],
        }


class ImportRefused(Exception):
    """The import would overwrite, delete or take over what it must not; nothing was written."""

    def __init__(
        self,
        messages: list[BilingualError],
        conflicts: list[Conflict] | None = None,
        protected: list[Protected] | None = None,
    ) -> None:
        self.messages = messages
        self.conflicts = conflicts or []
        self.protected = protected or []
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        out = [str(m) for m in self.messages]
        if self.conflicts:
            out.append(
                f"{len(self.conflicts)} 件の項目が前回の取り込みの後に dxplan で変更されており、"
                f"ファイルの値と異なります（--overwrite でファイルの値を採用）。 / "
                f"{len(self.conflicts)} field(s) were changed in dxplan since the last import "
                f"and the files hold other values (--overwrite takes the files' values):"
            )
            out += [f"  {c}" for c in self.conflicts]
        if self.protected:
            out.append(
                "次の削除は dxplan で入力されたデータを消すため、行いません（--allow-delete で"
                "削除、または rename: で識別子の変更を指定）。 / These deletions would remove "
                "data entered in dxplan (--allow-delete deletes it; rename: keeps a renamed "
                "record):"
            )
            out += [f"  {p}" for p in self.protected]
        return out


class _Rollback(Exception):
    pass


def import_plan(
    bundle: PlanBundle,
    *,
    actor: audit.Actor = COMMAND,
    dry_run: bool = False,
    overwrite: bool = False,
    allow_delete: bool = False,
    wait: float = locks.WAIT,
) -> ImportReport:
    """Apply a validated plan folder to the database in one transaction; see the module doc.

    One import at a time: the lock is taken before the first read, so an import started while
    another runs waits up to `wait` seconds (then `locks.Busy`, nothing written) and diffs
    against what the other one wrote.
    """
    files = FileState(bundle)
    p = bundle.plan.plan
    report = ImportReport(
        f"{organisation_slug(bundle.plan.organisation)}/{p.slug}", p.name.ja, p.name.en
    )
    report.dry_run = dry_run
    try:
        with locks.exclusive(LOCK, wait=wait):
            organisation, plan = _identity(bundle)
            org = organisation or Organisation(code=bundle.plan.organisation.code)
            database = DatabaseState(plan, org)
            files.rename_departments_by_code(database.state.get("department", {}))
            current, moved = translate(database.state, ORDER, files.renamed, key_of)
            objects = Records(
                {
                    name: {moved[name][k]: pk for k, pk in database.pks[name].items()}
                    for name in ORDER
                }
            )
            origin = {moved["observation"][k]: o for k, o in database.origin.items()}
            report.changes = diff(files.state, current, ORDER, keep=_keeper(origin))
            problems: list[Any] = []
            if plan is not None and not overwrite:
                problems += _conflicts(report.changes, plan, database, moved)
            protected = [] if allow_delete else _protected(report.changes, objects)
            if problems or protected:
                raise ImportRefused([], problems, protected)
            if report.changes:
                with derived.together():  # standings worked out once, inside the transaction
                    report.event = _apply(report, objects, actor, bundle)
            report.pending = _pending(bundle, actor)
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report


@cache
def _code_version() -> str:
    """A digest of dxplan's own source: what reads, checks and compares plan files."""
    package = Path(__file__).resolve().parent.parent
    digest = sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _fingerprint(files: dict[str, str]) -> str:
    """One digest of a folder's plan files and of the code that imports them."""
    text = json.dumps({"code": _code_version(), "files": files}, sort_keys=True)
    return sha256(text.encode()).hexdigest()


def unchanged_since_import(directory: str | Path, *, dry_run: bool = False) -> ImportReport | None:
    """The report of an import of `directory` that would change nothing, or None when only
    reading the files can tell.

    Nothing to do when the plan files are byte for byte those of the last import of their
    plan, imported by this same dxplan code, and no event was written since for any plan of its
    organisation (they share departments) or for no plan: the database still holds what those
    files say. Every write goes through the actions, and every action writes an event.
    """
    files = folder_fingerprint(directory)
    if not files or "plan.yaml" not in files:
        return None
    last = (
        AuditEvent.objects.filter(
            verb=AuditEvent.Verb.IMPORT, group=None, detail__fingerprint=_fingerprint(files)
        )
        .exclude(plan=None)
        .select_related("plan")
        .order_by("-pk")
        .first()
    )
    if last is None or last.plan is None:
        return None
    later = AuditEvent.objects.filter(pk__gt=last.pk).exclude(group=last)
    if later.filter(Q(plan__organisation=last.plan.organisation_id) | Q(plan=None)).exists():
        return None  # (another plan of the organisation may have changed what they share)
    report = ImportReport(last.object_key, last.plan.name_ja, last.plan.name_en)
    report.dry_run = dry_run
    report.unchanged_since = last.time
    return report


def _identity(bundle: PlanBundle) -> tuple[Organisation | None, Plan | None]:
    """The organisation and plan the files name; refuse one that is another city's."""
    info = bundle.plan.organisation
    slug = organisation_slug(info)
    by_code = Organisation.objects.filter(code=info.code).first()
    by_slug = Organisation.objects.filter(slug=slug).exclude(code=info.code).first()
    errors = []
    if by_slug is not None:
        errors.append(
            BilingualError(
                f"識別子「{slug}」は既に {by_slug.name_ja}（{by_slug.code}）が使っています。"
                f"ファイルの団体は {info.name.ja}（{info.code}）です。",
                f"The slug '{slug}' is already used by {by_slug.name_en or by_slug.name_ja} "
                f"({by_slug.code}); the files name {info.name.en} ({info.code}).",
            )
        )
    if by_code is not None and by_code.name_ja != info.name.ja and by_code.slug != slug:
        errors.append(
            BilingualError(
                f"団体コード {info.code} はデータベースでは {by_code.name_ja}（{by_code.slug}）"
                f"ですが、ファイルでは {info.name.ja}（{slug}）です。"
                f"別の団体の計画は取り込みません。"
                f"コードの変更は dxplan change_organisation_code で行います。",
                f"Organisation code {info.code} is {by_code.name_en or by_code.name_ja} "
                f"({by_code.slug}) in the database, but {info.name.en} ({slug}) in the files. "
                f"An import never takes over another organisation; to change a code, use "
                f"`dxplan change_organisation_code`.",
            )
        )
    if errors:
        raise ImportRefused(errors)
    plan = by_code.plans.filter(slug=bundle.plan.plan.slug).first() if by_code else None
    return by_code, plan


def _pending(bundle: PlanBundle, actor: audit.Actor) -> list[str]:
    """Bring in the corrections under way that the files carry (`pending:` of a published
    figure, as `dxplan dump` writes them) through the workflow's actions: a correction the
    database lacks is entered and taken to its state. A figure with a correction under way
    keeps it, whatever the files say (it was entered in dxplan), as does one they do not
    mention."""
    wanted = {
        (slug, indicator.code, series.key, o.year): o.pending
        for slug, version in bundle.versions.items()
        for item, _parent, _loc in walk(version.nodes)
        for indicator in item.indicators
        for series in indicator.series
        for o in series.observations
        if o.pending is not None
    }
    if not wanted:
        return []
    plan = bundle.plan.plan
    found = Observation.objects.filter(
        series__indicator__measure__version__plan__slug=plan.slug,
        series__indicator__measure__version__plan__organisation__code=(
            bundle.plan.organisation.code
        ),
        state=Observation.State.PUBLISHED,
    ).select_related("series__indicator__measure__version__plan__organisation")
    lines = []
    for observation in found:
        series = observation.series
        indicator = series.indicator
        key = (indicator.measure.version.slug, indicator.code, series.key, observation.fiscal_year)
        if key not in wanted:
            continue
        if figures.bring_in(observation, _pending_values(wanted[key]), actor=actor) is not None:
            lines.append(f"~ observation {'/'.join(map(str, key))}: pending ({wanted[key].state})")
    return lines


def _pending_values(pending: Any) -> dict[str, Any]:
    return {
        "value": pending.value,
        "lower": pending.lower,
        "upper": pending.upper,
        "source_ja": pending.source.ja if pending.source else "",
        "source_en": pending.source.en if pending.source else "",
        "provisional": pending.provisional,
        "note": pending.note,
        "analysis_ja": pending.analysis.ja if pending.analysis else "",
        "analysis_en": pending.analysis.en if pending.analysis else "",
        "state": pending.state,
        "reason": pending.reason,
    }


def _keeper(origin: dict[Key, str]) -> Callable[[str, Key], bool]:
    """Records an import never removes: shared ones, and figures entered in dxplan."""

    def keep(model: str, key: Key) -> bool:
        if model in NEVER_PRUNED:
            return True
        return model == "observation" and origin[key] == Observation.Origin.ENTRY

    return keep


def _since_last_import(plan: Plan) -> list[AuditEvent]:
    last = AuditEvent.objects.filter(plan=plan, verb=AuditEvent.Verb.IMPORT).order_by("-time")
    since = last.values_list("time", flat=True).first()
    events = AuditEvent.objects.filter(plan=plan).exclude(verb=AuditEvent.Verb.IMPORT)
    events = events.exclude(group__verb=AuditEvent.Verb.IMPORT)
    if since is not None:
        events = events.filter(time__gt=since)
    return list(events.select_related("content_type").order_by("time", "id"))


def _conflicts(
    changes: list[Change],
    plan: Plan,
    database: DatabaseState,
    moved: dict[str, dict[Key, Key]],
) -> list[Conflict]:
    """Fields the import would change that someone changed in dxplan since the last import."""
    touched: dict[tuple[str, Key], dict[str, AuditEvent]] = {}
    deleted: dict[str, AuditEvent] = {}
    for event in _since_last_import(plan):
        name = event.content_type.model if event.content_type else ""
        if name not in BY_NAME:
            continue
        if event.verb == AuditEvent.Verb.DELETE:
            deleted[event.object_key] = event
            continue
        old_key = database.key_of_pk(name, int(event.object_pk)) if event.object_pk else None
        if old_key is None:
            continue
        names = {f.attname: f.name for f in BY_NAME[name]._meta.concrete_fields}
        fields = touched.setdefault((name, moved[name][old_key]), {})
        for attname in event.changes or {"*": None}:
            fields[names.get(attname, attname)] = event
    conflicts = []
    for change in changes:
        seen = touched.get((change.model, change.key), {})
        if change.verb == "update":
            for name, after in change.after.items():
                changed_by = seen.get(name) or seen.get("*")
                if changed_by:
                    conflicts.append(
                        Conflict(
                            change.model,
                            change.key,
                            name,
                            after,
                            change.before[name],
                            changed_by.actor_name,
                            changed_by.time,
                        )
                    )
        elif change.verb == "delete" and seen:
            event = next(iter(seen.values()))
            conflicts.append(
                Conflict(
                    change.model,
                    change.key,
                    "*",
                    None,
                    _label(event),
                    event.actor_name,
                    event.time,
                )
            )
    for change in changes:
        if change.verb != "create" or not deleted:
            continue
        for history_key, event in deleted.items():
            if event.object_type == change.model and history_key.endswith(
                "/" + describe(change.model, change.key)
            ):
                conflicts.append(
                    Conflict(
                        change.model,
                        change.key,
                        "*",
                        "(record)",
                        None,
                        event.actor_name,
                        event.time,
                    )
                )
    return conflicts


def _label(event: AuditEvent) -> str:
    return f"{event.get_verb_display()} in dxplan"


def _protected(changes: list[Change], objects: Records) -> list[Protected]:
    """Deletions whose cascade would take figures entered in dxplan."""
    found = []
    for change in changes:
        if change.verb != "delete" or change.model in ("observation",):
            continue
        collector = NestedObjects(using="default")
        collector.collect([objects.get(change.model, change.key)])
        entered = [
            obj
            for obj in collector.data.get(Observation, ())
            if isinstance(obj, Observation) and obj.origin == Observation.Origin.ENTRY
        ]
        if entered:
            examples = [f"FY{o.fiscal_year} = {audit.jsonable(o.value)}" for o in entered[:3]]
            found.append(
                Protected(change.model, change.key, {"observation": len(entered)}, examples)
            )
    return found


def _apply(
    report: ImportReport,
    objects: Records,
    actor: audit.Actor,
    bundle: PlanBundle,
) -> AuditEvent:
    """Write every change through the actions; the history events are written in one batch."""
    group = audit.event(
        AuditEvent.Verb.IMPORT,
        None,
        actor=actor,
        key=report.plan,
        detail={
            "directory": str(bundle.directory),
            "files": bundle.files,
            "fingerprint": _fingerprint(bundle.files),
        },
    )
    events: list[AuditEvent | audit.PendingEvent] = []
    plan: Plan | None = None
    many: list[tuple[models.Model, str, list[Ref]]] = []

    def resolve(values: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for name, value in values.items():
            if isinstance(value, Ref):
                out[name] = objects.get(value.model, value.key)
            elif name in MANY_FIELDS:
                continue  # many-to-many: set once the record exists
            else:
                out[name] = value
        return out

    for batch in _batches(report.changes):
        first = batch[0]
        model = BY_NAME[first.model]
        writers = audit.writers(model)
        objects.load(_wanted(batch))
        if first.verb == "create":
            created = []
            for change in batch:
                values = resolve(change.after)
                if change.model == "observation":
                    values["origin"] = Observation.Origin.FILE
                obj = model(**values)
                objects.add(change.model, change.key, obj)
                created.append(obj)
            events += writers.create_many(created, actor=actor, group=group, plan=plan)
        for change in batch if first.verb != "create" else []:
            obj = objects.get(change.model, change.key)
            if change.verb == "update":
                values = resolve(change.after)
                if event := writers.update(
                    obj, values, actor=actor, group=group, plan=plan, save=False
                ):
                    events.append(event)
            else:
                deleted, event = writers.delete(
                    obj, actor=actor, group=group, plan=plan, save=False
                )
                events.append(event)
                cascade = Counter(deleted) - Counter({change.model: 1})
                if cascade:
                    report.cascade[(change.model, change.key)] = dict(cascade)
        for change in batch:
            if change.model == "plan" and change.verb != "delete":
                plan = objects.get("plan", change.key)  # type: ignore[assignment]
                group.plan = plan
            if change.model in MANY and change.verb != "delete":
                for name in MANY[change.model]:
                    refs = change.after.get(name)
                    if refs or (change.verb == "update" and name in change.after):
                        many.append((objects.get(change.model, change.key), name, refs or []))
    for obj, name, refs in many:
        event = audit.set_many(
            obj,
            name,
            [objects.get(r.model, r.key) for r in refs],
            actor=actor,
            group=group,
            plan=plan,
            save=False,
        )
        if event:
            events.append(event)
    if plan is None:
        plan = Plan.objects.get(
            organisation__code=bundle.plan.organisation.code, slug=bundle.plan.plan.slug
        )
    audit.close_group(group, events, plan=plan, detail=report.summary())
    return group


def _wanted(batch: list[Change]) -> list[tuple[str, Key]]:
    """The existing records a batch touches or refers to, to fetch them in one go."""
    wanted = []
    for change in batch:
        if change.verb != "create":
            wanted.append((change.model, change.key))
        for value in change.after.values():
            refs = value if isinstance(value, list) else [value]
            wanted += [(r.model, r.key) for r in refs if isinstance(r, Ref)]
    return wanted


# The reference within a model that must exist before a record is created: a node's parent,
# the indicator (of an earlier version) an indicator continues.
SELF_REFERENCE = {"node": "parent", "indicator": "continues"}


def _batches(changes: list[Change]) -> list[list[Change]]:
    """Runs of changes of one verb and model; new nodes by depth, so parents exist first (and
    new indicators after the new indicators they continue)."""
    runs: list[list[Change]] = []
    for change in changes:
        if runs and (runs[-1][0].verb, runs[-1][0].model) == (change.verb, change.model):
            runs[-1].append(change)
        else:
            runs.append([change])
    out: list[list[Change]] = []
    for run in runs:
        if run[0].verb != "create" or run[0].model not in SELF_REFERENCE:
            out.append(run)
            continue
        parents = {c.key: c.after.get(SELF_REFERENCE[c.model]) for c in run}
        depth: dict[Key, int] = {}
        for change in run:  # files list parents (and earlier versions) first
            parent = parents[change.key]
            depth[change.key] = (
                depth.get(parent.key, -1) + 1 if parent and parent.key in parents else 0
            )
        for level in sorted(set(depth.values())):
            out.append([c for c in run if depth[c.key] == level])
    return out


def _show(value: Any) -> str:
    if isinstance(value, Ref):
        return str(value)
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, dict) and "grades" in value:  # a plan's grade scale, whole
        return progress.scale_summary(value)
    text = str(audit.jsonable(value))
    return text if len(text) <= 80 else text[:77] + "…"


def _json(value: Any) -> Any:
    if isinstance(value, Ref):
        return str(value)
    if isinstance(value, list):
        return [_json(v) for v in value]
    return audit.jsonable(value)
