"""Registry identifiers: recognise every WHO primary registry's pattern and write it canonically.

Patterns follow ../shared/REGISTRY-REFERENCE.md section 3b. A match must stand alone (no letter
or digit glued to either side, but for a capitalised word after it), so a cut identifier such as
"IRCT20" is never taken.
"""

import re

# (registry code, pattern with named group "id" or whole-match, canonicaliser)
_PATTERNS: list[tuple[str, re.Pattern, callable]] = []


# Text copied from a page whose elements had no space between them glues the next word to an id
# ("NCT05984628Recruiting"): a capitalised word after an id is no part of it. A digit or any other
# letter glued to it still is (a cut or longer number, a sponsor's code, is no registry id).
_AFTER = r"(?![0-9])(?-i:(?![a-z])(?![A-Z](?![a-z])))"


def _register(registry: str, pattern: str, canonical=lambda m: m.group(0).upper()):
    _PATTERNS.append((registry, re.compile(r"(?<![A-Za-z0-9])" + pattern + _AFTER, re.I), canonical))


def _compact(prefix: str):
    return lambda m: prefix + re.sub(r"\W", "", m.group("n"))


_register("NCT", r"NCT\W{0,2}(?P<n>\d{4} ?\d{4})", _compact("NCT"))  # "NCT 0...", "NCT: 0...", "NCT 0123 4567"
_register("ISRCTN", r"ISRCTN\W{0,2}(?P<n>\d{8})", _compact("ISRCTN"))
_register("ACTRN", r"ACTRN\W?(?P<n>\d{14})P?", _compact("ACTRN"))
_register("CHICTR", r"ChiCTR\W?(?P<n>\d{10})", lambda m: "ChiCTR" + m.group("n"))
_register(
    "CHICTR",
    r"ChiCTR-(?P<t>[A-Za-z]{2,5})-(?P<n>\d{8})",
    lambda m: f"ChiCTR-{m.group('t').upper()}-{m.group('n')}",
)
_register(
    "CTRI",
    r"CTRI\s?[/-]\s?(?P<y>\d{4})\s?[/-]\s?(?P<m>\d{2,3})\s?[/-]\s?(?P<n>\d{6})",
    lambda m: f"CTRI/{m.group('y')}/{m.group('m')}/{m.group('n')}",
)
_register("IRCT", r"IRCT\W?(?P<n>\d{10,16}N\d{1,3})", lambda m: "IRCT" + m.group("n").upper())
_register(
    "JRCT", r"(?:JPRN-)?jRCT(?P<t>[a-z]?)[ -]?(?P<n>\d{9,10})", lambda m: f"jRCT{m.group('t').lower()}{m.group('n')}"
)
_register("UMIN", r"(?:JPRN-)?UMIN\W?(?P<n>\d{9})", _compact("UMIN"))
_register("JAPIC", r"(?:JPRN-)?JapicCTI-?(?P<n>\d{6})", lambda m: "JapicCTI-" + m.group("n"))
_register("JMA", r"(?:JPRN-)?JMA-?IIA(?P<n>\d{5})", lambda m: "JMA-IIA" + m.group("n"))
_register("KCT", r"KCT\W?(?P<n>\d{7})", _compact("KCT"))
_register("DRKS", r"DRKS\W?(?P<n>\d{8})", _compact("DRKS"))
_register("PACTR", r"PACTR\W?(?P<n>\d{15,16})", _compact("PACTR"))
_register("TCTR", r"TCTR\W?(?P<n>\d{11})", _compact("TCTR"))
_register("RBR", r"RBR-(?P<n>[0-9a-z]{6,8})", lambda m: "RBR-" + m.group("n").lower())
_register("NL", r"NL-OMON(?P<n>\d+)", lambda m: "NL-OMON" + m.group("n"))
_register("NL", r"NL(?P<n>\d{2,5})", _compact("NL"))
_register("NTR", r"NTR ?(?P<n>\d{1,5})", _compact("NTR"))
_register("SLCTR", r"SLCTR/(?P<y>\d{4})/(?P<n>\d{3})", lambda m: f"SLCTR/{m.group('y')}/{m.group('n')}")
_register("LBCTR", r"LBCTR\W?(?P<n>\d{10})", _compact("LBCTR"))
_register("PER", r"PER-(?P<a>\d{3})-(?P<b>\d{2})", lambda m: f"PER-{m.group('a')}-{m.group('b')}")
_register("SNCTP", r"SNCTP\W?(?P<n>\d{9})", _compact("SNCTP"))  # the Swiss portal (kofam.ch)
_register("RPCEC", r"RPCEC(?P<n>\d{8})", _compact("RPCEC"))
# The International Traditional Medicine Clinical Trial Registry (an ICTRP primary registry).
_register("ITMCTR", r"ITMCTR\W?(?P<n>\d{10})", _compact("ITMCTR"))
# The Chinese drug regulator's registry (chinadrugtrials.org.cn), where cell therapy INDs register: "CTR20212345".
_register("CTR", r"(?<![A-Za-z])CTR(?P<n>20\d{6})", _compact("CTR"))
_register("CTIS", r"(?:CTIS)?(?P<n>\d{4}-5\d{5}-\d{2}-\d{2})", lambda m: m.group("n"))
# EudraCT: the number without the EU-CTR country suffix (one record per member state).
_register("EUDRACT", r"(?:EUCTR)?(?P<n>(?:19|20)\d{2}-0\d{5}-\d{2})(?:-[A-Z]{2})?", lambda m: m.group("n"))
_register("UTN", r"U1111-(?P<a>\d{4})-(?P<b>\d{4})", lambda m: f"U1111-{m.group('a')}-{m.group('b')}")

_PLACEHOLDERS = {"NCT11111111", "NCT99999999", "NCT12345678", "NCT87654321", "NCT00000000"}


def find_identifiers(text: str) -> list[tuple[str, str]]:
    """Every registry identifier in `text`, in order of appearance, canonical and deduplicated."""
    seen = set()
    result = []
    for _start, registry, value in identifier_positions(text):
        if (registry, value) not in seen:
            seen.add((registry, value))
            result.append((registry, value))
    return result


# Characters an id is printed with that mean ASCII ones, one for one (so offsets stay the text's):
# full-width letters and digits (Japanese and Chinese pages: "ＮＣＴ０１２３４５６７") and the dashes
# a word processor puts in ("2019‑001234‑56" with non-breaking hyphens).
_AS_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {
    code: ord("-") for code in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212, 0xFE63)
}


def identifier_positions(text: str) -> list[tuple[int, str, str]]:
    """(offset, registry, canonical id) of every registry identifier in `text`, in order."""
    found: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    text = (text or "").translate(_AS_ASCII)
    for registry, pattern, canonical in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            value = canonical(match)
            if value in _PLACEHOLDERS:
                continue
            taken.append((start, end))
            found.append((start, registry, value))
    return sorted(found)


def parse_identifier(text: str) -> tuple[str, str] | None:
    """The identifier that `text` is (allowing surrounding space), or None."""
    found = find_identifiers(text)
    if len(found) == 1:
        registry, value = found[0]
        if len(re.sub(r"\W", "", text)) <= len(re.sub(r"\W", "", value)) + 8:  # "EUCTR" + "-DE"
            return registry, value
    return None


def parse_typed_identifier(text: str) -> tuple[str, str] | None:
    """An id as a person types it: 'NCT 0930 0001' too (spaces inside are no part of an id)."""
    return parse_identifier(text) or parse_identifier(re.sub(r"\s+", "", text or ""))
