"""The public home page and the health check: open to everyone, no session."""


def test_home_lists_the_programme_and_centres_without_a_cookie(app, client):
    assert "Set-Cookie" not in app.test_client().get("/").headers
    response = client.get("/?lang=en")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "This week's programme" in page
    assert page.count('href="/coworking/') >= 5


def test_health_check_answers_with_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["database"] == "ok"


def test_a_web_app_manifest_names_the_site_in_the_readers_language(app, client):
    """A phone can add the site to its home screen, under its Kazakh or Russian name."""
    fresh = app.test_client()
    response = fresh.get("/manifest.webmanifest", headers={"Accept-Language": "kk"})
    assert response.status_code == 200
    assert response.mimetype == "application/manifest+json"
    assert "Set-Cookie" not in response.headers
    manifest = response.get_json()
    assert manifest["name"] == "Қызылорда кітапханалары"
    assert manifest["start_url"] == "/"
    for icon in manifest["icons"]:
        assert fresh.get(icon["src"]).status_code == 200, icon["src"]
    ru = fresh.get("/manifest.webmanifest", headers={"Accept-Language": "ru"}).get_json()
    assert ru["name"] == "Библиотеки Кызылорды"
    home = client.get("/").get_data(as_text=True)
    assert '<link rel="manifest" href="/manifest.webmanifest">' in home
    assert f'<meta name="theme-color" content="{manifest["theme_color"]}">' in home
