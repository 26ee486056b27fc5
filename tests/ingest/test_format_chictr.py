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
