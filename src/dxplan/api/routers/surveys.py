"""Published survey results. Shares are fractions of the question's base (0.5, not 50)."""

from django.http import HttpRequest

from dxplan.plans import queries
from dxplan.surveys.queries import plan_surveys

from .. import serializers
from ..schemas.common import Error
from ..schemas.surveys import SurveyOut
from . import Router

router = Router(tags=["surveys"])


@router.get(
    "/plans/{org}/{plan}/surveys", response={200: list[SurveyOut], 404: Error}, url_name="surveys"
)
def list_surveys(request: HttpRequest, org: str, plan: str):
    return [serializers.survey(s) for s in plan_surveys(queries.get_plan(org, plan))]
