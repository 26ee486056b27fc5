"""Production settings and the security headers every kind of page carries."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.public_pages import PUBLIC_URLS
from tests.security.conftest import database_url

pytestmark = pytest.mark.django_db
PROJECT = Path(__file__).resolve().parents[2]

PAGES = [
    "/",
    "/trials/",
    "/trials/?q=stem+cells&status=RECRUITING",
    "/trials/?status=NOT-A-STATUS",
    "/trials.json",
    "/trials.csv",
    "/trials.atom",
    "/trials/NCT06911281/",
    "/trials/NCT06911281.json",
    "/trials/NCT00000000/",
    "/conditions/melasma/",
    "/cell-sources/umbilical-cord/",
    "/no/such/page/",
    f"/{settings.ADMIN_PATH}login/",
    "/static/css/site.css",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_kind_of_page_carries_the_security_headers(client, seeded, path):
    response = client.get(path)
    assert response.status_code == (404 if "NCT00000000" in path or "no/such" in path else 200), path
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_no_page_has_inline_script_or_style(client, seeded):
    for path in PAGES:
        response = client.get(path)
        if "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        assert "<script>" not in html and "<style" not in html, path
        if not path.startswith(f"/{settings.ADMIN_PATH}"):
            assert ' style="' not in html, path


def production_environment() -> dict:
    """The production environment the README gives (secret and host are examples)."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "trials.example.org",
        "DJANGO_HTTPS": "true",
        "DATABASE_URL": database_url(connection),
    }


def run_manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120
    )


def test_deploy_check_passes_with_the_production_environment():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=production_environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_fails_without_https_settings():
    env = production_environment()
    env["DJANGO_HTTPS"] = "false"
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stderr + result.stdout


def test_production_settings_redirect_to_https_and_send_hsts():
    env = production_environment()
    script = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.DEBUG)"
    )
    result = run_manage("shell", "-c", script, env=env)
    assert result.stdout.split()[-6:] == ["True", "31536000", "True", "True", "True", "False"], result.stderr


def test_https_redirect_and_hsts_on_a_request(client, seeded, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    response = client.get("/trials/")
    assert response.status_code == 301 and response["Location"] == "https://testserver/trials/"
    secure = client.get("/trials/", secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"].startswith("max-age=3600")


def test_admin_path_is_configurable():
    env = {**production_environment(), "DJANGO_ADMIN_PATH": "backstage"}
    result = run_manage("shell", "-c", "from django.urls import reverse; print(reverse('admin:index'))", env=env)
    assert result.stdout.strip().splitlines()[-1] == "/backstage/", result.stderr


@pytest.mark.django_db
def test_public_pages_do_not_reveal_where_the_admin_is(client, seeded, django_user_model):
    from django.urls import reverse

    admin_index = reverse("admin:index")
    for url in PUBLIC_URLS:
        response = client.get(url)
        text = b"".join(response.streaming_content) if response.streaming else response.content
        assert admin_index.encode() not in text, url
    # A signed-in curator has the way in on every page.
    client.force_login(django_user_model.objects.create_superuser("curator", "c@example.org", "a-long-password-1"))
    assert f'href="{admin_index}"'.encode() in client.get("/").content
