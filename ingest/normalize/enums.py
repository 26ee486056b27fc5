"""Registry words -> ClinicalTrials.gov API v2 enumerations.

Every function takes the registry's own words and returns the enum value, or "" when the
words do not say (never a guess). Matching is on whole normalized phrases, not substrings:
"female" must not match "male" (a known trap, see REGISTRY-REFERENCE.md section 4.8).
"""

import re
from functools import lru_cache

from catalog import choices
from ingest.normalize.taxonomy import fold_accents

STATUSES = tuple(choices.STATUS)
PHASES = tuple(choices.PHASE)
STUDY_TYPES = tuple(choices.STUDY_TYPE)
ALLOCATIONS = tuple(choices.ALLOCATION)
INTERVENTION_MODELS = tuple(choices.INTERVENTION_MODEL)
MASKINGS = tuple(choices.MASKING)
PURPOSES = tuple(choices.PURPOSE)
SEXES = tuple(choices.SEX)
INTERVENTION_TYPES = tuple(choices.INTERVENTION_TYPE)
ARM_TYPES = tuple(choices.ARM_TYPE)
AGENCY_CLASSES = tuple(choices.AGENCY_CLASS)


def _key(text: str) -> str:
    """Lower-case, punctuation folded to single spaces: 'Active, not recruiting' -> 'active not recruiting'."""
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


def _lookup(table: dict[str, str], enum_values: tuple[str, ...], text: str) -> str:
    key = _key(text)
    if not key:
        return ""
    upper = key.upper().replace(" ", "_")
    if upper in enum_values:
        return upper
    return table.get(key, "")


