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
    assert response.get_json() == {"status": "ok", "database": "ok"}
