"""Registry words -> catalog vocabularies."""

from datetime import date

import pytest

from ingest.normalize import enums
from ingest.normalize.ages import parse_age_range, parse_age_years
from ingest.normalize.countries import normalize_country
from ingest.normalize.dates import parse_page_date, parse_partial_date
from ingest.normalize.identifiers import find_identifiers, parse_identifier


@pytest.mark.parametrize(
    "words, status",
    [
        ("Recruiting", "RECRUITING"),
        ("Not yet recruiting", "NOT_YET_RECRUITING"),
        ("ENROLLING_BY_INVITATION", "ENROLLING_BY_INVITATION"),
        ("Active, not recruiting", "ACTIVE_NOT_RECRUITING"),
        ("Recruitment complete", "ACTIVE_NOT_RECRUITING"),  # IRCT: recruitment ended, not the trial
        ("Begins enrollment this month", "NOT_YET_RECRUITING"),  # Veeva
        ("Unknown status", "UNKNOWN"),
        ("Withdrawn", "WITHDRAWN"),
        # ICTRP's generic word: to start, ongoing or done, it does not say: unknown, its words kept.
        ("Not recruiting", "UNKNOWN"),
        ("Recrutement en cours", "RECRUITING"),
        ("Rekrutierung abgeschlossen", "ACTIVE_NOT_RECRUITING"),
        ("Pas encore en recrutement", "NOT_YET_RECRUITING"),
        ("Sistiert", "SUSPENDED"),  # Swiss German
        ("Completata", "COMPLETED"),
        ("Recruitment pending", "NOT_YET_RECRUITING"),
        ("Authorised, not started", "NOT_YET_RECRUITING"),  # the EU's CTIS
        ("Halted", "SUSPENDED"),
        ("Open to new patients", "RECRUITING"),
        ("Temporarily closed to accrual", "SUSPENDED"),
        ("Pre-recruitment", "NOT_YET_RECRUITING"),
        ("In preparation", "NOT_YET_RECRUITING"),
        ("In follow-up", "ACTIVE_NOT_RECRUITING"),
        ("募集中", "RECRUITING"),
        ("尚未开始", "NOT_YET_RECRUITING"),
        ("모집완료", "ACTIVE_NOT_RECRUITING"),
        ("Pas encore recrutant", "NOT_YET_RECRUITING"),
        ("Pas encore recruté", "NOT_YET_RECRUITING"),
        ("Non ancora reclutando", "NOT_YET_RECRUITING"),
        ("研究完了", "COMPLETED"),
        ("已终止", "TERMINATED"),
        ("Werving gestart", "RECRUITING"),  # Dutch
        ("Werving gestopt", "ACTIVE_NOT_RECRUITING"),
        ("Inclusie gestopt", "ACTIVE_NOT_RECRUITING"),
        ("No reclutando todavía", "NOT_YET_RECRUITING"),
        ("Ausgesetzt", "SUSPENDED"),
        ("Afgerond", "COMPLETED"),
        ("Nog niet gestart", "NOT_YET_RECRUITING"),
        ("In Vorbereitung", "NOT_YET_RECRUITING"),
        ("Reclutamiento", "RECRUITING"),
        ("Open to accrual", "RECRUITING"),  # cancer centres' and hospitals' word
        ("Actively accruing", "RECRUITING"),
        ("Recruiting by invitation", "ENROLLING_BY_INVITATION"),
        ("Enrollment complete", "ACTIVE_NOT_RECRUITING"),
        ("Now recruiting participants", "RECRUITING"),
        ("Open (Recruiting)", "RECRUITING"),  # the bracket says what the word alone does not
        ("Not currently recruiting", "UNKNOWN"),  # before, during or after: it does not say
        ("Ongoing, not recruiting", "ACTIVE_NOT_RECRUITING"),  # going on, and not recruiting: it says
        ("Active, not enrolling", "ACTIVE_NOT_RECRUITING"),
        ("Currently accepting participants", "RECRUITING"),
        ("Accepting new patients", "RECRUITING"),
        ("Closed for enrollment", "ACTIVE_NOT_RECRUITING"),  # a hospital's word
        ("Closed to new participants", "ACTIVE_NOT_RECRUITING"),
        ("Not accepting new patients", "ACTIVE_NOT_RECRUITING"),
        ("Participant recruitment completed", "ACTIVE_NOT_RECRUITING"),
        ("Recruitment paused", "SUSPENDED"),
        ("Recruitment not yet started", "NOT_YET_RECRUITING"),
        ("Recruitment stopped", "TERMINATED"),
        ("Completed recruitment", "ACTIVE_NOT_RECRUITING"),  # recruitment ended, not the trial
        ("Closed: follow-up continuing", "ACTIVE_NOT_RECRUITING"),
        ("Recruiting by invitation only", "ENROLLING_BY_INVITATION"),
        ("Not open yet", "NOT_YET_RECRUITING"),
        # A status with its date, or with the reason the trial ended; "Recruiting: No" is no reason.
        ("Completed on 2023-05-01", "COMPLETED"),
        ("Completed 2021", "COMPLETED"),
        ("Suspended since June 2023", "SUSPENDED"),
        ("Terminated: slow accrual", "TERMINATED"),
        ("Terminated early for futility", "TERMINATED"),  # the reason said in words
        ("Withdrawn due to lack of funding", "WITHDRAWN"),
        ("Recruiting for adults aged 18 to 65", "RECRUITING"),  # for whom
        ("Invitation only", "ENROLLING_BY_INVITATION"),
        ("Withdrawn: sponsor decision", "WITHDRAWN"),
        ("Recruiting: No", ""),
        ("Não iniciado", "NOT_YET_RECRUITING"),
        ("Ativo, não recrutando", "ACTIVE_NOT_RECRUITING"),
        ("募集一時停止", "SUSPENDED"),
        ("招募完成", "ACTIVE_NOT_RECRUITING"),
        ("Ongoing", ""),  # recruiting or not, it does not say
        # A site's words around a status, and statuses in two parts that agree.
        ("Study completed", "COMPLETED"),
        ("Recruiting now", "RECRUITING"),
        # recruitment closed or the study done, in the registries' and hospitals' languages
        ("Rekrutierung beendet", "ACTIVE_NOT_RECRUITING"),
        ("Studie abgeschlossen", "COMPLETED"),
        ("Reclutamiento cerrado", "ACTIVE_NOT_RECRUITING"),
        ("Accrual complete", "ACTIVE_NOT_RECRUITING"),
        ("Actief, werving gesloten", "ACTIVE_NOT_RECRUITING"),
        ("Terminated early", "TERMINATED"),
        ("Status unknown", "UNKNOWN"),
        ("Open, recruiting", "RECRUITING"),
        ("Suspended – temporarily halted", "SUSPENDED"),
        ("Completed, has results", "COMPLETED"),
        ("Recruiting, Not yet recruiting", ""),  # two statuses: none
        ("In corso, reclutamento aperto", "RECRUITING"),  # the two parts in another language
        ("In corso, arruolamento aperto", "RECRUITING"),  # Italian's other word for enrolment
        ("Arruolamento chiuso", "ACTIVE_NOT_RECRUITING"),
        ("En cours, recrutement ouvert", "RECRUITING"),
        ("Open", ""),  # a button as much as a status
        ("In progress", ""),  # recruiting or not, it does not say
        ("The study", ""),
        ("", ""),
        # A finder's badges.
        ("Actively Enrolling", "RECRUITING"),
        ("Seeking Volunteers", "RECRUITING"),
        ("No longer accepting participants", "ACTIVE_NOT_RECRUITING"),
        ("Finished recruiting", "ACTIVE_NOT_RECRUITING"),
        ("Starting soon", "NOT_YET_RECRUITING"),
        ("Not currently enrolling", "UNKNOWN"),  # before, during or after: it does not say
        ("Trial closed", ""),  # closed to recruitment or ended: it does not say
        ("Concluded", "COMPLETED"),
        ("Recruitment planned", "NOT_YET_RECRUITING"),
        ("Planned", ""),  # a plan of what: it does not say
        # a registry's words for a trial that ended before anyone was enrolled, or ended in full
        ("Withdrawn prior to enrollment", "WITHDRAWN"),
        ("Terminated prior to enrollment", "TERMINATED"),
        ("Recruiting complete, follow-up complete", "COMPLETED"),
        # Cuba's, Peru's and Brazil's registries
        ("Reclutamiento concluido", "ACTIVE_NOT_RECRUITING"),
        ("Activo, sin reclutamiento", "ACTIVE_NOT_RECRUITING"),
        ("Pendiente de reclutamiento", "NOT_YET_RECRUITING"),
        ("Recrutamento não iniciado", "NOT_YET_RECRUITING"),
        ("Reclutamiento suspendido", "SUSPENDED"),
        ("Estudio finalizado", "COMPLETED"),
    ],
)
def test_status_words(words, status):
    assert enums.status(words) == status


