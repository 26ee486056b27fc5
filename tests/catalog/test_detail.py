"""A trial's page reads its rows through queries compiled once (catalog/detail.py): the same
rows, in the same order, as the ORM's own relations."""

import pytest
from django.utils import timezone

from catalog.corrections import in_force
from catalog.detail import RELATIONS, TERMS, published_trial
from catalog.models import Correction, Trial

pytestmark = pytest.mark.django_db


def test_every_relation_holds_the_rows_the_orm_gives(seeded):
    trials = list(Trial.objects.filter(draft=False))
    assert len(trials) >= 3
    for expected in trials:
        trial = published_trial(expected.primary_id)
        assert trial.pk == expected.pk
        for name in [*RELATIONS, *TERMS]:
            got = [row.pk for row in trial.related[name]]
            want = [row.pk for row in getattr(expected, name).all()]
            assert got == want, (expected.primary_id, name)
    # Some trial has rows in most relations: the comparison above compared something.
    for name in ("sites", "organization_roles", *TERMS):
        assert any(published_trial(t.primary_id).related[name] for t in trials), name


def test_a_trials_terms_come_in_their_models_order(seeded):
    from catalog.models import Condition

    trial = Trial.objects.filter(draft=False).first()
    # Keys and names in opposite orders, and names whose order depends on case and accents.
    for name in ("Zzz example condition", "éclat example condition", "Eclat example condition", "aaa example"):
        trial.conditions.add(Condition.objects.create(name=name, slug=name.replace(" ", "-")))
    got = [term.name for term in published_trial(trial.primary_id).related["conditions"]]
    assert got == [term.name for term in trial.conditions.all()]
    assert len(got) >= 4


def test_a_term_newer_than_the_processs_copy_of_the_vocabulary_is_read(seeded, settings):
    from catalog.models import Condition

    settings.CATALOG_VERSION_MEMO_SECONDS = 3600  # the copy trusted: as another process's edit finds it
    trial = Trial.objects.filter(draft=False).first()
    published_trial(trial.primary_id)
    added = Condition.objects.create(name="Aaa example condition", slug="aaa-example-condition")
    trial.conditions.add(added)
    terms = published_trial(trial.primary_id).related["conditions"]
    assert [term.pk for term in terms] == [term.pk for term in trial.conditions.all()]
    assert terms[0].name == "Aaa example condition"


def test_a_draft_or_an_unknown_id_is_no_published_trial(seeded):
    trial = Trial.objects.filter(draft=False).first()
    assert published_trial("NCT99999998") is None
    Trial.objects.filter(pk=trial.pk).update(draft=True)
    assert published_trial(trial.primary_id) is None
    assert published_trial("", pk=trial.pk) is None


def test_the_corrections_in_force_come_with_the_trial_as_the_orm_gives_them(seeded):
    trial = Trial.objects.filter(draft=False).first()
    Correction.objects.create(
        trial=trial, field="status", value="COMPLETED", reason="withdrawn", withdrawn_at=timezone.now()
    )
    Correction.objects.create(trial=trial, field="status", value="TERMINATED", registry_value="RECRUITING", reason="b")
    Correction.objects.create(trial=trial, field="enrollment", value=36, registry_value=38, reason="a")
    for read in (published_trial(trial.primary_id), published_trial("", pk=trial.pk)):
        assert [c.field for c in read.active_corrections] == ["enrollment", "status"]  # in force, by field
        assert in_force(read) == in_force(Trial.objects.get(pk=trial.pk))  # as read by the ORM
        assert [c["reason"] for c in in_force(read)] == ["a", "b"]
    other = Trial.objects.filter(draft=False).exclude(pk=trial.pk).first()
    assert published_trial(other.primary_id).active_corrections == []


def test_the_page_is_read_in_a_bounded_number_of_queries(client, seeded, django_assert_max_num_queries):
    trial = Trial.objects.filter(draft=False).first()
    client.get(f"/trials/{trial.primary_id}/")  # the queries are compiled on first use
    with django_assert_max_num_queries(16):  # the trial, its relations, its corrections (one pipeline), the version
        assert client.get(f"/trials/{trial.primary_id}/").status_code == 200


@pytest.mark.parametrize("script_prefix", ["/", "/catalog/", "/cat%20alog/"])
def test_a_trial_page_address_is_what_reverse_gives(script_prefix):
    from django.urls import get_script_prefix, reverse, set_script_prefix

    from catalog.models import trial_page_url

    ids = [
        "NCT01234567",
        "IRCT20200901048586N1",
        "ChiCTR-IOR-17011234",
        "2018-001009-98",
        "jRCTb030190134",
        "id with spaces",
        "50%/x",
        "a?b#c",
        "//evil.example",
        "./x/../y",
        "ünïcode-東京",
        "a+b;c=d@e:f~g",
    ]
    previous = get_script_prefix()
    set_script_prefix(script_prefix)
    try:
        for registry_id in ids:
            assert trial_page_url(registry_id) == reverse("catalog:trial_detail", args=[registry_id]), registry_id
            assert Trial(primary_id=registry_id).get_absolute_url() == trial_page_url(registry_id)
    finally:
        set_script_prefix(previous)


def test_the_pages_statements_are_prepared_once_per_connection_and_still_logged(seeded, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first, second = Trial.objects.filter(draft=False)[:2]
    settings.CATALOG_VERSION_MEMO_SECONDS = 60  # as deployed: the vocabularies' stamp read once a while
    published_trial(second.primary_id, pk=second.pk)  # the process's copy of the vocabularies read
    with CaptureQueriesContext(connection) as captured:
        published_trial(first.primary_id)
    assert len(captured) == len(RELATIONS) + 2  # the relations, the trial, its corrections: each logged
    assert any('"catalog_site"' in query["sql"] for query in captured)
    # Logged as Django logs its own queries: each statement with its parameter, runnable again.
    assert all(f"'{first.primary_id}'" in query["sql"] for query in captured)
    with connection.cursor() as cursor:
        for query in captured:
            cursor.execute(query["sql"])
    published_trial(second.primary_id)
    published_trial("", pk=first.pk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    # Each statement prepared once, for its parameter: two trials read by id share one statement.
    site_statements = [sql for sql in prepared if 'FROM "catalog_site"' in sql]
    assert len(site_statements) == 2  # by primary id, by key
    assert all("$1" in sql for sql in site_statements)
