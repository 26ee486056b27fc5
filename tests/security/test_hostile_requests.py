"""Random and malicious query strings, paths and headers on every public URL: never a 500."""

import json
import string
from urllib.parse import quote

import pytest
from django.db import OperationalError
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from catalog.filters import MAX_QUERY_LENGTH
from config.db import tune_web_connections
from tests.public_pages import PUBLIC_URLS

pytestmark = pytest.mark.django_db
PARAMETERS = [
    "q", "status", "phase", "condition", "cell_source", "category", "product_type", "origin", "route",
    "country", "sex", "age", "study_type", "registry", "start_from", "start_to", "updated_since", "open",
    "sort", "page",
]  # fmt: skip
NASTY = [
    "",
    "\x00",
    "%00",
    "' OR 1=1 --",
    '"; DROP TABLE catalog_trial; --',
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "../../etc/passwd",
    "9" * 400,
    "-1",
    "1e309",
    "NaN",
    "Infinity",
    "9999-99-99",
    "0000-00-00",
    "\ud800",
    "😀" * 50,
    "a" * (MAX_QUERY_LENGTH + 1),
    "!(&|:*)",
    "\"\"\"'''",
    "OR OR OR",
    "-",
]
ALLOWED = {200, 301, 302, 304, 400, 404}
HYPOTHESIS = hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=60), st.integers().map(str))
query_lists = st.lists(st.tuples(st.sampled_from(PARAMETERS), values), max_size=6)


