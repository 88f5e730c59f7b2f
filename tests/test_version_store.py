"""The data versions on one host: a file every worker maps into memory, bumps seen by all."""

import subprocess
import sys
from pathlib import Path

from intranet.version_store import VERSION_BYTES, MappedVersions

KEYS = ["version:coworking", "version:events", "version:libraries"]


def test_a_bump_in_one_worker_is_read_by_another_without_reopening(tmp_path):
    path = tmp_path / "page_versions"
    here = MappedVersions(path, KEYS)
    before = here.read(KEYS)
    # Another worker: a process of its own, mapping the same file, bumps one version.
    bump = (
        "import sys; from pathlib import Path; from intranet.version_store import MappedVersions; "
        f"MappedVersions(Path(sys.argv[1]), {KEYS!r}).bump(['version:events'])"
    )
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-c", bump, str(path)], check=True, cwd=root)
    after = here.read(KEYS)
    assert after[1] != before[1]
    assert (after[0], after[2]) == (before[0], before[2])  # the other domains keep theirs


def test_a_new_file_starts_with_random_versions_and_is_never_replaced(tmp_path):
    path = tmp_path / "page_versions"
    first = MappedVersions(path, KEYS)
    versions = first.read(KEYS)
    assert all(len(v) == 2 * VERSION_BYTES and v != "0" * 2 * VERSION_BYTES for v in versions)
    assert len(set(versions)) == 3
    # A worker starting later maps the same file: same versions, and it sees later bumps.
    second = MappedVersions(path, KEYS)
    assert second.read(KEYS) == versions
    second.bump(["version:coworking"])
    assert first.read(KEYS)[0] != versions[0]
    assert list(tmp_path.iterdir()) == [path]  # the file was made in place of a temporary one


def test_a_file_made_for_fewer_domains_grows_with_versions_for_the_new_ones(tmp_path):
    path = tmp_path / "page_versions"
    MappedVersions(path, KEYS[:1])
    grown = MappedVersions(path, KEYS)
    assert path.stat().st_size == 3 * VERSION_BYTES
    assert "0" * 2 * VERSION_BYTES not in grown.read(KEYS)
