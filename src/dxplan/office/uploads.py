"""The workbook on the web: download the template, upload it back, preview, confirm.

The same path as `dxplan actuals template|import` (io/actuals_files, io/actuals_import). An
upload is read and run as a dry run at once; the page after it shows what would change, or
every problem, and nothing is stored. The uploaded bytes wait with their preview and SHA-256
(office.models.PendingUpload, the uploader's own, at most 5 MB, forgotten after a day), not in
the session; the confirmation names that digest and the preview's fingerprint
(ActualsReport.digest), and the import is rolled back unless it stores exactly what was shown.
Previews are made on POST: a GET reads from a read-only transaction (dxplan.reads), and a dry
run runs the real write path before rolling it back.
"""

from __future__ import annotations

import hashlib
import io
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from dxplan import locks
from dxplan.accounts.models import User
from dxplan.accounts.policy import anywhere
from dxplan.core.access import Verb
from dxplan.core.actual_rules import as_entered
from dxplan.core.errors import BilingualError
from dxplan.core.fiscal_year import parse_fiscal_year
from dxplan.indicators.units import with_unit
from dxplan.io.actuals_files import (
    ActualsFileInvalid,
    Problem,
    formula_warnings,
    read_actuals_data,
    write_template,
)
from dxplan.io.actuals_import import (
    CHANGING,
    ActualsReport,
    import_actuals,
    plan_series,
    template_rows,
)
from dxplan.plans.models import Department, Plan

from . import queries
from .access import departments_of, staff_only
from .forms import MAX_UPLOAD, UploadForm, say
from .models import KEPT, PendingUpload

DONE = "office_upload_done"  # what the last confirmed upload stored
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _NotAsPreviewed(Exception):
    pass


def _plan(identifier: str) -> Plan | None:
    org, _, slug = identifier.partition("/")
    return (
        Plan.objects.select_related("organisation")
        .filter(organisation__slug=org, slug=slug)
        .first()
    )


def _departments(plans: list[Plan]) -> list[tuple[Any, list[Department]]]:
    """The departments of the plans' organisations, by organisation."""
    found = Department.objects.filter(
        organisation__in={p.organisation_id for p in plans}
    ).select_related("organisation")
    grouped: dict[int, tuple[Any, list[Department]]] = {}
    for d in found.order_by("organisation__code", "name_ja"):
        grouped.setdefault(d.organisation_id, (d.organisation, []))[1].append(d)
    return list(grouped.values())


@staff_only
def upload(request: HttpRequest) -> HttpResponse:
    """The template's download form and the upload form; a valid upload is previewed."""
    plans = queries.plans()
    form = UploadForm()
    if request.method == "POST":
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_UPLOAD + 64 * 1024:
            form.add_error(None, _("The file is too large: at most 5 MB."))
            return _upload_page(request, plans, form, status=413)
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            file = form.cleaned_data["file"]
            data = file.read()
            name = Path(file.name or "upload").name[-120:]
            PendingUpload.forget_old()
            uploader = cast(User, request.user)  # staff_only: a signed-in user
            PendingUpload.objects.filter(user=uploader).delete()  # one at a time
            PendingUpload.objects.create(
                user=uploader,
                name=name,
                sha256=hashlib.sha256(data).hexdigest(),
                data=data,
                preview=_dry_run(request, name, data),
            )
            return redirect("office:preview")
    return _upload_page(request, plans, form, status=400 if form.errors else 200)


def _upload_page(
    request: HttpRequest, plans: list[Plan], form: UploadForm, *, status: int
) -> HttpResponse:
    years = sorted(
        {y for p in plans for v in p.versions.all() for y in range(v.start_year, v.end_year + 1)}
    )
    departments = _departments(plans)
    # the workbook of the clerk's own department and its organisation's plan, to begin with
    listed = {d.pk for _, group in departments for d in group}
    own = next((d for d in departments_of(request.user) if d.pk in listed), None)
    plan = next((p for p in plans if own and p.organisation_id == own.organisation_id), None)
    return render(
        request,
        "office/upload.html",
        {
            "form": form,
            "plans": plans,
            "departments": departments,
            "years": years,
            "default_plan": plan,
            "default_department": own,
            "default_year": _default_year([plan] if plan else plans),
        },
        status=status,
    )


