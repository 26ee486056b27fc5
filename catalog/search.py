"""A reader's search, understood before it is run.

- Registry ids in any printed form ("NCT 0123 4567", "EUCTR2015-000168-32-DE", "EudraCT
  2015-000168-32", "CTRI-2019-01-012345"), several at once: the trials holding them, nothing else.
- Words the curators' vocabulary knows ("eczema", "DFU", "secretome", "hair loss") stand for their
  term: the words typed or the term's name are searched, so a trial classified as atopic
  dermatitis is found by "eczema" though its record never says the word (its vector holds its
  terms' names; a broad term's synonyms are searched too). The vocabulary is read from the
  database, so a synonym a curator adds works at once.
- The rest is PostgreSQL full text over titles, conditions, interventions, summaries, sponsors,
  sites and investigators (ingest/writing.py builds the vector). A query in websearch syntax
  (quotes, OR, -word) is taken as written.
- A query that finds nothing gets the closest spelling the catalog knows (pg_trgm similarity
  against the vocabulary's and the sponsors' words) for each word no trial holds: `did_you_mean`.
"""

import re
from dataclasses import dataclass, field
from time import monotonic

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connections, router

from catalog.text import compact_identifier

# A registry's prefix, then digits with the separators people paste ("NCT 0123 4567", "CTRI/2019/01/012345").
_PREFIXED_ID = re.compile(
    r"(?<![A-Za-z0-9])(NCT|ISRCTN|ACTRN|ChiCTR|CTRI|IRCT|jRCT[a-z]?|UMIN|KCT|DRKS|PACTR|TCTR|SLCTR|LBCTR|SNCTP|RPCEC|ITMCTR"
    r"|JapicCTI|JMA-?IIA|NTR|NL-OMON)[\s:#/-]*(\d[\d\s/-]{3,24}\d(?:N\d{1,3})?)(?![A-Za-z0-9])",
    re.I,
)
# EudraCT with or without EUCTR and its member state's suffix; an EU CT (CTIS) number.
_EU_ID = re.compile(
    r"(?<![A-Za-z0-9])(?:EUCTR|EudraCT(?:\s+(?:number|no\.?))?[\s:#]*|EU\s?CT(?:\s+(?:number|no\.?))?[\s:#]*)?"
    r"((?:19|20)\d{2}-\d{6}-\d{2}(?:-\d{2})?)(?:-[A-Z]{2})?(?![A-Za-z0-9])",
    re.I,
)
_RBR_ID = re.compile(r"(?<![A-Za-z0-9])RBR-?([0-9a-z]{6,8})(?![A-Za-z0-9])", re.I)
# What may stand between pasted ids: separators and the words people type around them.
_BETWEEN_IDS = re.compile(r"^[\s,;|/&+]*((and|or|eudract|euctr|number|no\.?|trials?|ids?)[\s,;|/&+:]*)*$", re.I)
# websearch syntax: a reader who writes it means it as written.
_OPERATORS = re.compile(r'"|\bOR\b|(^|\s)-\w')
_WORD = re.compile(r"[^\W_][\w'’-]*")


@dataclass
class PastedId:
    """One id the reader typed, as the stored compact forms it may have."""

    compacts: tuple[str, ...]
    prefixes: tuple[str, ...] = ()  # stored forms that extend it ("EUCTR2015-000168-32-DE")


def pasted_ids(query: str) -> tuple[list[PastedId], str]:
    """The registry ids in a query, and what is left of it once they are taken out."""
    found: list[PastedId] = []
    spans: list[tuple[int, int]] = []
    for match in _EU_ID.finditer(query):
        digits = compact_identifier(match[1])
        found.append(PastedId((digits, "EUCTR" + digits), ("EUCTR" + digits,)))
        spans.append(match.span())
    for pattern, prefix_of in ((_PREFIXED_ID, lambda m: m[1]), (_RBR_ID, lambda m: "RBR")):
        for match in pattern.finditer(query):
            if any(start < match.end() and match.start() < end for start, end in spans):
                continue
            prefix = compact_identifier(prefix_of(match)).replace("JPRN", "")
            found.append(PastedId((prefix + compact_identifier(match[2] if pattern is _PREFIXED_ID else match[1]),)))
            spans.append(match.span())
    rest, last = [], 0
    for start, end in sorted(spans):
        rest.append(query[last:start])
        last = end
    rest.append(query[last:])
    return found, " ".join(" ".join(rest).split())


def only_ids(query: str) -> list[PastedId]:
    """The ids of a query that is nothing but ids (and the words people paste with them)."""
    ids, rest = pasted_ids(query)
    return ids if ids and _BETWEEN_IDS.match(rest) else []


