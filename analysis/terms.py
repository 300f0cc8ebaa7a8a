"""Term statistics on the tokens table: counts, TF-IDF, keyness, n-grams, collocations, dispersion.

Pure pandas and numpy (never jieba): every function reads the TOKENS table (one token per row, see
``analysis.tokens``) and, for grouping, the ARTICLES table. Groups are any article column
(``subject``, ``subject_level``, ``date``, ``file`` …), ``"year"`` (the first four digits of
``date``), or ``None`` for the whole corpus (group ``"all"``). Articles whose group value is empty
form the group ``""``.

Sorting is always explicit and stable: counts by group, then ``n`` descending, then term; keyness by
``g2`` descending, then term; so the same input gives the same table, row for row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

import numpy as np
import pandas as pd

from analysis import schema
from analysis.errors import ParameterError, invalid_value

#: Four-digit year at the start of a date value (2025-03-01, 2025年3月1日, 2025).
RE_YEAR = re.compile(r"^\s*(\d{4})")

#: Columns of ``count``.
COUNT_COLUMNS: tuple[str, ...] = (
    "group_by",
    "group",
    "term",
    "n",
    "rel_freq",
    "doc_freq",
    "n_docs",
    "tfidf",
)
#: Columns of ``keyness``.
KEYNESS_COLUMNS: tuple[str, ...] = (
    "group_by",
    "target",
    "reference",
    "term",
    "n_target",
    "n_reference",
    "total_target",
    "total_reference",
    "g2",
    "p_value",
    "log_ratio",
    "direction",
)
#: Columns of ``article_counts``: one row per article and distinct term.
ARTICLE_COUNT_COLUMNS: tuple[str, ...] = ("article_id", "term", "n")
#: Columns of ``collocations``.
COLLOCATION_COLUMNS: tuple[str, ...] = ("w1", "w2", "n", "n1", "n2", "n_pairs", "pmi", "g2")
#: Columns of ``dispersion``.
DISPERSION_COLUMNS: tuple[str, ...] = ("term", "n", "n_articles", "dp", "dp_norm", "juilland_d")

Numbers = Literal["keep", "drop"]
ALL = "all"


def _years(dates: pd.Series) -> pd.Series:
    return dates.fillna("").astype(str).map(lambda d: m.group(1) if (m := RE_YEAR.match(d)) else "")


def groups(articles: pd.DataFrame, *, by: str | None) -> pd.Series:
    """Return the group of every article, indexed by ``article_id``.

    Args:
        articles: ARTICLES table.
        by: An article column, ``"year"`` (from ``date``), or ``None`` for one group ``"all"``.

    Returns:
        A string Series named ``by`` (or ``"all"``).

    Raises:
        ParameterError: ``by`` is not a column (nor ``"year"`` with a ``date`` column), or the
            column has no value at all.

    Example:
        >>> arts = pd.DataFrame({"article_id": ["a"], "date": ["2025-01-02"]})
        >>> groups(arts, by="year").tolist()
        ['2025']
    """
    schema.require_columns(articles, ["article_id"], func="terms.groups")
    ids = articles["article_id"].astype(str)
    if by is None:
        return pd.Series(ALL, index=ids, name=ALL)
    if by == "year" and "year" not in articles.columns and "date" in articles.columns:
        values = _years(articles["date"])
    elif by in articles.columns and by != schema.OFFSET_MAP:
        values = articles[by].fillna("").astype(str)
    else:
        valid = [c for c in articles.columns if c not in (schema.OFFSET_MAP, "text")]
        raise ParameterError(
            invalid_value("by", by, [*valid, "year"] if "date" in articles.columns else valid)
        )
    if (values.str.strip() == "").all():
        raise ParameterError(
            f"`by` value = {by!r} is invalid: the column has no value in any article; "
            "choose another grouping column or fill it in the articles table."
        )
    return pd.Series(values.to_numpy(), index=ids, name=by)


def has_values(articles: pd.DataFrame, by: str | None) -> bool:
    """Return True if ``groups(articles, by=by)`` works: ``by`` names a column with a value.

    For choosing a grouping that a corpus can give (a corpus without dates has no ``year``)
    before calling the counting functions, which refuse the others.

    Example:
        >>> arts = pd.DataFrame({"article_id": ["a"], "date": [""]})
        >>> has_values(arts, "year"), has_values(arts, None), has_values(arts, "subject")
        (False, True, False)
    """
    try:
        groups(articles, by=by)
    except ParameterError:
        return False
    return True


def filter_tokens(
    tokens: pd.DataFrame,
    *,
    stopwords: Iterable[str] = (),
    keep: Iterable[str] = (),
    numbers: Numbers = "keep",
    min_chars: int = 1,
) -> pd.DataFrame:
    """Return the tokens that count as terms.

    Punctuation and symbols (``pos == "x"``) never count. Stopwords are removed except the terms
    in ``keep`` (campaign terms are never removed, whatever a stopword list says).

    Args:
        tokens: TOKENS table.
        stopwords: Terms to drop.
        keep: Terms never dropped as stopwords or for length (e.g. the slogan lexicon).
        numbers: ``"keep"`` counts protected numbers and quantities (``pos == "m"``, e.g.
            303.98亿元) as terms; ``"drop"`` removes them.
        min_chars: Minimum length of a term in characters (``keep`` terms are exempt).

    Returns:
        The TOKENS rows kept, same columns, same order.

    Raises:
        ParameterError: Invalid ``numbers`` or ``min_chars``.

    Example:
        >>> tok = pd.DataFrame({"token": ["的", "创一流", "。"], "pos": ["", "", "x"]})
        >>> filter_tokens(tok, stopwords=["的"])["token"].tolist()
        ['创一流']
    """
    schema.require_columns(tokens, ["token", "pos"], func="terms.filter_tokens")
    if numbers not in ("keep", "drop"):
        raise ParameterError(invalid_value("numbers", numbers, ["keep", "drop"]))
    if not isinstance(min_chars, int) or min_chars < 1:
        raise ParameterError(invalid_value("min_chars", min_chars, "an integer of 1 or more"))
    keep_set = set(keep)
    stop = set(stopwords) - keep_set
    tok = tokens["token"].astype(str)
    mask = tokens["pos"] != "x"
    if numbers == "drop":
        mask &= tokens["pos"] != "m"
    if stop:
        mask &= ~tok.isin(stop)
    if min_chars > 1:
        mask &= (tok.str.len() >= min_chars) | tok.isin(keep_set)
    return tokens[mask]


def article_counts(tokens: pd.DataFrame) -> pd.DataFrame:
    """Count each term in each article: the compact input of ``count`` and ``keyness``.

    ``count`` and ``keyness`` give the same result on this table as on the tokens it was made
    from, so term statistics of a large corpus can be computed from per-article counts made in
    parallel, without holding every token.

    Args:
        tokens: TOKENS table, usually ``filter_tokens(...)`` output.

    Returns:
        Columns ``article_id``, ``term``, ``n`` (occurrences in the article, int64): articles in
        order of first appearance, terms by first occurrence within the article.

    Example:
        >>> tok = pd.DataFrame({"article_id": ["a", "a", "b"], "token": ["创一流", "创一流", "的"]})
        >>> article_counts(tok).values.tolist()
        [['a', '创一流', 2], ['b', '的', 1]]
    """
    schema.require_columns(tokens, ["article_id", "token"], func="terms.article_counts")
    if tokens.empty:
        return schema.empty(ARTICLE_COUNT_COLUMNS).astype({"n": "int64"})
    art_codes, art_names = pd.factorize(tokens["article_id"], sort=False)
    term_codes, term_names = pd.factorize(tokens["token"], sort=False)
    n_terms = max(len(term_names), 1)
    keys = art_codes.astype(np.int64) * n_terms + term_codes.astype(np.int64)
    # First occurrence of every (article, term) pair, in token order, and its count.
    uniq, first, n = np.unique(keys, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    art, term = np.divmod(uniq[order], n_terms)
    return pd.DataFrame(
        {
            "article_id": np.asarray(art_names, dtype=object)[art],
            "term": np.asarray(term_names, dtype=object)[term],
            "n": n[order].astype("int64"),
        }
    )


def _weighted(tokens: pd.DataFrame, func: str) -> tuple[pd.Series, pd.Series, np.ndarray | None]:
    """Article ids, terms and weights (``None``: one per row) of a TOKENS or counts table."""
    if "n" in tokens.columns and "term" in tokens.columns and "token" not in tokens.columns:
        schema.require_columns(tokens, ARTICLE_COUNT_COLUMNS, func=func)
        return tokens["article_id"], tokens["term"], tokens["n"].to_numpy(dtype=np.int64)
    schema.require_columns(tokens, ["article_id", "token"], func=func)
    return tokens["article_id"], tokens["token"], None


def count(
    tokens: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    by: str | None = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """Count terms per group, with relative and document frequency and TF-IDF.

    TF-IDF: ``tfidf = rel_freq * ln(N / df)``, where ``rel_freq = n / (tokens in the group)``,
    ``N`` is the number of articles in the table and ``df`` the number of articles (in the whole
    table) that contain the term; a term found in every article scores 0. The IDF is corpus-wide so
    scores are comparable between groups and defined for a single group.

    Args:
        tokens: TOKENS table, usually ``filter_tokens(...)`` output, or its ``article_counts``
            (the same result, from fewer rows).
        articles: ARTICLES table (for groups and the number of articles).
        by: Grouping (see ``groups``).
        min_count: Drop terms counted fewer times than this in a group.

    Returns:
        Columns ``group_by`` (``by`` or ``"all"``), ``group``, ``term``, ``n`` (occurrences),
        ``rel_freq`` (``n`` / tokens of the group), ``doc_freq`` (articles of the group containing
        the term), ``n_docs`` (articles in the group), ``tfidf``. Sorted by group, ``n``
        descending, then term.

    Raises:
        ParameterError: Unknown ``by``; ``min_count`` below 1.

    Example:
        >>> count(tok, arts, by="year").head(1)  # doctest: +SKIP
    """
    c = _count_codes(_rows(tokens, "terms.count"), articles, by=by, min_count=min_count)
    counts = pd.DataFrame(
        {
            "group": schema.text_column(c.group_names, c.pair_group),
            "term": c.term_names.take(c.pair_term),
            "n": c.n,
            "rel_freq": c.rel_freq,
            "doc_freq": c.doc_freq,
            "n_docs": c.n_docs,
            "tfidf": c.tfidf,
        }
    )
    counts.insert(0, "group_by", c.group_by)
    return counts[list(COUNT_COLUMNS)]


def count_groupings(
    tokens: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    groupings: Sequence[str | None],
    min_count: int = 1,
) -> pd.DataFrame:
    """``count`` for several groupings, stacked, with compact labels (for large tables).

    The rows and values of ``count`` for each grouping in turn (``pd.concat`` of them), but
    ``group_by``, ``group`` and ``term`` are categoricals whose categories are the values present,
    sorted: a large table repeats them, and its CSV or Parquet file is the same as with strings.
    The tokens are coded once for all groupings, and no string column is built.

    Args:
        tokens: As for ``count``.
        articles: ARTICLES table.
        groupings: Groupings (see ``groups``), e.g. ``[None, "year", "file"]``.
        min_count: As for ``count``.

    Returns:
        ``COUNT_COLUMNS``, as in ``count``.

    Raises:
        ParameterError: No grouping; unknown grouping; ``min_count`` below 1.

    Example:
        >>> count_groupings(tok, arts, groupings=[None, "year"])  # doctest: +SKIP
    """
    rows = _rows(tokens, "terms.count_groupings")
    if not groupings:
        raise ParameterError("`groupings` value = [] is invalid: give at least one grouping.")
    parts = [_count_codes(rows, articles, by=by, min_count=min_count) for by in groupings]
    term_names = np.asarray(rows.term_names.astype(str), dtype=object)  # shared by the parts
    labels = {
        "group_by": _stacked_labels(
            [np.array([p.group_by], dtype=object) for p in parts],
            [np.zeros(len(p.n), dtype=np.int64) for p in parts],
        ),
        "group": _stacked_labels([p.group_names for p in parts], [p.pair_group for p in parts]),
        "term": _stacked_labels([term_names for _ in parts], [p.pair_term for p in parts]),
    }
    numbers = {
        c: np.concatenate([getattr(p, c) for p in parts])
        for c in ("n", "rel_freq", "doc_freq", "n_docs", "tfidf")
    }
    return pd.DataFrame({**labels, **numbers})[list(COUNT_COLUMNS)]


def _stacked_labels(names: list[np.ndarray], codes: list[np.ndarray]) -> pd.Categorical:
    """One categorical of ``names[i][codes[i]]`` for every part ``i``, in turn.

    Its categories are the values used, sorted (string order, as ``np.argsort`` of the values).
    """
    used = [
        part_names[np.bincount(part_codes, minlength=len(part_names)) > 0]
        for part_names, part_codes in zip(names, codes, strict=True)
    ]
    distinct = pd.unique(np.concatenate(used)) if used else np.zeros(0, dtype=object)
    categories = np.asarray(distinct, dtype=object)[np.argsort(distinct, kind="stable")]
    position = pd.Index(categories, dtype=object)
    stacked = [
        position.get_indexer(part_names)[part_codes]
        for part_names, part_codes in zip(names, codes, strict=True)
    ]
    return pd.Categorical.from_codes(np.concatenate(stacked), categories=categories.tolist())


class _Rows(NamedTuple):
    """A TOKENS or ``article_counts`` table as integer codes, for ``_count_codes``."""

    art_codes: np.ndarray  # -1: no article id
    art_names: pd.Series  # article ids (str) of the codes
    term_codes: np.ndarray  # int64
    term_names: pd.Index
    term_rank: np.ndarray  # rank of each term name in string order
    art_totals: np.ndarray  # tokens (summed weights) of each article code, float64
    weights: np.ndarray | None  # None: one occurrence per row
    distinct: bool  # every (article, term) pair in one row, see ``_distinct_pairs``


def _rows(tokens: pd.DataFrame, func: str) -> _Rows:
    article_ids, term_values, weights = _weighted(tokens, func)
    # Integer codes for articles and terms: no Python object or string key per token.
    art_codes, art_uniques = _codes(article_ids)
    term_codes, term_names = _codes(term_values)
    term_codes = term_codes.astype(np.int64)
    found = art_codes >= 0  # a missing article id (-1) is never counted
    every = bool(found.all())
    art_totals = np.bincount(
        art_codes if every else art_codes[found],
        weights=None if weights is None else weights if every else weights[found],
        minlength=len(art_uniques),
    ).astype(float)
    return _Rows(
        art_codes=art_codes,
        art_names=pd.Series(np.asarray(art_uniques, dtype=object)).astype(str),
        term_codes=term_codes,
        term_names=term_names,
        term_rank=_ranks(np.asarray(term_names.astype(str), dtype=object)),
        art_totals=art_totals,
        weights=weights,
        distinct=_distinct_pairs(art_codes, term_codes, weights, max(len(term_names), 1)),
    )


class _Counts(NamedTuple):
    """The rows of a ``count`` table as codes: ``group_names[pair_group]`` etc."""

    group_by: str
    group_names: np.ndarray  # str values (object array)
    pair_group: np.ndarray
    term_names: pd.Index
    pair_term: np.ndarray
    n: np.ndarray
    rel_freq: np.ndarray
    doc_freq: np.ndarray
    n_docs: np.ndarray
    tfidf: np.ndarray


def _count_codes(rows: _Rows, articles: pd.DataFrame, *, by: str | None, min_count: int) -> _Counts:
    """``count`` of coded rows, before any label column is built."""
    grp = groups(articles, by=by)
    if not isinstance(min_count, int) or min_count < 1:
        raise ParameterError(invalid_value("min_count", min_count, "an integer of 1 or more"))
    n_articles = len(grp)
    art_codes, term_codes, term_names = rows.art_codes, rows.term_codes, rows.term_names
    group_codes, group_names = pd.factorize(rows.art_names.map(grp), sort=False)  # -1: no group
    tok_group = np.append(group_codes, -1)[art_codes]  # a missing article id (-1) stays -1
    keep = tok_group >= 0
    every = bool(keep.all())  # usual case: no row to drop, so no copy of the columns
    g = tok_group.astype(np.int64, copy=False) if every else tok_group[keep].astype(np.int64)
    t = term_codes if every else term_codes[keep]
    a = art_codes if every else art_codes[keep]
    w = rows.weights if every or rows.weights is None else rows.weights[keep]
    n_terms = max(len(term_names), 1)
    # Tokens of each group from the tokens of its articles (whole numbers, exact in float64).
    grouped = group_codes >= 0
    totals = np.bincount(
        group_codes[grouped], weights=rows.art_totals[grouped], minlength=len(group_names)
    ).astype(np.int64)
    counted = None
    if rows.distinct and w is not None and len(t):
        counted = _distinct_pair_counts(g, t, w, len(group_names), n_terms)
    if counted is None:
        counted = _pair_counts(g, t, a.astype(np.int64), w, n_terms)
    pair, n, dfreq, corpus_df = counted
    pair_group, pair_term = np.divmod(pair, n_terms)
    kept = n >= min_count
    if not kept.all():
        n, dfreq = n[kept], dfreq[kept]
        pair_group, pair_term = pair_group[kept], pair_term[kept]
    group_values = pd.Series(np.asarray(group_names, dtype=object)).astype(str)
    # Sorted by group, n descending, then term: integer ranks of the sorted names stand in for
    # the strings, so no row compares strings (large tables, e.g. per file, stay fast and small).
    group_rank = _ranks(group_values.to_numpy(dtype=object))
    order = _order(group_rank[pair_group], n, rows.term_rank[pair_term])
    n, dfreq, pair_group, pair_term = n[order], dfreq[order], pair_group[order], pair_term[order]
    group_n_docs = group_values.map(grp.value_counts()).to_numpy(dtype=np.int64)
    rel_freq = n / totals[pair_group].astype(float)
    idf = np.log(n_articles / corpus_df[pair_term].astype(float))
    return _Counts(
        group_by=by if by is not None else ALL,
        group_names=group_values.to_numpy(dtype=object),
        pair_group=pair_group,
        term_names=term_names,
        pair_term=pair_term,
        n=n.astype("int64", copy=False),
        rel_freq=rel_freq,
        doc_freq=dfreq.astype("int64", copy=False),
        n_docs=group_n_docs[pair_group],
        tfidf=rel_freq * idf,
    )


#: Combined int64 sort keys stay below this (else ``count`` sorts on separate keys).
_KEY_LIMIT = 2**62


def _pair_counts(
    g: np.ndarray, t: np.ndarray, a: np.ndarray, w: np.ndarray | None, n_terms: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Count (group, term) pairs: occurrences, articles of the group, articles of the corpus.

    ``g``, ``t`` and ``a`` are the group, term and article code of each row (each article in one
    group), ``w`` the rows' weights (``None``: one each). Returns the sorted pair keys
    ``g * n_terms + t``, their summed weights, the number of distinct articles with each pair,
    and for every term code the number of distinct articles containing it. One sort of
    (group, term, article) keys gives all three when the keys fit in 64 bits.
    """
    n_art = int(a.max()) + 1 if len(a) else 1
    n_groups = int(g.max()) + 1 if len(g) else 1
    if n_groups * n_terms * n_art >= _KEY_LIMIT:  # too many for one key: sort twice
        pair, n = _unique_counts(g * n_terms + t, w)
        art_term, _ = _unique_counts(a * n_terms + t)
        doc_art, doc_term = np.divmod(art_term, n_terms)
        groups_of_articles = np.zeros(n_art, dtype=np.int64)
        groups_of_articles[a] = g
        dfreq_pair, dfreq = _unique_counts(groups_of_articles[doc_art] * n_terms + doc_term)
        corpus_df = np.bincount(doc_term, minlength=n_terms)
        return pair, n, dfreq[np.searchsorted(dfreq_pair, pair)], corpus_df
    triple, n_triple = _unique_counts((g * n_terms + t) * n_art + a, w)
    pair_of_triple = triple // n_art
    if not len(triple):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, np.zeros(n_terms, dtype=np.int64)
    firsts = np.concatenate(([0], np.flatnonzero(pair_of_triple[1:] != pair_of_triple[:-1]) + 1))
    n = np.add.reduceat(n_triple.astype(np.int64), firsts)
    dfreq = np.diff(np.append(firsts, len(triple)))
    corpus_df = np.bincount(pair_of_triple % n_terms, minlength=n_terms)
    return pair_of_triple[firsts], n, dfreq, corpus_df


