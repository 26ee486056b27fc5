"""The two text helpers every page reader needs, below the formats package (so the general reader
and the formats can both import them)."""

import re

# "1,200", "1.200" (thousands as Europe separates them; a no-break space too), "40": a count is whole.
_ENROLLMENT = re.compile(
    r"^(\d{1,3}(?:[,.\u00a0\u202f]\d{3})+(?![\d.,])|\d[\d,]*)\s*(?:estimated\s+|actual\s+)?(participants?|patients?|subjects?)?\b",
    re.I,
)


def complete_lines(text: str, keep_sentences: bool = False, whole=None) -> list[str]:
    """The page's lines without an unfinished last one (a page cut mid-line yields what is
    complete). With keep_sentences, a long cut narrative is kept, marked cut with an ellipsis: its
    last words still say what the study is (a short line may be a value cut short, "12" of "120").
    A last line `whole` accepts is kept as it is: most saved pages simply end without a newline,
    and a value no cut could have left (a complete registry id, a list of countries) is the page's."""
    lines = text.splitlines()
    if text and not text.endswith("\n") and lines and not (whole and whole(lines[-1])):
        sentences = re.match(r"^(.*[.!?])\s", lines[-1]) if keep_sentences else None
        if sentences and len(sentences[1]) > 80:
            # The last word may be cut too ("Ea" of "Each"): it goes.
            cut = lines[-1].rstrip().rsplit(None, 1)[0].rstrip(" ,;:")
            lines[-1] = cut if cut.endswith((".", "!", "?")) else cut + "…"
        else:
            lines = lines[:-1]
    return lines


# A site's own words around the page it shows: menus, a cookie banner, "Skip to main content",
# breadcrumbs. No reader takes them for a title.
_SITE_CHROME = re.compile(
    r"^(image|logo|share|print|menu|home|log ?in|sign ?in|sign up|register|subscribe|search|contact us|start over)$"
    r"|^(.*\blogo\b|last updated\b|viewing (study|trial)\b|powered by\b|skip to\b|find a site\b|back to\b"
    r"|breadcrumbs?\b|you are here\b|study record managers\b"  # (ClinicalTrials.gov's note to registrants)
    r"|.*\bcookies?\b|.*\bjavascript\b)"
    r"|^([^>›»]{1,40}\s[>›»]\s){1,6}[^>›»]{1,80}$"  # a breadcrumb: "Home > Trials > Dermatology"
    r"|^(home|start|accueil|startseite|inicio|início)\s*[/|]\s"  # "Home / Trials / ..."
    # a menu's "Search trials"; a site's tagline after its name ("TrialScope — find a study near you")
    r"|^([^—–|]{1,40}\s[—–|]\s)?(find|search|browse)( an?| for)? (clinical )?(trials?|stud(y|ies))( near you)?$"
    # a menu bar whose separators were lost, ending with the account's links: "Example Trials Search
    # trials For sponsors Sign in" (no title ends so)
    r"|^(\S+\s+){1,8}(log ?in|sign ?in|sign ?up|log ?out|sign ?out|my account)$"
    # a page's sharing buttons on one line: "Print this page Share Email"
    r"|^((print|share)( this page)?|e-?mail|download|save|bookmark|facebook|twitter|linkedin)"
    r"([\s|·•/,]+((print|share)( this page)?|e-?mail|download|save|bookmark|facebook|twitter|linkedin))+$",
    re.I,
)


# A menu bar on one line: short items between separators, one of them a menu's own word ("Example
# Trials — Sign up — Log in", "Home | About | Contact").
_MENU_SEPARATOR = re.compile(r"\s+[—–|·•/]\s+|\s{2,}")
_MENU_WORD = re.compile(
    r"^(?:home|log ?in|log ?out|sign ?in|sign ?up|sign ?out|register|subscribe|search|contact(?: us)?|about(?: us)?"
    r"|menu|faq|help|donate|news|blog|my account|account)$",
    re.I,
)


def is_menu_bar(text: str) -> bool:
    """Three short items or more between drawn separators, one a menu's own word: "Find trials |
    Recruiting now | Completed studies | About us" is the site's navigation, its "Recruiting now"
    no trial's status. Between runs of spaces only when the account's link ends it ("Conditions
    A-Z  Treatments  Phases  Log in"): a table's column names may be "Name  Contact  Phone"."""
    if _a_menu(text, least=3, separator=_DRAWN_SEPARATOR):
        return True
    items = _SPACES.split(text.strip())
    return len(items) >= 3 and all(len(item.split()) <= 4 for item in items) and bool(_ACCOUNT_LINK.match(items[-1]))


def is_site_chrome(text: str) -> bool:
    # (a link's arrow drawn in text first: "< Back to results", "← Home")
    return bool(_SITE_CHROME.match(_LINK_ARROW.sub("", text))) or _a_menu(text, least=2)


_LINK_ARROW = re.compile(r"^(?:[<←‹«]|&lt;)+\s*")


_DRAWN_SEPARATOR = re.compile(r"\s+[—–|·•]\s+")
_SPACES = re.compile(r"\s{2,}|\t+")
_ACCOUNT_LINK = re.compile(r"^(?:log ?in|sign ?in|sign ?up|log ?out|sign ?out|my account)$", re.I)


def _a_menu(text: str, least: int, separator: re.Pattern = _MENU_SEPARATOR) -> bool:
    items = separator.split(text.strip())
    return (
        len(items) >= least
        and all(len(item.split()) <= 4 for item in items)
        and any(_MENU_WORD.match(item.strip()) for item in items)
    )


# A document's numbered section heading: "E.1 Medical condition or disease under investigation",
# "3.2 Study Design".
_NUMBERED_HEADING = re.compile(r"^(?:[A-Z]\.\d+(?:\.\d+)*|\d+\.\d+(?:\.\d+)*)\.?\s+[A-Z]")


