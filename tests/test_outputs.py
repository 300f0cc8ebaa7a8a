from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
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


def _to_csv_bytes(df: pd.DataFrame) -> bytes:
    return b"\xef\xbb\xbf" + df.to_csv(index=False, lineterminator="\n").encode("utf-8")


TRICKY_TEXT = ["十堰,郧阳", '“局长进大厅"', "甲\n乙", "", None, "创一流"]


@pytest.mark.parametrize(
    "df",
    [
        pd.DataFrame({"s": pd.Series(TRICKY_TEXT, dtype="str"), "n": range(6)}),
        pd.DataFrame(
            {
                "s": pd.Series(TRICKY_TEXT, dtype=object),
                "t": pd.Series(["a", float("nan"), "b,c", "", "d", "e"], dtype=object),
            }
        ),
        pd.DataFrame(
            {
                "c": pd.Categorical(["甲,乙", '"q"', None, "丙", "", "丙"]),
                "b": [True, False, True, False, True, False],
            }
        ),
        pd.DataFrame(
            {
                "f": [3.0, 129.2, 1e-05, 1e16, float("nan"), -0.0],
                "g": [float("inf"), float("-inf"), 0.1 + 0.2, 1e15, 2.5, 51.0],
                "i": pd.array([51, None, -3, 0, 10**12, 7], dtype="Int64"),
                "u": pd.Series(range(6), dtype="uint16"),
                "i32": pd.Series(range(6), dtype="int32"),
            }
        ),
        pd.DataFrame({"a,b": ["x"], 'q"': [1], "数量": [1.5]}),  # names are quoted as fields
        pd.DataFrame({"s": pd.Series([], dtype="str"), "n": pd.Series([], dtype="int64")}),
        pd.DataFrame({"s": [None, None], "n": [1, 2]}),
    ],
)
def test_write_csv_bytes_are_to_csv_bytes(tmp_path: Path, df: pd.DataFrame) -> None:
    assert outputs._fast_csv(df)  # formatted column by column
    outputs.write_csv(tmp_path / "t.csv", df)
    assert (tmp_path / "t.csv").read_bytes() == _to_csv_bytes(df)


def test_write_csv_in_chunks_gives_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    df = pd.DataFrame({"s": pd.Series(TRICKY_TEXT, dtype="str"), "x": [0.5, 1.0, 2.0, 3, 4, 5]})
    monkeypatch.setattr(outputs, "CSV_CHUNK_ROWS", 4)
    outputs.write_csv(tmp_path / "t.csv", df.iloc[1:])  # a slice: Arrow arrays with an offset
    assert (tmp_path / "t.csv").read_bytes() == _to_csv_bytes(df.iloc[1:])


@pytest.mark.parametrize(
    "df",
    [
        pd.DataFrame({"s": ["", "a"]}),  # one column: csv quotes a row's only empty field
        pd.DataFrame({"d": pd.to_datetime(["2024-05-01"]), "n": [1]}),
        pd.DataFrame({"f": pd.Series([1.5], dtype="float32"), "n": [1]}),
        pd.DataFrame({"o": pd.Series([3, "甲"], dtype=object), "n": [1, 2]}),
    ],
)
def test_write_csv_other_tables_are_written_by_to_csv(tmp_path: Path, df: pd.DataFrame) -> None:
    assert not outputs._fast_csv(df)
    outputs.write_csv(tmp_path / "t.csv", df)
    assert (tmp_path / "t.csv").read_bytes() == _to_csv_bytes(df)


def test_holding_finds_ascii_characters_per_value() -> None:
    values = pa.array(["a,b", None, "十堰", "甲\r", "", 'x"'], type=pa.large_string())
    assert outputs._holding(values, b',"').tolist() == [True, False, False, False, False, True]
    assert outputs._holding(values.slice(2), b"\r").tolist() == [False, True, False, False]
    # a missing value whose slot still spans bytes (Arrow allows it) holds nothing
    offsets = pa.py_buffer(np.array([0, 1, 3], dtype=np.int64).tobytes())
    validity = pa.py_buffer(bytes([0b01]))
    odd = pa.Array.from_buffers(pa.large_string(), 2, [validity, offsets, pa.py_buffer(b"a\r,")])
    assert odd.to_pylist() == ["a", None]
    assert outputs._holding(odd, b"\r,").tolist() == [False, False]


def test_folder_lock_lets_one_process_at_a_time_write_a_folder(tmp_path: Path) -> None:
    def busy(holder: str) -> RuntimeError:
        return RuntimeError(f"busy: {holder}")

    lock = tmp_path / outputs.LOCK_FILE
    with outputs.folder_lock(tmp_path, busy, holder="pid 7, started today"):
        assert lock.read_text(encoding="utf-8") == "pid 7, started today\n"
        with (
            pytest.raises(RuntimeError, match=r"^busy: pid 7, started today$"),
            outputs.folder_lock(tmp_path, busy, holder="pid 8"),
        ):
            pass
    lock.unlink()
    with outputs.folder_lock(tmp_path, busy):  # the folder itself: nothing is added to it
        assert list(tmp_path.iterdir()) == []
        with (
            pytest.raises(RuntimeError, match=r"^busy: unknown process$"),
            outputs.folder_lock(tmp_path, busy),
        ):
            pass
    with outputs.folder_lock(tmp_path, busy):  # free again
        pass
