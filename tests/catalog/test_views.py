"""The public pages: list, detail, overview and their JSON twins."""

import json
import re

import pytest

from catalog.models import Trial
from ingest.loader import ingest_record
from ingest.record import Identifier, Intervention, TrialRecord

pytestmark = pytest.mark.django_db


def add_trials(count: int, start: int = 0):
    for number in range(start, start + count):
        ingest_record(
            TrialRecord(
                source_format="test",
                identifiers=(Identifier("NCT", f"NCT09{number:06d}"),),
                brief_title=f"Umbilical cord stem cells for vitiligo {number}",
                status="RECRUITING",
                phases=("PHASE2",),
                conditions_raw=("Vitiligo",),
                interventions=(Intervention("UC-MSC", "BIOLOGICAL"),),
            ),
            f"generated-{number}.json",
        )


def test_list_shows_the_seed_trials_with_their_columns(client, seeded):
    response = client.get("/trials/")
    assert response.status_code == 200
    html = response.content.decode()
    for registry_id in ["NCT06911281", "NCT03765957", "NCT04034615", "NCT06764329", "IRCT20080901001159N33"]:
        assert registry_id in html
    assert '<h1 id="results-heading">5 trials</h1>' in html
    assert "Umbilical cord" in html and "Withdrawn" in html
    assert '12 <span class="qualifier">estimated</span>' in html
    assert '0 <span class="qualifier">actual</span>' in html


def test_list_heading_says_the_selection_in_words(client, seeded):
    response = client.get("/trials/?status=WITHDRAWN")
    assert b"<title>1 withdrawn trial" in response.content
    response = client.get("/trials/?cell_source=umbilical-cord&condition=psoriasis")
    assert b"1 trial of umbilical cord products for psoriasis" in response.content
    response = client.get("/trials/?category=scar&origin=Allogeneic")
    assert b"0 trials of allogeneic products for scars" in response.content
    response = client.get("/trials/?product_type=conditioned-medium&route=Topical")
    assert b"1 trial of conditioned medium given topical" in response.content


def test_list_facets_show_counts_and_keep_choices_ticked(client, seeded):
    html = client.get("/trials/?cell_source=umbilical-cord").content.decode()
    assert 'name="cell_source" value="umbilical-cord" checked' in html
    assert (
        '<span class="count"><span class="visually-hidden">(</span>2<span class="visually-hidden"> trials)</span></span>'
        in html
    )
    assert 'aria-label="Remove filter Cell source: Umbilical cord"' in html


def test_pagination_keeps_the_filters(client, seeded, settings):
    settings.TRIALS_PER_PAGE = 2
    add_trials(3)
    html = client.get("/trials/?status=RECRUITING").content.decode()
    assert "Page 1 of 2" in html
    assert 'href="?status=RECRUITING&amp;page=2"' in html
    second = client.get("/trials/?status=RECRUITING&page=2").content.decode()
    assert "NCT09000002" in second and "Page 2 of 2" in second


def test_invalid_filter_value_gets_a_message_not_a_500(client, seeded):
    response = client.get("/trials/?status=BOGUS&page=abc")
    assert response.status_code == 200
    assert b"Some filter values were not understood" in response.content


def test_invalid_scalar_values_are_named_in_the_message(client, seeded):
    response = client.get("/trials/?age=old&start_from=1&updated_since=soon&cell_source=umbilical-cord")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Patient&#x27;s age (years)</strong>" in html
    assert "<strong>Updated by the registry since</strong>" in html
    # The valid part of the selection still applies.
    assert '<h1 id="results-heading">2 trials of umbilical cord products</h1>' in html


def test_heading_names_every_kind_of_filter(client, seeded):
    html = client.get(
        "/trials/?open=1&country=Pakistan&sex=MALE&age=30&registry=NCT&start_from=2020&start_to=2025"
        "&updated_since=2024-01-01&study_type=INTERVENTIONAL"
    ).content.decode()
    assert (
        "1 interventional trial open to enrollment in Pakistan accepting men for a patient aged 30 "
        "registered in ClinicalTrials.gov starting 2020–2025 updated since 1 January 2024"
    ) in html


