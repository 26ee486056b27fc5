import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from catalog import choices
from catalog.models import SNIPPET_MARKS
from catalog.querystrings import toggle_query

register = template.Library()


@register.simple_tag(takes_context=True, name="toggle_query")
def toggle_query_tag(context, name, value):
    """The current query string with `name=value` added or removed (page reset): a facet link."""
    return toggle_query(context["request"], name, value)


@register.filter
def highlight(snippet):
    """A search snippet made safe: the text escaped first, then its marked matches wrapped in
    <mark>; stray marks are dropped, so registry text can never inject markup."""
    start, stop = SNIPPET_MARKS
    escaped = escape(snippet or "")
    marked = re.sub(f"{start}([^{start}{stop}]*){stop}", r"<mark>\1</mark>", escaped)
    return mark_safe(marked.replace(start, "").replace(stop, ""))  # noqa: S308 (escaped above)  # nosec B308 B703


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
def thousands(value):
    """12345 -> '12,345', as the list's heading writes its count (a non-number as it is)."""
    return f"{value:,}" if isinstance(value, int) else value


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key)


@register.filter
def field_label(name):
    """'primary_completion_date' -> 'Primary completion date'."""
    return str(name).replace("_", " ").capitalize()


@register.simple_tag(takes_context=True)
def corrected(context, *fields):
    """A mark beside a value a curator corrected, linking to what the registry says."""
    if not set(fields) & context.get("corrected", set()):
        return ""
    return format_html(
        '<a class="corrected" href="#corrections" title="{}">corrected</a>',
        "Corrected by a curator: see what the registry says",
    )


@register.filter
def contact_role(value: str) -> str:
    """A contact's role in words: 'PRINCIPAL_INVESTIGATOR' -> 'principal investigator'."""
    return re.sub(r"[_\s]+", " ", value or "").strip().lower()


@register.filter
def phone_link(value: str) -> str:
    """A phone number as a tel: address takes digits and a leading +; 'ext.' and the rest go."""
    number = re.split(r"(?i)\s*(?:ext|x|#)", value or "", maxsplit=1)[0]
    return ("+" if number.strip().startswith("+") else "") + re.sub(r"\D", "", number)
