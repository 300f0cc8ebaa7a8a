"""Atomic writing of output files: write to a temporary file in the same folder, then rename.

A failing step never leaves a half-written table or report where a finished one is expected.
CSV files are UTF-8 with a byte-order mark so that Excel opens Chinese text correctly; R
(``readr::read_csv``), Stata (``import delimited, encoding(utf-8)``) and pandas read them as-is.
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

CSV_ENCODING = "utf-8-sig"


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w", **kwargs: object) -> Iterator[IO[Any]]:
    """Open a temporary sibling of ``path`` for writing and move it into place on success.

    Args:
        path: The final file.
        mode: ``"w"`` (text, UTF-8 unless ``encoding`` is given) or ``"wb"``.
        **kwargs: Passed to ``open`` (e.g. ``encoding``, ``newline``).

    Yields:
        The open temporary file.

    Example:
        >>> with atomic_open(tmp / "a.txt") as fh:  # doctest: +SKIP
        ...     fh.write("甲")
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    if "b" not in mode:
        kwargs.setdefault("encoding", "utf-8")
    try:
        with open(tmp, mode, **kwargs) as fh:  # type: ignore[call-overload]
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


#: Lock file ``folder_lock`` holds in a folder when it names its holder.
LOCK_FILE = ".lock"


@contextlib.contextmanager
def folder_lock(
    folder: str | Path, busy: Callable[[str], Exception], *, holder: str | None = None
) -> Iterator[None]:
    """Hold the exclusive lock (``flock``) of an output folder while the block runs.

    Only one process at a time writes a folder of outputs: another one would mix its files
    with this one's. The lock goes with the process, so one that died leaves none.

    Args:
        folder: The folder (it exists).
        busy: Makes the exception raised when another process holds the lock, from what is
            known of that process (its ``holder`` text, else ``"unknown process"``).
        holder: ``None``: the folder itself is locked, and nothing is added to it. A text (e.g.
            the process number and start time): a ``LOCK_FILE`` in the folder is locked and
            holds the text, for the message of a process that finds the folder busy.

    Raises:
        Exception: ``busy(...)``, if another process holds the lock; nothing is changed.

    Example:
        >>> with folder_lock(out, lambda who: RuntimeError(f"busy: {who}")):  # doctest: +SKIP
        ...     write_text(out / "a.txt", "甲")
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no locking
        yield
        return
    target = Path(folder) if holder is None else Path(folder) / LOCK_FILE
    flags = os.O_RDONLY if holder is None else os.O_RDWR | os.O_CREAT
    fd = os.open(target, flags, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            who = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip() if holder else ""
            raise busy(who or "unknown process") from None
        except OSError:  # a file system without locks: go on unlocked
            pass
        if holder:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{holder}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically."""
    with atomic_open(path, "w", newline="") as fh:
        fh.write(text)


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb") as fh:
        fh.write(data)


def _has_cr(col: pd.Series) -> bool:
    """Return True if any text value of ``col`` holds a carriage return.

    A categorical column is checked through its categories, a string column with the vectorized
    ``str.contains``; only object columns (mixed values) are checked value by value.
    """
    if isinstance(col.dtype, pd.CategoricalDtype):
        col = col.cat.categories.to_series()
    if pd.api.types.is_string_dtype(col.dtype) and col.dtype != object:
        return bool(_holding(_text_array(col), b"\r").any())
    return bool(col.map(lambda v: isinstance(v, str) and "\r" in v).any())