#: Rows whose weights sum to this or more are not summed in float64 (exact integers below it).
_EXACT_FLOAT = 2**53
#: ``_distinct_pair_counts`` counts every (group, term) cell when there are at most
#: ``_DENSE_CELLS`` cells or ``_DENSE_PER_ROW`` per row (memory like the rows'), else it sorts.
_DENSE_CELLS = 2**16
_DENSE_PER_ROW = 2
#: Bits of a sorted value that carries a key and a weight or row number in its low bits.
_PACK_BITS = 63


def _distinct_pairs(a: np.ndarray, t: np.ndarray, w: np.ndarray | None, n_terms: int) -> bool:
    """Whether coded rows are an ``article_counts`` table, as ``_distinct_pair_counts`` needs.

    Rows with weights, no missing term, no negative weight, weights summing to less than
    ``_EXACT_FLOAT`` and each (article, term) pair in one row (checked with one sort of values);
    rows without an article id (``a`` -1) are never counted and not checked.
    """
    if w is None or not len(t):
        return False
    if int(t.min()) < 0 or int(w.min()) < 0 or int(w.sum()) >= _EXACT_FLOAT:
        return False
    if int(a.min()) < 0:  # rows without an article id are never counted
        a, t = a[a >= 0], t[a >= 0]
        if not len(a):
            return True
    if (int(a.max()) + 1) * n_terms >= _KEY_LIMIT:
        return False
    pair_art = np.sort(a.astype(np.int64) * n_terms + t)
    return not bool((pair_art[1:] == pair_art[:-1]).any())


