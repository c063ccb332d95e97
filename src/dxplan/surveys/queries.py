"""Read paths for published survey results."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from dxplan.plans.models import Plan

from .models import Question, Survey


def surveys() -> QuerySet[Survey]:
    return Survey.objects.select_related("plan__organisation").prefetch_related(
        Prefetch("questions", queryset=Question.objects.prefetch_related("options", "indicators"))
    )


def plan_surveys(plan: Plan) -> QuerySet[Survey]:
    return surveys().filter(plan=plan)
