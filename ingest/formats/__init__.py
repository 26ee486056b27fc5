"""Registry formats. Each module has FORMAT (its name), detect(text) and parse(text).

To add a format: write ingest/formats/<name>.py with those three, add it to FORMATS below
(more specific formats first), and add tests under tests/ingest/.
"""

from ingest.formats import ctgov_classic, ctgov_mirror, irct, veeva

FORMATS = [irct, veeva, ctgov_classic, ctgov_mirror]
FORMATS_BY_NAME = {module.FORMAT: module for module in FORMATS}
