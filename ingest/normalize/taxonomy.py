"""Regenerative-dermatology classification: which skin condition, which cell source, which product.

Registries record none of this reliably, so it is read from the texts, field by field, from the
most telling to the least: conditions, keywords and titles first; interventions and arms next;
summaries only when nothing else said. Placebo and no-intervention arms are not read for the
product, and a match in a negated phrase ("without stem cells") does not count. Every tag keeps
the words that produced it and the field they came from (`evidence`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ingest.normalize.writing_systems import JOINED_SUFFIX_LETTERS, UNSPACED_LETTERS
from ingest.record import TrialRecord

TAXONOMY_FILE = Path(__file__).resolve().parents[2] / "catalog" / "data" / "taxonomy.json"
_COMPARATOR_ARM_TYPES = {"PLACEBO_COMPARATOR", "SHAM_COMPARATOR", "NO_INTERVENTION"}
_COMPARED_ARM_TYPES = {"ACTIVE_COMPARATOR", *_COMPARATOR_ARM_TYPES}  # and what the product is compared with
_COMPARATOR_NAME = re.compile(r"\b(placebo|saline|sham|vehicle)\b", re.I)  # an intervention that gives nothing
# A negation shortly before a match in the same clause. ("non-cultured" cells are no negation.)
# ("with or without adipose stem cells" names two arms, not a negation)
_NEGATION = re.compile(r"\b(no|not|never|(?<!\bor )(?<!\band )without|free of|excluding|except)\b[^.;:]{0,40}$", re.I)
# Portuguese "no"/"nos" is "in the" ("transplante no vitiligo"), no negation.
_PORTUGUESE = re.compile(r"ção\b|ções\b|\b(?:do|da|dos|das|em|uma|não|células|tratamento)\b", re.I)
# What a new product spares or stands in for: "instead of the patient's own healthy skin", "an
# alternative to autologous fat grafting". Neither its origin nor its source is the product's.
_INSTEAD_OF = (
    r"instead of|rather than|in place of|unlike|replac\w*|(?:an?\s+)?alternative\s+to|as\s+opposed\s+to"
    r"|(?:reduce|avoid|spare)\w*(?: the)?(?: need for)?"
)
_INSTEAD_OF_BEFORE = re.compile(rf"\b(?:{_INSTEAD_OF})\s+(?:[\w'-]+\s+){{0,4}}$", re.I)
# ... or is compared with: "versus split-thickness autograft". An origin there is the standard of
# care's, not the product's.
_COMPARED_BEFORE = re.compile(
    rf"\b({_INSTEAD_OF}|versus|vs\.?|compared (?:with|to))\s+(?:[\w'-]+\s+){{0,4}}$",
    re.I,
)
# ... or is said to do better than: "heals better than a thin skin graft" (read of a skin graft only).
_THAN_BEFORE = re.compile(r"\bthan\s+(?:[\w'-]+\s+){0,4}$", re.I)
# Two origins of cells compared head to head ("Allogeneic versus autologous cultured keratinocytes",
# "autologous fat grafting compared with allogeneic adipose stem cells", "cultured epidermal
# autografts versus allogeneic keratinocyte sheets"): both arms are the trial's products, the
# second no comparator's care ("versus autologous split-thickness skin graft" is).
_HEAD_TO_HEAD_ORIGINS = re.compile(
    r"\b(?:autologous|allogeneic|allogenic|autografts?)\s+(?:[\w-]+\s+){0,3}(?:versus|vs\.?|compared\s+(?:with|to))\s+"
    r"(?:autologous|allogeneic|allogenic)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:cells?|stem|stromal|mscs?|keratinocytes?|melanocytes?|fibroblasts?|svf|exosomes?|secretome)\b",
    re.I,
)
# What care is today, named beside the trial's product: "The standard of care, autologous skin
# grafting, is limited by ...", "the current treatment is an autologous graft".
_STANDARD_CARE_BEFORE = re.compile(
    r"\b(?:standard|conventional|current|usual|traditional)\s+(?:of\s+care|treatments?|therap(?:y|ies)|care"
    r"|methods?|approach(?:es)?)(?:\s+(?:for|of)\s+[\w-]+(?:\s+[\w-]+)?)?\s*(?:,|:|\bis\b|\bare\b|\bremains\b"
    r"|\bsuch\s+as\b|\blike\b|\bincluding\b|\bwith\b)\s*(?:an?\s+|the\s+)?$"
    # what the control group is given: "Patients in the control group receive standard care including",
    # "El grupo control recibe ...", "对照组采用 ..."
    r"|\b(?:control\s+(?:group|arm|patients)|grupo\s+(?:de\s+)?control|groupe\s+(?:de\s+)?(?:contrôle|témoin)"
    r"|gruppo\s+(?:di\s+)?controllo|kontrollgruppe)\b[^.;]{0,60}$|(?:对照组|対照群|대조군)[^。；;.]{0,30}$",
    re.I,
)
# "conditioned medium of adipose-derived stem cells": the cells there are the medium's origin.
# The same in the other languages registries print: "exosomas de células madre", "meio
# condicionado de células-tronco", "sécrétome de cellules souches", "Exosomen aus Stammzellen",
# "esosomi da cellule staminali".
_DERIVED_BEFORE = re.compile(
    r"(conditioned medi(?:um|a)|condition medi(?:um|a)|secretom[ea]s?|sécrétomes?|sekretom"
    r"|(?:exos+|esos)om(?:e|a|o|en|i)?s?|vesicles?|vesículas?|vésicules?|vescicole|vesikel"
    r"|lysate|lisado|lysat|extract|extrato|extracto|extrait"
    r"|(?:culture\s+)?supernatants?|(?:growth\s+)?factors\s+(?:secreted|released)"
    # in plain words: "small particles released by fat-derived stem cells (exosomes)"
    r"|(?:(?:nano)?particles|vesicles|proteins|molecules|substances)\s+(?:released|secreted|produced|made|shed)"
    r"|(?:meio|medio|milieu|terreno) condiciona\w*|milieu conditionné|terreno condizionato|konditioniertes medium)"
    # "an exosome product derived from"
    r"(?:\s+(?:product|preparation|formulation|therapy|gel|serum|cream|solution|spray)s?)?"
    # its brand in brackets before the source: "exosome serum (ASCE+, derived from adipose stem cells)"
    r"(?:\s*\(\s*[\w+.-]{1,20}\s*,)?"
    r"\s+(?:of|from|by|derived from|obtained from|de|del|da|do|des|du|di|dei|delle|aus|von"
    r"|derivad[oa]s? d[eoa]s?|dérivée?s? de|derivat[oi] da)\s+(?:[\w'-]+[\s-]+){0,5}$"
    # in Persian the cells follow the product's name ("محیط کشت رویی سلولهای بنیادی", the cells'
    # conditioned medium) or "derived from" ("اگزوزوم مشتق از سلولهای بنیادی")
    r"|(?:محیط\s+(?:کشت\s+)?(?:رویی|شرطی)|سکرتوم|اگزوزوم\w*|وزیکول\w*|لیزات|عصاره)"
    r"(?:\s+(?:مشتق|حاصل|برگرفته|استخراج\s+شده)\s+از)?\s+(?:\w+\s+){0,5}$",
    re.I,
)
# "extracellular vesicles isolated from the culture supernatant of ...": the medium the vesicles
# were taken from, not a second product.
_VESICLES_ISOLATED_FROM_BEFORE = re.compile(
    r"(?:\b(?:exos+om|vesic|nanovesic|particle)\w*|(?-i:\bs?EVs?|\bExos?))\b[^.;]{0,40}?"
    r"\b(?:isolated|purified|extracted|separated|harvested|obtained|collected|concentrated|derived|prepared)"
    r"\s+from\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
_DERIVED_AFTER = re.compile(
    r"^[\s-]*(?:\(\w+\)\s*)?"
    # Korean, Chinese and Japanese name a cell term's parts apart ("间充质" + "干细胞来源的外泌体")
    r"(?:(?:干细胞|幹細胞|줄기\s*세포)\s*)?(?:derived[\s-]+|based[\s-]+|来源的?|由来の?|유래\s*(?:의\s*)?)?"
    r"(conditioned|condition medi|medi(?:a|um)\b|secretome|exosome|extracellular|vesicle|lysate|extract|constituent"
    r"|component|growth[\s-]+factors?"  # "stem cell-derived growth factor serum": their secretions
    r"|(?:culture\s+)?supernatants?"  # "MSC culture supernatant": the medium the cells grew in
    # the same products in Korean, Chinese and Japanese: culture medium, exosomes, vesicles, secretome
    r"|배양\s*액|배양\s*배지|엑소좀|엑소솜|세포외\s*소포|培[养養](?:液|上清)|条件培养基|外泌体|分泌组|细胞外囊泡"
    r"|エクソソーム|細胞外小胞|セクレトーム"
    r"|(?-i:s?EVs?|EXOs?|Exos?|exos?|CM)\b)",  # "MSC-EVs", "ADSC-Exos", "MSC-CM": the product's abbreviation
    re.I,
)

# The body's own stem cells acted on, or named as a biology ("stem cell in situ activation",
# "mobilization of endogenous stem cells", "stem cell factor"): no cell product is given. On the
# same line only: the next line of a field ("Recruitment status") says nothing of the cells.
_NOT_GIVEN_AFTER = re.compile(
    r"^[ \t-]*(?:in[\s-]+situ\b|activat\w*|mobili[sz]\w*|homing\b|niches?\b|factors?\b|markers?\b|exhaustion\b"
    r"|depletion\b|recruitment\b|counts?\b|levels?\b|numbers?\b|frequenc\w*|percentages?\b|proportions?\b)",
    re.I,
)
# The body's own cells acted on by a drug, a device or light, or named as the biology a disease or
# a product works on: "hair follicle stem cell activation", "filgrastim mobilizes the patient's own
# bone marrow stem cells", "stimulates melanocyte proliferation", "neocollagenesis by fibroblasts",
# "mobilizes endothelial progenitor cells from bone marrow". Named so, a cell word is no product given.
_BIOLOGY_AFTER = re.compile(
    r"^[\s-]*(?:(?:stem|progenitor|stromal)[\s-]+cells?[\s-]+)?(?:activat\w*|mobili[sz]\w*|homing|niches?"
    # "stem" of "stem cell activator" (a drug), "stem cell mobilizing"
    r"|cells?[\s-]+(?:activators?|activating|mobili[sz]\w*)\b"
    r"|exhaustion|depletion|proliferation|migration|differentiation|apoptosis|senescence|survival|death"
    r"|dysfunction|function|activity|activities|stimulation|modulation|destruction|loss|damage|metabolism"
    r"|inflammation|accumulation|thickness|mass|distribution"  # "abdominal fat accumulation": the body's
    # a disease of the tissue (an exclusion's "bone marrow disease", "placenta previa"), no source
    r"|diseases?|disorders?|failure|suppression|aplasia|involvement|infiltration|previa|accreta|abruption"
    r"|insufficiency"
    r"|(?:pro|re)?generation\s+in\s+situ"
    # cells measured, not given: "stem cell markers", "regulatory T cells in the blood of patients"
    r"|(?:bio)?markers?|expression|counts?|densit(?:y|ies)|profiles?|signatures?"
    r"|in\s+(?:the\s+)?(?:peripheral\s+)?(?:blood|serum|plasma)\s+of"
    # the passive: "fibroblasts are stimulated by the laser", "melanocytes in the epidermis are inhibited by"
    r"|(?:(?:of|in)\s+(?:the\s+)?[\w-]+\s+)?(?:are|is|were|was|being|get|gets)\s+(?:\w+ly\s+)?(?:stimulated|inhibited|suppressed|targeted|damaged"
    r"|destroyed|killed|attacked|protected|reached|affected)\s+by)\b",
    re.I,
)
_BIOLOGY_BEFORE = re.compile(
    # (not "G-CSF-mobilized peripheral blood cells", "activated cells": cells given after it)
    r"(?:\b(?:mobili[sz](?:es?|ing|ation\s+of)|(?:re)?activat(?:es?|ing|ion\s+of)|stimulat(?:es?|ing)"
    r"|wak(?:es?|ing|ens?|ening)|awak\w*|revives?|reviving|targets?|targeting|acts?\s+on|acting\s+on"
    r"|inhibit(?:s|ing)?|protect(?:s|ing)?|suppress(?:es|ing)?|attack(?:s|ing)?|destroy(?:s|ing)?|modulat(?:es?|ing)"
    r"|(?:destruction|loss|death|proliferation|migration|activity|function|stimulation|modulation|inhibition"
    r"|protection)\s+of"
    r"|(?:production|synthesis|deposition|secretion)\s+(?:of\s+\w+\s+)?by"
    r"|\w*collagen\w*\s+by|(?:release|mobili[sz]\w*)\s+(?:[\w'-]+\s+){0,4}from"
    r"|expression\s+of|(?:bio)?markers?\s+(?:of|for|in|on)|counts?\s+of|densit(?:y|ies)\s+of"
    r"|infected|malignant|senescent|diseased))"  # "HPV-infected keratinocytes": the disease's cells
    r"\s+(?:the\s+)?(?:(?:patient|participant|body)(?:'s|s'|s)?\s+own\s+)?(?:[\w'-]+\s+){0,2}$"
    # the body's fat reduced, right before its name ("Reducing abdominal fat"; not "Reducing scars
    # with fat grafting")
    r"|\breduc(?:e|es|ing|tion\s+(?:of|in))\s+(?:the\s+)?$",
    re.I,
)
# Stem cells that are the patients' history, not the trial's product: "skin rash after allogeneic
# stem cell transplantation", "stem cell transplant recipients".
_TRANSPLANT_HISTORY = r"transplant\w*\s+(?:recipients?|survivors?|patients?|population)\b"
_HISTORY_AFTER = re.compile(rf"^[\s-]*{_TRANSPLANT_HISTORY}", re.I)
# What the patients had before the trial (shared with origins said of their past, below).
# A treatment the patients failed is theirs before the trial: "patients who failed autologous
# melanocyte transplantation", "refractory to topical steroids".
_FAILED = r"failed|failure\s+of|refractory\s+to|resistant\s+to|unresponsive\s+to|(?:did\s+)?not\s+respond\w*\s+to"
_IN_THE_PAST = rf"after|following|post|history\s+of|prior|previous|recipients?\s+of|{_FAILED}"
_HISTORY_BEFORE = re.compile(
    rf"\b(?:{_IN_THE_PAST}|undergoing|underwent|undergone|received|receiving|candidates? for)"
    r"\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
_TRANSPLANT_AFTER = re.compile(r"^[\s-]*transplant", re.I)
# A product the patients had before ("a history of autologous fat transfer", "prior fat grafting"):
# theirs, not the trial's. ("prior to ADSC injection" is the trial's own sequence.)
_HAD_BEFORE = re.compile(
    rf"\b(?:history\s+of|previous(?:ly)?|prior(?!\s+to\b)|{_FAILED})\s+(?:[\w-]+\s+){{0,2}}$", re.I
)
_NOT_GIVEN_BEFORE = re.compile(
    # "a gene delivered to skin cells": the cells a gene therapy reaches, not cells given
    r"\b(?:endogenous|resident|circulating|dormant|quiescent|own tissue'?s?|in[\s-]+situ|genes?\s+(?:in)?to"
    r"|(?:counts?|levels?|frequenc\w*|percentages?|proportions?)\s+of)\s+(?:[\w'/-]+\s+){0,2}[\w-]*/?$",
    re.I,
)
# Where a skin graft is taken from: "healthy donor sites" (no donor of cells), "Skin Graft Donor
# Site" as a condition (the wound, no graft given).
_SITE_WORDS = r"(?:sites?|areas?|wounds?)\b"
_GRAFTS_DONOR_SITE_AFTER = re.compile(rf"^[\s-]*donor[\s-]+{_SITE_WORDS}", re.I)
# A skin graft the patients need anyway, the product used with it: "an adjunct to meshed skin
# graft", "subjects requiring skin grafts for closure", "applied over skin grafts".
_GRAFT_THE_SETTING_BEFORE = re.compile(
    r"\b(?:adjuncts?\s+to|requir(?:e|es|ed|ing)|needs?|needed|needing|applied\s+(?:over|on|onto))\s+"
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)

# Lysates, "stem cells", exosomes and grafts of what is no human cell product: "platelet lysate",
# "plant stem cell extract" (a cosmetic's apple or grape cells), "rose stem cell exosomes", "Rosa
# damascena callus culture exosomes" (a plant's tissue culture), "fish skin graft" (an acellular xenograft).
_PLANTS = (
    r"plant|plants|botanical|callus|apple|grape|argan|edelweiss|ginseng|rosa|rose|ginger|lemon|grapefruit"
    r"|citrus|aloe|centella|orchid|lilac|tomato|carrot|broccoli|strawberry|lotus|seaweed|algae"
)
_NOT_OURS_BEFORE = re.compile(
    rf"\b(?:platelets?|{_PLANTS}|yeast|bacterial"
    r"|probiotic|lactobacill\w*|bifidobacter\w*|milk|colostrum|bovine|porcine|equine|ovine|fish|salmon|xenogeneic|xenograft)[\s-]+(?:[\w'-]+[\s-]+){0,2}"
    r"(?:stem[\s-]+cells?[\s-]+derived[\s-]+)?$",  # "rose stem cell-derived exosomes"
    re.I,
)
# A plant's stem cells named: "Stem cell-based cream with apple stem cell extract" speaks of the
# apple's cells where it says "stem cell" alone.
# (one word between at most, without hyphens: a run of hyphens split two ways would backtrack)
_PLANT_STEM_CELLS = re.compile(rf"\b(?:{_PLANTS})(?:[\s-]{{1,3}}[\w']+)?[\s-]{{1,3}}stem[\s-]+cells?\b", re.I)
# What a cell word names when another word follows: "cord blood platelet gel" (the platelet-rich
# plasma family), "keratinocyte growth factor" (a protein drug), "exosome-like nanoparticles" (a
# plant's), "melanocyte-stimulating hormone" (a hormone).
_NOT_OURS_AFTER = re.compile(
    r"^[\s-]*(?:like\b|(?:derived[\s-]+)?(?:platelets?|plasma)\b|growth[\s-]+factors?\b|peptides?\b"
    # a microbe's or a plant's: "secretome of probiotic bacteria", "exosomes derived from plants"
    r"|(?:of|from|derived\s+from)\s+(?:\w+\s+)?(?:probiotics?|bacteri\w*|lactobacill\w*|yeasts?|fung\w*|plants?|algae)\b"
    r"|derived[\s-]+factors?\b"  # "stromal cell-derived factor-1": a protein named after the cells
    # "melanocyte-stimulating hormone (afamelanotide)", "fibroblast activation protein": a drug or a target
    r"|stimulating[\s-]+hormones?\b|activation[\s-]+proteins?\b"
    # The plant after the cells, as Romance languages and German name it: "células madre vegetales",
    # "cellules souches de plantes", "cellule staminali di mela".
    # ("esosomi di origine vegetale", "exosomes d'origine végétale", "exosomas de origen vegetal")
    r"|(?:(?:de|di|d['’])\s*(?:origine|origen|origem)\s+)?(?:vegetales?|v[ée]g[ée]tales?|vegetali|vegetais|vegetal"
    r"|pflanzliche\w*)\b"
    r"|(?:de|di|da|do)\s+(?:plantes?|piante|plantas?|manzana|pomme|mela|ma[çc][ãa]|uva|raisin|rosa|rose)\b)",
    re.I,
)

# A blood's serum after its name ("cord blood serum", "cord blood-derived serum"): no cells.
_SERUM_AFTER = re.compile(r"^[\s-]*(?:derived[\s-]+)?serum\b", re.I)

# A tissue the cells are grown on or carried by, not where they come from: "melanocytes on amniotic
# membrane as a substrate", "a substrate of amniotic membrane", "amniotic membrane seeded with
# stem cells". A term named so once is the trial's scaffold wherever it is named.
_SCAFFOLD_AFTER = re.compile(
    r"^[\s-]*(?:membranes?\s+)?(?:as\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:substrate|scaffold|carrier|matrix|support)\b"
    r"|(?:seeded|loaded|covered|populated)\s+with\b"
    r"|with\s+(?:[\w-]+\s+){0,3}(?:cells|melanocytes|keratinocytes|fibroblasts)\b)",
    re.I,
)
_SCAFFOLD_BEFORE = re.compile(
    r"\b(?:(?:substrate|scaffold|carrier|matrix)\s+(?:made\s+)?of|(?:seeded|grown|cultured|cultivated|loaded)\s+on(?:to)?)"
    r"\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?$",
    re.I,
)

# A trial whose cells are the body's own, acted on in place or counted, names a procedure or a
# measure, not a product.
_CELLS_NOT_GIVEN = re.compile(
    r"\bstem[\s-]+cells?[\s-]+(?:in[\s-]+situ|activat\w*|mobili[sz]\w*|homing)"
    r"|\b(?:endogenous|resident|circulating)\s+(?:[\w-]+\s+)?(?:stem|progenitor|precursor)[\s-]+cells?",
    re.I,
)


# A condition field naming no disease: healthy volunteers or donors (a cell bank's) leave nothing
# for a curator to place.
_NO_DISEASE = re.compile(
    r"(?:healthy|normal)(?:\s+(?:adults?|volunteers?|subjects?|participants?|donors?|individuals?|people|persons?))?"
    r"|(?:healthy\s+)?(?:volunteers?|donors?)",
    re.I,
)


# Scope is judged by evidence. A skin trial that names something other than cells (platelet-rich
# plasma, a filler, an acellular matrix, a biologic or a topical drug) is a look-alike; one that
# names no product at all (a page cut before its interventions) is kept for a curator to judge.
_OTHER_PRODUCT = re.compile(
    r"\b(platelet[\s-]+rich|prp|prgf|plasma rich in growth factors|plasma\s+ric(?:o|he|co)\s+(?:en|em|di|in)\s+"
    r"(?:plaquetas|plaquettes|piastrine)|hyaluronic acid|dermal fillers?|fillers?"
    r"|botulinum|botox|acellular|decellulari[sz]ed|dermal matrix|collagen matrix|[a-z]{4,}(?:umab|imab|ximab|zumab"
    r"|cept|citinib|tinib)|creams?|cremas?|cr[èe]mes?|pomadas?|pommades?|ointments?|lotions?|tablets?|capsules?|hydroquinone|monobenzyl|tranexamic"
    r"|minoxidil|finasteride|methotrexate|tacrolimus|corticosteroids?|steroids?|vitamin|antibiotics?|lasers?|gels?"
    r"|peels?|microneedling|phototherapy|dressings?|membranes?|allografts?"
    # an acellular scaffold: "bilayer wound matrix", "dermal regeneration template", "dermal substitute"
    r"|matri(?:x|ces)|templates?|(?:dermal|skin)\s+substitutes?"
    # energy and light devices: "intense pulsed light", "radiofrequency microneedling"
    r"|intense[\s-]+pulsed[\s-]+light|ipl|radio[\s-]?frequency|photodynamic|cryotherapy|microdermabrasion"
    r"|lllt|photobiomodulation|peptides?|(?:scalp\s+)?cooling|photopheresis|chemotherap\w*|radiotherap\w*"
    # a plant's cells or vesicles, in the registries' languages: "esosomi di origine vegetale"
    r"|plant[\s-]+(?:derived|based|stem|exosomes?|extracts?)|vegetal(?:es)?|v[ée]g[ée]tales?|vegetali|vegetale"
    r"|vegetais|pflanzlich\w*"
    # a drug or a protein, as a news item names it: "losartan, a blood pressure drug", "a recombinant protein"
    r"|drugs?|recombinant|proteins?|gene[\s-]+therap(?:y|ies)|inhibitors?|antagonists?|agonists?|antibod(?:y|ies)"
    # blood and tissue products without cells: "platelet lysate", "cord blood plasma", "placental extract"
    r"|platelets?|plasma|lysates?|growth[\s-]+factors?|extracts?"
    # nucleotides, hydrolysates and secretions: "PDRN", "placenta hydrolysate", "snail secretion filtrate"
    r"|poly(?:deoxyribo)?nucleotides?|pdrn|hydrolysates?|filtrates?|amniotic\s+fluid|(?:autologous|whole)\s+blood"
    r"|mucins?|serums?|cell[\s-]+free\s+dna|cfdna"
    # wound care without cells: "leech therapy", "maggot debridement", "hyperbaric oxygen", "negative pressure"
    r"|leech(?:es)?|maggots?|larval|honey|hyperbaric|negative[\s-]+pressure|ozone|compression"
    # in Persian: platelet-rich plasma, platelets, plasma, a cream, a laser, botulinum toxin, a filler
    r"|پلاسمای\s+غنی\s+از\s+پلاکت|پلاکت|پلاسما|کرم|لیزر|بوتاکس|فیلر|هیالورونیک|ماینوکسیدیل|متوترکسات)\b",
    re.I,
)
# Diseases that are not of the skin: cells for them (a knee, a jaw, a fracture, graft-versus-host
# disease) are no regenerative-dermatology trial, whatever else the record says.
_NON_SKIN = re.compile(
    r"\b(arthritis|osteoarthritis|arthrosis|knee|joints?|cartilage|fractures?|non-?union|bones?(?![\s-]+marrow)|osteo\w*"
    r"|temporomandibular|jaw|graft[\s-]+versus[\s-]+host|gvhd|heart|cardi\w*|myocard\w*|liver|hepat\w*|cirrhosis"
    r"|kidney|renal|lungs?|pulmonary|respiratory|covid[\s-]*19|ards|stroke|brain|spinal|neuro\w*|parkinson\w*"
    r"|alzheimer\w*|crohn\w*|colitis|cancers?|tumou?rs?|leuka?emia|lymphoma|myeloma|sepsis|shock|infertility"
    r"|ovar\w*|erectile|dysphagia|cornea\w*|retin\w*|periodont\w*|teeth|tooth|muscular|gaucher"
    # Cancers of the skin too: cells against a tumour (lymphocytes, dendritic-cell vaccines) treat no tissue.
    r"|melanoma|carcinoma|sarcoma|metasta\w*|neoplasms?|oncolog\w*|mycosis\s+fungoides|s[ée]zary"
    r"|fistula\w*|perianal|anal|rectal|rectovaginal|bladder|urinary|incontinence|vocal|laryn\w*|limbal|ocular"
    r"|eyes?|nephr\w*|multiple sclerosis|lateral sclerosis|tendon\w*|oral|mouth|mucositis|xerostomia|salivary"
    r"|sj[öo]gren\w*|hearing|deafness|arterial|arteries|ischa?emi\w*|diabetes"
    r"|tendin\w*|rotator cuff|ligament\w*|intervertebral|lumbar|frailty"
    r"|glaucoma|macular degeneration|endometri\w*|uter\w*|asherman\w*|azoospermia|ana?emi\w*|thalass[ae]mi\w*|sickle"
    r"|ha?emophilia|cerebral|autis\w*|epilep\w*|dementia|bronchopulmonary|copd|cystitis|back pain"
    r"|disc degeneration|peyronie\w*|lympho?edema"
    # a tendon's, a limb's arteries', a cleft's bone: "tennis elbow", "Buerger's disease", "alveolar cleft"
    r"|epicondylitis|plantar fasci\w*|thromboangiitis|buerger\w*|cleft\s+(?:lip|palate)|alveolar"
    # Lupus of the whole body (its kidneys, joints, blood): the skin's own is "cutaneous" or "discoid".
    r"|systemic lupus|lupus nephritis"
    # The gums, the palate and the throat, the vagina, the palm's fascia, muscles and nerves.
    r"|gingiv\w*|gums?|palat\w*|velopharyn\w*|vagin\w*|genitourinary|dupuytren\w*|muscles?|sphincters?"
    r"|paralysis|palsy|ha?emorrhoid\w*|uveitis|scleritis|keratitis|conjunctivitis"
    # the rectum, the urethra and the gut: "radiation proctitis", "urethral stricture"
    r"|proct\w*|urethr\w*|esophag\w*|oesophag\w*|bowel|intestin\w*"
    # the nose, the ear and the eye's surface: "chronic rhinosinusitis", "tympanic membrane perforation"
    r"|rhinitis|rhinosinusitis|sinusitis|nasal\s+(?:polyps?|septum|obstruction)|tympan\w*|otitis|eardrums?"
    r"|keratoconjunctivitis|dry\s+eyes?)\b"
    # The same organs in the other languages registries print: French, German, Spanish, Portuguese.
    r"|\b(genou|articulations?|articulaire|arthrose|gonarthrose|coxarthrose|arthrite|artritis|artrite|artrosis|artrose|osteoartri\w*|fractures?|cœur|coeur|cardiaque|foie"
    r"|poumons?|rein|cerveau|moelle épinière|knie|kniegelenk|gelenke?|knochen|knorpel|herz|leber|niere|lunge|gehirn"
    r"|rückenmark|rodilla|articulaci[oó]n|hueso|cart[ií]lago|coraz[oó]n|h[ií]gado|ri[nñ][oó]n|pulm[oó]n|joelho"
    r"|articula[cç][aã]o|osso|cora[cç][aã]o|f[ií]gado|pulm[aã]o"
    # ... and their diseases: the liver's cirrhosis, the heart's failure, the kidneys', the lungs',
    # the spinal cord's injury, the nerves' sclerosis, the limbs' ischaemia, the ovaries'.
    r"|cirrh?os[ei]s?|cirrosi|hepát\w*|hépat\w*|hepatic[ao]s?|epatic\w*|card[íi]ac[ao]s?|cardiopat\w*"
    r"|insuffisance\s+cardiaque|infarct\w*|infarto|rénal\w*|renal[ei]s?|nefr\w*|néphr\w*|pulmonar\w*|pulmonaire\w*"
    r"|polmon\w*|neumon\w*|pneumon\w*|lesi[oó]n\s+medular|m[ée]dula\s+espin\w*|midollo\s+spinale|lesão\s+medular"
    r"|escler\w*\s+(?:lateral|m[uú]ltipl\w*)|sclérose\s+(?:latérale|en\s+plaques)|sclerosi\s+(?:laterale|multipla)"
    r"|isqu[eé]mi\w*|isch[ée]mi\w*|ictus|accidente\s+cerebrovascular|ovári\w*|ovarien\w*"
    r"|zirrhose|leberzirrhose|herzinsuff\w*|herzinfarkt|niereninsuff\w*|lungenfibrose|rückenmarks\w*"
    r"|querschnitt\w*|multiple\s+sklerose)\b"
    # Chinese, Japanese and Korean names of those organs' diseases (no word boundaries to match):
    # cirrhosis, liver failure, kidney disease, lung fibrosis, heart failure, infarction, spinal cord
    # injury, stroke, ALS, Parkinson's, Crohn's, limb ischaemia, systemic lupus, GVHD, ovarian
    # failure, the femoral head, the knee, cerebral palsy.
    r"|関節|顎|骨折|关节|관절|골절"
    r"|肝硬化|肝衰竭|肝纤维化|肝硬変|肝不全|肾病|肾衰|腎不全|腎症|肺纤维化|肺線維症|心力衰竭|心衰|心肌|心不全|心筋"
    r"|脊髓损伤|脊髄損傷|脑卒中|脑梗|脳梗塞|脳卒中|脑瘫|脳性麻痺|侧索硬化|側索硬化|帕金森|パーキンソン|克罗恩|クローン病"
    r"|下肢缺血|下肢虚血|系统性红斑狼疮|全身性エリテマトーデス|狼疮肾炎|移植物抗宿主|移植片対宿主|卵巢|卵巣|股骨头|膝"
    r"|간경변|간경화|간부전|신부전|폐섬유화|심부전|심근경색|척수손상|뇌졸중|뇌성마비|파킨슨|크론병|이식편대숙주|무릎|난소",
    re.I,
)


@dataclass(frozen=True)
class Term:
    name: str
    category: str = ""
    icd10: str = ""
    broad: bool = False
    synonyms: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()


def _key(text: str) -> str:
    return re.sub(r"[\s-]+", " ", text.lower()).strip()


# Chinese, Japanese and Korean scripts write words without spaces: a name in them matches inside
# longer text ("自己脂肪幹細胞" holds 脂肪, adipose), where an English name needs word boundaries; so
# does a Persian name, whose plural joins its word ("سلولهای بنیادی", stem cells).
_UNSPACED_SCRIPT = re.compile(f"[{UNSPACED_LETTERS}{JOINED_SUFFIX_LETTERS}]")


class _AccentFold(dict):
    """A Latin letter with its accents -> the bare letter ("í" -> "i"), one character for one, so a
    match in the folded text is at the same place in the text. Other scripts stay as written
    (a Korean syllable decomposes too, into letters of its own script)."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code))
        self[code] = decomposed[0] if len(decomposed) > 1 and decomposed[0].isascii() else chr(code)
        return self[code]


