"""Registry date strings -> PartialDate, keeping the precision the registry gave."""

import calendar
import re
from datetime import date

import jdatetime

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
    match = re.match(_MONTH_WORD + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", value, re.I)
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


def solar_hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """An Iranian (Solar Hijri) calendar date as a Gregorian one (jdatetime's conversion).
    Raises ValueError for a day the calendar does not have."""
    return jdatetime.date(year, month, day).togregorian()


def parse_two_calendar_date(text: str) -> PartialDate | None:
    """IRCT prints a date in both calendars ('2021-06-01, 1400/03/11'), in either order, or in the
    Solar Hijri one alone: the Gregorian date, read or converted."""
    gregorian = re.search(r"\b(1[89]|2[01])\d{2}[-/]\d{1,2}[-/]\d{1,2}\b", text or "")
    if gregorian:
        return parse_partial_date(gregorian[0])
    solar = re.search(r"\b(1[34]\d{2})[-/](\d{1,2})[-/](\d{1,2})\b", text or "")
    # Solar Hijri months 1-6 have 31 days, 7-11 have 30, the last 29 or 30.
    if not solar or not 1 <= int(solar[2]) <= 12 or not 1 <= int(solar[3]) <= (31 if int(solar[2]) <= 6 else 30):
        return parse_partial_date(text)
    try:
        gregorian = solar_hijri_to_gregorian(int(solar[1]), int(solar[2]), int(solar[3]))
    except ValueError:
        return None
    return _safe(gregorian.year, gregorian.month, gregorian.day, DAY)


def day_first_date(text: str) -> PartialDate | None:
    """'24/02/2017' (day first, as CTRI and most registries outside the US print it) -> PartialDate."""
    match = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", text or "")
    return _safe(int(match[3]), int(match[2]), int(match[1]), DAY) if match else None


# Month names of the languages registries print dates in (French, German, Spanish, Portuguese, Italian).
_FOREIGN_MONTHS = {
    **dict.fromkeys(["janvier", "januar", "jänner", "enero", "janeiro", "gennaio"], 1),
    **dict.fromkeys(["février", "fevrier", "februar", "febrero", "fevereiro", "febbraio"], 2),
    **dict.fromkeys(["mars", "märz", "marz", "marzo", "março", "marco"], 3),
    **dict.fromkeys(["avril", "abril", "aprile"], 4),
    **dict.fromkeys(["mai", "mayo", "maio", "maggio"], 5),
    **dict.fromkeys(["juin", "juni", "junio", "junho", "giugno"], 6),
    **dict.fromkeys(["juillet", "juli", "julio", "julho", "luglio"], 7),
    **dict.fromkeys(["août", "aout", "august", "agosto"], 8),
    **dict.fromkeys(["septembre", "september", "septiembre", "setembro", "settembre"], 9),
    **dict.fromkeys(["octobre", "oktober", "octubre", "outubro", "ottobre"], 10),
    **dict.fromkeys(["novembre", "november", "noviembre", "novembro"], 11),
    **dict.fromkeys(["décembre", "decembre", "dezember", "diciembre", "dezembro", "dicembre"], 12),
}
_ENGLISH_MONTHS = {
    name: number
    for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
    )
}
# A month's name or its abbreviation ("Sept"), not another word starting with the same letters ("Marzo").
_ENGLISH_PREFIXES = {name[:length] for name in (*_MONTHS, "sept") for length in range(3, len(name) + 1)}
_ERA_FIRST_YEARS = {"令和": 2019, "平成": 1989}
_FOREIGN_MONTH_WORD = "(" + "|".join(sorted(map(re.escape, _FOREIGN_MONTHS), key=len, reverse=True)) + ")"


# A date's format printed beside it: "(dd/mm/yyyy)", "[mm/dd/yyyy]", "yyyy-mm-dd".
_FORMAT_HINT = re.compile(
    r"[(\[]?\b(?:(?P<first>dd?|mm?)[/.-](?:dd?|mm?)[/.-]yy(?:yy)?|yyyy[/.-]mm[/.-]dd)\b[)\]]?", re.I
)


_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\b")


def month_first_page(text: str, countries: list[str] | tuple[str, ...] = ()) -> bool:
    """Whether a page's numeric dates put the month first: one of them can only be read so
    ("03/15/2022": no month 15) and none only the other way ("15/03/2022"). Its other dates
    ("05/01/2022") are then read in the same order. When no date tells, a page whose trial runs
    in the United States alone writes them as Americans do ("4/1/2023" is April 1st); any other
    page day first, as most of the world does."""
    month_first = day_first = False
    for match in _NUMERIC_DATE.finditer(text):
        first, second = int(match[1]), int(match[3])
        month_first = month_first or second > 12 >= first
        day_first = day_first or first > 12 >= second
    if month_first or day_first:
        return month_first and not day_first
    return bool(countries) and set(countries) == {"United States"}


# A quarter, a half or a season of a year: "Q3", "2nd quarter", "H1", "mid-", "spring".
_PART_OF_A_YEAR = (
    r"(?:Q[1-4]|[1-4]Q|H[12]|(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|half)"
    r"|(?:early|mid|late)[\s-]|spring|summer|autumn|fall|winter)"
)


