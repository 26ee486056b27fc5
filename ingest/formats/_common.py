"""Small helpers the page parsers share."""

import re

from ingest.normalize.identifiers import parse_identifier
from ingest.record import PRIMARY, SECONDARY, SPONSOR, Identifier

_ENROLLMENT = re.compile(r"^(\d[\d,]*)\s*(?:estimated\s+|actual\s+)?(participants?|patients?|subjects?)?\b", re.I)


def split_sections(lines: list[str], headers: set[str]) -> tuple[list[str], dict[str, list[str]]]:
    """Lines before the first header, and {header: lines} (a repeated header's lines are joined)."""
    preamble: list[str] = []
    sections: dict[str, list[str]] = {}
    current: list[str] = preamble
    for line in lines:
        if line in headers:
            current = sections.setdefault(line, [])
        else:
            current.append(line)
    return preamble, sections


def complete_lines(text: str, keep_sentences: bool = False) -> list[str]:
    """The page's lines without an unfinished last one (a page cut mid-line yields what is
    complete). With keep_sentences, a long cut narrative keeps its complete sentences."""
    lines = text.splitlines()
    if text and not text.endswith("\n") and lines:
        sentences = re.match(r"^(.*[.!?])\s", lines[-1]) if keep_sentences else None
        lines = [*lines[:-1], sentences[1]] if sentences and len(sentences[1]) > 80 else lines[:-1]
    return lines


def parse_count(text: str) -> int | None:
    match = _ENROLLMENT.match((text or "").strip())
    if not match:
        return None
    return int(match[1].replace(",", ""))


def split_list(text: str) -> tuple[str, ...]:
    """'A;B' or lines -> ('A', 'B'), stripped, empties dropped, order kept, duplicates dropped."""
    items = []
    for part in re.split(r"[;\n]", text or ""):
        part = part.strip(" ,")
        if part and part not in items:
            items.append(part)
    return tuple(items)


def identifiers_from(primary: tuple[str, str] | None, other_ids: list[str]) -> tuple[Identifier, ...]:
    """The primary registry id, then the other ids: registry ids as secondary, the rest as the sponsor's."""
    result: list[Identifier] = []
    if primary:
        result.append(Identifier(primary[0], primary[1], PRIMARY))
    for raw in other_ids:
        raw = raw.strip()
        if not raw or raw.lower() in {"empty", "nil", "none", "n/a", "-"}:
            continue
        parsed = parse_identifier(raw)
        if parsed:
            if primary and parsed == primary:
                continue
            if not primary and not result:
                result.append(Identifier(parsed[0], parsed[1], PRIMARY))
            else:
                result.append(Identifier(parsed[0], parsed[1], SECONDARY))
        else:
            result.append(Identifier("ORG", raw, SPONSOR))
    seen = set()
    unique = []
    for identifier in result:
        if (identifier.registry, identifier.value) not in seen:
            seen.add((identifier.registry, identifier.value))
            unique.append(identifier)
    return tuple(unique)


def is_age(text: str) -> bool:
    return bool(re.fullmatch(r"\d+(\.\d+)?\s*(years?|months?|weeks?|days?)", text.strip(), re.I))


def paragraph(lines: list[str]) -> str:
    return "\n".join(line for line in lines if line).strip()
