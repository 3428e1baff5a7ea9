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
