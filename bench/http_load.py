"""The client side of ``bench.dashboards``: log in through the real form, then load one URL with threads.

Standard library only (``http.client``, one connection per request, as a
browser without keep-alive), so a process that measures imports no Django.
"""

import http.client
import re
import statistics
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from http.cookies import SimpleCookie

LOGIN_PATH = "/accounts/login/"


@dataclass(frozen=True)
class Response:
    status: int
    location: str
    cookies: dict[str, str]
    body: bytes
    queries: int | None = None  # the server's ``X-Bench-Queries`` header (bench.settings), when it sends one


@dataclass(frozen=True)
class Load:
    """What ``measure`` saw after its warm-up: successful pages per second, their latency, every status."""

    rps: float
    p50_ms: float
    p95_ms: float
    statuses: dict[int, int]


def fetch(port: int, path: str, cookie: str = "", *, form: dict[str, str] | None = None) -> Response:
    """GET ``path`` (POST ``form`` when given) on 127.0.0.1:``port`` over a fresh connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Connection": "close", **({"Cookie": cookie} if cookie else {})}
    try:
        if form is None:
            connection.request("GET", path, headers=headers)
        else:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request("POST", path, urllib.parse.urlencode(form), headers)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    cookies = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    return Response(
        response.status,
        response.headers.get("Location", ""),
        {name: morsel.value for name, morsel in cookies.items()},
        body,
        int(response.headers["X-Bench-Queries"]) if "X-Bench-Queries" in response.headers else None,
    )


def log_in(port: int, username: str, password: str) -> str:
    """POST the login form as a browser does; returns the ``Cookie`` header of the session it opens."""
    page = fetch(port, LOGIN_PATH)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
    if page.status != 200 or token is None or "csrftoken" not in page.cookies:
        raise RuntimeError(f"The login page answered {page.status} without a CSRF token.")
    answer = fetch(
        port,
        LOGIN_PATH,
        f"csrftoken={page.cookies['csrftoken']}",
        form={"username": username, "password": password, "csrfmiddlewaretoken": token.group(1).decode()},
    )
    if answer.status != 302 or "sessionid" not in answer.cookies:
        raise RuntimeError(f"Logging in as {username} failed: {answer.status} {answer.location}")
    return f"sessionid={answer.cookies['sessionid']}"


def _hammer(port: int, path: str, cookie: str, threads: int, seconds: float):
    """Every thread requests ``path`` one after the other until the time is up."""
    deadline = time.perf_counter() + seconds
    latencies: list[list[float]] = [[] for _thread in range(threads)]
    statuses: list[Counter] = [Counter() for _thread in range(threads)]

    def run(mine: list[float], seen: Counter) -> None:
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            status = fetch(port, path, cookie).status
            seen[status] += 1
            if status == 200:
                mine.append(time.perf_counter() - start)

    start = time.perf_counter()
    workers = [
        threading.Thread(target=run, args=(latencies[n], statuses[n]), daemon=True) for n in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - start
    return [t for mine in latencies for t in mine], sum(statuses, Counter()), elapsed


def measure(port: int, path: str, cookie: str, threads: int, warmup: float, seconds: float) -> Load:
    """Load ``path`` for ``warmup`` seconds (not counted), then for ``seconds``, with ``threads`` clients."""
    _hammer(port, path, cookie, threads, warmup)
    latencies, statuses, elapsed = _hammer(port, path, cookie, threads, seconds)
    if len(latencies) < 2:
        return Load(len(latencies) / elapsed, float("nan"), float("nan"), dict(statuses))
    return Load(
        rps=len(latencies) / elapsed,
        p50_ms=statistics.median(latencies) * 1000,
        p95_ms=statistics.quantiles(latencies, n=20)[18] * 1000,
        statuses=dict(statuses),
    )
