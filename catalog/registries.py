"""Registries: their display names and the address of a trial's page in its own registry."""

import re

# Registry codes (as stored in TrialIdentifier.registry) -> display names.
REGISTRY_NAMES = {
    "NCT": "ClinicalTrials.gov",
    "ISRCTN": "ISRCTN",
    "ACTRN": "ANZCTR",
    "CHICTR": "ChiCTR",
    "CTRI": "CTRI",
    "IRCT": "IRCT",
    "JRCT": "jRCT",
    "UMIN": "UMIN-CTR",
    "JAPIC": "JAPIC-CTI",
    "JMA": "JMACCT",
    "KCT": "CRiS",
    "DRKS": "DRKS",
    "PACTR": "PACTR",
    "TCTR": "TCTR",
    "RBR": "ReBEC",
    "NL": "Netherlands Trial Register",
    "NTR": "Netherlands Trial Register",
    "SLCTR": "SLCTR",
    "LBCTR": "LBCTR",
    "PER": "REPEC",
    "RPCEC": "RPCEC",
    "ITMCTR": "ITMCTR",
    "SNCTP": "SNCTP (Swiss portal)",
    "CTR": "China Drug Trials",
    "CTIS": "EU CTIS",
    "EUDRACT": "EudraCT",
    "EUCTR": "EU Clinical Trials Register (one member state's record)",
    "UTN": "WHO UTN",
    "ORG": "Sponsor's own id",
}


def registry_url(registry: str, value: str) -> str:
    """The registry's own page for an identifier, built from the id (aggregator links rot)."""
    urls = {
        "NCT": "https://clinicaltrials.gov/study/{v}",
        "ISRCTN": "https://www.isrctn.com/{v}",
        "ACTRN": "https://www.anzctr.org.au/ACTRN{n}.aspx",
        "CHICTR": "https://www.chictr.org.cn/searchprojen.html?regno={v}",
        "CTRI": "https://ctri.nic.in/Clinicaltrials/advsearch.php?trialno={v}",
        "IRCT": "https://irct.behdasht.gov.ir/search/result?query={v}",
        "JRCT": "https://jrct.mhlw.go.jp/en-latest-detail/{v}",
        "DRKS": "https://drks.de/search/en/trial/{v}",
        "EUDRACT": "https://www.clinicaltrialsregister.eu/ctr-search/search?query={v}",
        "EUCTR": "https://www.clinicaltrialsregister.eu/ctr-search/search?query={e}",
        "CTIS": "https://euclinicaltrials.eu/search-for-clinical-trials/?lang=en&EUCT={v}",
        "PACTR": "https://pactr.samrc.ac.za/TrialDisplay.aspx?TrialID={n}",
        "KCT": "https://cris.nih.go.kr/cris/search/detailSearch.do?search_lang=E&search_word={v}",
        "TCTR": "https://www.thaiclinicaltrials.org/show/{v}",
        "RBR": "https://ensaiosclinicos.gov.br/rg/{v}",
    }
    template = urls.get(registry)
    if not template:
        return ""
    eudract = re.search(r"\d{4}-\d{6}-\d{2}", value)
    return template.format(v=value, n=re.sub(r"\D", "", value), e=eudract[0] if eudract else value)