_STATUS_WORDS = {
    "not yet recruiting": "NOT_YET_RECRUITING",
    "pending": "NOT_YET_RECRUITING",
    "pending not yet recruiting": "NOT_YET_RECRUITING",
    "authorised recruitment pending": "NOT_YET_RECRUITING",
    "begins enrollment this month": "NOT_YET_RECRUITING",  # ClinicalTrials.Veeva wording
    "recruiting": "RECRUITING",
    "open public recruiting": "RECRUITING",
    "open to recruitment": "RECRUITING",
    "authorised recruiting": "RECRUITING",
    "ongoing recruiting": "RECRUITING",
    "enrolling by invitation": "ENROLLING_BY_INVITATION",
    # Hospital and finder sites' own English
    "open to enrollment": "RECRUITING",
    "open to enrolment": "RECRUITING",
    "now enrolling": "RECRUITING",
    "enrolling": "RECRUITING",
    "actively recruiting": "RECRUITING",
    "actively enrolling": "RECRUITING",
    "in recruitment": "RECRUITING",
    "currently recruiting": "RECRUITING",
    "still recruiting": "RECRUITING",
    "still enrolling": "RECRUITING",
    "recruitment open": "RECRUITING",
    "accepting patients": "RECRUITING",
    "accepting participants": "RECRUITING",
    "currently accepting participants": "RECRUITING",
    "currently accepting patients": "RECRUITING",
    "accepting volunteers": "RECRUITING",
    "open to accrual": "RECRUITING",
    "accruing": "RECRUITING",  # a cancer centre's word for recruiting
    "actively accruing": "RECRUITING",
    "open for accrual": "RECRUITING",
    "seeking participants": "RECRUITING",
    "seeking volunteers": "RECRUITING",
    "looking for volunteers": "RECRUITING",
    "looking for participants": "RECRUITING",
    # Going on, and not recruiting: the ICTRP's bare "not recruiting" says less (UNKNOWN).
    "ongoing not recruiting": "ACTIVE_NOT_RECRUITING",
    "active not enrolling": "ACTIVE_NOT_RECRUITING",
    "enrollment complete": "ACTIVE_NOT_RECRUITING",
    "enrollment completed": "ACTIVE_NOT_RECRUITING",
    "enrolment complete": "ACTIVE_NOT_RECRUITING",
    "enrolment completed": "ACTIVE_NOT_RECRUITING",
    "recruitment finished": "ACTIVE_NOT_RECRUITING",
    "closed to new patients": "ACTIVE_NOT_RECRUITING",
    "closed to new participants": "ACTIVE_NOT_RECRUITING",
    "closed to new subjects": "ACTIVE_NOT_RECRUITING",
    "not accepting new patients": "ACTIVE_NOT_RECRUITING",
    "not accepting new participants": "ACTIVE_NOT_RECRUITING",
    "no longer enrolling": "ACTIVE_NOT_RECRUITING",
    "on hold": "SUSPENDED",
    "paused": "SUSPENDED",
    "withdrawn before enrollment": "WITHDRAWN",
    "withdrawn before enrolment": "WITHDRAWN",
    "withdrawn prior to enrollment": "WITHDRAWN",
    "withdrawn prior to enrolment": "WITHDRAWN",
    "terminated prior to enrollment": "TERMINATED",
    # Like ICTRP's "Not recruiting": before, during or after, it does not say.
    "not currently recruiting": "UNKNOWN",
    "not currently enrolling": "UNKNOWN",
    "recruiting by invitation": "ENROLLING_BY_INVITATION",
    "recruiting by invitation only": "ENROLLING_BY_INVITATION",
    "enrolling by invitation only": "ENROLLING_BY_INVITATION",
    "by invitation only": "ENROLLING_BY_INVITATION",
    "invitation only": "ENROLLING_BY_INVITATION",
    "closed to enrollment": "ACTIVE_NOT_RECRUITING",
    "closed to enrolment": "ACTIVE_NOT_RECRUITING",
    "closed to accrual": "ACTIVE_NOT_RECRUITING",
    "enrollment closed": "ACTIVE_NOT_RECRUITING",
    "enrolment closed": "ACTIVE_NOT_RECRUITING",
    "recruitment closed": "ACTIVE_NOT_RECRUITING",
    "closed for enrollment": "ACTIVE_NOT_RECRUITING",
    "closed for enrolment": "ACTIVE_NOT_RECRUITING",
    "closed for recruitment": "ACTIVE_NOT_RECRUITING",
    "recruitment has ended": "ACTIVE_NOT_RECRUITING",
    "recruitment ended": "ACTIVE_NOT_RECRUITING",
    "recruitment paused": "SUSPENDED",
    "enrollment paused": "SUSPENDED",
    "recruitment on hold": "SUSPENDED",
    "recruitment suspended": "SUSPENDED",
    "recruitment stopped": "TERMINATED",
    "recruitment terminated": "TERMINATED",
    "recruitment not yet started": "NOT_YET_RECRUITING",
    "recruitment not started": "NOT_YET_RECRUITING",
    "recruitment has not started": "NOT_YET_RECRUITING",
    "recruitment has not yet started": "NOT_YET_RECRUITING",
    "not yet started": "NOT_YET_RECRUITING",
    "completed recruitment": "ACTIVE_NOT_RECRUITING",
    "recruitment status unknown": "UNKNOWN",
    # The classic ClinicalTrials.gov sentences ("This study is ongoing, but not recruiting participants.")
    "enrolling participants by invitation only": "ENROLLING_BY_INVITATION",
    "ongoing but not recruiting": "ACTIVE_NOT_RECRUITING",
    "not yet open for participant recruitment": "NOT_YET_RECRUITING",
    "active not recruiting": "ACTIVE_NOT_RECRUITING",
    # IRCT "Recruitment complete" ends recruitment, not the trial.
    "recruitment complete": "ACTIVE_NOT_RECRUITING",
    "recruitment completed": "ACTIVE_NOT_RECRUITING",
    "complete follow up continuing": "ACTIVE_NOT_RECRUITING",
    "closed follow up continuing": "ACTIVE_NOT_RECRUITING",
    "closed to recruitment of participants": "ACTIVE_NOT_RECRUITING",
    "no longer recruiting": "ACTIVE_NOT_RECRUITING",
    "no longer accepting": "ACTIVE_NOT_RECRUITING",
    "no longer accepting participants": "ACTIVE_NOT_RECRUITING",
    "no longer accepting patients": "ACTIVE_NOT_RECRUITING",
    "finished recruiting": "ACTIVE_NOT_RECRUITING",
    "ongoing recruitment ended": "ACTIVE_NOT_RECRUITING",
    "suspended": "SUSPENDED",
    "temporarily halted": "SUSPENDED",
    "temporary halt": "SUSPENDED",
    "interrupted": "SUSPENDED",
    "temporarily closed": "SUSPENDED",
    "terminated": "TERMINATED",
    "stopped early": "TERMINATED",
    "early termination": "TERMINATED",
    "prematurely ended": "TERMINATED",
    "canceled": "TERMINATED",
    "cancelled": "TERMINATED",
    "completed": "COMPLETED",
    "complete": "COMPLETED",
    "complete follow up complete": "COMPLETED",
    "closed follow up complete": "COMPLETED",
    "data analysis completed": "COMPLETED",
    "main results already published": "COMPLETED",
    "finished": "COMPLETED",
    "ended": "COMPLETED",
    "concluded": "COMPLETED",
    "study concluded": "COMPLETED",
    "withdrawn": "WITHDRAWN",
    "withdrawn prior to recruitment": "WITHDRAWN",
    # Other registries of record's own words: UMIN-CTR, DRKS, CRIS, ISRCTN.
    "preinitiation": "NOT_YET_RECRUITING",
    "recruiting planned": "NOT_YET_RECRUITING",
    "recruitment planned": "NOT_YET_RECRUITING",
    "recruiting ongoing": "RECRUITING",
    "recruiting complete follow up continuing": "ACTIVE_NOT_RECRUITING",
    "recruiting complete study complete": "COMPLETED",
    "recruiting complete follow up complete": "COMPLETED",  # DRKS: recruitment and follow-up both over
    "recruiting stopped after recruiting started": "TERMINATED",
    "recruiting withdrawn before recruiting started": "WITHDRAWN",
    "recruiting suspended on temporary hold": "SUSPENDED",
    "closed to recruitment": "ACTIVE_NOT_RECRUITING",
    "accrual complete": "ACTIVE_NOT_RECRUITING",
    "accrual completed": "ACTIVE_NOT_RECRUITING",
    "not accepting patients": "ACTIVE_NOT_RECRUITING",
    "not accepting participants": "ACTIVE_NOT_RECRUITING",
    "now recruiting": "RECRUITING",
    "recruitment ongoing": "RECRUITING",
    "open for enrollment": "RECRUITING",
    "open for enrolment": "RECRUITING",
    "open for recruitment": "RECRUITING",
    "enrollment open": "RECRUITING",
    "enrolment open": "RECRUITING",
    "accepting new patients": "RECRUITING",
    "open to new patients": "RECRUITING",
    "temporarily closed to accrual": "SUSPENDED",  # the NCI's words
    "temporarily closed to enrollment": "SUSPENDED",
    "pre recruitment": "NOT_YET_RECRUITING",
    "in preparation": "NOT_YET_RECRUITING",
    "in follow up": "ACTIVE_NOT_RECRUITING",
    "accepting new participants": "RECRUITING",
    "not yet open": "NOT_YET_RECRUITING",
    "not open yet": "NOT_YET_RECRUITING",
    "recruitment pending": "NOT_YET_RECRUITING",  # ICTRP's "Pending", said in words
    "not yet open for enrollment": "NOT_YET_RECRUITING",
    "not yet open for recruitment": "NOT_YET_RECRUITING",
    "recruiting soon": "NOT_YET_RECRUITING",
    "starting soon": "NOT_YET_RECRUITING",
    "coming soon": "NOT_YET_RECRUITING",
    "opening soon": "NOT_YET_RECRUITING",
    "stopped": "TERMINATED",
    "unknown": "UNKNOWN",
    "unknown status": "UNKNOWN",
    # ICTRP's generic word: pre-start, ongoing or done, it does not say (REGISTRY-REFERENCE 3c).
    "not recruiting": "UNKNOWN",
    # Expanded access records (ClinicalTrials.gov's own enumeration, outside recruitment).
    "available": "AVAILABLE",
    "no longer available": "NO_LONGER_AVAILABLE",
    "temporarily not available": "TEMPORARILY_NOT_AVAILABLE",
    "approved for marketing": "APPROVED_FOR_MARKETING",
    "withheld": "WITHHELD",
    "authorised": "UNKNOWN",  # EU: authorised, nothing said of recruitment
    "authorised not started": "NOT_YET_RECRUITING",  # CTIS
    "authorized not started": "NOT_YET_RECRUITING",
    "halted": "SUSPENDED",  # CTIS's "Temporarily halted", said short
    "authorised recruitment may be ongoing or finished": "UNKNOWN",
    "authorized": "UNKNOWN",
}


