"""Writes to published survey results, each leaving history."""

from __future__ import annotations

from dxplan.audit import actions as audit

from .models import PublishedOption, PublishedQuestion, PublishedSurvey

create_survey, update_survey, delete_survey = audit.record_actions(PublishedSurvey)
create_question, update_question, delete_question = audit.record_actions(PublishedQuestion)
create_option, update_option, delete_option = audit.record_actions(PublishedOption)
