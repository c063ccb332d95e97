"""The actions of a department's API tokens (accounts.models.ApiToken): issue, revoke, find a
key's token, note a write; issuing and revoking are in the history. Above the audit layer, which
the accounts app stands below.

A token's key is made of random bytes, shown once when issued and stored only as its SHA-256
hash (a key that is random and long needs no slow hash: there is nothing to guess from the hash).
"""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from dxplan.accounts.actors import Actor
from dxplan.accounts.models import ApiToken
from dxplan.accounts.policy import check
from dxplan.audit import actions as audit
from dxplan.audit.models import AuditEvent
from dxplan.core.access import Verb
from dxplan.plans.models import Department

KEY_PREFIX = "dxp_"


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_token(department: Department, name: str, *, actor: Actor) -> tuple[ApiToken, str]:
    """A new key for the department's systems: the token, and the key (shown this once)."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        organisation_id=department.organisation_id,
        department=department,
        name=name,
        prefix=key[: len(KEY_PREFIX) + 8],
        key_hash=key_hash(key),
        created_by=str(audit.actor_fields(actor)["actor_name"]),
    )
    check(actor, Verb.MANAGE, token)
    with transaction.atomic():
        audit.create(token, actor=actor, verb=AuditEvent.Verb.TOKEN_ISSUED)
    return token, key


def revoke_token(token: ApiToken, *, actor: Actor) -> None:
    """The key no longer works; the token stays, for the history of what it did."""
    check(actor, Verb.MANAGE, token)
    if token.revoked_at is None:
        audit.update(
            token, {"revoked_at": timezone.now()}, actor=actor, verb=AuditEvent.Verb.TOKEN_REVOKED
        )


def token_of(key: str) -> ApiToken | None:
    """The live token of a key, if any."""
    if not key.startswith(KEY_PREFIX):
        return None
    return (
        ApiToken.objects.select_related("department", "organisation")
        .filter(key_hash=key_hash(key), revoked_at__isnull=True)
        .first()
    )


def note_write(token: ApiToken) -> None:
    """When the token last wrote (usage, not a record of its own: no history event)."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
