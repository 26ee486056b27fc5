"""Links that change one part of the list's query string (facet values, chips)."""

from django.utils.http import urlencode


def _encode(params) -> str:
    query = urlencode([(key, item) for key in params for item in params.getlist(key) if item])
    return f"?{query}" if query else "?"


def toggle_query(request, name: str, value: str) -> str:
    """The current query string with `name=value` added or removed, back on page 1."""
    params = request.GET.copy()
    values = params.getlist(name)
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    params.setlist(name, values)
    params.pop("page", None)
    return _encode(params)


def without_parameter(request, name: str) -> str:
    """The current query string without `name`, back on page 1."""
    params = request.GET.copy()
    params.pop(name, None)
    params.pop("page", None)
    return _encode(params)


def with_parameter(request, name: str, value: str) -> str:
    """The current query string with `name` set to `value` alone, back on page 1."""
    params = request.GET.copy()
    params.setlist(name, [value])
    params.pop("page", None)
    return _encode(params)