@dataclass
class VocabularyName:
    names: tuple[str, ...]  # what a classified trial's vector holds: its name (a broad term's synonyms too)
    pattern: re.Pattern  # where the query names it


@dataclass
class Understood:
    ids: list[PastedId] = field(default_factory=list)
    terms: list[tuple[str, VocabularyName]] = field(default_factory=list)  # (words typed, term)
    words: str = ""  # the rest, for full text


_VOCABULARY_SQL = " UNION ALL ".join(
    f"SELECT name, synonyms, abbreviations, {broad} FROM {table}"  # noqa: S608  # nosec B608  # constants
    for table, broad in (
        ("catalog_condition", "broad"),
        ("catalog_cellsource", "false"),
        ("catalog_producttype", "false"),
    )
)
MAX_BROAD_ALTERNATIVES = 8


_STAMP_SQL = " UNION ALL ".join(
    f"SELECT count(*), max(updated_at) FROM {table}"  # noqa: S608  # nosec B608  # constant names
    for table in ("catalog_condition", "catalog_cellsource", "catalog_producttype", "catalog_tagterm")
)
# alias -> (when read, stamp): this process's latest reading, trusted as the catalog's version is.
_stamps: dict[str, tuple[float, tuple]] = {}


def vocabulary_stamp(alias: str) -> tuple:
    """What changes whenever a term of the vocabularies (the three taxonomies and the curators'
    tag terms) is added, edited or deleted, so a process may keep what it derived from them (the
    search's names, the filters' terms and choices) until it changes. Read at most once per
    CATALOG_VERSION_MEMO_SECONDS, as the catalog's version is (catalog/changes.py): an edit in
    this process is seen at once, another process's within it."""
    held = _stamps.get(alias)
    now = monotonic()
    if held and now - held[0] < settings.CATALOG_VERSION_MEMO_SECONDS:
        return held[1]
    with connections[alias].cursor() as cursor:
        cursor.execute(_STAMP_SQL)
        stamp = tuple(cursor.fetchall())
    _stamps[alias] = (now, stamp)
    return stamp


def forget_vocabulary_stamps() -> None:
    _stamps.clear()


# (alias, what) -> (the vocabulary's stamp, what was derived from it).
_derived: dict[tuple[str, str], tuple[tuple, object]] = {}


def per_vocabulary(alias: str, what: str, derive):
    """What `derive()` gives, derived again only when the vocabularies' stamp changes: the search's
    compiled names, the filters' terms by slug and the curators' tag terms (a few milliseconds of
    work or a query a request, against the stamp's one cheap statement). Shared by the requests of
    a process, which only read it."""
    stamp = vocabulary_stamp(alias)
    held = _derived.get((alias, what))
    if held is None or held[0] != stamp:
        held = _derived[(alias, what)] = (stamp, derive())
    return held[1]


def _vocabulary(using: str | None) -> list[VocabularyName]:
    """Every term's names (the vocabulary is a few hundred rows), as of the database's latest edit."""
    from catalog.models import Condition  # noqa: PLC0415  # models import this module

    alias = using or router.db_for_read(Condition)
    return per_vocabulary(alias, "the search's names", lambda: _compiled_names(alias))


def _compiled_names(alias: str) -> list[VocabularyName]:
    with connections[alias].cursor() as cursor:
        cursor.execute(_VOCABULARY_SQL)
        rows = cursor.fetchall()
    terms = []
    for name, synonyms, abbreviations, broad in rows:
        spelled = tuple(dict.fromkeys(word for word in (name, *synonyms) if word))
        alternatives = "|".join(re.escape(word.lower()) for word in sorted(spelled, key=len, reverse=True))
        # A synonym in any case; an abbreviation in its own case, or alone in the query ("dfu").
        patterns = [rf"(?i:(?<!\w)(?:{alternatives})(?:s|es)?(?!\w))"] if alternatives else []
        patterns += [rf"(?<!\w){re.escape(word)}(?!\w)" for word in abbreviations if word]
        patterns += [rf"(?i:^\s*{re.escape(word)}\s*$)" for word in abbreviations if len(word) >= 2]
        if patterns:
            # A broad term ("Hair loss") tags only trials no narrower term fits: its synonyms
            # ("alopecia") find the narrower ones ("Androgenetic alopecia") too.
            searched = spelled[:MAX_BROAD_ALTERNATIVES] if broad else (name,)
            terms.append(VocabularyName(searched, re.compile("|".join(patterns))))
    return terms


class SearchText(str):
    """A validated search as the reader typed it, understood once (the list, each facet's
    selection and the snippets all search it)."""

    understood: Understood


