"""Country names as registries print them -> one display name per country, or "" for a word that
names no country (a page's "Locations" may hold a hospital, a city or a sentence).

ISO 3166 names and their translations come from pycountry (French, German, Spanish, Portuguese,
Chinese, Japanese, Korean pages print them in their own language); the aliases below are the
catalog's display choices and the short forms registries use.
"""

import gettext
import re
from functools import lru_cache

import pycountry

from ingest.normalize import enums

_ALIASES = {
    "iran islamic republic of": "Iran",
    "iran": "Iran",
    "korea republic of": "South Korea",
    "republic of korea": "South Korea",
    "korea south": "South Korea",
    "south korea": "South Korea",
    "korea": "South Korea",
    "한국": "South Korea",
    "대한민국": "South Korea",
    "大韓民国": "South Korea",  # its Japanese name
    "韓国": "South Korea",
    "中华人民共和国": "China",
    "korea democratic people s republic of": "North Korea",
    "viet nam": "Vietnam",
    "russian federation": "Russia",
    "russie": "Russia",  # its short name in French, German, Spanish and Portuguese (ISO gives the long one)
    "russland": "Russia",
    "rusia": "Russia",
    "rússia": "Russia",
    "台灣": "Taiwan",  # in traditional characters
    # in Persian (the Iranian registry's pages in Persian name Iran and its neighbours so)
    "ایران": "Iran",
    "جمهوری اسلامی ایران": "Iran",
    "افغانستان": "Afghanistan",
    "عراق": "Iraq",
    "ترکیه": "Turkey",
    "taiwan province of china": "Taiwan",
    "taiwan": "Taiwan",
    "venezuela bolivarian republic of": "Venezuela",
    "bolivia plurinational state of": "Bolivia",
    "syrian arab republic": "Syria",
    "lao people s democratic republic": "Laos",
    "moldova republic of": "Moldova",
    "tanzania united republic of": "Tanzania",
    "united states of america": "United States",
    "usa": "United States",
    "u s a": "United States",
    "us": "United States",
    "u s": "United States",
    "uk": "United Kingdom",
    "u k": "United Kingdom",
    "great britain": "United Kingdom",
    "uae": "United Arab Emirates",
    "u a e": "United Arab Emirates",
    "ksa": "Saudi Arabia",
    "northern ireland": "United Kingdom",
    "england": "United Kingdom",
    "scotland": "United Kingdom",
    "wales": "United Kingdom",
    "people s republic of china": "China",
    "pr china": "China",
    "p r china": "China",
    "hong kong": "Hong Kong",
    "hong kong sar": "Hong Kong",
    "prc": "China",
    "palestine": "Palestine",
    "palestine state of": "Palestine",
    "turkey": "Turkey",
    "turkiye": "Turkey",
    "türkiye": "Turkey",
    "czechia": "Czech Republic",
    "holland": "Netherlands",
    "the netherlands": "Netherlands",
    "chinese taipei": "Taiwan",
    "mainland china": "China",
}
_LANGUAGES = ("de", "fr", "es", "pt", "pt_BR", "it", "nl", "pl", "zh_CN", "zh_TW", "ja", "ko")


def _key(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).replace("_", " ").strip()


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Every ISO 3166 name, official name, common name and translation -> the display name."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        display = getattr(country, "common_name", None) or country.name
        display = _ALIASES.get(_key(display), display)
        english = [country.name, getattr(country, "official_name", ""), getattr(country, "common_name", "")]
        for name in filter(None, english):
            names.setdefault(_key(name), display)
        names.setdefault(country.alpha_3.lower(), display)
        for language in _LANGUAGES:
            try:
                translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
            except OSError:
                continue
            for name in filter(None, english):
                translated = translation.gettext(name)
                if translated != name:
                    names.setdefault(_key(translated), display)
    names.update({key: value for key, value in _ALIASES.items()})
    return names


@lru_cache(maxsize=4096)
def normalize_country(name: str) -> str:
    cleaned = (name or "").strip().strip(",.;:()").strip()
    if not cleaned or len(cleaned) > 80:
        return ""
    key = _key(cleaned)
    names = _names()
    # A two- or three-letter code only where the page wrote it as one ("USA"), never a word ("in").
    if key in names and (len(key) > 3 or not key.isascii() or key in _ALIASES or cleaned.isupper()):
        return names[key]
    # "Bolivia, Plurinational State of" -> its first part, when that part is a country.
    head = _key(cleaned.split(",")[0]) if "," in cleaned else ""
    if head in names and len(head) > 3:
        return names[head]
    return ""


_PLACE_IN_ITS_COUNTRY = re.compile(r"([^,;()]*)\(([^()]{2,40})\)")


def _bracketed_country(place: re.Match) -> str:
    """'Madrid (Spain)' or 'Deutschland (Bochum)': the country, in the brackets or before them."""
    return normalize_country(place[2]) or normalize_country(place[1]) or place[0]