# Other languages' words, keyed by _word_key (accents and CJK kept). Registries print these on
# their own pages (the Swiss portal, ChiCTR, jRCT, CRIS, ReBEC, REPEC, the EU register).
_STATUS_WORDS_ABROAD = {
    "recrutement en cours": "RECRUITING",
    "en cours de recrutement": "RECRUITING",
    "recrutement": "RECRUITING",
    "recrutement ouvert": "RECRUITING",
    "recrute": "RECRUITING",
    "recrutement pas encore ouvert": "NOT_YET_RECRUITING",
    "pas encore de recrutement": "NOT_YET_RECRUITING",
    "pas encore recrutant": "NOT_YET_RECRUITING",
    "pas encore en recrutement": "NOT_YET_RECRUITING",
    "recrutement pas encore commencé": "NOT_YET_RECRUITING",
    "recrutement terminé": "ACTIVE_NOT_RECRUITING",
    "recrutement clos": "ACTIVE_NOT_RECRUITING",
    "terminé": "COMPLETED",
    "achevé": "COMPLETED",
    "interrompu": "SUSPENDED",
    "suspendu": "SUSPENDED",
    "arrêté prématurément": "TERMINATED",
    "arrêté": "TERMINATED",
    "annulé": "TERMINATED",
    "retiré": "WITHDRAWN",
    "rekrutierend": "RECRUITING",
    "rekrutierung läuft": "RECRUITING",
    "rekrutierung offen": "RECRUITING",
    "noch nicht rekrutierend": "NOT_YET_RECRUITING",
    "in vorbereitung": "NOT_YET_RECRUITING",
    "rekrutierung noch nicht begonnen": "NOT_YET_RECRUITING",
    "rekrutierung abgeschlossen": "ACTIVE_NOT_RECRUITING",
    "rekrutierung beendet": "ACTIVE_NOT_RECRUITING",
    "studie abgeschlossen": "COMPLETED",
    "abgeschlossen": "COMPLETED",
    "beendet": "COMPLETED",
    "vorzeitig beendet": "TERMINATED",
    "abgebrochen": "TERMINATED",
    "unterbrochen": "SUSPENDED",
    "sistiert": "SUSPENDED",  # Swiss German
    "in rekrutierung": "RECRUITING",
    "zurückgezogen": "WITHDRAWN",
    "reclutando": "RECRUITING",
    "reclutamiento abierto": "RECRUITING",
    "en reclutamiento": "RECRUITING",
    "reclutamiento": "RECRUITING",
    "reclutamiento activo": "RECRUITING",
    "aún no reclutando": "NOT_YET_RECRUITING",
    "no reclutando todavía": "NOT_YET_RECRUITING",
    "todavía no reclutando": "NOT_YET_RECRUITING",
    "reclutamiento completo": "ACTIVE_NOT_RECRUITING",
    "reclutamiento finalizado": "ACTIVE_NOT_RECRUITING",
    "reclutamiento cerrado": "ACTIVE_NOT_RECRUITING",
    "completado": "COMPLETED",
    "finalizado": "COMPLETED",
    "terminado": "TERMINATED",
    "suspendido": "SUSPENDED",
    "retirado": "WITHDRAWN",
    "in reclutamento": "RECRUITING",
    "reclutamento in corso": "RECRUITING",
    "in corso di reclutamento": "RECRUITING",
    "reclutamento attivo": "RECRUITING",
    "reclutamento aperto": "RECRUITING",
    "arruolamento aperto": "RECRUITING",
    "arruolamento in corso": "RECRUITING",
    "in corso di arruolamento": "RECRUITING",
    "arruolamento non ancora iniziato": "NOT_YET_RECRUITING",
    "arruolamento chiuso": "ACTIVE_NOT_RECRUITING",
    "arruolamento completato": "ACTIVE_NOT_RECRUITING",
    "arruolamento concluso": "ACTIVE_NOT_RECRUITING",
    "non ancora in reclutamento": "NOT_YET_RECRUITING",
    "reclutamento non ancora iniziato": "NOT_YET_RECRUITING",
    "reclutamento completato": "ACTIVE_NOT_RECRUITING",
    "reclutamento concluso": "ACTIVE_NOT_RECRUITING",
    "reclutamento chiuso": "ACTIVE_NOT_RECRUITING",
    "completato": "COMPLETED",
    "completata": "COMPLETED",
    "conclusa": "COMPLETED",
    "concluso": "COMPLETED",
    "terminato": "COMPLETED",
    "interrotto": "TERMINATED",
    "interrotto prematuramente": "TERMINATED",
    "sospeso": "SUSPENDED",
    "ausgesetzt": "SUSPENDED",  # German: put on hold
    "ritirato": "WITHDRAWN",
    "recrutando": "RECRUITING",
    "recrutamento aberto": "RECRUITING",
    "em recrutamento": "RECRUITING",
    "ainda não recrutando": "NOT_YET_RECRUITING",
    "recrutamento ainda não iniciado": "NOT_YET_RECRUITING",
    "recrutamento encerrado": "ACTIVE_NOT_RECRUITING",
    "recrutamento concluído": "ACTIVE_NOT_RECRUITING",
    "concluído": "COMPLETED",
    "suspenso": "SUSPENDED",
    "cancelado": "TERMINATED",
    "não iniciado": "NOT_YET_RECRUITING",
    "ativo não recrutando": "ACTIVE_NOT_RECRUITING",
    "activo no reclutando": "ACTIVE_NOT_RECRUITING",
    "正在进行": "RECRUITING",
    "正在招募": "RECRUITING",
    "招募中": "RECRUITING",
    "尚未开始": "NOT_YET_RECRUITING",
    "尚未招募": "NOT_YET_RECRUITING",
    "结束": "COMPLETED",
    "已完成": "COMPLETED",
    "完成": "COMPLETED",
    "暂停": "SUSPENDED",
    "暂停招募": "SUSPENDED",
    "招募完成": "ACTIVE_NOT_RECRUITING",
    "终止": "TERMINATED",
    "募集中": "RECRUITING",
    "募集前": "NOT_YET_RECRUITING",
    "募集終了": "ACTIVE_NOT_RECRUITING",
    "研究終了": "COMPLETED",
    "試験終了": "COMPLETED",
    "終了": "COMPLETED",
    "中止": "TERMINATED",
    "一時中断": "SUSPENDED",
    "募集一時停止": "SUSPENDED",
    "모집중": "RECRUITING",
    "모집 중": "RECRUITING",
    "모집전": "NOT_YET_RECRUITING",
    "모집 전": "NOT_YET_RECRUITING",
    "모집완료": "ACTIVE_NOT_RECRUITING",
    "모집 완료": "ACTIVE_NOT_RECRUITING",
    "연구종료": "COMPLETED",
    "연구 종료": "COMPLETED",
    "완료": "COMPLETED",
    "중단": "TERMINATED",
    "pas encore recruté": "NOT_YET_RECRUITING",
    "non ancora reclutando": "NOT_YET_RECRUITING",
    "研究完了": "COMPLETED",
    "已终止": "TERMINATED",
    "已结束": "COMPLETED",
    # Dutch (the Netherlands' register, Dutch hospitals' pages)
    "werving gestart": "RECRUITING",
    "in werving": "RECRUITING",
    "werving loopt": "RECRUITING",
    "werving gestopt": "ACTIVE_NOT_RECRUITING",
    "inclusie gestopt": "ACTIVE_NOT_RECRUITING",  # Dutch: inclusion stopped
    "werving afgerond": "ACTIVE_NOT_RECRUITING",
    "werving gesloten": "ACTIVE_NOT_RECRUITING",
    "actief, werving gesloten": "ACTIVE_NOT_RECRUITING",
    "afgerond": "COMPLETED",
    "nog niet gestart": "NOT_YET_RECRUITING",
    "werving nog niet gestart": "NOT_YET_RECRUITING",
    "voortijdig beëindigd": "TERMINATED",
    # Spanish and Portuguese registries' other words (Cuba's, Peru's, Brazil's)
    "reclutamiento concluido": "ACTIVE_NOT_RECRUITING",
    "reclutamiento completado": "ACTIVE_NOT_RECRUITING",
    "reclutamiento terminado": "ACTIVE_NOT_RECRUITING",
    "recrutamento finalizado": "ACTIVE_NOT_RECRUITING",
    "activo sin reclutamiento": "ACTIVE_NOT_RECRUITING",
    "pendiente de reclutamiento": "NOT_YET_RECRUITING",
    "reclutamiento pendiente": "NOT_YET_RECRUITING",
    "reclutamiento no iniciado": "NOT_YET_RECRUITING",
    "recrutamento não iniciado": "NOT_YET_RECRUITING",
    "reclutamiento suspendido": "SUSPENDED",
    "recrutamento suspenso": "SUSPENDED",
    "ensayo concluido": "COMPLETED",
    "ensayo finalizado": "COMPLETED",
    "estudio concluido": "COMPLETED",
    "estudio finalizado": "COMPLETED",
    "estudio completado": "COMPLETED",
    # Persian (the Iranian registry's pages in Persian)
    "در حال جذب": "RECRUITING",
    "جذب در حال انجام": "RECRUITING",
    "هنوز جذب آغاز نشده": "NOT_YET_RECRUITING",
    "جذب آغاز نشده": "NOT_YET_RECRUITING",
    "شروع نشده": "NOT_YET_RECRUITING",
    "جذب تکمیل شده": "ACTIVE_NOT_RECRUITING",
    "تکمیل جذب": "ACTIVE_NOT_RECRUITING",
    "پایان جذب": "ACTIVE_NOT_RECRUITING",
    "تکمیل شده": "COMPLETED",
    "پایان یافته": "COMPLETED",
    "خاتمه یافته": "COMPLETED",
    "متوقف شده": "TERMINATED",
    "لغو شده": "WITHDRAWN",
}


