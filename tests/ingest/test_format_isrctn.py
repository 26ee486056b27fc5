"""ISRCTN trial pages (our own fixture, in the registry's layout)."""

from pathlib import Path

import pytest

from ingest.detect import detect_format
from ingest.errors import IngestError
from ingest.formats import isrctn
from ingest.normalize.taxonomy import classify
from ingest.record import Identifier

PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "isrctn_vitiligo.txt"


def test_an_isrctn_page():
    text = PAGE.read_text()
    assert detect_format(text) == "isrctn-page"
    record = isrctn.parse(text)[0]
    assert record.identifiers == (
        Identifier("ISRCTN", "ISRCTN99000011"),
        Identifier("ORG", "KER-2024-02", "sponsor"),
    )
    # The overall study status is the trial's; "no longer recruiting" only speaks of recruitment.
    assert (record.status, record.status_raw) == ("COMPLETED", "Completed")
    assert record.official_title == "A pilot study of sprayed autologous keratinocytes for stable vitiligo"
    assert record.enrollment == 24
    assert record.inclusion_criteria == ""  # cut mid-word: dropped
    assert "sprayed onto stable vitiligo patches" in record.brief_summary
    classification = classify(record)
    assert classification.conditions == ["Vitiligo"] and classification.cell_sources == ["Keratinocytes"]


def test_a_number_cut_in_half_is_refused():
    text = PAGE.read_text().replace("ISRCTN ISRCTN99000011", "ISRCTN ISRCTN990", 1)
    # The number in the first line is what marks an ISRCTN page: without it, the page is not one.
    with pytest.raises(IngestError, match="not an ISRCTN trial page"):
        isrctn.parse(text)


def test_a_narrative_cut_mid_sentence_is_kept_marked_cut():
    text = PAGE.read_text().rsplit("\n", 2)[0] + (
        "\nPlain English summary of protocol\nPatients donate a small skin biopsy that is grown into keratinocyte"
        " sheets in the laboratory over three weeks. The sheets are then applied to the patches. Ea"
    )
    summary = isrctn.parse(text)[0].brief_summary
    # The cut word goes; what stands is complete sentences.
    assert summary.endswith("The sheets are then applied to the patches.")
    # Cut inside a sentence, its last words still tell what the study does, and an ellipsis says so.
    summary = isrctn.parse(text.replace("patches. Ea", "patches of autologous melanocytes every wee"))[0].brief_summary
    assert summary.endswith("The sheets are then applied to the patches of autologous melanocytes every…")
