"""403 and 404 answers logged as one line each, without a traceback.

Django's ``django.request`` logger writes a warning for every 404 and, for PermissionDenied,
one with the exception attached (a traceback per refused request); these are expected answers
to visitors, not faults, so the record keeps its one-line message and drops the exception."""

import logging


class OneLineClientErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) in (403, 404):
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