def test_chips_remove_one_value_and_keep_the_rest(client, seeded):
    html = client.get("/trials/?status=RECRUITING&status=WITHDRAWN&age=30&q=cells&open=1").content.decode()
    assert (
        'href="?status=WITHDRAWN&amp;age=30&amp;q=cells&amp;open=1" aria-label="Remove filter Status: Recruiting"'
        in html
    )
    assert 'href="?status=RECRUITING&amp;status=WITHDRAWN&amp;q=cells&amp;open=1"' in html  # age removed
    assert 'href="?status=RECRUITING&amp;status=WITHDRAWN&amp;age=30&amp;open=1"' in html  # search removed
    assert 'aria-label="Remove filter Open to enrollment"' in html
    assert 'aria-label="Remove filter Age 30">Age 30 <span' in html
    assert '<li class="clear-all"><a href="/trials/">Clear all</a></li>' in html
    # No selection, no chips.
    assert 'class="chips"' not in client.get("/trials/").content.decode()


def test_filter_form_keeps_the_scalar_values(client, seeded):
    html = client.get("/trials/?age=42&start_from=2019&start_to=2024&updated_since=2024-05-01&open=1").content.decode()
    assert 'name="age" min="0" max="120" step="1" inputmode="numeric" value="42"' in html
    assert 'name="start_from" min="1900" max="2100" step="1" inputmode="numeric" value="2019"' in html
    assert 'name="updated_since" value="2024-05-01"' in html
    assert 'name="open" value="1" checked' in html


def test_sort_changes_the_list_order(client, seeded):
    html = client.get("/trials/?sort=enrollment").content.decode()
    positions = [
        html.index(f'<span class="trial-id">{rid}</span>') for rid in ["NCT06764329", "NCT06911281", "NCT04034615"]
    ]
    assert positions == sorted(positions)
    assert '<option value="enrollment" selected>' in html


def test_search_snippets_mark_matches_in_escaped_text(client, db):
    ingest_record(
        TrialRecord(
            source_format="test",
            identifiers=(Identifier("NCT", "NCT01111113"),),
            brief_title="Stem cells for vitiligo",
            brief_summary='Melanocyte <b onmouseover="x()">transplant</b> in stable vitiligo patches.',
            conditions_raw=("Vitiligo",),
        ),
        "snippet.json",
    )
    html = client.get("/trials/?q=transplant").content.decode()
    assert '<p class="snippet">Melanocyte' in html and "<mark>transplant</mark>" in html
    assert "<b onmouseover" not in html


def test_highlight_escapes_before_marking():
    from catalog.models import SNIPPET_MARKS
    from catalog.templatetags.catalog_tags import highlight

    start, stop = SNIPPET_MARKS
    assert highlight(f"<script>x</script> {start}vitiligo{stop} & {start}cut") == (
        "&lt;script&gt;x&lt;/script&gt; <mark>vitiligo</mark> &amp; cut"
    )
    assert highlight(f"{stop}{start}a{start}b{stop}") == "a<mark>b</mark>"


def test_typing_a_registry_id_leads_to_the_trial(client, seeded):
    for typed in ["NCT06911281", "nct 0691-1281", "DFSC-2025(CR)-01", "irct20080901001159n33"]:
        response = client.get("/trials/", {"q": typed})
        assert response.status_code == 302, typed
    assert client.get("/trials/", {"q": "nct06911281"}).url == "/trials/NCT06911281/"


def test_detail_page_shows_every_section(client, seeded):
    html = client.get("/trials/NCT04034615/").content.decode()
    for text in [
        "The Long-term Effect of Perinatal Tissue Mesenchyme Stem Cells",
        "Withdrawn",
        "The pandemic resulted in no enrollments",
        '0 participants <span class="qualifier">actual</span>',
        '20 May 2021 <span class="qualifier">actual</span>',
        "Caesarean-section scar",
        "Perinatal tissue",
        "Mesenchymal Stem Cells low-dose group",
        "Vancouver Scar Scale score",
        "21 years to 35 years",
        "Maternal and Child Health Hospital of Foshan",
        "MCHHFoshan-1902",
        "https://clinicaltrials.gov/study/NCT04034615",
        "002_bae6bef32e9f71d0.txt",
        "Why these tags?",
        "Last updated by the registry: 21 December 2022",
    ]:
        assert text in html, text


def test_detail_page_by_secondary_or_sponsor_form_redirects_to_the_primary_id(client, seeded):
    response = client.get("/trials/nct04034615/")
    assert response.status_code == 301 and response.url == "/trials/NCT04034615/"


def test_unknown_trial_is_a_clear_404(client, seeded):
    response = client.get("/trials/NCT00000001/")
    assert response.status_code == 404
    assert b"No trial with the registry id" in response.content