@pytest.mark.parametrize(
    "words, phases",
    [
        ("Phase 2", ("PHASE2",)),
        ("PHASE1/PHASE2", ("PHASE1", "PHASE2")),
        ("Phase 1 Phase 2", ("PHASE1", "PHASE2")),
        ("Phase I-II", ("PHASE1", "PHASE2")),
        ("Phase one/two", ("PHASE1", "PHASE2")),  # in words
        ("N/A (device trial)", ("NA",)),
        ("2b", ("PHASE2",)),
        ("Early Phase 1", ("EARLY_PHASE1",)),
        ("Phase 0", ("EARLY_PHASE1",)),
        ("0", ("EARLY_PHASE1",)),  # under a phase label
        ("N/A", ("NA",)),
        ("Not Applicable", ("NA",)),
        ("1", ("PHASE1",)),
        ("", ()),
        # The EU register's matrix: only the phases answered yes.
        ("Human pharmacology (Phase I): no Therapeutic exploratory (Phase II): yes", ("PHASE2",)),
        ("第1/2相", ("PHASE1", "PHASE2")),  # Japanese
        ("Ⅱ期", ("PHASE2",)),  # Chinese, full-width numeral
        ("2상", ("PHASE2",)),  # Korean
        ("フェーズ2", ("PHASE2",)),  # Japanese: the English word in katakana
        ("Fase 0", ("EARLY_PHASE1",)),
        ("Fase 3", ("PHASE3",)),  # Spanish, Portuguese
        ("Phase N/A", ("NA",)),
        ("Post-marketing", ("PHASE4",)),
        ("Post-marketing surveillance", ("PHASE4",)),
        ("Non applicable", ("NA",)),  # French
        ("No aplica", ("NA",)),  # Spanish
        ("Nicht zutreffend", ("NA",)),  # German
        ("Não se aplica", ("NA",)),  # Portuguese
    ],
)
def test_phase_words(words, phases):
    assert enums.phases(words) == phases


