"""The trial page's article is written by Jinja2 (catalog/jinja.py): as Django's engine wrote it,
with Django's escaping, filters and time zone."""

import datetime

import pytest
from django.test import override_settings
from django.utils.html import escape

from catalog import models
from catalog.models import (
    Arm,
    Condition,
    Correction,
    Outcome,
    Reference,
    SourceDocument,
    Trial,
    TrialChange,
    TrialIdentifier,
    TrialOrganization,
)
from catalog.templatetags.catalog_tags import choice_label
from ingest.curation import correct
from ingest.loader import ingest_record
from ingest.record import Identifier, Intervention, TrialRecord

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ['Can\'t "heal" <b>&</b>', "plain", "", "é → ü", None, 12, 2.5, "&#39; &#34;"])
def test_a_value_is_written_as_djangos_escape_writes_it(text):
    from django.template import engines
    from django.utils.safestring import mark_safe

    template = engines["jinja2"].from_string('<p title="{{ value }}">{{ value }}|{{ safe }}</p>')
    page = template.render({"value": text, "safe": mark_safe("<i>it's</i>")})
    assert page == f'<p title="{escape(text)}">{escape(text)}|<i>it\'s</i></p>'


def test_registry_text_on_the_page_carries_djangos_entities(client):
    ingest_record(
        TrialRecord(
            source_format="test",
            identifiers=(Identifier("NCT", "NCT01111113"),),
            brief_title='Keratinocytes for vitiligo: the patient\'s "own" cells <b>& more</b>',
            brief_summary="First paragraph.\n\nSecond <i>one</i>.",
            inclusion_criteria="Age 18-65\nStable vitiligo",
            interventions=(Intervention(type="BIOLOGICAL", name="Melanocyte-keratinocyte <suspension>"),),
            conditions_raw=("Vitiligo", "Leukoderma's kin"),
        ),
        "hostile.json",
    )
    html = client.get("/trials/NCT01111113/").content.decode()
    assert (
        '<h1 dir="auto">Keratinocytes for vitiligo: the patient&#x27;s &quot;own&quot; cells &lt;b&gt;&amp; more&lt;/b&gt;</h1>'
        in html
    )
    assert (
        '<div class="prose" dir="auto"><p>First paragraph.</p>\n\n<p>Second &lt;i&gt;one&lt;/i&gt;.</p></div>' in html
    )
    assert '<div class="prose" dir="auto">Age 18-65<br>Stable vitiligo</div>' in html
    assert "<strong>Melanocyte-keratinocyte &lt;suspension&gt;</strong>" in html
    assert "<dd>Vitiligo; Leukoderma&#x27;s kin" in html
    assert "<b>" not in html and "<i>" not in html


def test_a_trial_whose_record_gave_no_title_is_named_by_its_id_once(client, vocabularies):
    record = TrialRecord(
        source_format="test",
        identifiers=(Identifier("CTRI", "CTRI/2025/03/012345"),),
        conditions_raw=("Vitiligo",),
        interventions=(Intervention(type="PROCEDURE", name="Autologous melanocyte-keratinocyte suspension"),),
    )
    ingest_record(record, "untitled.txt")
    html = client.get("/trials/CTRI/2025/03/012345/").content.decode()
    assert "<title>CTRI/2025/03/012345 · RegenDerm Trials</title>" in html
    titled = TrialRecord(
        source_format="test", identifiers=(Identifier("NCT", "NCT01111114"),), brief_title="Cells for vitiligo"
    )
    ingest_record(titled, "titled.txt")
    page = client.get("/trials/NCT01111114/").content.decode()
    assert "<title>Cells for vitiligo (NCT01111114) · RegenDerm Trials</title>" in page


def test_a_corrected_value_is_marked_and_the_rest_not(client, seeded):
    trial = Trial.objects.filter(draft=False).first()
    assert 'class="corrected"' not in client.get(trial.get_absolute_url()).content.decode()
    correct(trial, "enrollment", 42, None, reason="counted <twice>")
    html = client.get(trial.get_absolute_url()).content.decode()
    assert html.count('<a class="corrected" href="#corrections"') == 1
    enrollment = html.split("<dt>Enrollment</dt>", 1)[1].split("</dd>", 1)[0]
    assert (
        '<a class="corrected" href="#corrections" title="Corrected by a curator: see what the registry says">'
        in enrollment
    )
    assert "Why: counted &lt;twice&gt;" in html
    assert Correction.objects.filter(trial=trial).count() == 1


@override_settings(TIME_ZONE="Pacific/Auckland")
def test_dates_are_written_in_the_sites_time_zone(client, seeded):
    document = SourceDocument.objects.filter(trial__draft=False).first()
    SourceDocument.objects.filter(pk=document.pk).update(
        ingested_at=datetime.datetime(2026, 3, 31, 20, 0, tzinfo=datetime.UTC)  # 1 April in Auckland
    )
    html = client.get(document.trial.get_absolute_url()).content.decode()
    assert "ingested 1 April 2026" in html


