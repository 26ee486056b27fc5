"""Pages that print no registry id: the address given with them, drafts in the admin, a curator's
id, and the export that marks them."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from catalog.models import Trial
from ingest.loader import ingest_document

pytestmark = pytest.mark.django_db
PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


@pytest.fixture
def draft(vocabularies):
    result = ingest_document((PAGES / "mirror_no_id.txt").read_bytes(), "mirror_no_id.txt")
    return Trial.objects.get(primary_id=result.trial_id)


@pytest.fixture
def curator(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("curator", "c@example.org", "a-long-password"))
    return client


def test_ingest_takes_the_page_address_from_the_command_line(vocabularies, tmp_path):
    shutil.copy(PAGES / "mirror_no_id.txt", tmp_path / "page.txt")
    out = StringIO()
    call_command(
        "ingest", str(tmp_path / "page.txt"), "--source-url", "https://finder.example/t/NCT09100780", stdout=out
    )
    assert "created   NCT09100780" in out.getvalue()


def test_the_address_names_one_page_only(vocabularies, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="one PATH"):
        call_command("ingest", str(PAGES), str(tmp_path), "--source-url", "https://x.example/NCT09100780")


def test_ingest_names_the_drafts_in_its_summary(vocabularies, tmp_path):
    shutil.copy(PAGES / "mirror_no_id.txt", tmp_path / "page.txt")
    out = StringIO()
    call_command("ingest", str(tmp_path), stdout=out)
    assert "draft" in out.getvalue().splitlines()[0]
    assert out.getvalue().splitlines()[-1].startswith("1 document: 0 created, 0 updated, 1 needing a registry id")


def test_curators_list_drafts_and_give_one_its_id(draft, curator):
    listing = curator.get(reverse("admin:catalog_drafttrial_changelist"))
    assert draft.primary_id.encode() in listing.content
    assert b"mirror_no_id.txt" in listing.content  # the page it was read from
    # The trials-to-review list and the drafts list are apart from the public catalog.
    page = curator.get(reverse("admin:catalog_drafttrial_change", args=[draft.pk]))
    assert page.status_code == 200 and b"registry_id" in page.content
    form = page.context["adminform"].form
    data = {
        name: [item.pk for item in value] if isinstance(value, list) and value and hasattr(value[0], "pk") else value
        for name, value in form.initial.items()
        if value is not None and name in form.fields
    }
    data.update(_inline_management(page.context))
    data.update({"registry_id": "not an id", "brief_title": draft.brief_title})
    refused = curator.post(reverse("admin:catalog_drafttrial_change", args=[draft.pk]), _flat(data))
    assert refused.status_code == 200 and b"does not read as a registry id" in refused.content
    data["registry_id"] = "NCT09100781"
    answer = curator.post(reverse("admin:catalog_drafttrial_change", args=[draft.pk]), _flat(data))
    assert answer.status_code == 302, _errors(answer)
    assert answer.url == reverse("admin:catalog_trial_change", args=[draft.pk])
    trial = Trial.objects.get(pk=draft.pk)
    assert (trial.primary_id, trial.draft, trial.in_scope) == ("NCT09100781", False, True)
    assert curator.get("/trials/NCT09100781/").status_code == 200


def test_export_all_includes_drafts_marked(draft):
    public, everything = StringIO(), StringIO()
    call_command("export_trials", stdout=public)
    call_command("export_trials", "--all", stdout=everything)
    assert public.getvalue() == ""
    rows = [json.loads(line) for line in everything.getvalue().splitlines()]
    assert [(row["id"], row.get("needs_identifier")) for row in rows] == [(draft.primary_id, True)]


def _inline_management(context) -> dict:
    """The management form of each inline on an admin change page, as the browser posts it."""
    data = {}
    for formset in context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name, field in management.fields.items():
            data[f"{management.prefix}-{name}"] = management.initial.get(name, field.initial)
        data[f"{management.prefix}-TOTAL_FORMS"] = len(formset.formset.initial_forms)  # no extra rows
        for index, form in enumerate(formset.formset.initial_forms):
            for name in form.fields:
                value = form.instance.pk if name == "id" else form.initial.get(name)
                if value is not None:
                    data[f"{formset.formset.prefix}-{index}-{name}"] = value
    return data


def _flat(data: dict) -> dict:
    return {key: ("" if value is None else value) for key, value in data.items()}


def _errors(response) -> str:
    context = response.context or {}
    form = context.get("adminform")
    inlines = [formset.formset.errors for formset in context.get("inline_admin_formsets", [])]
    return f"{form.form.errors if form else ''} {inlines}"


def test_a_draft_is_never_in_scope_whoever_saves_it(draft):
    draft.in_scope = True
    draft.save()
    draft.refresh_from_db()
    assert not draft.in_scope
    Trial.objects.get(pk=draft.pk).save(update_fields=["brief_title"])
    assert not Trial.objects.get(pk=draft.pk).in_scope


SEARCH_RESULTS = "\n".join(
    [
        "Search results: 3 studies found for: stem cell, vitiligo",
        "1. Not yet recruiting",
        "Autologous melanocyte transplantation in stable vitiligo",
        "NCT09100191",
        "Conditions: Vitiligo",
        "2. Recruiting",
        "Umbilical cord MSCs for vitiligo",
        "NCT09100192",
        "Conditions: Vitiligo",
        "3. Completed",
        "Fractional laser with 5-FU in vitiligo",
        "NCT09100193",
        "Conditions: Vitiligo",
        "",
    ]
).encode()


def test_a_list_of_trials_is_refused_with_its_ids_not_mixed_into_one_draft(vocabularies):
    from catalog.models import SourceDocument

    result = ingest_document(SEARCH_RESULTS, "results.txt")
    assert result.status == "failed"
    assert "lists 3 trials (NCT09100191, NCT09100192, NCT09100193)" in result.error
    assert not Trial.objects.exists()
    assert bytes(SourceDocument.objects.get(file_name="results.txt").raw) == SEARCH_RESULTS  # kept, quarantined


def test_a_page_naming_one_trials_registrations_in_three_registries_is_a_draft(vocabularies):
    page = (
        b"Adipose stem cells for diabetic foot ulcers\n"
        b"The trial is registered as NCT09100194, ISRCTN09100194 and EudraCT 2021-009194-11.\n"
        b"Phase: Phase 2\nStatus: Recruiting\n"
    )
    result = ingest_document(page, "registrations.txt")
    assert result.status != "failed", result.error
