"""The two text helpers every page reader needs, below the formats package (so the general reader
and the formats can both import them)."""

import re

_ENROLLMENT = re.compile(r"^(\d[\d,]*)\s*(?:estimated\s+|actual\s+)?(participants?|patients?|subjects?)?\b", re.I)


def complete_lines(text: str, keep_sentences: bool = False) -> list[str]:
    """The page's lines without an unfinished last one (a page cut mid-line yields what is
    complete). With keep_sentences, a long cut narrative is kept, marked cut with an ellipsis: its
    last words still say what the study is (a short line may be a value cut short, "12" of "120")."""
    lines = text.splitlines()
    if text and not text.endswith("\n") and lines:
        sentences = re.match(r"^(.*[.!?])\s", lines[-1]) if keep_sentences else None
        if sentences and len(sentences[1]) > 80:
            # The last word may be cut too ("Ea" of "Each"): it goes.
            cut = lines[-1].rstrip().rsplit(None, 1)[0].rstrip(" ,;:")
            lines[-1] = cut if cut.endswith((".", "!", "?")) else cut + "…"
        else:
            lines = lines[:-1]
    return lines


def parse_count(text: str) -> int | None:
    match = _ENROLLMENT.match((text or "").strip())
    if not match:
        return None
    return int(match[1].replace(",", ""))


# "on 10 patients", "recruiting up to 10 patients", "80 patients with melasma were divided",
# "A prospective, 5 patient, non-controlled ... trial": a study's size said in its own narrative.
_PEOPLE = r"(?:patients|participants|subjects|volunteers)"
_NARRATIVE_COUNTS = (
    re.compile(
        rf"\b(?:on|in|of|up to|enrol\w*|recruit\w*|includ\w*)\s+(\d{{1,5}})\s+"
        rf"(?:(?:adult|eligible|healthy|female|male)\s+)?{_PEOPLE}\b",
        re.I,
    ),
    re.compile(
        rf"(?:^|[.;,،]\s*)(?:(?:about|approximately|a total of|overall)\s+)?(\d{{1,5}})\s+{_PEOPLE}\s+"
        r"(?:with|were|will|are|who|treated)\b",
        re.I | re.M,
    ),
    re.compile(r"(?<!per )\b(?:a|an|prospective|pilot|single-arm),?\s+(\d{1,5})[- ]patient\b(?!s)", re.I),
)


def enrollment_in_narrative(*texts: str) -> int | None:
    """The number of people a design narrative says the study takes, when exactly one is said."""
    found = {
        int(match[1]) for text in texts if text for pattern in _NARRATIVE_COUNTS for match in pattern.finditer(text)
    }
    found.discard(0)
    return found.pop() if len(found) == 1 else None
