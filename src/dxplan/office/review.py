"""The review queue (審査待ち): every submitted or approved figure the reviewer may act on, with
what would become public beside what the public sees now. The steps go through the same view
as on the entry screen (views.step), so the actions check the policy and the state machine."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from dxplan.accounts.policy import anywhere
from dxplan.core.access import Verb

from . import queries
from .access import staff_only


@staff_only
def review_queue(request: HttpRequest) -> HttpResponse:
    items = queries.review_queue(request.user)
    for item in items:
        version = item.indicator.measure.version
        plan = version.plan
        item.entry_url = reverse(
            "office:entry",
            args=[
                plan.organisation.slug,
                plan.slug,
                version.slug,
                item.indicator.code,
                item.observation.fiscal_year,
            ],
        )
    return render(
        request,
        "office/review.html",
        {
            "items": items,
            "may_review": anywhere(request.user, Verb.REVIEW),
            "may_publish": anywhere(request.user, Verb.PUBLISH),
        },
    )