@pytest.mark.parametrize(
    "words, sex",
    [("Female", "FEMALE"), ("MALE", "MALE"), ("Both", "ALL"), ("All", "ALL"), ("females and others", "")],
)
def test_sex_words_match_whole_phrases(words, sex):
    assert enums.sex(words) == sex


@pytest.mark.parametrize(
    "words, masking",
    [
        ("None (Open label)", "NONE"),
        ("Triple (Participant, Care Provider, Outcomes Assessor)", "TRIPLE"),
        ("Masked: Double", "DOUBLE"),
        ("DOUBLE", "DOUBLE"),
    ],
)
def test_masking_words(words, masking):
    assert enums.masking(words) == masking


@pytest.mark.parametrize(
    "text, iso, precision",
    [
        ("2025-06-30", "2025-06-30", "day"),
        ("2025-06", "2025-06", "month"),
        ("July 26, 2019", "2019-07-26", "day"),
        ("December 2022", "2022-12", "month"),
        ("26 Jul 2019", "2019-07-26", "day"),
        ("2021-06-01, 1400/03/11", "2021-06-01", "day"),  # IRCT: Gregorian, then Solar Hijri
        ("**2021-06-01, 1400/03/11**", "2021-06-01", "day"),
        ("2019", "2019", "year"),
    ],
)
def test_dates_keep_their_precision(text, iso, precision):
    parsed = parse_partial_date(text)
    assert parsed.iso() == iso
    assert parsed.precision == precision