_ACCENTS = _AccentFold()


@lru_cache(maxsize=512)
def fold_accents(text: str) -> str:
    """'vitíligo' -> 'vitiligo': pages in Spanish, Portuguese or French accent a name or leave it
    bare ("psoríase", "dermatite atopica"), so names are matched without their accents."""
    return text if text.isascii() else text.translate(_ACCENTS)


def _unspaced(word: str) -> bool:
    return bool(_UNSPACED_SCRIPT.search(word))


_CONSONANT_Y = re.compile(r"(?<=[b-df-hj-np-tv-xz])y$")


def _pattern(synonyms, abbreviations) -> re.Pattern:
    """One regex for many words: synonyms any case (plurals too), abbreviations exact case, names
    in unspaced scripts anywhere.

    Longest first, so at any place the longest name wins ("umbilical cord blood" is cord blood,
    not umbilical cord).
    """
    unspaced = sorted({word for word in synonyms if _unspaced(word)}, key=len, reverse=True)
    synonyms = [word for word in synonyms if not _unspaced(word)]
    words = sorted(set(synonyms), key=len, reverse=True)
    # An apostrophe matches the typographic one pages print ("patient’s own"); a last "y" after a
    # consonant is "ies" in plural ("pressure injuries").
    parts = [
        _CONSONANT_Y.sub(
            "(?:y|ies)",
            r"[\s-]+".join(re.escape(piece).replace("'", "['’]") for piece in re.split(r"[\s-]+", word)),
        )
        for word in words
    ]
    alternatives = []
    if parts:
        alternatives.append(f"(?i:(?:{'|'.join(parts)})(?:e?s)?)")
    if abbreviations:
        alternatives.append(
            "(?:" + "|".join(re.escape(word) for word in sorted(set(abbreviations), key=len, reverse=True)) + ")"
        )
    spaced = r"\b(?:" + "|".join(alternatives) + r")(?![A-Za-z0-9])" if alternatives else ""
    if not unspaced:
        return re.compile(spaced or r"(?!)")
    anywhere = "(?:" + "|".join(re.escape(word) for word in unspaced) + ")"
    # English names first: at one position the spaced alternative is tried before the unspaced.
    return re.compile(f"{spaced}|{anywhere}" if spaced else anywhere)