def _word_key(text: str) -> str:
    """Lower-case, punctuation folded to single spaces, letters of every script kept."""
    return re.sub(r"[^\w]+", " ", (text or "").lower()).replace("_", " ").strip()


# Words a site puts around a status ("Study completed", "Recruiting now", "Status: unknown").
_STATUS_FILLER = re.compile(
    r"^(?:(?:study|trial|status|is|now|currently|participants?|patients?)\s+)+|(?:\s+(?:now|early|status|participants|patients|volunteers))+$"
)


# What may follow a status: its date ("on 2023-05-01", "in March 2024", "2021"), or after a colon
# the reason a trial ended or paused ("Terminated: slow accrual").
_STATUS_WHEN = re.compile(r"\s+(?:on|in|since|as of)\s+\S.*$|\s+\d{4}(?:-\d{2}){0,2}$", re.I)
_STATUS_WHY = re.compile(r"\s*:\s+\S.*$")
# ... or said in words after it: "Terminated early for futility", "Recruiting for adults aged 18 to 65".
_STATUS_FOR = re.compile(r"(?:\s+early)?\s+(?:for|due\s+to|because(?:\s+of)?|owing\s+to)\s+\S.*$", re.I)
_ENDED_FOR_A_REASON = {"TERMINATED", "WITHDRAWN", "SUSPENDED", "COMPLETED"}