@pytest.mark.parametrize("text", ["", "empty", "1400/03/11", "2021-13-45", "soon"])
def test_unreadable_dates_are_none_never_today(text):
    assert parse_partial_date(text) is None


def test_month_only_date_is_stored_on_the_first_of_the_month():
    assert parse_partial_date("March 2022").value == date(2022, 3, 1)


@pytest.mark.parametrize(
    "text, years",
    [("18 Years", 18.0), ("6 Months", 0.5), ("20 years", 20.0), ("65", 65.0), ("No limit", None), ("N/A", None)],
)
def test_ages_in_years(text, years):
    assert parse_age_years(text) == years


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("18 to 65 years old", 18.0, 65.0),
        ("21 Years to 35 Years (Adult)", 21.0, 35.0),
        ("18+ years old", 18.0, None),
        ("Up to 17 years", None, 17.0),
    ],
)
def test_age_ranges(text, low, high):
    assert parse_age_range(text) == (low, high)


@pytest.mark.parametrize(
    "text, found",
    [
        ("NCT06911281", [("NCT", "NCT06911281")]),
        ("nct 06911281", [("NCT", "NCT06911281")]),
        ("IRCT20080901001159N33", [("IRCT", "IRCT20080901001159N33")]),
        ("IRCT138902081159N2", [("IRCT", "IRCT138902081159N2")]),  # Solar Hijri year form
        ("ChiCTR2600125807", [("CHICTR", "ChiCTR2600125807")]),
        ("ChiCTR-TRC-12002345", [("CHICTR", "ChiCTR-TRC-12002345")]),
        ("CTRI/2017/02/007932", [("CTRI", "CTRI/2017/02/007932")]),
        ("CTRI-2017-02-007932", [("CTRI", "CTRI/2017/02/007932")]),
        ("ACTRN12613001342707", [("ACTRN", "ACTRN12613001342707")]),
        ("ISRCTN63305738", [("ISRCTN", "ISRCTN63305738")]),
        ("ISRCTN: 63305738", [("ISRCTN", "ISRCTN63305738")]),  # the prefix as a label
        ("NCT: 06911281", [("NCT", "NCT06911281")]),
        ("EUCTR2015-000168-32-NL", [("EUDRACT", "2015-000168-32")]),
        ("2024-512345-67-00", [("CTIS", "2024-512345-67-00")]),
        ("jRCTc050190126", [("JRCT", "jRCTc050190126")]),
        ("jRCT 2031200123", [("JRCT", "jRCT2031200123")]),  # a space after the prefix
        ("KCT0001234", [("KCT", "KCT0001234")]),
        ("DRKS00012345", [("DRKS", "DRKS00012345")]),
        ("PACTR201509001234567", [("PACTR", "PACTR201509001234567")]),
        ("TCTR20190101001", [("TCTR", "TCTR20190101001")]),
        ("RBR-4x7k2b", [("RBR", "RBR-4x7k2b")]),
        ("NL-OMON47582", [("NL", "NL-OMON47582")]),
        ("SLCTR/2019/012", [("SLCTR", "SLCTR/2019/012")]),
        ("LBCTR2019010123", [("LBCTR", "LBCTR2019010123")]),
        ("ITMCTR2024000123", [("ITMCTR", "ITMCTR2024000123")]),  # traditional medicine's registry
        ("NTR 1234", [("NTR", "NTR1234")]),
        ("NCT 0910 7890", [("NCT", "NCT09107890")]),  # as people type it, in two groups of four
        ("NCT 0910 78901", []),  # nine digits: no id
        ("JPRN-JapicCTI-121234", [("JAPIC", "JapicCTI-121234")]),
        ("JPRN-JMA-IIA00123", [("JMA", "JMA-IIA00123")]),
        ("CTR20212345", [("CTR", "CTR20212345")]),  # China's drug trial registry
        ("TCTR20212345678", [("TCTR", "TCTR20212345678")]),  # not China's: Thailand's, whole
        ("ＮＣＴ０１２３４５６７", [("NCT", "NCT01234567")]),  # full-width, as a Japanese page prints it
        ("UMIN\uff10\uff10\uff10012345", [("UMIN", "UMIN000012345")]),
        ("2019\u2011001234\u201156", [("EUDRACT", "2019-001234-56")]),  # non-breaking hyphens
    ],
)
def test_registry_identifier_patterns(text, found):
    assert find_identifiers(text) == found