_TOKEN = re.compile(r"[A-Za-z0-9]+")


@lru_cache(maxsize=256)
def _lower_words(text: str) -> frozenset:
    """A text's words in lower case. Memoized: every vocabulary asks about the same texts."""
    return frozenset(_TOKEN.findall(text.lower()))


@lru_cache(maxsize=256)
def _exact_words(text: str) -> frozenset:
    return frozenset(_TOKEN.findall(text))


def _with_plurals(words: list[str]) -> list[frozenset]:
    """A name's word sets, its last word also in plural ("acne scar" matches "acne scars",
    "pressure injury" "pressure injuries")."""
    *head, last = words
    endings = [last, last + "s", last + "es"]
    if _CONSONANT_Y.search(last):
        endings.append(last[:-1] + "ies")  # "injury" -> "injuries"
    return [frozenset([*head, ending]) for ending in endings]


@dataclass(frozen=True)
class Vocabulary:
    """The terms of one kind, with one regex over all their names.

    Most text names none of them, so a text runs through the regex only when one of its words
    can start a name (a set intersection, far cheaper than the regex).
    """

    terms: tuple[Term, ...]
    pattern: re.Pattern
    by_synonym: dict
    by_abbreviation: dict
    # first word -> the word sets of the names it starts (synonyms in lower case, abbreviations exact)
    synonym_words: dict
    abbreviation_words: dict
    # names in an unspaced script (Chinese, Japanese, Korean): looked for as substrings
    unspaced_names: tuple = ()

    @classmethod
    def of(cls, terms: list[Term]) -> Vocabulary:
        by_synonym = {_key(fold_accents(word)): term for term in terms for word in term.synonyms}
        by_abbreviation = {word: term for term in terms for word in term.abbreviations}
        synonyms = [fold_accents(word) for term in terms for word in term.synonyms]
        abbreviations = [word for term in terms for word in term.abbreviations]
        synonym_words: dict[str, list[frozenset]] = {}
        for word in synonyms:
            if _unspaced(word):
                continue
            words = _TOKEN.findall(word.lower())
            for variant in _with_plurals(words) if words else []:
                first = words[0] if len(words) > 1 else next(iter(variant))
                synonym_words.setdefault(first, []).append(variant)
        abbreviation_words: dict[str, list[frozenset]] = {}
        for word in abbreviations:
            words = _TOKEN.findall(word)
            if words:
                abbreviation_words.setdefault(words[0], []).append(frozenset(words))
        return cls(
            tuple(terms),
            _pattern(synonyms, abbreviations),
            by_synonym,
            by_abbreviation,
            synonym_words,
            abbreviation_words,
            tuple(sorted({word for word in synonyms if _unspaced(word)}, key=len, reverse=True)),
        )

    def finditer(self, text: str):
        """The names in the text, accents or none (a match's place is its place in `text`)."""
        return self.pattern.finditer(fold_accents(text))

    def search(self, text: str):
        return self.pattern.search(fold_accents(text))

    def may_match(self, text: str) -> bool:
        """False only when some word of every name is missing from the text: no name can match."""
        # (every such name holds a letter of its script: a text without any, an accented French or
        # Spanish one, is not scanned for them)
        if (
            self.unspaced_names
            and not text.isascii()
            and _UNSPACED_SCRIPT.search(text)
            and any(name in text for name in self.unspaced_names)
        ):
            return True
        lowered = _lower_words(fold_accents(text))
        for first in self.synonym_words.keys() & lowered:
            if any(words <= lowered for words in self.synonym_words[first]):
                return True
        if self.abbreviation_words and not self.abbreviation_lower.isdisjoint(lowered):
            exact = _exact_words(text)  # abbreviations match in their own case only
            for first in self.abbreviation_words.keys() & exact:
                if any(words <= exact for words in self.abbreviation_words[first]):
                    return True
        return False

    @property
    def abbreviation_lower(self) -> frozenset:
        return frozenset(first.lower() for first in self.abbreviation_words)

    def term_for(self, matched: str) -> Term | None:
        if matched in self.by_abbreviation:
            return self.by_abbreviation[matched]
        key = _key(matched.replace("’", "'"))
        singular_y = key[:-3] + "y" if key.endswith("ies") else key  # "injuries" -> "injury"
        for candidate in (key, key[:-1], key[:-2], singular_y):  # plural forms
            if candidate in self.by_synonym:
                return self.by_synonym[candidate]
        return None

    def subset(self, keep) -> Vocabulary:
        return Vocabulary.of([term for term in self.terms if keep(term)])

    def __iter__(self):
        return iter(self.terms)


