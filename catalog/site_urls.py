"""The catalog's own addresses, reversed once: every page writes the same few (the header's
seven links were three quarters of its rendering time, ~20 µs a reverse)."""

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse


def site_url(name: str, *args) -> str:
    """reverse(name, args=args), remembered per script prefix and URL configuration (what
    reverse reads besides its arguments)."""
    return _reversed(get_script_prefix(), get_urlconf(), name, args)


@lru_cache(maxsize=4096)  # the page addresses and the vocabularies' term pages, a few hundred
def _reversed(script_prefix: str, urlconf, name: str, args: tuple) -> str:
    return reverse(name, urlconf=urlconf, args=args)