def test_a_capitalised_word_glued_after_an_id_is_no_part_of_it():
    assert find_identifiers("NCT05984628Recruiting") == [("NCT", "NCT05984628")]
    assert find_identifiers("IRCT20200901048586N1Recruiting") == [("IRCT", "IRCT20200901048586N1")]


@pytest.mark.parametrize(
    "text",
    ["IRCT20", "NCT0691128", "NCT12345678", "NCT99999999", "XNCT06911281", "DFSC-2025(CR)-01", "NCT06911281x"]
    + ["NCT06911281AB", "NCT069112810"],
)
def test_cut_ids_placeholders_and_sponsor_ids_are_not_registry_ids(text):
    assert find_identifiers(text) == []


def test_parse_identifier_wants_the_whole_text_to_be_an_id():
    assert parse_identifier(" NCT06911281 ") == ("NCT", "NCT06911281")
    assert parse_identifier("see NCT06911281 and the related trials listed below") is None


@pytest.mark.parametrize(
    "name, country",
    [
        ("Iran (Islamic Republic of)", "Iran"),
        ("Korea, Republic of", "South Korea"),
        ("Pakistan", "Pakistan"),
        ("UAE", "United Arab Emirates"),
        ("KSA", "Saudi Arabia"),
    ],
)
def test_country_names(name, country):
    assert normalize_country(name) == country


@pytest.mark.parametrize(
    "text, iso",
    [
        ("13/01/2011", "2011-01-13"),  # day first, as registries outside the US print it
        ("13.01.2011", "2011-01-13"),
        ("2019年3月1日", "2019-03-01"),
        ("2019年3月", "2019-03"),
        ("2022 Year 04 Month 01 Day", "2022-04-01"),  # UMIN's English pages
        ("2022 Year 04 Month", "2022-04"),
        ("2019년 3월 1일", "2019-03-01"),
        ("1er mars 2019", "2019-03-01"),
        ("1. März 2019", "2019-03-01"),
        ("1 de marzo de 2019", "2019-03-01"),
        ("1º de março de 2019", "2019-03-01"),  # the ordinal day of Portuguese and Spanish pages
        ("julho de 2020", "2020-07"),
        ("July 26, 2019", "2019-07-26"),
        ("03/2024", "2024-03"),
        ("15-Mar-2024", "2024-03-15"),
        ("5th of January 2023", "2023-01-05"),
        ("22nd March, 2021", "2021-03-22"),
        ("2023. 3. 12.", "2023-03-12"),  # the Korean registry's spaced order
        ("15-03-2024", "2024-03-15"),  # day first with dashes
        ("March 15th, 2024", "2024-03-15"),
        ("1402/05/12", "2023-08-03"),  # Solar Hijri: an Iranian page's own calendar
        ("3/15/2024", "2024-03-15"),  # no month 15: the month came first, as in the US
        ("Mar-2024", "2024-03"),
        ("Sept. 2024", "2024-09"),
        ("令和6年3月1日", "2024-03-01"),  # jRCT's Japanese era: Reiwa 6
        ("令和元年11月14日", "2019-11-14"),  # the era's first year
        ("平成30年4月", "2018-04"),
        ("(dd/mm/yyyy) 01/09/2021", "2021-09-01"),  # the page says its order
        ("04/05/2021 (mm/dd/yyyy)", "2021-04-05"),
        ("[MM/DD/YYYY] 04/05/2021", "2021-04-05"),
        ("2021-05-04 (yyyy-mm-dd)", "2021-05-04"),
        # A quarter, a half or a season names its year only.
        ("2024-Q1", "2024"),
        ("first quarter of 2024", "2024"),
        ("H2 2023", "2023"),
        ("Spring 2023", "2023"),
        ("mid-2024", "2024"),
        # A machine's timestamp (a saved page's time element, structured data): its day.
        ("2024-03-15T00:00:00Z", "2024-03-15"),
        ("2024-03-15 09:30:00+01:00", "2024-03-15"),
    ],
)
def test_page_dates_in_the_forms_registries_print(text, iso):
    assert parse_page_date(text).iso() == iso


