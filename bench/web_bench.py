"""Web benchmark: the catalog's pages under gunicorn, side by side with Datasette.

    .venv/bin/python bench/web_bench.py                    # 5,000 and 100,000 trials
    .venv/bin/python bench/web_bench.py --sizes 5000 --seconds 10

For each size: generate that many in-scope ClinicalTrials.gov studies (bench/generate_ctgov.py),
ingest them into a fresh database (kept between runs: --reuse), serve them with gunicorn under
the production settings, and drive each page with wrk over loopback at 8 connections:

- the list page with every facet, plain and with a search and three filters; a detail page
  (rotating over 200 trials); /trials.json;
- each twice: with the shared cache (pages and facet counts cached under the catalog version, as
  deployed: in the Redis on 127.0.0.1:6379 when one answers, every page asked once before the
  measure) and with caching off (every request computed from the database);
- a CSV export of about 10,000 rows (the one-status or one-country selection nearest that size)
  and of every trial: time, and the web processes' peak memory growth (flat memory: the same
  growth for both);
- where one request's time goes for each page: the queries Django issues, re-run in the
  database (SQL), the templates' rendering, and the rest (Python);
- Datasette serving the same trials (exported to SQLite with sqlite-utils, the same facets),
  asked the same questions in the same run: our throughput over theirs.

Datasette and sqlite-utils are installed in bench/.datasette-venv (git-ignored), not in the
project. Prints median (p50), p95 and p99 latency and requests per second for every case; each
of our cases runs three times (--repeat) and the run with the median p95 is shown, with the p95
of every run.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess  # nosec B404
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate_ctgov import generate  # noqa: E402
from bench.ingest_bench import server_url  # noqa: E402
from bench.load import WRK_SCRIPT as ROTATION_SCRIPT  # noqa: E402
from bench.load import free_port, process_tree_rss_mb, wait_for_port, wrk_binary  # noqa: E402

DATASETTE_VENV = ROOT / "bench" / ".datasette-venv"
DATASETTE_PACKAGES = ["datasette==0.65.5", "sqlite-utils==4.2.1"]
CONNECTIONS = 8
TARGETS = {  # p95 in ms, by size: issue 18's, set for the pages without the cache
    5000: {"list": 50, "search": 60, "detail": 15, "json": 50},
    100000: {"list": 250, "search": 250, "detail": 15, "json": 250},
}
SEARCH = "q=stem+cells&status=RECRUITING&phase=PHASE2&cell_source=umbilical-cord"
# The load script's request rotation, plus one parseable line of figures at the end.
WRK_SCRIPT = (
    ROTATION_SCRIPT
    + """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%.3f %%.3f %%.3f %%.3f\\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout, summary.duration, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.mean / 1000))
end
"""
)


def run(args, env=None, **kwargs):
    completed = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, check=False, **kwargs)  # noqa: S603  # nosec B603
    if completed.returncode != 0:
        sys.exit(f"{' '.join(map(str, args))} failed:\n{completed.stdout[-1500:]}\n{completed.stderr[-2500:]}")
    return completed.stdout


def database_for(size: int, reuse: bool) -> str:
    """A database holding `size` generated trials (built once; kept with --reuse)."""
    from urllib.parse import urlparse

    from psycopg import sql

    base = server_url()
    name = f"regenderm_web_{size}"
    url = urlparse(base)._replace(path=f"/{name}").geturl()
    with psycopg.connect(base, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if exists and reuse:
        with psycopg.connect(url) as conn:
            count = conn.execute("SELECT count(*) FROM catalog_trial").fetchone()[0]
        if count >= size:
            print(f"  reusing {name} ({count:,} trials)")
            run([sys.executable, "manage.py", "migrate", "--noinput"], web_env(url))
            return url
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    env = web_env(url)
    with tempfile.TemporaryDirectory() as folder:
        print(f"  generating and ingesting {size:,} trials")
        generate(size, 1.0, Path(folder))
        run([sys.executable, "manage.py", "migrate", "--noinput"], env)
        run([sys.executable, "manage.py", "ingest", str(Path(folder) / "in_scope.zip")], env)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return url


def web_env(database: str, caching: bool = True) -> dict:
    env = dict(
        os.environ,
        DATABASE_URL=database,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="web-bench-only-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    if not caching:
        env.update(PAGE_CACHE_SECONDS="0", FACET_CACHE_SECONDS="0")
    elif "REDIS_URL" not in env and redis_reachable():
        # As deployed: one cache shared by the web processes (else each keeps its own).
        env["REDIS_URL"] = "redis://127.0.0.1:6379/14"
    return env


def flush_redis(server) -> None:
    """A clean shared cache for each run (database 14 is the benchmark's own)."""
    if redis_reachable():
        with socket.create_connection(("127.0.0.1", 6379)) as connection:
            connection.sendall(b"SELECT 14\r\nFLUSHDB\r\n")
            connection.recv(100)


def redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.3).close()
        return True
    except OSError:
        return False