# A trial's sites counted ("4 locations", "three centres"): the words the general reader's prose
# reading uses too (ingest/formats/generic_page.py).
SITE_NOUNS = r"locations?|sites?|centers?|centres?|hospitals?|clinics?"
COUNT_WORDS = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten"
# "2 locations in Italy", "3 sites across France", a finder's "Locations: 3 in China": the sites
# counted, then their country.
# ... or not counted: "Sites in Germany, Austria and Switzerland", "in France and Belgium".
_SITES_IN = re.compile(
    # ("approximately 8 centres in Germany and Poland")
    r"^\s*(?:(?:approximately|about|around|up\s+to|some|over|at\s+least)\s+)?"
    rf"(?:(?:{COUNT_WORDS})\s+(?:(?:{SITE_NOUNS})\s+)?|(?:{SITE_NOUNS})\s+)?(?:in|across)\s+(?:the\s+)?",
    re.I,
)
# "Germany (15)", "France (2 sites)": a country with the number of its sites.
_SITE_COUNT = re.compile(rf"\s*\(\d+(?:\s+(?:{SITE_NOUNS}))?\)", re.I)


_JOINED = re.compile(r"\s+and\s+|\s*&\s*")
# "Dallas, TX and 2 other locations", "Lyon, France (+2 more)": a finder's count of the places it
# does not list, no place of its own.
_MORE_PLACES = re.compile(
    rf"\s*(?:,|\band\b|\+|\(\s*\+?)\s*(?:{COUNT_WORDS})\s+(?:other|more)"
    rf"(?:\s+(?:{SITE_NOUNS}|countries|places))?\s*\)?\s*$",
    re.I,
)
# "DE Germany", "CH Switzerland": a registry's country code printed before the country's name.
_CODE_BEFORE_ITS_NAME = re.compile(r"^\s*([A-Z]{2})\s+(\S.*)$")


def _name_after_its_code(match: re.Match) -> str:
    code = pycountry.countries.get(alpha_2=match[1])
    named = normalize_country(match[2])
    return match[2] if code and named and named == normalize_country(code.name) else match[0]


# A site's own recruitment status after its place: "Rochester, Minnesota: Recruiting", "Lyon (Not yet
# recruiting)", "Toronto, Canada - Completed" (any status the vocabulary knows).
_AFTER_THE_PLACE = re.compile(r"(?::|\s[-–—]|\()\s*([^:()–—-]{2,40}?)\)?\s*$")


def _without_site_status(part: str) -> str:
    tail = _AFTER_THE_PLACE.search(part)
    return part[: tail.start()] if tail and enums.status(tail[1]) else part


def countries_in(text: str) -> list[str]:
    """The countries a line names by itself or as its last part ('Mayo Clinic, Rochester,
    Minnesota, United States' -> ['United States']; 'United Kingdom; France' -> both)."""
    found: list[str] = []
    if re.fullmatch(r"(?:[A-Z]{2}\s+)+[A-Z]{2}", (text or "").strip()):
        # "DE AT GB FR IT": a list of two-letter codes (the EU register's member states). A single
        # code is never read: "Phoenix, AZ" is in Arizona, not Azerbaijan.
        codes = [pycountry.countries.get(alpha_2=code) for code in text.split()]
        return list(dict.fromkeys(normalize_country(code.name) for code in codes if code))
    for part in re.split(r"[;|]|\s{2,}", text or ""):
        part = _SITE_COUNT.sub("", _SITES_IN.sub("", _MORE_PLACES.sub("", _without_site_status(part))))
        halves = part.split("/")
        first = normalize_country(halves[0]) if len(halves) == 2 else ""
        if first and first == normalize_country(halves[1]):
            part = halves[1]  # "日本/Japan": a bilingual registry's one country, in two languages
        part = _CODE_BEFORE_ITS_NAME.sub(_name_after_its_code, part)
        # "Madrid (Spain), Lyon (France)": a place with its country in brackets is that country;
        # "Deutschland (Bochum), Italien (Modena)": a country with its city in brackets too.
        part = _PLACE_IN_ITS_COUNTRY.sub(_bracketed_country, part)
        listed = [normalize_country(piece) for piece in part.split(",")] if "," in part else []
        if len(listed) >= 2 and all(listed):  # "Germany, France, Spain": every piece a country
            found.extend(country for country in listed if country not in found)
            continue
        # "Brazil and Argentina", "Germany, France & Spain", "Miami, Florida and Toronto, Canada":
        # places joined by "and", each naming its country ("Trinidad and Tobago" is one country).
        joined = [countries_in(place) for place in _JOINED.split(part)] if _JOINED.search(part) else []
        if len(joined) >= 2 and all(joined):
            found.extend(country for countries in joined for country in countries if country not in found)
            continue
        # "Jakarta Pusat, Jakarta, Indonesia, 10430": the country before a postal code.
        pieces = [piece for piece in part.split(",") if not re.fullmatch(r"\s*[\w -]{0,10}\d[\w -]{0,10}\s*", piece)]
        country = normalize_country(part) or (normalize_country(pieces[-1]) if pieces else "")
        if not country and len(pieces) >= 2:  # "Seoul, Korea, Republic of": the country in two pieces
            country = normalize_country(",".join(pieces[-2:]))
        if not country and "," in part and _a_us_state(part.split(",")[-1]):
            country = "United States"
        if not country:
            country = _country_of_its_province(part)
        if not country and "," in part and _UK_POSTCODE_ENDS.search(part.split(",")[-1].strip()):
            country = "United Kingdom"  # "Royal London Hospital, London, E1 1FR", "..., Birmingham B15 2TH"
        if country and country not in found:
            found.append(country)
    return found


# A United States site printed without its country ("Rochester, Minnesota", "Irvine, CA 92697"):
# the state names it (pycountry's states and the District of Columbia; its outlying areas are
# countries of their own here). Georgia is left to the country of that name.
@lru_cache(maxsize=1)
def _us_states() -> tuple[frozenset, frozenset]:
    """(the states' names as keys, their postal codes)."""
    states = [
        state
        for state in pycountry.subdivisions.get(country_code="US")
        if state.type in ("State", "District") and state.name != "Georgia"
    ]
    return frozenset(_key(state.name) for state in states), frozenset(state.code.split("-")[1] for state in states)


# The Associated Press's abbreviations, which US hospitals and news print ("Rochester, Minn.").
_AP_STATES = frozenset(
    "Ala Ariz Ark Calif Colo Conn Del Fla Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nebr Nev "  # noqa: SIM905
    "N.H N.J N.M N.Y N.C N.D Okla Ore Pa R.I S.C S.D Tenn Vt Va Wash W.Va Wis Wyo".split()
)


def _a_us_state(piece: str) -> bool:
    """'Minnesota', ' CA 92697', ' Minn.': a state's name, its postal code in capitals, or its AP
    abbreviation with its full stop."""
    names, codes = _us_states()
    words = piece.strip().rstrip(".")
    code = re.fullmatch(r"([A-Z]{2})(?:\s+\d{5}(?:-\d{4})?)?", words)
    if code and code[1] in codes:
        return True
    state = re.sub(r"\s+\d{5}(-\d{4})?$", "", words)  # the ZIP code gone
    return (piece.strip().endswith(".") and state in _AP_STATES) or _key(state) in names


# A British postcode, its outward and inward parts ("E1 1FR", "SW1A 2AA", "M6 8HD"): no other
# country writes its codes so.
_UK_POSTCODE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}")
_UK_POSTCODE_ENDS = re.compile(rf"(?:^|(?<=[^\W\d_]\s)){_UK_POSTCODE.pattern}$")  # alone, or after its town


# A Canadian or Australian site printed without its country ("Toronto, Ontario", "Toronto, ON M5G
# 2C4", "Melbourne, Victoria", "Sydney NSW 2000"): its province or state names it, as a US state
# does. Australia's "WA" and "NT" are also a US state's and a Canadian territory's codes: read only
# with the four digits of an Australian postcode.
_AUSTRALIAN_POSTCODE_ONLY = {"WA", "NT"}


@lru_cache(maxsize=1)
def _provinces() -> tuple[dict, dict]:
    """({province or state name as a key: country}, {code: country}) for Canada and Australia."""
    names, codes = {}, {}
    for alpha_2, country in (("CA", "Canada"), ("AU", "Australia")):
        for province in pycountry.subdivisions.get(country_code=alpha_2):
            names[_key(province.name)] = country
            code = province.code.split("-")[1]
            if not (alpha_2 == "AU" and code in _AUSTRALIAN_POSTCODE_ONLY):
                codes[code] = country
    return names, codes


_PROVINCE_CODE_AT_END = re.compile(
    r"(?:^|[\s,])(?P<code>[A-Z]{2,3})(?:\s+(?P<postcode>\d{4}|[A-Z]\d[A-Z]\s?\d[A-Z]\d))?\s*$"
)


def _country_of_its_province(part: str) -> str:
    names, codes = _provinces()
    if "," in part:
        last = re.sub(r"\s+(?:\d{4}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)$", "", part.split(",")[-1].strip())
        if _key(last) in names and _key(last) not in _us_states()[0]:
            return names[_key(last)]
    match = _PROVINCE_CODE_AT_END.search(part)
    if not match or ("," not in part and not match["postcode"]):
        return ""  # a bare code alone on its line, or after a city without a postcode, says too little
    code, postcode = match["code"], match["postcode"] or ""
    if postcode.isdigit() and (codes.get(code) == "Australia" or code in _AUSTRALIAN_POSTCODE_ONLY):
        return "Australia"  # "Darwin NT 0800": an Australian postcode
    return codes.get(code, "")
