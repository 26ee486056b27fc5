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


def login(client, password, address="203.0.113.7", username="curator", **headers):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
        **headers,
    )


def test_repeated_failed_logins_lock_the_account_out(client, curator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong").status_code == 200  # the form again, with its error
    locked = login(client, "wrong")
    assert locked.status_code == 429
    assert b"Too many failed sign-ins" in locked.content
    # Even the right password is refused while locked...
    assert login(client, PASSWORD).status_code == 429
    # ...but only from that address.
    assert login(client, PASSWORD, address="198.51.100.9").status_code == 302


def test_one_password_against_many_usernames_is_locked_out_too(client, curator, settings):
    for number in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "summer2026", username=f"user{number}").status_code == 200
    assert login(client, "summer2026", username="yet-another").status_code == 429
    assert login(client, PASSWORD).status_code == 429  # that address, whoever it claims to be


def test_behind_a_proxy_the_lockout_counts_the_clients_address(client, curator, settings):
    # Every client arrives from the proxy's address; the one the proxy names last is the client's
    # (what the client itself claimed before it counts for nothing).
    settings.BEHIND_PROXY = True
    proxy = "127.0.0.1"
    for number in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong", address=proxy, HTTP_X_FORWARDED_FOR=f"10.0.0.{number}, 203.0.113.7")
    assert login(client, PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    assert login(client, PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.9").status_code == 302


def test_without_a_proxy_a_forwarded_header_is_not_believed(client, curator, settings):
    settings.BEHIND_PROXY = False
    for number in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
    assert login(client, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.9").status_code == 429


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


def test_a_view_only_curator_changes_nothing_through_any_action_or_view(client, django_user_model, seeded):
    """Every registered admin's actions, and the admin's own views that write, as a staff user who
    may only view: no action is offered or run, no view writes."""
    from django.contrib import admin
    from django.contrib.auth.models import Permission

    from catalog.models import Correction, DismissedWord, SourceDocument

    viewer = django_user_model.objects.create_user("viewer", password=PASSWORD, is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    client.force_login(viewer)
    before = (LogEntry.objects.count(), list(Trial.objects.values_list("updated_at", flat=True).order_by("pk")))
    for model, model_admin in admin.site._registry.items():
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        page = client.get(changelist)
        assert page.status_code in (200, 403), changelist
        ids = [str(pk) for pk in model.objects.values_list("pk", flat=True)[:5]]
        for action in model_admin.actions or []:
            name = action if isinstance(action, str) else action.__name__
            if name == "delete_selected":
                continue
            assert f'value="{name}"' not in page.content.decode(), (changelist, name)
            client.post(changelist, {"action": name, "_selected_action": ids})
    trial = Trial.objects.first()
    document = SourceDocument.objects.first()
    assert client.post(reverse("admin:catalog_sourcedocument_upload"), {}).status_code == 403
    assert (
        client.post(
            reverse("admin:catalog_sourcedocument_assign", args=[document.pk]), {"registry_id": "NCT09400001"}
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("admin:catalog_condition_unplaced"), {"dismiss": "Mesenchymal Stem Cells"}).status_code
        == 403
    )
    assert (
        client.post(reverse("admin:catalog_trial_change", args=[trial.pk]), {"brief_title": "changed"}).status_code
        == 403
    )
    after = (LogEntry.objects.count(), list(Trial.objects.values_list("updated_at", flat=True).order_by("pk")))
    assert after == before
    assert not Correction.objects.exists() and not DismissedWord.objects.exists()
