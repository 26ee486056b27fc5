"""Curators' admin: every page opens, search and filters work, provenance is read-only."""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.urls import reverse

from catalog.models import Condition, SourceDocument, Trial

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(client, django_user_model):
    user = django_user_model.objects.create_superuser("curator", "curator@example.org", "a-long-test-password")
    client.force_login(user)
    return client


def test_every_catalog_model_has_changelist_and_add_or_view_pages(curator, seeded, rf, django_user_model):
    request = rf.get("/")
    request.user = django_user_model.objects.get(username="curator")
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "catalog":
            continue
        changelist = reverse(f"admin:catalog_{model._meta.model_name}_changelist")
        assert curator.get(changelist).status_code == 200, changelist
        instance = model_admin.get_queryset(request).first()  # what the list shows (trials to review: a few)
        if instance is not None:
            change = reverse(f"admin:catalog_{model._meta.model_name}_change", args=[instance.pk])
            assert curator.get(change).status_code == 200, change


def test_trial_search_by_id_and_title(curator, seeded):
    url = reverse("admin:catalog_trial_changelist")
    assert b"NCT04034615" in curator.get(url, {"q": "MCHHFoshan-1902"}).content
    response = curator.get(url, {"q": "psoriasis"})
    assert b"NCT03765957" in response.content and b"NCT04034615" not in response.content


def test_trial_list_filters(curator, seeded):
    url = reverse("admin:catalog_trial_changelist")
    response = curator.get(url, {"status__exact": "WITHDRAWN"})
    assert b"NCT04034615" in response.content and b"NCT06911281" not in response.content
    response = curator.get(url, {"phase": "PHASE1"})
    assert b"NCT06764329" in response.content and b"NCT03765957" not in response.content


def test_trial_change_page_has_inlines(curator, seeded):
    trial = Trial.objects.get(primary_id="NCT04034615")
    html = curator.get(reverse("admin:catalog_trial_change", args=[trial.pk])).content.decode()
    for inline in ["identifiers-TOTAL_FORMS", "arms-TOTAL_FORMS", "interventions-TOTAL_FORMS", "outcomes-TOTAL_FORMS"]:
        assert inline in html


def test_source_document_shows_its_raw_text_and_cannot_be_changed(curator, seeded):
    document = SourceDocument.objects.get(trial__primary_id="NCT04034615")
    url = reverse("admin:catalog_sourcedocument_change", args=[document.pk])
    html = curator.get(url).content.decode()
    assert "Recruitment Status :" in html  # the raw text
    assert 'name="_save"' not in html
    curator.post(url, {"file_name": "renamed.txt"})
    document.refresh_from_db()
    assert document.file_name == "002_bae6bef32e9f71d0.txt"
    assert curator.get(reverse("admin:catalog_sourcedocument_add")).status_code == 403


def test_failed_documents_are_listed_with_their_error(curator, db):
    from ingest.loader import ingest_document

    ingest_document(b"not a trial", "junk.txt")
    response = curator.get(reverse("admin:catalog_sourcedocument_changelist"), {"parse_status__exact": "failed"})
    assert b"junk.txt" in response.content


class _ChangeForm(HTMLParser):
    """The fields an admin change page would post back as they stand (inputs, text areas, the
    selected options), so a test can change one and submit the rest untouched."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value") or ("on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self.fields.append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None


def post_change_form(curator, url, changes: dict[str, str]):
    form = _ChangeForm()
    form.feed(curator.get(url).content.decode())
    data: dict[str, list[str]] = {}
    for name, value in form.fields:
        data.setdefault(name, []).append(value)
    data.update({name: [value] for name, value in changes.items()})
    return curator.post(url, data)


def test_country_corrections_and_site_edits_keep_the_country_filter_in_step(
    curator, seeded, django_capture_on_commit_callbacks
):
    from catalog.filters import TrialFilter
    from catalog.models import Site

    def listed(country):
        return [trial.primary_id for trial in TrialFilter({"country": [country]}, Trial.objects.all()).qs]

    trial = Trial.objects.get(primary_id="NCT04034615")
    assert trial.countries == ["China"]
    # On the trial's own page: a correction of its countries (its sites come from its documents).
    response = post_change_form(
        curator, reverse("admin:catalog_trial_change", args=[trial.pk]), {"site_countries": "Viet Nam"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    trial.refresh_from_db()
    assert trial.countries == ["Vietnam"]  # in the catalog's own name of the country
    assert listed("Vietnam") == ["NCT04034615"] and listed("China") == []
    # A site rebuilt from documents is not edited on its own page (the edit would go at the next re-read).
    site = trial.sites.get(country="Vietnam")
    assert curator.post(reverse("admin:catalog_site_change", args=[site.pk]), {"country": "Laos"}).status_code == 403
    # On a trial entered by hand, a site's own page changes the country, and deleting it too.
    hand = Trial.objects.create(primary_id="NCT09199001", brief_title="Entered by hand")
    site = Site.objects.create(trial=hand, country="Peru")
    response = post_change_form(curator, reverse("admin:catalog_site_change", args=[site.pk]), {"country": "Laos"})
    assert response.status_code == 302
    hand.refresh_from_db()
    assert hand.countries == ["Laos"] and listed("Laos") == ["NCT09199001"]
    curator.post(reverse("admin:catalog_site_delete", args=[site.pk]), {"post": "yes"})
    assert not Site.objects.filter(pk=site.pk).exists()
    hand.refresh_from_db()
    assert hand.countries == [] and listed("Laos") == []


def test_ingested_trials_keep_their_sites_countries_once_each_in_site_order(seeded):
    for trial in Trial.objects.prefetch_related("sites"):
        expected = list(dict.fromkeys(site.country for site in trial.sites.all() if site.country))
        assert trial.countries == expected, trial.primary_id
    assert Trial.objects.get(primary_id="IRCT20080901001159N33").countries == ["Iran"]


@pytest.mark.parametrize("name", ["白斑", "※ ※", "Вітиліго"])
def test_a_term_named_without_latin_letters_gets_an_address_and_the_pages_stand(curator, seeded, name):
    response = curator.post(
        reverse("admin:catalog_condition_add"),
        {"name": name, "slug": "", "category": "other", "icd10": "", "synonyms": name, "abbreviations": ""},
    )
    assert response.status_code == 302
    term = Condition.objects.get(name=name)
    assert term.slug
    assert curator.get("/").status_code == 200
    assert curator.get(reverse("catalog:condition_page", args=[term.slug])).status_code == 200


def test_terms_whose_names_make_the_same_address_get_their_own(curator, seeded):
    first = Condition.objects.create(name="Acne scar (atrophic)")
    second = Condition.objects.create(name="Acne scar atrophic")
    assert (first.slug, second.slug) == ("acne-scar-atrophic", "acne-scar-atrophic-2")
    # A curator who types an address already taken is told so; nothing breaks.
    response = curator.post(
        reverse("admin:catalog_condition_add"),
        {
            "name": "Acne scar, atrophic",
            "slug": "acne-scar-atrophic",
            "category": "scar",
            "synonyms": "",
            "abbreviations": "",
        },
    )
    assert response.status_code == 200 and b"already exists" in response.content
    assert not Condition.objects.filter(name="Acne scar, atrophic").exists()
