"""The curation loop: curators grow the vocabularies and decide tags; reclassify applies both."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from catalog.models import CellSource, Condition, TagDecision, TagTerm, Trial
from ingest.loader import ingest_document, ingest_record
from ingest.normalize.taxonomy import TAXONOMY_FILE
from ingest.record import Identifier, Intervention, TrialRecord

pytestmark = pytest.mark.django_db


def allogeneic():
    return TagTerm.objects.get(kind="origins", name="Allogeneic")


def command(name, *args) -> str:
    out = io.StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def test_a_new_condition_places_its_word_after_reclassify():
    ingest_record(
        TrialRecord(
            source_format="test",
            identifiers=(Identifier("NCT", "NCT08000001"),),
            brief_title="Umbilical cord mesenchymal stem cells for xyzoderma",
            conditions_raw=("Xyzoderma",),
            interventions=(Intervention("UC-MSC", "BIOLOGICAL"),),
        ),
        "xyz.json",
    )
    trial = Trial.objects.get(primary_id="NCT08000001")
    # Cells for a condition the vocabulary does not know: kept, for a curator to judge.
    assert (list(trial.conditions.all()), trial.unplaced_conditions) == ([], ["Xyzoderma"])
    assert trial.in_scope and trial.needs_review
    assert trial.review_reason == "cells, for a condition the vocabulary does not know: is it of the skin?"

    Condition.objects.create(name="Xyzoderma", slug="xyzoderma", category="inflammatory", synonyms=["xyzoderma"])
    assert command("reclassify") == "1 trial reclassified, 1 with changed tags\n"

    trial.refresh_from_db()
    assert list(trial.conditions.values_list("name", flat=True)) == ["Xyzoderma"]
    assert trial.unplaced_conditions == [] and trial.in_scope and not trial.needs_review
    assert trial.review_reason == ""  # settled: no reason left


def test_hand_decisions_survive_reclassify_and_reingest(seeded, seed_paths, django_user_model):
    curator = django_user_model.objects.create_user("ana")
    trial = Trial.objects.get(primary_id="NCT06911281")
    TagDecision.objects.create(
        trial=trial, cell_source=CellSource.objects.get(name="Umbilical cord"), include=False, decided_by=curator
    )
    TagDecision.objects.create(
        trial=trial, cell_source=CellSource.objects.get(name="Wharton's jelly"), include=True, decided_by=curator
    )
    TagDecision.objects.create(trial=trial, tag_term=allogeneic(), include=True, decided_by=curator)

    command("reclassify")
    trial.refresh_from_db()
    assert list(trial.cell_sources.values_list("name", flat=True)) == ["Wharton's jelly"]
    assert trial.origins == ["Allogeneic"]
    evidence = trial.classification_evidence["cell_sources"]["Wharton's jelly"][0]
    assert evidence["field"] == "curator" and evidence["text"].startswith("set by ana on ")

    # A later version of the registry page arrives: the decisions still hold.
    later = seed_paths[0].read_text().replace("Last Updated: 2025-04-04", "Last Updated: 2025-09-01")
    assert ingest_document(later.encode(), "000-later.txt").status == "updated"
    trial.refresh_from_db()
    assert list(trial.cell_sources.values_list("name", flat=True)) == ["Wharton's jelly"]
    assert trial.origins == ["Allogeneic"]
    assert list(trial.conditions.values_list("name", flat=True)) == ["Melasma"]  # automatic tags still work


def test_detail_page_says_why_including_curators(client, seeded, django_user_model):
    trial = Trial.objects.get(primary_id="NCT03765957")
    TagDecision.objects.create(
        trial=trial, tag_term=allogeneic(), decided_by=django_user_model.objects.create_user("ben")
    )
    command("reclassify")
    html = client.get("/trials/NCT03765957/").content.decode()
    assert "Origin: Allogeneic" in html and "set by ben on" in html


@pytest.fixture
def curator(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("cura", "cura@example.org", "a-long-test-password"))
    return client


def test_admin_lists_unplaced_words_with_how_many_trials_use_them(curator, seeded):
    html = curator.get(reverse("admin:catalog_condition_unplaced")).content.decode()
    assert "<td>Mesenchymal Stem Cells</td>" in html
    assert '?q=Mesenchymal%20Stem%20Cells&amp;in_scope__exact=1">1</a>' in html
    add = curator.get(reverse("admin:catalog_condition_add"), {"name": "Foo", "synonyms": "Foo"})
    assert add.status_code == 200 and 'value="Foo"' in add.content.decode()


def test_admin_reclassify_action(curator, seeded):
    CellSource.objects.filter(name="Umbilical cord").update(synonyms=["umbilical"])  # a curator's edit
    response = curator.post(
        reverse("admin:catalog_trial_changelist"),
        {"action": "reclassify_trials", "_selected_action": list(Trial.objects.values_list("pk", flat=True))},
        follow=True,
    )
    assert "5 trials reclassified" in response.content.decode()


def test_taxonomy_report(seeded):
    report = command("taxonomy_report")
    assert "5 in-scope trials" in report
    assert "with a canonical condition: 5 (100%)" in report
    assert "with a cell source: 5 (100%)" in report
    assert "1  Mesenchymal Stem Cells" in report


def test_seeding_again_never_undoes_a_curator(db):
    melasma = Condition.objects.get(name="Melasma")
    melasma.category = "inflammatory"
    melasma.synonyms = ["chloasma faciei"]
    melasma.save()
    assert command("load_taxonomy") == "0 terms created, 1 terms completed from the data file\n"
    melasma.refresh_from_db()
    assert melasma.category == "inflammatory"
    # the curator's own synonym kept, the data file's added after it
    data = json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))
    from_the_file = next(term["synonyms"] for term in data["conditions"] if term["name"] == "Melasma")
    assert "chloasma" in from_the_file
    assert melasma.synonyms == ["chloasma faciei", *from_the_file]


def test_the_database_holds_the_vocabularies(db):
    assert Condition.objects.count() >= 80
    assert set(Condition.objects.values_list("category", flat=True)) >= {
        "pigmentary",
        "inflammatory",
        "scar",
        "hair",
        "wound and burn",
        "genetic",
        "aging",
        "connective tissue",
    }
    assert Condition.objects.get(name="Androgenetic alopecia").abbreviations == ["AGA", "FPHL", "MPHL"]
    assert CellSource.objects.filter(name__in=["Wharton's jelly", "Dental pulp", "Menstrual blood"]).count() == 3


class FormFields(__import__("html.parser").parser.HTMLParser):
    """Every field of the admin's change form with its current value, as a browser would post it."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if attrs.get("type") in ("checkbox", "radio") else ""
            self.data.setdefault(name, []).append(attrs.get("value", default))
        elif tag == "select" and name:
            self.select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][0] += data


