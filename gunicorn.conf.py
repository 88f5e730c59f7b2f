"""gunicorn settings, read by any gunicorn started in this folder (`make run`, production).

Access lines carry request paths and Referer headers; the logger class redacts the private
booking tokens in them (and in gunicorn's error messages) before they are written. Each worker
sends a response's head with its body, so a node killed mid-answer cannot cut a page in two.
"""

logger_class = "intranet.logs.GunicornLogger"


def child_exit(_server, worker):
    """A gone worker's live gauges leave the metrics (PROMETHEUS_MULTIPROC_DIR, deploy/)."""
    import os

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def post_fork(_server, _worker):
    """A response's head leaves in the same write as its body (intranet/serving.py says why)."""
    from intranet.serving import send_head_with_body

    send_head_with_body()


def post_worker_init(_worker):
    """What a worker loaded to serve (the app, its templates, translations) lives as long as it.

    Frozen, those objects are left out of every later garbage collection: the collector then
    looks only at what requests made, instead of going through the whole app again and again.
    """
    import gc

    gc.freeze()
