"""Age strings -> years (float). '18 Years', '6 Months', '18+', 'No limit', 'N/A'."""

import re

_UNIT_YEARS = {"year": 1.0, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25, "hour": 1 / 8766}


def parse_age_years(text: str) -> float | None:
    if not text:
        return None
    match = re.search(r"(\d+(?:\.\d+)?)\s*(year|yr|y\b|month|week|day|hour)?", text.lower())
    if not match:
        return None
    number = float(match[1])
    unit = match[2] or "year"
    unit = {"yr": "year", "y": "year"}.get(unit, unit)
    years = number * _UNIT_YEARS[unit]
    return round(years, 2)


def parse_age_range(text: str) -> tuple[float | None, float | None]:
    """'18 to 65 years old', '21 Years to 35 Years (Adult)', '18+ years old', 'Up to 17 years'."""
    if not text:
        return None, None
    lowered = text.lower()
    match = re.search(r"(\d+(?:\.\d+)?\s*\w*)\s*(?:to|-|–)\s*(\d+(?:\.\d+)?\s*\w*)", lowered)
    if match:
        low, high = match[1], match[2]
        unit = re.search(r"(year|month|week|day)", high)
        if unit and not re.search(r"(year|month|week|day)", low):
            low = f"{low} {unit[1]}"
        return parse_age_years(low), parse_age_years(high)
    match = re.search(r"(\d+(?:\.\d+)?)\s*\+|(?:older than|over|at least|from)\s*(\d+)", lowered)
    if match:
        return parse_age_years(match[1] or match[2]), None
    match = re.search(r"(?:under|up to|younger than|below)\s*(\d+(?:\.\d+)?\s*\w*)", lowered)
    if match:
        return None, parse_age_years(match[1])
    return None, None
