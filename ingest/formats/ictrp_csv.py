"""WHO ICTRP export as CSV: the columns of the XML export's <Trial> ("TrialID", "public_title",
"Scientific_title", "Recruitment_status", "Countries", "Conditions"...), one row per trial from any
primary registry. A row is read as the XML export's trial (ictrp_xml.trial_record), its columns
given the XML tags' names where the two exports name a field differently.

The file is split row by row, each row with the header (_csv.py).
"""

from ingest.formats import _csv
from ingest.formats.ictrp_xml import plain_text, trial_record
from ingest.record import TrialRecord

FORMAT = "ictrp-csv"
SOURCE_KIND = "aggregator"

# The CSV's column (as _csv.column_key gives it) -> the XML export's tag, where they differ.
_AS_XML = {
    "secondaryids": "secondary id",
    "secondary ids": "secondary id",
    "secondary sponsors": "secondary sponsor",
    "conditions": "condition",
    "interventions": "intervention",
    "age min": "inclusion agemin",
    "age max": "inclusion agemax",
    "gender": "inclusion gender",
    "secondary outcomes": "secondary outcome",
    "public contact firstname": "contact firstname",
    "public contact lastname": "contact lastname",
    "public contact email": "contact email",
    "(no column name)": "last refreshed on",  # the full export's unnamed last-update column
}
_ITS_COLUMNS = {"public title", "scientific title", "recruitment status", "countries", "conditions", "condition"}
_EXPORT = _csv.Export("a WHO ICTRP CSV export", id_column="trialid", known_columns=_ITS_COLUMNS, least=2)
detect, split = _EXPORT.detect, _EXPORT.split


def parse(text: str) -> list[TrialRecord]:
    records = []
    for _, row in _EXPORT.rows(text):
        cells = {_AS_XML.get(key, key): value for key, value in row.items()}
        records.append(trial_record(lambda tag, cells=cells: plain_text(cells.get(_csv.column_key(tag), ""))))
    return records
