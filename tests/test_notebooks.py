"""The notebooks run top to bottom against the public API, from a fresh clone.

Notebooks rot silently when the API changes; executing them in the suite keeps
them honest.  The sample store is built into a temporary folder (as in a clean
clone where reports/ does not exist) and the kernel is pinned to this venv's Python.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def kernel_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A ``python3`` kernelspec that runs this interpreter, and a not-yet-built sample store.

    JUPYTER_PATH comes first in the kernelspec search, so a ``python3`` kernel
    registered elsewhere on the machine (another Python) cannot be picked up.
    """
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (analyzer venv)", "language": "python",
    }))
    return {"JUPYTER_PATH": str(root),
            "ANALYZER_SAMPLE_STORE": str(root / "fresh" / "sample.sqlite"),
            "MPLBACKEND": "Agg"}


def test_notebooks_exist() -> None:
    assert [p.name for p in NOTEBOOKS] == [
        "01-explore-a-list.ipynb", "02-officials-and-engagement.ipynb",
        "03-from-archive-to-digest.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_stripped(path: Path) -> None:
    """Outputs stay out of git: diffs show code, not plots."""
    book = nbformat.read(path, as_version=4)
    for cell in book.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path, kernel_env: dict[str, str],
                       monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in kernel_env.items():
        monkeypatch.setenv(key, value)
    book = nbformat.read(path, as_version=4)
    assert "analyzer.sample_corpus()" in path.read_text() or "ingest_paths" in path.read_text()
    client = nbclient.NotebookClient(book, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    errors = [o for c in book.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert errors == []
