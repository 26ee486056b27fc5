"""The site's frame (templates/base.html: head, header, navigation, footer) around a page whose
body another engine rendered (the trial page's article and the trial list's body, in Jinja2:
catalog/jinja.py).

The frame is the same on every such page but for its slots (the page's title, its body, and any
other the frame template names) and for whether the reader is a curator (the header's way into
the admin): so Django's engine renders it once per template, kind of reader and script prefix,
and each page fills its slots. Rendering the frame anew cost a trial page 0.25 ms of its 2.8
(bench/RESULTS.md). A template that comes to read more of the request than
`request.user.is_staff` must not be framed here: tests/catalog/test_trial_article.py compares
framed pages (the article's frame and the list's) with pages Django rendered whole.
"""

import re

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import escape
from django.utils.safestring import mark_safe

_SLOT = re.compile("\x00slot ([a-z_]+)\x00")  # stands for a slot while the frame is rendered
# (template, curator, script prefix) -> the frame's text split at its slots: text, slot, text...
_FRAMES: dict[tuple[str, bool, str], list[str]] = {}


def framed_page(request, template: str, title: str, body: str, **html: str) -> HttpResponse:
    """The page `template` (which extends base.html and writes `page_title`, `body` and the other
    slots named in `html`) would render, with `title` escaped and `body` and the other slots
    (already escaped HTML) as they are."""
    key = (template, bool(request.user.is_staff), get_script_prefix())
    frame = _FRAMES.get(key)
    if frame is None:
        names = ["page_title", "body", *html]
        markers = {name: mark_safe(f"\x00slot {name}\x00") for name in names}  # noqa: S308  # nosec B308 B703
        frame = _SLOT.split(render_to_string(template, markers, request))
        if not settings.DEBUG:  # in development an edited base.html shows at once
            _FRAMES[key] = frame
    values = {"page_title": escape(title), "body": body, **html}
    # split() with a group alternates the frame's text and the slots' names.
    return HttpResponse("".join(values[piece] if index % 2 else piece for index, piece in enumerate(frame)))
