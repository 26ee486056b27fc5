"""Registry date strings -> PartialDate, keeping the precision the registry gave."""

import calendar
import re
from datetime import date

from ingest.record import DAY, MONTH, YEAR, PartialDate

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_WORD = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)


def _safe(year: int, month: int, day: int, precision: str) -> PartialDate | None:
    if not 1800 <= year <= 2200:
        return None
    try:
        return PartialDate(date(year, month, day), precision)
    except ValueError:
        return None


def parse_partial_date(text: str) -> PartialDate | None:
    """'2025-06-30', '2025-06', 'July 26, 2019', 'July 2019', '26 Jul 2019', '2019' -> PartialDate.

    Only the first Gregorian date is read: IRCT prints '2021-06-01, 1400/03/11' (the second is
    the Solar Hijri calendar). Returns None for anything else; never fills a missing day with today.
    """
    if not text:
        return None
    value = text.strip().strip("*").strip()
    match = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})\b", value)
    if match:
        return _safe(int(match[1]), int(match[2]), int(match[3]), DAY)
    match = re.match(r"(\d{4})/(\d{1,2})/(\d{1,2})\b", value)
    if match and int(match[1]) >= 1800:
        return _safe(int(match[1]), int(match[2]), int(match[3]), DAY)
    match = re.match(r"(\d{4})-(\d{1,2})\b(?!-)", value)
    if match:
        return _safe(int(match[1]), int(match[2]), 1, MONTH)
    match = re.match(_MONTH_WORD + r"\s+(\d{1,2}),?\s+(\d{4})\b", value, re.I)
    if match:
        return _safe(int(match[3]), _MONTHS[match[1].lower().rstrip(".")[:3]], int(match[2]), DAY)
    match = re.match(r"(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_WORD + r",?\s+(\d{4})\b", value, re.I)
    if match:
        return _safe(int(match[3]), _MONTHS[match[2].lower().rstrip(".")[:3]], int(match[1]), DAY)
    match = re.match(_MONTH_WORD + r",?\s+(\d{4})\b", value, re.I)
    if match:
        return _safe(int(match[2]), _MONTHS[match[1].lower().rstrip(".")[:3]], 1, MONTH)
    match = re.fullmatch(r"(\d{4})", value)
    if match:
        return _safe(int(match[1]), 1, 1, YEAR)
    return None