@lru_cache(maxsize=4096)
def status(text: str) -> str:
    found = _status_words(text)
    if not found and (text or "").rstrip().endswith(")"):  # "Available (expanded access)"
        shorter = re.sub(r"\s*\([^()]*\)\s*$", "", text)
        if shorter == text:
            return ""  # "x)" has no bracket to drop
        # "Open (Recruiting)", "Closed (not recruiting)": the bracket says what the word does not.
        return status(shorter) or status(re.search(r"\(([^()]*)\)\s*$", text)[1])
    if not found and len(text or "") <= 60:
        bare = _STATUS_FILLER.sub("", _key(text))
        found = _lookup(_STATUS_WORDS, STATUSES, bare) if bare and bare != _key(text) else ""
        if not found:  # "Open, recruiting", "Suspended – temporarily halted": the parts that say agree
            parts = {_status_words(part) for part in re.split(r"\s*[,;–—|]\s*|\s+-\s+", text)}
            parts.discard("")
            found = parts.pop() if len(parts) == 1 else ""
        # What follows a status, taken off: its date ("Completed on 2023-05-01"), why a trial ended
        # ("Terminated: slow accrual"; "Recruiting: No" is no reason), or a reason or people in words.
        tails = ((_STATUS_WHEN, STATUSES), (_STATUS_WHY, _ENDED_FOR_A_REASON), (_STATUS_FOR, STATUSES))
        for tail, allowed in tails if not found else ():
            head = tail.sub("", text)
            found = _status_words(head) if head != text else ""
            if found in allowed:
                break
            found = ""
    return found


