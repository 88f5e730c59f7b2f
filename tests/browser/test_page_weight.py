"""Public pages within 150 KB on the wire, measured on gunicorn (no browser needed)."""

import importlib.util

import pytest

from intranet.static_files import IMMUTABLE, MIN_COMPRESS_SIZE
from tests.browser.helpers import ROOT

_spec = importlib.util.spec_from_file_location("page_weight", ROOT / "bench" / "page_weight.py")
page_weight = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(page_weight)


@pytest.mark.parametrize("accept_encoding", [page_weight.MODERN, page_weight.OLDER])
@pytest.mark.parametrize(("name", "path"), list(page_weight.PUBLIC_PAGES.items()))
def test_public_page_is_within_the_budget(live_server, name, path, accept_encoding):
    weight = page_weight.measure_page(live_server.url, name, path, accept_encoding)
    page, *assets = weight.transfers
    assert page.headers["Content-Type"].startswith("text/html")
    assert {a.url.rsplit(".", 1)[-1] for a in assets} == {"css", "js", "svg"}  # svg: the icon
    for asset in assets:
        assert asset.status == 200
        assert asset.headers["Cache-Control"] == IMMUTABLE
        if asset.raw >= MIN_COMPRESS_SIZE:  # a tiny icon is not worth compressing
            assert asset.encoding in ("br", "gzip"), f"{asset.url} was sent uncompressed"
    assert weight.total <= page_weight.BUDGET, f"{name}: {weight.total} bytes"
    # Compression is what keeps it there: the same page raw is twice the budget.
    assert weight.raw > 2 * weight.total


@pytest.mark.parametrize(("script", "budget"), list(page_weight.SCRIPT_BUDGETS.items()))
def test_hand_written_script_is_within_its_budget(script, budget):
    assert (ROOT / script).stat().st_size <= budget
