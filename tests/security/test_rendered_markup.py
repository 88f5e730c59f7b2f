"""Every page the app renders, as each kind of reader gets it: no attribute twice on an element."""

import pytest

from tests.markup import duplicate_attributes
from tests.security.matrix import MATRIX
from tests.security.test_authorization_matrix import build_url

READERS = ("anonymous", "branch_a", "coordinator_x", "central", "admin")
PAGES = sorted(
    endpoint
    for (endpoint, method), (_builder, expected) in MATRIX.items()
    if method == "GET" and endpoint != "static" and any(expected[r] == "ok" for r in READERS)
)


@pytest.mark.parametrize("endpoint", PAGES)
def test_every_page_has_each_attribute_once_per_element(app, world, endpoint):
    builder, expected = MATRIX[(endpoint, "GET")]
    for reader in (r for r in READERS if expected[r] == "ok"):
        response = world.client(reader).get(build_url(app, world, endpoint, builder))
        if not response.content_type.startswith("text/html"):
            continue  # files, feeds and JSON
        found = duplicate_attributes(response.get_data(as_text=True))
        assert not found, f"{reader} GET {endpoint}: {found}"