# The same words as typed without their accents ("Concluido", "Aun no reclutando", "Etat: termine").
_STATUS_WORDS_UNACCENTED = {fold_accents(words): value for words, value in _STATUS_WORDS_ABROAD.items()}


@lru_cache(maxsize=1)
def _status_phrases() -> dict[str, str]:
    every = [*_STATUS_WORDS.items(), *_STATUS_WORDS_ABROAD.items()]
    every += [(value.lower().replace("_", " "), value) for value in STATUSES]
    return {_word_key(words): value for words, value in every}


def is_whole_status(text: str) -> bool:
    """Is the text a status's words that no cut could have left from another status: "Terminated",
    never "Completed" (cut from "Completed recruitment": active, not recruiting), "Active" (cut from
    "Active, not recruiting") nor "Recr"?"""
    key = _word_key(text)
    phrases = _status_phrases()
    return key in phrases and all(
        value == phrases[key] for phrase, value in phrases.items() if phrase.startswith(key + " ")
    )


def _status_words(text: str) -> str:
    """The status these words are, in English or in a registry's other language, or ""."""
    key = _word_key(text)
    return (
        _lookup(_STATUS_WORDS, STATUSES, text)
        or _STATUS_WORDS_ABROAD.get(key, "")
        or _STATUS_WORDS_UNACCENTED.get(fold_accents(key), "")
    )