def test_a_date_format_beside_a_date_of_another_form_is_passed_over():
    # An ISO format printed beside a day-first date: the format says nothing of its order.
    assert parse_page_date("(yyyy-mm-dd) 04/05/2021").iso() == "2021-05-04"


@pytest.mark.parametrize(
    "text",
    ["31/02/2019", "Recruiting", "12 participants", "2019年13月", "13/2024", "15-Foo-2024", "15-03/2024", "Marzo-2024"],
)
def test_page_dates_refuse_what_is_no_date(text):
    assert parse_page_date(text) is None


@pytest.mark.parametrize(
    "name, country",
    [
        ("Deutschland", "Germany"),
        ("Nederland", "Netherlands"),  # Dutch and Polish pages of the EU register
        ("België", "Belgium"),
        ("Polska", "Poland"),
        ("Niemcy", "Germany"),
        ("Hong Kong SAR", "Hong Kong"),
        ("PRC", "China"),
        ("Suisse", "Switzerland"),
        ("中国", "China"),
        ("日本", "Japan"),
        ("대한민국", "South Korea"),
        ("大韓民国", "South Korea"),  # a Japanese page's name for it
        ("韓国", "South Korea"),
        ("Bolivia, Plurinational State of", "Bolivia"),
        ("Hospital", ""),  # no country: a word of a site's name
        ("in", ""),  # a code only where the page wrote it as one
    ],
)
def test_country_names_in_other_languages_and_non_countries(name, country):
    assert normalize_country(name) == country


def test_country_codes_are_read_only_as_a_list_of_them():
    from ingest.normalize.countries import countries_in

    assert countries_in("DE   AT   GB") == ["Germany", "Austria", "United Kingdom"]
    assert countries_in("Phoenix, AZ") == ["United States"]  # Arizona, not Azerbaijan
    assert countries_in("Jakarta Pusat, Jakarta, Indonesia, 10430") == ["Indonesia"]
    # A code before its own country's name is that country; before another word, nothing.
    assert countries_in("DE Germany; AT Austria") == ["Germany", "Austria"]
    assert countries_in("MA Boston") == []


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Brazil and Argentina", ["Brazil", "Argentina"]),
        ("Germany, France and Spain", ["Germany", "France", "Spain"]),
        ("France & Belgium", ["France", "Belgium"]),
        ("Trinidad and Tobago", ["Trinidad and Tobago"]),  # one country
        ("Bosnia and Herzegovina", ["Bosnia and Herzegovina"]),
        ("Korea, Republic of", ["South Korea"]),
        ("Sites in Miami, Florida and Toronto, Canada", ["United States", "Canada"]),  # places, each its country
        ("Research and Development Center, Seoul, Korea", ["South Korea"]),
    ],
)
def test_countries_listed_with_and(text, countries):
    from ingest.normalize.countries import countries_in

    assert countries_in(text) == countries


