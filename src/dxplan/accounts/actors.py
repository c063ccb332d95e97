"""Who acts: a signed-in user, a command run on the server (optionally as a user), or a
department's API token (accounts.models.ApiToken).

Every action takes its actor as a keyword argument typed `Actor`; the audit records its name and
the access policy (accounts/policy.py) decides what it may do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from .models import ApiToken


@dataclass(frozen=True)
class CommandActor:
    """A command run by the operator (`dxplan load`). Without `user` it may do everything, as
    the operator with shell access can; with `user` (`--actor NAME`) the policy applies to that
    user and the history names both."""

    name: str
    user: AbstractBaseUser | None = None

    def get_username(self) -> str:
        if self.user is None:
            return self.name
        return f"{self.user.get_username()} ({self.name})"


Actor: TypeAlias = "AbstractBaseUser | AnonymousUser | CommandActor | ApiToken"