# Words that are a status only under a status label: alone on a page "Open" is as much a button.
_STATUS_UNDER_LABEL = {"open": "RECRUITING", "open to all": "RECRUITING", "recruiting yes": "RECRUITING"}


def labelled_status(text: str) -> str:
    """A status as a page prints it under its status label ("Recruitment status: Open")."""
    return status(text) or status_with_first_letter_lost(text) or _STATUS_UNDER_LABEL.get(_key(text), "")


_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4"}
WIDE_ROMAN = str.maketrans(
    {"ⅰ": " i ", "ⅱ": " ii ", "ⅲ": " iii ", "ⅳ": " iv ", "Ⅰ": " i ", "Ⅱ": " ii ", "Ⅲ": " iii ", "Ⅳ": " iv "}
)


def status_with_first_letter_lost(text: str) -> str:
    """A status some mirrors print with its first letter cut off ('ot Yet Recruiting'), or ""."""
    key = _key(text)
    if len(key) < 6:
        return ""
    matches = {value for words, value in _STATUS_WORDS.items() if words[1:] == key}
    return matches.pop() if len(matches) == 1 else ""


@lru_cache(maxsize=4096)
def phases(text: str) -> tuple[str, ...]:
    """'Phase 1/Phase 2', 'PHASE1/PHASE2', 'Phase I-II', '2b', 'Early Phase 1', 'N/A' -> phase set."""
    if not text:
        return ()
    lowered = text.lower().strip()
    lowered = lowered.replace("フェーズ", " phase ")  # Japanese: the English word in katakana ("フェーズ2")
    # ("0" under a phase label; "Fase 0" in the Romance languages)
    if re.search(r"early\s*phase\s*(1|i)\b|(?:phase|fase)\s*0\b|early_phase1|^0$", lowered):
        return ("EARLY_PHASE1",)
    if re.fullmatch(r"\s*(?:phase\s*:?\s*)?(n/?a|na|not applicable|not selected)\s*\.?(\s*\([^()]*\))?", lowered):
        return ("NA",)  # "N/A (device trial)", "Phase N/A" too
    # ... in the registries' European languages: "Non applicable", "No aplica", "Nicht zutreffend", "N.v.t."
    if re.fullmatch(
        r"\s*(?:non\s+applicable|sans\s+objet|no\s+aplica|no\s+aplicable|não\s+se\s+aplica|não\s+aplicável"
        r"|nicht\s+zutreffend|nicht\s+anwendbar|non\s+applicabile|n\.?\s?v\.?\s?t\.?|niet\s+van\s+toepassing)\s*\.?",
        lowered,
    ):
        return ("NA",)
    if re.fullmatch(r"\s*(?:該当(?:せず|しない|なし)|非該当|不适用|不適用|해당\s*없음|해당\s*사항\s*없음)\s*", lowered):
        return ("NA",)  # "not applicable" in Japanese, Chinese and Korean
    if re.fullmatch(r"post[\s-]?(?:marketing|approval|authori[sz]ation)(?:\s+(?:study|surveillance|trial))?", lowered):
        return ("PHASE4",)  # a study after the product's approval is phase 4, whatever it calls itself
    if "phase" in lowered:  # "Phase Two", "Phase one/two"
        lowered = re.sub(r"\b(one|two|three|four)\b", lambda m: _NUMBER_WORDS[m[1]], lowered)
    # The EU register's matrix: "Human pharmacology (Phase I): no Therapeutic exploratory (Phase II): yes ..."
    matrix = re.findall(r"\(phase\s*(iv|iii|ii|i)\)\s*:\s*(yes|no)", lowered)
    if matrix:
        return tuple(
            f"PHASE{_ROMAN[number]}" for number, answer in sorted(matrix, key=lambda m: _ROMAN[m[0]]) if answer == "yes"
        )
    # Chinese, Japanese and Korean: "Ⅱ期", "第1相", "2상"; full-width roman numerals first.
    lowered = lowered.translate(WIDE_ROMAN)
    lowered = re.sub(
        r"第?\s*((?:iv|iii|ii|i|[1-4])(?:\s*[/・,+-]\s*(?:iv|iii|ii|i|[1-4]))*)\s*[ab]?\s*(相|期|상)",
        r" phase \1 ",
        lowered,
    )
    body = re.sub(r"phase", " ", lowered)
    numbers = set()
    for token in re.findall(r"\b(iv|iii|ii|i|[1-4])(?:[ab])?\b", body.replace("_", " ")):
        numbers.add(_ROMAN.get(token, token))
    return tuple(f"PHASE{n}" for n in sorted(numbers))


