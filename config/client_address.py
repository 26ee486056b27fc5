"""The address a request came from, for the sign-in lockout (django-axes)."""

from django.conf import settings


def client_address(request) -> str:
    """REMOTE_ADDR, or behind our one proxy (DJANGO_BEHIND_PROXY) the address that proxy put last
    in X-Forwarded-For: config/nginx.conf sets the header to the client's address, a TLS proxy
    appends it; anything before it is what the client claimed and is not trusted."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")
