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
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pandas as pd

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
        return bool(col.str.contains("\r", regex=False).fillna(False).any())
    return bool(col.map(lambda v: isinstance(v, str) and "\r" in v).any())


def write_csv(path: str | Path, df: pd.DataFrame) -> None:
    r"""Write a table as CSV (UTF-8 with BOM, ``\n`` line ends, no index) atomically.

    Columns holding Python objects that are not scalars (e.g. offset maps) must be dropped first.
    Fields are quoted only when needed; a table with a carriage return in a text cell (raw text
    of a file with lone-CR line ends) has every text field quoted, since the ``csv`` module does
    not quote a lone ``\r`` when lines end in ``\n`` and readers would split the row there.
    """
    has_cr = any(_has_cr(df[c]) for c in df.columns if df[c].dtype.kind not in "biufcmM")
    with atomic_open(path, "w", encoding=CSV_ENCODING, newline="") as fh:
        if has_cr:
            df.to_csv(fh, index=False, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
        else:
            df.to_csv(fh, index=False, lineterminator="\n")