@lru_cache(maxsize=4096)
def study_type(text: str) -> str:
    key = _key(text)
    for word, value in (
        ("interventional", "INTERVENTIONAL"),
        ("observational", "OBSERVATIONAL"),
        ("expanded access", "EXPANDED_ACCESS"),
    ):
        if key.startswith(word):
            return value
    return _lookup({}, STUDY_TYPES, text)


_ALLOCATION_WORDS = {
    "randomized": "RANDOMIZED",
    "randomised": "RANDOMIZED",
    "non randomized": "NON_RANDOMIZED",
    "non randomised": "NON_RANDOMIZED",
    "nonrandomized": "NON_RANDOMIZED",
    "n a": "NA",
    "not applicable": "NA",
}


@lru_cache(maxsize=4096)
def allocation(text: str) -> str:
    return _lookup(_ALLOCATION_WORDS, ALLOCATIONS, text)


@lru_cache(maxsize=4096)
def intervention_model(text: str) -> str:
    key = _key(text)
    for word, value in (
        ("single group", "SINGLE_GROUP"),
        ("parallel", "PARALLEL"),
        ("crossover", "CROSSOVER"),
        ("cross over", "CROSSOVER"),
        ("factorial", "FACTORIAL"),
        ("sequential", "SEQUENTIAL"),
    ):
        if key.startswith(word):
            return value
    return _lookup({}, INTERVENTION_MODELS, text)


@lru_cache(maxsize=4096)
def masking(text: str) -> str:
    """'None (Open label)', 'Triple (Participant, ...)', 'Single blinded', 'Double blind' -> enum."""
    key = _key(text)
    key = re.sub(r"^masked ", "", key)
    for word, value in (
        ("none", "NONE"),
        ("open label", "NONE"),
        ("not blinded", "NONE"),
        ("single", "SINGLE"),
        ("double", "DOUBLE"),
        ("triple", "TRIPLE"),
        ("quadruple", "QUADRUPLE"),
    ):
        if key.startswith(word):
            return value
    return ""


_PURPOSE_WORDS = {
    "supportive care": "SUPPORTIVE_CARE",
    "health services research": "HEALTH_SERVICES_RESEARCH",
    "basic science": "BASIC_SCIENCE",
    "device feasibility": "DEVICE_FEASIBILITY",
    "educational counseling training": "ECT",
}


@lru_cache(maxsize=4096)
def purpose(text: str) -> str:
    return _lookup(_PURPOSE_WORDS, PURPOSES, text)


_SEX_WORDS = {
    "all": "ALL",
    "both": "ALL",
    "both male and female": "ALL",
    "female male": "ALL",
    "male female": "ALL",
    "female": "FEMALE",
    "females": "FEMALE",
    "women": "FEMALE",
    "male": "MALE",
    "males": "MALE",
    "men": "MALE",
}


@lru_cache(maxsize=4096)
def sex(text: str) -> str:
    return _lookup(_SEX_WORDS, SEXES, text)


_INTERVENTION_TYPE_WORDS = {
    "biological vaccine": "BIOLOGICAL",
    "procedure surgery": "PROCEDURE",
    "dietary supplement": "DIETARY_SUPPLEMENT",
    "combination product": "COMBINATION_PRODUCT",
    "diagnostic test": "DIAGNOSTIC_TEST",
}


@lru_cache(maxsize=4096)
def intervention_type(text: str) -> str:
    return _lookup(_INTERVENTION_TYPE_WORDS, INTERVENTION_TYPES, text)


@lru_cache(maxsize=4096)
def arm_type(text: str) -> str:
    key = re.sub(r" (group|arm)$", "", _key(text))
    return _lookup({}, ARM_TYPES, key)


@lru_cache(maxsize=4096)
def agency_class(text: str) -> str:
    key = _key(text)
    table = {"u s fed": "FED", "industry": "INDUSTRY", "other": "OTHER"}
    return _lookup(table, AGENCY_CLASSES, key)


@lru_cache(maxsize=4096)
def yes_no(text: str) -> bool | None:
    key = _key(text)
    if key in {"yes", "y", "true", "accepts healthy volunteers", "accepts healthy volunteer", "accepted"}:
        return True
    if key in {"no", "n", "false", "no healthy volunteers", "no healthy volunteer", "not accepted"}:
        return False
    return None


@lru_cache(maxsize=4096)
def enrollment_type(text: str) -> str:
    key = _key(text)
    if key.startswith("actual"):
        return "ACTUAL"
    if key.startswith(("estimated", "estimate", "anticipated", "expected", "target")):
        return "ESTIMATED"
    return ""