def _default_year(plans: list[Plan]) -> int | None:
    for plan in plans:
        versions = list(plan.versions.all())
        if versions:
            return queries.default_year(versions[-1])
    return None


def _dry_run(request: HttpRequest, name: str, data: bytes) -> dict[str, Any]:
    """What importing the file would change (or its problems), as the session keeps it, and
    the text in it that begins like a formula (stored as entered, written out as text)."""
    warnings: list[Problem] = []
    try:
        rows, problems = read_actuals_data(name, data)
        warnings = formula_warnings(rows)
        report = import_actuals(rows, actor=request.user, dry_run=True, problems=problems)
    except ActualsFileInvalid as invalid:
        return {
            "problems": [p.as_json() for p in invalid.problems],
            "warnings": [w.as_json() for w in warnings],
            "report": None,
        }
    return {"problems": [], "warnings": [w.as_json() for w in warnings], "report": _stored(report)}


def _stored(report: ActualsReport) -> dict[str, Any]:
    return {
        "plan": report.plan,
        "digest": report.digest(),
        "summary": report.summary(),
        "changes": report.changes_as_json(),
    }


def _rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The preview's lines: indicator, series, year, current → new, and what it is."""
    plan = _plan(report["plan"])
    series = plan_series(plan) if plan else {}
    verbs = {
        "create": _("new"),
        "correct": _("changed"),
        "pending": _("changed: correction awaiting publication"),
        "withdraw": _("correction withdrawn: the published figure stands"),
        "same": _("unchanged"),
    }
    out = []
    for change in report["changes"]:
        s = series.get(change["series"])
        before, after = change["before"], change["after"]

        def shown(name: str, value: Any, s: Any = s) -> str:
            """A number exactly as entered, at least at the published precision, with its
            unit; a flag as yes or no; nothing as —."""
            if value is None or value == "":
                return "—"
            if isinstance(value, bool):
                return _("yes") if value else _("no")
            if name in ("value", "lower", "upper") and s is not None:
                indicator = s.indicator
                return with_unit(as_entered(Decimal(str(value)), indicator.decimals), indicator)
            return str(value)

        others = [
            (queries.field_label(name), shown(name, before.get(name)), shown(name, value))
            for name, value in after.items()
            if name != "value" and (change["verb"] != "create" or value not in (None, "", False))
        ]
        out.append(
            {
                "indicator": s.indicator if s else None,
                "series": s,
                "series_id": change["series"],
                "fiscal_year": change["fiscal_year"],
                "verb": change["verb"],
                "verb_label": verbs[change["verb"]],
                "current": shown(
                    "value", before.get("value") if "value" in after else change["value"]
                ),
                "new": shown("value", change["value"]),
                "value_changes": "value" in after,
                "others": others,
                "readings": change["readings"],
            }
        )
    return out


@staff_only
def preview(request: HttpRequest) -> HttpResponse:
    """GET: the stored preview. POST: confirm (apply exactly the previewed file), refresh the
    preview, or cancel."""
    pending = (
        PendingUpload.objects.filter(
            user=cast(User, request.user), created_at__gte=timezone.now() - KEPT
        )
        .order_by("-created_at")
        .first()
    )
    if pending is None:
        messages.info(request, _("Upload a file first."))
        return redirect("office:upload")
    data = bytes(pending.data)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "cancel":
            pending.delete()
            messages.info(request, _("Upload cancelled: nothing was stored."))
            return redirect("office:upload")
        if action == "refresh":
            _preview_again(request, pending, data)
            return redirect("office:preview")
        if action == "confirm":
            return _confirm(request, pending, data)
    report = pending.preview["report"]
    context = {
        "name": pending.name,
        "sha256": pending.sha256,
        "problems": pending.preview["problems"],
        "warnings": pending.preview.get("warnings", []),  # previews made before they came
        "report": report,
        "rows": _rows(report) if report else [],
        "stored": sum(report["summary"][v] for v in CHANGING) if report else 0,
        # publishing on import walks submit, approve and publish: only who may take all three
        "may_publish": all(
            anywhere(request.user, verb) for verb in (Verb.SUBMIT, Verb.REVIEW, Verb.PUBLISH)
        ),
    }
    return render(request, "office/preview.html", context)


