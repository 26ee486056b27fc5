"""Small middlewares: a response header Django has no setting for, and NUL characters refused."""

from django.conf import settings
from django.http import HttpResponseBadRequest


class PermissionsPolicyMiddleware:
    """Permissions-Policy: the site uses no camera, microphone, location or payment API, and
    says so, so no injected or framed content can ask for them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RejectNulMiddleware:
    """400 for a NUL character anywhere in the path or query string: it has no meaning in an
    address, and PostgreSQL can neither store nor compare it (the query would fail)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = (value for key in request.GET for value in [key, *request.GET.getlist(key)])
        if "\x00" in request.path or any("\x00" in value for value in values):
            return HttpResponseBadRequest(
                "Bad request: the address holds a NUL character.", content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
