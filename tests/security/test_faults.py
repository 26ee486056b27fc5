"""Faults: an ingest killed mid-batch, two ingests at once, the database going away."""

import os
import signal
import time

import pytest
from django.db import connection

from catalog.models import SourceDocument, Trial, TrialIdentifier
from tests.security.conftest import database_url, manage, output

pytestmark = pytest.mark.django_db(transaction=True)
STUDIES = 1000


def snapshot() -> dict:
    """Every trial as a reader sees it, with the counts of its parts."""
    trials = {}
    for trial in Trial.objects.prefetch_related(
        "conditions", "cell_sources", "identifiers", "sites", "source_documents"
    ):
        trials[trial.primary_id] = (
            trial.brief_title,
            trial.status,
            tuple(trial.phases),
            trial.enrollment,
            trial.start_date,
            tuple(sorted(condition.slug for condition in trial.conditions.all())),
            tuple(sorted(source.slug for source in trial.cell_sources.all())),
            tuple(sorted(identifier.value for identifier in trial.identifiers.all())),
            len(trial.sites.all()),
            len(trial.source_documents.all()),
            trial.search_vector is not None,
        )
    return trials


def assert_every_trial_whole():
    """No trial is half-written: each has its identifiers, its document and its search vector."""
    assert not Trial.objects.filter(identifiers=None, draft=False).exists()  # a draft waits for its id
    assert not Trial.objects.filter(source_documents=None).exists()
    assert not Trial.objects.filter(search_vector=None).exists()
    assert not SourceDocument.objects.filter(parse_status="parsed", trial=None).exists()


def ingest(paths, env) -> tuple[int, str]:
    process = manage("ingest", *map(str, paths), env=env)
    process.wait(timeout=300)
    return process.returncode, output(process)


def empty_catalog():
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE catalog_trial, catalog_sourcedocument, catalog_organization RESTART IDENTITY CASCADE")


def test_an_ingest_killed_mid_batch_loses_nothing_and_a_rerun_completes_it(vocabularies, corpus):
    env = {"DATABASE_URL": database_url(connection)}
    process = manage("ingest", str(corpus), env=env)
    deadline = time.monotonic() + 120
    written = 0
    while time.monotonic() < deadline and process.poll() is None:
        written = Trial.objects.count()
        if 0 < written < STUDIES:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the ingest ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert 0 < Trial.objects.count() < STUDIES
    assert_every_trial_whole()

    code, output = ingest([corpus], env)
    assert code == 0, output
    after_kill = snapshot()
    assert len(after_kill) == STUDIES
    assert_every_trial_whole()

    empty_catalog()
    code, output = ingest([corpus], env)
    assert code == 0, output
    assert snapshot() == after_kill


def test_two_ingests_of_the_same_files_at_once_give_each_trial_once(vocabularies, corpus):
    env = {"DATABASE_URL": database_url(connection)}
    first, second = manage("ingest", str(corpus), env=env), manage("ingest", str(corpus), env=env)
    for process in (first, second):
        process.wait(timeout=300)
        assert process.returncode == 0, output(process)
    assert Trial.objects.count() == STUDIES
    assert SourceDocument.objects.count() == STUDIES
    assert (
        TrialIdentifier.objects.exclude(kind="sponsor").count()
        == TrialIdentifier.objects.exclude(kind="sponsor").values("registry", "value").distinct().count()
    )
    assert_every_trial_whole()


def test_the_database_going_away_gives_a_503_and_the_site_recovers(client, vocabularies):
    client.raise_request_exception = False
    assert client.get("/trials/").status_code == 200
    real_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"  # nothing listens there: connections are refused
    try:
        for url in ["/", "/trials/", "/trials/NCT06911281/", "/trials.json"]:
            response = client.get(url)
            assert response.status_code == 503, url
            assert b"briefly unavailable" in response.content
            assert b"Traceback" not in response.content
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port
    assert client.get("/trials/").status_code == 200


def test_two_ingests_of_the_same_pages_at_once_report_no_failure(vocabularies, tmp_path):
    # Pages go one document at a time (drafts among them): each write waits for the other
    # process's and sees what it stored, so neither reports the other's work as a failure.
    from pathlib import Path

    pages = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
    copies = []
    for round_ in range(4):  # the same pages under several names: more chances to collide
        for page in sorted(pages.iterdir()):
            copy = tmp_path / f"{round_}-{page.name}"
            copy.write_bytes(page.read_bytes())
            copies.append(copy)
    env = {"DATABASE_URL": database_url(connection)}
    first, second = manage("ingest", *map(str, copies), env=env), manage("ingest", *map(str, copies), env=env)
    for process in (first, second):
        process.wait(timeout=300)
        text = output(process)
        assert process.returncode == 0, text
        assert ", 0 failed" in text and "\nfailed " not in text, text
    assert SourceDocument.objects.filter(parse_status="failed").count() == 0
    assert SourceDocument.objects.count() == len({page.read_bytes() for page in pages.iterdir()})  # each once
    assert_every_trial_whole()
