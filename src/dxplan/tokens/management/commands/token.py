"""`dxplan token`: a department's keys to the write API (docs/api.md#writing-figures).

dxplan token issue nagasaki 人事課 --name "人事システム"     # prints the key, once
dxplan token list [nagasaki]
dxplan token revoke dxp_AbCdEfGh
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db.models import Q

from dxplan.accounts.models import ApiToken
from dxplan.commands import ACTOR_HELP, WritingCommand, actor
from dxplan.plans.models import Department, Organisation
from dxplan.tokens.actions import issue_token, revoke_token


class Command(WritingCommand):
    help = "Issue, list or revoke a department's API tokens (the key is shown once)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        issue = actions.add_parser("issue", help="a new key for a department's systems")
        issue.add_argument("organisation", help="the city's slug, e.g. nagasaki")
        issue.add_argument("department", help="the department's code, or its name (ja or en)")
        issue.add_argument("--name", required=True, help="what uses it, e.g. a system's name")
        issue.add_argument("--actor", help=ACTOR_HELP)
        listing = actions.add_parser("list", help="the tokens, without their keys")
        listing.add_argument("organisation", nargs="?")
        revoke = actions.add_parser("revoke", help="a key stops working (the token stays)")
        revoke.add_argument("prefix", help="the key's first characters, as `list` shows them")
        revoke.add_argument("--actor", help=ACTOR_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _issue(self, options: dict[str, Any]) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                f"自治体 {options['organisation']} はありません。 / "
                f"No city {options['organisation']}."
            )
        name = options["department"]
        department = (
            Department.objects.filter(organisation=organisation)
            .filter(Q(code=name) | Q(name_ja=name) | Q(name_en=name))
            .first()
        )
        if department is None:
            raise CommandError(f"課 {name} はありません。 / No department {name}.")
        token, key = issue_token(
            department, options["name"], actor=actor(options["actor"], "dxplan token issue")
        )
        self.stdout.write(
            f"{department.name_ja} / {department.name_en or department.name_ja}: {token.name}\n"
            f"キー（この一度だけ表示します） / Key (shown this once): {key}"
        )

    def _list(self, options: dict[str, Any]) -> None:
        found = ApiToken.objects.select_related("organisation", "department")
        if options["organisation"]:
            found = found.filter(organisation__slug=options["organisation"])
        for token in found:
            state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "active"
            used = f"{token.last_used_at:%Y-%m-%d}" if token.last_used_at else "—"
            self.stdout.write(
                f"{token.prefix}  {token.organisation.slug}  {token.department.name_ja}  "
                f"{token.name}  issued {token.created_at:%Y-%m-%d}  last write {used}  {state}"
            )

    def _revoke(self, options: dict[str, Any]) -> None:
        token = ApiToken.objects.filter(prefix=options["prefix"]).first()
        if token is None:
            raise CommandError(
                f"キー {options['prefix']} はありません。 / No key {options['prefix']}."
            )
        revoke_token(token, actor=actor(options["actor"], "dxplan token revoke"))
        self.stdout.write(f"無効にしました / Revoked: {token.prefix}")
