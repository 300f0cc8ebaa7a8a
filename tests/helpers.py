"""Tiny hand-made fixtures shared by the tests (no disk, no jieba)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis import cleanup, schema, textmap


def make_articles(rows: Sequence[dict[str, object]]) -> pd.DataFrame:
    """Build an ARTICLES table (with offset maps) from dicts that give at least ``raw``.

    Each article is the whole of its ``raw`` text, normalized with NFKC and without pinyin
    readings (``cleanup.ruby_spans``) as ``articles.split`` makes it, so ``start`` is 0 and
    ``end`` is ``len(raw)``. Optional keys: file, article_id, subject, subject_level, date,
    headline. Returns the table plus a ``raw`` column so tests can check ``raw[start:end]``.
    """
    out = []
    for i, row in enumerate(rows):
        raw = str(row["raw"])
        pieces, _ = cleanup.ruby_spans(raw, 0, len(raw))
        text, omap = textmap.join(raw, pieces, [""] * (len(pieces) - 1))
        file = str(row.get("file", f"doc{i}.txt"))
        out.append(
            {
                "file": file,
                "article_id": str(row.get("article_id", f"{file.removesuffix('.txt')}-a01")),
                "parent_id": row.get("parent_id", ""),
                "headline": row.get("headline", ""),
                "subtitle": row.get("subtitle", ""),
                "byline": row.get("byline", ""),
                "subject": row.get("subject", ""),
                "subject_level": row.get("subject_level", ""),
                "date": row.get("date", ""),
                "start": 0,
                "end": len(raw),
                "n_chars": len(text),
                "text": text,
                schema.OFFSET_MAP: omap,
                "raw": raw,
            }
        )
    return pd.DataFrame(out, columns=[*schema.ARTICLES, schema.OFFSET_MAP, "raw"])


#: The second corpus (84 government work reports), expected in ``shared/`` beside the project.
GOV_REPORTS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "gov_reports"