def parse_page_date(text: str, month_first: bool = False) -> PartialDate | None:
    """A date as any registry page prints it: the forms parse_partial_date reads, then day first
    ('13/01/2011', '13.01.2011'; month first when the page's own dates show it: `month_first`),
    CJK ('2019年3月1日', '2019年3月', UMIN's '2019 Year 03 Month 01 Day'), and French, German,
    Spanish or Portuguese month names ('1er mars 2019', '1. März 2019', '1 de marzo de 2019')."""
    value = (text or "").strip()
    hint = _FORMAT_HINT.search(value)
    if hint:  # "(dd/mm/yyyy) 01/09/2021": the page says its order, so it is not guessed
        value = f"{value[: hint.start()]} {value[hint.end() :]}".strip()
        match = re.fullmatch(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})", value)
        if match and (hint["first"] or "").lower().startswith("m"):  # "yyyy-mm-dd" names no first
            return _safe(int(match[4]), int(match[1]), int(match[3]), DAY)
    found = parse_partial_date(value)
    if found:
        return found
    # A machine's timestamp ("2024-03-15T00:00:00Z", "2024-03-15 09:30:00+01:00"): its day.
    stamp = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?", value)
    if stamp:
        return parse_partial_date(stamp[1])
    if re.match(r"1[34]\d{2}[-/]\d{1,2}[-/]\d{1,2}\b", value):  # "1402/05/12": no Gregorian year, a Solar Hijri one
        return parse_two_calendar_date(value)
    match = re.match(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\b", value)  # "13/01/2011", "13-01-2011"
    if match:
        first, second = int(match[1]), int(match[3])
        if second > 12 >= first or (month_first and second <= 12):  # "3/15/2024": no month 15 (as in the US)
            return _safe(int(match[4]), first, second, DAY)
        return _safe(int(match[4]), second, first, DAY)
    # jRCT's Japanese era dates: "令和6年3月1日" (Reiwa 6 is 2024), "令和元年11月14日" (its first year).
    match = re.match(r"(令和|平成)\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?", value)
    if match:
        year = _ERA_FIRST_YEARS[match[1]] + (0 if match[2] == "元" else int(match[2]) - 1)
        return _safe(year, int(match[3]), int(match[4] or 1), DAY if match[4] else MONTH)
    # UMIN's English pages keep the Japanese order in words: "2022 Year 04 Month 01 Day".
    match = re.match(r"(\d{4})\s*(?:年|Year)\s*(\d{1,2})\s*(?:月|Month)(?:\s*(\d{1,2})\s*(?:日|Day))?", value, re.I)
    if match:
        return _safe(int(match[1]), int(match[2]), int(match[3] or 1), DAY if match[3] else MONTH)
    match = re.match(r"(\d{4})\s*년\s*(\d{1,2})\s*월(?:\s*(\d{1,2})\s*일)?", value)
    if match:
        return _safe(int(match[1]), int(match[2]), int(match[3] or 1), DAY if match[3] else MONTH)
    # "2021.03.12", and the Korean registry's spaced "2023. 3. 12."
    match = re.match(r"(\d{4})\.\s?(\d{1,2})\.\s?(\d{1,2})\b", value)
    if match:
        return _safe(int(match[1]), int(match[2]), int(match[3]), DAY)
    match = re.match(r"(\d{4})[./](\d{1,2})\b(?![./]\d)", value)
    if match:
        return _safe(int(match[1]), int(match[2]), 1, MONTH)
    match = re.match(r"(\d{1,2})[/.](\d{4})\b", value)  # "03/2024": a month
    if match:
        return _safe(int(match[2]), int(match[1]), 1, MONTH)
    # "Mar-2024", "Sept. 2024": the English month's first letters and a year.
    match = re.match(r"([A-Za-z]{3,9})\.?[-\s](\d{4})\b", value)
    if match and match[1].lower() in _ENGLISH_PREFIXES:
        return _safe(int(match[2]), _ENGLISH_MONTHS[match[1][:3].lower()], 1, MONTH)
    # "15-Mar-2024", "15 Mar. 2024", "5th of January 2023": a day, the English month's first letters, a year.
    match = re.match(r"(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[-\s]([A-Za-z]{3,9})\.?,?[-\s](\d{4})\b", value)
    if match and match[2][:3].lower() in _ENGLISH_MONTHS:
        return _safe(int(match[3]), _ENGLISH_MONTHS[match[2][:3].lower()], int(match[1]), DAY)
    lowered = value.lower()
    day = r"(\d{1,2})(?:er|\.|º|°|ª)?\s+(?:de\s+)?"  # "1er", "1.", "1º de"
    match = re.match(day + _FOREIGN_MONTH_WORD + r"\.?\s+(?:de\s+)?(\d{4})\b", lowered)
    if match:
        return _safe(int(match[3]), _FOREIGN_MONTHS[match[2]], int(match[1]), DAY)
    match = re.match(_FOREIGN_MONTH_WORD + r"\.?\s+(?:de\s+)?(\d{4})\b", lowered)
    if match:
        return _safe(int(match[2]), _FOREIGN_MONTHS[match[1]], 1, MONTH)
    # "Q3 2023", "3Q 2023", "2023-Q3", "first quarter of 2024", "Spring 2023": a quarter or a
    # season names its year, not which month of it.
    match = re.match(_PART_OF_A_YEAR + r"\s*(?:of\s+)?(\d{4})\b", value, re.I) or re.match(
        r"(\d{4})\s*[-/ ]\s*(?:Q[1-4]|H[12])\b", value, re.I
    )
    if match:
        return _safe(int(match[1]), 1, 1, YEAR)
    return None
