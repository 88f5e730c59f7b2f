"""Absolute links for emails, calendar files and the API: from BASE_URL, never the Host."""

from urllib.parse import urlsplit

from flask import current_app


def external_url_for(endpoint: str, **values) -> str:
    """An absolute link to a route, built on BASE_URL; works inside and outside a request."""
    # url_for(_external=True) would take the host from the request, which the client chose.
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "http"
    )
    return adapter.build(endpoint, values, force_external=True)
