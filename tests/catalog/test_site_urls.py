"""The catalog's addresses reversed once (catalog/site_urls.py) are what reverse gives, under
whatever script prefix the request came with."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, get_script_prefix, reverse, set_script_prefix

from catalog.site_urls import site_url


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("catalog:trial_list", ()),
        ("catalog:overview", ()),
        ("catalog:trial_feed", ()),
        ("catalog:condition_page", ("atopic-dermatitis",)),
        ("catalog:trial_detail", ("NCT01234567",)),
        ("catalog:trial_detail", ("ünïcode 東京/x",)),
    ],
)
def test_a_site_url_is_what_reverse_gives_under_each_prefix(name, args):
    previous = get_script_prefix()
    try:
        for prefix in ["/", "/catalog/", "/cat%20alog/", "/catalog/", "/"]:  # and back: nothing stale
            set_script_prefix(prefix)
            assert site_url(name, *args) == reverse(name, args=args), (prefix, name, args)
    finally:
        set_script_prefix(previous)


def test_an_unknown_address_raises_as_reverse_does():
    with pytest.raises(NoReverseMatch):
        site_url("catalog:no_such_page")


def test_the_template_tag_writes_it_escaped_as_url_does():
    template = Template(
        "{% load catalog_tags %}{% site_url 'catalog:trial_detail' id %}|{% url 'catalog:trial_detail' id %}"
    )
    ours, djangos = template.render(Context({"id": "A&B<1>"})).split("|")
    assert ours == djangos and "&amp;" in ours
