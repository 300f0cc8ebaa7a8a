"""The tokens table: the compact corpus-wide frame, its Parquet form and its CSV summary.

``compact_tokens`` (and ``tokens_frame``, from the documents' TOKENS Arrow tables in one
conversion) makes the ``tokens`` table ``pipeline.build`` returns: one row per token with the
columns of ``schema.TOKENS`` (``article_id``, ``sent_id``, ``position``, ``start``, ``end``,
``token``, ``pos``), ``article_id`` and ``pos`` categorical (only the categories in use, sorted),
``token`` an Arrow-backed string, the other columns int32. ``token_part``, ``tokens_layout`` and
``token_row_groups`` make the Arrow table ``Table.from_pandas`` gives of that frame straight from
the documents' parts, ``PARQUET_ROW_GROUP`` rows at a time, so that ``tokens.parquet`` is written
without a DataFrame of every token. ``token_summary`` (``part_token_summary`` from the parts)
makes ``tokens_summary.csv``, the CSV companion of ``tokens.parquet``: ``article_id``,
``n_tokens``, ``n_sentences`` (int64), one row per article, sorted by ``article_id``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis import schema


def tokens_frame(table: pa.Table) -> pd.DataFrame:
    """Return a TOKENS Arrow table as the DataFrame ``compact_tokens`` makes, in one conversion.

    Dictionary columns become categoricals with sorted categories, int32 columns stay int32, and
    ``token`` an Arrow-backed string, without an intermediate copy of every token.

    Args:
        table: The documents' TOKENS tables put together (columns ``schema.TOKENS``; ``article_id``
            and ``pos`` dictionary-encoded or plain strings, the other numbers int32).

    Returns:
        The compact ``tokens`` frame, with only the categories in use.

    Example:
        >>> tokens_frame(pa.concat_tables(parts))  # doctest: +SKIP
    """
    cols: dict[str, Any] = {}
    numbers = [c for c in schema.TOKENS if c not in ("article_id", "pos", "token")]
    # The int32 columns are copied once, into the two-dimensional block pandas keeps them in.
    block = np.empty((len(numbers), table.num_rows), dtype=np.int32)
    for row, c in enumerate(numbers):
        at = 0
        for chunk in table.column(c).chunks:
            block[row, at : at + len(chunk)] = chunk.to_numpy(zero_copy_only=False)
            at += len(chunk)
    frame = pd.DataFrame(block.T, columns=numbers, copy=False)
    for c in schema.TOKENS:
        col = table.column(c)
        if c in numbers:
            continue
        if c in ("article_id", "pos"):
            if not pa.types.is_dictionary(col.type):
                col = col.dictionary_encode()
            cols[c] = _used_sorted(col.unify_dictionaries().to_pandas())
        elif c == "token":
            # One new array: a view would keep every document's whole tokens table alive.
            cols[c] = col.combine_chunks().to_pandas().astype("str")
    for i, c in enumerate(schema.TOKENS):
        if c in cols:
            frame.insert(i, c, cols.pop(c))
    return frame


def _used_sorted(values: pd.Series) -> pd.Categorical:
    """A categorical's values with only the categories in use, as text, sorted.

    A document's cached tokens are a slice of its task's table and carry the dictionary of the
    whole task, so a category can belong to a document no longer in the corpus; without it the
    tokens are what a run without the cache makes.
    """
    codes = values.cat.codes.to_numpy()
    names = np.asarray([str(x) for x in values.cat.categories], dtype=object)
    present = codes if not len(codes) or codes.min() >= 0 else codes[codes >= 0]
    used = np.flatnonzero(np.bincount(present, minlength=len(names)))
    order = np.argsort(names[used], kind="stable")
    # New codes in the width pandas gives this many categories (no second pass to narrow them).
    width: type[np.signedinteger[Any]] = next(
        (t for t in (np.int8, np.int16, np.int32) if len(used) < np.iinfo(t).max), np.int64
    )
    new_code = np.full(len(names) + 1, -1, dtype=width)  # the last one: a missing value
    new_code[used[order]] = np.arange(len(used))
    return pd.Categorical.from_codes(
        new_code[codes], categories=names[used][order].tolist(), validate=False
    )


def compact(tok: pd.DataFrame) -> pd.DataFrame:
    """``tok`` as it is when ``tokens_frame`` made it, else ``compact_tokens(tok)``.

    Args:
        tok: A TOKENS table (columns ``schema.TOKENS``).

    Returns:
        The table in compact form (``tok`` itself when ``article_id`` is categorical already).

    Example:
        >>> tok = tokens_frame(table)  # doctest: +SKIP
        >>> compact(tok) is tok  # doctest: +SKIP
        True
    """
    return tok if isinstance(tok["article_id"].dtype, pd.CategoricalDtype) else compact_tokens(tok)


def compact_tokens(tok: pd.DataFrame) -> pd.DataFrame:
    """Return a TOKENS table in compact form (same values, in the same order).

    ``article_id`` and ``pos`` become categoricals whose categories are sorted (so sorting by
    them sorts as text), ``token`` an Arrow-backed string, positions and offsets int32 (offsets
    index one file, at most ``corpus.MAX_BYTES`` characters).

    Example:
        >>> compact_tokens(pd.DataFrame({"article_id": ["a"], "sent_id": [0], "position": [0],
        ...     "start": [0], "end": [3], "token": ["创一流"], "pos": [""]}))["start"].dtype
        dtype('int32')
    """
    out = pd.DataFrame(index=pd.RangeIndex(len(tok)))
    for c in schema.TOKENS:
        col = tok[c]
        if c in ("article_id", "pos"):
            if isinstance(col.dtype, pd.CategoricalDtype):
                out[c] = _used_sorted(col)
            else:
                values = col.astype(str)
                out[c] = pd.Categorical(values, categories=sorted(values.unique()))
        elif c == "token":
            out[c] = col.astype("str")
        else:
            out[c] = col.to_numpy(dtype=np.int32)
    return out


#: Rows per row group of the Parquet files ``pq.write_table`` makes (pyarrow's default: "the
#: smaller of the table's rows and 1024 * 1024"); ``table_files.write_token_parts`` cuts the same
#: groups (``token_row_groups``).
PARQUET_ROW_GROUP = 1024 * 1024
#: The dictionary-encoded columns of the TOKENS Arrow parts (categoricals once compact).
_TOKEN_CATEGORIES = ("article_id", "pos")


@dataclass(frozen=True)
class TokensLayout:
    """How the documents' TOKENS Arrow parts become the table ``Table.from_pandas`` gives.

    ``schema`` is the schema (with pandas' metadata) of ``compact_tokens``' frame of the parts,
    ``dictionaries`` the categories in use of ``_TOKEN_CATEGORIES``, sorted, and ``codes`` maps
    each part's dictionary indices to the new codes (per column, per part; the last entry is -1,
    for a missing value).
    """

    schema: pa.Schema
    dictionaries: dict[str, pa.Array]
    codes: dict[str, list[np.ndarray]]


def token_part(part: pa.Table) -> pa.Table:
    """A TOKENS Arrow part in the form the documents' cache entries hold (else converted).

    That is one chunk per column, ``article_id`` and ``pos`` dictionary-encoded (one dictionary
    each) and the numbers int32.

    Args:
        part: A document's TOKENS Arrow table (columns ``schema.TOKENS``).

    Returns:
        ``part`` itself when it has that form already, else a converted copy.

    Example:
        >>> parts = [token_part(p) for p in parts]  # doctest: +SKIP
    """
    numbers = [c for c in schema.TOKENS if c not in (*_TOKEN_CATEGORIES, "token")]
    if (
        all(part.column(c).num_chunks == 1 for c in schema.TOKENS)
        and all(pa.types.is_dictionary(part.column(c).type) for c in _TOKEN_CATEGORIES)
        and all(part.column(c).type == pa.int32() for c in numbers)
    ):
        return part
    cols: dict[str, pa.ChunkedArray] = {}
    for c in schema.TOKENS:
        col = part.column(c)
        if c in _TOKEN_CATEGORIES:
            if not pa.types.is_dictionary(col.type):
                col = col.dictionary_encode()
            col = col.unify_dictionaries()
        elif c in numbers:
            col = col.cast(pa.int32(), safe=False)  # as numpy's assignment into int32 does
        cols[c] = pa.chunked_array([col.combine_chunks()])
    return pa.table(cols)


def _indices(values: pa.DictionaryArray) -> np.ndarray:
    """The dictionary indices of ``values``, -1 for a missing value."""
    indices = values.indices
    if indices.null_count:
        indices = indices.fill_null(-1)
    return indices.to_numpy()


def tokens_layout(parts: list[pa.Table]) -> TokensLayout:
    """The ``TokensLayout`` of the (``token_part``) TOKENS parts of the documents, in order.

    A category is kept when a part uses it (``_used_sorted``: a cached document's dictionary is
    its task's); the schema is that of an empty frame with the dtypes and categories of the
    compact frame, so the index widths and metadata are pandas' own.

    Args:
        parts: The documents' TOKENS parts (``token_part``), in file order.

    Returns:
        The schema, the sorted categories in use and each part's code mapping.

    Example:
        >>> tokens_layout(parts).dictionaries["article_id"].to_pylist()  # doctest: +SKIP
        ['b-a01', 'c-a01']
    """
    names: dict[str, list[list[str]]] = {c: [] for c in _TOKEN_CATEGORIES}
    used: dict[str, list[np.ndarray]] = {c: [] for c in _TOKEN_CATEGORIES}
    for part in parts:
        for c in _TOKEN_CATEGORIES:
            values = part.column(c).chunk(0)
            codes = _indices(values)
            known = [str(x) for x in values.dictionary.to_pylist()]
            present = codes if not len(codes) or codes.min() >= 0 else codes[codes >= 0]
            names[c].append(known)
            used[c].append(np.flatnonzero(np.bincount(present, minlength=len(known))))
    categories = {
        c: sorted({part[i] for part, u in zip(names[c], used[c], strict=True) for i in u.tolist()})
        for c in _TOKEN_CATEGORIES
    }
    empty = pd.DataFrame(
        {
            c: pd.Categorical([], categories=categories[c])
            if c in _TOKEN_CATEGORIES
            else pd.array([], dtype="str")
            if c == "token"
            else np.empty(0, dtype=np.int32)
            for c in schema.TOKENS
        }
    )
    table_schema = pa.Table.from_pandas(empty, preserve_index=False).schema
    codes_of: dict[str, list[np.ndarray]] = {}
    dictionaries: dict[str, pa.Array] = {}
    for c in _TOKEN_CATEGORIES:
        kind = table_schema.field(c).type
        position = {name: i for i, name in enumerate(categories[c])}
        width = kind.index_type.to_pandas_dtype()
        codes_of[c] = []
        for known, u in zip(names[c], used[c], strict=True):
            new = np.full(len(known) + 1, -1, dtype=width)  # the last one: a missing value
            new[u] = [position[known[i]] for i in u.tolist()]
            codes_of[c].append(new)
        dictionaries[c] = pa.array(categories[c], type=kind.value_type)
    return TokensLayout(table_schema, dictionaries, codes_of)


def token_row_groups(parts: list[pa.Table], layout: TokensLayout, rows: int) -> Iterator[pa.Table]:
    """The table ``Table.from_pandas`` makes of the compact tokens, ``rows`` rows at a time.

    ``parts`` (``token_part``) is emptied as the groups are made: each document's tokens are
    freed once its last row is in a group, so the parts and the table are never all held at once.

    Args:
        parts: The documents' TOKENS parts (``token_part``), in file order; emptied.
        layout: Their ``tokens_layout``.
        rows: Rows per group (the last group may have fewer).

    Yields:
        Tables with ``layout.schema``, one chunk per column, the tokens in order.

    Example:
        >>> layout = tokens_layout(parts)  # doctest: +SKIP
        >>> groups = token_row_groups(parts, layout, PARQUET_ROW_GROUP)  # doctest: +SKIP
    """
    pieces: list[tuple[pa.Table, int]] = []
    filled = 0
    for i in range(len(parts)):
        part, parts[i] = parts[i], pa.table({})  # this function holds the only reference
        at = 0
        while at < part.num_rows:
            n = min(part.num_rows - at, rows - filled)
            pieces.append((part.slice(at, n), i))
            at, filled = at + n, filled + n
            if filled == rows:
                yield _token_row_group(pieces, layout)
                pieces, filled = [], 0
        del part
    parts.clear()
    if pieces:
        yield _token_row_group(pieces, layout)


def _token_row_group(pieces: list[tuple[pa.Table, int]], layout: TokensLayout) -> pa.Table:
    """One row group: the rows ``pieces`` (slices of the parts, with the part's number)."""
    arrays: list[pa.Array] = []
    for field in layout.schema:
        c = field.name
        if c in _TOKEN_CATEGORIES:
            codes = np.concatenate(
                [layout.codes[c][i][_indices(piece.column(c).chunk(0))] for piece, i in pieces]
            )
            missing = codes < 0
            indices = pa.array(codes, mask=missing) if missing.any() else pa.array(codes)
            arrays.append(pa.DictionaryArray.from_arrays(indices, layout.dictionaries[c]))
        else:
            # One chunk per column, as ``from_pandas`` gives: the writer's pages are cut alike.
            values = pa.concat_arrays([piece.column(c).chunk(0) for piece, _ in pieces])
            arrays.append(values.cast(field.type))
    return pa.Table.from_arrays(arrays, schema=layout.schema)


def _tokens_arrow(parts: list[pa.Table]) -> pa.Table:
    """``Table.from_pandas`` of ``tokens_frame`` of the documents' TOKENS parts, made in Arrow.

    Example:
        >>> _tokens_arrow(parts).equals(pa.Table.from_pandas(  # doctest: +SKIP
        ...     tokens_frame(pa.concat_tables(parts)), preserve_index=False), check_metadata=True)
        True
    """
    own = [token_part(p) for p in parts]
    layout = tokens_layout(own)
    groups = list(token_row_groups(own, layout, PARQUET_ROW_GROUP))
    return pa.concat_tables(groups) if groups else layout.schema.empty_table()


def part_token_summary(parts: list[pa.Table], layout: TokensLayout) -> pd.DataFrame:
    """``token_summary`` of the compact tokens of the (``token_part``) parts.

    Args:
        parts: The documents' TOKENS parts (``token_part``), in file order; not changed.
        layout: Their ``tokens_layout``.

    Returns:
        The frame ``token_summary`` gives of ``tokens_frame`` of the parts.

    Example:
        >>> part_token_summary(parts, tokens_layout(parts))  # doctest: +SKIP
    """
    codes = layout.codes["article_id"]
    names = layout.dictionaries["article_id"].to_pylist()

    def chunks() -> Iterator[tuple[np.ndarray, np.ndarray]]:
        for i, part in enumerate(parts):
            ids = codes[i][_indices(part.column("article_id").chunk(0))]
            yield ids, part.column("sent_id").chunk(0).to_numpy(zero_copy_only=False)

    counted = _article_counts(chunks(), len(names))
    if counted is not None:
        return _summary_frame(np.asarray(names, dtype=object), *counted)
    ids, sent = zip(*chunks(), strict=True) if parts else ((), ())
    frame = pd.DataFrame(
        {
            "article_id": pd.Categorical.from_codes(
                np.concatenate(ids), categories=names, validate=False
            ),
            "sent_id": np.concatenate(sent),
        }
    )
    return token_summary(frame)


def token_summary(tok: pd.DataFrame) -> pd.DataFrame:
    """Tokens and sentences per article (the CSV companion of ``tokens.parquet``).

    Args:
        tok: A TOKENS table with at least ``article_id`` and ``sent_id`` (compact or not).

    Returns:
        ``article_id`` (text), ``n_tokens`` and ``n_sentences`` (int64), one row per article
        with tokens, sorted by ``article_id``.

    Example:
        >>> tok = pd.DataFrame({"article_id": ["a", "a", "b"], "sent_id": [0, 1, 0]})
        >>> token_summary(tok)["n_sentences"].tolist()
        [2, 1]
    """
    ids = tok["article_id"]
    if isinstance(ids.dtype, pd.CategoricalDtype) and len(tok):
        codes = ids.cat.codes.to_numpy()  # int8 to int32: no wider copy of every token
        sent = tok["sent_id"].to_numpy()
        if sent.dtype.kind not in "iu":
            sent = tok["sent_id"].to_numpy(dtype=np.int64)
        counted = _article_counts([(codes, sent)], len(ids.cat.categories))
        if counted is not None:
            names = np.asarray(ids.cat.categories.astype(str), dtype=object)
            return _summary_frame(names, *counted)
    grouped = pd.DataFrame({"article_id": ids, "sent_id": tok["sent_id"]}).groupby(
        "article_id", sort=False, observed=True
    )
    out = pd.DataFrame(
        {"n_tokens": grouped.size(), "n_sentences": grouped["sent_id"].nunique()}
    ).reset_index()
    out["article_id"] = out["article_id"].astype(str)
    out = out.sort_values("article_id", kind="stable").reset_index(drop=True)
    return out.astype({"n_tokens": "int64", "n_sentences": "int64"})


def _article_counts(
    chunks: Iterable[tuple[np.ndarray, np.ndarray]], n_articles: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """Tokens and sentences per article code, or ``None`` unless the tokens are in article order.

    ``chunks`` are consecutive pieces of the tokens' article codes and sentence ids. In article
    order (each article's tokens together, sentence ids never decreasing within it, no missing
    article, as ``tokens.tokenize`` makes them) a sentence is a run of rows with the same code
    and sentence id, so counting runs gives what grouping gives.
    """
    n_tokens = np.zeros(n_articles, dtype=np.int64)
    n_sentences = np.zeros(n_articles, dtype=np.int64)
    runs = 0  # runs of one article's tokens: one per article in article order
    last: tuple[int, int] | None = None  # code and sentence of the row before the chunk
    for codes, sent in chunks:
        if not len(codes):
            continue
        same_article = codes[1:] == codes[:-1]
        joined = last is not None and int(codes[0]) == last[0]  # the chunk goes on an article
        if (
            codes.min() < 0
            or (joined and last is not None and int(sent[0]) < last[1])
            or not (~same_article | (sent[1:] >= sent[:-1])).all()
        ):
            return None
        new_sentence = np.concatenate(
            (
                [not joined or last is None or int(sent[0]) != last[1]],
                ~same_article | (sent[1:] != sent[:-1]),
            )
        )
        n_tokens += np.bincount(codes, minlength=n_articles)
        n_sentences += np.bincount(codes[new_sentence], minlength=n_articles)
        runs += int(not joined) + int(np.count_nonzero(~same_article))
        last = (int(codes[-1]), int(sent[-1]))
    if runs != np.count_nonzero(n_tokens):  # an article's tokens in more than one run
        return None
    return n_tokens, n_sentences


def _summary_frame(
    names: np.ndarray, n_tokens: np.ndarray, n_sentences: np.ndarray
) -> pd.DataFrame:
    """The ``tokens`` summary of ``_article_counts`` (``names``: the articles by code)."""
    seen = n_tokens > 0
    out = pd.DataFrame(
        {
            "article_id": names[seen],
            "n_tokens": n_tokens[seen].astype("int64"),
            "n_sentences": n_sentences[seen].astype("int64"),
        }
    )
    out["article_id"] = out["article_id"].astype(str)
    return out.sort_values("article_id", kind="stable").reset_index(drop=True)
