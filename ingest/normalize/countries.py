"""Country names as registries print them -> one display name per country."""

import re
from functools import lru_cache

_ALIASES = {
    "iran islamic republic of": "Iran",
    "iran": "Iran",
    "korea republic of": "South Korea",
    "republic of korea": "South Korea",
    "korea south": "South Korea",
    "south korea": "South Korea",
    "viet nam": "Vietnam",
    "russian federation": "Russia",
    "taiwan province of china": "Taiwan",
    "venezuela bolivarian republic of": "Venezuela",
    "united states of america": "United States",
    "usa": "United States",
    "us": "United States",
    "uk": "United Kingdom",
    "great britain": "United Kingdom",
    "people s republic of china": "China",
    "pr china": "China",
    "turkiye": "Turkey",
    "türkiye": "Turkey",
    "czechia": "Czech Republic",
}


@lru_cache(maxsize=4096)
def normalize_country(name: str) -> str:
    cleaned = (name or "").strip().strip(",.;")
    if not cleaned:
        return ""
    key = re.sub(r"[^a-zà-ÿ]+", " ", cleaned.lower()).strip()
    return _ALIASES.get(key, cleaned)