@dataclass
class Classification:
    conditions: list[str] = field(default_factory=list)
    cell_sources: list[str] = field(default_factory=list)
    product_types: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    routes: list[str] = field(default_factory=list)
    procedures: list[str] = field(default_factory=list)
    # {"conditions": {"Melasma": [{"field": "brief_summary", "text": "melasma"}, ...]}, ...}
    evidence: dict = field(default_factory=dict)
    unplaced_conditions: list[str] = field(default_factory=list)
    complete: bool = True  # False when classify(scope_only=True) stopped early: out of scope
    # Why a borderline trial is kept for a curator to judge ("" when the evidence decided).
    borderline: str = ""

    @property
    def in_scope(self) -> bool:
        return bool(self.conditions) and bool(self.cell_sources or self.product_types) or bool(self.borderline)


def vocabulary_from_data(data: dict) -> dict[str, Vocabulary]:
    """Each kind's vocabulary from entries shaped like catalog/data/taxonomy.json; conditions
    also split into specific and broad ones."""
    vocabularies = {
        kind: Vocabulary.of(
            [
                Term(
                    name=entry["name"],
                    category=entry.get("category", ""),
                    icd10=entry.get("icd10", ""),
                    broad=bool(entry.get("broad")),
                    synonyms=tuple(entry.get("synonyms", [])),
                    abbreviations=tuple(entry.get("abbreviations", [])),
                )
                for entry in entries
            ]
        )
        for kind, entries in data.items()
        if not kind.startswith("_")
    }
    vocabularies["specific_conditions"] = vocabularies["conditions"].subset(lambda term: not term.broad)
    vocabularies["broad_conditions"] = vocabularies["conditions"].subset(lambda term: term.broad)
    return vocabularies


@lru_cache(maxsize=4)
def _taxonomy_data(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def load_vocabulary(path: str = str(TAXONOMY_FILE)) -> dict[str, Vocabulary]:
    """The vocabularies of the data file (the database's seed; what the pure tests use)."""
    return vocabulary_from_data(_taxonomy_data(path))


@lru_cache(maxsize=1)
def _cellular_products() -> re.Pattern:
    """The data file's products known to hold cells by a code, brand or international name ("ALLO-ASC-DFU",
    "TheraSkin"), in any case."""
    names = _taxonomy_data(str(TAXONOMY_FILE))["_cellular_products"]["names"]
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")(?![^\W_])", re.I)


def _cellular_product_named(record: TrialRecord) -> str:
    """The first known cellular product named where the trial's cells would be read (titles,
    keywords, the interventions and arms it gives, its summary and description), or ""."""
    fields = _text_fields(record)
    for name, text in (*fields["product"], *fields["primary"], *fields["narrative"]):
        if text and name != "inclusion_criteria" and (found := _cellular_products().search(text)):
            return found[0]
    return ""


# A sentence telling the field's background, not what this trial gives: "Literature reviews show
# that exosomes of cord blood MSCs ...", "Previous studies have shown ...", "in animal models".
_MADE_IN_THE_LAB = (
    *("grown", "cultured", "expanded", "corrected", "modified", "engineered", "multiplied", "processed"),
    # "correct the gene in the skin's stem cells in the lab, and grow them into sheets": the cells made there
    *("grow", "culture", "expand", "correct", "modify", "engineer", "multiply", "process", "cells", "cell"),
)
_BACKGROUND = re.compile(
    r"\b(?:literature|(?:previous|prior|earlier|former|several|many|recent|animal|preclinical)\s+(?:[\w-]+\s+)?"
    r"(?:studies|trials|reports|research|work|approaches|attempts|study|trial)"
    # a company's other product: "Its earlier product, CSB-02, completed a Phase 1 study of ..."
    # (not its "lead product", which may be the one on trial)
    r"|(?:previous|prior|earlier|former|other)\s+(?:[\w-]+\s+)?(?:products?|candidates?|programs?|programmes?)\b"
    r"|studies\s+(?:have|has)\s+(?:shown|demonstrated|reported|suggested)"
    r"|(?:has|have)\s+been\s+(?:shown|reported|demonstrated)|research\s+(?:has|have)\s+shown|in\s+animal\s+models?"
    # A news item's other work: "were used in the lab to confirm ...", "in laboratory studies" (not
    # how the trial's cells are made: "skin cells, corrected in the lab, ...")
    r"|" + "".join(f"(?<!{verb} )" for verb in _MADE_IN_THE_LAB) + r"in\s+the\s+lab(?:oratory)?"
    r"|laboratory\s+(?:studies|experiments|work|tests)"
    r"|in\s+(?:mice|rats)"  # not "in vitro": the trial's own cells are "expanded in vitro"
    # another trial the page tells of: "That trial was the first to use a person's own fat-derived cells",
    # "In a related trial, allogeneic keratinocytes were used"
    r"|that\s+(?:trial|study)|(?:related|another|separate|companion|sister)\s+(?:[\w-]+\s+)?(?:trial|study)"
    # ... or others it lists: "Other trials: Autologous fibroblasts for acne scars (NCT...)", "Similar
    # studies" (not "Unlike other trials, this study gives ...")
    r"|(?<!unlike\s)(?<!than\s)(?:other|similar|related)\s+(?:[\w-]+\s+)?(?:trials|studies)"
    # ... or another way to treat the disease: "Another approach uses the patient's own skin cells"
    r"|(?<!unlike\s)(?<!than\s)(?:another|other|alternative)\s+(?:[\w-]+\s+)?(?:approach|approaches|treatments?"
    r"|therap(?:y|ies)|options?|strateg(?:y|ies))"
    # the site's or its people's other work: "Our clinic has offered autologous fat transfer since 2005",
    # "Learn more about our autologous stem cell banking service", "Dr. Example pioneered ...",
    # "The company also develops allogeneic cell therapies for other diseases"
    r"|our\s+(?:clinic|hospital|cent(?:er|re)|practice|unit|team|department)\s+(?:has\s+)?(?:offer|provid|perform)\w*"
    r"|our\s+(?:[\w-]+\s+){0,4}services?|(?:learn|find\s+out|read)\s+more"
    r"|pioneered|also\s+(?:develop|offer|provid|perform)\w*"
    # a person's or a team's experience: "Dr. Kim has performed over 500 autologous hair transplants"
    r"|(?:has|have)\s+(?:performed|carried\s+out|done|treated)\s+(?:over\s+|more\s+than\s+|nearly\s+)?\d[\d,]*"
    # what else the field is doing: "Allogeneic products are also in development", "... are also being
    # tested in psoriasis"
    r"|(?:is|are)\s+also\s+(?:(?:in|under)\s+development|being\s+(?:developed|studied|tested|investigated))"
    # the team's earlier work: "We previously showed that autologous SVF was safe"
    r"|previously\s+(?:showed|shown|reported|demonstrated|found|published|described|treated|used))\b",
    re.I,
)


# A product's code name glued around an abbreviation: "ALLO-ASC-DFU", "XY-MSC-101".
_CODE_BEFORE = re.compile(r"\b[A-Z0-9]{2,}-$")
_CODE_AFTER = re.compile(r"^-[A-Z0-9]{2,}\b")
# ... or a condition's abbreviation opening it, its number after: "EB-301" is a product, not
# epidermolysis bullosa.
_ABBREVIATION = re.compile(r"[A-Z]{2,6}")
_CODE_NUMBER_AFTER = re.compile(r"^-\d{2,}\b")


# What care already is, said of a product in its sentence: "Autologous skin grafting is the gold
# standard for deep burns", "... grafts remain the standard of care", "Autologous melanocyte
# transplantation is an established treatment" (or "the usual treatment", "widely used"),
# "Autologous grafting, the current standard, ...".
# Background to the trial's product, not the product.
_ESTABLISHED_CARE_AFTER = re.compile(
    r"^[^.;:\n]{0,60}?(?:\b(?:is|are|remains?|has\s+(?:long\s+)?been|have\s+(?:long\s+)?been)\s+"
    r"(?:still\s+|currently\s+|now\s+|widely\s+|considered\s+)?|,\s*)(?:the|an?)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:gold[\s-]standard|standard|established|accepted|conventional|mainstay|first[\s-]line|treatment\s+of\s+choice"
    r"|usual|routine|traditional|classic(?:al)?|most\s+(?:common|widely\s+used))\b"
    # "Autologous fat grafting is widely used for ...": common practice, said so
    r"|^[^.;:\n]{0,60}?\b(?:is|are)\s+(?:commonly|widely|routinely|often|frequently)\s+(?:used|performed|offered)\b",
    re.I,
)


