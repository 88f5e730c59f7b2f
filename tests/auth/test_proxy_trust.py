"""X-Forwarded-For counts only when the app is told it stands behind that many proxies."""

import pytest

from tests.conftest import csrf_token


def attempts(client, forwarded_for: list[str]) -> list[int]:
    token = csrf_token(client)
    return [
        client.post(
            "/login",
            data={"email": f"u{i}@test.kz", "password": "x", "csrf_token": token},
            headers={"X-Forwarded-For": ip},
        ).status_code
        for i, ip in enumerate(forwarded_for)
    ]


@pytest.fixture
def app_config(request):
    return {"LOGIN_LIMIT_PER_IP": "3 per minute", "PROXY_COUNT": request.param}


@pytest.mark.parametrize("app_config", [0], indirect=True)
def test_forged_forwarded_for_does_not_escape_the_limit(client):
    codes = attempts(client, ["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4"])
    assert codes == [200, 200, 200, 429]


@pytest.mark.parametrize("app_config", [1], indirect=True)
def test_behind_one_proxy_each_client_address_counts_separately(client):
    codes = attempts(client, ["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "1.1.1.1"])
    assert codes == [200] * 5
