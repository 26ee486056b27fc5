"""Regenerative-dermatology classification: which skin condition, which cell source, which product.

Registries record none of this reliably, so it is read from the texts, field by field, from the
most telling to the least: conditions, keywords and titles first; interventions and arms next;
summaries only when nothing else said. Placebo and no-intervention arms are not read for the
product, and a match in a negated phrase ("without stem cells") does not count. Every tag keeps
the words that produced it and the field they came from (`evidence`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ingest.record import TrialRecord

TAXONOMY_FILE = Path(__file__).resolve().parents[2] / "catalog" / "data" / "taxonomy.json"
_COMPARATOR_ARM_TYPES = {"PLACEBO_COMPARATOR", "SHAM_COMPARATOR", "NO_INTERVENTION"}
_NEGATION = re.compile(r"\b(no|not|never|without|free of|excluding|except|non)\b[^.;:]{0,40}$", re.I)
# "conditioned medium of adipose-derived stem cells": the cells there are the medium's origin.
_DERIVED_BEFORE = re.compile(
    r"(conditioned medi(?:um|a)|condition medi(?:um|a)|secretome|exosomes?|vesicles?|lysate|extract)"
    r"\s+(?:of|from|derived from|obtained from)\s+(?:[\w'-]+[\s-]+){0,5}$",
    re.I,
)
_DERIVED_AFTER = re.compile(
    r"^[\s-]*(?:\(\w+\)\s*)?(?:derived[\s-]+|based[\s-]+)?"
    r"(conditioned|condition medi|secretome|exosome|extracellular|vesicle|lysate|extract|constituent|component)",
    re.I,
)


@dataclass(frozen=True)
class Term:
    name: str
    pattern: re.Pattern
    category: str = ""
    icd10: str = ""
    broad: bool = False


@dataclass
class Classification:
    conditions: list[str] = field(default_factory=list)
    cell_sources: list[str] = field(default_factory=list)
    product_types: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    routes: list[str] = field(default_factory=list)
    procedures: list[str] = field(default_factory=list)
    # {"conditions": {"Melasma": [{"field": "brief_summary", "text": "melasma"}, ...]}, ...}
    evidence: dict = field(default_factory=dict)
    unplaced_conditions: list[str] = field(default_factory=list)

    @property
    def in_scope(self) -> bool:
        return bool(self.conditions) and bool(self.cell_sources or self.product_types)


def _compile(entry: dict) -> re.Pattern:
    words = sorted(entry.get("synonyms", []), key=len, reverse=True)
    parts = [r"[\s-]+".join(re.escape(piece) for piece in re.split(r"[\s-]+", word)) for word in words]
    insensitive = "|".join(parts)
    abbreviations = "|".join(re.escape(word) for word in sorted(entry.get("abbreviations", []), key=len, reverse=True))
    alternatives = []
    if insensitive:
        alternatives.append(f"(?i:(?:{insensitive})(?:e?s)?)")  # plurals: "Pigmentary Disorders"
    if abbreviations:
        alternatives.append(f"(?:{abbreviations})")
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(alternatives) + r")(?![A-Za-z0-9])")


@lru_cache(maxsize=4)
def load_vocabulary(path: str = str(TAXONOMY_FILE)) -> dict[str, list[Term]]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {
        kind: [
            Term(
                name=entry["name"],
                pattern=_compile(entry),
                category=entry.get("category", ""),
                icd10=entry.get("icd10", ""),
                broad=bool(entry.get("broad")),
            )
            for entry in entries
        ]
        for kind, entries in data.items()
        if not kind.startswith("_")
    }


def condition_categories() -> dict[str, str]:
    return {term.name: term.category for term in load_vocabulary()["conditions"]}


def _matches(term: Term, text: str, check_context: bool = False) -> list[str]:
    found = []
    for match in term.pattern.finditer(text):
        before = text[max(0, match.start() - 80) : match.start()]
        if _NEGATION.search(before):
            continue
        if check_context:
            after = text[match.end() : match.end() + 40]
            if _DERIVED_AFTER.match(after) or _DERIVED_BEFORE.search(before):
                continue
        found.append(match.group(0))
    return found


def _tag(terms: list[Term], fields: list[tuple[str, str]], check_context: bool = False) -> dict[str, list[dict]]:
    """{term name: [evidence]} for every term found in any of the fields."""
    tags: dict[str, list[dict]] = {}
    for field_name, text in fields:
        if not text:
            continue
        for term in terms:
            for matched in _matches(term, text, check_context):
                tags.setdefault(term.name, []).append({"field": field_name, "text": matched})
    return tags


def _text_fields(record: TrialRecord) -> dict[str, list[tuple[str, str]]]:
    active_arms = [arm for arm in record.arms if arm.type not in _COMPARATOR_ARM_TYPES]
    comparator_names = {
        name for arm in record.arms if arm.type in _COMPARATOR_ARM_TYPES for name in arm.intervention_names
    }
    active_interventions = [
        item
        for item in record.interventions
        if not re.search(r"\b(placebo|saline|sham|vehicle)\b", item.name, re.I)
        and not (item.name in comparator_names and not any(item.name in arm.intervention_names for arm in active_arms))
    ]
    return {
        "primary": [
            ("conditions", "\n".join(record.conditions_raw)),
            ("keywords", "\n".join(record.keywords)),
            ("brief_title", record.brief_title),
            ("official_title", record.official_title),
        ],
        "product": [
            ("brief_title", record.brief_title),
            ("official_title", record.official_title),
            ("interventions", "\n".join(f"{item.name}\n{item.description}" for item in active_interventions)),
            ("arms", "\n".join(f"{arm.label}\n{arm.description}" for arm in active_arms)),
        ],
        "narrative": [
            ("brief_summary", record.brief_summary),
            ("detailed_description", record.detailed_description),
        ],
    }


def _first_found(terms, field_groups, check_context=False) -> dict[str, list[dict]]:
    for fields in field_groups:
        tags = _tag(terms, fields, check_context)
        if tags:
            return tags
    return {}


def classify(record: TrialRecord) -> Classification:
    vocabulary = load_vocabulary()
    fields = _text_fields(record)
    result = Classification()

    conditions = vocabulary["conditions"]
    specific = [term for term in conditions if not term.broad]
    broad = [term for term in conditions if term.broad]
    tags = _tag(specific, fields["primary"])
    if not tags:
        # Nothing specific in the conditions or titles: take the condition the study's own
        # description is about (the most mentioned), e.g. "Pigmentary Disorders" -> melasma.
        narrative = _tag(specific, fields["narrative"] + fields["product"])
        if narrative:
            counts = Counter({name: len(evidence) for name, evidence in narrative.items()})
            top = counts.most_common(1)[0][1]
            tags = {name: evidence for name, evidence in narrative.items() if counts[name] == top}
    if not tags:
        tags = _first_found(broad, [fields["primary"], fields["narrative"]])
    result.conditions = sorted(tags)
    result.evidence["conditions"] = tags

    # Registry condition words no vocabulary term covers: the curators' to-do list.
    result.unplaced_conditions = [
        raw for raw in record.conditions_raw if not any(term.pattern.search(raw) for term in conditions)
    ]

    groups = [fields["product"] + fields["primary"], fields["narrative"]]
    for kind, attribute, check_context in (
        ("cell_sources", "cell_sources", False),
        ("product_types", "product_types", True),
        ("origins", "origins", False),
        ("routes", "routes", False),
        ("procedures", "procedures", False),
    ):
        found = _first_found(vocabulary[kind], groups, check_context)
        setattr(result, attribute, sorted(found))
        result.evidence[kind] = found
    return result