# A glossary's definition: "Autologous means the cells come from your own body; allogeneic means
# they come from a donor" (not "This means patients receive their own cells").
_DEFINITION = re.compile(
    # (after a glossary's heading on its line: "Glossary: Allogeneic means from a donor")
    r"^\s*(?:[\w'-]+(?:\s+[\w'-]+)?\s*:\s*)?"
    r"(?!(?:this|that|it|which)\b)[\w'-]+(?:\s+[\w'-]+)?\s+(?:means|refers\s+to|is\s+defined\s+as)\b",
    re.I,
)


def _in_background_sentence(text: str, at: int) -> bool:
    # A clause after a semicolon is a sentence of its own: "We previously showed ...; this trial uses ..."
    start = max(text.rfind(". ", 0, at), text.rfind("; ", 0, at), text.rfind("\n", 0, at)) + 1
    ends = [index for index in (text.find(". ", at), text.find("; ", at), text.find("\n", at)) if index != -1]
    sentence = text[start : min(ends) if ends else len(text)]
    return bool(_BACKGROUND.search(sentence) or _DEFINITION.match(sentence))


# An origin said of another product the patients get beside the cells ("autologous platelet-rich
# plasma", "autologous serum") or of what they had before ("after allogeneic stem cell transplantation",
# "previously had autologous fat grafting"): not the origin of the trial's cells.
_ORIGIN_OF_ANOTHER_AFTER = re.compile(
    r"^[\s-]*(?:platelet|prp|prgf|serum|plasma|(?:whole\s+|venous\s+)?blood\b(?![\s-]+(?:stem|mononuclear|derived))"
    r"|fibrin|conditioned\s+serum"
    # a graft, today's care beside the cells: "patients undergoing autologous skin grafting", "the
    # donor site of the autologous graft" (a graft of the cells is theirs: "autologous grafts of
    # cultured melanocytes"; so is "autologous melanocyte graft", the cells named first)
    r"|(?:(?:split|full|partial)[\s-]+thickness\s+)?(?:skin\s+)?graft(?!\w*\s+(?:of|with)\s+(?:[\w-]+\s+){0,2}"
    r"(?:cells?|cultured|keratinocytes?|melanocytes?|fibroblasts?|epiderm\w*))"
    # in Chinese, Japanese and Korean: platelet-rich plasma, plasma, serum, blood
    r"|富血小板|多血小板|血小板|血浆|血漿|血清|血液|혈소판|혈장|혈청)",
    re.I,
)
# ... or after the product, as the Romance languages put it: "plasma autólogo rico en plaquetas",
# "sangue autólogo", "plasma riche en plaquettes autologue".
_ORIGIN_OF_ANOTHER_BEFORE = re.compile(
    r"\b(?:plasma|sangre|sangue|sang|suero|soro|sérum|siero|plaquettes|plaquetas|piastrine|plaquetário)"
    r"\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)
# The patients' past or their exclusion, said in the origin's sentence, in English and the
# registries' other languages: "排除标准：既往接受过异体干细胞移植者", "除外基準：自家造血幹細胞移植の既往",
# "Criterios de exclusión: trasplante alogénico previo", "제외기준: 동종 조혈모세포이식 병력".
_EXCLUDED_IN_THE_SENTENCE_BEFORE = re.compile(
    r"(?:\bexclu\w*|\bexclusi[oó]n\w*|\bexclusão|\bausschluss\w*|排除|除外|제외|既往|曾经?接受|antécédents?)"
    r"[^\n.。;；!?]*$",
    re.I,
)
_PAST_AFTER = re.compile(r"^[^\n。；;]{0,16}?(?:の既往|既往|病史|병력|이력|\bprevi[oa]s?\b|\bantérieure?s?\b)", re.I)
# (right before the origin: "receiving autologous cells" is the trial's own product)
# ("Post-allogeneic HSCT patients", "must have undergone allogeneic HSCT": the patients' past; not
# "30 patients underwent autologous ..." or "have received autologous SVF", which a completed trial
# says of its own product)
_ORIGIN_IN_THE_PAST_BEFORE = re.compile(
    rf"\b(?:{_IN_THE_PAST}|previously\s+(?:had|received|underwent)|(?:must|should)\s+have\s+undergone"
    r"|having\s+undergone|had\s+undergone)"
    r"(?:\s+(?:an?\s+)?|-)$",
    re.I,
)
_NON_BEFORE = re.compile(r"\bnon[\s-]?$", re.I)
# A treatment the trial forbids beside its own: "Autologous hair transplantation is not allowed
# during the study", "fat grafting is prohibited".
_NOT_ALLOWED_AFTER = re.compile(
    r"^[^.;:\n]{0,50}?\b(?:(?:is|are|will\s+be)\s+not\s+(?:allowed|permitted)|(?:is|are)\s+(?:prohibited|forbidden))\b",
    re.I,
)
# The patients a trial turns away, named by what they had: "Patients with autologous stem cell
# transplantation in the past 5 years are not eligible", "Participants who received allogeneic cells
# before will be excluded" (the sentence's end may be far from the origin).
_TURNED_AWAY_BEFORE = re.compile(
    r"\b(?:patients|participants|subjects|those|anyone|people|individuals)\s+(?:with|who\s+(?:have\s+|has\s+)?"
    r"(?:had|received|underwent|undergone))\s+(?:(?:an?|any|prior|previous)\s+)?$",
    re.I,
)
_TURNED_AWAY_AFTER = re.compile(
    r"^[^.;\n]{0,120}?\b(?:(?:is|are)\s+(?:not\s+eligible|ineligible)|(?:is|are|will\s+be)\s+excluded"
    r"|cannot\s+(?:take\s+part|participate|enrol+))\b",
    re.I,
)
# The patients' own body acted on or measured, not a tissue taken: "apply the gel to their own
# skin", "the patient's own hair density", "patient-derived outcomes", "photos taken from the patient".
_ONTO_BEFORE = re.compile(
    r"\b(?:to|on|onto|into|over|at)[^\S\n]+(?:the[^\S\n]+)?(?:(?:their|his|her|its|patients?['’]?s?"
    r"|participants?['’]?s?|subjects?['’]?s?)[^\S\n]+)?$",
    re.I,
)
_NO_PRODUCT_AFTER = re.compile(
    r"^[\s-]*(?:(?:outcomes?|data|reports?|measures?|information|questionnaires?|scores?|assessments?|xenografts?"
    r"|organoids?|controls?|comparisons?"
    # the patients' body at work: "the patient's own immune system destroys melanocytes"
    r"|immune|immunity|antibod\w*|defen[cs]es?)\b"
    # a design, not a product: "自体对照" (self-controlled), "自己対照", "자가 대조"
    r"|对照|對照|対照|대조"
    # the patients' past: "allogeneic hematopoietic transplant recipients are excluded"
    rf"|(?:[\w-]+\s+){{0,3}}{_TRANSPLANT_HISTORY})",
    re.I,
)
# (within the line: "... information for consumers" above a paragraph says nothing of it)
_NO_PRODUCT_BEFORE = re.compile(
    r"\b(?:photos?|photographs?|images?|pictures?|consent|histor(?:y|ies)|measurements?|questionnaires?|data"
    r"|information|samples?|specimens?|swabs?)[^\S\n]+(?:[\w-]+[^\S\n]+){0,2}$",
    re.I,
)


# An origin said of a kind of care, not of the trial's product: "Autologous approaches require a
# biopsy", "Current autologous options are costly", "Conventional autologous melanocyte transplantation
# requires surgery". A kind is plural and opens its sentence or follows a word for today's care (the
# trial's own are counted, "two autologous treatments", or named: "the autologous cell therapy"); or
# it is called conventional or traditional.
_A_KIND_OF_CARE_BEFORE = re.compile(
    r"(?:^|[.;!?]\s+|\n\s*|\b(?:current|standard|older|other|most|many|all)\s+)$",
    re.I,
)
_A_KIND_OF_CARE_AFTER = re.compile(
    r"^[\s-]*(?:[\w-]+\s+){0,2}?(?:approaches|options|methods|techniques|strategies|alternatives|modalities"
    r"|therapies|treatments|procedures)\b",
    re.I,
)
# (conventional care is such a kind whatever follows: "conventional autologous melanocyte transplantation")
_CARE_AS_IT_IS_BEFORE = re.compile(r"\b(?:conventional|traditional|existing|classic(?:al)?)\s+$", re.I)
# ... or it opens a body's name: "the Allogeneic Cell Therapy Network", "Autologous Cell Processing
# Facility" (capitalised words up to a body's word).
_A_BODYS_NAME_AFTER = re.compile(
    r"^(?:\s+(?:[A-Z][\w-]*|of|and|for|&)){0,5}?\s+(?:Network|Facility|Cent(?:er|re)|Laborator(?:y|ies)|Lab|Unit"
    r"|Consortium|Foundation|Institute|Program(?:me)?|Group|Society|Core|Service|Alliance|Association)\b"
)


def _of_a_kind_of_care(said: str, before: str, after: str) -> bool:
    return bool(
        (_A_KIND_OF_CARE_BEFORE.search(before) and _A_KIND_OF_CARE_AFTER.match(after))
        or _CARE_AS_IT_IS_BEFORE.search(before)
        or (said[:1].isupper() and _A_BODYS_NAME_AFTER.match(after))
    )


_DONOR_SITE_AFTER = re.compile(rf"^[\s-]*{_SITE_WORDS}", re.I)  # after "donor" (_SITE_WORDS says why)
# "Third-party" and "off-the-shelf" say allogeneic only of cells or a cell product ("third-party
# MSCs", "an off-the-shelf allogeneic product"), not of an assessor or a dressing.
_BARE_ORIGIN_WORD = re.compile(r"(?i)third[\s-]party|off[\s-]the[\s-]shelf")
_OF_CELLS_AFTER = re.compile(
    r"^[\s-]*(?:[\w-]+\s+){0,3}?(?:cells?|mscs?|stem|stromal|mesenchymal|donors?|keratinocytes?|fibroblasts?"
    r"|melanocytes?|exosomes?|vesicles?|secretomes?|medium|media|products?|therap(?:y|ies)|allogen\w*"
    r"|skin\s+substitutes?|grafts?|sheets?)\b",
    re.I,
)


# "The patient's own ..." names an origin only of something taken from the body: "the patient's
# own fat", "their own skin cells"; not "at the participant's own expense", "in the patient's own
# home", "the patient's own perception of improvement".
_ONE_OWN = re.compile(r"(?i)\w+(?:['’]s|s['’])\s+own")  # "patient's own", "participants' own"
_TAKEN_FROM_THE_BODY_AFTER = re.compile(
    r"^[\s-]*(?:[\w-]+\s+){0,2}?(?:cells?|fat|adipose|lipoaspirate|skin|tissues?|blood|bone|marrow|hair|follic\w*"
    r"|stem|stromal|keratinocytes?|melanocytes?|fibroblasts?|epiderm\w*|dermis|dermal|plasma|serum|platelets?"
    r"|grafts?|biops\w*|scalp"
    # where the tissue is taken from ("collected from the patient's own hip")
    r"|hips?|iliac|pelvi\w*|thighs?|abdom\w*|belly|tummy|buttocks?|flanks?|upper\s+arms?)\b",
    re.I,
)
# ... or said of the cells: "The cells are the patient's own".
_ARE_BEFORE = re.compile(
    r"\b(?:cells?|grafts?|tissues?|fat|products?|they)\s+(?:are|is|will\s+be)\s+(?:the|each)\s+$", re.I
)
# ... and hair rated is the patients' own measure: "rate their own hair growth" (its density,
# count, thickness and loss are the body's: _BIOLOGY_AFTER).
_HAIR_MEASURED_AFTER = re.compile(r"^\s+(?:re)?(?:growth|quality|shedding)\b", re.I)

# A biopsy taken for tests, not for cells: "A skin biopsy will be taken from the patient for
# histology" (one taken to grow the cells is their origin: "keratinocytes cultured from a biopsy").
_BIOPSY_BEFORE = re.compile(r"\bbiops(?:y|ies)\b[^.;\n]{0,40}$", re.I)
_FOR_TESTS_AFTER = re.compile(
    r"^[^.;\n]{0,30}?\bfor\s+(?:histolog|patholog|analys[ie]s|diagnos|testing|assessment|evaluation|measurement"
    r"|laboratory|lab\b|biomarker)",
    re.I,
)


def _origin_of_nothing_given(
    said: str, before: str, rest: str, cells_read: bool, products: frozenset = frozenset(), product_vocabulary=None
) -> bool:
    """Is an origin word said of no product the trial gives: of the patients' past ("after
    allogeneic stem cell transplantation"; "patients with autologous ... are not eligible"),
    negated ("non-autologous"), of their body acted on or measured ("to their own skin", "own hair
    density", "patient-derived outcomes", "their own immune system", "blood samples obtained from
    the patient"), of what is theirs but no tissue ("at the participant's own expense"), of a
    graft's donor site ("healthy donor sites"), of anything but cells ("a third-party assessor",
    "off-the-shelf dressings"), or, where cells are read, of another product beside them
    ("UC-MSC exosomes with autologous PRP"; a PRP trial's own origin is its product's), or of a
    product named after it that the trial does not give (`products`, the trial's: "the clinic has
    offered autologous fat grafting since 2012" on an exosome trial's page). `rest` is the text
    after the word, to the end of its sentence's reach."""
    after = rest[:60]
    return bool(
        (cells_read and _ORIGIN_OF_ANOTHER_AFTER.match(after))
        or (
            cells_read
            and products
            and product_vocabulary
            and _of_a_product_not_given(after, products, product_vocabulary)
        )
        or (said.lower().endswith("donor") and _DONOR_SITE_AFTER.match(after))
        or (cells_read and _ORIGIN_OF_ANOTHER_BEFORE.search(before))
        or _ORIGIN_IN_THE_PAST_BEFORE.search(before)
        or _EXCLUDED_IN_THE_SENTENCE_BEFORE.search(before)
        or _PAST_AFTER.match(after)
        or _NOT_ALLOWED_AFTER.match(after)
        or (_TURNED_AWAY_BEFORE.search(before) and _TURNED_AWAY_AFTER.match(rest))
        or _NON_BEFORE.search(before)
        or (re.match(r"(?i)own\b", said) and _ONTO_BEFORE.search(before))
        or (_ONE_OWN.fullmatch(said) and not _TAKEN_FROM_THE_BODY_AFTER.match(after) and not _ARE_BEFORE.search(before))
        or (said.lower().endswith("own hair") and _HAIR_MEASURED_AFTER.match(after))
        or _NO_PRODUCT_AFTER.match(after)
        or _BIOLOGY_AFTER.match(after)
        or _NO_PRODUCT_BEFORE.search(before)
        or (_BIOPSY_BEFORE.search(before) and _FOR_TESTS_AFTER.match(after))
        or (_BARE_ORIGIN_WORD.fullmatch(said) and not _OF_CELLS_AFTER.match(after))
    )


# The words right after an origin that may name its product ("autologous fat grafting", "allogeneic
# umbilical cord MSC-derived exosomes"): up to the clause's end, the product's name starting in
# the first three words.
_PRODUCT_AFTER_ORIGIN = re.compile(r"^[^,;.:()\n]{1,60}")
_THREE_WORDS = re.compile(r"^\s*(?:\S+\s+){0,2}")


def _of_a_product_not_given(after: str, products: frozenset, vocabulary: Vocabulary) -> bool:
    """Is the product named right after an origin one the trial does not give? Cells named there do
    not count: they may be what the trial's product is made from ("exosomes isolated from donated
    mesenchymal stem cells"). (No product named there: the origin is kept.)"""
    words = _PRODUCT_AFTER_ORIGIN.match(after)
    if not words:
        return False
    first = next(vocabulary.finditer(words[0]), None)
    if first is None or first.start() > _THREE_WORDS.match(words[0]).end():
        return False
    term = vocabulary.term_for(first[0])
    return term is not None and term.name != "Cells" and term.name not in products


def _tag(
    vocabulary: Vocabulary,
    fields: list[tuple[str, str]],
    check_context: bool = False,
    compared: bool = False,
    carriers: bool = False,
    organs: bool = False,
    patients: bool = False,
    origins: bool = False,
    cells_read: bool = False,
    products: frozenset = frozenset(),
    product_vocabulary: Vocabulary | None = None,
    background: bool = False,
) -> dict[str, list[dict]]:
    """{term name: [evidence]} for every term found in any of the fields, negated mentions left out
    (with `compared`, mentions of what the product is compared with too; with `carriers`, a tissue
    the cells are carried on; with `organs`, a condition of another organ: "vocal fold scar"; with
    `patients`, a condition naming who is treated: "sepsis in burn patients"; with `origins`, an
    origin said of no product the trial gives, `cells_read` saying whether cells were read and
    `products` which, named by `product_vocabulary`: _origin_of_nothing_given; with `background`,
    a mention in a narrative's sentence about the field or another trial: _in_background_sentence)."""
    tags: dict[str, list[dict]] = {}
    scaffolds: set[str] = set()
    for field_name, text in fields:
        if not text or not vocabulary.may_match(text):
            continue
        for match in vocabulary.finditer(text):
            term = vocabulary.term_for(match.group(0))
            if term is None:
                continue
            before = text[max(0, match.start() - 80) : match.start()]
            negation = _NEGATION.search(before)
            if negation and negation[1].lower() == "no" and _PORTUGUESE.search(text):
                negation = None
            if negation or (
                compared
                and (_COMPARED_BEFORE.search(before) or _STANDARD_CARE_BEFORE.search(before))
                and not _HEAD_TO_HEAD_ORIGINS.search(before + match.group(0) + text[match.end() : match.end() + 40])
            ):
                continue
            wider_after = text[match.end() : match.end() + 60]
            after = wider_after[:40]
            if origins and _origin_of_nothing_given(
                match.group(0), before, text[match.end() : match.end() + 160], cells_read, products, product_vocabulary
            ):
                continue
            if origins and field_name in _NARRATIVE_RECORD_FIELDS and _of_a_kind_of_care(match.group(0), before, after):
                continue  # "Autologous approaches require a biopsy": the field's care, not the product
            if organs and (_INNER_ORGAN_BEFORE.search(before) or _INNER_ORGAN_AFTER.match(after)):
                continue  # "vocal fold scar", "burns of the eye": another organ's, not the skin's
            if organs and _ANOTHER_ORGANS_DISEASE_AFTER.match(wider_after):
                continue  # "psoriatic arthritis", "systemic sclerosis-associated interstitial lung disease"
            if patients and (_THE_PATIENTS_AFTER.match(after) or _THE_PATIENTS_BEFORE.search(before)):
                continue  # "sepsis in burn patients", "knee osteoarthritis in patients with psoriasis"
            if background and field_name in _NARRATIVE_RECORD_FIELDS and _in_background_sentence(text, match.start()):
                continue  # "Its earlier product completed a study in burns": another trial's condition
            if (
                (check_context or carriers or compared)
                and field_name in _NARRATIVE_RECORD_FIELDS
                and (_in_background_sentence(text, match.start()) or _ESTABLISHED_CARE_AFTER.match(wider_after))
            ):
                # "Studies have shown that cord blood MSCs ...": the field's, not this trial's; "autologous
                # skin grafting is the gold standard": today's care, not the product
                continue
            if (check_context or carriers) and _HAD_BEFORE.search(before):
                continue  # "a history of autologous fat transfer": the patients' past, not the product
            if carriers and _INSTEAD_OF_BEFORE.search(before):
                continue  # "an alternative to autologous fat grafting": what the product spares
            if (check_context or carriers) and _NOT_ALLOWED_AFTER.match(wider_after):
                continue  # "Autologous fat grafting is not allowed during the study": forbidden beside it
            if (check_context or carriers) and _set_aside(text, match.start(), match.end()):
                continue  # a plant's or a microbe's ("rose stem cell exosomes"), the body's at work or measured
            if carriers and "blood" in term.name.lower() and _SERUM_AFTER.match(after):
                continue  # "cord blood serum": the blood's serum, no cells
            if organs and _ABBREVIATION.fullmatch(match.group(0)) and _CODE_NUMBER_AFTER.match(after):
                continue  # "EB-301": a product's code name, not the condition (a cell's, "MSC-100", says its cells)
            if (check_context or carriers or compared) and _CODE_BEFORE.search(before) and _CODE_AFTER.match(after):
                continue  # "ALLO-ASC-DFU": letters of a product's code name, not words about it
            if check_context:
                if _DERIVED_AFTER.match(after) or _DERIVED_BEFORE.search(before):
                    continue
                if _NOT_GIVEN_AFTER.match(after) or _NOT_GIVEN_BEFORE.search(before):
                    continue
                if term.name == "Conditioned medium" and _VESICLES_ISOLATED_FROM_BEFORE.search(before):
                    continue  # "vesicles isolated from the culture supernatant": what the product is made from
                if term.name == "Tissue graft" and (
                    _GRAFT_THE_SETTING_BEFORE.search(before) or _GRAFTS_DONOR_SITE_AFTER.match(after)
                ):
                    continue  # "requiring skin grafts", "skin graft donor sites": the wound, no product
                if (
                    term.name == "Tissue graft"
                    and (_COMPARED_BEFORE.search(before) or _THAN_BEFORE.search(before))
                    and _SKIN_GRAFT.search(before[-30:] + match.group(0))
                ):
                    continue  # "repigments better than a thin skin graft": the care it is compared with
                if _HISTORY_AFTER.match(after) or (
                    _TRANSPLANT_AFTER.match(after) and (_HISTORY_BEFORE.search(before) or field_name == "conditions")
                ):
                    continue  # the patients' transplant (a condition of theirs), not the trial's cells
            scaffold_after = _SCAFFOLD_AFTER.match(wider_after) if carriers else None
            if scaffold_after and any(
                vocabulary.term_for(inner.group(0)) is term for inner in vocabulary.finditer(scaffold_after[0])
            ):
                scaffold_after = None  # "lipofilling with adipose-derived stem cells": the same tissue's cells
            if scaffold_after or (carriers and _SCAFFOLD_BEFORE.search(before)):
                scaffolds.add(term.name)
                continue
            # The page's own words, accents and all.
            tags.setdefault(term.name, []).append({"field": field_name, "text": text[match.start() : match.end()]})
    for name in scaffolds:
        tags.pop(name, None)
    return tags


# MeSH's inverted headings, as registries copy them: "Dermatitis, Atopic", "Cicatrix, Hypertrophic".
_INVERTED = re.compile(r"([^\W\d][\w'-]*(?: [\w'-]+){0,2}),\s+([^\W\d][\w'-]*(?: [\w'-]+){0,2})")


def _with_uninverted(name: str) -> str:
    """A condition's name, and its inverted heading in reading order after it ("Dermatitis, Atopic
    / Atopic Dermatitis"): the vocabulary knows the words as people write them."""
    inverted = _INVERTED.fullmatch(name.strip())
    return f"{name} / {inverted[2]} {inverted[1]}" if inverted else name


# The record's narrative, read last (who is included says what condition is studied, when nothing
# before did); a background sentence in it names no product of the trial's.
_NARRATIVE_RECORD_FIELDS = ("brief_summary", "detailed_description", "inclusion_criteria")


def _text_fields(record: TrialRecord) -> dict[str, list[tuple[str, str]]]:
    active_arms = [arm for arm in record.arms if arm.type not in _COMPARATOR_ARM_TYPES]
    comparator_names = {
        name for arm in record.arms if arm.type in _COMPARATOR_ARM_TYPES for name in arm.intervention_names
    }
    active_interventions = [
        item
        for item in record.interventions
        if not _COMPARATOR_NAME.search(item.name)
        and not (item.name in comparator_names and not any(item.name in arm.intervention_names for arm in active_arms))
    ]
    return {
        "primary": [
            ("conditions", "\n".join(map(_with_uninverted, record.conditions_raw))),
            ("keywords", "\n".join(record.keywords)),
            ("mesh_terms", "\n".join(map(_with_uninverted, record.mesh_terms))),
            ("brief_title", record.brief_title),
            ("official_title", record.official_title),
        ],
        "product": [
            ("brief_title", record.brief_title),
            ("official_title", record.official_title),
            ("interventions", "\n".join(f"{item.name}\n{item.description}" for item in active_interventions)),
            ("arms", "\n".join(f"{arm.label}\n{arm.description}" for arm in active_arms)),
        ],
        # Whose cells: the arms that give the trial's product, not an active comparator's
        # ("Active Comparator: autologous split-thickness skin graft" beside a cell spray).
        "arms_given": [
            (
                "arms",
                "\n".join(
                    f"{arm.label}\n{arm.description}" for arm in record.arms if arm.type not in _COMPARED_ARM_TYPES
                ),
            )
        ],
        "narrative": [(name, getattr(record, name)) for name in _NARRATIVE_RECORD_FIELDS],
    }


# The sentence of a study's aim: "(the) aim/purpose/objective of this study is ...", "Investigation
# of the safety and effectiveness of ...", "To evaluate ...", up to its end.
_AIM = re.compile(
    r"(?:^|(?<=[.:]\s))(?:(?:the\s+)?(?:main\s+|primary\s+)?(?:aim|purpose|objective|goal)s?\s+of\s+(?:this|the)\s+"
    r"(?:study|trial)\s+(?:is|was)\s+to|to\s+(?:evaluate|investigate|assess|determine|compare|study)"
    r"|(?:investigation|evaluation|assessment|comparison)\s+of)\b[^.]{10,400}",
    re.I | re.M,
)


def _aim(record: TrialRecord) -> str:
    """The first sentence of the record's summary saying the study's aim, or ""."""
    found = _AIM.search(record.brief_summary or "")
    return found[0] if found else ""


def _first_found(terms, field_groups, check_context=False, **context) -> dict[str, list[dict]]:
    """The terms found in the first group of fields that names any (`context`: _tag's checks)."""
    for fields in field_groups:
        tags = _tag(terms, fields, check_context, **context)
        if tags:
            return tags
    return {}


def _plants_cells(fields: dict) -> bool:
    return any(_PLANT_STEM_CELLS.search(text) for group in ("primary", "product") for _name, text in fields[group])


def classify(record: TrialRecord, scope_only: bool = False, vocabulary: dict | None = None) -> Classification:
    """Tag the record. With `scope_only`, stop as soon as the record is known to be out of scope
    (an in-scope record is classified in full either way). `vocabulary` defaults to the data file's."""
    vocabulary = vocabulary or load_vocabulary()
    fields = _text_fields(record)
    result = Classification()

    conditions = vocabulary["conditions"]
    specific = vocabulary["specific_conditions"]
    broad = vocabulary["broad_conditions"]
    # A record naming another organ's disease ("Sepsis") may name the skin's only as its patients'
    # ("... for sepsis in burn patients"): that is who is treated, not the trial's condition.
    other_organ = _names_other_organ(record)
    tags = _tag(specific, fields["primary"], organs=True, patients=other_organ)
    if not tags and not other_organ:
        # Nothing specific in the conditions or titles: take the condition the study's own
        # description is about (the most mentioned), e.g. "Pigmentary Disorders" -> melasma.
        # (its own sentences first: one about the field or another trial names their condition)
        narrative = _tag(specific, fields["narrative"] + fields["product"], organs=True, background=True) or _tag(
            specific, fields["narrative"] + fields["product"], organs=True
        )
        if narrative:
            counts = Counter({name: len(evidence) for name, evidence in narrative.items()})
            top = counts.most_common(1)[0][1]
            # What the study's aim names it treats ("... in the treatment of acne scars and skin
            # rejuvenation ..."), else what the description mentions most.
            aim = _aim(record)
            aimed = _tag(specific, [("aim", aim)], organs=True) if aim else {}
            tags = {name: evidence for name, evidence in narrative.items() if counts[name] == top or name in aimed}
    if not tags:
        # A record naming another organ's disease takes no broad skin word from its narrative either
        # ("secondary outcomes include the healing time of any foot ulcers" in a kidney trial).
        narrative = [] if other_organ else [fields["narrative"]]
        tags = _first_found(broad, [fields["primary"], *narrative], organs=True, patients=other_organ)
    result.conditions = sorted(tags)
    result.evidence["conditions"] = tags
    # Unknown condition words never push a cell trial out: unless they name a disease of another
    # organ, the cells are looked for and the trial kept for a curator.
    unknown_words = (
        not result.conditions
        and any(not _NO_DISEASE.fullmatch(raw.strip()) for raw in record.conditions_raw)
        and not other_organ
    )
    if scope_only and not result.conditions and not unknown_words and (other_organ or not _skin_named(record)):
        result.complete = False
        return result

    # Registry condition words no vocabulary term covers: the curators' to-do list.
    result.unplaced_conditions = [raw for raw in record.conditions_raw if not conditions.search(_with_uninverted(raw))]

    # The summary says what the study gives; a long description also tells the field's background
    # ("MSCs have been isolated from bone marrow, adipose tissue and blood"): it is read last.
    groups = [fields["product"] + fields["primary"], fields["narrative"][:1], fields["narrative"][1:]]
    given = [(name, text) for name, text in fields["product"] if name != "arms"] + fields["arms_given"]
    origin_groups = [given + fields["primary"], *groups[1:]]
    for kind, attribute, check_context in (
        ("cell_sources", "cell_sources", False),
        ("product_types", "product_types", True),
        ("origins", "origins", False),
        ("routes", "routes", False),
        ("procedures", "procedures", False),
    ):
        found = _first_found(
            vocabulary[kind],
            origin_groups if kind == "origins" else groups,
            check_context,
            compared=kind == "origins",
            carriers=kind == "cell_sources",
            origins=kind == "origins",
            cells_read=bool(result.cell_sources or result.product_types),
            products=frozenset(result.product_types),
            product_vocabulary=vocabulary["product_types"],
        )
        if kind == "origins" and result.borderline and not (result.cell_sources or result.product_types):
            # Kept for review because its product is not read: an origin is the product's, and with
            # none read ("autologous skin regeneration", the autograft a comparator gives) the
            # curator who adds the product says it.
            found = {}
        if kind == "cell_sources" and "Hair follicle" in found:
            # Melanocytes or keratinocytes of the outer root sheath come from the hair follicle:
            # their source is the follicle, whatever the cell type.
            for cell_type in ("Melanocytes", "Keratinocytes"):
                found.pop(cell_type, None)
        if kind == "cell_sources" and "Wharton's jelly" in found:
            # Wharton's jelly is the part of the umbilical cord the cells came from: the narrower
            # source is the answer ("umbilical cord Wharton's jelly MSCs").
            found.pop("Umbilical cord", None)
        if kind == "product_types" and set(found) == {"Cells"}:
            found = _named_more_narrowly(found, groups[1], vocabulary[kind], check_context)
        if kind == "product_types" and set(found) == {"Cells"} and not result.cell_sources and _plants_cells(fields):
            found = {}  # "stem cells" with no source, beside a plant's stem cells: the plant's
        if kind == "product_types" and set(found) == {"Tissue graft"}:
            found = _graft_enriched_with(found, groups[1], vocabulary[kind], check_context)
        if kind == "product_types":
            found, gives_no_cells = _products_given(record, found, vocabulary)
            if gives_no_cells:
                result.cell_sources, result.evidence["cell_sources"] = [], {}
        setattr(result, attribute, sorted(found))
        result.evidence[kind] = found
        if kind == "product_types":
            if _tissue_material_only(record, result):
                # An amniotic or placental membrane, or umbilical cord tissue, without a word of cells
                # is a material, not a cell product (the acellular membranes, matrices and tissue
                # allografts a regenerative catalog keeps out).
                result.cell_sources, result.evidence["cell_sources"] = [], {}
            result.borderline = _borderline(record, result, unknown_words, other_organ, vocabulary)
        if scope_only and kind == "product_types" and not result.in_scope:
            result.complete = False  # out of scope: origin, route and procedure are not needed
            break
    return result


_GRAFT_ENRICHMENTS = {"Stromal vascular fraction", "Cells"}


def _graft_enriched_with(found: dict, summary: list, products: Vocabulary, check_context: bool) -> dict:
    """A title's fat graft ("Fat grafting for acne scars") and a summary naming the cells it is
    enriched with ("autologous fat enriched with SVF"): the graft and the cells are the product."""
    named = _tag(products, summary, check_context) if summary else {}
    return {**found, **{name: evidence for name, evidence in named.items() if name in _GRAFT_ENRICHMENTS}}


def _named_more_narrowly(found: dict, summary: list, products: Vocabulary, check_context: bool) -> dict:
    """A title's plain "Stem Cells for Hair Loss" and a summary that says which product ("adipose
    stromal vascular fraction cells", "exosomes from stem cells"): the summary's product. A summary
    naming cells as well ("MSCs act through their exosomes") says nothing narrower."""
    named = _tag(products, summary, check_context) if summary else {}
    return named if named and set(named) <= _CELL_FREE_PRODUCTS | {"Stromal vascular fraction"} else found


def _products_given(record: TrialRecord, found: dict, vocabulary: dict) -> tuple[dict, bool]:
    """The products found, less those the record shows the trial does not give; and whether it
    gives no cell at all (then the cell sources read are not its product's either)."""
    if _graft_is_the_setting(record, found, vocabulary):
        # "NPWT on split-thickness skin grafts", "fibrin sealant for graft fixation": patients
        # receive grafts as their care; the trial tests what its interventions name.
        return {}, True
    if len(found) > 1:
        # "Cell spray versus split-thickness skin graft", the graft the comparator arm's: what the
        # trial compares its product with is not its product.
        for name in _only_compared_with(record, vocabulary["product_types"]):
            found.pop(name, None)
    if "Tissue graft" in found and _skin_graft_compared_with(record, vocabulary):
        # "Bilayer wound matrix versus split-thickness skin graft", "Allogeneic keratinocyte sheets
        # versus autologous skin graft": the graft a title compares the trial's product with is
        # today's care, not the product.
        found = {name: evidence for name, evidence in found.items() if name != "Tissue graft"}
    if _cells_only_a_term_of_a_list(found):
        # Keywords "exosomes; mesenchymal stem cells" beside "MSC-derived exosomes": a term
        # list names the product's source as a term of its own, not a second product.
        found.pop("Cells")
    if _interventions_give_another_product(record, vocabulary):
        # The interventions are what the trial gives: cells named only elsewhere (a title's
        # "keratinocyte stem cells in psoriasis" studied under a biologic) are not its product.
        return {}, True
    return found, False


_CELL_FREE_PRODUCTS = {"Conditioned medium", "Extracellular vesicles", "Lysate or extract"}
_TERM_LIST_FIELDS = {"keywords", "mesh_terms"}


def _cells_only_a_term_of_a_list(products: dict) -> bool:
    """Cells found beside a cell-free product, named only in the keywords or MeSH terms?"""
    return (
        "Cells" in products
        and bool(set(products) & _CELL_FREE_PRODUCTS)
        and all(evidence["field"] in _TERM_LIST_FIELDS for evidence in products["Cells"])
    )


_TISSUE_SOURCES = {"Amnion", "Placenta", "Perinatal tissue", "Umbilical cord", "Wharton's jelly"}
_CELL_WORDS = re.compile(
    r"\b(cells?|cellular|stem|stromal|msc|mscs|exosomes?|secretome|conditioned|vesicles?"
    r"|viable\s+(?:cryopreserved|placental|amnio\w*|umbilical))\b",  # a membrane kept alive, its cells with it
    re.I,
)


def _tissue_material_only(record: TrialRecord, result: Classification) -> bool:
    if result.product_types or not result.cell_sources or not set(result.cell_sources) <= _TISSUE_SOURCES:
        return False
    texts = [record.brief_title, record.official_title, record.brief_summary, record.detailed_description]
    texts += [f"{item.name} {item.description}" for item in record.interventions]
    texts += [f"{arm.label} {arm.description}" for arm in record.arms]
    return not any(_CELL_WORDS.search(text) for text in texts if text)


def _only_compared_with(record: TrialRecord, products: Vocabulary) -> set[str]:
    """The products a comparator arm names and no intervention or other arm does."""
    compared = [f"{arm.label}\n{arm.description}" for arm in record.arms if arm.type in _COMPARED_ARM_TYPES]
    if not compared:
        return set()
    given = [f"{item.name}\n{item.description}" for item in record.interventions]
    given += [f"{arm.label}\n{arm.description}" for arm in record.arms if arm.type not in _COMPARED_ARM_TYPES]
    named = _tag(products, [("arms", "\n".join(compared))])
    return set(named) - set(_tag(products, [("interventions", "\n".join(given))]))


def _graft_is_the_setting(record: TrialRecord, products: dict, vocabulary: dict) -> bool:
    """The only product is a tissue graft, the record lists its interventions, and none of them
    names a graft, a cell, a cell source or a cell product."""
    if set(products) != {"Tissue graft"} or not record.interventions:
        return False
    texts = [f"{item.name} {item.description}" for item in record.interventions]
    return not _names_cells(texts, vocabulary, _GRAFT_WORDS)


_SKIN_GRAFT = re.compile(r"\bskin\b|\bthickness\b|\bstsg\b|\bftsg\b|\bmesh", re.I)


def _skin_graft_compared_with(record: TrialRecord, vocabulary: dict) -> bool:
    """Does a title name a tissue graft, each time a skin graft after a comparison ("versus",
    "compared with")? A fat graft so named is one of a head-to-head trial's products."""
    grafts = [
        (title, match)
        for title in (record.brief_title, record.official_title)
        if title
        for match in vocabulary["product_types"].finditer(title)
        if getattr(vocabulary["product_types"].term_for(match.group(0)), "name", "") == "Tissue graft"
    ]
    return bool(grafts) and all(
        _SKIN_GRAFT.search(match.group(0)) and _COMPARED_BEFORE.search(title[: match.start()][-80:])
        for title, match in grafts
    )


# A graft an intervention gives, named by its tissue too: "Autologous fat", "Lipoaspirate".
_GRAFT_WORDS = re.compile(
    r"\b(?:\w*graft\w*|lipo(?:filling|transfer|injection|aspirat\w*|suction)|transplant\w*|fat)\b", re.I
)


def _interventions_give_another_product(record: TrialRecord, vocabulary: dict) -> bool:
    """The record lists its interventions, one names another product (a cream, a biologic, a
    laser), and none names a cell, a cell source or a cell product."""
    texts = [
        f"{item.name} {item.description}" for item in record.interventions if not _COMPARATOR_NAME.search(item.name)
    ]
    if not texts:
        return False
    set_aside = [flag for text in texts for flag in _cell_mentions_set_aside(text, vocabulary)]
    if set_aside and all(set_aside) and not any(_cellular_products().search(text) for text in texts):
        return True  # "a serum of rose-derived exosomes": the exosomes a title names are the plant's
    if not any(_OTHER_PRODUCT.search(text) for text in texts):
        return False
    return not _names_cells(texts, vocabulary)


def _names_cells(texts: list[str], vocabulary: dict, *more: re.Pattern) -> bool:
    """Does any of the texts name a cell, a cell source or a cell product (or what `more` match)?"""
    patterns = (_CELL_WORDS, *more, _cellular_products(), vocabulary["cell_sources"], vocabulary["product_types"])
    return any(pattern.search(text) for pattern in patterns for text in texts)


# A wound another organ's disease leaves is the skin's ("ischaemic foot ulcer", "oral wound").
_SKIN_WORDS = re.compile(r"\b(ulcers?|ulcerations?|wounds?|skin|cutaneous|burns?|scars?|scarring)\b", re.I)
# But a scar or an ulcer inside another organ is that organ's: "vocal fold scar", "myocardial scar",
# "uterine scar niche", "corneal ulcer", "peptic ulcer".
_INNER_ORGAN = (
    r"vocal\s+(?:fold|cord)s?|laryn\w*|myocardi\w*|cardiac|heart|uter\w*|endometri\w*|cornea[l]?|ocular|retin\w*"
    r"|gastric|peptic|duodenal|intestinal|colonic|esophag\w*|oesophag\w*|bladder|urethr\w*|renal|kidney|liver"
    r"|hepatic|pulmonary|lung|tendon|glial|tracheal|bronchial"
)
# "ocular chemical burns", "burns of the eye": the injury's kind may stand between, or the organ after.
_INJURY_KIND = r"(?:(?:chemical|thermal|alkali|acid|chronic|severe|acute)\s+)?"
_ORGAN_BEFORE = rf"\b(?:{_INNER_ORGAN}|eyes?)\s+{_INJURY_KIND}"
_OF_THE_ORGAN = rf"\s+(?:of|in|on|to)\s+(?:the\s+)?(?:{_INNER_ORGAN}|eyes?|ocular surface)\b"
_INNER_ORGAN_BEFORE = re.compile(rf"{_ORGAN_BEFORE}$", re.I)
_INNER_ORGAN_AFTER = re.compile(rf"^{_OF_THE_ORGAN}", re.I)
_INNER_ORGAN_SKIN_WORD = re.compile(rf"{_ORGAN_BEFORE}{_SKIN_WORDS.pattern}|{_SKIN_WORDS.pattern}{_OF_THE_ORGAN}", re.I)


# A skin disease's name qualifying another organ's disease, the one treated: "psoriatic arthritis",
# "scleroderma renal crisis", "systemic sclerosis-associated interstitial lung disease" (the
# words between are no conjunction: "psoriasis and psoriatic arthritis" treats both; nor the
# cause's: "facial scars after cleft lip repair" are scars). On one line: a list's next condition
# ("Psoriasis" above "Artritis psoriásica") is another condition, not a qualified one.
_ANOTHER_ORGANS_DISEASE_AFTER = re.compile(
    r"^[ \t-]*(?:(?:associated|related|induced)[ \t-]+)?"
    r"(?:(?!(?:and|or|with|in|of|for|after|following|from|post|y|e|et|o|ou|und|oder|con|com|avec|mit)\b)[\w'-]+[ \t]+)?"
    rf"(?:{_NON_SKIN.pattern})",
    re.I,
)
_THE_PATIENTS_AFTER = re.compile(r"^[\s-]*(?:patients|victims|survivors|subjects)\b", re.I)
_THE_PATIENTS_BEFORE = re.compile(
    r"\b(?:in|among|of|for)\s+(?:\w+\s+)?(?:patients|people|persons|subjects|participants|adults|children"
    r"|individuals)\s+(?:with|having|suffering\s+from)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)


# The skin's words in the registries' other languages: "úlcera isquémica", "糖尿病足溃疡" name a
# wound, whatever organ's disease left it.
_SKIN_WORDS_ABROAD = re.compile(
    r"\b(?:[úu]lcer\w*|ulc[èe]re\w*|ulkus|geschwür\w*|heridas?|feridas?|plaies?|wunde\w*|ferit\w*|piel|pele|peau"
    r"|haut|pelle|cut[aá]ne\w*|quemadur\w*|queimadur\w*|br[ûu]lures?|verbrennung\w*|ustion\w*|cicatri\w*|narbe\w*)\b"
    r"|溃疡|潰瘍|궤양|创面|創傷|创伤|伤口|창상|상처|皮肤|皮膚|피부|烧伤|熱傷|화상|瘢痕|疤痕|흉터|褥疮|褥瘡|욕창",
    re.I,
)


def _names_other_organ(record: TrialRecord) -> bool:
    return any(
        _NON_SKIN.search(text) and not _names_the_skin(_INNER_ORGAN_SKIN_WORD.sub(" ", text))
        for text in (*record.conditions_raw, record.brief_title, record.official_title)
    )


def _names_the_skin(text: str) -> bool:
    return bool(_SKIN_WORDS.search(text) or _SKIN_WORDS_ABROAD.search(text))


def _skin_named(record: TrialRecord) -> bool:
    """Do the record's titles, conditions or keywords name the skin, a wound or a scar (not another
    organ's: "vocal fold scar", "corneal ulcer")?"""
    texts = (record.brief_title, record.official_title, *record.conditions_raw, *record.keywords)
    return any(_names_the_skin(_INNER_ORGAN_SKIN_WORD.sub(" ", text)) for text in texts if text)


def _borderline(
    record: TrialRecord, result: Classification, unknown_words: bool, other_organ: bool, vocabulary: dict
) -> str:
    """Why a trial the evidence does not settle is kept for review, or "" (settled either way);
    `other_organ` is _names_other_organ(record), which classify() has read already."""
    cells = bool(result.cell_sources or result.product_types)
    product = "" if cells else _cellular_product_named(record)
    if result.conditions and product:
        # A code name is no description: which cells it holds is the curator's to fill.
        return f"{product}, a product known to hold cells; the page does not say which: add them"
    if result.conditions and not cells and not (record.interventions or record.arms):
        # The record names no intervention (a page cut before them): unless its text names another
        # product, a curator judges it.
        # Nor when the text names cells and every mention was set aside (a plant's, the body's at
        # work or measured: "regulatory T cells in the blood of patients", "density of melanocytes").
        texts = [record.brief_title, record.official_title, record.brief_summary, record.detailed_description]
        texts = [text for text in texts if text]
        if not any(
            _OTHER_PRODUCT.search(text)
            or _CELLS_NOT_GIVEN.search(text)
            or any(_cell_mentions_set_aside(text, vocabulary))
            for text in texts
        ):
            return "a skin condition, and no product named in what was read: is it a cell trial?"
    if cells and unknown_words:
        return "cells, for a condition the vocabulary does not know: is it of the skin?"
    if cells and not result.conditions and not other_organ and _skin_named(record):
        # "Stem cells for lupus skin lesions": the skin, in words no condition's name holds (not
        # "sepsis in burn patients": another organ's disease, the skin its patients').
        return "cells, for the skin, in words the vocabulary does not place: which condition?"
    if product and unknown_words:
        return f"{product}, a product known to hold cells, for a condition the vocabulary does not know: of the skin?"
    return ""


# Immune cells named ("regulatory T cell therapy", "CAR-T cells", "NK cell infusion", "dendritic
# cells"): a therapy that modulates or attacks, not a regenerative cell product.
_IMMUNE_CELLS_BEFORE = re.compile(
    r"(?:\b(?:CAR[\s-]?)?T(?:reg)?|\bB|\bNK|\bCIK"
    r"|\b(?i:natural\s+killer|dendritic|killer|immune|mast|lymphoid|myeloid))[\s-]*$"
)


def _set_aside(text: str, start: int, end: int) -> bool:
    """Do the words around a cell word, a cell source or a cell product at text[start:end] set it
    aside: a plant's or a microbe's ("rose stem cell-derived exosomes", "cord blood platelet gel"),
    the body's at work or measured ("stimulates melanocyte proliferation", "density of melanocytes",
    "in the epidermis are selectively inhibited by"), or the immune system's ("T cell therapy")?"""
    before = text[max(0, start - 80) : start]
    return bool(
        _NOT_OURS_AFTER.match(text[end : end + 40])
        or _NOT_OURS_BEFORE.search(before)
        or _BIOLOGY_AFTER.match(text[end : end + 60])
        or _BIOLOGY_BEFORE.search(before)
        or _IMMUNE_CELLS_BEFORE.search(before)
    )


def _cell_mentions_set_aside(text: str, vocabulary: dict) -> list[bool]:
    """For each cell word, cell source or cell product the text names, whether it is set aside."""
    matches = [*_CELL_WORDS.finditer(text)]
    for kind in ("cell_sources", "product_types"):
        if vocabulary[kind].may_match(text):
            matches += vocabulary[kind].finditer(text)
    return [_set_aside(text, match.start(), match.end()) for match in matches]


def cannot_be_in_scope(text: str, vocabulary: dict | None = None) -> bool:
    """True when no word of `text` can start a condition name nor a cell source or product name:
    classify() would find the record out of scope (in scope needs cells or a skin condition, the
    other kept for review). A cheap, exact shortcut for a bulk file that is mostly outside
    dermatology. Text holding JSON \\u escapes is not judged (an escape could hide a letter).
    """
    if "\\u" in text:
        return False
    vocabulary = vocabulary or load_vocabulary()
    return not any(vocabulary[kind].may_match(text) for kind in ("conditions", "cell_sources", "product_types"))