def _distinct_pair_counts(
    g: np.ndarray, t: np.ndarray, w: np.ndarray, n_groups: int, n_terms: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """``_pair_counts`` of rows that passed ``_distinct_pairs``: one per (article, term) pair.

    Then the articles of a (group, term) pair are its rows and a term's articles are its rows, so
    no (group, term, article) key is sorted: a few groups are counted with ``np.bincount`` on
    (group, term) cells, many with one value sort of (group, term) keys. ``g`` and ``t`` are
    int64. Returns ``None`` when the (group, term) keys do not fit in int64.
    """
    if n_groups * n_terms >= _KEY_LIMIT:
        return None
    corpus_df = np.bincount(t, minlength=n_terms)
    one_group = n_groups == 1  # then every row is in group 0 and its (group, term) key is t
    key = t if one_group else g * n_terms + t
    n_cells = n_groups * n_terms
    if n_cells <= _DENSE_CELLS or n_cells <= _DENSE_PER_ROW * len(key):  # few groups
        rows = corpus_df if one_group else np.bincount(key, minlength=n_cells)
        pair = np.flatnonzero(rows)
        n = np.bincount(key, weights=w, minlength=n_cells)[pair].astype(np.int64)
        return pair, n, rows[pair], corpus_df
    w_bits = int(w.max()).bit_length()
    if (n_cells - 1).bit_length() + w_bits <= _PACK_BITS:
        # Each row's weight rides in the low bits of its key, so a plain sort of the values
        # (much faster than an argsort) orders keys and weights together.
        packed = np.sort((key << w_bits) | w)
        ordered = packed >> w_bits
        sorted_w = packed & ((1 << w_bits) - 1)
    else:
        idx = np.argsort(key)
        ordered, sorted_w = key[idx], w[idx]
    firsts = np.concatenate(([0], np.flatnonzero(ordered[1:] != ordered[:-1]) + 1))
    n = np.add.reduceat(sorted_w, firsts)
    return ordered[firsts], n, np.diff(np.append(firsts, len(ordered))), corpus_df


def _order(group_rank: np.ndarray, n: np.ndarray, term_rank: np.ndarray) -> np.ndarray:
    """Row order by group rank, ``n`` descending, then term rank (distinct pairs).

    One int64 key when it fits (a single sort, with the row numbers when they fit beside it),
    else ``np.lexsort``.
    """
    if not len(n):
        return np.zeros(0, dtype=np.int64)
    top = int(n.max())
    n_groups = int(group_rank.max()) + 1
    n_terms = int(term_rank.max()) + 1
    n_keys = n_groups * (top + 1) * n_terms
    if n_keys >= _KEY_LIMIT:
        return np.lexsort((term_rank, -n, group_rank))
    key = (group_rank * (top + 1) + (top - n)) * n_terms + term_rank
    row_bits = (len(n) - 1).bit_length()
    if (n_keys - 1).bit_length() + row_bits > _PACK_BITS:
        return np.argsort(key)
    # The keys are distinct, so sorting them with the row number in the low bits gives the
    # same order as ``np.argsort(key)``, from a plain sort (much faster than an argsort).
    return np.sort((key << row_bits) | np.arange(len(n))) & ((1 << row_bits) - 1)


def _codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes and the values they stand for (a categorical's own codes, else factorized)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(), pd.Index(values.cat.categories)
    codes, uniques = pd.factorize(values, sort=False)
    return codes, pd.Index(uniques)


def _ranks(values: np.ndarray) -> np.ndarray:
    """Rank of every value in sorted order (values distinct)."""
    ranks = np.empty(len(values), dtype=np.int64)
    ranks[np.argsort(values, kind="stable")] = np.arange(len(values))
    return ranks


def _unique_counts(
    keys: np.ndarray, weights: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values of an int64 array and how often each occurs (sort-based).

    With ``weights``, each occurrence counts its weight (int64 sums). The sort need not be
    stable: equal keys are counted or summed, whatever their order.
    """
    if weights is None:
        ordered = np.sort(keys)
    else:
        idx = np.argsort(keys)
        ordered = keys[idx]
    if not len(ordered):
        return ordered, np.zeros(0, dtype=np.int64)
    firsts = np.concatenate(([0], np.flatnonzero(ordered[1:] != ordered[:-1]) + 1))
    if weights is None:
        return ordered[firsts], np.diff(np.append(firsts, len(ordered)))
    sums = np.add.reduceat(weights[idx].astype(np.int64), firsts)
    return ordered[firsts], sums


def top(counts: pd.DataFrame, *, n: int = 20, by: Literal["n", "tfidf"] = "n") -> pd.DataFrame:
    """Return the ``n`` first terms of every group of a ``count`` table.

    Args:
        counts: Table from ``count``.
        n: Terms per group.
        by: Rank by occurrences (``"n"``) or ``"tfidf"``; ties by term.

    Returns:
        The selected rows of ``counts`` (same columns), in rank order within each group.

    Example:
        >>> top(counts, n=10)  # doctest: +SKIP
    """
    if by not in ("n", "tfidf"):
        raise ParameterError(invalid_value("by", by, ["n", "tfidf"]))
    ordered = counts.sort_values(
        ["group", by, "term"], ascending=[True, False, True], kind="stable"
    )
    return ordered.groupby("group", sort=False).head(n).reset_index(drop=True)


def g2_and_log_ratio(
    a: np.ndarray, b: np.ndarray, c: float, d: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Log-likelihood G² with p-value, and log ratio, for ``a`` of ``c`` vs ``b`` of ``d`` tokens.

    G² (Dunning 1993; the two-cell form of Rayson & Garside 2000):
    ``E1 = c (a + b) / (c + d)``, ``E2 = d (a + b) / (c + d)``,
    ``G2 = 2 (a ln(a / E1) + b ln(b / E2))`` with ``0 ln 0 = 0``; ``p`` from the chi-squared
    distribution with 1 degree of freedom. Log ratio (Hardie 2014):
    ``log2((a / c) / (b / d))`` with a zero frequency replaced by 0.5.

    Args:
        a: Frequencies in the target.
        b: Frequencies in the reference.
        c: Tokens in the target.
        d: Tokens in the reference.

    Returns:
        ``(g2, p_value, log_ratio)`` arrays.

    Example:
        >>> g2, p, lr = g2_and_log_ratio(np.array([10.0]), np.array([0.0]), 100.0, 100.0)
        >>> round(float(g2[0]), 4), round(float(lr[0]), 4)
        (13.8629, 4.3219)
    """
    from scipy.stats import chi2  # here, not at import: worker processes never load scipy

    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
    g2 = 2.0 * (t1 + t2)
    g2 = np.maximum(g2, 0.0)
    p = chi2.sf(g2, 1)
    lr = np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))
    return g2, p, lr


def keyness(
    tokens: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    by: str,
    target: str,
    reference: str | None = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """Keyness of every term in a target group against a reference group or the rest.

    Statistics as in ``g2_and_log_ratio`` (G² with p-value, log ratio).

    Args:
        tokens: TOKENS table, usually ``filter_tokens(...)`` output, or its ``article_counts``
            (the same result, from fewer rows).
        articles: ARTICLES table.
        by: Grouping (see ``groups``), e.g. ``"year"``.
        target: The target group, e.g. ``"2025"``.
        reference: The reference group (e.g. ``"2023"``); ``None`` compares with all other groups.
        min_count: Keep terms with at least this many occurrences in target and reference together.

    Returns:
        Columns ``group_by``, ``target``, ``reference`` (the group or ``"rest"``), ``term``,
        ``n_target``, ``n_reference``, ``total_target``, ``total_reference`` (tokens),
        ``g2``, ``p_value``, ``log_ratio``, ``direction`` (``"target"`` if relatively more frequent
        in the target, else ``"reference"``). Sorted by ``g2`` descending, then term.

    Raises:
        ParameterError: Unknown ``by``; ``target`` or ``reference`` with no documents or no tokens;
            ``reference`` equal to ``target``; ``min_count`` below 1.

    Example:
        >>> keyness(tok, arts, by="year", target="2025", reference="2023")  # doctest: +SKIP
    """
    article_ids, term_values, weights = _weighted(tokens, "terms.keyness")
    grp = groups(articles, by=by)
    present = sorted(set(grp))
    target = _target(target, by=by, present=present)
    if reference is not None:
        reference = str(reference)
        if reference == target:
            raise ParameterError(
                f"`reference` value = {reference!r} equals `target`; choose another."
            )
        if reference not in present:
            raise ParameterError(
                f"`reference` value = {reference!r} has no documents in grouping {by!r}; "
                f"groups with documents: {present}."
            )
    if not isinstance(min_count, int) or min_count < 1:
        raise ParameterError(invalid_value("min_count", min_count, "an integer of 1 or more"))
    # Integer codes for articles and terms, as in ``count``: no string key per row.
    art_codes, art_names = _codes(article_ids)
    art_group = pd.Series(np.asarray(art_names, dtype=object)).astype(str).map(grp)
    art_target = (art_group == target).to_numpy()
    art_ref = (
        art_group.notna() & (art_group != target) if reference is None else art_group == reference
    ).to_numpy()
    term_codes, term_names = _codes(term_values)
    counted = term_codes >= 0
    in_target = np.append(art_target, False)[art_codes] & counted  # a missing id (-1): neither
    in_ref = np.append(art_ref, False)[art_codes] & counted
    w = np.ones(len(term_codes), dtype=np.int64) if weights is None else weights
    n_terms = len(term_names)
    return _keyness_table(
        by,
        target,
        reference if reference is not None else "rest",
        term_names,
        np.bincount(term_codes[in_target], weights=w[in_target], minlength=n_terms),
        np.bincount(term_codes[in_ref], weights=w[in_ref], minlength=n_terms),
        int(w[in_target].sum()),
        int(w[in_ref].sum()),
        min_count=min_count,
        rest=reference is None,
    )


def _keyness_table(
    by: str,
    target: str,
    reference: str,
    term_names: pd.Index,
    a_all: np.ndarray,
    b_all: np.ndarray,
    c: int,
    d: int,
    *,
    min_count: int,
    rest: bool,
) -> pd.DataFrame:
    """The ``keyness`` table from the term counts (float64 arrays of whole numbers) and totals."""
    if c == 0:
        raise ParameterError(f"`target` value = {target!r} has documents but no counted tokens.")
    if d == 0:
        name = "rest of the corpus" if rest else "reference"
        raise ParameterError(f"`reference`: the {name} has no counted tokens; nothing to compare.")
    occurs = (a_all > 0) | (b_all > 0)
    terms_ = pd.Index(term_names)[occurs]
    a = pd.Series(a_all[occurs].astype(np.int64))
    b = pd.Series(b_all[occurs].astype(np.int64))
    g2, p, lr = g2_and_log_ratio(a.to_numpy(), b.to_numpy(), float(c), float(d))
    out = pd.DataFrame(
        {
            "group_by": by,
            "target": target,
            "reference": reference,
            "term": terms_.astype(str),
            "n_target": a.to_numpy().astype("int64"),
            "n_reference": b.to_numpy().astype("int64"),
            "total_target": c,
            "total_reference": d,
            "g2": g2,
            "p_value": p,
            "log_ratio": lr,
        }
    )
    out["direction"] = np.where(
        out["n_target"] / c >= out["n_reference"] / d, "target", "reference"
    )
    out = out[out["n_target"] + out["n_reference"] >= min_count]
    out = out.sort_values(["g2", "term"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)[list(KEYNESS_COLUMNS)]


#: ``keyness_each`` counts every (group, term) cell at once up to this many cells.
_KEYNESS_CELLS = 2**24


def keyness_each(
    tokens: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    by: str,
    targets: Sequence[str],
    min_count: int = 1,
) -> list[pd.DataFrame]:
    """``keyness`` of each target group against the rest of the corpus, from one count.

    The tables of ``keyness(tokens, articles, by=by, target=t, min_count=min_count)`` for each
    ``t`` in ``targets``, in turn. The terms of every group are counted once, not once per target
    (unless groups times terms exceed ``_KEYNESS_CELLS``: then ``keyness`` is called for each).

    Args:
        tokens: As for ``keyness``.
        articles: ARTICLES table.
        by: Grouping (see ``groups``), e.g. ``"year"``.
        targets: Target groups, e.g. ``["2023", "2025"]``.
        min_count: As for ``keyness``.

    Returns:
        One table per target, as ``keyness`` returns it.

    Raises:
        ParameterError: As ``keyness`` for the first target it fails for.

    Example:
        >>> keyness_each(tok, arts, by="year", targets=["2023", "2025"])  # doctest: +SKIP
    """
    article_ids, term_values, weights = _weighted(tokens, "terms.keyness_each")
    grp = groups(articles, by=by)
    art_codes, art_names = _codes(article_ids)
    art_group = pd.Series(np.asarray(art_names, dtype=object)).astype(str).map(grp)
    group_codes, group_names = pd.factorize(art_group, sort=False)  # -1: article not grouped
    term_codes, term_names = _codes(term_values)
    n_groups, n_terms = len(group_names), len(term_names)
    whole = weights is None or not len(weights) or int(weights.min()) >= 0
    if (
        n_groups * n_terms > _KEYNESS_CELLS
        or not whole
        or (weights is not None and int(weights.sum()) >= _EXACT_FLOAT)
    ):
        return [keyness(tokens, articles, by=by, target=t, min_count=min_count) for t in targets]
    tok_group = np.append(group_codes, -1)[art_codes]  # a missing article id (-1) stays -1
    counted = (tok_group >= 0) & (term_codes >= 0)
    key = tok_group[counted].astype(np.int64) * n_terms + term_codes[counted]
    # Occurrences of every term in every group: sums of whole numbers, exact in float64, so the
    # rest of the corpus (all groups minus the target) has the same counts as counted directly.
    cells = np.bincount(
        key, weights=None if weights is None else weights[counted], minlength=n_groups * n_terms
    ).astype(float)
    cells = cells.reshape(n_groups, n_terms)
    corpus = cells.sum(axis=0)
    totals = cells.sum(axis=1)
    position = {str(name): i for i, name in enumerate(group_names)}
    present = sorted(set(grp))
    tables = []
    for target in targets:
        target = _target(target, by=by, present=present)
        if not isinstance(min_count, int) or min_count < 1:
            raise ParameterError(invalid_value("min_count", min_count, "an integer of 1 or more"))
        i = position.get(target)
        in_target = cells[i] if i is not None else np.zeros(n_terms)  # None: no counted row
        c = int(totals[i]) if i is not None else 0
        tables.append(
            _keyness_table(
                by,
                target,
                "rest",
                term_names,
                in_target,
                corpus - in_target,
                c,
                int(totals.sum()) - c,
                min_count=min_count,
                rest=True,
            )
        )
    return tables


def _target(target: str, *, by: str, present: list[str]) -> str:
    """``target`` as a string, checked to be a group with documents (``present``)."""
    if str(target) not in present:
        raise ParameterError(
            f"`target` value = {target!r} has no documents in grouping {by!r}; "
            f"groups with documents: {present}."
        )
    return str(target)


def _runs(tokens: pd.DataFrame, n: int) -> pd.DataFrame:
    """Every run of ``n`` consecutive word tokens (no punctuation between) in one sentence."""
    t = tokens[tokens["pos"] != "x"]
    cols = {}
    ok = pd.Series(True, index=t.index)
    for k in range(n):
        shifted = t.shift(-k)
        cols[f"w{k + 1}"] = shifted["token"]
        if k:
            ok &= (
                (shifted["article_id"] == t["article_id"])
                & (shifted["sent_id"] == t["sent_id"])
                & (shifted["position"] == t["position"] + k)
            )
    out = pd.DataFrame(cols)[ok]
    return out.dropna()


def ngrams(
    tokens: pd.DataFrame,
    *,
    n: int = 2,
    stopwords: Iterable[str] = (),
    min_count: int = 1,
) -> pd.DataFrame:
    """Count n-grams: runs of ``n`` adjacent tokens in one sentence, not across punctuation.

    Args:
        tokens: TOKENS table (unfiltered, so adjacency is real).
        n: Tokens per n-gram (2 or more).
        stopwords: Drop n-grams containing any of these.
        min_count: Minimum count.

    Returns:
        Columns ``ngram`` (tokens joined by a space), ``n_tokens``, ``n``; sorted by ``n``
        descending, then ``ngram``.

    Example:
        >>> ngrams(tok, n=2).head(1)  # doctest: +SKIP
    """
    schema.require_columns(tokens, schema.TOKENS, func="terms.ngrams")
    if not isinstance(n, int) or n < 2:
        raise ParameterError(invalid_value("n", n, "an integer of 2 or more"))
    runs = _runs(tokens, n)
    stop = set(stopwords)
    if stop:
        runs = runs[~runs.isin(stop).any(axis=1)]
    joined = runs.astype(str).agg(" ".join, axis=1) if len(runs) else pd.Series(dtype=str)
    out = joined.value_counts().rename_axis("ngram").reset_index(name="n")
    out["n_tokens"] = n
    out = out[out["n"] >= min_count]
    out = out.sort_values(["n", "ngram"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)[["ngram", "n_tokens", "n"]]


def collocations(
    tokens: pd.DataFrame,
    *,
    stopwords: Iterable[str] = (),
    min_count: int = 2,
) -> pd.DataFrame:
    """Adjacent word pairs with association measures (PMI and G²).

    Over all ``N`` adjacent pairs (see ``ngrams``), with ``n`` the pair's count, ``n1`` the
    count of ``w1`` as first word and ``n2`` of ``w2`` as second word (Evert 2005, ch. 3):
    ``pmi = log2(n N / (n1 n2))`` (Church & Hanks 1990) and ``g2 = 2 Σ O ln(O / E)`` over the 2x2
    table ``O = [[n, n1 - n], [n2 - n, N - n1 - n2 + n]]`` with ``E`` = row total x column total / N
    (Dunning 1993).

    Args:
        tokens: TOKENS table (unfiltered).
        stopwords: Pairs with a stopword are dropped after counting (the margins include them).
        min_count: Minimum pair count (PMI is unreliable for rare pairs).

    Returns:
        Columns ``w1, w2, n, n1, n2, n_pairs, pmi, g2``; sorted by ``g2`` descending, then ``n``
        descending, then ``w1``, ``w2``.

    Example:
        >>> collocations(tok, min_count=2).head(1)  # doctest: +SKIP
    """
    schema.require_columns(tokens, schema.TOKENS, func="terms.collocations")
    if not isinstance(min_count, int) or min_count < 1:
        raise ParameterError(invalid_value("min_count", min_count, "an integer of 1 or more"))
    runs = _runs(tokens, 2)
    total = len(runs)
    pairs = runs.groupby(["w1", "w2"], sort=False).size().rename("n").reset_index()
    pairs["n1"] = pairs["w1"].map(runs["w1"].value_counts()).astype("int64")
    pairs["n2"] = pairs["w2"].map(runs["w2"].value_counts()).astype("int64")
    pairs["n_pairs"] = total
    stop = set(stopwords)
    pairs = pairs[(pairs["n"] >= min_count) & ~pairs["w1"].isin(stop) & ~pairs["w2"].isin(stop)]
    o11 = pairs["n"].to_numpy(float)
    r1 = pairs["n1"].to_numpy(float)
    c1 = pairs["n2"].to_numpy(float)
    o = [o11, r1 - o11, c1 - o11, total - r1 - c1 + o11]
    e = [r1 * c1 / total, r1 * (total - c1) / total, (total - r1) * c1 / total]
    e.append((total - r1) * (total - c1) / total)
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2.0 * sum(
            np.where(oi > 0, oi * np.log(oi / ei), 0.0) for oi, ei in zip(o, e, strict=True)
        )
        pmi = np.log2(o11 * total / (r1 * c1))
    pairs = pairs.assign(pmi=pmi, g2=g2)
    pairs = pairs.sort_values(
        ["g2", "n", "w1", "w2"], ascending=[False, False, True, True], kind="stable"
    )
    return pairs.reset_index(drop=True)[list(COLLOCATION_COLUMNS)]


def dispersion(
    tokens: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    terms: Iterable[str] | None = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """Dispersion of terms across articles: Gries' DP and Juilland's D.

    Parts are the articles of ``articles`` (all of them, also those without the term); a part's
    size is its number of tokens in ``tokens``. With ``s_i`` = size of part i / all tokens and
    ``v_i`` = the term's frequency in part i / its total frequency:
    ``dp = 0.5 Σ |v_i - s_i|`` (Gries 2008, "Dispersions and adjusted frequencies in corpora",
    IJCL 13(4)); ``dp_norm = dp / (1 - min s_i)`` (Lijffijt & Gries 2012). 0 means perfectly even,
    values near 1 concentrated. With ``p_i`` = frequency / size of part i over the ``k`` parts,
    ``juilland_d = 1 - (sd(p) / mean(p)) / sqrt(k - 1)`` (Juilland & Chang-Rodríguez 1964;
    population standard deviation), 1 = even; undefined (NaN) for a single part.

    Args:
        tokens: TOKENS table, usually ``filter_tokens(...)`` output.
        articles: ARTICLES table (the parts).
        terms: Only these terms (default: all).
        min_count: Only terms with at least this many occurrences.

    Returns:
        Columns ``term, n, n_articles`` (articles containing it), ``dp, dp_norm, juilland_d``;
        sorted by ``n`` descending, then term.

    Example:
        >>> dispersion(tok, arts, terms=["创一流"])  # doctest: +SKIP
    """
    schema.require_columns(tokens, ["article_id", "token"], func="terms.dispersion")
    schema.require_columns(articles, ["article_id"], func="terms.dispersion")
    ids = articles["article_id"].astype(str)
    t = pd.DataFrame({"article_id": tokens["article_id"].astype(str), "term": tokens["token"]})
    t = t[t["article_id"].isin(set(ids))]
    sizes = t["article_id"].value_counts().reindex(ids, fill_value=0).astype(float)
    total = float(sizes.sum())
    k = len(sizes)
    if terms is not None:
        t = t[t["term"].isin(set(terms))]
    f = t.groupby(["term", "article_id"]).size().rename("f").reset_index()
    tot = f.groupby("term")["f"].sum()
    f = f[f["term"].map(tot) >= min_count]
    if f.empty or total == 0:
        return schema.empty(DISPERSION_COLUMNS)
    f["s"] = f["article_id"].map(sizes / total)
    f["v"] = f["f"] / f["term"].map(tot)
    f["p"] = f["f"] / f["article_id"].map(sizes)
    g = f.groupby("term")
    abs_sum = (f["v"] - f["s"]).abs().groupby(f["term"]).sum()
    dp = 0.5 * (abs_sum + 1.0 - g["s"].sum())
    min_s = float((sizes / total).min())
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = g["p"].sum() / k
        var = (f["p"] ** 2).groupby(f["term"]).sum() / k - mean**2
        sd = np.sqrt(np.maximum(var, 0.0))
        d = 1.0 - (sd / mean) / np.sqrt(k - 1) if k > 1 else mean * np.nan
    out = pd.DataFrame(
        {
            "term": dp.index.astype(str),
            "n": tot.reindex(dp.index).to_numpy().astype("int64"),
            "n_articles": g.size().reindex(dp.index).to_numpy().astype("int64"),
            "dp": dp.to_numpy(),
            "dp_norm": (dp / (1.0 - min_s)).to_numpy() if min_s < 1 else np.nan,
            "juilland_d": np.asarray(d.reindex(dp.index), dtype=float),
        }
    )
    out = out.sort_values(["n", "term"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)[list(DISPERSION_COLUMNS)]


def occurrences(
    tokens: pd.DataFrame, articles: pd.DataFrame, *, terms: Iterable[str]
) -> pd.DataFrame:
    """Where each term occurs along the corpus (for a dispersion plot).

    Args:
        tokens: TOKENS table (unfiltered, so offsets along the corpus are real).
        articles: ARTICLES table; its row order is the corpus order.
        terms: Terms to locate.

    Returns:
        Columns ``term``, ``article_id``, ``corpus_position`` (index of the token in the whole
        corpus, articles in table order), ``corpus_fraction`` (position / corpus tokens),
        ``start``, ``end`` (raw offsets). Sorted by term order given, then position.

    Example:
        >>> occurrences(tok, arts, terms=["创一流"])  # doctest: +SKIP
    """
    schema.require_columns(tokens, schema.TOKENS, func="terms.occurrences")
    order = {a: i for i, a in enumerate(articles["article_id"].astype(str))}
    t = tokens.assign(_o=tokens["article_id"].astype(str).map(order))
    t = t[t["_o"].notna()].sort_values(["_o", "position"], kind="stable").reset_index(drop=True)
    n_total = max(len(t), 1)
    wanted = list(dict.fromkeys(terms))
    hits = t[t["token"].isin(set(wanted))]
    out = pd.DataFrame(
        {
            "term": hits["token"].astype(str),
            "article_id": hits["article_id"].astype(str),
            "corpus_position": hits.index.to_numpy().astype("int64"),
            "corpus_fraction": hits.index.to_numpy() / n_total,
            "start": hits["start"].astype("int64"),
            "end": hits["end"].astype("int64"),
        }
    )
    rank = {w: i for i, w in enumerate(wanted)}
    out = out.assign(_r=out["term"].map(rank)).sort_values(["_r", "corpus_position"], kind="stable")
    return out.drop(columns="_r").reset_index(drop=True)
