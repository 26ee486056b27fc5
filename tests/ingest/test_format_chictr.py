"""ChiCTR trial pages (our own fixture, in the registry's bilingual layout)."""

from pathlib import Path

import pytest

from ingest.detect import detect_format
from ingest.errors import MissingIdentifierError
from ingest.formats import chictr
from ingest.normalize.taxonomy import classify
from ingest.record import Identifier

PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "chictr_vitiligo.txt"


def test_the_english_values_of_a_bilingual_page():
    text = PAGE.read_text()
    assert detect_format(text) == "chictr-page"
    record = chictr.parse(text)[0]
    assert record.identifiers == (Identifier("CHICTR", "ChiCTR2699000011"),)
    assert record.brief_title == "Autologous epidermal cell suspension for stable vitiligo"
    assert record.official_title.startswith("A randomized controlled study of autologous")
    # No Chinese text is taken for an English field, and the cut last line is dropped.
    assert record.acronym == "" and record.conditions_raw == ()
    classification = classify(record)
    assert classification.conditions == ["Vitiligo"] and "Autologous" in classification.origins


def test_a_registration_number_cut_in_half_is_refused():
    text = PAGE.read_text().replace("ChiCTR2699000011 \n", "ChiCTR2699\n")
    with pytest.raises(MissingIdentifierError, match="no complete ChiCTR registration number") as refused:
        chictr.parse(text)
    record = refused.value.record
    assert record.identifiers == () and record.brief_title == "Autologous epidermal cell suspension for stable vitiligo"


def test_a_chictr_page_saved_as_html_with_both_languages_in_each_cell():
    """Each label cell holds the Chinese and the English label, each value cell both values; the
    saved page's text closes each cell with a "|" of its own or after its last line."""
    from ingest.html_text import html_to_text

    page = (
        "<html><body><table>"
        "<tr><td><p>注册号：</p><p>Registration number:</p></td><td>ChiCTR2500012345</td></tr>"
        "<tr><td><p>注册题目：</p><p>Public title:</p></td>"
        "<td><p>脂肪干细胞治疗痤疮瘢痕</p><p>Adipose stem cells for acne scars</p></td></tr>"
        "<tr><td><p>研究疾病：</p><p>Target disease:</p></td><td><p>痤疮瘢痕</p><p>Acne scars</p></td></tr>"
        "<tr><td><p>征募研究对象情况：</p><p>Recruiting status:</p></td><td><p>正在进行</p><p>Recruiting</p></td></tr>"
        "</table></body></html>"
    )
    record = chictr.parse(html_to_text(page))[0]
    assert record.identifiers[0].value == "ChiCTR2500012345"
    assert (record.brief_title, record.conditions_raw) == ("Adipose stem cells for acne scars", ("Acne scars",))
    assert record.status == "RECRUITING"