def _preview_again(request: HttpRequest, pending: PendingUpload, data: bytes) -> None:
    """The preview made again from the file (nothing, should it be gone meanwhile)."""
    pending.preview = _dry_run(request, pending.name, data)
    PendingUpload.objects.filter(pk=pending.pk).update(preview=pending.preview)


def _confirm(request: HttpRequest, pending: PendingUpload, data: bytes) -> HttpResponse:
    previewed = pending.preview["report"]
    if request.POST.get("sha256") != pending.sha256 or not previewed:
        messages.error(
            request,
            _(
                "This is not the file previewed here (another upload replaced it, or it was "
                "changed): nothing was stored. Check the preview below and confirm again."
            ),
        )
        return redirect("office:preview")
    publish = request.POST.get("publish") == "1"
    submit = request.POST.get("submit") == "1"
    try:
        # One confirmation of an upload at a time (a double click sends two): the second
        # waits, then finds the upload gone with the first, and stores nothing twice.
        with locks.exclusive(f"upload-{pending.pk}"):
            if not PendingUpload.objects.filter(pk=pending.pk).exists():
                messages.info(request, _("This upload has been stored already."))
                return redirect("office:done" if request.session.get(DONE) else "office:upload")
            rows, problems = read_actuals_data(pending.name, data)
            report = import_actuals(
                rows, actor=request.user, problems=problems, publish=publish, submit=submit
            )
            if report.digest() != request.POST.get("digest") or (
                report.digest() != previewed["digest"]
            ):
                raise _NotAsPreviewed
            name = pending.name
            pending.delete()  # with the figures it stored, or not at all
    except locks.Busy:
        messages.error(request, _("Another import is running: confirm again in a moment."))
        return redirect("office:preview")
    except (ActualsFileInvalid, _NotAsPreviewed):
        _preview_again(request, pending, data)
        messages.error(
            request,
            _(
                "The figures in dxplan changed since the preview: nothing was stored. Review "
                "the new preview and confirm again."
            ),
        )
        return redirect("office:preview")
    summary = report.summary()
    request.session[DONE] = {
        "name": name,
        "plan": report.plan,
        "summary": summary,
        "stored": sum(summary[v] for v in CHANGING),
        "published": report.published,
        "submitted": report.submitted,
    }
    return redirect("office:done")


@staff_only
def done(request: HttpRequest) -> HttpResponse:
    result = request.session.get(DONE)
    if not result:
        return redirect("office:upload")
    return render(request, "office/upload_done.html", {"result": result})


@staff_only
def template(request: HttpRequest) -> HttpResponse:
    """The workbook of a plan, fiscal year and (optionally) department: write_template."""
    plan = _plan(request.GET.get("plan", ""))
    if plan is None:
        messages.error(request, _("Choose a plan."))
        return redirect("office:upload")
    try:
        year = parse_fiscal_year(request.GET.get("year", ""))
    except BilingualError as error:
        messages.error(request, say(error))
        return redirect("office:upload")
    department = request.GET.get("department") or None
    rows = template_rows(plan, year, department=department)
    if not rows:
        messages.error(request, _("No indicator matches: check the department."))
        return redirect("office:upload")
    identifier = f"{plan.organisation.slug}/{plan.slug}"
    buffer = io.BytesIO()
    write_template(buffer, identifier, plan.name_ja, year, rows)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    name = f"{plan.organisation.slug}-{plan.slug}-FY{year}" + (
        f"-{department}" if department else ""
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{name}.xlsx"
    )
    return response
