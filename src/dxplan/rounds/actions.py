"""The round's use cases: open it, remind who has something outstanding, publish it. Each checks
the access policy, runs in a transaction and leaves history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dxplan.accounts.actors import Actor
from dxplan.accounts.policy import check
from dxplan.audit import actions as audit
from dxplan.audit.models import AuditEvent
from dxplan.core import rounds as rules
from dxplan.core.access import Role, Verb
from dxplan.core.fiscal_year import format_fiscal_year
from dxplan.core.workflow import State
from dxplan.indicators import actions as figures
from dxplan.indicators.actions import Outcome
from dxplan.plans.models import Organisation, PlanVersion

from . import queries
from .models import Reminder, ReportingRound

create_round, update_round, delete_round = audit.record_actions(ReportingRound)


def open_round(
    organisation: Organisation,
    fiscal_year: int,
    due: date,
    versions: Iterable[PlanVersion],
    *,
    actor: Actor,
    note: str = "",
) -> ReportingRound:
    """Ask the departments for the figures of `fiscal_year` of these plan versions by `due`."""
    versions = list(versions)
    candidate = ReportingRound(
        organisation=organisation, fiscal_year=fiscal_year, due=due, note=note
    )
    check(actor, Verb.MANAGE, candidate)
    if any(v.plan.organisation_id != organisation.pk for v in versions):
        raise ValueError("a round covers its own city's plans only")
    with transaction.atomic():
        made, _ = audit.create(candidate, actor=actor, verb=AuditEvent.Verb.REPORTING_ROUND_OPENED)
        audit.set_many(made, "versions", versions, actor=actor)
    return made


def publish_round(round: ReportingRound, *, actor: Actor) -> list[Outcome]:
    """Publish every approved figure of the round at once (what the preview listed) and mark
    the round published; the figures' own steps are in their history."""
    check(actor, Verb.PUBLISH, round)
    with transaction.atomic():
        outcomes = [
            figures.publish_figure(item.observation, actor=actor)
            for item in queries.items(round)
            if item.revision is not None
            and item.observation is not None
            and item.revision.state == State.APPROVED
        ]
        audit.update(
            round,
            {"published_at": timezone.now()},
            actor=actor,
            verb=AuditEvent.Verb.REPORTING_ROUND_PUBLISHED,
            detail={"published": len(outcomes)},
        )
    return outcomes


@dataclass
class Reminders:
    sent: int = 0  # messages
    skipped: int = 0  # people reminded already today, or with no address
    people: list[str] = field(default_factory=list)  # user names (never addresses)


def send_reminders(today: date, *, actor: Actor, dry_run: bool = False) -> Reminders:
    """Remind each department editor with figures outstanding in an open round, at most once a
    day, a week and a day before the due date and when overdue (core.rounds.reminder). Run
    every day by cron; running it twice a day sends nothing the second time."""
    done = Reminders()
    users = get_user_model()
    with transaction.atomic():
        for round in queries.rounds_of():
            check(actor, Verb.MANAGE, round)
            if round.published_at is not None:
                continue
            outstanding: dict[int, int] = {}
            for item in queries.items(round):
                if item.owner is not None and rules.outstanding(item.stage):
                    outstanding[item.owner.pk] = outstanding.get(item.owner.pk, 0) + 1
            if not outstanding:
                continue
            editors = users.objects.filter(
                is_active=True,
                role=Role.DEPARTMENT_EDITOR.value,
                departments__in=list(outstanding),
            ).distinct()
            for user in editors:
                last = (
                    Reminder.objects.filter(user=user)
                    .order_by("-sent_on")
                    .values_list("sent_on", flat=True)
                ).first()
                kind = rules.reminder(today, round.due, last)
                count = sum(
                    outstanding.get(d, 0) for d in user.departments.values_list("pk", flat=True)
                )
                if kind is None or not user.email:
                    done.skipped += 1
                    continue
                if not dry_run:
                    _message(round, user, kind, count).send()
                    Reminder.objects.create(
                        round=round, user=user, sent_on=today, kind=kind, outstanding=count
                    )
                done.sent += 1
                done.people.append(user.get_username())
        if dry_run:
            transaction.set_rollback(True)
    return done


def _message(round: ReportingRound, user: object, kind: str, count: int) -> EmailMessage:
    year_ja, year_en = (
        format_fiscal_year(round.fiscal_year, "ja"),
        format_fiscal_year(round.fiscal_year, "en"),
    )
    due = round.due.isoformat()
    url = settings.DXPLAN_SITE_URL.rstrip("/") + reverse("office:rounds")
    if kind == "overdue":
        subject = f"【dxplan】{year_ja}の実績報告の期限（{due}）を過ぎています / FY figures overdue"
        lead_ja = f"{year_ja}の実績報告の期限（{due}）を過ぎています。"
        lead_en = f"The figures for {year_en} were due on {due}."
    else:
        subject = f"【dxplan】{year_ja}の実績報告のお願い（期限 {due}） / Figures due {due}"
        lead_ja = f"{year_ja}の実績報告の期限は {due} です。"
        lead_en = f"The figures for {year_en} are due on {due}."
    body = (
        f"{lead_ja}\n担当課の未提出の実績: {count} 件\n{url}\n\n"
        f"{lead_en}\nFigures of your departments not yet submitted: {count}\n{url}\n"
    )
    return EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],  # type: ignore[attr-defined]
        connection=get_connection(),
    )