def prime(base: str, paths: list[str], timeout: float = 120) -> None:
    """Ask for every page once before measuring: with the cache, so "cached" measures the cache,
    not each page's first computation; without it, so the database's buffers hold what the pages
    read. A page slower than `timeout` is left (the measure will say so)."""
    for path in paths:
        try:
            with urllib.request.urlopen(base + path, timeout=timeout) as response:  # noqa: S310  # nosec B310
                response.read()
        except (TimeoutError, urllib.error.URLError):
            return


class Server:
    """gunicorn with the deployment's settings (config/gunicorn.py: two single-threaded workers
    per core, no more connections per worker than it serves at once)."""

    def __init__(self, database: str, caching: bool):
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603  # nosec B603
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi", "--log-level", "warning"],
            cwd=ROOT,
            # The deployment's settings (config/gunicorn.py), on 2 cores: 4 workers of 1 thread.
            env=dict(
                web_env(database, caching),
                GUNICORN_BIND=f"127.0.0.1:{self.port}",
                GUNICORN_WORKERS="4",
                GUNICORN_THREADS="1",
            ),
        )
        wait_for_port(self.port)
        self.base = f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def wrk(base: str, paths: list[str], seconds: int, warmup: int = 2) -> dict:
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(WRK_SCRIPT % ", ".join(json.dumps(path) for path in paths))
    try:
        if warmup:
            subprocess.run([wrk_binary(), "-t2", f"-c{CONNECTIONS}", f"-d{warmup}s", "-s", str(script), base],  # noqa: S603  # nosec B603
                           capture_output=True, check=False)  # fmt: skip
        out = subprocess.run(  # noqa: S603  # nosec B603
            [wrk_binary(), "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "30s", "-s", str(script), base],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    finally:
        script.unlink()
    match = re.search(r"RESULT (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)", out)
    if not match:
        sys.exit(f"wrk printed no result:\n{out}")
    requests, errors, duration_us = int(match[1]), int(match[2]), int(match[3])
    return {
        "rps": requests / (duration_us / 1e6),
        "p50": float(match[4]),
        "p95": float(match[5]),
        "p99": float(match[6]),
        "errors": errors,
        "requests": requests,
    }


def trial_ids(database: str, count: int = 200) -> list[str]:
    with psycopg.connect(database) as conn:
        rows = conn.execute("SELECT primary_id FROM catalog_trial ORDER BY id LIMIT %s", [count]).fetchall()
    return [row[0] for row in rows]


def our_cases(database: str) -> dict[str, list[str]]:
    return {
        "list": ["/trials/"],
        "search": [f"/trials/?{SEARCH}"],
        "detail": [f"/trials/{registry_id}/" for registry_id in trial_ids(database)],
        "json": ["/trials.json"],
    }


CSV_ROWS = 10_000


def export_selection(database: str, rows: int = CSV_ROWS) -> tuple[str, int]:
    """The one-status or one-country selection whose size is nearest `rows` (the issue's
    10,000-row export; at 5,000 trials the whole catalog is nearest): (query string, trials)."""
    from urllib.parse import urlencode

    with psycopg.connect(database) as conn:
        candidates = conn.execute(
            "SELECT 'status', status, count(*) FROM catalog_trial WHERE in_scope GROUP BY status "
            "UNION ALL SELECT 'country', country, count(*) FROM catalog_trial, unnest(countries) AS country "
            "WHERE in_scope GROUP BY country "
            "UNION ALL SELECT '', '', count(*) FROM catalog_trial WHERE in_scope"
        ).fetchall()
    name, value, count = min(candidates, key=lambda row: (abs(row[2] - rows), row[0], row[1]))
    return (urlencode({name: value}) if name else ""), count


def csv_export(server: Server, query: str) -> tuple[float, float, int]:
    """(seconds, peak growth of the web processes' memory in MB, rows) for one CSV download."""
    baseline = process_tree_rss_mb(server.process.pid)
    peak = [baseline]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak.append(process_tree_rss_mb(server.process.pid))
            stop.wait(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    with urllib.request.urlopen(f"{server.base}/trials.csv?{query}", timeout=600) as response:  # noqa: S310  # nosec B310
        rows = sum(1 for _ in response) - 1
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    return seconds, max(peak) - baseline, rows


SQL_SCRIPT = r"""
import json, os, statistics, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
sys.path.insert(0, os.getcwd())
django.setup()
from config.db import tune_web_connections
tune_web_connections()  # the web processes' connection settings (config/wsgi.py)
from django.db import connection, transaction
from django.template.base import Template
from jinja2 import Template as JinjaTemplate
from django.test import Client
from django.test.utils import CaptureQueriesContext
# Time spent rendering templates, outermost render only (included templates are inside it).
# Both engines: Django's, and Jinja2's (the trial page's article, catalog/jinja.py).
rendering = {"depth": 0, "seconds": 0.0}
def timed(render):
    def timed_render(self, *args, **kwargs):
        rendering["depth"] += 1
        start = time.perf_counter()
        try:
            return render(self, *args, **kwargs)
        finally:
            rendering["depth"] -= 1
            if rendering["depth"] == 0:
                rendering["seconds"] += time.perf_counter() - start
    return timed_render
Template.render = timed(Template.render)
JinjaTemplate.render = timed(JinjaTemplate.render)
client = Client()
result = {}
for name, path in json.loads(sys.argv[1]).items():
    client.get(path)
    timings, template_timings = [], []
    for _ in range(15):
        rendering["seconds"] = 0.0
        start = time.perf_counter(); client.get(path); timings.append(time.perf_counter() - start)
        template_timings.append(rendering["seconds"])
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    queries = [query["sql"] for query in captured.captured_queries]
    sql_timings = []
    with connection.cursor() as cursor:
        for _ in range(15):
            start = time.perf_counter()
            # In one transaction: a statement the page plans with SET LOCAL is re-run planned so.
            with transaction.atomic():
                for query in queries:
                    cursor.execute(query)
                    if cursor.description is not None:  # a SET returns no rows
                        cursor.fetchall()
            sql_timings.append(time.perf_counter() - start)
    result[name] = {
        "request": statistics.median(timings), "sql": statistics.median(sql_timings), "queries": len(queries),
        "template": statistics.median(template_timings),
    }
print("SQLRESULT " + json.dumps(result))
"""


def sql_alone(database: str, cases: dict[str, list[str]]) -> dict:
    paths = {name: paths[0] for name, paths in cases.items()}
    env = web_env(database, caching=False)
    env["DJANGO_ALLOWED_HOSTS"] = "testserver"
    out = run([sys.executable, write_temp(SQL_SCRIPT), json.dumps(paths)], env)
    return json.loads(out.split("SQLRESULT ", 1)[1])


def write_temp(text: str) -> str:
    handle, path = tempfile.mkstemp(suffix=".py")
    os.write(handle, text.encode())
    os.close(handle)
    return path


# --- Datasette ---------------------------------------------------------------------------------

EXPORT_SQL = """
SELECT t.primary_id, coalesce(nullif(t.brief_title, ''), t.official_title) AS title, t.brief_summary AS summary,
       t.status, array_to_string(t.phases, '/') AS phase, t.study_type, t.sex, t.enrollment,
       extract(year FROM t.start_date)::int AS start_year, t.last_updated,
       (SELECT json_agg(c.name) FROM catalog_trial_conditions tc JOIN catalog_condition c ON c.id = tc.condition_id
         WHERE tc.trial_id = t.id) AS conditions,
       (SELECT json_agg(DISTINCT c.category) FROM catalog_trial_conditions tc
         JOIN catalog_condition c ON c.id = tc.condition_id WHERE tc.trial_id = t.id) AS categories,
       (SELECT json_agg(s.name) FROM catalog_trial_cell_sources ts JOIN catalog_cellsource s ON s.id = ts.cellsource_id
         WHERE ts.trial_id = t.id) AS cell_sources,
       (SELECT json_agg(p.name) FROM catalog_trial_product_types tp JOIN catalog_producttype p
         ON p.id = tp.producttype_id WHERE tp.trial_id = t.id) AS products,
       to_json(t.origins) AS origins, to_json(t.routes) AS routes,
       (SELECT json_agg(DISTINCT s.country) FROM catalog_site s
         WHERE s.trial_id = t.id AND s.country <> '') AS countries
FROM catalog_trial t WHERE t.in_scope
"""
DATASETTE_FACETS = (
    "_facet_array=categories&_facet_array=conditions&_facet_array=cell_sources&_facet_array=products"
    "&_facet_array=origins&_facet_array=routes&_facet=phase&_facet=status&_facet_array=countries&_facet=sex"
    "&_facet=study_type"
)


def datasette_bin(name: str) -> str:
    if not (DATASETTE_VENV / "bin" / "datasette").exists():
        print("  installing Datasette and sqlite-utils in bench/.datasette-venv")
        run([sys.executable, "-m", "venv", str(DATASETTE_VENV)])
        run([str(DATASETTE_VENV / "bin" / "pip"), "install", "--quiet", *DATASETTE_PACKAGES])
    return str(DATASETTE_VENV / "bin" / name)


def sqlite_copy(database: str, size: int) -> Path:
    """The same trials in SQLite, one row each, multi-valued fields as JSON arrays (Datasette's
    facet arrays), with full-text search on title and summary and indexes on the facet columns."""
    # Datasette names a database after its file: /trials/trials is the trials table of trials.db.
    target = Path(tempfile.mkdtemp(prefix=f"regenderm_web_{size}_")) / "trials.db"
    rows = Path(tempfile.mkstemp(suffix=".jsonl")[1])
    with psycopg.connect(database) as conn, rows.open("w") as out:
        cursor = conn.cursor(name="export")
        cursor.execute(EXPORT_SQL)
        names = None
        for row in cursor:
            names = names or [column.name for column in cursor.description]
            out.write(json.dumps(dict(zip(names, row, strict=True)), default=str) + "\n")
    utils = datasette_bin("sqlite-utils")
    run([utils, "insert", str(target), "trials", str(rows), "--nl", "--pk", "primary_id"])
    run([utils, "enable-fts", str(target), "trials", "title", "summary", "--create-triggers"])
    for column in ("status", "phase", "sex", "study_type", "start_year"):
        run([utils, "create-index", str(target), "trials", column])
    rows.unlink()
    return target


def datasette_cases(ids: list[str]) -> dict[str, list[str]]:
    return {
        "list": [f"/trials/trials?{DATASETTE_FACETS}"],
        "search": [
            f"/trials/trials?_search=stem+cells&status=RECRUITING&phase__contains=PHASE2"
            f"&cell_sources__arraycontains=Umbilical+cord&{DATASETTE_FACETS}"
        ],
        "detail": [f"/trials/trials/{registry_id}" for registry_id in ids],
        "json": [f"/trials/trials.json?{DATASETTE_FACETS}"],
    }


def datasette_server(db_file: Path):
    port = free_port()
    process = subprocess.Popen(  # noqa: S603  # nosec B603
        [
            datasette_bin("datasette"),
            "serve",
            str(db_file),
            "--port",
            str(port),
            "--setting",
            "sql_time_limit_ms",
            "20000",
            "--setting",
            "facet_time_limit_ms",
            "20000",
            "--setting",
            "default_page_size",
            "25",
        ],  # fmt: skip
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(port)
    return process, f"http://127.0.0.1:{port}"


# --- report ------------------------------------------------------------------------------------


def median_run(base: str, paths: list[str], seconds: int, repeat: int, warmup: int) -> dict:
    """wrk `repeat` times on the same pages; the run with the median p95, and every run's p95 (this
    shared machine has slow stretches of a few seconds: one run alone may land in one). A run in
    which no request was answered ranks slowest."""
    runs = []
    for _ in range(repeat):
        runs.append(wrk(base, paths, seconds, warmup))
        settle(runs[-1], seconds)
    runs.sort(key=lambda run: run["p95"] if run["requests"] else float("inf"))
    return dict(runs[len(runs) // 2], p95_runs=[run["p95"] if run["requests"] else None for run in runs])


def settle(result: dict, seconds: int) -> None:
    """Let the server finish the requests wrk left in flight when it stopped (Django computes a
    page whose reader has gone), so they do not slow the next run: about one request's time."""
    time.sleep(min(30.0, result["p99"] / 1000 if result["requests"] else seconds))


def line(name: str, result: dict, target: float | None = None) -> str:
    if not result["requests"]:
        return f"    {name:<26} no request answered within the run ({result['errors']} errors)"
    verdict = ""
    if target is not None:
        met = result["requests"] > 0 and result["p95"] <= target
        verdict = "  meets target" if met else f"  OVER TARGET ({target:.0f} ms)"
    runs = result.get("p95_runs", [])
    shown = " / ".join("none answered" if p95 is None else f"{p95:.1f}" for p95 in runs)
    spread = f"  (p95 of the {len(runs)} runs: {shown})" if len(runs) > 1 else ""
    return (
        f"    {name:<26} {result['rps']:8.1f} req/s   p50 {result['p50']:7.1f}   p95 {result['p95']:7.1f}   "
        f"p99 {result['p99']:7.1f} ms   errors {result['errors']}{verdict}{spread}"
    )


def bench_size(size: int, seconds: int, reuse: bool, skip_datasette: bool, repeat: int = 1) -> None:
    print(f"\n== {size:,} trials ==")
    database = database_for(size, reuse)
    run([sys.executable, "manage.py", "collectstatic", "--noinput"], web_env(database))
    cases = our_cases(database)
    targets = TARGETS.get(size, {})
    ours = {}
    for caching in (True, False):
        label = "cached" if caching else "no cache"
        print(f"  RegenDerm under gunicorn, {CONNECTIONS} connections, {seconds} s each ({label}):")
        server = Server(database, caching)
        try:
            if caching:
                flush_redis(server)
            for name, paths in cases.items():
                # Every page asked once first (the database's buffers, and with the cache, the
                # cache itself); wrk's own warm-up only where pages are quick: an uncached page
                # left in flight by it would still be computing when the measure starts.
                prime(server.base, paths)
                result = median_run(server.base, paths, seconds, repeat, warmup=2 if caching else 0)
                ours[(name, caching)] = result
                print(line(f"{name} ({label})", result, targets.get(name)))
            if not caching:
                # The web processes after every page was computed (facet bitmaps built) and before
                # the exports: the memory the catalog's size costs them.
                print(f"    web processes' memory after the pages: {process_tree_rss_mb(server.process.pid):.0f} MB")
                query, _ = export_selection(database)
                near = csv_export(server, query)
                full = csv_export(server, "") if query else near
                print(
                    f"    CSV {near[2]:>7,} rows ({query or 'every trial'}, the selection nearest "
                    f"{CSV_ROWS:,} rows): {near[0]:6.2f} s, peak memory +{near[1]:.0f} MB"
                )
                if query:
                    print(f"    CSV {full[2]:>7,} rows (every trial): {full[0]:6.2f} s, peak memory +{full[1]:.0f} MB")
        finally:
            server.stop()
    print(
        "  Where one request's time goes, in process (medians of 15): SQL = its queries re-run in the"
        " database, template = rendering (with any query it runs: the rest is then that much less),"
        " Python = the rest (views, forms, ORM, middleware):"
    )
    for name, figures in sql_alone(database, cases).items():
        ratio = figures["request"] / figures["sql"] if figures["sql"] else float("inf")
        python = figures["request"] - figures["sql"] - figures["template"]
        print(
            f"    {name:<8} request {figures['request'] * 1000:6.1f} ms = SQL {figures['sql'] * 1000:5.1f} ms "
            f"({figures['queries']} queries) + template {figures['template'] * 1000:5.1f} ms + Python "
            f"{python * 1000:5.1f} ms; request / SQL = {ratio:.1f}"
        )
    if skip_datasette:
        return
    print("  Datasette on the same trials (SQLite, same facets), same questions:")
    db_file = sqlite_copy(database, size)
    for name, paths in datasette_cases(trial_ids(database)).items():
        # A fresh server per question: a slow facet query left running must not hold up the next.
        process, base = datasette_server(db_file)
        try:
            prime(base, paths[:1], timeout=seconds)  # as ours without the cache: primed, no warm-up run
            theirs = wrk(base, paths, seconds, warmup=0)
        finally:
            process.kill()
            process.wait()
        print(line(f"{name} (Datasette)", theirs))
        for caching in (False, True):
            mine = ours[(name, caching)]
            label = "cached" if caching else "no cache"
            if theirs["requests"]:
                print(f"      ours ({label}) / Datasette throughput: {mine['rps'] / theirs['rps']:.1f}x")
            else:
                print(f"      ours ({label}): {mine['rps']:.1f} req/s; Datasette answered none in {seconds} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 100000])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--reuse", action="store_true", help="keep an existing benchmark database of that size")
    parser.add_argument("--no-datasette", action="store_true")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each of our cases; the run with the median p95 is shown"
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        wrk_binary()
    for size in options.sizes:
        bench_size(size, options.seconds, options.reuse, options.no_datasette, options.repeat)


if __name__ == "__main__":
    main()
