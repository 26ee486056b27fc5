"""Every kind of public page, for tests that visit them all (caching, hostile requests)."""

PUBLIC_URLS = [
    "/",
    "/trials/",
    "/trials.json",
    "/trials.csv",
    "/trials.atom",
    "/trials/NCT06911281/",
    "/trials/NCT06911281.json",
    "/conditions/melasma/",
    "/cell-sources/umbilical-cord/",
]
