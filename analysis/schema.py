"""Column names of every tidy table, defined once, and the check that a table has them.

Offsets: ``start``/``end`` are always Python string indices into the *decoded raw file*
(``raw[start:end]``), never into a cleaned or normalized copy.

Tables and their columns:

DOCUMENTS (one row per decoded file)
    file: path relative to the corpus root, with ``/`` separators.
    doc_id: stable id derived from the file name.
    encoding: codec used to decode (``utf-8``, ``utf-8-sig``, ``gb18030``, ``utf-16``).
    n_bytes, n_chars: size of the file in bytes and of the decoded text in characters.
    sha256: checksum of the file's bytes.
    duplicate_of: the first earlier file with identical bytes, else "" (flagged, never merged).
    near_duplicate_of: the first earlier non-identical file whose 5-character shingles have
        Jaccard similarity >= 0.9 with this one, else "".
    plus any metadata columns from the corpus ``manifest.csv`` (date, title, source, ...).

SKIPPED (one row per file that was not analysed)
    file, reason (``empty``, ``binary``, ``markup``, ``hidden``, ``too_large``, ``undecodable``,
    ``unreadable``, ``outside_corpus``, ``not_found`` for a manifest row without file),
    detail (human-readable explanation, e.g. the byte offset of an undecodable byte).

ARTICLES (one row per article or section)
    file, article_id, parent_id, headline, subtitle, byline, subject, subject_level, date,
    start, end (the article's whole span in the raw file), n_chars (characters of ``text``),
    text (the cleaned analysis copy of the body: furniture removed, page breaks re-joined, NFKC).
    In memory the table also carries ``offset_map`` (a ``textmap.OffsetMap`` from ``text``
    positions to raw offsets); it is not written to CSV.

CLEANUP_LOG (one row per piece of raw text that is not article body)
    file, start, end, kind (``navigation``, ``footer``, ``caption``, ``photo_news``, ``banner``,
    ``unit_label``, ``headline``, ``subtitle``, ``byline``, ``continuation``, ``editor_note``,
    ``ruby``),
    article_id (if attached), text (raw text of the span), reason. See docs/corpus.md.

TOKENS (one token per row)
    article_id, sent_id, position, start, end, token, pos.

SLOGAN_LEXICON (one row per slogan; ``lexicons.load_slogans``)
    canonical, variants (``|``-separated; ``re:`` prefix = regex), kind, level, first_seen, source,
    notes, gloss, not_before, not_after, quoted_only (bool), context, line (line in the data file).

SLOGAN_HITS
    file, article_id, start, end, surface, canonical, is_variant, variant_note, kind, quoted.

METRICS
    file, article_id, start, end, surface, sentence, subject, indicator, family, value,
    multiplier, unit, normalized_value, approx, change, base, period, kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.errors import SchemaError

DOCUMENTS: tuple[str, ...] = (
    "file",
    "doc_id",
    "encoding",
    "n_bytes",
    "n_chars",
    "sha256",
    "duplicate_of",
    "near_duplicate_of",
)
SKIPPED: tuple[str, ...] = ("file", "reason", "detail")
ARTICLES: tuple[str, ...] = (
    "file",
    "article_id",
    "parent_id",
    "headline",
    "subtitle",
    "byline",
    "subject",
    "subject_level",
    "date",
    "start",
    "end",
    "n_chars",
    "text",
)
OFFSET_MAP = "offset_map"
CLEANUP_LOG: tuple[str, ...] = ("file", "start", "end", "kind", "article_id", "text", "reason")
TOKENS: tuple[str, ...] = ("article_id", "sent_id", "position", "start", "end", "token", "pos")
SLOGAN_LEXICON: tuple[str, ...] = (
    "canonical",
    "variants",
    "kind",
    "level",
    "first_seen",
    "source",
    "notes",
    "gloss",
    "not_before",
    "not_after",
    "quoted_only",
    "context",
    "line",
)
SLOGAN_HITS: tuple[str, ...] = (
    "file",
    "article_id",
    "start",
    "end",
    "surface",
    "canonical",
    "is_variant",
    "variant_note",
    "kind",
    "quoted",
)
METRICS: tuple[str, ...] = (
    "file",
    "article_id",
    "start",
    "end",
    "surface",
    "sentence",
    "subject",
    "indicator",
    "family",
    "value",
    "multiplier",
    "unit",
    "normalized_value",
    "approx",
    "change",
    "base",
    "period",
    "kind",
)


def require_columns(df: pd.DataFrame, columns: Iterable[str], *, func: str) -> None:
    """Raise ``SchemaError`` unless ``df`` has every column in ``columns``.

    Args:
        df: The table to check.
        columns: Required column names.
        func: The public function doing the check, named in the message.

    Raises:
        SchemaError: If a column is missing; the message lists the missing and present columns.

    Example:
        >>> require_columns(pd.DataFrame({"file": []}), ["file"], func="corpus.split")
    """
    if not isinstance(df, pd.DataFrame):
        raise SchemaError(f"{func}: expected a pandas DataFrame, got {type(df).__name__}.")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise SchemaError(
            f"{func}: table is missing required column(s) {missing}; "
            f"it has {list(df.columns)}. Build it with the function that produces this table."
        )


def empty(columns: Iterable[str]) -> pd.DataFrame:
    """Return an empty table with the given columns (all of object dtype).

    Example:
        >>> list(empty(SKIPPED).columns)
        ['file', 'reason', 'detail']
    """
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def text_column(
    values: Sequence[str] | np.ndarray, codes: np.ndarray | None = None
) -> pd.api.extensions.ExtensionArray:
    """Return ``values`` (or ``values[codes]``) as a text column: pandas' ``str`` dtype.

    The column is built by Arrow in one step, without pandas checking and converting a Python
    string per row (large tables: tokens, term counts).

    Example:
        >>> list(text_column(["", "x"], np.array([1, 0, 1])))
        ['x', '', 'x']
    """
    arr = pa.array(values, type=pa.large_string())
    if codes is not None:
        arr = arr.take(pa.array(codes, type=pa.int64()))
    return pd.array(arr, dtype="str")
