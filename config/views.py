"""Error pages that must work when the database does not."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

logger = logging.getLogger(__name__)


def server_error(request):
    """500, or 503 when the database is unreachable: the site says it is briefly unavailable and
    asks to retry, and recovers by itself when the database returns (connections are checked
    before reuse). Rendered without a request context, so nothing here touches the database."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        logger.error("Database unavailable: %s", error)
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
