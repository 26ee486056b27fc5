"""Seed the vocabularies from catalog/data/taxonomy.json without undoing curators' work.

Missing terms are created; existing ones get the file's missing synonyms and abbreviations, and
blank fields filled. Nothing a curator added or changed is removed or overwritten.
"""

import json
from pathlib import Path

from catalog.text import free_slug

TAXONOMY_FILE = Path(__file__).resolve().parent / "data" / "taxonomy.json"
TAG_KINDS = ("origins", "routes", "procedures")


def seed_vocabulary(condition_model, cell_source_model, product_type_model, tag_term_model, path=TAXONOMY_FILE):
    """Returns {"created": n, "updated": n}. Models are passed in so migrations can use theirs."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    counts = {"created": 0, "updated": 0}
    for entry in data["conditions"]:
        extra = {
            "category": entry.get("category", "other"),
            "icd10": entry.get("icd10", ""),
            "broad": entry.get("broad", False),
        }
        _seed(condition_model, {"name": entry["name"]}, entry, extra, counts, slug=True)
    for entry in data["cell_sources"]:
        _seed(cell_source_model, {"name": entry["name"]}, entry, {}, counts, slug=True)
    for entry in data["product_types"]:
        _seed(product_type_model, {"name": entry["name"]}, entry, {}, counts, slug=True)
    for kind in TAG_KINDS:
        for entry in data[kind]:
            _seed(tag_term_model, {"kind": kind, "name": entry["name"]}, entry, {}, counts)
    return counts


def _seed(model, lookup, entry, extra, counts, slug=False):
    synonyms = list(entry.get("synonyms", []))
    abbreviations = list(entry.get("abbreviations", []))
    term = model.objects.filter(**lookup).first()
    if term is None:
        values = {**lookup, **extra, "synonyms": synonyms, "abbreviations": abbreviations}
        if slug:
            values["slug"] = free_slug(model, entry["name"])
        model.objects.create(**values)
        counts["created"] += 1
        return
    changed = False
    for field, wanted in (("synonyms", synonyms), ("abbreviations", abbreviations)):
        current = list(getattr(term, field))
        missing = [word for word in wanted if word not in current]
        if missing:
            setattr(term, field, current + missing)
            changed = True
    for field, value in extra.items():
        if value and not getattr(term, field):
            setattr(term, field, value)
            changed = True
    if changed:
        term.save()
        counts["updated"] += 1
