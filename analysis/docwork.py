"""Per-document work of ``pipeline.build``: split, tokenize, match slogans, extract metrics.

``process`` is a module-level function so that any ``concurrent.futures.Executor`` can run it
(a local process pool or a ``dask.distributed`` cluster). It takes a ``Batch`` of decoded
documents and returns, for each document, its tables encoded as cache bytes (``cache.encode``:
Arrow IPC with checksums), so a worker never pickles DataFrames and the parent stores the bytes
in the cache as they are.

Resources (tokenizer with its user dictionary, slogan matcher, gazetteer, units, indicators) are
built once per worker process and kept in a per-process memo keyed by the configuration key:

- a process pool runs ``init_worker(config)`` as its initializer, so every worker builds them
  before its first task;
- an executor without an initializer (``distributed.Client.get_executor()``) builds them lazily
  on the first task a worker runs; later tasks with the same configuration reuse them.

Per-document tables (one entry per document, concatenated in file order by the parent):

- ``articles``: ARTICLES columns plus the offset map as ``om_text_starts``, ``om_raw_starts``,
  ``om_raw_lens`` (int64 lists) and ``om_text_len`` (``articles_from_arrow`` rebuilds it);
- ``cleanup_log`` (CLEANUP_LOG), ``tokens`` (TOKENS, int32 offsets), ``slogan_hits``
  (SLOGAN_HITS), ``metrics`` (``metrics.extract``), ``kwic`` (``kwic.find`` of the slogan
  lexicon's canonical forms), ``slogan_glosses`` (``slogan_discovery.glosses`` of the document),
  ``slogan_occurrences`` (``slogan_discovery.occurrences``, word boundaries from plain jieba
  (``tokens.plain_view`` of the tokenizer): the boundaries discovery uses in ``pipeline``);
- ``term_counts`` (``term_tables.counted_terms`` of the tokens with the stage's stopwords: the
  parent sums these instead of counting every token).

``merged`` (``articles_frame`` for ``articles``, ``metrics_frame`` for ``metrics``) makes the
corpus-wide frame of a table from every document's Arrow table put together (``concat``), read
from the cache with ``cached_parts`` or fresh from the workers.

``config_tables`` computes what depends on the configuration alone (the segmentation audit of
the tokenizer's user dictionary), in a worker that has the tokenizer already.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis import (
    cache,
    corpus,
    kwic,
    lexicons,
    metrics,
    schema,
    slogan_discovery,
    slogans,
    term_tables,
    terms,
    textmap,
    token_tables,
    tokens,
)
from analysis.slogan_match import Matcher, build_matcher, match_articles

#: Tables each document yields (keys of the dict ``process`` encodes).
DOC_TABLES: tuple[str, ...] = (
    "articles",
    "cleanup_log",
    "tokens",
    "slogan_hits",
    "metrics",
    "kwic",
    "slogan_glosses",
    "slogan_occurrences",
    "term_counts",
)
#: Columns holding an article's offset map in the Arrow form of the ARTICLES table.
OFFSET_COLUMNS: tuple[str, ...] = ("om_text_starts", "om_raw_starts", "om_raw_lens", "om_text_len")
#: Characters of KWIC context (as ``term_tables.build_tables``' default).
KWIC_WINDOW = 30


@dataclass(frozen=True)
class Config:
    """Options that shape per-document results (part of the cache's configuration key).

    Attributes:
        hmm: jieba's HMM for unknown words.
        script: ``"simplified"`` converts the analysis copy of Traditional Chinese text to
            Simplified (``corpus.split``); ``"as_is"`` keeps it.
        key: The configuration key (``cache.config_key`` of code, data files and options); set by
            ``config``.
    """

    hmm: bool = True
    script: Literal["as_is", "simplified"] = "as_is"
    segmenter: Literal["fast", "jieba"] = "fast"
    key: str = ""

    def options(self) -> dict[str, object]:
        """Return the options as a JSON-serializable dict (without the key)."""
        return {"hmm": self.hmm, "script": self.script, "segmenter": self.segmenter}


def config(
    *,
    hmm: bool = True,
    script: Literal["as_is", "simplified"] = "as_is",
    segmenter: Literal["fast", "jieba"] = "fast",
) -> Config:
    """Return a ``Config`` whose ``key`` covers the code, data files, jieba and the options.

    The key hashes everything under ``analysis/`` (code and shipped data files: gazetteer,
    slogans, stopwords, units, indicators, user dictionary), jieba's version and base dictionary,
    and the options.

    Example:
        >>> len(config(hmm=True).key)
        16
    """
    import jieba

    base = Config(hmm=hmm, script=script, segmenter=segmenter)
    options = {**base.options(), "jieba": getattr(jieba, "__version__", "")}
    dict_file = Path(jieba.__file__).with_name("dict.txt")
    key = cache.config_key(options, extra_files=[dict_file] if dict_file.is_file() else [])
    return Config(hmm=hmm, script=script, segmenter=segmenter, key=key)


#: Every value of each option of ``config`` (``config_keys``).
CONFIG_OPTIONS: dict[str, tuple[Any, ...]] = {
    "hmm": (True, False),
    "script": ("as_is", "simplified"),
    "segmenter": ("fast", "jieba"),
}


def config_keys() -> frozenset[str]:
    """Return the key of every configuration (``config``) of the installed code and data.

    The keys of every combination of ``config``'s options (``CONFIG_OPTIONS``): a cache folder
    named by another key was made by another version of the code, data files or jieba
    (``cache.clear``'s ``keep``).

    Example:
        >>> config().key in config_keys()
        True
    """
    return frozenset(
        config(**dict(zip(CONFIG_OPTIONS, values, strict=True))).key
        for values in itertools.product(*CONFIG_OPTIONS.values())
    )


@dataclass(frozen=True, eq=False)
class Resources:
    """Everything a worker needs, built once per process and configuration."""

    gazetteer: pd.DataFrame
    slogan_lexicon: pd.DataFrame
    matcher: Matcher
    tokenizer: tokens.Tokenizer
    units: pd.DataFrame
    indicators: pd.DataFrame
    numbered_names: list[str]
    kwic_terms: list[str]
    stopwords: frozenset[str]
    protected: frozenset[str]
    places: pd.DataFrame | None = None


@dataclass
class Doc:
    """One decoded document: its DOCUMENTS row (``meta``) and raw text."""

    file: str
    raw: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Batch:
    """Documents processed by one task, with the configuration to use.

    With ``store`` (a cache on a file system the worker shares with the parent), the worker
    stores each document's tables there itself, under ``keys``, and returns only the tables
    ``keep`` (all when ``None``).
    """

    docs: list[Doc]
    config: Config
    store: cache.Store | None = None
    keys: list[str] | None = None
    keep: tuple[str, ...] | None = None


_MEMO: dict[str, Resources] = {}


def resources(cfg: Config) -> Resources:
    """Return this process's resources for ``cfg`` (built on first use, then memoized by key)."""
    found = _MEMO.get(cfg.key)
    if found is not None:
        return found
    gazetteer = lexicons.load_gazetteer()
    lexicon = lexicons.load_slogans()
    tokenizer = term_tables.tokenizer(
        slogans=lexicon, gazetteer=gazetteer, hmm=cfg.hmm, backend=cfg.segmenter
    )
    res = Resources(
        gazetteer=gazetteer,
        slogan_lexicon=lexicon,
        matcher=build_matcher(lexicon),
        tokenizer=tokenizer,
        units=lexicons.load_units(),
        indicators=lexicons.load_indicators(),
        numbered_names=lexicons.load_numbered_names(),
        places=lexicons.load_places(),
        kwic_terms=term_tables.kwic_terms(lexicon),
        stopwords=frozenset(
            lexicons.load_stopwords(lists=term_tables.STOPWORD_LISTS)["term"].astype(str)
        ),
        protected=frozenset(term_tables.protected_terms(tokenizer)),
    )
    _MEMO.clear()  # one configuration at a time per process
    _MEMO[cfg.key] = res
    return res


def ready() -> None:
    """Do nothing: a task that makes a process pool start a worker (and run its initializer)."""


def init_worker(cfg: Config) -> None:
    """Process-pool initializer: build the resources before the first task.

    The segmenter's trie (built on first use) is built here too: a pool started early (while
    the corpus is read) then has it ready for the first documents.
    """
    fast = resources(cfg).tokenizer.fast
    if fast is not None:
        fast.trie  # noqa: B018 - built and kept (a cached property)


def config_tables(cfg: Config) -> bytes:
    """Return the tables that depend on the configuration alone, as cache bytes.

    ``segmentation_audit``: ``term_tables.stage_audit`` of this process's tokenizer against the
    stage's stopwords (the table ``pipeline.build`` reports).

    Example:
        >>> sorted(cache.decode_arrow(config_tables(config())))
        ['segmentation_audit']
    """
    res = resources(cfg)
    audit = term_tables.stage_audit(res.tokenizer, res.stopwords)
    return cache.encode({"segmentation_audit": _arrow(audit)})


def process(batch: Batch) -> list[bytes]:
    """Compute the per-document tables of every document in ``batch``.

    The extraction functions run once on the whole batch (their fixed costs paid once) and
    their tables are cut by file: each function treats documents independently and sorts by
    file first, so a document's slice equals what a call on that document alone returns.

    Returns:
        One ``cache.encode`` byte string per document, in batch order (tables ``DOC_TABLES``,
        or ``batch.keep``).

    Example:
        >>> out = process(Batch([Doc("a.txt", "本报讯 创一流。", {"doc_id": "a"})], config()))
        >>> sorted(cache.decode_arrow(out[0])) == sorted(DOC_TABLES)
        True
    """
    res = resources(batch.config)
    out = []
    for i, found in enumerate(tables(batch.docs, res, script=batch.config.script)):
        data = cache.encode(found)
        if batch.store is not None and batch.keys is not None:
            batch.store.put_bytes(batch.keys[i], data)
            if batch.keep is not None:
                data = cache.subset(data, batch.keep)
        out.append(data)
    return out


def tables(
    docs: list[Doc], res: Resources, *, script: Literal["as_is", "simplified"] = "as_is"
) -> list[dict[str, pa.Table]]:
    """Return each document's tables as Arrow tables (see the module docstring)."""
    documents = pd.DataFrame(
        [
            {
                "file": d.file,
                "doc_id": d.meta.get("doc_id", d.file),
                **own_meta(d.meta),
            }
            for d in docs
        ]
    )
    texts = {d.file: d.raw for d in docs}
    articles, cleanup_log = corpus.split(documents, texts, gazetteer=res.gazetteer, script=script)
    tok = tokens.tokenize(articles, tokenizer=res.tokenizer)
    # The slogan lexicon is matched once; finding, discovery and glosses share the matches.
    matches = match_articles(articles["text"].tolist(), res.matcher)
    hits = slogans.find(articles, res.matcher, texts=texts, furniture=cleanup_log, matches=matches)
    found = metrics.extract(
        articles,
        units=res.units,
        indicators=res.indicators,
        gazetteer=res.gazetteer,
        slogan_lexicon=res.slogan_lexicon,
        slogan_hits=hits,
        exclude=res.numbered_names,
        places=res.places,
    )
    kw = (
        kwic.find(articles, res.kwic_terms, texts=texts, window=KWIC_WINDOW)
        if res.kwic_terms
        else schema.empty([*kwic.KWIC_COLUMNS, *kwic.METADATA])
    )
    with tokens.plain_view(res.tokenizer) as plain:
        occ = slogan_discovery.occurrences(
            articles,
            res.matcher,
            word_boundaries=lambda text: tokens.boundaries(plain, text),
            matches=matches,
        )
    counts = term_tables.counted_terms(tok, protected=res.protected, stopwords=res.stopwords)
    art_file = dict(
        zip(articles["article_id"].astype(str), articles["file"].astype(str), strict=True)
    )
    whole = {
        "articles": (articles_to_arrow(articles), articles["file"], None),
        "cleanup_log": (_arrow(cleanup_log), cleanup_log["file"], None),
        "tokens": (tokens_to_arrow(tok), tok["article_id"], art_file),
        "slogan_hits": (_arrow(hits), hits["file"], None),
        "metrics": (_arrow(found), found["file"], None),
        "kwic": (_arrow(kw), kw["file"], None),
        "slogan_occurrences": (_arrow(occ), occ["article_id"], art_file),
        "term_counts": (term_counts_to_arrow(counts), counts["article_id"], art_file),
    }
    rows = {name: _rows_by_file(keys, via=via) for name, (_, keys, via) in whole.items()}
    # Glosses count and locate first occurrences across the articles given, so they are found per
    # document (one pass over the batch, each file's articles counted on their own).
    glossed = slogan_discovery.glosses_by_file(articles, res.matcher, matches=matches)
    no_glosses: pa.Table | None = None
    out = []
    for d in docs:
        doc = {name: _take(table, rows[name].get(d.file)) for name, (table, _, _) in whole.items()}
        own = glossed.get(d.file)
        if own is not None:
            doc["slogan_glosses"] = _arrow(own)
        else:
            if no_glosses is None:
                no_glosses = _arrow(schema.empty(slogan_discovery.GLOSS_COLUMNS))
            doc["slogan_glosses"] = no_glosses
        out.append(doc)
    return out


def _rows_by_file(keys: pd.Series, *, via: dict[str, str] | None = None) -> dict[str, np.ndarray]:
    """Row positions of each file (in row order).

    Args:
        keys: The file of each row or, with ``via``, a key that ``via`` maps to its file (the
            article id): distinct keys are looked up once, not once per row.
        via: Key → file.

    Example:
        >>> rows = _rows_by_file(pd.Series(["a-a01", "b-a01", "a-a02"]),
        ...                      via={"a-a01": "a.txt", "a-a02": "a.txt", "b-a01": "b.txt"})
        >>> {f: idx.tolist() for f, idx in rows.items()}
        {'a.txt': [0, 2], 'b.txt': [1]}
    """
    if keys.empty:
        return {}
    codes, uniques = pd.factorize(keys.astype(str))
    names = [str(u) for u in uniques]
    if via is not None:
        names = [via[n] for n in names]
    files, file_of_key = np.unique(np.array(names, dtype=object), return_inverse=True)
    row_file = file_of_key[codes]
    order = np.argsort(row_file, kind="stable").astype(np.int64)
    sizes = np.bincount(row_file, minlength=len(files))
    ends = np.cumsum(sizes)
    starts = ends - sizes
    return {
        str(f): order[a:b] for f, a, b in zip(files, starts.tolist(), ends.tolist(), strict=True)
    }


def _take(table: pa.Table, idx: np.ndarray | None) -> pa.Table:
    """Rows ``idx`` of ``table`` (no rows when ``None``)."""
    if idx is None:
        return table.slice(0, 0)
    first = int(idx[0])
    if int(idx[-1]) - first + 1 == len(idx):  # positions are increasing: a contiguous run
        return table.slice(first, len(idx))
    return table.take(pa.array(idx, type=pa.int64()))


def _arrow(df: pd.DataFrame) -> pa.Table:
    """``df`` as an Arrow table without pandas' schema metadata.

    The metadata (a JSON description of every column) is stored with each table of each
    document, where it would outweigh the rows of the small tables; the parent converts the
    concatenated tables from their Arrow types.
    """
    return pa.Table.from_pandas(df, preserve_index=False).replace_schema_metadata(None)


def tokens_to_arrow(tok: pd.DataFrame) -> pa.Table:
    """Return a TOKENS table in Arrow form, compact.

    Positions and offsets are int32; ``article_id`` and ``pos`` are dictionary-encoded (one id
    per article, not one string per token).
    """
    ints = ("sent_id", "position", "start", "end")
    cols = {}
    for c in schema.TOKENS:
        if c in ints:
            cols[c] = pa.array(tok[c].to_numpy(dtype=np.int32))
        else:
            arr = _strings(tok[c])
            cols[c] = arr.dictionary_encode() if c in ("article_id", "pos") else arr
    return pa.table(cols)


def _strings(col: pd.Series) -> pa.Array:
    """A text column as an Arrow string array (Arrow-backed strings are taken as they are)."""
    if not pd.api.types.is_string_dtype(col.dtype) or col.dtype == object:
        col = col.astype(str)
    return pa.array(col.array).cast(pa.string())


def term_counts_to_arrow(counts: pd.DataFrame) -> pa.Table:
    """Return an ``article_counts`` table in Arrow form (``article_id`` dictionary-encoded).

    ``term`` stays a plain string column: a document's slice of a batch's dictionary would carry
    the whole batch's dictionary into its cache entry.
    """
    return pa.table(
        {
            "article_id": _strings(counts["article_id"]).dictionary_encode(),
            "term": _strings(counts["term"]),
            "n": pa.array(counts["n"].to_numpy(dtype=np.int32)),
        }
    )


def articles_to_arrow(articles: pd.DataFrame) -> pa.Table:
    """Return an ARTICLES table in Arrow form, its offset maps as list columns."""
    plain = articles.drop(columns=[schema.OFFSET_MAP])
    table = _arrow(plain)
    maps = list(articles[schema.OFFSET_MAP])
    ints = pa.list_(pa.int64())
    table = table.append_column(
        "om_text_starts", pa.array([m.text_starts.tolist() for m in maps], type=ints)
    )
    table = table.append_column(
        "om_raw_starts", pa.array([m.raw_starts.tolist() for m in maps], type=ints)
    )
    table = table.append_column(
        "om_raw_lens", pa.array([m.raw_lens.tolist() for m in maps], type=ints)
    )
    return table.append_column(
        "om_text_len", pa.array([int(m.text_len) for m in maps], type=pa.int64())
    )


def articles_from_arrow(table: pa.Table) -> pd.DataFrame:
    """Return the ARTICLES DataFrame (with ``offset_map``) of ``articles_to_arrow`` output."""
    columns = [
        _offset_lists(table.column(c)) for c in ("om_text_starts", "om_raw_starts", "om_raw_lens")
    ]
    lens = table.column("om_text_len").to_numpy()
    maps = [
        textmap.OffsetMap(ts, rs, rl, int(n))
        for ts, rs, rl, n in zip(*columns, lens.tolist(), strict=True)
    ]
    df = table.drop_columns(list(OFFSET_COLUMNS)).to_pandas()
    df[schema.OFFSET_MAP] = pd.Series(maps, index=df.index, dtype=object)
    return df


def _offset_lists(column: pa.ChunkedArray) -> list[np.ndarray]:
    """Split a list<int64> column into one int64 array per row."""
    arr = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    if len(arr) == 0:
        return []
    values = arr.flatten().to_numpy(zero_copy_only=False).astype(np.int64, copy=False)
    offsets = arr.offsets.to_numpy()
    base = int(offsets[0])
    return [values[int(a) - base : int(b) - base].copy() for a, b in itertools.pairwise(offsets)]


#: Per-document tables (but ``articles``) and the columns of their corpus-wide form when empty.
EMPTY_LIKE: dict[str, tuple[str, ...]] = {
    "cleanup_log": schema.CLEANUP_LOG,
    "tokens": schema.TOKENS,
    "slogan_hits": schema.SLOGAN_HITS,
    "metrics": metrics.COLUMNS,
    "kwic": (*kwic.KWIC_COLUMNS, *kwic.METADATA),
    "slogan_glosses": slogan_discovery.GLOSS_COLUMNS,
    "slogan_occurrences": slogan_discovery.OCCURRENCE_COLUMNS,
    "term_counts": terms.ARTICLE_COUNT_COLUMNS,
}


def concat(parts: list[pa.Table]) -> pa.Table:
    """Return the documents' Arrow tables of one name put together, in order.

    Args:
        parts: One table per document (a column missing from some, or of another type, is
            promoted as ``pa.concat_tables`` does with ``promote_options="permissive"``).

    Returns:
        One Arrow table with the rows of every part.
    """
    return pa.concat_tables(parts, promote_options="permissive")


def articles_frame(parts: list[pa.Table]) -> pd.DataFrame:
    """Return the ARTICLES table (with offset maps) of the documents' ``articles`` tables.

    Args:
        parts: Each document's ``articles`` Arrow table (``articles_to_arrow`` form), in order.

    Returns:
        The ARTICLES columns and ``offset_map`` (empty with these columns when ``parts`` is).
    """
    cols = [*schema.ARTICLES, schema.OFFSET_MAP]
    if not parts:
        return schema.empty(cols)
    return articles_from_arrow(concat(parts))[cols]


def merged(name: str, table: pa.Table | None) -> pd.DataFrame:
    """Return the corpus-wide frame of the per-document table ``name``.

    Args:
        name: A table of ``EMPTY_LIKE``.
        table: The table of every document put together (``concat``), or ``None``.

    Returns:
        The frame (``tokens`` compact, as ``token_tables.tokens_frame`` makes it; ``term_counts``
        with ``term`` categorical); ``None`` or no rows give an empty frame with the table's
        columns.
    """
    if table is None or table.num_rows == 0:
        return schema.empty(EMPTY_LIKE[name])
    if name == "term_counts":  # one dictionary of terms: categorical codes for counting
        table = table.set_column(
            1, "term", table.column("term").combine_chunks().dictionary_encode()
        )
    return token_tables.tokens_frame(table) if name == "tokens" else table.to_pandas()


def metrics_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the ``metrics`` table of the corpus from the documents' tables put together.

    ``metric_comparison.build_tables`` passes it on as it is.

    Args:
        frame: ``merged("metrics", ...)``.

    Returns:
        The same rows, numbered from 0.
    """
    return frame.reset_index(drop=True)


def cached_parts(
    store: cache.Store, keys: list[str], name: str, *, verify: bool = True
) -> list[pa.Table] | None:
    """Return the table ``name`` of every document from the cache, or ``None`` if one is missing.

    Args:
        store: The cache of the configuration the documents were computed with.
        keys: The documents' cache keys (``doc_key``), in order.
        name: A table of ``DOC_TABLES``.
        verify: Check the checksums (see ``cache.Store.get_arrow``).

    Returns:
        The documents' Arrow tables, in the order of ``keys``; ``None`` if an entry is missing,
        damaged or without the table.
    """
    parts = []
    for key in keys:
        found = store.get_arrow(key, names=(name,), verify=verify)
        if found is None or name not in found:
            return None
        parts.append(found[name])
        del found
    return parts


#: DOCUMENTS columns relating a document to other files (``corpus.duplicates``): they change
#: when another file changes, and no per-document table depends on them (``tables`` leaves them
#: out, ``own_meta``), so they are not part of a document's key.
RELATIONS: tuple[str, ...] = ("duplicate_of", "near_duplicate_of")


def own_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """Return a document's metadata row without ``RELATIONS``: what its tables may depend on.

    ``tables`` sees this and ``doc_key`` hashes it, so the key covers all a worker is given.

    Example:
        >>> own_meta({"file": "b.txt", "duplicate_of": "a.txt", "near_duplicate_of": ""})
        {'file': 'b.txt'}
    """
    return {k: v for k, v in meta.items() if k not in RELATIONS}


def doc_key(meta: dict[str, Any]) -> str:
    """Return a document's cache key: its content hash (``sha256``) and its metadata row.

    The columns ``RELATIONS`` are left out: editing one of two identical files changes the other's
    ``duplicate_of`` but not its tables, so it is not computed again.

    Example:
        >>> doc_key({"file": "a.txt", "sha256": "00"}) == doc_key({"sha256": "00", "file": "a.txt"})
        True
        >>> doc_key({"file": "b.txt", "duplicate_of": "a.txt"}) == doc_key({"file": "b.txt"})
        True
    """
    return cache.hash_text(
        json.dumps(own_meta(meta), sort_keys=True, ensure_ascii=False, default=str)
    )
