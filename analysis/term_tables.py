"""The term-frequency stage: tokens, term counts, keyness, KWIC and the segmentation audit.

``build_tables`` turns an ARTICLES table into the stage's tables; ``stage`` does the same with the
shipped data files (user dictionary, units, stopword lists) and is what ``pipeline.build`` calls.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

import pandas as pd

from analysis import kwic, lexicons, schema, terms, tokens
from analysis.errors import ParameterError

log = logging.getLogger(__name__)

Tables = dict[str, pd.DataFrame]


#: Shipped stopword lists the stage uses (``lexicons.load_stopwords``).
STOPWORD_LISTS: tuple[str, ...] = ("zh", "news")


def protected_terms(tokenizer: tokens.Tokenizer) -> set[str]:
    """Return the tokenizer's user-dictionary words (never removed as stopwords or for length).

    Example:
        >>> sorted(protected_terms(tk))[:2]  # doctest: +SKIP
        ['三抓三提', '创一流']
    """
    entries = tokenizer.entries
    return set(entries.loc[entries["freq"] != 0, "word"]) if not entries.empty else set()


def counted_terms(
    tok: pd.DataFrame,
    *,
    protected: Iterable[str],
    stopwords: Iterable[str],
    numbers: terms.Numbers = "keep",
    min_chars: int = 1,
) -> pd.DataFrame:
    """Return the per-article counts of the tokens that count as terms (``terms.article_counts``).

    Args:
        tok: TOKENS table.
        protected: Terms never removed (``protected_terms`` of the tokenizer).
        stopwords: Terms removed.
        numbers: ``"keep"`` or ``"drop"`` numbers and quantities.
        min_chars: Minimum term length in characters (``protected`` terms exempt).

    Returns:
        ``terms.ARTICLE_COUNT_COLUMNS`` (article_id, term, n).

    Example:
        >>> counted_terms(tok, protected={"创一流"}, stopwords={"的"})  # doctest: +SKIP
    """
    counted = terms.filter_tokens(
        tok, stopwords=stopwords, keep=protected, numbers=numbers, min_chars=min_chars
    )
    return terms.article_counts(counted)


def build_tables(
    articles: pd.DataFrame,
    *,
    tokenizer: tokens.Tokenizer | None,
    texts: Mapping[str, str],
    stopwords: Iterable[str],
    group_by: Sequence[str] = ("year", "subject", "subject_level", "file"),
    keyness_by: str | None = "year",
    keyness_p: float = 0.05,
    numbers: terms.Numbers = "keep",
    min_count: int = 1,
    min_chars: int = 1,
    kwic_terms: Sequence[str] = (),
    kwic_window: int = 30,
    tokens_table: pd.DataFrame | None = None,
    kwic_table: pd.DataFrame | None = None,
    term_counts: pd.DataFrame | None = None,
    audit: pd.DataFrame | None = None,
) -> Tables:
    """Compute the term-frequency tables of a corpus.

    Args:
        articles: ARTICLES table with offset maps.
        tokenizer: From ``tokens.build_tokenizer``.
        texts: Decoded raw files by ``file`` (for KWIC).
        stopwords: Stopwords removed from term counts and keyness (never the user-dictionary
            entries of the tokenizer, i.e. campaign terms, places and agencies).
        group_by: Groupings for ``terms`` besides the whole corpus; a grouping whose column is
            missing or empty in every article is skipped (logged).
        keyness_by: Grouping for ``keyness``: every group against the rest; ``None`` skips it.
        keyness_p: Keep keyness rows with a p-value below this (1.0 keeps every term).
        numbers: ``"keep"`` or ``"drop"`` numbers and quantities from term counts.
        min_count: Minimum count of a term in a group (``terms``) or in target plus reference
            (``keyness``).
        min_chars: Minimum term length in characters (campaign terms exempt).
        kwic_terms: Terms for the ``kwic`` table (on the raw text).
        kwic_window: Characters of KWIC context on each side.
        tokens_table: The TOKENS table of ``tokens.tokenize(articles, tokenizer=tokenizer)``
            when already computed (e.g. per document, in parallel); not recomputed then.
        kwic_table: The ``kwic`` table when already computed for ``kwic_terms``.
        term_counts: ``counted_terms`` of the tokens with these settings when already computed
            (e.g. per document); the tokens are then not filtered and counted again.
        audit: The ``segmentation_audit`` table when already computed for this tokenizer and
            these stopwords.

    Returns:
        ``tokens`` (TOKENS, every token including punctuation), ``terms`` (``terms.count``
        for the whole corpus and each grouping, stacked, ``group_by`` telling which:
        ``terms.count_groupings``, labels as categoricals),
        ``keyness`` (``terms.keyness`` of each group against the rest, stacked),
        ``kwic`` (``kwic.find``) and ``segmentation_audit`` (``tokens.audit`` of the tokenizer's
        user dictionary against the stopwords; empty when every entry is safe).

    Raises:
        ParameterError: If ``tokenizer`` is None while a table that needs it is not given.

    Example:
        >>> tables = build_tables(arts, tokenizer=tk, texts=raw, stopwords=sw)  # doctest: +SKIP
    """
    schema.require_columns(
        articles, ["file", "article_id", "text", schema.OFFSET_MAP], func="term_tables.build"
    )
    stop = set(stopwords)
    if tokenizer is None and (tokens_table is None or term_counts is None or audit is None):
        raise ParameterError(
            "`tokenizer` value = None is invalid unless `tokens_table`, `term_counts` and "
            "`audit` are all given; pass the tokenizer (term_tables.tokenizer(...))."
        )
    if tokens_table is None:
        assert tokenizer is not None
        tok = tokens.tokenize(articles, tokenizer=tokenizer)
    else:
        tok = tokens_table
    if term_counts is None:
        assert tokenizer is not None
        counted = counted_terms(
            tok,
            protected=protected_terms(tokenizer),
            stopwords=stop,
            numbers=numbers,
            min_chars=min_chars,
        )
    else:
        counted = term_counts
    if audit is None:
        assert tokenizer is not None
        audit = stage_audit(tokenizer, stop)
    groupings: list[str | None] = [None]
    for by in group_by:
        if terms.has_values(articles, by):
            groupings.append(by)
        else:
            log.info("terms: grouping %r skipped (no such column or no values)", by)
    term_table = terms.count_groupings(counted, articles, groupings=groupings, min_count=min_count)
    key_parts = []
    if keyness_by is not None and terms.has_values(articles, keyness_by):
        present = sorted(set(terms.groups(articles, by=keyness_by)) - {""})
        # Groups of the articles with counted terms: each article id converted and mapped once.
        with_tokens = set(
            pd.Series(counted["article_id"].unique())
            .astype(str)
            .map(terms.groups(articles, by=keyness_by))
        )
        targets = [g for g in present if g in with_tokens]
        if len(targets) >= 2:
            for k in terms.keyness_each(
                counted, articles, by=keyness_by, targets=targets, min_count=min_count
            ):
                key_parts.append(k[k["p_value"] < keyness_p])
    keyness = (
        pd.concat(key_parts, ignore_index=True)
        if key_parts
        else schema.empty(terms.KEYNESS_COLUMNS)
    )
    return {
        "tokens": tok,
        "terms": term_table,
        "keyness": keyness,
        "kwic": kwic_table
        if kwic_table is not None
        else kwic.find(articles, list(kwic_terms), texts=texts, window=kwic_window)
        if kwic_terms
        else schema.empty([*kwic.KWIC_COLUMNS, *kwic.METADATA]),
        "segmentation_audit": audit,
    }


def stage_audit(tokenizer: tokens.Tokenizer, stopwords: Iterable[str]) -> pd.DataFrame:
    """Return the segmentation audit of the tokenizer's user dictionary against ``stopwords``.

    Example:
        >>> stage_audit(tk, {"的"}).empty  # doctest: +SKIP
        True
    """
    return tokens.audit(tokenizer, tokenizer.entries, set(stopwords))


def stage(
    articles: pd.DataFrame,
    *,
    texts: Mapping[str, str],
    slogans: pd.DataFrame | None,
    gazetteer: pd.DataFrame | None,
    stopword_lists: Sequence[str] = STOPWORD_LISTS,
    hmm: bool = True,
    numbers: terms.Numbers = "keep",
    tokens_table: pd.DataFrame | None = None,
    kwic_table: pd.DataFrame | None = None,
    term_counts: pd.DataFrame | None = None,
    audit: pd.DataFrame | None = None,
) -> Tables:
    """Run ``build_tables`` with the shipped user dictionary, units and stopword lists.

    The KWIC table covers the slogan lexicon's canonical forms.

    Args:
        articles: ARTICLES table with offset maps.
        texts: Decoded raw files by ``file``.
        slogans: Slogan lexicon (``lexicons.load_slogans()``).
        gazetteer: Gazetteer (``lexicons.load_gazetteer()``).
        stopword_lists: Shipped stopword lists to use (``"zh"``, ``"news"``).
        hmm: jieba's HMM for unknown words.
        numbers: ``"keep"`` or ``"drop"`` numbers from term counts.
        tokens_table: Tokens already computed with ``tokenizer(...)`` (e.g. per document in
            parallel); the articles are then not segmented again.
        kwic_table: The ``kwic`` table already computed for ``kwic_terms(slogans)``.
        term_counts: ``counted_terms`` already computed with these settings.
        audit: ``stage_audit`` already computed for this configuration. With ``tokens_table``,
            ``term_counts`` and ``audit`` all given, no tokenizer is built.

    Returns:
        The tables of ``build_tables``.

    Example:
        >>> tables.update(stage(articles, texts=texts, slogans=s, gazetteer=g))  # doctest: +SKIP
    """
    ready = tokens_table is not None and term_counts is not None and audit is not None
    return build_tables(
        articles,
        tokenizer=None if ready else tokenizer(slogans=slogans, gazetteer=gazetteer, hmm=hmm),
        texts=texts,
        stopwords=lexicons.load_stopwords(lists=stopword_lists)["term"],
        numbers=numbers,
        kwic_terms=kwic_terms(slogans),
        tokens_table=tokens_table,
        kwic_table=kwic_table,
        term_counts=term_counts,
        audit=audit,
    )


def tokenizer(
    *,
    slogans: pd.DataFrame | None,
    gazetteer: pd.DataFrame | None,
    hmm: bool = True,
    backend: Literal["fast", "jieba"] = "fast",
) -> tokens.Tokenizer:
    """Return the stage's tokenizer: shipped user dictionary, slogans, places and token units.

    ``backend`` is ``tokens.build_tokenizer``'s (the same tokens either way).

    Example:
        >>> tk = tokenizer(slogans=None, gazetteer=None)  # doctest: +SKIP
    """
    entries = tokens.user_entries(
        slogans=slogans, gazetteer=gazetteer, userdict=lexicons.load_userdict()
    )
    return tokens.build_tokenizer(
        entries, units=lexicons.load_token_units(), hmm=hmm, backend=backend
    )


def kwic_terms(slogans: pd.DataFrame | None) -> list[str]:
    """Return the stage's KWIC terms: the slogan lexicon's canonical forms, unique, in order.

    Example:
        >>> kwic_terms(pd.DataFrame({"canonical": ["三抓三提", "三抓三提", "创一流"]}))
        ['三抓三提', '创一流']
    """
    if slogans is None or "canonical" not in slogans.columns:
        return []
    return list(dict.fromkeys(slogans["canonical"].astype(str)))