def write_csv(path: str | Path, df: pd.DataFrame) -> None:
    r"""Write a table as CSV (UTF-8 with BOM, ``\n`` line ends, no index) atomically.

    Columns holding Python objects that are not scalars (e.g. offset maps) must be dropped first.
    Fields are quoted only when needed; a table with a carriage return in a text cell (raw text
    of a file with lone-CR line ends) has every text field quoted, since the ``csv`` module does
    not quote a lone ``\r`` when lines end in ``\n`` and readers would split the row there.

    The bytes are those of ``DataFrame.to_csv`` with these options. Tables of the usual column
    types (text, integers, floats, booleans, categoricals of text) are formatted a column at a
    time with Arrow kernels (``_csv_chunk``), several times faster than ``to_csv``, which
    formats them field by field; other tables, and those with a carriage return, are written by
    ``to_csv``.
    """
    has_cr = any(_has_cr(df[c]) for c in df.columns if df[c].dtype.kind not in "biufcmM")
    if not has_cr and _fast_csv(df):
        with atomic_open(path, "wb") as fh:
            fh.write(_BOM + _csv_header(df))
            for lo in range(0, len(df), CSV_CHUNK_ROWS):
                fh.write(_csv_chunk(df.iloc[lo : lo + CSV_CHUNK_ROWS]))
        return
    with atomic_open(path, "w", encoding=CSV_ENCODING, newline="") as fh:
        if has_cr:
            df.to_csv(fh, index=False, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
        else:
            df.to_csv(fh, index=False, lineterminator="\n")


#: Rows formatted and written at a time by ``write_csv``'s fast path (bounds the memory).
CSV_CHUNK_ROWS = 100_000

_BOM = "\ufeff".encode()


def _fast_csv(df: pd.DataFrame) -> bool:
    """Whether ``_csv_chunk`` formats ``df`` exactly as ``to_csv`` does.

    Every column must be of a type it formats, and named by a string. A table of one column is
    left to ``to_csv`` (the ``csv`` module quotes an empty field when it is a row's only one).
    """
    names = list(df.columns)
    return (
        len(names) >= 2
        and all(isinstance(n, str) for n in names)
        and all(_formats(df.iloc[:, i]) for i in range(len(names)))
    )


def _formats(col: pd.Series) -> bool:
    """Whether ``_csv_fields`` formats ``col`` as ``to_csv`` does."""
    dtype = col.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return _all_text(dtype.categories.to_series())
    if pd.api.types.is_object_dtype(dtype):
        return _all_text(col)
    if isinstance(dtype, np.dtype):
        return dtype.kind in "biu" or dtype == np.float64
    return pd.api.types.is_string_dtype(dtype) or isinstance(dtype, pd.Int64Dtype)


def _all_text(col: pd.Series) -> bool:
    """Whether every value of ``col`` is a string or missing (``None`` or NaN)."""
    return all(isinstance(v, str) or v is None or (isinstance(v, float) and v != v) for v in col)


def _csv_header(df: pd.DataFrame) -> bytes:
    fields = _quoted(pa.array([str(n) for n in df.columns], type=pa.large_string()))
    return (",".join(fields.to_pylist()) + "\n").encode()


def _csv_chunk(df: pd.DataFrame) -> bytes | memoryview:
    """The CSV rows of ``df`` (which ``_fast_csv`` accepts), each ending in a line feed."""
    if not len(df):
        return b""
    columns = [_csv_fields(df.iloc[:, i]) for i in range(df.shape[1])]
    columns[-1] = pc.binary_join_element_wise(columns[-1], _LF, _EMPTY)
    rows = pc.binary_join_element_wise(*columns, _COMMA)
    # The rows are consecutive in the array's data buffer: that stretch is the text.
    offsets = np.frombuffer(rows.buffers()[1], dtype=np.int64)[rows.offset :][: len(rows) + 1]
    return memoryview(rows.buffers()[2])[int(offsets[0]) : int(offsets[-1])]


_LF, _EMPTY, _COMMA, _QUOTE = (pa.scalar(c, pa.large_string()) for c in ("\n", "", ",", '"'))


def _csv_fields(col: pd.Series) -> pa.Array:
    """The CSV fields of a column ``_formats`` accepts, quoted where the ``csv`` module would.

    Missing values are empty fields; integers and booleans as ``str`` gives them; floats as
    numpy's ``str`` (the shortest round-trip form, which ``to_csv`` writes too).
    """
    dtype = col.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "biuf":
        values = col.to_numpy()
        text = values.astype(str)
        if dtype.kind == "f":
            text[np.isnan(values)] = ""
        return pa.array(text, type=pa.large_string())
    if isinstance(dtype, pd.Int64Dtype):
        text = col.to_numpy(dtype="int64", na_value=0).astype(str)
        text[col.isna().to_numpy()] = ""
        return pa.array(text, type=pa.large_string())
    if isinstance(dtype, pd.CategoricalDtype):
        labels = _quoted(pa.array(dtype.categories.to_numpy(dtype=object), pa.large_string()))
        codes = pa.array(col.cat.codes.to_numpy(), mask=(col.cat.codes < 0).to_numpy())
        return pc.fill_null(labels.take(codes), _EMPTY)
    return _quoted(pc.fill_null(_text_array(col), _EMPTY))


def _text_array(col: pd.Series) -> pa.Array:
    """A column of strings (missing: None or NaN) as one ``large_string`` array."""
    values = pa.array(col, from_pandas=True)
    if isinstance(values, pa.ChunkedArray):  # a string column stored by Arrow
        values = values.combine_chunks()
    return values.cast(pa.large_string())


def _quoted(fields: pa.Array) -> pa.Array:
    """``fields`` with those holding a delimiter, quote or line end quoted (quotes doubled)."""
    needs = _holding(fields, b',"\n')
    if not needs.any():
        return fields
    quoted = pc.binary_join_element_wise(
        _QUOTE, pc.replace_substring(fields, '"', '""'), _QUOTE, _EMPTY
    )
    return pc.if_else(pa.array(needs), quoted, fields)


def _holding(values: pa.Array, chars: bytes) -> np.ndarray:
    """For each value of a ``large_string`` array: whether it holds one of the ASCII ``chars``.

    The bytes of all values are searched at once (in UTF-8 an ASCII byte is always that
    character); missing values hold nothing.
    """
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int64)[values.offset :]
    offsets = offsets[: len(values) + 1]
    out = np.zeros(len(values), dtype=bool)
    data = values.buffers()[2]
    if data is None or not len(values) or offsets[-1] == offsets[0]:
        return out
    text = np.frombuffer(data, dtype=np.uint8)[offsets[0] : offsets[-1]]
    hit = text == chars[0]
    for c in chars[1:]:
        hit |= text == c
    found = np.flatnonzero(hit) + offsets[0]
    out[np.searchsorted(offsets, found, side="right") - 1] = True
    if values.null_count:  # a missing value's slot may still span bytes
        out[values.is_null().to_numpy(zero_copy_only=False)] = False
    return out