def test_registry_text_is_escaped(client, db):
    ingest_record(
        TrialRecord(
            source_format="test",
            identifiers=(Identifier("NCT", "NCT01111112"),),
            brief_title='<script>alert("x")</script> stem cells for vitiligo',
            brief_summary='<img src=x onerror="alert(1)"> <a href="javascript:alert(2)">click</a>',
            conditions_raw=("Vitiligo",),
        ),
        "hostile.json",
    )
    for url in ["/trials/", "/trials/NCT01111112/", "/"]:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html and '<a href="javascript:' not in html
    assert "&lt;script&gt;alert" in client.get("/trials/NCT01111112/").content.decode()


def test_overview_leads_into_the_list(client, seeded):
    html = client.get("/").content.decode()
    assert "5 clinical trials" in html
    assert '/cell-sources/umbilical-cord/">Umbilical cord</a> <span class="count">2</span>' in html
    assert '/trials/?status=WITHDRAWN">Withdrawn</a>' in html
    assert "2 are open or about to open to enrollment" in html


def test_list_json_matches_the_page(client, seeded):
    payload = client.get("/trials.json?cell_source=umbilical-cord").json()
    assert payload["count"] == 2
    assert sorted(trial["id"] for trial in payload["results"]) == ["NCT03765957", "NCT06911281"]
    assert payload["facets"]["cell_source"][0]["value"] == "umbilical-cord"
    assert client.get("/trials.json?status=BOGUS").status_code == 400


def test_detail_json_has_the_export_fields(client, seeded):
    data = client.get("/trials/NCT04034615.json").json()
    assert data["id"] == "NCT04034615"
    assert data["status"] == "WITHDRAWN" and data["enrollment"] == 0 and data["enrollment_type"] == "ACTUAL"
    assert data["start_date"] == "2021-05-20"
    assert data["url"] == "http://testserver/trials/NCT04034615/"


