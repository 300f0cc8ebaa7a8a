from pathlib import Path

import pandas as pd
import pytest

from analysis import outputs


def test_write_csv_has_bom_and_roundtrips(tmp_path: Path) -> None:
    df = pd.DataFrame({"term": ["创一流", "争第一"], "n": [2, 1]})
    path = tmp_path / "sub" / "terms.csv"
    outputs.write_csv(path, df)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(path, encoding="utf-8-sig").equals(df)
    assert [p.name for p in path.parent.iterdir()] == ["terms.csv"]


def test_failed_write_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    with pytest.raises(RuntimeError, match="boom"), outputs.atomic_open(path) as fh:
        fh.write("half")
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "index.html"
    outputs.write_text(path, "old")
    with pytest.raises(RuntimeError), outputs.atomic_open(path) as fh:
        fh.write("new")
        raise RuntimeError("disk full")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]
