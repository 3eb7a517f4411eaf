"""Gunicorn settings of the portal behind nginx (docs/deploy.md): `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.

Each value can be changed from the environment (GUNICORN_*) without editing this file.
Sync workers, each handling one request at a time: nginx buffers slow uploads and
(with PORTAL_X_ACCEL_REDIRECT_PREFIX) sends the downloads itself, so a worker is
only busy while Django works. Start with 2 x cores + 1 workers; every worker holds
one PostgreSQL connection.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
# A PDF (WeasyPrint) or an annual report may take several seconds; far above that a worker is stuck.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
# Restart each worker after this many requests (plus a random part, so they do not restart together):
# PDF rendering leaves memory behind.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = max_requests // 10
# Only nginx on this machine may say which scheme the visitor used (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Logs to the journal (stdout/stderr of the systemd unit).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The process name in ps/top.
proc_name = "xhht"