def test_list_query_count_does_not_grow_with_results(client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(20) as small:
        client.get("/trials/")
    add_trials(20)
    with django_assert_max_num_queries(20) as large:
        client.get("/trials/")
    assert len(large.captured_queries) == len(small.captured_queries)


def test_detail_query_count_is_fixed(client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(16) as first:
        client.get("/trials/NCT06911281/")
    with django_assert_max_num_queries(16) as second:
        client.get("/trials/NCT04034615/")
    assert len(first.captured_queries) == len(second.captured_queries)


def test_json_list_query_count_does_not_grow_with_results(client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(28) as small:
        client.get("/trials.json")
    add_trials(20)
    with django_assert_max_num_queries(28) as large:
        client.get("/trials.json")
    assert len(large.captured_queries) == len(small.captured_queries)


def test_trial_without_in_scope_flag_is_not_listed(client, seeded):
    Trial.objects.filter(primary_id="NCT04034615").update(in_scope=False)
    assert b"NCT04034615" not in client.get("/trials/").content
    assert client.get("/trials/NCT04034615/").status_code == 200
    assert json.loads(client.get("/trials.json").content)["count"] == 4


def test_condition_page_shows_its_trials_by_phase_and_status(client, seeded):
    html = client.get("/conditions/melasma/").content.decode()
    assert "<h1>Melasma</h1>" in html and "ICD-10 L81.1" in html and "chloasma" in html
    assert '?condition=melasma&amp;phase=PHASE1">Phase 1</a> <span class="count">1</span>' in html
    assert (
        '?condition=melasma&amp;status=NOT_YET_RECRUITING">Not yet recruiting</a> <span class="count">1</span>' in html
    )
    assert "NCT06911281" in html


def test_cell_source_page(client, seeded):
    html = client.get("/cell-sources/umbilical-cord/").content.decode()
    assert "2 trials</a> in the catalog" in html
    assert "NCT06911281" in html and "NCT03765957" in html and "NCT04034615" not in html


def test_unknown_condition_page_is_404(client, seeded):
    assert client.get("/conditions/no-such-thing/").status_code == 404


def test_a_status_probably_out_of_date_is_flagged(client, db):
    from datetime import date, timedelta

    from ingest.record import PartialDate

    long_ago = PartialDate(date.today() - timedelta(days=3 * 365))
    for number, (status, last_updated, completion) in enumerate(
        [
            ("RECRUITING", long_ago, None),  # stale: not updated for three years
            ("NOT_YET_RECRUITING", None, PartialDate(date.today() - timedelta(days=30))),  # past completion
            ("RECRUITING", PartialDate(date.today() - timedelta(days=30)), None),  # fresh
            ("COMPLETED", long_ago, None),  # closed: nothing to flag
        ]
    ):
        ingest_record(
            TrialRecord(
                source_format="test",
                identifiers=(Identifier("NCT", f"NCT0980000{number}"),),
                brief_title="Umbilical cord stem cells for vitiligo",
                status=status,
                last_updated=last_updated,
                completion_date=completion,
                conditions_raw=("Vitiligo",),
                interventions=(Intervention("UC-MSC", "BIOLOGICAL"),),
            ),
            f"stale-{number}.json",
        )
    flagged = {trial.primary_id: trial.stale_reason for trial in Trial.objects.all()}
    assert flagged == {
        "NCT09800000": "the registry has not updated it for more than two years",
        "NCT09800001": "its completion date has passed",
        "NCT09800002": "",
        "NCT09800003": "",
    }
    assert (
        "The status may be out of date:</strong> the registry has not updated it"
        in client.get("/trials/NCT09800000/").content.decode()
    )
    assert client.get("/trials/").content.decode().count("Status may be out of date") == 2


def test_list_rows_say_when_the_registry_last_updated_each_trial(client, seeded):
    html = client.get("/trials/?condition=melasma").content.decode()
    assert "<dt>Registry update</dt><dd>4 April 2025</dd>" in html


def test_contacts_read_as_words_with_their_phone_and_email_as_links(client, db, vocabularies):
    from ingest.record import Contact

    ingest_record(
        TrialRecord(
            source_format="test",
            identifiers=(Identifier("NCT", "NCT09102001"),),
            brief_title="Umbilical cord stem cells for vitiligo",
            conditions_raw=("Vitiligo",),
            contacts=(
                Contact("Dr A. Example", "PRINCIPAL_INVESTIGATOR", "+98 (21) 555-0100 ext. 12", "a@example.org"),
            ),
        ),
        "contacts.json",
    )
    html = client.get("/trials/NCT09102001/").content.decode()
    assert "principal investigator" in html and "PRINCIPAL_INVESTIGATOR" not in html
    assert 'href="tel:+98215550100"' in html and 'href="mailto:a@example.org"' in html


def test_the_feed_keeps_its_question_in_its_own_link_and_the_pages_link(client, db, vocabularies):
    html = client.get("/trials/", {"status": "RECRUITING", "condition": "vitiligo"}).content.decode()
    assert 'type="application/atom+xml" title="New and updated trials of this selection"' in html
    assert "/trials.atom?status=RECRUITING&amp;condition=vitiligo" in html
    feed = client.get("/trials.atom", {"status": "RECRUITING"}).content.decode()
    assert '<link href="http://testserver/trials.atom?status=RECRUITING" rel="self"/>' in feed


def test_a_reclassify_moves_no_feed_entry(client, seeded):
    from django.core.management import call_command

    def entries(feed: str) -> list[str]:
        return feed.split("<entry>")[1:]

    before = client.get("/trials.atom").content.decode()
    call_command("reclassify", verbosity=0)
    after = client.get("/trials.atom").content.decode()
    assert [entry.split("<updated>")[1][:25] for entry in entries(after)] == [
        entry.split("<updated>")[1][:25] for entry in entries(before)
    ]
    assert len(entries(after)) == 5


def test_the_order_sits_with_the_results_and_keeps_the_selection(client, seeded):
    html = client.get("/trials/?status=RECRUITING&q=stem cells&page=1").content.decode()
    results = html[html.index('class="results"') :]
    sort_form = results[
        results.index('class="sort-form"') : results.index("</form>", results.index('class="sort-form"'))
    ]
    assert '<input type="hidden" name="status" value="RECRUITING">' in sort_form
    assert '<input type="hidden" name="q" value="stem cells">' in sort_form
    assert 'name="page"' not in sort_form  # a new order starts on page 1
    assert '<option value="relevance" selected>Best match to the search</option>' in sort_form
    plain = client.get("/trials/").content.decode()
    assert '<option value="updated" selected>Last updated by the registry, newest first</option>' in plain
    assert 'value="relevance"' not in plain  # no search, no best match


def test_a_long_facet_is_narrowed_by_typing_without_scripts(client, seeded):
    html = client.get("/trials/?find_country=ira&country=China").content.decode()
    country = html[
        html.index("<legend>Country</legend>") : html.index("</fieldset>", html.index("<legend>Country</legend>"))
    ]
    assert 'name="find_country" value="ira"' in country
    values = re.findall(r'name="country" value="([^"]+)"', country)
    assert values == ["China", "Iran"] or values == ["Iran", "China"]  # the ticked value stays
    # The narrowing is no filter: the list and its exports are the same as without it.
    heading = re.compile(r'<h1 id="results-heading">([^<]+)</h1>')
    assert heading.search(client.get("/trials/?country=China").content.decode())[1] == heading.search(html)[1]


def _key_facts_of_a_trial_with_sites(client, identifier: str, sites: tuple, **fields) -> str:
    """The trial page's key facts for a venous-ulcer cell trial with these sites."""
    ingest_record(
        TrialRecord(
            source_format="test",
            identifiers=(Identifier("NCT", identifier),),
            brief_title="Umbilical cord cells for chronic venous ulcers",
            conditions_raw=("Venous leg ulcer",),
            interventions=(Intervention("UC-MSC", "BIOLOGICAL"),),
            sites=sites,
            **fields,
        ),
        f"{identifier}.json",
    )
    html = client.get(f"/trials/{identifier}/").content.decode()
    return html[html.index('id="facts"') : html.index('id="classification"')]


def test_a_trial_page_for_people_countries_summarized_and_the_last_known_status(client, db):
    from ingest.record import Site

    sites = (
        Site("A", "Lyon", "", "France"),
        Site("B", "Boston", "MA", "United States"),
        Site("C", "Paris", "", "France"),
    )
    facts = _key_facts_of_a_trial_with_sites(
        client, "NCT09900071", sites, status="UNKNOWN", last_known_status="RECRUITING"
    )
    assert "last known status: recruiting" in facts
    assert (
        '2 countries, 3 sites: France <span class="count">2</span> · United States <span class="count">1</span>'
        in facts
    )


def test_countries_given_without_their_sites_are_not_counted_as_sites(client, db):
    """A record that says only where the trial runs ("in the United States and Canada") names no
    site: the page lists the countries and counts no sites."""
    from ingest.record import Site

    facts = _key_facts_of_a_trial_with_sites(
        client, "NCT09900074", (Site(country="United States"), Site(country="Canada"))
    )
    assert "2 countries: United States · Canada</dd>" in facts
    assert "site" not in facts[facts.index("Countries") :].split("</dd>")[0]


def test_one_countrys_sites_are_counted_once(client, db):
    """'1 country, 2 sites: France', not 'France 2' again after it."""
    from ingest.record import Site

    sites = (Site("A", "Lyon", "", "France"), Site("C", "Paris", "", "France"))
    assert "1 country, 2 sites: France</dd>" in _key_facts_of_a_trial_with_sites(client, "NCT09900072", sites)


def test_the_results_come_before_the_filters_in_the_page(client, seeded):
    html = client.get("/trials/").content.decode()
    assert html.index('class="results"') < html.index('class="filters"')


def test_the_list_opens_on_the_latest_registry_updates_missing_dates_last(client, seeded):
    html = client.get("/trials/").content.decode()  # no parameter at all
    order = re.findall(r'<span class="trial-id">([^<]+)</span>', html)
    assert order == ["NCT06911281", "NCT06764329", "NCT04034615", "IRCT20080901001159N33", "NCT03765957"]


def test_list_cards_name_each_trials_terms_in_name_order(seeded):
    """The cards' names are precompiled SQL (catalog/models.py `_names_sql`): they must be each
    trial's own terms, sorted by name, also beside a filter that has subqueries of its own."""
    ingest_record(
        TrialRecord(
            source_format="test",
            identifiers=(Identifier("NCT", "NCT09999999"),),
            brief_title="Adipose stem cells for vitiligo, psoriasis and atopic dermatitis",
            conditions_raw=("Vitiligo", "Psoriasis", "Atopic dermatitis"),
            interventions=(Intervention("ADSC", "BIOLOGICAL"),),
        ),
        "three-conditions.json",
    )
    listed = Trial.objects.listed()
    filtered = listed.filter(cell_sources__isnull=False).filter(pk__in=listed.values("pk"))
    for trials in (listed, filtered):
        cards = {trial.pk: trial for trial in trials.for_list()}
        assert cards
        for trial in Trial.objects.filter(pk__in=cards):
            card = cards[trial.pk]
            assert card.card_conditions == sorted(term.name for term in trial.conditions.all())
            assert card.card_cell_sources == sorted(term.name for term in trial.cell_sources.all())
            assert card.card_product_types == sorted(term.name for term in trial.product_types.all())
    assert any(len(card.card_conditions) > 1 for card in listed.for_list())
