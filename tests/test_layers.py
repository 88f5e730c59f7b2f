"""The package's layers (pyproject.toml [tool.importlinter]) hold, and the check can fail."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_layers_hold():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout


def test_a_forbidden_import_breaks_the_check(tmp_path):
    shutil.copytree(ROOT / "intranet", tmp_path / "intranet")
    user = tmp_path / "intranet" / "auth" / "models" / "user.py"
    # auth must know nothing of coworking, and nobody may import another domain's views.
    user.write_text(user.read_text() + "\nfrom intranet.coworking.views import public  # noqa\n")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
