"""The catalog's enumerations (ClinicalTrials.gov API v2 values) and their display labels.

Plain Python, so the ingest's pure parsers can use the same lists without Django.
"""

STATUS = {
    "NOT_YET_RECRUITING": "Not yet recruiting",
    "RECRUITING": "Recruiting",
    "ENROLLING_BY_INVITATION": "Enrolling by invitation",
    "ACTIVE_NOT_RECRUITING": "Active, not recruiting",
    "SUSPENDED": "Suspended",
    "TERMINATED": "Terminated",
    "COMPLETED": "Completed",
    "WITHDRAWN": "Withdrawn",
    "UNKNOWN": "Unknown status",
    # Expanded access (a treatment outside a trial): ClinicalTrials.gov's own statuses for it.
    "AVAILABLE": "Available (expanded access)",
    "NO_LONGER_AVAILABLE": "No longer available",
    "TEMPORARILY_NOT_AVAILABLE": "Temporarily not available",
    "APPROVED_FOR_MARKETING": "Approved for marketing",
    "WITHHELD": "Withheld",
}
OPEN_STATUSES = ("NOT_YET_RECRUITING", "RECRUITING", "ENROLLING_BY_INVITATION")
PHASE = {
    "EARLY_PHASE1": "Early phase 1",
    "PHASE1": "Phase 1",
    "PHASE2": "Phase 2",
    "PHASE3": "Phase 3",
    "PHASE4": "Phase 4",
    "NA": "Not applicable",
}
STUDY_TYPE = {
    "INTERVENTIONAL": "Interventional",
    "OBSERVATIONAL": "Observational",
    "EXPANDED_ACCESS": "Expanded access",
}
ALLOCATION = {"RANDOMIZED": "Randomized", "NON_RANDOMIZED": "Non-randomized", "NA": "Not applicable"}
INTERVENTION_MODEL = {
    "SINGLE_GROUP": "Single group",
    "PARALLEL": "Parallel",
    "CROSSOVER": "Crossover",
    "FACTORIAL": "Factorial",
    "SEQUENTIAL": "Sequential",
}
MASKING = {
    "NONE": "None (open label)",
    "SINGLE": "Single",
    "DOUBLE": "Double",
    "TRIPLE": "Triple",
    "QUADRUPLE": "Quadruple",
}
PURPOSE = {
    "TREATMENT": "Treatment",
    "PREVENTION": "Prevention",
    "DIAGNOSTIC": "Diagnostic",
    "ECT": "Educational/counseling/training",
    "SUPPORTIVE_CARE": "Supportive care",
    "SCREENING": "Screening",
    "HEALTH_SERVICES_RESEARCH": "Health services research",
    "BASIC_SCIENCE": "Basic science",
    "DEVICE_FEASIBILITY": "Device feasibility",
    "OTHER": "Other",
}
SEX = {"ALL": "All", "FEMALE": "Female", "MALE": "Male"}
INTERVENTION_TYPE = {
    "BEHAVIORAL": "Behavioral",
    "BIOLOGICAL": "Biological",
    "COMBINATION_PRODUCT": "Combination product",
    "DEVICE": "Device",
    "DIAGNOSTIC_TEST": "Diagnostic test",
    "DIETARY_SUPPLEMENT": "Dietary supplement",
    "DRUG": "Drug",
    "GENETIC": "Genetic",
    "PROCEDURE": "Procedure",
    "RADIATION": "Radiation",
    "OTHER": "Other",
}
ARM_TYPE = {
    "EXPERIMENTAL": "Experimental",
    "ACTIVE_COMPARATOR": "Active comparator",
    "PLACEBO_COMPARATOR": "Placebo comparator",
    "SHAM_COMPARATOR": "Sham comparator",
    "NO_INTERVENTION": "No intervention",
    "OTHER": "Other",
}
AGENCY_CLASS = {
    "NIH": "NIH",
    "FED": "US federal",
    "OTHER_GOV": "Other government",
    "INDIV": "Individual",
    "INDUSTRY": "Industry",
    "NETWORK": "Network",
    "AMBIG": "Ambiguous",
    "OTHER": "Other",
    "UNKNOWN": "Unknown",
}
NUMBER_TYPE = {"ACTUAL": "Actual", "ESTIMATED": "Estimated"}
DATE_PRECISION = {"day": "Day", "month": "Month", "year": "Year"}
ORGANIZATION_ROLE = {"LEAD_SPONSOR": "Lead sponsor", "COLLABORATOR": "Collaborator"}
IDENTIFIER_KIND = {"primary": "Primary", "secondary": "Secondary", "sponsor": "Sponsor's own id"}
OUTCOME_KIND = {"PRIMARY": "Primary", "SECONDARY": "Secondary", "OTHER": "Other"}


def as_choices(table: dict[str, str]) -> list[tuple[str, str]]:
    return list(table.items())
