"""A trial's page reads its rows through queries compiled once (catalog/detail.py): the same
rows, in the same order, as the ORM's own relations."""

import pytest

from catalog.detail import RELATIONS, published_trial
from catalog.models import Trial

pytestmark = pytest.mark.django_db


def test_every_relation_holds_the_rows_the_orm_gives(seeded):
    trials = list(Trial.objects.filter(draft=False))
    assert len(trials) >= 3
    for expected in trials:
        trial = published_trial(expected.primary_id)
        assert trial.pk == expected.pk
        for name in [*RELATIONS, "organization_roles"]:
            got = [row.pk for row in getattr(trial, name).all()]
            want = [row.pk for row in getattr(expected, name).all()]
            assert got == want, (expected.primary_id, name)
    # Some trial has rows in most relations: the comparison above compared something.
    assert sum(bool(published_trial(t.primary_id).sites.all()) for t in trials) >= 1


def test_a_draft_or_an_unknown_id_is_no_published_trial(seeded):
    trial = Trial.objects.filter(draft=False).first()
    assert published_trial("NCT99999998") is None
    Trial.objects.filter(pk=trial.pk).update(draft=True)
    assert published_trial(trial.primary_id) is None
    assert published_trial("", pk=trial.pk) is None


def test_the_page_is_read_in_a_bounded_number_of_queries(client, seeded, django_assert_max_num_queries):
    trial = Trial.objects.filter(draft=False).first()
    client.get(f"/trials/{trial.primary_id}/")  # the queries are compiled on first use
    with django_assert_max_num_queries(16):  # the trial, its relations (one query each), the version
        assert client.get(f"/trials/{trial.primary_id}/").status_code == 200
