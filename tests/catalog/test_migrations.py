"""Data migrations, run on a database holding the data they convert."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("catalog", "0016_curator_corrections")]


@pytest.mark.django_db(transaction=True)
def test_free_text_tag_decisions_become_vocabulary_terms(vocabularies):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    trial = old.get_model("catalog", "Trial").objects.create(primary_id="NCT08200001", brief_title="t")
    decisions = old.get_model("catalog", "TagDecision").objects
    decisions.create(trial=trial, kind="cell_sources", term="umbilical cord", include=True)  # another case
    decisions.create(trial=trial, kind="origins", term="Allogeneic", include=True)
    decisions.create(trial=trial, kind="conditions", term="Xyzoderma", include=False)  # no such term yet

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from catalog.models import CellSource, Condition, TagDecision

    by_kind = {decision.kind: decision for decision in TagDecision.objects.all()}
    assert by_kind["cell_sources"].cell_source == CellSource.objects.get(name="Umbilical cord")
    assert by_kind["origins"].tag_term.name == "Allogeneic"
    # A name no vocabulary had: kept as a term (it was public already), the decision not lost.
    assert by_kind["conditions"].condition == Condition.objects.get(name="Xyzoderma")
    assert not by_kind["conditions"].include