@pytest.mark.parametrize(
    ("place", "countries"),
    [
        ("Seoul, Korea, Republic of", ["South Korea"]),  # the country's name in two pieces
        ("Rochester, Minnesota", ["United States"]),  # a US site printed without its country
        ("Irvine, CA 92697", ["United States"]),
        ("Rochester, Minn.", ["United States"]),  # the AP's abbreviation, as US hospitals print it
        ("New York, N.Y.", ["United States"]),
        ("Rochester, Minn", []),  # without its full stop no abbreviation
        ("Atlanta, Georgia", ["Georgia"]),  # left to the country of that name
        ("Washington", []),  # a state's name alone is no place
        ("Chinese Taipei", ["Taiwan"]),
        ("Russland; Rusia; 台灣", ["Russia", "Taiwan"]),  # short names ISO translates only in full
        ("Germany, France, Spain", ["Germany", "France", "Spain"]),  # every piece a country: all of them
        ("Bolivia, Plurinational State of", ["Bolivia"]),
        ("Madrid (Spain), Lyon (France)", ["Spain", "France"]),  # a place with its country in brackets
        ("Deutschland (Bochum), Italien (Modena)", ["Germany", "Italy"]),  # a country with its city in brackets
        ("Seoul (South Korea)", ["South Korea"]),
        ("Example Clinic (Dermatology), Lyon, France", ["France"]),  # brackets that name no country
        # A country with the number of its sites, as finder pages and results pages count them.
        ("Belgium (3), Czech Republic (8), Germany (15)", ["Belgium", "Czech Republic", "Germany"]),
        ("United States (12 sites); Canada (1 site)", ["United States", "Canada"]),
        ("Example Clinic (2), Lyon", []),  # a count beside no country names none
        ("2 locations in Italy", ["Italy"]),  # the sites counted, then their country
        ("Sites in Germany, Austria and Switzerland", ["Germany", "Austria", "Switzerland"]),  # not counted
        ("in France and Belgium", ["France", "Belgium"]),
        ("3 in China", ["China"]),  # a finder's count without its noun
        ("Three centres in Spain; 1 site in the United States", ["Spain", "United States"]),
        ("12 sites", []),
        # A Canadian or Australian site printed without its country: its province or state names it.
        ("Toronto, Ontario", ["Canada"]),
        ("Halifax, NS B3H 2Y9", ["Canada"]),
        ("Melbourne, Victoria", ["Australia"]),
        ("Sydney NSW 2000", ["Australia"]),
        ("Darwin NT 0800", ["Australia"]),  # NT with an Australian postcode; alone, Canada's territory
        ("Yellowknife, NT", ["Canada"]),
        ("Seattle, WA", ["United States"]),  # WA alone is Washington's
        ("Perth WA 6000", ["Australia"]),
        ("ON", []),  # a code alone on its line says nothing
        ("Royal London Hospital, London, E1 1FR", ["United Kingdom"]),  # a British postcode
        ("Salford Royal Hospital, Salford, M6 8HD", ["United Kingdom"]),
        ("Royal Example Hospital, Birmingham B15 2TH", ["United Kingdom"]),  # the postcode after its town
        ("Example Infirmary, Glasgow G4 0SF", ["United Kingdom"]),
        # A finder's count of the places it does not list is no place.
        ("Dallas, TX and 2 other locations", ["United States"]),
        ("Lyon, France (+2 more)", ["France"]),
        ("Germany and 3 more countries", ["Germany"]),
        # A site's own status after its place.
        ("Example Health - Rochester, Minnesota: Recruiting", ["United States"]),
        ("Example Hospital, Lyon, France (Not yet recruiting)", ["France"]),
        ("Toronto, Ontario - Completed", ["Canada"]),
    ],
)
def test_a_place_names_its_country(place, countries):
    from ingest.normalize.countries import countries_in

    assert countries_in(place) == countries


def test_a_status_word_with_a_bracket_left_open_or_unmatched():
    from ingest.normalize import enums

    assert enums.status("Available (expanded access)") == "AVAILABLE"
    # An unmatched bracket ended in endless recursion (a page's line crashed its whole reading).
    assert enums.status("Not a status at all)") == "" and enums.status("Recruiting)") == "RECRUITING"


@pytest.mark.parametrize(
    "text, count",
    [("1,200", 1200), ("1.200", 1200), ("1.200 participants", 1200), ("40", 40), ("120 (60 per arm)", 120)],
)
def test_a_count_with_thousands_separated_as_europe_does(text, count):
    from ingest.pages.basics import parse_count

    assert parse_count(text) == count
