import re
from functools import cache
from html import escape as _escape
from types import SimpleNamespace

from django import template
from django.template.defaulttags import querystring
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.html import escape
from django.utils.safestring import mark_safe

from catalog import choices
from catalog.models import SNIPPET_MARKS
from catalog.querystrings import toggle_query
from catalog.site_urls import site_url

register = template.Library()


@register.simple_tag(takes_context=True, name="toggle_query")
def toggle_query_tag(context, name, value):
    """The current query string with `name=value` added or removed (page reset): a facet link."""
    return toggle_query(context["request"], name, value)


# {% site_url 'catalog:trial_list' %}: {% url %} for the catalog's own addresses, reversed once.
register.simple_tag(site_url, name="site_url")


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


def query_string(request, **changes) -> str:
    """What Django's {% querystring %} writes: the request's query with `changes` applied (None
    removes a parameter), "?" first."""
    return querystring(SimpleNamespace(request=request), **changes)


@register.simple_tag(takes_context=True)
def pagination(context, page):
    """A list's pages: previous, where, next (the list and the changes; Jinja2 calls it too)."""
    if page.paginator.num_pages <= 1:
        return "\n"
    request = context["request"]
    previous = next_page = ""
    if page.has_previous():
        href = _escape(query_string(request, page=page.previous_page_number()))
        previous = f'<a rel="prev" href="{href}">← Previous</a>'
    if page.has_next():
        next_page = f'<a rel="next" href="{_escape(query_string(request, page=page.next_page_number()))}">Next →</a>'
    where = f"Page {thousands(page.number)} of {thousands(page.paginator.num_pages)}"
    return mark_safe(  # noqa: S308 (every piece escaped)  # nosec B308 B703
        f'\n<nav class="pagination" aria-label="Pages">\n  {previous}\n  <span>{_escape(where)}</span>\n'
        f"  {next_page}\n</nav>\n\n"
    )


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key)


@register.filter
def field_label(name):
    """'primary_completion_date' -> 'Primary completion date'."""
    return str(name).replace("_", " ").capitalize()


@register.filter
def contact_role(value: str) -> str:
    """A contact's role in words: 'PRINCIPAL_INVESTIGATOR' -> 'principal investigator'."""
    return re.sub(r"[_\s]+", " ", value or "").strip().lower()


@register.filter
def phone_link(value: str) -> str:
    """A phone number as a tel: address takes digits and a leading +; 'ext.' and the rest go."""
    number = re.split(r"(?i)\s*(?:ext|x|#)", value or "", maxsplit=1)[0]
    return ("+" if number.strip().startswith("+") else "") + re.sub(r"\D", "", number)


@register.simple_tag
def facet_values(name: str, values: list[dict]):
    """A facet's values, each a checkbox with its label and count, built here for the reason
    trial_card is (a list page shows some seventy). Every value and label goes through html.escape."""
    return mark_safe(  # noqa: S308 (every piece escaped)  # nosec B308 B703
        "".join(
            '\n        <label class="facet-value">\n'
            f'          <input type="checkbox" name="{_escape(name)}" value="{_escape(str(item["value"]))}"'
            f"{' checked' if item.get('selected') else ''}>\n"
            f'          <span class="facet-label">{_escape(str(item["label"]))}</span>\n'
            '          <span class="count"><span class="visually-hidden">(</span>'
            f'{_escape(str(thousands(item["count"])))}<span class="visually-hidden"> trials)</span></span>\n'
            "        </label>\n        "
            for item in values
        )
    )


def choice_label(instance, field_name: str):
    """instance.get_<field_name>_display(), as Django answers it (the value's label, else the
    value), without building a dict of the field's choices at every call (~20 a trial page, two
    a list's card)."""
    value = getattr(instance, field_name)
    return force_str(_choice_labels(type(instance), field_name).get(make_hashable(value), value), strings_only=True)


@cache
def _choice_labels(model, field_name: str) -> dict:
    return dict(make_hashable(model._meta.get_field(field_name).flatchoices))


@register.simple_tag
def trial_card(trial, compare_form: str = ""):
    """A trial's card in a list, built here rather than by the template engine: a list's 25 cards
    were most of its rendering time (web_bench). Every piece of registry text goes through
    html.escape (what Django's escape does, without its lazy-text wrappers); the markup is the one
    catalog/_trial_row.html documents. Term names come from TrialQuerySet.for_list's arrays."""
    meta = [f'<span class="trial-id">{_escape(trial.primary_id)}</span>']
    if trial.status:
        status = _escape(trial.status.lower())
        meta.append(f'<span class="status status-{status}">{_escape(status_label(trial.status))}</span>')
    if trial.phases:
        meta.append(f"<span>{_escape(trial.phase_display)}</span>")
    stale = trial.stale_reason
    if stale:
        why = f"Status probably out of date: {_escape(stale)}"
        meta.append(f'<span class="stale" title="{why}">Status may be out of date</span>')
    snippet = getattr(trial, "snippet", "")
    conditions = ", ".join(map(_escape, trial.card_conditions)) or "—"
    sources = ", ".join(map(_escape, trial.card_cell_sources)) or "not stated"
    products = ", ".join(_escape(name.lower()) for name in trial.card_product_types)
    enrollment = "—"
    if trial.enrollment is not None:
        kind = trial.enrollment_type and choice_label(trial, "enrollment_type")
        enrollment = _escape(str(trial.enrollment)) + _qualifier(kind)
    start = "—"
    if trial.start:
        start = _escape(trial.start.display) + _qualifier(
            trial.start_date_type and choice_label(trial, "start_date_type")
        )
    updated = _escape(trial.last_updated_on.display) if trial.last_updated_on else "not stated"
    facts = [
        ("Conditions", conditions),
        ("Cell source", sources + (" · " + products if products else "")),
        ("Enrollment", enrollment),
        ("Start", start),
        ("Registry update", updated),
    ]
    if compare_form:  # a tick that belongs to the list's compare form, wherever that stands
        meta.append(
            '<label class="compare-pick"><input type="checkbox" name="id" '
            f'value="{_escape(trial.primary_id)}" form="{_escape(compare_form)}"> Compare</label>'
        )
    meta_html = "\n    ".join(meta)
    snippet_html = f'  <p class="snippet">{highlight(snippet)}</p>\n' if snippet else ""
    facts_html = "".join(f"    <div><dt>{label}</dt><dd>{value}</dd></div>\n" for label, value in facts)
    link = f'<a href="{_escape(trial.get_absolute_url())}">{_escape(trial.title)}</a>'
    return mark_safe(  # noqa: S308 (every piece escaped above)  # nosec B308 B703
        f'<article class="trial-card">\n  <h3 dir="auto">{link}</h3>\n  <p class="meta">\n    {meta_html}\n  </p>\n'
        f'{snippet_html}  <dl class="facts">\n{facts_html}  </dl>\n</article>\n'
    )


def _qualifier(display: str) -> str:
    return f' <span class="qualifier">{_escape(display.lower())}</span>' if display else ""