def could_be_a_title(text: str) -> bool:
    """A line a registry page's reader may take for its title: no site chrome, no menu item (three
    words at least; Chinese and Japanese titles have no spaces to count), no numbered section."""
    words = len(text.split())
    if is_site_chrome(text) or _NUMBERED_HEADING.match(text):
        return False
    return words >= 3 or (not text.isascii() and len(text) >= 8)


def parse_count(text: str) -> int | None:
    match = _ENROLLMENT.match((text or "").strip())
    if not match:
        return None
    return int(re.sub(r"\D", "", match[1]))


# "on 10 patients", "recruiting up to 10 patients", "80 patients with melasma were divided",
# "A prospective, 5 patient, non-controlled ... trial": a study's size said in its own narrative.
_PEOPLE = r"(?:patients|participants|subjects|volunteers)"
# ... never a rate: "Up to 40 patients per year are referred", "300 patients each year"
_NOT_A_RATE = r"(?!\s+(?:(?:per|a|each|every)\s+(?:year|month|week|day)|annually|yearly|monthly|weekly)\b)"
_NARRATIVE_COUNTS = (
    re.compile(
        rf"\b(?:on|in|of|up to|enrol\w*|recruit\w*|includ\w*|treat|looking for|seeking|needs|requires|aiming for)\s+"
        # ("has finished recruiting its 72 participants")
        rf"(?:its\s+)?(?:(?:approximately|about|around|some|up to|a total of)\s+)?(\d{{1,5}})\s+"
        rf"(?:(?:adult|eligible|healthy|female|male)\s+)?{_PEOPLE}\b{_NOT_A_RATE}",
        re.I,
    ),
    # "in 60 adults", never a rate ("1 in 100 children")
    re.compile(
        r"\b(?<!\b1 )(?<!\bone )(?:in|of|enrol\w*|recruit\w*|includ\w*|treat|looking for|seeking)\s+"
        r"(?:(?:approximately|about|around|some|up to|a total of)\s+)?(\d{1,5})\s+(?:adults|children)\b" + _NOT_A_RATE,
        re.I,
    ),
    re.compile(
        # ("Around 48 people will take part": people counted at a sentence's start, never "1 in 100 people")
        rf"(?:^|[.;,،]\s*)(?:(?:about|approximately|around|some|up to|a total of|overall)\s+)?(\d{{1,5}})\s+"
        rf"(?:{_PEOPLE}|people|adults|children)\s+(?:with|were|will|are|who|treated|received|underwent)\b",
        re.I | re.M,
    ),
    re.compile(r"(?<!per )\b(?:a|an|prospective|pilot|single-arm),?\s+(\d{1,5})[- ]patient\b(?!s)", re.I),
    re.compile(r"\(\s*n\s*=\s*(\d{1,5})\s*\)", re.I),  # "In this randomized trial (n = 40), ..."
    # Chinese, Japanese and Korean: "计划招募60名患者", "纳入约120例", "60名を登録", "환자 60명을 모집"
    # ("计划招募受试者40例": who, between the verb and the count)
    re.compile(
        r"(?:招募|招收|纳入|納入|入组|入組|募集)\s*(?:受试者|受試者|患者|病人|志愿者|參與者|参与者)?\s*(?:约|約)?\s*"
        r"(\d{1,5})\s*(?:名|例|人)"
    ),
    re.compile(r"(\d{1,5})\s*(?:名|例|人)\s*を?\s*(?:登録|募集)"),
    re.compile(r"(\d{1,5})\s*명\s*(?:을|를)?\s*(?:모집|등록)"),
)
# "Forty patients will be enrolled", "sixty-two participants": a count in words, from ten (a "one
# patient" or "two adults" in prose is seldom the study's size).
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
# A number from ten in words, its tens, units and teens as the three groups _spelled_count reads.
_SPELLED = rf"(?:({'|'.join(_TENS)})(?:[\s-]({'|'.join(_UNITS)}))?|({'|'.join(_TEENS)}))"
_SPELLED_COUNT = re.compile(
    rf"\b{_SPELLED}(?=\s+(?:(?:adult|eligible|healthy|female|male)\s+)?(?:{_PEOPLE}|adults|children)\b)", re.I
)


def _spelled_count(match: re.Match) -> str:
    tens, units, teens = (word.lower() if word else "" for word in match.groups())
    return str(_TEENS[teens] if teens else _TENS[tens] + _UNITS.get(units, 0))


_SPELLED_NUMBER = re.compile(rf"{_SPELLED}(?:\s+{_PEOPLE})?", re.I)


def spelled_number(text: str) -> int | None:
    """'Twenty', 'forty-two', 'Twelve participants': a count written in words, alone (from ten)."""
    match = _SPELLED_NUMBER.fullmatch(text.strip().rstrip("."))
    return int(_spelled_count(match)) if match else None


def _counts_in_digits(text: str) -> str:
    return _SPELLED_COUNT.sub(_spelled_count, text)


def enrollment_in_narrative(*texts: str, not_in: re.Pattern | None = None) -> int | None:
    """The number of people a design narrative says the study takes, when exactly one is said
    (a sentence `not_in` matches, telling of another trial, says none)."""
    texts = [_counts_in_digits(text) for text in texts if text]
    if not_in is not None:
        texts = [
            sentence for text in texts for sentence in re.split(r"(?<=[.!?])\s+", text) if not not_in.search(sentence)
        ]
    found = {int(match[1]) for text in texts for pattern in _NARRATIVE_COUNTS for match in pattern.finditer(text)}
    found.discard(0)
    return found.pop() if len(found) == 1 else None
