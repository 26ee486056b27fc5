"""The admin: throttled logins, safe cookies, and every curator action recorded."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse

from catalog.models import Condition, Trial

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-curator-password"


@pytest.fixture
def curator(django_user_model):
    return django_user_model.objects.create_superuser("curator", "curator@example.org", PASSWORD)


def login(client, password, address="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": "curator", "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def test_repeated_failed_logins_lock_the_account_out(client, curator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong").status_code == 200  # the form again, with its error
    locked = login(client, "wrong")
    assert locked.status_code == 429
    assert b"Too many failed sign-ins" in locked.content
    # Even the right password is refused while locked...
    assert login(client, PASSWORD).status_code == 429
    # ...but only for that username from that address.
    assert login(client, PASSWORD, address="198.51.100.9").status_code == 302


def test_a_successful_login_resets_the_count(client, curator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "wrong")
    assert login(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong").status_code == 200


def test_session_and_csrf_cookies_are_http_only_and_secure_when_configured(client, curator, settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    client.get(reverse("admin:login"), secure=True)
    response = login(client, PASSWORD)
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] and session["secure"] and session["samesite"] == "Lax"
    csrf = client.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["httponly"] and csrf["secure"]


def test_vocabulary_edit_is_recorded_with_who_and_when(client, curator):
    client.force_login(curator)
    condition = Condition.objects.get(slug="melasma")
    url = reverse("admin:catalog_condition_change", args=[condition.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update(synonyms="melasma,chloasma,mask of pregnancy", abbreviations="", broad="")
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    entry = LogEntry.objects.get(object_id=str(condition.pk), content_type__model="condition")
    assert entry.user == curator and entry.action_flag == CHANGE and entry.action_time is not None
    assert "Synonyms" in entry.get_change_message()


def test_reclassify_action_is_recorded_per_trial(client, curator, seeded):
    client.force_login(curator)
    trials = list(Trial.objects.order_by("pk")[:2])
    response = client.post(
        reverse("admin:catalog_trial_changelist"),
        {"action": "reclassify_trials", "_selected_action": [trial.pk for trial in trials]},
    )
    assert response.status_code == 302
    entries = LogEntry.objects.filter(content_type__model="trial", user=curator)
    assert sorted(int(entry.object_id) for entry in entries) == sorted(trial.pk for trial in trials)
    assert all("Reclassified" in entry.get_change_message() for entry in entries)


@pytest.mark.django_db(transaction=True)  # queued when the request commits, run by the worker
def test_a_large_selection_is_reclassified_by_the_worker_and_recorded_per_trial(client, curator, seeded, settings):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.RECLASSIFY_INLINE_TRIALS = 3
    client.force_login(curator)
    trials = list(Trial.objects.order_by("pk"))
    response = client.post(
        reverse("admin:catalog_trial_changelist"),
        {"action": "reclassify_trials", "_selected_action": [trial.pk for trial in trials]},
        follow=True,
    )
    assert "5 trials are queued for reclassification" in response.content.decode()
    assert not LogEntry.objects.filter(content_type__model="trial").exists()  # nothing done in the request
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    entries = LogEntry.objects.filter(content_type__model="trial", user=curator)
    assert sorted(int(entry.object_id) for entry in entries) == sorted(trial.pk for trial in trials)
    assert all("Reclassified" in entry.get_change_message() for entry in entries)
