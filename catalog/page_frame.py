"""The site's frame (templates/base.html: head, header, navigation, footer) around a page whose
body another engine rendered (the trial page's article, in Jinja2: catalog/jinja.py).

The frame is the same on every such page but for the page's title and body, and for whether the
reader is a curator (the header's way into the admin): so Django's engine renders it once per
template, kind of reader and script prefix, and each page fills its two slots. Rendering the
frame anew cost a trial page 0.25 ms of its 2.8 (bench/RESULTS.md). A template that comes to read
more of the request than `request.user.is_staff` must not be framed here:
tests/catalog/test_trial_article.py compares framed pages with pages Django rendered whole.
"""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import escape
from django.utils.safestring import mark_safe

_TITLE = "\x00page title\x00"  # stand for the slots while the frame is rendered
_BODY = "\x00page body\x00"
_FRAMES: dict[tuple[str, bool, str], tuple[str, str, str]] = {}


def framed_page(request, template: str, title: str, body: str) -> HttpResponse:
    """The page `template` (which extends base.html and writes `page_title` and `body`) would
    render, with `title` escaped and `body` (already escaped HTML) as they are."""
    key = (template, bool(request.user.is_staff), get_script_prefix())
    frame = _FRAMES.get(key)
    if frame is None:
        whole = render_to_string(template, {"page_title": _TITLE, "body": mark_safe(_BODY)}, request)  # noqa: S308  # nosec B308 B703
        head, rest = whole.split(_TITLE)
        middle, tail = rest.split(_BODY)
        frame = (head, middle, tail)
        if not settings.DEBUG:  # in development an edited base.html shows at once
            _FRAMES[key] = frame
    head, middle, tail = frame
    return HttpResponse(f"{head}{escape(title)}{middle}{body}{tail}")
