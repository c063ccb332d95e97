"""The write API's authentication: a department's token, sent as `Authorization: Bearer <key>`
(dxplan.tokens). The open-data operations need none."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from dxplan.accounts.models import ApiToken
from dxplan.tokens.actions import token_of


class DepartmentToken(HttpBearer):
    openapi_description = (
        "A department's API token (`dxplan token issue`): it may read, enter, submit and "
        "withdraw the figures of the indicators its department owns."
    )

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return token_of(token)


def token(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]
