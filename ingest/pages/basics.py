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
