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


@pytest.mark.parametrize(
    "column",
    [
        pd.Categorical(["a01"]),
        pd.Categorical(["a01", "a01", "a02"]),
        pd.Series(["创一流", None], dtype="str"),
        pd.Series(["创一流", 3], dtype=object),
    ],
)
def test_write_csv_text_columns_of_any_dtype(tmp_path: Path, column: object) -> None:
    # a single-category categorical (one article) used to break the carriage-return check
    df = pd.DataFrame({"c": column})
    outputs.write_csv(tmp_path / "t.csv", df)
    assert len(pd.read_csv(tmp_path / "t.csv", encoding="utf-8-sig")) == len(df)


@pytest.mark.parametrize(
    "column",
    [
        pd.Categorical(["甲\r乙"]),
        pd.Series(["甲\r乙"], dtype="str"),
        pd.Series(["甲\r乙"], dtype=object),
    ],
)
def test_write_csv_quotes_lone_cr_in_any_text_dtype(tmp_path: Path, column: object) -> None:
    df = pd.DataFrame({"c": column, "n": [1]})
    outputs.write_csv(tmp_path / "t.csv", df)
    back = pd.read_csv(tmp_path / "t.csv", encoding="utf-8-sig")
    assert back["c"].tolist() == ["甲\r乙"]
