"""export_trials: one JSON object per trial per line, the same objects as /trials.json."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

KEYS = {
    "id",
    "registry_ids",
    "title",
    "official_title",
    "status",
    "status_raw",
    "phases",
    "study_type",
    "enrollment",
    "enrollment_type",
    "start_date",
    "primary_completion_date",
    "completion_date",
    "last_updated",
    "latest_change",
    "results_url",
    "references",
    "conditions",
    "conditions_raw",
    "condition_categories",
    "cell_sources",
    "product_types",
    "origin",
    "routes",
    "interventions",
    "arms",
    "sponsor",
    "collaborators",
    "countries",
    "sites",
    "sex",
    "min_age_years",
    "max_age_years",
    "healthy_volunteers",
    "in_scope",
    "has_results",
    "mesh_terms",
    "source_documents",
    "url",
}


def export_lines() -> list[dict]:
    out = StringIO()
    call_command("export_trials", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_object_per_trial_with_the_documented_keys(seeded):
    rows = export_lines()
    assert [row["id"] for row in rows] == sorted(row["id"] for row in rows)
    assert len(rows) == 5
    for row in rows:
        assert set(row) == KEYS


def test_values_as_a_researcher_reads_them(seeded):
    rows = {row["id"]: row for row in export_lines()}
    melasma = rows["NCT06911281"]
    assert melasma["conditions"] == ["Melasma"]
    assert melasma["condition_categories"] == ["pigmentary"]
    assert melasma["conditions_raw"] == ["Mesenchymal Stem Cells", "Pigmentary Disorders"]
    assert melasma["sponsor"] == "Shanghai East Hospital"
    assert melasma["collaborators"] == ["ARSMO(Hainan) International Plastic & Aesthetic Hospital Company Limited"]
    assert {"registry": "ORG", "value": "DFSC-2025(CR)-01", "kind": "sponsor"} in melasma["registry_ids"]
    assert melasma["start_date"] == "2025-06-30" and melasma["enrollment_type"] is None
    alopecia = rows["NCT06764329"]
    assert alopecia["origin"] == "allogeneic" and alopecia["phases"] == ["PHASE1", "PHASE2"]
    assert alopecia["countries"] == ["Pakistan"]
    irct = rows["IRCT20080901001159N33"]
    assert irct["status"] == "ACTIVE_NOT_RECRUITING" and irct["status_raw"] == "Recruitment complete"
    assert irct["product_types"] == ["Conditioned medium"]
    assert irct["source_documents"][0]["file_name"] == "004_cdb2584da9601275.txt"
    assert len(irct["source_documents"][0]["sha256"]) == 64


def test_month_precision_dates_are_cut_to_the_month(seeded):
    from catalog.models import Trial

    Trial.objects.filter(primary_id="NCT04034615").update(start_date_precision="month")
    row = next(row for row in export_lines() if row["id"] == "NCT04034615")
    assert row["start_date"] == "2021-05"


def test_command_and_json_view_give_the_same_objects(client, seeded):
    from_command = {row["id"]: row for row in export_lines()}
    from_view = {row["id"]: row for row in client.get("/trials.json").json()["results"]}
    for row in from_view.values():
        row["url"] = row["url"].replace("http://testserver", "http://127.0.0.1:8000")
    assert from_view == from_command


def test_related_rows_read_in_batches_stay_with_their_trial(seeded, django_assert_max_num_queries):
    """Batches of two over five seeds: each trial's rows are its own, as when read one by one."""
    from catalog.export import RELATED_ROWS, export_queryset, exported, trial_to_dict
    from catalog.models import Trial

    one_by_one = {trial.primary_id: trial_to_dict(trial) for trial in export_queryset(Trial.objects.all())}
    with django_assert_max_num_queries(1 + 3 * len(RELATED_ROWS)):  # the trials, then each batch's relations
        batched = {trial.primary_id: trial_to_dict(trial) for trial in exported(export_queryset(), batch=2)}
    assert batched == one_by_one
    assert len(batched) == 5
    # The plain rows read as the model instances the trial's page reads do.
    from catalog.detail import published_trial

    assert {key: trial_to_dict(published_trial(key)) for key in batched} == batched
    assert any(row["sites"] for row in batched.values()) and any(row["conditions"] for row in batched.values())
