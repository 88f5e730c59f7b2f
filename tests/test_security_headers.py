"""Security headers on HTML pages and on pages with personal data."""

import re


def test_html_pages_carry_a_nonce_based_csp(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert re.search(r"script-src 'self' 'nonce-[A-Za-z0-9_-]{16,}'", csp)
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'self'"):
        assert directive in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers


def test_nonce_changes_per_request(client):
    first = client.get("/").headers["Content-Security-Policy"]
    second = client.get("/").headers["Content-Security-Policy"]
    assert first != second


def test_no_inline_script_without_nonce(client, login_as):
    login_as("admin")
    for path in ("/", "/login", "/staff/", "/staff/admin/users", "/staff/admin/audit"):
        body = client.get(path, follow_redirects=True).get_data(as_text=True)
        for tag in re.findall(r"<script\b[^>]*>", body):
            assert "src=" in tag or "nonce=" in tag, f"inline script without nonce on {path}"


def test_hsts_over_https(client):
    response = client.get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_staff_pages_are_not_cached(client, login_as):
    login_as("central_staff")
    response = client.get("/staff/")
    assert response.headers["Cache-Control"] == "no-store"
    assert "Cookie" in response.headers["Vary"]


def test_static_files_set_no_cookie_and_stay_cacheable(client, login_as):
    login_as("admin")
    response = client.get("/static/css/app.css")
    response.close()
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert "no-store" not in response.headers.get("Cache-Control", "")
