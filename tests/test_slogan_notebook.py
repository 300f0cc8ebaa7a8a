"""Smoke run of notebooks/slogan_usage.ipynb on the seed pages (needs the corpus stage)."""

from pathlib import Path

import pytest

pytest.importorskip("analysis.corpus")
pm = pytest.importorskip("papermill")
nbformat = pytest.importorskip("nbformat")

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_slogan_notebook_runs_on_seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    out = tmp_path / "slogan_usage.ipynb"
    pm.execute_notebook(
        str(ROOT / "notebooks" / "slogan_usage.ipynb"),
        str(out),
        parameters={"corpus": str(ROOT / "seeds")},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 3
