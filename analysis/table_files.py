"""The output folder of a corpus's tables: written, stamped and read back.

``write`` stores the tables of ``pipeline.build`` as ``<name>.csv`` (``outputs.write_csv``,
atomic), or, for ``tokens`` and ``terms`` with more than ``PARQUET_ROWS`` rows, as
``<name>.parquet`` plus a CSV summary; ``read`` loads a folder back. ``write_if_changed`` leaves a
stamp (``STAMP``: the build's key and each file's size and modification time) so that
``pipeline.build_and_write`` writes nothing when the folder holds its build already
(``up_to_date``). ``write_table`` writes one table; ``write_cached`` and ``write_token_parts``
write a table straight from the documents' cache entries, in a process or thread of their own
while ``pipeline`` computes the other tables (top-level functions, so a process pool can run
them).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis import cache, docwork, memory, outputs, schema, token_tables
from analysis.errors import AnalysisError, ParameterError, invalid_value

#: Tables keyed by name, as ``pipeline.build`` returns them.
Tables = dict[str, pd.DataFrame]


#: Tables kept in memory only (columns that cannot be written to CSV are dropped on write).
IN_MEMORY_COLUMNS = (schema.OFFSET_MAP,)


#: Above this many rows (about Excel's limit of 1,048,576 rows), ``write`` stores a table of
#: ``PARQUET_TABLES`` as Parquet (``<name>.parquet``, compact and fast to read) plus a CSV summary
#: ``<name>_summary.csv`` instead of CSV.
PARQUET_ROWS = 1_000_000


#: Parquet writer options by table (``pq.ParquetWriter``'s keywords; other tables: pyarrow's
#: defaults, a dictionary for every column). ``tokens``: dictionaries for its text columns only,
#: and its positions (sentence, token, start, end), which rise within an article, delta-encoded;
#: the file is about a third of the size and several times faster to read than with the
#: defaults, and faster to write.
PARQUET_OPTIONS: dict[str, dict[str, Any]] = {
    "tokens": {
        "use_dictionary": ["article_id", "token", "pos"],
        "column_encoding": dict.fromkeys(
            ("sent_id", "position", "start", "end"), "DELTA_BINARY_PACKED"
        ),
    },
}


#: ``write`` hands free memory back to the system after a CSV file larger than this.
RELEASE_BYTES = 10_000_000


#: Stamp file ``write_if_changed`` (``pipeline.build_and_write``) leaves in the output folder.
STAMP = ".tables-key.json"


def write(tables: Tables, out_dir: str | Path, *, names: Iterable[str] | None = None) -> list[Path]:
    """Write tables as ``<name>.csv`` into ``out_dir`` atomically.

    ``tokens`` and ``terms`` with more than ``PARQUET_ROWS`` rows are written as Parquet
    (``tokens.parquet``, ``terms.parquet``) plus a CSV summary: ``tokens_summary.csv``
    (article_id, n_tokens, n_sentences) and ``terms_summary.csv`` (the ``terms`` rows of every
    grouping but ``file``); a stale file of the other form is removed, so ``read`` finds one
    table of each name.

    Args:
        tables: Tables from ``pipeline.build``.
        out_dir: Destination folder (created if missing).
        names: Only these tables (default: all).

    Returns:
        The paths written, in name order.
    """
    return _write(tables, Path(out_dir), names=names)


def _write(
    tables: Tables,
    out: Path,
    *,
    names: Iterable[str] | None = None,
    pending: Mapping[str, Future[list[Path]]] | None = None,
) -> list[Path]:
    """``write``; the tables of ``pending`` are being written already (by these jobs)."""
    pending = dict(pending or {})
    chosen = sorted({*(names if names is not None else tables), *pending})
    frames = {name: _writable(tables[name]) for name in chosen if name not in pending}
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, list[Path]] = {}
    # Parquet encoding and compression release the GIL: the large tables are written in a
    # thread while the CSV files are written here.
    with ThreadPoolExecutor(1) as side:
        for name, df in frames.items():
            if _as_parquet(name, df, PARQUET_ROWS):
                pending[name] = side.submit(write_table, name, df, out, PARQUET_ROWS)
        for name in chosen:
            if name in pending:
                continue
            df = frames.pop(name)
            written[name] = write_table(name, df, out, PARQUET_ROWS)
            del df
            if written[name][0].stat().st_size > RELEASE_BYTES:  # a small table frees little
                memory.release()
        for name, job in pending.items():
            written[name] = job.result()
    return [path for name in chosen for path in written[name]]


def write_table(name: str, df: pd.DataFrame, out: Path, parquet_rows: int) -> list[Path]:
    """Write one table as ``write`` does (CSV, or Parquet and a CSV summary); return the paths.

    A stale file of the other form is removed.

    Args:
        name: The table's name (the file's stem).
        df: The table, without columns kept in memory only (``IN_MEMORY_COLUMNS``).
        out: The folder (it exists).
        parquet_rows: A table of ``PARQUET_TABLES`` with more rows is written as Parquet.

    Returns:
        The paths written: ``<name>.csv``, or ``<name>.parquet`` and ``<name>_summary.csv``.
    """
    if _as_parquet(name, df, parquet_rows):
        summary = PARQUET_TABLES[name](df)
        # As ``DataFrame.to_parquet`` (with ``PARQUET_OPTIONS``), in two steps: once converted,
        # the frame's own memory can go while the file is written (when the caller keeps no
        # reference to it).
        table = pa.Table.from_pandas(df, preserve_index=False)
        del df
        return _write_parquet(name, summary, table.schema, [table], out)
    path = out / f"{name}.csv"
    outputs.write_csv(path, df)
    if name in PARQUET_TABLES:
        (out / f"{name}.parquet").unlink(missing_ok=True)
        (out / f"{name}_summary.csv").unlink(missing_ok=True)
    return [path]


def _write_parquet(
    name: str, summary: pd.DataFrame, table_schema: pa.Schema, tables: Iterable[pa.Table], out: Path
) -> list[Path]:
    """Write ``<name>_summary.csv`` and ``<name>.parquet`` (the rows of ``tables``, in order).

    Each table is cut into row groups of at most ``token_tables.PARQUET_ROW_GROUP`` rows, as
    ``pq.write_table`` cuts one table: a table of ``token_tables.PARQUET_ROW_GROUP`` rows at a time
    gives the bytes of ``pq.write_table`` of them all (with the table's ``PARQUET_OPTIONS``). The
    stale CSV form is removed; returns the paths.
    """
    path, summary_path = out / f"{name}.parquet", out / f"{name}_summary.csv"
    outputs.write_csv(summary_path, summary)
    del summary
    options = PARQUET_OPTIONS.get(name, {})
    with (
        outputs.atomic_open(path, "wb") as fh,
        pq.ParquetWriter(fh, table_schema, **options) as writer,
    ):
        for table in tables:
            writer.write_table(table)
    (out / f"{name}.csv").unlink(missing_ok=True)
    return [path, summary_path]


def _as_parquet(name: str, df: pd.DataFrame, parquet_rows: int) -> bool:
    """Whether ``write`` stores this table as Parquet (see ``PARQUET_TABLES``)."""
    return name in PARQUET_TABLES and len(df) > parquet_rows


def write_if_changed(
    tables: Tables, out: Path, pending: Mapping[str, Future[list[Path]]], key: str
) -> list[Path] | None:
    """Write the tables of the build ``key`` unless ``out`` holds them, and stamp the folder.

    The stamp (``STAMP``) records ``key`` and each file's size and modification time
    (``pipeline.build_and_write``).

    Args:
        tables: The tables to write (those of ``pending`` need not be there).
        out: The output folder.
        pending: Tables being written already, by name: each job returns the paths it wrote.
        key: The build's key (configuration and corpus: the same key means the same tables).

    Returns:
        The paths written, or ``None`` when ``out`` was up to date.
    """
    if not pending and up_to_date(key, out):
        return None
    stamp = out / STAMP
    stamp.unlink(missing_ok=True)
    paths = _write(tables, out, pending=pending)
    outputs.write_text(
        stamp, json.dumps({"key": key, "files": {p.name: _signature(p) for p in paths}}, indent=1)
    )
    return paths


def up_to_date(key: str, out: Path) -> bool:
    """Return True if ``out`` holds the tables of the build ``key`` (its stamp and files match).

    Args:
        key: The build's key (as given to ``write_if_changed``).
        out: The output folder.
    """
    stamp = out / STAMP
    if not stamp.is_file():
        return False
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    files = recorded.get("files", {})
    return bool(
        recorded.get("key") == key
        and files
        and all(_signature(out / name) == sig for name, sig in files.items())
    )


def _signature(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def unstamp(folder: Path) -> None:
    """Remove the output folder's stamp before a file in it changes; create the folder.

    Args:
        folder: The output folder.
    """
    (folder / STAMP).unlink(missing_ok=True)
    folder.mkdir(parents=True, exist_ok=True)


#: Tables ``pipeline.build_and_write`` has a process of its own write from the documents' cache
#: entries (the corpus-wide forms of ``tokens``, ``articles`` and ``metrics`` are the documents'
#: tables put together), largest first.
WRITTEN_FROM_CACHE = ("tokens", "articles", "metrics")


def write_cached(
    cache_root: Path,
    key: str,
    doc_keys: list[str],
    folder: Path,
    name: str,
    parquet_rows: int,
    *,
    checked: bool = False,
) -> list[Path]:
    """Write the table ``name`` of these documents' cache entries into ``folder``.

    The table is the one ``pipeline.build`` makes (see ``WRITTEN_FROM_CACHE``); runs in a process
    of its own (``pipeline.build_and_write``).

    Args:
        cache_root: The cache root (``cache.Store.root``).
        key: The configuration's key (``cache.Store.key``).
        doc_keys: The documents' cache keys, in file order.
        folder: The output folder (it exists).
        name: A table of ``WRITTEN_FROM_CACHE``.
        parquet_rows: As for ``write_table``.
        checked: The build read every entry and checked its checksums, or wrote it, moments
            ago (``pipeline.build_and_write``): they are not checked again.

    Returns:
        The paths written.

    Raises:
        ParameterError: If ``name`` is not one of ``WRITTEN_FROM_CACHE``.
        AnalysisError: If an entry is missing or corrupt (the cache folder changed meanwhile).
    """
    if name not in WRITTEN_FROM_CACHE:
        raise ParameterError(invalid_value("name", name, WRITTEN_FROM_CACHE))
    store = cache.Store(cache_root, key)
    frame: pd.DataFrame | None = None
    parts = docwork.cached_parts(store, doc_keys, name, verify=not checked)
    if name == "tokens" and parts is not None:
        # Written from the Arrow parts as they are: no DataFrame of every token.
        return write_token_parts(parts, folder, parquet_rows)
    if parts is not None:
        if name == "articles":
            frame = docwork.articles_frame(parts)
        else:
            frame = docwork.metrics_frame(
                docwork.merged(name, docwork.concat(parts) if parts else None)
            )
    if frame is None:
        raise AnalysisError(
            f"a document's entry in cache folder {store.folder} went missing or was damaged "
            "while the tables were built (was the folder cleared meanwhile?); run the command "
            "again"
        )
    # Handed over with no reference left here, so that ``write_table`` can free it early.
    handed = [_writable(frame)]
    del frame
    return write_table(name, handed.pop(), folder, parquet_rows)


def write_token_parts(parts: list[pa.Table], out: Path, parquet_rows: int) -> list[Path]:
    """Write the ``tokens`` of the documents' TOKENS Arrow parts as ``write_table`` does.

    The Parquet file holds exactly the bytes of ``write_table`` of ``token_tables.tokens_frame``
    (the compact frame ``pipeline.build`` returns) but is written from the parts a row group at a
    time, with no DataFrame of every token; tokens few enough for CSV are written from that frame.

    Args:
        parts: The documents' TOKENS Arrow tables as their cache entries hold them, in file
            order; emptied (each document's tokens are freed once written).
        out: The output folder (it exists).
        parquet_rows: As for ``write_table``.

    Returns:
        The paths written.
    """
    own = [token_tables.token_part(p) for p in parts]
    parts.clear()
    rows = sum(p.num_rows for p in own)
    if rows <= parquet_rows or not rows:
        frame = (
            token_tables.tokens_frame(docwork.concat(own))
            if own
            else token_tables.compact_tokens(schema.empty(schema.TOKENS))
        )
        own.clear()
        handed = [frame]
        del frame
        return write_table("tokens", handed.pop(), out, parquet_rows)
    layout = token_tables.tokens_layout(own)
    return _write_parquet(
        "tokens",
        token_tables.part_token_summary(own, layout),
        layout.schema,
        token_tables.token_row_groups(own, layout, token_tables.PARQUET_ROW_GROUP),
        out,
    )


def _writable(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` without the columns kept in memory only (``IN_MEMORY_COLUMNS``)."""
    return df.drop(columns=[c for c in IN_MEMORY_COLUMNS if c in df])


def _terms_summary(counts: pd.DataFrame) -> pd.DataFrame:
    """Every grouping but the per-file one (the CSV companion of ``terms.parquet``)."""
    group_by = counts["group_by"]
    if not isinstance(group_by.dtype, pd.CategoricalDtype):  # categoricals compare by code
        group_by = group_by.astype(str)
    return counts[(group_by != "file").to_numpy()].reset_index(drop=True)


#: Tables ``write`` stores as Parquet when they have more than ``PARQUET_ROWS`` rows, with the
#: function that makes their CSV summary.
PARQUET_TABLES: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "tokens": token_tables.token_summary,
    "terms": _terms_summary,
}


def read(tables_dir: str | Path) -> Tables:
    """Read every table in ``tables_dir`` as written by ``write`` (``*.csv``, ``*.parquet``).

    A CSV column is read as numbers or booleans only when every value reads back exactly as
    written, so ids and labels like ``001`` or ``+86`` stay strings (blank for missing); a
    Parquet table keeps its types. Offset maps are not stored; use ``pipeline.build`` when spans
    must be mapped again.

    Args:
        tables_dir: A folder written by ``write``.

    Returns:
        The tables keyed by file stem (``tokens_summary`` and ``terms_summary`` included).
    """
    out: Tables = {}
    for path in sorted(Path(tables_dir).glob("*.csv")):
        typed = pd.read_csv(path, encoding=outputs.CSV_ENCODING, keep_default_na=False)
        text = pd.read_csv(path, encoding=outputs.CSV_ENCODING, keep_default_na=False, dtype=str)
        for col in typed.columns:
            if typed[col].dtype.kind in "biuf" and not typed[col].astype(str).equals(text[col]):
                typed[col] = text[col]
        out[path.stem] = typed
    for path in sorted(Path(tables_dir).glob("*.parquet")):
        out[path.stem] = pd.read_parquet(path)
    return out
