"""Keyword in context: every occurrence of a term or regular expression, with its raw source.

Each hit keeps the file, the article, and ``start``/``end`` offsets into the decoded raw file, so
``texts[file][start:end]`` is exactly the match. The table is complete (no paging or sampling) and
can be exported as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Literal

import pandas as pd

from analysis import schema
from analysis.errors import ParameterError, SchemaError, invalid_value

#: Columns of the KWIC table (metadata columns follow when present in the articles).
KWIC_COLUMNS: tuple[str, ...] = (
    "query",
    "file",
    "article_id",
    "start",
    "end",
    "left",
    "match",
    "right",
)
#: Article columns copied onto every hit.
METADATA: tuple[str, ...] = ("subject", "subject_level", "date", "headline")
#: From this many plain terms on, one regex pass over each text first finds the terms it holds
#: (``_Presence``); only those are then searched one by one.
PRESENCE_MIN = 4


def _patterns(queries: Iterable[str], regex: bool) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for q in queries:
        q = str(q)
        if not q:
            raise ParameterError("`queries` contains an empty string; give a term or a pattern.")
        try:
            out.append((q, re.compile(q if regex else re.escape(q))))
        except re.error as exc:
            raise ParameterError(
                f"`queries` value = {q!r} is not a valid regular expression ({exc}); "
                "escape special characters or pass regex=False."
            ) from None
    return out


def _occurrences(
    text: str, query: str, pattern: re.Pattern[str], regex: bool
) -> list[tuple[int, int]]:
    """Spans of ``pattern.finditer(text)``; a plain term is searched with ``str.find`` (faster)."""
    if regex:
        return [m.span() for m in pattern.finditer(text)]
    out = []
    i = text.find(query)
    while i >= 0:  # non-overlapping, leftmost first: as finditer over the escaped term
        out.append((i, i + len(query)))
        i = text.find(query, i + len(query))
    return out


class _Presence:
    """Which of many plain terms occur in a text, in one regex pass.

    The regex consumes the first character of a term and looks ahead for the rest, longest rest
    first, so it stops at every position where a term starts and reports the longest term
    starting there. Any other term starting there is a prefix of that one: the terms that are
    prefixes of a reported term are added. When no term is a single character, a lookahead for
    a first and a second character passes over most positions before the alternatives are tried.

    Example:
        >>> sorted(_Presence(["创一流", "创一", "争第一", "干唯一"]).terms("要创一流、争第一"))
        ['争第一', '创一', '创一流']
    """

    def __init__(self, terms: Iterable[str]) -> None:
        rests: dict[str, set[str]] = {}
        for term in terms:
            rests.setdefault(term[0], set()).add(term[1:])
        self._prefixes: dict[str, list[str]] = {}
        alts = []
        for first in sorted(rests):
            ordered = sorted(rests[first], key=lambda r: (-len(r), r))
            alts.append(f"{re.escape(first)}(?=({'|'.join(map(re.escape, ordered))}))")
            for rest in ordered:
                self._prefixes[first + rest] = [first + r for r in ordered if rest.startswith(r)]
        pattern = "|".join(alts)
        if "" not in {r for found in rests.values() for r in found}:
            firsts = "".join(map(re.escape, sorted(rests)))
            seconds = "".join(map(re.escape, sorted({r[0] for v in rests.values() for r in v})))
            pattern = f"(?=[{firsts}][{seconds}])(?:{pattern})"
        self._pattern = re.compile(pattern)

    def terms(self, text: str) -> set[str]:
        """The terms that occur in ``text``."""
        longest = {m.group() + m.group(m.lastindex or 0) for m in self._pattern.finditer(text)}
        return {p for term in longest for p in self._prefixes[term]}


def find(
    articles: pd.DataFrame,
    queries: str | Iterable[str],
    *,
    texts: Mapping[str, str],
    regex: bool = False,
    window: int = 30,
    on: Literal["raw", "text"] = "raw",
) -> pd.DataFrame:
    """Find every occurrence of the queries and return it with its context.

    Args:
        articles: ARTICLES table (``file``, ``article_id``, ``start``, ``end``; ``text`` and
            ``offset_map`` when ``on="text"``).
        queries: A term or pattern, or several.
        texts: The decoded raw files by ``file`` (as the corpus loader returns them).
        regex: Treat queries as regular expressions (Python ``re`` syntax).
        window: Characters of context on each side, cut at the article's raw span.
        on: ``"raw"`` searches each article's raw span ``raw[start:end]`` as printed (headline and
            all); ``"text"`` searches the cleaned NFKC analysis copy (the text the term counts come
            from, so full-width and half-width forms match alike) and maps each hit to raw offsets.

    Returns:
        Columns ``query, file, article_id, start, end`` (raw offsets of the match), ``left``,
        ``match``, ``right`` (raw text), then ``subject, subject_level, date, headline`` where the
        articles have them. Sorted by query order, file, start.

    Raises:
        SchemaError: Missing article columns or a file missing from ``texts``.
        ParameterError: Empty query, invalid regex, negative window or invalid ``on``.

    Example:
        >>> find(arts, "创一流", texts={"a.txt": "坚持创一流、争第一"}, window=2)  # doctest: +SKIP
          query   file article_id  start  end left match right
        0   创一流  a.txt      a-a01      2    5   坚持   创一流    、争
    """
    schema.require_columns(articles, ["file", "article_id", "start", "end"], func="kwic.find")
    if on not in ("raw", "text"):
        raise ParameterError(invalid_value("on", on, ["raw", "text"]))
    if on == "text":
        schema.require_columns(articles, ["text", schema.OFFSET_MAP], func="kwic.find")
    if not isinstance(window, int) or window < 0:
        raise ParameterError(invalid_value("window", window, "an integer of 0 or more"))
    pats = _patterns([queries] if isinstance(queries, str) else queries, regex)
    missing = sorted(set(articles["file"].astype(str)) - set(texts))
    if missing:
        raise SchemaError(
            f"kwic.find: `texts` has no raw text for file(s) {missing[:5]}; pass the decoded "
            "files of the corpus the articles come from."
        )
    meta = [c for c in METADATA if c in articles.columns]
    presence = _Presence(q for q, _ in pats) if not regex and len(pats) >= PRESENCE_MIN else None
    rows = []
    cols = [articles[c] for c in ("file", "article_id", "start", "end")]
    texts_col = articles["text"] if on == "text" else cols[0]
    maps_col = articles[schema.OFFSET_MAP] if on == "text" else cols[0]
    metas = [articles[c] for c in meta]
    for file, aid, a_start, a_end, text, omap, *mvals in zip(
        *cols, texts_col, maps_col, *metas, strict=True
    ):
        raw = texts[str(file)]
        a_start, a_end = int(a_start), int(a_end)
        body = raw[a_start:a_end]
        held = presence.terms(body if on == "raw" else str(text)) if presence else None
        for order, (query, pat) in enumerate(pats):
            if held is not None and query not in held:
                continue
            if on == "raw":
                found = _occurrences(body, query, pat, regex)
                spans = [(a_start + s, a_start + e) for s, e in found]
            else:
                found = _occurrences(str(text), query, pat, regex)
                if not found:
                    continue
                rs, re_ = omap.to_raw([s for s, _ in found], [e for _, e in found])
                spans = list(zip(rs.tolist(), re_.tolist(), strict=True))
            for s, e in spans:
                rows.append(
                    {
                        "_order": order,
                        "query": query,
                        "file": str(file),
                        "article_id": str(aid),
                        "start": s,
                        "end": e,
                        "left": raw[max(a_start, s - window) : s],
                        "match": raw[s:e],
                        "right": raw[e : min(a_end, e + window)],
                        **dict(zip(meta, mvals, strict=True)),
                    }
                )
    columns = [*KWIC_COLUMNS, *meta]
    if not rows:
        return schema.empty(columns)
    rows.sort(key=lambda r: (r["_order"], r["file"], r["start"], r["end"]))  # stable
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({"start": "int64", "end": "int64"})