def understood(query: str, using: str | None = None) -> Understood:
    """A validated search's understanding (computed when the form validated it), else now."""
    return getattr(query, "understood", None) or understand(websearch_text(query), using)


def understood_search(text: str, using: str | None = None) -> SearchText:
    searched = SearchText(text)
    searched.understood = understand(websearch_text(text), using)
    return searched


# A reader's search, bounded before PostgreSQL parses it: a run of operators ("- - - -", "OR OR")
# nests the parsed query until its stack overflows (a 500), and no real question has more terms.
MAX_SEARCH_TERMS = 32


def websearch_text(query: str) -> str:
    text = re.sub(r"(?:-\s*){2,}", "-", query or "")
    text = re.sub(r"\b(?:or\s+){2,}", "OR ", text, flags=re.I)
    return " ".join(text.split()[:MAX_SEARCH_TERMS])


def understand(query: str, using: str | None = None) -> Understood:
    ids = only_ids(query)
    if ids:
        return Understood(ids=ids)
    if _OPERATORS.search(query):
        return Understood(words=query)
    rest, terms = query, []
    # Longest names first: "diabetic foot ulcer" before "ulcer".
    matches = []
    for term in _vocabulary(using):
        for match in term.pattern.finditer(query):
            matches.append((match.start(), match.end(), term))
    taken: list[tuple[int, int]] = []
    for start, end, term in sorted(matches, key=lambda item: item[0] - item[1]):
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        terms.append((query[start:end], term))
    for start, end in sorted(taken, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    return Understood(terms=terms, words=" ".join(rest.split()))


def full_text_query(understood: Understood) -> SearchQuery | None:
    """The tsquery: every named term and the other words, all required. A term is its words as
    typed or its name: a classified trial's vector holds its terms' names (ingest/writing.py), so
    the name finds every trial tagged with the term however its registry worded it; the other
    synonyms would add nothing but cost (each one more match to test on every row), but for a
    broad term, whose trials are tagged with narrower ones."""
    parts = []
    for typed, term in understood.terms:
        alternatives = None
        for name in dict.fromkeys((typed, *term.names)):
            words = SearchQuery(name, search_type="plain", config="english")
            alternatives = words if alternatives is None else alternatives | words
        parts.append(alternatives)
    if _WORD.search(understood.words):
        parts.append(SearchQuery(understood.words, search_type="websearch", config="english"))
    query = None
    for part in parts:
        query = part if query is None else query & part
    return query


_WORDS_OF = "SELECT regexp_split_to_table({text}, '[^[:alnum:]]+') FROM {table}"
_TERM_TEXT = "name || ' ' || array_to_string(synonyms, ' ')"
_SUGGESTION_SQL = f"""
WITH known (word) AS (
    SELECT DISTINCT lower(word) FROM (
        {_WORDS_OF.format(text=_TERM_TEXT, table="catalog_condition")}
        UNION ALL {_WORDS_OF.format(text=_TERM_TEXT, table="catalog_cellsource")}
        UNION ALL {_WORDS_OF.format(text=_TERM_TEXT, table="catalog_producttype")}
        UNION ALL {_WORDS_OF.format(text="name", table="catalog_organization")}
    ) AS words (word)
    WHERE length(word) >= 4
)
SELECT typed, (
    SELECT word FROM known
    WHERE word %% typed
    ORDER BY similarity(word, typed) DESC, word LIMIT 1
), EXISTS (SELECT 1 FROM known WHERE word = typed)
   OR EXISTS (SELECT 1 FROM catalog_trial WHERE in_scope AND search_vector @@ plainto_tsquery('english', typed))
FROM unnest(%s::text[]) AS typed
"""  # noqa: S608  # nosec B608  # constant table names; the typed words are a bound parameter


def did_you_mean(query: str, using: str = "default") -> str:
    """The query with each word of four letters or more that no listed trial holds replaced by the
    closest word of the vocabulary or of a sponsor's name (trigram similarity), or "" when
    nothing changes. Asked only of a search that found nothing."""
    words = [word for word in _WORD.findall(query) if len(word) >= 4 and not word.isdigit()]
    if not words or _OPERATORS.search(query) or pasted_ids(query)[0]:
        return ""
    with connections[using].cursor() as cursor:
        cursor.execute(_SUGGESTION_SQL, [[word.lower() for word in words]])
        closest = {typed: word for typed, word, known in cursor.fetchall() if word and not known}
    if not closest:
        return ""
    return _WORD.sub(lambda match: closest.get(match[0].lower(), match[0]), query)
