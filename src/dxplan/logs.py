"""Logging for the people who run the site: a refused request is one line, not a traceback.

Named in settings.LOGGING (a filter on the console handler); it imports nothing of the project.
"""

from __future__ import annotations

import logging

from django.core.exceptions import SuspiciousOperation


class SuspiciousOnOneLine(logging.Filter):
    """Django logs every SuspiciousOperation (a Host header not in ALLOWED_HOSTS, more
    parameters than DATA_UPLOAD_MAX_NUMBER_FIELDS …) to `django.security.*` at ERROR with its
    traceback. The request was the client's fault and has been answered with a 400, so the
    traceback, through Django's middleware, says nothing about the server: keep the message
    (`Invalid HTTP_HOST header: 'evil.example'. …`) and drop the traceback. Every other
    record, a server error's traceback included, passes unchanged."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], SuspiciousOperation):
            record.exc_info = None
            record.exc_text = None  # a handler that ran before may have formatted it already
        return True