def test_a_curator_decides_a_tag_on_the_trial_page(curator, seeded):
    trial = Trial.objects.get(primary_id="NCT04034615")
    url = reverse("admin:catalog_trial_change", args=[trial.pk])
    parser = FormFields()
    parser.feed(curator.get(url).content.decode())
    data = parser.data
    data["tag_decisions-0-cell_source"] = [str(CellSource.objects.get(name="Umbilical cord").pk)]
    data["tag_decisions-0-include"] = ["on"]
    data["tag_decisions-0-note"] = ["the perinatal tissue is umbilical cord, per the sponsor"]
    response = curator.post(url, data, follow=True)
    assert "Tags updated with your decisions." in response.content.decode()
    decision = TagDecision.objects.get(trial=trial)
    assert decision.decided_by.username == "cura" and decision.decided_at is not None
    trial.refresh_from_db()
    assert list(trial.cell_sources.values_list("name", flat=True)) == ["Perinatal tissue", "Umbilical cord"]


@pytest.mark.django_db(transaction=True)  # each chunk really commits
def test_reclassify_commits_a_chunk_at_a_time_and_says_how_far_it_got(seeded, monkeypatch):
    from catalog.changes import current_version
    from ingest import reclassify as module

    monkeypatch.setattr(module, "CHUNK", 2)
    heard = []
    version = current_version()[0]
    done = module.reclassify(Trial.objects.order_by("pk"), lambda done, changed: heard.append((done, changed)))
    assert done == (5, 0) and heard == [(2, 0), (4, 0), (5, 0)]
    assert current_version()[0] == version + 3  # one change of the catalog per chunk, not per trial
    # A trial with no readable document is left as it was and counts as unchanged.
    trial = Trial.objects.order_by("pk").first()
    trial.source_documents.update(parse_status="failed")
    assert module.reclassify([trial]) == (1, 0)
    assert trial.conditions.exists()


