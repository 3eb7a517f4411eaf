"""The server side every HTTP benchmark shares: gunicorn on a free local port, and its workers' memory."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench import http_load

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port: int, log: Path, environment: dict[str, str]) -> subprocess.Popen:
    """gunicorn with ``WORKERS`` sync workers, as in production; returns once the bare view answers."""
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--chdir", str(ROOT)]
    command += ["--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}", "--error-logfile", str(log)]
    server = subprocess.Popen(command, env={**os.environ, **environment})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if http_load.fetch(port, "/bench/bare/").status == 200:
                return server
        except OSError:
            pass  # not listening yet
        time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"gunicorn did not answer; its log:\n{log.read_text()}")


def worker_rss_mb(server: subprocess.Popen) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children), in MB, read from /proc."""
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    except OSError:
        return []
    sizes = []
    for pid in children:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue  # a worker that just ended
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes
