from django import template
from django.utils.http import urlencode

from catalog import choices

register = template.Library()


@register.simple_tag(takes_context=True)
def toggle_query(context, name, value):
    """The current query string with `name=value` added or removed (page reset): a facet link."""
    params = context["request"].GET.copy()
    values = params.getlist(name)
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    params.setlist(name, values)
    params.pop("page", None)
    query = urlencode([(key, item) for key in params for item in params.getlist(key) if item], doseq=False)
    return f"?{query}" if query else "?"


@register.filter
def status_label(value):
    return choices.STATUS.get(value, value)


@register.filter
def age(value):
    if value is None:
        return ""
    if value == int(value):
        return f"{int(value)} years"
    return f"{value:g} years"


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key)


@register.filter
def field_label(name):
    """'primary_completion_date' -> 'Primary completion date'."""
    return str(name).replace("_", " ").capitalize()
