"""The documents' TOKENS Arrow parts as their cache entries hold them, for the tokens-table tests.

Used by ``tests/test_token_tables.py`` and by the tests of ``table_files.write_token_parts``.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from analysis import docwork, schema, token_tables


def token_part(
    rows: list[tuple[str, int, str]], *, ids: list[str] | None = None, plain: bool = False
) -> pa.Table:
    """A document's TOKENS Arrow part as its cache entry holds it, from (article, sentence, token).

    ``ids``: the dictionary of ``article_id`` (a task's, possibly with ids of other documents);
    ``plain``: ``article_id`` as plain strings instead.
    """
    names = [r[0] for r in rows]
    ints = pa.array(range(len(rows)), pa.int32())
    if plain:
        article = pa.array(names, pa.string())
    else:
        known = ids if ids is not None else sorted(set(names), reverse=True)
        article = pa.DictionaryArray.from_arrays(
            pa.array([known.index(n) for n in names], pa.int32()), pa.array(known, pa.string())
        )
    return pa.table(
        {
            "article_id": article,
            "sent_id": pa.array([r[1] for r in rows], pa.int32()),
            "position": ints,
            "start": ints,
            "end": ints,
            "token": pa.array([r[2] for r in rows], pa.string()),
            "pos": pa.array(
                ["x" if r[2] == "。" else "" for r in rows], pa.string()
            ).dictionary_encode(),
        }
    )


def compact_frame(parts: list[pa.Table]) -> pd.DataFrame:
    """The compact tokens ``build`` makes of these parts (``pipeline._cached_tokens``)."""
    if not parts:
        return token_tables.compact_tokens(schema.empty(schema.TOKENS))
    return token_tables.tokens_frame(docwork.concat(parts))


A_ROWS = [("b-a01", 0, "创一流"), ("b-a01", 0, "。"), ("b-a01", 1, "争第一")]
C_ROWS = [("c-a01", 0, "两榜"), ("c-a02", 0, "四法"), ("c-a02", 2, "。")]
MANY = [(f"m-a{i:03d}", 0, "项目") for i in range(130)]

TOKEN_PARTS: dict[str, list[pa.Table]] = {
    "plain": [token_part(A_ROWS), token_part(C_ROWS)],
    # A removed document's id left in the dictionary, and one id in two parts.
    "unused ids": [
        token_part(A_ROWS, ids=["x-a01", "b-a01"]),
        token_part(C_ROWS, ids=["c-a02", "x-a01", "c-a01"]),
        token_part([("c-a02", 3, "。")], ids=["c-a02"]),
    ],
    # A task's dictionary (a superset), with a part of no rows.
    "superset": [
        token_part(A_ROWS, ids=["c-a02", "b-a01", "c-a01"]),
        token_part([], ids=["c-a02", "b-a01", "c-a01"]),
        token_part(C_ROWS, ids=["c-a02", "b-a01", "c-a01"]),
    ],
    "empty corpus": [],
    "no rows": [token_part([]), token_part([], ids=["b-a01"])],
    "126 ids (int8)": [token_part(MANY[:126])],
    "127 ids (int16)": [token_part(MANY[:63]), token_part(MANY[63:127])],
    "130 ids, 3 used": [token_part(MANY[:3], ids=[m[0] for m in MANY])],
    "strings": [token_part(A_ROWS, plain=True), token_part(C_ROWS, plain=True)],
    "two chunks": [
        pa.concat_tables([token_part(A_ROWS), token_part(C_ROWS)]),
        token_part(MANY[:2]),
    ],
}
