"""table_files: tables written as CSV or Parquet, read back unchanged, written from the cache."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis import cache, corpus, docwork, pipeline, table_files, token_tables
from analysis.errors import AnalysisError
from tests import hardening
from tests.fixtures_pipeline import make_corpus
from tests.fixtures_token_tables import TOKEN_PARTS, compact_frame

ODD = [
    "001",
    "+86",
    "1e3",
    "NA",
    "null",
    "",
    " lead",
    "a\r\nb",
    "c\rd",
    'q"uote',
    "x,y",
    "=1+1",
    "𠀀㐀",
]


def test_odd_strings_and_numbers_roundtrip(tmp_path: Path) -> None:
    tables = {
        "odd": pd.DataFrame({"value": ODD, "n": range(len(ODD))}),
        "ids": pd.DataFrame({"doc_id": ["001", "002"], "page": ["01", "10"], "n": [1, 2]}),
        "nums": pd.DataFrame({"i": [-1, 5], "f": [1.5, 0.1 + 0.2], "b": [True, False]}),
    }
    table_files.write(tables, tmp_path)
    back = table_files.read(tmp_path)
    assert back["odd"]["value"].tolist() == ODD
    assert back["ids"]["doc_id"].tolist() == ["001", "002"]  # ids with leading zeros stay strings
    assert back["ids"]["page"].tolist() == ["01", "10"]
    assert back["ids"]["n"].tolist() == [1, 2]
    assert back["nums"].to_dict("list") == tables["nums"].to_dict("list")
    hardening.record("table round trip", "odd strings, leading zeros", "read back unchanged")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> pipeline.Tables:
    """The tables ``pipeline.build`` makes of the built corpus."""
    root = make_corpus(tmp_path_factory.mktemp("table_files") / "corpus")
    return pipeline.build(root, jobs=1, use_cache=False, progress=False)


def test_large_tokens_table_is_written_as_parquet_with_a_summary(
    built: pipeline.Tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    table_files.write(built, out, names=["tokens"])
    assert (out / "tokens.csv").exists()
    monkeypatch.setattr(table_files, "PARQUET_ROWS", 10)
    written = table_files.write(built, out, names=["tokens"])
    assert [p.name for p in written] == ["tokens.parquet", "tokens_summary.csv"]
    assert not (out / "tokens.csv").exists()
    back = table_files.read(out)
    pd.testing.assert_frame_equal(
        back["tokens"], built["tokens"], check_dtype=False, check_categorical=False
    )
    summary = back["tokens_summary"]
    assert summary["n_tokens"].sum() == len(built["tokens"])
    assert summary["article_id"].tolist() == sorted(set(built["tokens"]["article_id"]))


def test_large_terms_table_is_written_as_parquet_with_the_groupings_but_file(
    built: pipeline.Tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    table_files.write(built, out, names=["terms"])
    monkeypatch.setattr(table_files, "PARQUET_ROWS", 10)
    written = table_files.write(built, out, names=["terms"])
    assert [p.name for p in written] == ["terms.parquet", "terms_summary.csv"]
    assert not (out / "terms.csv").exists()
    back = table_files.read(out)
    labels = {c: str for c in ("group_by", "group", "term")}
    pd.testing.assert_frame_equal(
        back["terms"].astype(labels), built["terms"].astype(labels), check_dtype=False
    )
    terms = built["terms"].astype(labels)
    assert "file" in set(terms["group_by"])
    pd.testing.assert_frame_equal(
        back["terms_summary"],
        terms[terms["group_by"] != "file"].reset_index(drop=True),
        check_dtype=False,
    )


def test_tokens_written_from_the_cache_need_every_entry(tmp_path: Path) -> None:
    root = make_corpus(tmp_path / "corpus")
    store = tmp_path / "cache"
    pipeline.build(root, jobs=1, cache_dir=store, progress=False)
    cfg = docwork.config()
    records = corpus.load(root).documents.to_dict("records")
    keys = [docwork.doc_key({str(k): v for k, v in r.items()}) for r in records]
    paths = table_files.write_cached(store, cfg.key, keys, tmp_path / "out", "tokens", 10)
    assert [p.name for p in paths] == ["tokens.parquet", "tokens_summary.csv"]
    for name in table_files.WRITTEN_FROM_CACHE:  # entries checked already: the same files
        checked = tmp_path / f"checked-{name}"
        unchecked = tmp_path / f"unchecked-{name}"
        for folder, flag in ((checked, True), (unchecked, False)):
            folder.mkdir()
            table_files.write_cached(store, cfg.key, keys, folder, name, 10, checked=flag)
        assert [p.read_bytes() for p in sorted(checked.iterdir())] == [
            p.read_bytes() for p in sorted(unchecked.iterdir())
        ]
    cache.Store(store, cfg.key).path(keys[0]).unlink()
    with pytest.raises(
        AnalysisError,
        match=r"entry in cache folder .* went missing or was damaged.*run the command again",
    ):
        table_files.write_cached(store, cfg.key, keys, tmp_path / "out", "tokens", 10)


def test_parquet_tables_are_written_as_pandas_writes_them(tmp_path: Path) -> None:
    tok = token_tables.compact_tokens(
        pd.DataFrame(
            {
                "article_id": ["b-a01", "a-a01", "a-a01"],
                "sent_id": [0, 0, 1],
                "position": [0, 0, 1],
                "start": [0, 0, 4],
                "end": [3, 3, 5],
                "token": ["创一流", "争第一", "。"],
                "pos": ["", "", "x"],
            }
        )
    )
    paths = table_files.write_table("tokens", tok, tmp_path, 0)
    assert [p.name for p in paths] == ["tokens.parquet", "tokens_summary.csv"]
    tok.to_parquet(tmp_path / "want.parquet", index=False, **table_files.PARQUET_OPTIONS["tokens"])
    assert (tmp_path / "tokens.parquet").read_bytes() == (tmp_path / "want.parquet").read_bytes()
    group = pq.ParquetFile(tmp_path / "tokens.parquet").metadata.row_group(0)
    encodings = {
        group.column(i).path_in_schema: group.column(i).encodings for i in range(group.num_columns)
    }
    assert "DELTA_BINARY_PACKED" in encodings["start"]
    assert "RLE_DICTIONARY" not in encodings["start"]
    assert "RLE_DICTIONARY" in encodings["token"]
    assert pd.read_parquet(tmp_path / "tokens.parquet").equals(tok)


@pytest.mark.parametrize("parquet_rows", [0, 100])
def test_tokens_from_parts_are_written_as_from_the_frame(tmp_path: Path, parquet_rows: int) -> None:
    parts = TOKEN_PARTS["unused ids"]
    want = table_files.write_table("tokens", compact_frame(parts), tmp_path / "want", parquet_rows)
    handed = list(parts)
    got = table_files.write_token_parts(handed, tmp_path / "got", parquet_rows)
    assert not handed  # the parts were let go
    assert [p.name for p in got] == [p.name for p in want]
    assert all(g.read_bytes() == w.read_bytes() for g, w in zip(got, want, strict=True))


def test_tokens_from_parts_in_row_groups_are_the_bytes_of_write_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = TOKEN_PARTS["unused ids"]
    monkeypatch.setattr(token_tables, "PARQUET_ROW_GROUP", 2)
    table_files.write_token_parts(list(parts), tmp_path, 0)
    table = pa.Table.from_pandas(compact_frame(parts), preserve_index=False)
    options = table_files.PARQUET_OPTIONS["tokens"]
    pq.write_table(table, tmp_path / "want.parquet", row_group_size=2, **options)
    assert pq.ParquetFile(tmp_path / "tokens.parquet").metadata.num_row_groups == 4
    assert (tmp_path / "tokens.parquet").read_bytes() == (tmp_path / "want.parquet").read_bytes()
