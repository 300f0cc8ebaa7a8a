"""Offset and accounting invariants shared by the hardening tests ("nothing lost, provably").

Definitions checked here, for a corpus whose raw decoded texts are ``texts``:

- **Accounting** (``corpus.account``): every non-whitespace character of every raw text lies in
  exactly one article body run or one cleanup-log row; no character is counted twice.
  Whitespace (spaces, ``\\r``, ``\\n``, ideographic space) is layout: it may lie outside
  every span and is not reported.
- **Article text**: every run of an article's offset map covers ``raw[rs:rs + rl]`` inside the
  article's ``[start, end)`` span, and the run's piece of ``text`` is the NFKC form of that raw
  piece (a zero-length run is an inserted paragraph separator, ``"\\n"``). So ``text`` is
  exactly the concatenation of its normalized raw pieces and separators.
- **Cleanup log**: ``raw[start:end] == text`` for every row.
- **Analysis surface** of a raw span ``[start, end)`` of an article: the piece ``text[ts:te]``
  where ``ts`` is the first analysis position whose raw start is ``start`` and ``te - 1`` the
  last whose raw end is ``end``, provided ``offset_map.span(ts, te) == (start, end)``. It is the
  NFKC raw slice with page-break joins (and anything cut out between joined paragraphs)
  removed. Tokens (``token``) and metric rows (``surface``) must equal the analysis surface of
  their span; where NFKC expands one raw character into several (``⑵`` → ``(2)``), a token
  may be a part of that expansion and maps to the whole raw character.
- **Raw surfaces**: ``raw[start:end]`` equals ``surface`` of every slogan hit (the pipeline
  passes the raw texts) and ``match`` of every KWIC row (searched on the raw text).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis import corpus, schema
from analysis.textmap import OffsetMap


class _Surfaces:
    """Analysis surfaces of raw spans of one article (see the module docstring)."""

    def __init__(self, text: str, omap: OffsetMap) -> None:
        n = len(text)
        self.text = text
        self.omap = omap
        rs, re_ = omap.to_raw(np.arange(n), np.arange(n) + 1)
        self.first: dict[int, int] = {}
        self.last: dict[int, int] = {}
        for i in range(n):
            if rs[i] == re_[i]:  # an inserted separator has no raw character
                continue
            self.first.setdefault(int(rs[i]), i)
            self.last[int(re_[i])] = i

    def surface(self, start: int, end: int) -> str | None:
        ts = self.first.get(start)
        te = self.last.get(end)
        if ts is None or te is None or te < ts:
            return None
        if self.omap.span(ts, te + 1) != (start, end):
            return None
        return self.text[ts : te + 1]


def problems(tables: Mapping[str, pd.DataFrame], texts: Mapping[str, str]) -> list[str]:
    """Return one line per violated invariant (empty when every invariant holds).

    Args:
        tables: Tables of ``pipeline.build`` (at least documents, articles with ``offset_map``,
            cleanup_log; tokens, slogan_hits, metrics and kwic when present).
        texts: Raw decoded texts by ``file``.
    """
    out: list[str] = []
    articles = tables["articles"]
    log = tables["cleanup_log"]
    docs = tables["documents"]
    assert set(docs["file"]) == set(texts), "documents and texts must list the same files"
    for row in corpus.account(dict(texts), articles, log).itertuples():
        out.append(f"account {row.file}[{row.start}:{row.end}] {row.problem}: {row.text!r}")
    for row in log.itertuples():
        raw = texts[row.file]
        if not 0 <= row.start <= row.end <= len(raw) or raw[row.start : row.end] != row.text:
            out.append(f"cleanup_log {row.file}[{row.start}:{row.end}] text {row.text!r}")
    surfaces: dict[str, _Surfaces] = {}
    for art in articles.itertuples():
        raw = texts[art.file]
        omap: OffsetMap = getattr(art, schema.OFFSET_MAP)
        text = str(art.text)
        if omap.text_len != len(text) or art.n_chars != len(text):
            out.append(f"article {art.article_id}: offset map length != text length")
            continue
        ends = np.append(omap.text_starts[1:], omap.text_len)[: omap.text_starts.size]
        runs = zip(omap.text_starts, ends, omap.raw_starts, omap.raw_lens, strict=True)
        for ts, te, rs, rl in (tuple(int(v) for v in run) for run in runs):
            if not art.start <= rs <= rs + rl <= art.end <= len(raw):
                out.append(f"article {art.article_id}: run raw[{rs}:{rs + rl}] outside its span")
            want = unicodedata.normalize("NFKC", raw[rs : rs + rl]) if rl else "\n"
            if text[ts:te] != want:
                out.append(
                    f"article {art.article_id}: text[{ts}:{te}]={text[ts:te]!r} is not the "
                    f"NFKC of raw[{rs}:{rs + rl}]={raw[rs : rs + rl]!r}"
                )
        surfaces[str(art.article_id)] = _Surfaces(text, omap)
    files = dict(zip(articles["article_id"], articles["file"], strict=True))
    for name, column in (("tokens", "token"), ("metrics", "surface")):
        table = tables.get(name)
        if table is None:
            continue
        for row in table[["article_id", "start", "end", column]].itertuples(index=False):
            s = surfaces[str(row.article_id)].surface(int(row.start), int(row.end))
            value = getattr(row, column)
            raw = texts[str(files[str(row.article_id)])][int(row.start) : int(row.end)]
            inside = s is not None and len(unicodedata.normalize("NFKC", raw)) != len(raw)
            if s != value and not (inside and value in s):
                out.append(
                    f"{name} {row.article_id}[{row.start}:{row.end}] {column}={value!r}, "
                    f"analysis surface {s!r}"
                )
    for name, column in (("slogan_hits", "surface"), ("kwic", "match")):
        table = tables.get(name)
        if table is None:
            continue
        for row in table[["file", "start", "end", column]].itertuples(index=False):
            value = getattr(row, column)
            if texts[row.file][row.start : row.end] != value:
                out.append(f"{name} {row.file}[{row.start}:{row.end}] {column}={value!r}")
    return out


def counts(tables: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    """Rows checked per table (for the hardening summary)."""
    names = ("documents", "articles", "cleanup_log", "tokens", "slogan_hits", "metrics", "kwic")
    return {n: len(tables[n]) for n in names if n in tables}
