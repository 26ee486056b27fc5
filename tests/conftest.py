import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from ingest.loader import ingest_document

# The property tests (parser fuzzing, hostile requests) try the same examples on every run, so a
# test run, CI's included, passes or fails on the code alone; HYPOTHESIS_PROFILE=explore tries
# new random examples on each run, to look for what the fixed ones miss (run it in a loop).
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT / "sample_data" / "seeds"


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def vocabularies(db):
    """The vocabularies the migrations seed. A transactional test (browser, faults) empties every
    table when it ends, so the next one seeds them again."""
    from django.core.management import call_command

    from catalog.models import Condition

    if not Condition.objects.exists():
        call_command("load_taxonomy", verbosity=0)


@pytest.fixture
def seeded(db, vocabularies, seed_paths, django_capture_on_commit_callbacks):
    """The five seed documents ingested into an empty catalog (and the catalog version bumped,
    as the commit would)."""
    with django_capture_on_commit_callbacks(execute=True):
        results = [ingest_document(path.read_bytes(), path.name) for path in seed_paths]
    assert [result.status for result in results] == ["created"] * 5, results
    return results


@pytest.fixture(autouse=True)
def fresh_vocabulary():
    """Each test sees the vocabularies as its own database holds them."""
    from ingest import vocabulary

    vocabulary.forget()
    yield
    vocabulary.forget()


@pytest.fixture(autouse=True)
def static_files_without_a_manifest(settings):
    """Tests run with debug off, the default, whose static storage needs `collectstatic` first;
    pages under test name their files through the finders instead."""
    settings.WHITENOISE_USE_FINDERS = settings.WHITENOISE_AUTOREFRESH = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def no_shared_cache(settings):
    """Tests run inside transactions that never commit, so the catalog version (bumped after a
    commit) cannot retire cached counts between two requests of one test: no cache, except in
    the tests of caching itself (tests/catalog/test_caching.py)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    # Nor a reading of the version trusted for a second: each request reads it (query counts).
    settings.CATALOG_VERSION_MEMO_SECONDS = 0
    # Nor facet bitmaps kept under a version that never moves here: counted in SQL, except in
    # the tests of the index itself (tests/catalog/test_facet_index.py).
    settings.FACET_INDEX = False


@pytest.fixture(autouse=True)
def fresh_catalog_version():
    """No test trusts a reading of the catalog version taken in another test's transaction."""
    from catalog.changes import forget_recent_versions

    forget_recent_versions()
    yield
    forget_recent_versions()