def raw(value: str) -> str:
    """Percent-encoded bytes as a client may send them, invalid UTF-8 included (lone surrogates)."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def get(client, url, query: str = "", **headers):
    # WSGI carries headers as latin-1 strings of the bytes received.
    headers = {name: value.encode("utf-8", "surrogatepass").decode("latin-1") for name, value in headers.items()}
    response = client.get(f"{url}?{query}" if query else url, **headers)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@given(url=st.sampled_from(PUBLIC_URLS), query=query_lists)
@HYPOTHESIS
def test_random_query_strings_never_break_a_page(client, seeded, url, query):
    query_string = "&".join(f"{name}={raw(value)}" for name, value in query)
    response = get(client, url, query_string)
    assert response.status_code in ALLOWED, (url, query_string, response.status_code)


@given(suffix=st.text(alphabet=string.printable + "éü😀\x00", max_size=80))
@HYPOTHESIS
def test_random_paths_are_404_not_500(client, seeded, suffix):
    for prefix in ["/trials/", "/conditions/", "/cell-sources/", "/"]:
        path = prefix + quote(suffix.encode("utf-8", "surrogatepass"), safe="/")
        response = client.get(path)
        assert response.status_code in ALLOWED, (path, response.status_code)


@given(
    url=st.sampled_from(PUBLIC_URLS),
    header=st.sampled_from(
        [
            "HTTP_IF_NONE_MATCH",
            "HTTP_IF_MODIFIED_SINCE",
            "HTTP_ACCEPT",
            "HTTP_ACCEPT_LANGUAGE",
            "HTTP_COOKIE",
            "HTTP_USER_AGENT",
            "HTTP_REFERER",
            "HTTP_X_FORWARDED_FOR",
            "HTTP_RANGE",
            "HTTP_HOST",
        ]
    ),  # fmt: skip
    value=st.one_of(st.sampled_from(NASTY), st.text(alphabet=string.printable, max_size=200)),
)
@HYPOTHESIS
def test_random_headers_never_break_a_page(client, seeded, url, header, value):
    response = get(client, url, **{header: value})
    assert response.status_code in ALLOWED, (url, header, value, response.status_code)


def test_unknown_host_is_400(client, seeded):
    assert client.get("/trials/", HTTP_HOST="evil.example.com").status_code == 400


def test_search_length_is_bounded(client, seeded):
    response = client.get("/trials/", {"q": "vitiligo " * 100})
    assert response.status_code == 200
    assert b"Ensure this value has at most 200 characters" in response.content
    assert client.get("/trials.json", {"q": "x" * 1000}).status_code == 400


@pytest.mark.parametrize(
    "query", ["-" * 40, "- " * 60, "-vitiligo " * 19, "OR " * 60 + "vitiligo", "vitiligo " + "a OR " * 30]
)
def test_a_search_of_operators_is_a_page_not_an_error(client, seeded, query):
    for url in ("/trials/", "/trials.json", "/trials.atom", "/trials.csv"):
        response = client.get(url, {"q": query})
        assert response.status_code == 200, (url, query)
        if url == "/trials.csv":
            b"".join(response.streaming_content)  # the whole export, not a truncated one


def test_page_numbers_are_bounded(client, seeded):
    for page in ["0", "-5", "99999999999999999999", "last", "1.5"]:
        response = client.get("/trials/", {"page": page})
        assert response.status_code == 200, page
    data = client.get("/trials.json", {"page": "99999999999999999999"}).json()
    assert data["page"] == data["pages"]


def test_nul_characters_are_refused_not_sent_to_the_database(client, seeded):
    for url in PUBLIC_URLS:
        response = client.get(url, {"q": "vitiligo\x00", "country": "Iran"})
        assert response.status_code == 400, url
        assert b"NUL character" in response.content
    assert client.get("/trials/", {"condition": "mel\x00asma"}).status_code == 400
    assert client.get("/trials/NCT069\x0011281/").status_code == 400


def test_json_escapes_registry_text(client, db):
    from ingest.loader import ingest_record
    from ingest.record import Identifier, TrialRecord

    title = '</script><script>alert("x")</script> "quoted" \\ back\u2028line'
    ingest_record(
        TrialRecord(
            source_format="test",
            identifiers=(Identifier("NCT", "NCT01111114"),),
            brief_title=title + " stem cells for vitiligo",
            conditions_raw=("Vitiligo",),
        ),
        "hostile.json",
    )
    response = client.get("/trials/NCT01111114.json")
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["title"].startswith(title)


@pytest.mark.django_db(transaction=True)
def test_a_statement_past_the_timeout_is_cancelled_and_the_page_answers_503(client, settings, monkeypatch):
    from django.db import connection
    from django.db.backends.signals import connection_created

    from catalog import views

    settings.STATEMENT_TIMEOUT_MS = 100
    tune_web_connections()
    try:
        connection.close()  # the next query opens a new connection, limited like a web process's
        with pytest.raises(OperationalError, match="statement timeout"), connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(1)")

        def slow_counts(trials):
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_sleep(1)")

        monkeypatch.setattr(views, "status_counts", slow_counts)
        client.raise_request_exception = False
        response = client.get("/")
        assert response.status_code == 503 and response["Retry-After"] == "30"
        assert b"briefly unavailable" in response.content
    finally:
        connection_created.disconnect(dispatch_uid="web-connection-settings")
        connection.close()


def test_control_characters_in_a_record_never_break_the_feed(client, db, vocabularies):
    """A JSON record's "\\u000b" or "\\u001b" in a title: taken out once, at the record's
    boundary; a text stored before that still renders in the feed (it was a 500)."""
    import json as json_module
    from pathlib import Path

    from catalog.models import Trial
    from ingest.loader import ingest_document

    study = json_module.loads(
        (Path(__file__).resolve().parents[1] / "fixtures" / "structured" / "ctgov_study_vitiligo.json").read_text()
    )
    identification = study["protocolSection"]["identificationModule"]
    identification["briefTitle"] = "Cells\u000b for\u001b[31m vitiligo\u0000"
    result = ingest_document(json_module.dumps(study).encode(), "control.json")
    assert result.status == "created", result
    trial = Trial.objects.get(primary_id=result.trial_id)
    assert trial.brief_title == "Cells for[31m vitiligo"
    Trial.objects.filter(pk=trial.pk).update(official_title="Stored\x0bbefore", brief_title="Old\x1btitle")
    response = client.get("/trials.atom")
    assert response.status_code == 200 and b"Oldtitle" in response.content
    assert client.get(f"/trials/{trial.primary_id}/").status_code == 200


def test_a_server_error_is_logged_with_its_traceback(client, db, monkeypatch, settings):
    import io
    import logging

    from catalog import views

    assert not settings.DEBUG  # debug off: Django's own handlers would only mail ADMINS
    handlers = [h for h in logging.getLogger("django.request").handlers if isinstance(h, logging.StreamHandler)]
    assert handlers, "no handler writes django.request's errors anywhere"
    written = io.StringIO()
    previous = handlers[0].setStream(written)

    def broken(trials):
        raise RuntimeError("a bug in the counts")

    monkeypatch.setattr(views, "status_counts", broken)
    client.raise_request_exception = False
    try:
        assert client.get("/").status_code == 500
    finally:
        handlers[0].setStream(previous)
    assert "Internal Server Error: /" in written.getvalue()
    assert "RuntimeError: a bug in the counts" in written.getvalue()
