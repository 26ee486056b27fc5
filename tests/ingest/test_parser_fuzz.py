"""Every parser, fed random and mutated documents, either reads them or raises the ingest's own
error (IngestError, with its message): never another exception, so a bad document is always
quarantined with a clear reason rather than crashing a batch."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.detect import detect_format, parser_for
from ingest.errors import IngestError
from ingest.formats import FORMATS
from ingest.record import check_bounds
from ingest.text import decode_document

PROJECT = Path(__file__).resolve().parents[2]
DOCUMENTS = [
    *sorted((PROJECT / "sample_data" / "seeds").glob("*.txt")),
    *sorted((PROJECT / "tests" / "fixtures" / "structured").glob("*")),
]
TEXTS = [path.read_text(encoding="utf-8") for path in DOCUMENTS]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read(module, text: str) -> None:
    try:
        for record in module.parse(text):
            check_bounds(record)
    except IngestError as error:
        assert str(error), "an IngestError must say what is wrong"


@st.composite
def mutated(draw):
    """A real document cut, spliced, with lines dropped, repeated or shuffled, or bytes changed."""
    text = draw(st.sampled_from(TEXTS))
    lines = text.splitlines(keepends=True)
    operation = draw(st.sampled_from(["cut", "drop", "repeat", "swap", "insert", "splice"]))
    if operation == "cut":
        return text[: draw(st.integers(0, len(text)))]
    if operation == "drop" and lines:
        start = draw(st.integers(0, len(lines) - 1))
        return "".join(lines[:start] + lines[start + draw(st.integers(1, 20)) :])
    if operation == "repeat" and lines:
        index = draw(st.integers(0, len(lines) - 1))
        return "".join(lines[: index + 1] + [lines[index]] * draw(st.integers(1, 5)) + lines[index + 1 :])
    if operation == "swap" and len(lines) > 1:
        first, second = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
        lines[first], lines[second] = lines[second], lines[first]
        return "".join(lines)
    if operation == "insert":
        position = draw(st.integers(0, len(text)))
        return text[:position] + draw(st.text(max_size=200)) + text[position:]
    other = draw(st.sampled_from(TEXTS))
    return text[: draw(st.integers(0, len(text)))] + other[draw(st.integers(0, len(other))) :]


@pytest.mark.parametrize("module", FORMATS, ids=lambda module: module.FORMAT)
@given(text=st.text(max_size=3000))
@FUZZ
def test_random_text_never_crashes_a_parser(module, text):
    read(module, text)


@pytest.mark.parametrize("module", FORMATS, ids=lambda module: module.FORMAT)
@given(text=mutated())
@FUZZ
def test_mutated_documents_never_crash_a_parser(module, text):
    read(module, text)


@given(raw=st.one_of(st.binary(max_size=3000), mutated().map(lambda text: text.encode("utf-8", "surrogatepass"))))
@FUZZ
def test_the_whole_reading_path_raises_only_ingest_errors(raw):
    try:
        text = decode_document(raw)
        read(parser_for(detect_format(text)), text)
    except IngestError as error:
        assert str(error)
