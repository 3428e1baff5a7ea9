"""What the benchmarks share: a minimal view for the baseline, and a timer that takes the
median of repeated requests and counts one request's queries."""

import statistics
import time

from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import path


def baseline(request):
    return HttpResponse("ok")


urlpatterns = [path("baseline/", baseline)]  # ROOT_URLCONF="_common" for the baseline


def timed(client, url, repeat=10):
    """(median milliseconds, queries) of GET `url` after one warm-up request."""
    client.get(url)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return statistics.median(samples), len(ctx.captured_queries)


def on_postgresql(script: str, only: str = "") -> dict | None:
    """Run `script` again on PostgreSQL, in a child process, and return its JSON figures; None
    when no PostgreSQL answers. The database comes from BENCH_PG_URL (default: the local
    server's `mentorat` database; the child creates and drops `test_mentorat` beside it, so do not
    run it while the test suite runs on PostgreSQL). `only` limits the child to some figures
    (BENCH_ONLY), when the script supports it."""
    import json
    import os
    import subprocess
    import sys
    from urllib.parse import urlsplit

    url = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/mentorat")
    try:
        import psycopg2

        # the server's maintenance database: the named one need not exist (Django creates
        # its test database beside it through this one)
        psycopg2.connect(
            urlsplit(url)._replace(path="/postgres").geturl(), connect_timeout=2
        ).close()
    except Exception:  # noqa: BLE001 - any failure means "no PostgreSQL here"
        print(f"no PostgreSQL answers at {urlsplit(url).hostname}: the _pg figures are left out")
        return None
    env = {**os.environ, "DATABASE_URL": url, "BENCH_ONLY": only, "BENCH_PG_URL": ""}
    result = subprocess.run(
        [sys.executable, script], env=env, capture_output=True, text=True, check=False
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        print(result.stdout[-2000:], result.stderr[-2000:], sep="\n")
        return None
    return json.loads(lines[-1])
