"""The vocabularies the classifier uses: the database's, as curators keep them.

Built once and rebuilt when a term changes (checked at most every two seconds, one query), so a
synonym added in the admin is used by the next ingest or reclassify without a restart.
"""

import time

from django.db.models import Count, Max

from catalog.models import CellSource, Condition, ProductType, TagTerm
from ingest.normalize.taxonomy import vocabulary_from_data

_CHECK_EVERY = 2.0
_cache: dict = {"signature": None, "vocabulary": None, "checked": 0.0}


def _signature():
    return tuple(
        tuple(model.objects.aggregate(count=Count("pk"), changed=Max("updated_at")).values())
        for model in (Condition, CellSource, ProductType, TagTerm)
    )


def _entries(queryset, with_condition_fields=False):
    entries = []
    for term in queryset:
        entry = {"name": term.name, "synonyms": list(term.synonyms), "abbreviations": list(term.abbreviations)}
        if with_condition_fields:
            entry.update(category=term.category, icd10=term.icd10, broad=term.broad)
        entries.append(entry)
    return entries


def current_vocabulary() -> dict:
    now = time.monotonic()
    if _cache["vocabulary"] is not None and now - _cache["checked"] < _CHECK_EVERY:
        return _cache["vocabulary"]
    signature = _signature()
    _cache["checked"] = now
    if signature != _cache["signature"]:
        data = {
            "conditions": _entries(Condition.objects.all(), with_condition_fields=True),
            "cell_sources": _entries(CellSource.objects.all()),
            "product_types": _entries(ProductType.objects.all()),
        }
        for kind, _label in TagTerm.KINDS:
            data[kind] = _entries(TagTerm.objects.filter(kind=kind))
        _cache.update(signature=signature, vocabulary=vocabulary_from_data(data))
    return _cache["vocabulary"]


def forget() -> None:
    """Rebuild on next use (after curators' edits in this process, and between tests)."""
    _cache.update(signature=None, vocabulary=None, checked=0.0)
