"""token_tables: the compact tokens frame, its Arrow form in row groups and the summary."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis import token_tables
from tests.fixtures_token_tables import A_ROWS, TOKEN_PARTS, compact_frame, token_part


def test_tokens_frame_keeps_only_the_articles_present() -> None:
    # A cached document's tokens carry its task's whole dictionary (here also "b-a01", a
    # document removed since): the categories are those in use, sorted.
    ids = pa.DictionaryArray.from_arrays(
        pa.array([0, 2, 0], pa.int32()), pa.array(["c-a01", "b-a01", "a-a01"])
    )
    ints = pa.array([0, 0, 1], pa.int32())
    table = pa.table(
        {
            "article_id": ids,
            "sent_id": ints,
            "position": ints,
            "start": ints,
            "end": ints,
            "token": pa.array(["创一流", "争第一", "。"]),
            "pos": pa.array(["", "", "x"]).dictionary_encode(),
        }
    )
    tok = token_tables.tokens_frame(table)
    assert tok["article_id"].cat.categories.tolist() == ["a-a01", "c-a01"]
    assert tok["article_id"].astype(str).tolist() == ["c-a01", "a-a01", "c-a01"]
    assert tok["pos"].cat.categories.tolist() == ["", "x"]


@pytest.mark.parametrize("case", list(TOKEN_PARTS))
def test_tokens_table_made_in_arrow_is_the_one_pandas_gives(case: str) -> None:
    parts = TOKEN_PARTS[case]
    want = pa.Table.from_pandas(compact_frame(parts), preserve_index=False)
    got = token_tables._tokens_arrow(parts)
    assert got.schema.equals(want.schema, check_metadata=True)
    assert got.equals(want, check_metadata=True)
    assert [p.num_rows for p in parts] == [p.num_rows for p in TOKEN_PARTS[case]]  # unchanged


def test_tokens_table_made_in_arrow_in_row_groups() -> None:
    parts = [token_tables.token_part(p) for p in TOKEN_PARTS["unused ids"]]
    layout = token_tables.tokens_layout(parts)
    groups = list(token_tables.token_row_groups(list(parts), layout, 2))
    assert [g.num_rows for g in groups] == [2, 2, 2, 1]
    assert all(g.column(c).num_chunks == 1 for g in groups for c in g.column_names)
    want = pa.Table.from_pandas(compact_frame(parts), preserve_index=False)
    assert pa.concat_tables(groups).equals(want, check_metadata=True)
    assert layout.dictionaries["article_id"].to_pylist() == ["b-a01", "c-a01", "c-a02"]


def test_missing_article_ids_stay_missing() -> None:
    part = token_part(A_ROWS)
    ids = part.column("article_id").chunk(0)
    holed = pa.DictionaryArray.from_arrays(pa.array([0, None, 0], pa.int32()), ids.dictionary)
    parts = [part.set_column(0, "article_id", holed)]
    got = token_tables._tokens_arrow(parts)
    want = pa.Table.from_pandas(compact_frame(parts), preserve_index=False)
    assert got.equals(want, check_metadata=True)
    assert got.column("article_id").null_count == 1


@pytest.mark.parametrize("case", [c for c in TOKEN_PARTS if TOKEN_PARTS[c]])
def test_token_summary_of_parts_is_that_of_the_frame(case: str) -> None:
    parts = [token_tables.token_part(p) for p in TOKEN_PARTS[case]]
    want = token_tables.token_summary(compact_frame(parts))
    got = token_tables.part_token_summary(parts, token_tables.tokens_layout(parts))
    pd.testing.assert_frame_equal(got, want)
    assert got.to_csv() == want.to_csv()


@pytest.mark.parametrize(
    ("rows", "parts"),
    [
        # an article going on in the next part: one sentence across the cut, then another
        ([("a", 0, "创"), ("a", 1, "一"), ("a", 1, "流"), ("b", 0, "。")], [2]),
        ([("a", 0, "创"), ("a", 1, "一"), ("a", 2, "流"), ("b", 0, "。")], [2]),
        # sentence ids going down at the cut: not in article order, grouped
        ([("a", 1, "创"), ("a", 1, "一"), ("a", 0, "流")], [2]),
        # an article in two runs (sentence ids rising): grouped, not counted by runs
        ([("a", 0, "创"), ("b", 0, "一"), ("a", 0, "流"), ("a", 1, "。")], [1, 2]),
    ],
)
def test_token_summary_across_parts(rows: list[tuple[str, int, str]], parts: list[int]) -> None:
    cuts = [0, *parts, len(rows)]
    split = [token_part(rows[a:b], ids=["a", "b"]) for a, b in itertools.pairwise(cuts)]
    frame = compact_frame(split)
    grouped = (
        pd.DataFrame({"article_id": [r[0] for r in rows], "sent_id": [r[1] for r in rows]})
        .groupby("article_id")
        .agg(n_tokens=("sent_id", "size"), n_sentences=("sent_id", "nunique"))
        .reset_index()
        .astype({"article_id": "str", "n_tokens": "int64", "n_sentences": "int64"})
    )
    pd.testing.assert_frame_equal(token_tables.token_summary(frame), grouped)
    got = token_tables.part_token_summary(split, token_tables.tokens_layout(split))
    pd.testing.assert_frame_equal(got, grouped)


def test_article_counts_need_article_order() -> None:
    codes, sent = np.array([0, 0, 1, 1], np.int8), np.array([0, 1, 0, 0], np.int32)
    counted = token_tables._article_counts([(codes[:1], sent[:1]), (codes[1:], sent[1:])], 2)
    assert counted is not None
    assert [c.tolist() for c in counted] == [[2, 2], [2, 1]]
    assert (
        token_tables._article_counts([(np.array([0, 1, 0], np.int8), np.zeros(3, np.int32))], 2)
        is None
    )
    assert (
        token_tables._article_counts([(np.array([0, -1], np.int8), np.zeros(2, np.int32))], 1)
        is None
    )
    assert token_tables._article_counts([(np.array([0, 0], np.int8), np.array([1, 0]))], 1) is None


def test_parquet_row_groups_are_those_of_write_table(tmp_path: Path) -> None:
    n = token_tables.PARQUET_ROW_GROUP + 1
    pq.write_table(pa.table({"x": pa.nulls(n, pa.int8())}), tmp_path / "x.parquet")
    meta = pq.ParquetFile(tmp_path / "x.parquet").metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [n - 1, 1]
