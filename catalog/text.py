"""Text the catalog can always render."""

import re

# Control characters no registry text means (a byte of a damaged file, a terminal escape): XML
# cannot carry them (the Atom feed) and they mark search matches inside the catalog. Line breaks
# and tabs stay.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` without control characters."""
    return CONTROL_CHARACTERS.sub("", text) if CONTROL_CHARACTERS.search(text) else text