def test_evidence_words_equal_but_for_case_come_in_one_order(client, seeded):
    trial = Trial.objects.filter(draft=False).first()
    condition = trial.conditions.first()
    matches = [{"field": "brief_title", "text": text} for text in ("laser", "Laser", "LASER", "acne")]
    Trial.objects.filter(pk=trial.pk).update(classification_evidence={"conditions": {condition.name: matches}})
    html = client.get(trial.get_absolute_url()).content.decode()
    assert f"<td>Condition: {condition.name}</td><td>acne, LASER, Laser, laser</td><td>brief title</td>" in html


@pytest.mark.parametrize(
    "model",
    [
        Trial,
        Arm,
        models.Intervention,
        Outcome,
        Reference,
        TrialChange,
        TrialIdentifier,
        TrialOrganization,
        SourceDocument,
        Condition,
    ],
)
def test_a_choice_label_is_what_get_display_answers(model):
    fields = [field for field in model._meta.concrete_fields if field.choices and not field.is_relation]
    assert fields, model
    for field in fields:
        for value in [*(choice for choice, _ in field.flatchoices), "NOT_A_CHOICE", "", None]:
            instance = model(**{field.attname: value})
            display = getattr(instance, f"get_{field.name}_display")()
            assert choice_label(instance, field.name) == display, (model.__name__, field.name, value)
            assert type(choice_label(instance, field.name)) is type(display)


@pytest.mark.parametrize("staff", [False, True])
@pytest.mark.parametrize(
    ("template", "slots"),
    [
        ("catalog/trial_detail.html", {}),  # the trial page's
        ("catalog/trial_list.html", {"feed_link": '<link rel="alternate" href="/trials/feed/?q=a&amp;status=b">'}),
    ],
)
def test_the_frame_filled_in_is_the_page_djangos_engine_renders_whole(rf, django_user_model, staff, template, slots):
    from django.contrib.auth.models import AnonymousUser
    from django.shortcuts import render
    from django.urls import set_script_prefix
    from django.utils.safestring import mark_safe

    from catalog.page_frame import framed_page

    request = rf.get("/trials/NCT09100300/")
    request.user = django_user_model(username="curator", is_staff=True) if staff else AnonymousUser()
    body = '<article><h1>Stem cells &amp; "burns"</h1></article>'
    for prefix, title in [("/", "Cells for <burns> & 'scars' (NCT09100300)"), ("/catalog/", "Another title")]:
        set_script_prefix(prefix)
        try:
            framed = framed_page(request, template, title, body, **slots)
            # The slots as the frame is given them: HTML already escaped.
            filled = {name: mark_safe(html) for name, html in {"body": body, **slots}.items()}  # noqa: S308  # nosec B308 B703
            whole = render(request, template, {"page_title": title, **filled})
        finally:
            set_script_prefix("/")
        assert framed.content.decode() == whole.content.decode()
        assert framed["Content-Type"] == whole["Content-Type"]
        assert ("Curators</a>" in framed.content.decode()) == staff
        assert f'href="{prefix}trials/"' in framed.content.decode()
        assert all(html in framed.content.decode() for html in slots.values())


def test_in_development_the_frame_is_rendered_anew_for_each_page(rf, settings):
    from django.contrib.auth.models import AnonymousUser

    from catalog import page_frame

    settings.DEBUG = True
    page_frame._FRAMES.clear()
    request = rf.get("/trials/NCT09100300/")
    request.user = AnonymousUser()
    page = page_frame.framed_page(request, "catalog/trial_detail.html", "A title", "<p>body</p>")
    assert "<title>A title · RegenDerm Trials</title>" in page.content.decode()
    assert page_frame._FRAMES == {}  # an edited base.html shows on the next page


def test_a_title_and_text_in_a_right_to_left_script_read_in_their_own_direction(client):
    """A Persian or Arabic record's title and summary run right to left (the browser decides from the
    text: dir="auto"), an English one's left to right."""
    ingest_record(
        TrialRecord(
            source_format="test",
            identifiers=(Identifier("IRCT", "IRCT20190512043611N8"),),
            brief_title="سلولهای بنیادی بند ناف در درمان پسوریازیس",
            brief_summary="تزریق وریدی سلولهای بنیادی مزانشیمی.",
        ),
        "persian.txt",
    )
    html = client.get("/trials/IRCT20190512043611N8/").content.decode()
    assert '<h1 dir="auto">سلولهای بنیادی بند ناف در درمان پسوریازیس</h1>' in html
    assert '<div class="prose" dir="auto"><p>تزریق وریدی سلولهای بنیادی مزانشیمی.</p></div>' in html
    listing = client.get("/trials/").content.decode()
    assert '<h3 dir="auto"><a href="/trials/IRCT20190512043611N8/">سلولهای بنیادی بند ناف' in listing