def test_a_rebuild_rewrites_a_trials_rows_once_leaving_no_stale_or_doubled_row(seeded):
    from ingest.writing import REBUILT_CHILDREN

    def rows():
        return {model.__name__: sorted(model.objects.values_list("trial_id", flat=True)) for model in REBUILT_CHILDREN}

    before = rows()
    assert sum(map(len, before.values())) > 20  # the seeds have arms, sites, contacts...
    trial = Trial.objects.get(primary_id="NCT03765957")
    from catalog.models import Site

    Site.objects.create(trial=trial, position=99, facility="A site no document names")
    command("reclassify")
    command("reclassify")
    assert rows() == before


def test_a_decision_chooses_one_vocabulary_term_and_keeps_it_when_renamed(curator, seeded):
    trial = Trial.objects.get(primary_id="NCT04034615")
    url = reverse("admin:catalog_trial_change", args=[trial.pk])
    parser = FormFields()
    parser.feed(curator.get(url).content.decode())
    # A term the vocabulary lacks is no choice; nor are two terms in one decision.
    typo = {**parser.data, "tag_decisions-0-cell_source": ["999999"], "tag_decisions-0-include": ["on"]}
    assert "Select a valid choice" in curator.post(url, typo).content.decode()
    two = {
        **parser.data,
        "tag_decisions-0-cell_source": [str(CellSource.objects.get(name="Umbilical cord").pk)],
        "tag_decisions-0-tag_term": [str(allogeneic().pk)],
        "tag_decisions-0-include": ["on"],
    }
    assert "Choose one term" in curator.post(url, two).content.decode()
    assert not TagDecision.objects.exists() and not CellSource.objects.filter(name__icontains="umbilicall").exists()

    cord = CellSource.objects.get(name="Umbilical cord")
    TagDecision.objects.create(trial=trial, cell_source=cord, include=True)
    cord.name = "Umbilical cord tissue"  # a curator renames the term in its vocabulary
    cord.save()
    command("reclassify")
    trial.refresh_from_db()
    assert "Umbilical cord tissue" in list(trial.cell_sources.values_list("name", flat=True))
    assert (
        TagDecision.objects.get().term == "Umbilical cord tissue" and TagDecision.objects.get().kind == "cell_sources"
    )


def test_a_code_named_cell_product_is_kept_with_its_reason(client):
    ingest_record(
        TrialRecord(
            source_format="test",
            identifiers=(Identifier("NCT", "NCT08000009"),),
            brief_title="ALLO-ASC-DFU sheet in diabetic foot ulcers",
            conditions_raw=("Diabetic Foot Ulcer",),
            interventions=(Intervention("ALLO-ASC-DFU", "BIOLOGICAL"),),
        ),
        "coded.json",
    )
    trial = Trial.objects.get(primary_id="NCT08000009")
    assert trial.in_scope and trial.needs_review and list(trial.cell_sources.all()) == []
    assert trial.review_reason.startswith("ALLO-ASC, a product known to hold cells")
    assert client.get("/trials/NCT08000009/").status_code == 200  # listed, for clinicians too
