"""gunicorn settings, read by any gunicorn started in this folder (`make run`, production).

Access lines carry request paths and Referer headers; the logger class redacts the private
booking tokens in them (and in gunicorn's error messages) before they are written.
"""

logger_class = "intranet.logs.GunicornLogger"


def child_exit(_server, worker):
    """A gone worker's live gauges leave the metrics (PROMETHEUS_MULTIPROC_DIR, deploy/)."""
    import os

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
