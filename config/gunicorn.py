"""gunicorn's settings for a deployment: `gunicorn -c config/gunicorn.py config.wsgi`.

GUNICORN_BIND (0.0.0.0:8000), GUNICORN_WORKERS (two per CPU core), GUNICORN_THREADS (1) and
GUNICORN_WORKER_CONNECTIONS (threads + 1) override the defaults; so do command-line options.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Processes, not threads: a page is Python's work (the database answers in a fraction of it), and
# a process runs one thread at a time. Two single-threaded workers per core served the uncached
# pages at 8 connections with a p95 25-35% lower than one worker of four threads per core, and
# ~15% more requests a second (bench/web_bench.py, bench/RESULTS.md). CSV exports stream from
# the database in batches, so a worker busy with one never holds much memory; nginx in front
# (config/nginx.conf) buffers slow readers and lets one address run two exports at once.
workers = int(os.environ.get("GUNICORN_WORKERS") or 2 * (os.cpu_count() or 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
# A worker takes no more connections than it can serve at once (its threads, and one waiting on
# keep-alive); the others wait in the listen queue for a worker with a free thread. With
# gunicorn's default (1,000 each) one process could take every connection of a burst while the
# other idled: Python runs one thread of a process at a time, so throughput halved (one web
# benchmark run in three). Behind a proxy that keeps many idle client connections open to the
# web processes, raise it.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS") or threads + 1)
# A worker is replaced after this many requests (each at its own count, the jitter): memory a
# large request left behind (a big admin upload) is given back, never accumulated. At 2,000 a
# busy site replaced each worker every few seconds and every replacement stalled the requests
# queued behind it (cached pages: p95 5 -> 700 ms in web_bench).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS") or 20000)
max_requests_jitter = max_requests // 10
# The application is imported once, by the master: a replaced worker is a fork, ready at once,
# instead of a new interpreter importing Django. (No connection is opened on import: the
# embedded database starts on the first query.)
preload_app = True


def when_ready(server):
    """Before the first worker is forked: the facet bitmaps every worker shares (copy on write)."""
    import gc

    from catalog.facet_index import prebuild

    prebuild()
    # What the master built (Django, the templates, the bitmaps) lives as long as the workers:
    # out of the collector's sight, a full collection in a worker no longer walks it, and its
    # pages stay shared with the master (a collection writes to every object it visits).
    gc.freeze()
    # A page allocates thousands of objects and frees nearly all of them with the response: a
    # young-generation collection every 7,000 allocations instead of 700 (a trial page 2.40 ->
    # 2.29 ms in process; the garbage is the same, collected in fewer passes).
    gc.set_threshold(7000, *gc.get_threshold()[1:])
