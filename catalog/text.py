"""Text the catalog can always render."""

import itertools
import re

from django.utils.text import slugify

# Control characters no registry text means (a byte of a damaged file, a terminal escape): XML
# cannot carry them (the Atom feed) and they mark search matches inside the catalog. Line breaks
# and tabs stay.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` without control characters."""
    return CONTROL_CHARACTERS.sub("", text) if CONTROL_CHARACTERS.search(text) else text


def free_slug(model, name: str) -> str:
    """An address for a new vocabulary term of `model`, made from its name: never empty (a name in
    Chinese or of punctuation has no Latin letters: "term") and never another term's ("acne-scar-2").
    The model is passed in, so a migration's historical model can use it too."""
    base = slugify(name)[:190] or "term"
    taken = set(model.objects.filter(slug__regex=rf"^{re.escape(base)}(-[0-9]+)?$").values_list("slug", flat=True))
    candidates = itertools.chain([base], (f"{base}-{number}" for number in itertools.count(2)))
    return next(slug for slug in candidates if slug not in taken)


def compact_identifier(value: str) -> str:
    """'NCT 0691-1281' and 'nct06911281' -> 'NCT06911281': ids typed with or without punctuation."""
    return re.sub(r"[^A-Z0-9]", "", (value or "").upper())
