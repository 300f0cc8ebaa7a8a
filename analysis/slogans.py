"""Find campaign slogans in articles, with raw offsets, and build every slogan table.

Matching runs on the NFKC analysis copy of each article (``text``) and maps every hit back to raw
offsets through the article's offset map, so ``raw[start:end]`` is the hit's surface. It never
uses tokens, so word segmentation cannot break a slogan. The engine (compiling the lexicon into
one trie-shaped regex, variant rules, look-alikes, longest match) is ``slogan_match``; discovery of
new formulas is ``slogan_discovery``; usage statistics are ``slogan_usage``. Rules and formats:
``docs/slogans.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis import lexicons, schema, slogan_discovery, slogan_usage, tokens
from analysis.errors import ParameterError, invalid_value
from analysis.slogan_match import (
    Hit,
    Matcher,
    build_matcher,
    checked_matches,
    digit_form,
    is_quoted,
    match_text,
)
from analysis.textmap import OffsetMap, normalize

__all__ = [
    "FURNITURE_KINDS",
    "TABLES",
    "Hit",
    "Matcher",
    "build_matcher",
    "build_tables",
    "digit_form",
    "discover",
    "find",
    "is_quoted",
    "kwic",
    "match_text",
    "spans",
    "words",
]


def spans(text: str, lexicon: pd.DataFrame | Matcher) -> list[tuple[int, int, str]]:
    """Return ``(start, end, canonical)`` of every slogan in ``text`` (positions in ``text``).

    Meant for other stages that must leave slogans alone (e.g. numbers inside 三抓三提, 1+N, 2半0,
    十五五). Pass a ``Matcher`` when calling it for many texts.

    Example:
        >>> spans("推行1+N绩效考核和“2半0”机制", lexicons.load_slogans())
        [(2, 5, '1+N'), (11, 14, '2半0')]
    """
    m = lexicon if isinstance(lexicon, Matcher) else build_matcher(lexicon)
    return [(h.start, h.end, m.entries[h.entry].canonical) for h in match_text(text, m)]


def _hit_rows(
    text: str,
    omap: OffsetMap,
    matcher: Matcher,
    base: dict[str, object],
    raw: str | None,
    hits: Sequence[Hit] | None = None,
) -> list[dict[str, object]]:
    hits = match_text(text, matcher) if hits is None else hits
    if not hits:
        return []
    rs, re_ = omap.to_raw([h.start for h in hits], [h.end for h in hits])
    rows = []
    for h, a, b in zip(hits, rs, re_, strict=True):
        entry = matcher.entries[h.entry]
        rows.append(
            {
                **base,
                "start": int(a),
                "end": int(b),
                "surface": raw[int(a) : int(b)] if raw is not None else text[h.start : h.end],
                "canonical": entry.canonical,
                "is_variant": bool(h.notes),
                "variant_note": "; ".join(h.notes),
                "kind": entry.kind,
                "quoted": is_quoted(text, h.start, h.end),
            }
        )
    return rows


#: Cleanup-log kinds that are printed text of the page (searched by ``find`` when given).
FURNITURE_KINDS: tuple[str, ...] = (
    "headline",
    "subtitle",
    "banner",
    "editor_note",
    "caption",
    "photo_news",
)


def _furniture_blocks(
    fur: pd.DataFrame, texts: Mapping[str, str] | None
) -> Iterator[tuple[str, int, str, str]]:
    """Yield ``(file, raw start, article_id, raw text)`` blocks of cleanup-log rows.

    Rows of one file that follow each other with only whitespace between them in the raw file are
    merged (needs ``texts``), so a slogan broken over banner lines is found whole.
    """
    recs = fur.to_dict("records")
    recs.sort(key=lambda r: (r["file"], r["start"]))  # stable: ties keep their order
    block: list[dict[str, object]] = []

    def flush() -> Iterator[tuple[str, int, str, str]]:
        if not block:
            return
        file = str(block[0]["file"])
        start = int(str(block[0]["start"]))
        end = int(str(block[-1]["end"]))
        ids = [str(b["article_id"]) for b in block if str(b["article_id"])]
        raw = texts.get(file) if texts is not None else None
        body = raw[start:end] if raw is not None else str(block[0]["text"])
        yield file, start, ids[0] if ids else "", body

    for rec in recs:
        prev = block[-1] if block else None
        raw = texts.get(str(rec["file"])) if texts is not None else None
        joinable = (
            prev is not None
            and raw is not None
            and prev["file"] == rec["file"]
            and raw[int(str(prev["end"])) : int(str(rec["start"]))].strip() == ""
        )
        if not joinable:
            yield from flush()
            block = []
        block.append({str(k): v for k, v in rec.items()})
    yield from flush()


def find(
    articles: pd.DataFrame,
    lexicon: pd.DataFrame | Matcher,
    *,
    texts: Mapping[str, str] | None = None,
    furniture: pd.DataFrame | None = None,
    furniture_kinds: Sequence[str] = FURNITURE_KINDS,
    matches: Sequence[Sequence[Hit]] | None = None,
) -> pd.DataFrame:
    """Find every slogan in the articles (and optionally in headlines) with raw offsets.

    Args:
        articles: ARTICLES table with its ``offset_map`` column.
        lexicon: Slogan lexicon table or a ``Matcher``.
        texts: Decoded raw files keyed by ``file``; when given, ``surface`` is ``raw[start:end]``
            exactly, otherwise the NFKC analysis text of the hit.
        furniture: Optional CLEANUP_LOG table; its rows whose ``kind`` is in ``furniture_kinds``
            (headlines, banners, editor's notes, captions; ``text`` is raw) are searched too.
            With ``texts``, consecutive rows separated only by whitespace (a banner slogan set
            over several lines) are searched as one block.
        furniture_kinds: Kinds of cleanup-log rows to search.
        matches: ``slogan_match.match_articles`` of the articles' texts with the same matcher,
            when already computed (then the articles are not matched again).

    Returns:
        SLOGAN_HITS: file, article_id, start, end (raw offsets), surface, canonical,
        is_variant, variant_note (how a variant differs, ``; ``-joined), kind, quoted;
        sorted by file, start.

    Example:
        >>> from tests.helpers import make_articles  # doctest: +SKIP
        >>> find(make_articles([{"raw": "创一流、争第一、唯一"}]), load_slogans())  # doctest: +SKIP
    """
    schema.require_columns(
        articles, ("file", "article_id", "text", schema.OFFSET_MAP), func="slogans.find"
    )
    matcher = lexicon if isinstance(lexicon, Matcher) else build_matcher(lexicon)
    known = checked_matches(matches, len(articles), func="slogans.find")
    rows: list[dict[str, object]] = []
    records = articles[["file", "article_id", "text", schema.OFFSET_MAP]].itertuples(index=False)
    for i, (file, article_id, text, omap) in enumerate(records):
        raw = texts.get(str(file)) if texts is not None else None
        base = {"file": file, "article_id": article_id}
        hits = known[i] if known is not None else None
        rows.extend(_hit_rows(str(text), omap, matcher, base, raw, hits))
    if furniture is not None and not furniture.empty:
        schema.require_columns(
            furniture, ("file", "start", "end", "kind", "article_id", "text"), func="slogans.find"
        )
        fur = furniture[furniture["kind"].isin(list(furniture_kinds))]
        for file, start, article_id, raw_text in _furniture_blocks(fur, texts):
            text, omap = normalize(raw_text)
            shifted = OffsetMap(
                omap.text_starts, omap.raw_starts + start, omap.raw_lens, omap.text_len
            )
            raw = texts.get(file) if texts is not None else None
            base = {"file": file, "article_id": article_id}
            rows.extend(_hit_rows(text, shifted, matcher, base, raw))
    if not rows:
        return schema.empty(schema.SLOGAN_HITS)
    # The first row of each span (an article's before the furniture's), sorted by file and span.
    first: dict[tuple[object, object, object], dict[str, object]] = {}
    for row in rows:
        first.setdefault((row["file"], row["start"], row["end"]), row)
    return pd.DataFrame([first[k] for k in sorted(first)], columns=list(schema.SLOGAN_HITS))


def _raw_to_text(omap: OffsetMap, raw_offsets: Sequence[int]) -> list[int]:
    """Map raw offsets back to positions of the analysis text (inverse of ``OffsetMap.to_raw``)."""
    if not omap.raw_starts.size:
        return [0 for _ in raw_offsets]
    out = []
    run_ends = np.append(omap.text_starts[1:], omap.text_len)
    for r in raw_offsets:
        i = max(int(np.searchsorted(omap.raw_starts, r, side="right")) - 1, 0)
        run_len = int(run_ends[i] - omap.text_starts[i])
        linear = run_len == int(omap.raw_lens[i])
        delta = min(int(r - omap.raw_starts[i]), run_len) if linear else 0
        out.append(int(omap.text_starts[i]) + max(delta, 0))
    return out


def kwic(
    hits: pd.DataFrame,
    texts: Mapping[str, str] | None = None,
    *,
    articles: pd.DataFrame | None = None,
    canonical: str | None = None,
    width: int = 20,
) -> pd.DataFrame:
    """Keyword-in-context lines for slogan hits.

    Context is cut from the raw files by the hits' raw offsets when ``texts`` is given; otherwise
    from the articles' analysis text (the offsets are mapped back through ``offset_map``).

    Args:
        hits: SLOGAN_HITS table.
        texts: Decoded raw files keyed by ``file``.
        articles: ARTICLES table with ``offset_map`` (used when ``texts`` is None).
        canonical: Only hits of this slogan (default: all).
        width: Characters of context on each side (line breaks shown as ``⏎``).

    Returns:
        Columns file, article_id, start, end (raw offsets), left, surface, right, canonical,
        is_variant, variant_note; in hit order.

    Raises:
        ParameterError: Bad ``width``, or neither ``texts`` nor ``articles`` with offset maps.

    Example:
        >>> kwic(hits, {"a.txt": raw}, canonical="三抓三提", width=5)  # doctest: +SKIP
    """
    schema.require_columns(hits, schema.SLOGAN_HITS, func="slogans.kwic")
    if width < 0:
        raise ParameterError(invalid_value("width", width, "a non-negative integer"))
    if texts is None and (articles is None or schema.OFFSET_MAP not in articles.columns):
        raise ParameterError(
            "slogans.kwic: pass `texts` (raw files by name) or `articles` with offset maps "
            "(from pipeline.build); tables read from CSV have no offset maps."
        )
    sel = hits if canonical is None else hits[hits["canonical"] == canonical]
    by_id = (
        {}
        if articles is None or texts is not None
        else {
            (str(f), str(a)): (str(t), m)
            for f, a, t, m in articles[
                ["file", "article_id", "text", schema.OFFSET_MAP]
            ].itertuples(index=False)
        }
    )
    rows = []
    for rec in sel.to_dict("records"):
        s, e = int(rec["start"]), int(rec["end"])
        if texts is not None:
            body, ts, te = texts.get(str(rec["file"]), ""), s, e
        else:
            body, omap = by_id.get((str(rec["file"]), str(rec["article_id"])), ("", None))
            ts, te = _raw_to_text(omap, [s, e]) if omap is not None else (0, 0)
        rows.append(
            {
                "file": rec["file"],
                "article_id": rec["article_id"],
                "start": s,
                "end": e,
                "left": body[max(0, ts - width) : ts].replace("\n", "⏎"),
                "surface": body[ts:te].replace("\n", "⏎"),
                "right": body[te : te + width].replace("\n", "⏎"),
                "canonical": rec["canonical"],
                "is_variant": rec["is_variant"],
                "variant_note": rec["variant_note"],
            }
        )
    cols = ["file", "article_id", "start", "end", "left", "surface", "right", "canonical"]
    return pd.DataFrame(rows, columns=[*cols, "is_variant", "variant_note"])


def discover(
    articles: pd.DataFrame,
    lexicon: pd.DataFrame | Matcher,
    *,
    patterns: tuple[str, ...] = ("numbered", "parallel", "quoted"),
    min_count: int = 1,
    context_width: int = 12,
    n_contexts: int = 2,
    idioms: Collection[str] = (),
    tokenizer: tokens.Tokenizer | None = None,
) -> pd.DataFrame:
    """Rank slogan-like formulas not in the lexicon (see ``slogan_discovery.discover``).

    ``idioms`` are never numbered candidates; with a ``tokenizer`` the edges of parallel
    candidates must fall on word boundaries.

    Example:
        >>> discover(articles, lexicons.load_slogans(), min_count=2)  # doctest: +SKIP
    """
    return slogan_discovery.discover(
        articles,
        lexicon,
        patterns=patterns,
        min_count=min_count,
        context_width=context_width,
        n_contexts=n_contexts,
        idioms=idioms,
        word_boundaries=_boundaries_of(tokenizer),
    )


def _boundaries_of(tokenizer: tokens.Tokenizer | None) -> Callable[[str], list[int]] | None:
    """``tokens.boundaries`` bound to ``tokenizer`` (``None`` without one)."""
    if tokenizer is None:
        return None
    return lambda text: tokens.boundaries(tokenizer, text)


#: Names of the tables ``build_tables`` returns.
TABLES: tuple[str, ...] = (
    "slogan_lexicon",
    "slogan_hits",
    "slogan_usage",
    "slogan_candidates",
    "slogan_diffusion",
    "slogan_cooccurrence",
    "slogan_variants",
    "slogan_glosses",
)


def build_tables(
    articles: pd.DataFrame,
    lexicon: pd.DataFrame | None = None,
    *,
    texts: Mapping[str, str] | None = None,
    furniture: pd.DataFrame | None = None,
    candidates: bool = True,
    min_count: int = 1,
    unit: str = "subject",
    idioms: Collection[str] = (),
    tokenizer: tokens.Tokenizer | None = None,
    hits: pd.DataFrame | None = None,
    glosses: pd.DataFrame | None = None,
    occurrences: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """Compute every slogan table for a corpus (the slogan stage of ``pipeline.build``).

    Args:
        articles: ARTICLES table with ``offset_map``.
        lexicon: Slogan lexicon (default: the shipped one, ``lexicons.load_slogans()``).
        texts: Decoded raw files keyed by ``file`` (exact raw ``surface``); optional.
        furniture: CLEANUP_LOG table, to search headlines too; optional.
        candidates: Also run discovery (``slogan_candidates``; empty table when False).
        min_count: Minimum count of a discovered candidate.
        unit: Article column that names units for usage and diffusion.
        idioms: Never proposed as numbered candidates (``lexicons.load_numeral_idioms()``).
        tokenizer: Word boundaries for the edges of parallel candidates (``tokens``); optional.
        hits: The SLOGAN_HITS table when already computed (``find`` with the same lexicon,
            texts and furniture, e.g. per document in parallel).
        glosses: The ``slogan_glosses`` table when already computed.
        occurrences: ``slogan_discovery.occurrences`` of the articles when already computed
            (with the same lexicon and ``tokenizer``); discovery then ranks them without
            scanning the articles again.

    Returns:
        ``slogan_lexicon`` (the lexicon), ``slogan_hits`` (SLOGAN_HITS), ``slogan_usage``,
        ``slogan_candidates``, ``slogan_diffusion``, ``slogan_cooccurrence``, ``slogan_variants``,
        ``slogan_glosses`` (columns documented in ``slogan_usage`` and ``slogan_discovery``).

    Example:
        >>> tables = build_tables(articles)  # doctest: +SKIP
        >>> sorted(tables) == sorted(TABLES)  # doctest: +SKIP
        True
    """
    lex = lexicons.load_slogans() if lexicon is None else lexicon
    # The matching regexes are compiled only if something is matched here.
    matched = hits is None or glosses is None or (candidates and occurrences is None)
    matcher = build_matcher(lex) if matched else None
    compiled = matcher if matcher is not None else lex  # what discovery and glosses take
    if hits is None:
        assert matcher is not None
        hits = find(articles, matcher, texts=texts, furniture=furniture)
    if candidates:
        cands = slogan_discovery.discover(
            articles,
            compiled,
            min_count=min_count,
            idioms=idioms,
            word_boundaries=_boundaries_of(tokenizer),
            occurrences=occurrences,
        )
    else:
        cands = schema.empty(slogan_discovery.CANDIDATE_COLUMNS)
    pairs = slogan_usage.cooccurrence(hits)
    return {
        "slogan_lexicon": lex.reset_index(drop=True),
        "slogan_hits": hits,
        "slogan_usage": slogan_usage.usage(hits, articles, lex, unit=unit),
        "slogan_candidates": cands,
        "slogan_diffusion": slogan_usage.diffusion(hits, articles, lex, unit=unit),
        "slogan_cooccurrence": pairs,
        "slogan_variants": slogan_usage.variants(hits),
        "slogan_glosses": glosses
        if glosses is not None
        else slogan_discovery.glosses(articles, compiled),
    }


def words(lexicon: pd.DataFrame) -> list[str]:
    """Literal slogan words for a tokenizer's user dictionary, sorted and unique.

    Whole forms of non-parallel slogans (canonical, listed non-regex variants, digit forms) and
    each part of a parallel slogan (创一流, 争第一 …), with separators and quotation marks removed.

    Example:
        >>> "三抓三提" in words(lexicons.load_slogans())
        True
    """
    schema.require_columns(lexicon, lexicons.SLOGAN_REQUIRED, func="slogans.words")
    m = build_matcher(lexicon)
    return sorted(set(m.forms) | set(m.atoms))
