"""Read paths for published survey results."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from dxplan.plans.models import Plan

from .models import PublishedQuestion, PublishedSurvey


def surveys() -> QuerySet[PublishedSurvey]:
    return PublishedSurvey.objects.select_related("plan__organisation").prefetch_related(
        Prefetch(
            "questions",
            queryset=PublishedQuestion.objects.prefetch_related("options", "indicators"),
        )
    )


def plan_surveys(plan: Plan) -> QuerySet[PublishedSurvey]:
    return surveys().filter(plan=plan)
