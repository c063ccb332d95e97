"""Who may use the staff area: staff users only, on pages never cached.

What each of them may see and do is the access policy's (accounts/policy.py): a refusal from it
anywhere below a view is a 403 page that says why.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from dxplan.accounts.policy import Refused
from dxplan.core.errors import BilingualError
from dxplan.plans.models import Department

View = Callable[..., HttpResponse]


def is_staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def departments_of(user: Any) -> list[Department]:
    """The departments a staff user belongs to (accounts.User.departments)."""
    departments = getattr(user, "departments", None)
    return list(departments.all()) if departments is not None else []


def say(error: BilingualError | Refused) -> str:
    """A bilingual message in the language of the page."""
    return error.en if (get_language() or "ja").startswith("en") else error.ja


def can_use_admin(request: HttpRequest) -> bool:
    """Whether the admin would show the user anything: a superuser, or staff with a permission
    on one of its models at least (the admin's own list of what the user may see). Staff
    without any land on its "no permission" page, so their menu does not offer it."""
    from django.contrib import admin

    return admin.site.has_permission(request) and bool(admin.site.get_app_list(request))


def forbidden(request: HttpRequest) -> HttpResponse:
    """A signed-in user without staff rights: 403, saying why and what to do."""
    return render(request, "office/forbidden.html", status=403)


def staff_only(view: View) -> View:
    """Anonymous users go to the staff login; users without staff rights get a 403. Every
    answer, redirects and refusals too, is marked never to be cached (the site's page cache
    and browsers)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff(request.user):
            return forbidden(request)
        try:
            return view(request, *args, **kwargs)
        except Refused as refused:
            return render(request, "office/forbidden.html", {"refusal": say(refused)}, status=403)

    return never_cache(wrapped)
