"""Absolute links for emails, calendar files and the API: from BASE_URL, never the Host."""

from urllib.parse import urlsplit, urlunsplit

from flask import current_app, request

REDIRECTS = (301, 302, 303, 307, 308)


def external_url_for(endpoint: str, **values) -> str:
    """An absolute link to a route, built on BASE_URL; works inside and outside a request."""
    # url_for(_external=True) would take the host from the request, which the client chose.
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "http"
    )
    return adapter.build(endpoint, values, force_external=True)


def relative_location(response):
    """Werkzeug's own redirects (/staff -> /staff/) name the Host the client sent: drop it."""
    location = response.headers.get("Location")
    if response.status_code in REDIRECTS and location:
        parts = urlsplit(location)
        # "//x" would be read as another host: such a path is left absolute, as it was.
        if parts.netloc == request.host and not parts.path.startswith("//"):
            response.headers["Location"] = urlunsplit(
                ("", "", parts.path or "/", parts.query, parts.fragment)
            )
    return response


def init_app(app) -> None:
    """Keep the client's Host header out of every redirect; templates build links from BASE_URL."""
    app.after_request(relative_location)
    app.jinja_env.globals["external_url_for"] = external_url_for
