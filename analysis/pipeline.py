"""Every table for a corpus, computed once and shared by all reports of a batch.

``build`` runs the stages in order; each stage reads tables made before it and adds its own.
``build_and_write`` also writes them into an output folder (``table_files``, which stores them as
CSV or Parquet and reads them back) and ``load`` returns them, read back or built.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import pyarrow as pa

from analysis import (
    cache,
    corpus,
    docwork,
    kwic,
    lexicons,
    memory,
    metric_comparison,
    outputs,
    parallel,
    schema,
    slogan_discovery,
    slogans,
    table_files,
    term_tables,
    textmap,
    token_tables,
)
from analysis.errors import AnalysisError

log = logging.getLogger(__name__)

Tables = table_files.Tables


def build(
    root: str | Path,
    *,
    jobs: int | None = None,
    executor: Executor | None = None,
    cache_dir: str | Path = cache.DEFAULT_DIR,
    use_cache: bool = True,
    progress: bool | None = None,
    script: Literal["as_is", "simplified"] = "as_is",
    segmenter: Literal["fast", "jieba"] = "fast",
) -> Tables:
    """Load a corpus folder and compute every table.

    Per-document work (split, tokenize, slogan hits, metric claims, KWIC, glosses) runs in
    ``docwork.process`` on every core (or any ``Executor``) and is cached per document; the
    corpus-level tables (term counts, keyness, slogan usage, diffusion, discovery, metric
    comparison ...) are then computed from the concatenated per-document tables, and cached as
    a whole under the list of document keys. Results are identical whatever ``jobs``,
    ``executor`` or cache state.

    Args:
        root: A folder of ``.txt`` files (searched recursively), optionally with ``manifest.csv``.
        jobs: Worker processes (default: the cores); ``1`` works in this process.
        executor: Run the per-document work there instead (e.g. a
            ``distributed.Client(...).get_executor()``); ``jobs`` is then ignored.
        cache_dir: Cache root (default ``.cache/analysis`` in the project folder).
        use_cache: Read and write the cache; ``False`` computes everything and writes nothing.
        progress: Show documents, MB/s and ETA while documents are processed (a bar on a
            terminal, one line per 10% otherwise); ``None`` shows it only on a terminal, so
            notebooks stay quiet.
        script: ``"simplified"`` converts the analysis copy of Traditional Chinese to Simplified
            (OpenCC; offsets still refer to the raw text); ``"as_is"`` (default) keeps it.
        segmenter: ``"fast"`` (default) cuts with ``segmenter.cut``, ``"jieba"`` with jieba's
            own code: the same tokens (``tokens.build_tokenizer``'s ``backend``).

    Returns:
        A dict of tidy tables keyed by name (``documents``, ``skipped``, ``articles``,
        ``cleanup_log``, and the tables of later stages). ``tokens`` is compact: ``article_id``
        and ``pos`` categorical (categories sorted), positions and offsets int32.

    Raises:
        CorpusError: If the folder does not exist or holds no ``.txt`` file.
        ParameterError: If ``jobs`` is not a positive whole number.
    """
    with contextlib.ExitStack() as held:
        tables, store_corpus, _, _ = _start(
            root,
            jobs=jobs,
            executor=executor,
            cache_dir=cache_dir,
            use_cache=use_cache,
            progress=progress,
            script=script,
            segmenter=segmenter,
            held=held,
        )
        store_corpus()
    return tables


def build_and_write(
    root: str | Path, out_dir: str | Path, **options: Any
) -> tuple[Tables, list[Path] | None]:
    """``build`` the tables and write them unless ``out_dir`` holds this build already.

    The files are those of ``build`` then ``table_files.write``, with a stamp
    (``table_files.STAMP``) recording the build's key (configuration and corpus) and each file's
    size and modification time: when the key and every file still match, nothing is written.
    ``tokens``, the largest table, is written by a process of its own while this one computes the
    other corpus tables (it reads the documents' tokens from the cache; with one job, no cache or
    another executor, by a thread of this process from the moment the table is put together), and
    the whole-corpus cache entry is stored in a thread while the other tables are written. This is
    what ``python -m analysis tables`` runs. The folder is locked meanwhile
    (``outputs.folder_lock``): a second build into it stops at once instead of mixing its files
    with this one's. A folder made by a build that fails before writing anything is removed.

    Args:
        root: The corpus folder (as for ``build``).
        out_dir: Folder for the tables (as for ``table_files.write``).
        **options: Passed to ``build`` (``jobs``, ``executor``, ``cache_dir``, ``use_cache``,
            ``progress``, ``script``, ``segmenter``).

    Returns:
        Every table but ``tokens`` (``table_files.read`` loads it from ``out_dir``), and the paths
        written (``None`` when ``out_dir`` was up to date).

    Raises:
        AnalysisError: If another build is writing ``out_dir``.

    Example:
        >>> tables, paths = build_and_write("seeds", "out/tables")  # doctest: +SKIP
    """
    out = Path(out_dir)
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)

    def busy(holder: str) -> AnalysisError:
        return AnalysisError(
            f"output folder {str(out_dir)!r} is being written by another build; wait for it to "
            "finish, or give another --out folder"
        )

    try:
        # The folder itself is locked: nothing is added to it.
        with (
            outputs.folder_lock(out, busy),
            contextlib.ExitStack() as held,
            ThreadPoolExecutor(1) as side,
        ):
            tables, store_corpus, pending, key = _start(
                root, out=_Out(out, side), held=held, **options
            )
            with ThreadPoolExecutor(1) as storer:
                storing = storer.submit(store_corpus)
                paths = table_files.write_if_changed(tables, out, pending, key)
                storing.result()
    except BaseException:
        if created:  # a folder made for nothing goes again (only if still empty)
            with contextlib.suppress(OSError):
                out.rmdir()
        raise
    return tables, paths


@dataclass(frozen=True)
class _Out:
    """Where ``build_and_write`` writes the tables, and its thread for writing ``tokens``."""

    folder: Path
    thread: Executor


#: Tables being written, by name: each job returns the paths it wrote (``table_files.write_table``).
_Pending = dict[str, "Future[list[Path]]"]


def _start(
    root: str | Path,
    *,
    jobs: int | None = None,
    executor: Executor | None = None,
    cache_dir: str | Path = cache.DEFAULT_DIR,
    use_cache: bool = True,
    progress: bool | None = None,
    script: Literal["as_is", "simplified"] = "as_is",
    segmenter: Literal["fast", "jieba"] = "fast",
    out: _Out | None = None,
    held: contextlib.ExitStack | None = None,
) -> tuple[Tables, Callable[[], None], _Pending, str]:
    """Compute the tables as ``build`` does; also return what stores the whole-corpus entry.

    The build is registered with the cache (``cache.Store.using``) until ``held`` closes, which
    must be after the returned function and jobs are done (they read cache entries).

    The returned function puts the corpus tables into the cache (it does nothing when they
    came from the cache or no cache is used); it only reads the tables. With ``out``, the
    ``tokens`` table is not returned but written into ``out.folder`` (unless the folder is up to
    date with this build) by the jobs returned third. Returned last is the build's key
    (configuration and corpus: the same key means the same tables).
    """
    n_jobs = parallel.check_jobs(jobs)
    if progress is None:
        progress = sys.stderr.isatty()
    cfg = docwork.config(script=script, segmenter=segmenter)
    store = cache.Store(cache_dir, cfg.key) if use_cache else None
    if store is not None and held is not None:
        held.enter_context(store.using())
    # With an empty cache every document is computed, and after files were edited some are:
    # the workers start (and load their dictionaries, 2-3 s) while this process reads and
    # hashes the corpus; as many as the edited text keeps busy (``workers_for``).
    early: Executor | None = None
    if executor is None and n_jobs > 1 and store is not None:
        edited = None if not store.folder.exists() else _edited_since_last_build(Path(root), store)
        if edited != 0:
            n_early = n_jobs if edited is None else workers_for(n_jobs, edited)
            early = parallel.process_pool(n_early, initializer=docwork.init_worker, initargs=(cfg,))
            for _ in range(n_early):
                early.submit(docwork.ready)
    try:
        return _build(
            root,
            cfg,
            store,
            n_jobs,
            executor or early,
            progress,
            own=early,
            local=executor is None,
            out=out,
        )
    finally:
        if early is not None:
            early.shutdown(cancel_futures=True)


def _build(
    root: str | Path,
    cfg: docwork.Config,
    store: cache.Store | None,
    n_jobs: int,
    executor: Executor | None,
    progress: bool,
    *,
    own: Executor | None = None,
    local: bool = True,
    out: _Out | None = None,
) -> tuple[Tables, Callable[[], None], _Pending, str]:
    """``_start`` after its options are checked.

    ``executor`` is the pool to use, if any; ``own``, a pool of ``build``'s own, is shut down as
    soon as the documents are done, so its workers' memory is free for the corpus tables.
    ``local``: the pool (if any) is this machine's, so another local process may write
    ``tokens`` from the cache.
    """
    loaded = corpus.load(root)
    if cfg.script == "as_is":
        _warn_traditional(root, loaded.texts)
    records: list[dict[str, Any]] = [
        {str(k): v for k, v in rec.items()} for rec in loaded.documents.to_dict("records")
    ]
    keys = [docwork.doc_key(rec) for rec in records]
    corpus_key = "corpus-" + cache.hash_text(
        json.dumps([keys, loaded.skipped.to_dict("records")], ensure_ascii=False, default=str)
    )
    key = f"{cfg.key}/{corpus_key}"
    lineage = str(Path(root).resolve())  # whole-corpus entries succeed each other per folder
    # With ``out``, the tables are written unless the folder holds this build already; then
    # ``tokens`` is needed here only if no other process writes it.
    writing = out is not None and not table_files.up_to_date(key, out.folder)
    wants_tokens = out is None or writing  # returned (``build``) or to be written
    pending: _Pending = {}

    def start_writing(name: str, frame: pd.DataFrame) -> None:
        assert out is not None
        table_files.unstamp(out.folder)
        pending[name] = out.thread.submit(
            table_files.write_table,
            name,
            frame.copy(deep=False),
            out.folder,
            table_files.PARQUET_ROWS,
        )

    if store is not None:
        whole = store.get_arrow(corpus_key)
        if whole is not None and set(whole) >= set(CORPUS_TABLES):
            # ``tokens`` is returned (``build``), or only written: from the documents' parts.
            tokens = _cached_tokens(store, keys) if out is None else None
            parts = docwork.cached_parts(store, keys, "tokens") if writing else None
            if tokens is not None or parts is not None or not wants_tokens:
                log.info("%s: every table read from the cache", root)
                store.supersede(lineage, corpus_key, keys)
                tables = _assemble(loaded, whole, tokens)
                if parts is not None:
                    assert out is not None
                    table_files.unstamp(out.folder)
                    pending["tokens"] = out.thread.submit(
                        table_files.write_token_parts, parts, out.folder, table_files.PARQUET_ROWS
                    )
                return tables, _nothing, pending, key
    # With this machine's workers and the cache, a process of its own writes ``tokens`` (and
    # the other ``table_files.WRITTEN_FROM_CACHE``) from the documents' cache entries while this one
    # computes the other tables.
    writer: Executor | None = None
    if writing and local and n_jobs > 1 and store is not None and keys:
        writer = parallel.process_pool(1, initializer=memory.steady_mmap)
        writer.submit(docwork.ready)  # the process starts while the documents are processed
    try:
        names = docwork.DOC_TABLES
        if not wants_tokens or writer is not None:
            names = tuple(n for n in names if n != "tokens")
        per_doc, config_tables = _documents(
            _Run(loaded, records, keys, cfg, store, n_jobs, executor, progress, names, local)
        )
        if own is not None:
            own.shutdown()
        memory.release()
        if writer is not None:
            assert out is not None and store is not None
            table_files.unstamp(out.folder)
            for name in table_files.WRITTEN_FROM_CACHE:
                pending[name] = writer.submit(
                    table_files.write_cached,
                    store.root,
                    store.key,
                    keys,
                    out.folder,
                    name,
                    table_files.PARQUET_ROWS,
                    # ``_documents`` checked every entry it read (``check_all``); the others
                    # were written by this build's workers.
                    checked=True,
                )
        tables = _aggregate(
            loaded,
            per_doc,
            config_tables,
            ready=start_writing if writing and writer is None else None,
            with_tokens="tokens" in names,
        )
    finally:
        if writer is not None:
            writer.shutdown(wait=False)  # its process ends when ``tokens`` is written
    if out is not None:
        tables.pop("tokens", None)
    memory.release()
    if store is None:
        return tables, _nothing, pending, key

    # Shallow copies: the thread that stores them shares no pandas object with the caller.
    entry = _CorpusEntry({name: tables[name].copy(deep=False) for name in CORPUS_TABLES})

    def store_corpus() -> None:
        store.put(corpus_key, entry)
        # The entry of this folder's previous contents is of no further use (unless another
        # folder has them): a 100 MB corpus's entry takes about 360 MB. So are the entries of
        # documents the folder no longer holds (files changed or removed since).
        store.supersede(lineage, corpus_key, keys)
        memory.release()

    return tables, store_corpus, pending, key


#: Characters of each file ``_warn_traditional`` looks at.
SCRIPT_SAMPLE = 5000


def _warn_traditional(root: str | Path, texts: Mapping[str, str]) -> None:
    """Log a warning naming the files that look Traditional when they are read as written.

    The page rules, lexicons, gazetteer and stopwords are Simplified: such files need
    ``script="simplified"`` (``--script simplified``). Judged on the first ``SCRIPT_SAMPLE``
    characters of each file (``textmap.traditional_share`` above one half).
    """
    found = [f for f, t in texts.items() if textmap.traditional_share(t[:SCRIPT_SAMPLE]) > 0.5]
    if found:
        log.warning(
            "%s: %d of %d files look like Traditional Chinese (%s%s); the page rules, lexicons "
            "and gazetteer are Simplified, so run with --script simplified "
            "(make reports SCRIPT=simplified)",
            root,
            len(found),
            len(texts),
            ", ".join(found[:3]),
            " …" if len(found) > 3 else "",
        )


def _edited_since_last_build(root: Path, store: cache.Store) -> int | None:
    """Return the bytes of the ``.txt`` files under ``root`` newer than every whole-corpus entry.

    ``None`` when there is no such entry (every document may be computed). A guess made before
    the corpus is read, only to decide how many workers start early; which documents are
    computed is decided from their contents, as always.
    """
    try:
        entries = list(store.path("corpus-").parent.glob("corpus-*.arrowpack"))
        if not entries:
            return None
        newest = max(p.stat().st_mtime_ns for p in entries)
        stats = (p.stat() for p in root.rglob("*.txt"))
        return sum(s.st_size for s in stats if s.st_mtime_ns > newest)
    except OSError:  # an entry or file removed meanwhile: no guess
        return 0


#: Bytes of text worth a worker of its own. Starting one (imports, dictionaries) costs about
#: 2 s of a core, as much as computing 1.5-2 MB; below this, one worker computes while the
#: other core reads the cache entries of the unchanged documents.
WORKER_BYTES = 3_000_000


def workers_for(jobs: int, n_bytes: int) -> int:
    """Return the workers to start for ``n_bytes`` of text: one per ``WORKER_BYTES``, <= ``jobs``.

    Example:
        >>> workers_for(2, 1_100_000), workers_for(2, 3_500_000), workers_for(8, 0)
        (1, 2, 1)
    """
    return max(1, min(jobs, -(-n_bytes // WORKER_BYTES)))


def _nothing() -> None:
    """Store nothing (the tables came from the cache, or no cache is used)."""


#: Tables stored in the whole-corpus cache entry (``documents`` and ``skipped`` are reloaded;
#: ``tokens``, the largest, is put together from the documents' entries, not stored twice).
CORPUS_TABLES: tuple[str, ...] = (
    "articles",
    "cleanup_log",
    "terms",
    "keyness",
    "kwic",
    "segmentation_audit",
    *slogans.TABLES,
    "metrics",
    "metric_comparison",
    "metric_checks",
    "metric_ranks",
)
#: Cache entry of the tables that depend on the configuration alone (``docwork.config_tables``).
CONFIG_ENTRY = "configuration"
#: Documents per task, at most (tasks also stop at ``TASK_BYTES``).
TASK_DOCS = 16
#: Bytes of text per task, at most (a larger document is a task of its own).
TASK_BYTES = 1_000_000


@dataclass(frozen=True)
class _Run:
    """What the per-document stage works on: the corpus, its rows and keys, and how to run."""

    loaded: corpus.Corpus
    records: list[dict[str, Any]]
    keys: list[str]
    cfg: docwork.Config
    store: cache.Store | None
    jobs: int
    executor: Executor | None
    progress: bool
    names: tuple[str, ...] = docwork.DOC_TABLES  # the tables kept of each document
    local: bool = True  # ``executor`` (if any) runs on this machine


def _documents(run: _Run) -> tuple[list[dict[str, pa.Table]], dict[str, pa.Table]]:
    """Return every document's Arrow tables (from the cache or computed), in file order.

    Also returns the configuration's tables (``docwork.config_tables``), from the cache or
    computed in a worker alongside the documents (so this process never builds a tokenizer).
    """
    store = run.store
    config_tables = store.get_arrow(CONFIG_ENTRY) if store is not None else None
    out: list[dict[str, pa.Table] | None] = [None] * len(run.records)
    cached = [
        i for i, key in enumerate(run.keys) if store is not None and store.path(key).is_file()
    ]
    todo = sorted(set(range(len(run.records))) - set(cached))
    if todo:
        log.info("%d of %d documents to compute", len(todo), len(run.records))
    # The cached entries are read (and checked) in a thread while the others are computed.
    with ThreadPoolExecutor(1) as reader:
        reading = reader.submit(_read_cached, run, cached, out)
        config_tables = _compute(run, todo, out, config_tables)
        reading.result()
    unusable = [i for i in cached if out[i] is None]  # corrupt or incomplete entries
    if unusable:
        _compute(run, unusable, out, config_tables)
    return [x for x in out if x is not None], config_tables


def _read_cached(run: _Run, indices: list[int], out: list[dict[str, pa.Table] | None]) -> None:
    """Fill ``out[i]`` with the cached tables of each document ``i`` whose entry is usable."""
    if run.store is None:
        return
    for i in indices:
        # Every table is checked, also those read later by another process (``tokens``): a
        # damaged entry is computed again now.
        found = run.store.get_arrow(run.keys[i], names=run.names, check_all=True)
        if found is not None and set(found) >= set(run.names):
            out[i] = found


def _compute(
    run: _Run,
    todo: list[int],
    out: list[dict[str, pa.Table] | None],
    config_tables: dict[str, pa.Table] | None,
) -> dict[str, pa.Table]:
    """Compute the documents ``todo`` into ``out`` (and store them); return the config tables.

    ``config_tables`` is returned as given unless ``None``: then it is computed in a worker
    alongside the documents (or here, without one) and stored.
    """
    records, store, cfg = run.records, run.store, run.cfg
    tasks = []
    groups: dict[int, list[int]] = {}
    for group in _groups(todo, records, run.jobs):
        docs = [
            docwork.Doc(
                str(records[i]["file"]), run.loaded.texts[str(records[i]["file"])], records[i]
            )
            for i in group
        ]
        tasks.append(
            parallel.Task(
                item=docwork.Batch(
                    docs,
                    cfg,
                    # This machine's workers store their results themselves.
                    store=store if run.local else None,
                    keys=[run.keys[i] for i in group],
                    keep=None if run.names == docwork.DOC_TABLES else run.names,
                ),
                n_bytes=sum(int(records[i]["n_bytes"]) for i in group),
                label=", ".join(d.file for d in docs[:3]) + (" ..." if len(docs) > 3 else ""),
                n_docs=len(docs),
            )
        )
        groups[id(tasks[-1])] = group
    own: Executor | None = None
    if run.executor is None and run.jobs > 1 and len(tasks) > 1:
        own = parallel.process_pool(
            min(workers_for(run.jobs, sum(t.n_bytes for t in tasks)), len(tasks)),
            initializer=docwork.init_worker,
            initargs=(cfg,),
        )
    pool = run.executor or own
    try:
        pending = (
            pool.submit(docwork.config_tables, cfg)
            if config_tables is None and pool is not None
            else None
        )
        for task, encoded in parallel.run(
            docwork.process, tasks, executor=pool, progress=run.progress
        ):
            for i, data in zip(groups[id(task)], encoded, strict=True):
                if store is not None and task.item.store is None:
                    store.put_bytes(run.keys[i], data)
                out[i] = cache.decode_arrow(data, run.names, verify=False)  # fresh from a worker
        if config_tables is None:
            data = pending.result() if pending is not None else docwork.config_tables(cfg)
            if store is not None:
                store.put_bytes(CONFIG_ENTRY, data)
            config_tables = cache.decode_arrow(data)
    finally:
        if own is not None:
            own.shutdown()
    return config_tables


def _groups(todo: list[int], records: list[dict[str, Any]], jobs: int = 1) -> list[list[int]]:
    """Cut the document indices into tasks of at most ``TASK_DOCS`` documents / ``TASK_BYTES``.

    A few documents (a re-run after small changes) are cut into smaller tasks, at least four
    per worker, so that no worker waits while another computes a whole task of ``TASK_DOCS``.
    """
    per_task = max(1, min(TASK_DOCS, -(-len(todo) // (4 * jobs))))
    groups: list[list[int]] = []
    current: list[int] = []
    size = 0
    for i in todo:
        n = int(records[i]["n_bytes"])
        if current and (len(current) >= per_task or size + n > TASK_BYTES):
            groups.append(current)
            current, size = [], 0
        current.append(i)
        size += n
    if current:
        groups.append(current)
    return groups


def _aggregate(
    loaded: corpus.Corpus,
    per_doc: list[dict[str, pa.Table]],
    config_tables: dict[str, pa.Table],
    *,
    ready: Callable[[str, pd.DataFrame], None] | None = None,
    with_tokens: bool = True,
) -> Tables:
    """Compute the corpus-level tables from the per-document tables (in file order).

    ``ready`` is called with ``tokens`` as soon as it is made, before the other tables. Without
    ``with_tokens`` the documents have no ``tokens`` table (it is written elsewhere) and the
    ``tokens`` table returned is empty.
    """
    articles = docwork.articles_frame([d["articles"] for d in per_doc])
    frames: dict[str, pd.DataFrame] = {}
    for name in docwork.EMPTY_LIKE:
        if name == "tokens" and not with_tokens:
            frames[name] = docwork.merged(name, None)
            continue
        frames[name] = docwork.merged(
            name, docwork.concat([d.pop(name) for d in per_doc]) if per_doc else None
        )
        memory.release()
    per_doc.clear()  # the Arrow tables are no longer needed
    cleanup_log = frames["cleanup_log"][list(schema.CLEANUP_LOG)]
    tables: Tables = {
        "documents": loaded.documents,
        "skipped": loaded.skipped,
        "articles": articles,
        "cleanup_log": cleanup_log,
    }
    tokens_table = token_tables.compact(frames.pop("tokens"))
    if ready is not None and with_tokens:
        ready("tokens", tokens_table)
    gazetteer = lexicons.load_gazetteer()
    slogan_lexicon = lexicons.load_slogans()
    kwic_terms = term_tables.kwic_terms(slogan_lexicon)
    # The term tables (mostly numpy sorts, which run without the interpreter lock) are computed
    # in a thread while this one computes the slogan and metric tables; none changes its inputs.
    with ThreadPoolExecutor(1) as side:
        term_stage = side.submit(
            term_tables.stage,
            articles,
            texts=loaded.texts,
            slogans=slogan_lexicon,
            gazetteer=gazetteer,
            tokens_table=tokens_table,
            kwic_table=_kwic(frames["kwic"], kwic_terms),
            term_counts=frames.pop("term_counts"),
            audit=config_tables["segmentation_audit"].to_pandas(),
        )
        slogan_tables = slogans.build_tables(
            articles,
            slogan_lexicon,
            texts=loaded.texts,
            furniture=cleanup_log,
            idioms=lexicons.load_numeral_idioms(),
            tokenizer=None,  # word boundaries were used per document (``docwork.tables``)
            hits=_hits(frames["slogan_hits"]),
            glosses=_glosses(frames["slogan_glosses"]),
            occurrences=frames.pop("slogan_occurrences"),
        )
        metric_tables = metric_comparison.build_tables(
            articles,
            gazetteer=gazetteer,
            slogan_lexicon=slogan_lexicon,
            units=lexicons.load_units(),
            indicators=lexicons.load_indicators(),
            slogan_hits=slogan_tables.get("slogan_hits"),
            exclude=lexicons.load_numbered_names(),
            extracted=docwork.metrics_frame(frames["metrics"]),
            places=lexicons.load_places(),
        )
        tables.update(term_stage.result())
    tables.update(slogan_tables)
    tables.update(metric_tables)
    return tables


def _kwic(found: pd.DataFrame, queries: list[str]) -> pd.DataFrame:
    """Sort per-document KWIC rows as ``kwic.find`` does for the whole corpus."""
    if found.empty:
        return (
            schema.empty([*kwic.KWIC_COLUMNS, *kwic.METADATA]) if not len(found.columns) else found
        )
    order = {q: i for i, q in enumerate(queries)}
    out = found.assign(_order=found["query"].map(order))
    out = out.sort_values(["_order", "file", "start", "end"], kind="stable")
    return (
        out.drop(columns="_order").reset_index(drop=True).astype({"start": "int64", "end": "int64"})
    )


def _hits(hits: pd.DataFrame) -> pd.DataFrame:
    """Per-document hits in file order are already sorted as ``slogans.find`` sorts them."""
    return hits.reset_index(drop=True)


def _glosses(parts: pd.DataFrame) -> pd.DataFrame:
    """Merge per-document glosses: counts summed, first occurrence kept (as for the corpus)."""
    if parts.empty:
        return parts if len(parts.columns) else schema.empty(slogan_discovery.GLOSS_COLUMNS)
    n = parts.groupby(["canonical", "gloss"], sort=False)["n"].transform("sum")
    out = parts.assign(n=n).drop_duplicates(["canonical", "gloss"], keep="first")
    out = out.sort_values(["canonical", "file", "start"], kind="stable").reset_index(drop=True)
    return out[list(slogan_discovery.GLOSS_COLUMNS)]


class _CorpusEntry(Mapping[str, Any]):
    """The corpus tables of the whole-corpus cache entry, converted one at a time.

    ``Store.put`` reaches each table in turn, so at most one table is held twice at a time.
    """

    def __init__(self, tables: Tables) -> None:
        self.tables = tables

    def __getitem__(self, name: str) -> pa.Table | pd.DataFrame:
        if name == "articles":
            return docwork.articles_to_arrow(self.tables[name])
        return self.tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(CORPUS_TABLES)

    def __len__(self) -> int:
        return len(CORPUS_TABLES)


def _cached_tokens(store: cache.Store, keys: list[str]) -> pd.DataFrame | None:
    """Return the tokens of every document from the cache, or ``None`` if one is missing."""
    parts = docwork.cached_parts(store, keys, "tokens")
    if parts is None:
        return None
    if not parts:
        return token_tables.compact_tokens(schema.empty(schema.TOKENS))
    return token_tables.tokens_frame(docwork.concat(parts))


def _assemble(
    loaded: corpus.Corpus, whole: dict[str, pa.Table], tokens: pd.DataFrame | None
) -> Tables:
    """Return the tables of a whole-corpus cache entry, with ``documents``, ``skipped``, tokens.

    ``tokens`` is left out when ``None``.
    """
    tables: Tables = {"documents": loaded.documents, "skipped": loaded.skipped}
    if tokens is not None:
        tables["tokens"] = tokens
    for name in CORPUS_TABLES:
        if name == "articles":
            tables[name] = docwork.articles_from_arrow(whole[name])
        else:
            tables[name] = whole[name].to_pandas()
    return tables


#: The project folder (relative corpus and table paths in notebooks are resolved against it).
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def resolve(path: str | Path) -> Path:
    """Return ``path`` as given if it exists from here, else relative to the project folder.

    A notebook opened in JupyterLab runs in ``notebooks/`` while a batch runs in the project
    folder; with this, a default such as ``corpus="seeds"`` means the same in both.

    Example:
        >>> resolve("seeds").name
        'seeds'
    """
    p = Path(path)
    if p.is_absolute() or p.exists():
        return p
    return PROJECT_ROOT / p


def load(corpus: str | Path, tables_dir: str | Path = "", **options: Any) -> Tables:
    """Return every table of a corpus: read from ``tables_dir`` if given, else ``build`` it.

    This is the one loading step of every report notebook. Relative paths are resolved with
    ``resolve``.

    Args:
        corpus: The corpus folder (used when ``tables_dir`` is empty).
        tables_dir: Tables written by ``table_files.write`` (the batch runner builds them once per
            corpus); read with ``table_files.read``.
        **options: Passed to ``build`` (``jobs``, ``use_cache``, ``script`` ...).

    Returns:
        The tables keyed by name.

    Example:
        >>> tables = load("seeds")  # doctest: +SKIP
    """
    if str(tables_dir):
        return table_files.read(resolve(tables_dir))
    return build(resolve(corpus), **options)
