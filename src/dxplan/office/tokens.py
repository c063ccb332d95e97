"""A department's API tokens on the staff screens (the DX office): list, issue (the key is shown
on the answer to the issuing request, once, never stored in the clear), revoke. The tokens'
actions do the writing (dxplan.tokens)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dxplan.accounts.models import ApiToken
from dxplan.accounts.policy import Refused, anywhere, principal_of, visible
from dxplan.core.access import Verb
from dxplan.plans.models import Department, Organisation
from dxplan.tokens.actions import issue_token, revoke_token

from .access import staff_only


class IssueForm(forms.Form):
    department = forms.ModelChoiceField(
        label=gettext_lazy("Department"), queryset=Department.objects.none()
    )
    name = forms.CharField(
        label=gettext_lazy("What uses it"),
        max_length=100,
        help_text=gettext_lazy("e.g. the name of the department's system"),
    )

    def __init__(self, *args: Any, organisation_ids: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["department"]
        field.queryset = Department.objects.filter(organisation__in=organisation_ids)


def _organisations(request: HttpRequest) -> set[int]:
    principal = principal_of(request.user)
    if principal.unrestricted:
        return set(Organisation.objects.values_list("pk", flat=True))
    return {int(str(pk)) for pk in principal.organisations}


@staff_only
def tokens(request: HttpRequest) -> HttpResponse:
    if not anywhere(request.user, Verb.MANAGE):  # the DX office's page
        raise Refused(
            "APIトークンの管理は DX推進担当が行います。",
            "API tokens are managed by the DX office.",
        )
    organisations = _organisations(request)
    form = IssueForm(
        request.POST if request.method == "POST" else None, organisation_ids=organisations
    )
    key = None
    if request.method == "POST" and form.is_valid():
        _, key = issue_token(
            form.cleaned_data["department"], form.cleaned_data["name"], actor=request.user
        )
        form = IssueForm(organisation_ids=organisations)
    listed = list(
        visible(request.user, ApiToken.objects.all(), Verb.MANAGE).select_related(
            "department", "organisation"
        )
    )
    return render(request, "office/tokens.html", {"tokens": listed, "form": form, "key": key})


@staff_only
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk)
    revoke_token(token, actor=request.user)
    messages.success(request, _("The key %(prefix)s no longer works.") % {"prefix": token.prefix})
    return redirect("office:tokens")
