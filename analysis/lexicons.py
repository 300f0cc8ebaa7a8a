"""Loaders for the data files under ``analysis/data/`` (and user-supplied replacements).

Every data file is UTF-8 CSV (or one-entry-per-line text) with its source and licence recorded in
``analysis/data/SOURCES.md``. Loaders validate before anything else runs: a malformed file is a
``LexiconError`` naming the file, the line and the field.
"""

from __future__ import annotations

import csv
import hashlib
import io
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis.errors import LexiconError, in_file

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(name: str) -> Path:
    """Return the path of a data file shipped with the package."""
    return DATA_DIR / name


def display_path(path: str | Path) -> str:
    """Return ``path`` relative to the project (or just its name) for messages and provenance."""
    p = Path(path).resolve()
    root = DATA_DIR.parent.parent
    try:
        return p.relative_to(root).as_posix()
    except ValueError:
        return p.name


def sha256(path: str | Path) -> str:
    """Return the sha256 hex digest of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _read_utf8(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LexiconError(in_file(display_path(path), "file not found; check the path.")) from None
    except OSError as exc:
        raise LexiconError(
            in_file(display_path(path), f"cannot be read ({exc.strerror}).")
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LexiconError(
            in_file(
                display_path(path),
                f"not valid UTF-8 at byte offset {exc.start}; save the file as UTF-8.",
            )
        ) from None


def read_table(
    path: str | Path,
    *,
    required: Sequence[str],
    non_empty: Sequence[str] = (),
    unique: Sequence[str] = (),
) -> pd.DataFrame:
    """Read a UTF-8 CSV data file into a table of strings, validating it first.

    Lines starting with ``#`` are comments. Every value is a string (empty string for blanks).
    The returned table has a ``line`` column with the 1-based line number of each row, so later
    checks can name the line too.

    Args:
        path: The CSV file.
        required: Columns that must be present.
        non_empty: Columns that must have a value in every row.
        unique: Columns whose values must not repeat.

    Returns:
        The table, one row per data line.

    Raises:
        LexiconError: Missing file, bad encoding, missing column, wrong number of fields,
            empty required value or duplicate; the message names file, line and field.

    Example:
        >>> read_table(data_path("gazetteer.csv"), required=["name"])  # doctest: +SKIP
    """
    p = Path(path)
    shown = display_path(p)
    text = _read_utf8(p)
    lines = [
        (i + 1, ln) for i, ln in enumerate(text.splitlines()) if not ln.lstrip().startswith("#")
    ]
    lines = [(n, ln) for n, ln in lines if ln.strip()]
    if not lines:
        raise LexiconError(in_file(shown, "no header line; the first line must name the columns."))
    header_no, header_line = lines[0]
    header = [h.strip() for h in next(csv.reader(io.StringIO(header_line)))]
    missing = [c for c in required if c not in header]
    if missing:
        raise LexiconError(
            in_file(shown, f"missing column(s) {missing}; the header has {header}.", line=header_no)
        )
    rows = []
    for n, ln in lines[1:]:
        fields = next(csv.reader(io.StringIO(ln)))
        if len(fields) != len(header):
            raise LexiconError(
                in_file(
                    shown,
                    f"{len(fields)} fields where the header has {len(header)}; "
                    "quote values that contain commas.",
                    line=n,
                )
            )
        row = {h: v.strip() for h, v in zip(header, fields, strict=True)}
        for col in non_empty:
            if not row[col]:
                raise LexiconError(
                    in_file(shown, "empty value; fill it or delete the row.", line=n, field=col)
                )
        row["line"] = str(n)
        rows.append(row)
    df = pd.DataFrame(rows, columns=[*header, "line"])
    df["line"] = df["line"].astype(int)
    for col in unique:
        dup = df[df[col].duplicated(keep="first")]
        if not dup.empty:
            first = dup.iloc[0]
            earlier = int(df.loc[df[col] == first[col], "line"].iloc[0])
            raise LexiconError(
                in_file(
                    shown,
                    f"duplicate value {first[col]!r} (first on line {earlier}); keep one row.",
                    line=int(first["line"]),
                    field=col,
                )
            )
    return df


def read_lines(path: str | Path) -> list[str]:
    """Read a one-entry-per-line UTF-8 text file, skipping blank lines and ``#`` comments."""
    text = _read_utf8(Path(path))
    return [
        ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")
    ]


# --- Tokenizer data: stopwords, user dictionaries, token units ---------------------------------

#: Stopword lists shipped with the package, by name.
STOPWORD_LISTS: dict[str, str] = {"zh": "stopwords_zh.txt", "news": "stopwords_news.txt"}

#: Columns of a user-dictionary table (``load_userdict``).
USERDICT_COLUMNS: tuple[str, ...] = ("word", "freq", "tag", "file", "line")


def load_stopwords(
    *, lists: Sequence[str] = ("zh", "news"), paths: Sequence[str | Path] = ()
) -> pd.DataFrame:
    """Load stopword lists: shipped ones by name and any user files.

    Each file has one entry per line (``#`` comments and blank lines skipped). Entries are
    NFKC-normalized so they match the analysis text.

    Args:
        lists: Names of shipped lists: ``"zh"`` (general function words, from stopwords-iso, MIT)
            and ``"news"`` (news furniture such as 本报讯, 记者, 通讯员). An empty tuple
            turns them off.
        paths: Extra one-entry-per-line files.

    Returns:
        Columns ``term`` (the stopword) and ``list`` (list name or file name), one row per
        (term, list), in file order.

    Raises:
        LexiconError: Unknown list name, missing or unreadable file.

    Example:
        >>> "本报讯" in set(load_stopwords(lists=["news"])["term"])
        True
    """
    rows: list[tuple[str, str]] = []
    for name in lists:
        if name not in STOPWORD_LISTS:
            raise LexiconError(
                f"`lists` value = {name!r} is invalid; value must be one of "
                f"{sorted(STOPWORD_LISTS)} (or pass your own file in `paths`)."
            )
        rows += [(t, name) for t in read_lines(data_path(STOPWORD_LISTS[name]))]
    for p in paths:
        rows += [(t, Path(p).name) for t in read_lines(p)]
    df = pd.DataFrame(rows, columns=["term", "list"])
    df["term"] = df["term"].map(lambda t: unicodedata.normalize("NFKC", t))
    return df.drop_duplicates(ignore_index=True)


def load_userdict(path: str | Path | None = None) -> pd.DataFrame:
    """Load a user dictionary in jieba's format: one ``word [freq] [tag]`` entry per line.

    Fields are separated by spaces or tabs; ``#`` starts a comment line. ``freq`` is a
    non-negative integer (0 deletes the word from the base dictionary); ``tag`` is a
    part-of-speech tag. Words are NFKC-normalized.

    Args:
        path: The file; default the shipped ``domain_terms.txt``.

    Returns:
        Columns ``word``, ``freq`` (int, -1 when not given), ``tag`` ("" when not given),
        ``file`` (display path) and ``line`` (1-based).

    Raises:
        LexiconError: Missing file, bad encoding, or a malformed line (more than three fields, a
            frequency that is not a non-negative integer); the message names file and line.

    Example:
        >>> df = load_userdict()
        >>> bool((df["word"] == "能力作风建设").any())
        True
    """
    p = data_path("domain_terms.txt") if path is None else Path(path)
    shown = display_path(p)
    rows = []
    for n, ln in enumerate(_read_utf8(p).splitlines(), start=1):
        if not ln.strip() or ln.lstrip().startswith("#"):
            continue
        fields = ln.split()
        if len(fields) > 3:
            raise LexiconError(
                in_file(
                    shown,
                    f"{len(fields)} fields in {ln.strip()!r}; a line is `word [freq] [tag]` "
                    "and the word cannot contain spaces.",
                    line=n,
                )
            )
        freq = -1
        if len(fields) >= 2:
            if not fields[1].isdigit():
                raise LexiconError(
                    in_file(
                        shown,
                        f"frequency {fields[1]!r} is not a non-negative integer; "
                        "write `word [freq] [tag]`, e.g. `能力作风建设 5 n`.",
                        line=n,
                        field="freq",
                    )
                )
            freq = int(fields[1])
        tag = fields[2] if len(fields) == 3 else ""
        rows.append((unicodedata.normalize("NFKC", fields[0]), freq, tag, shown, n))
    df = pd.DataFrame(rows, columns=list(USERDICT_COLUMNS))
    return df.astype({"freq": "int64", "line": "int64"})


def load_token_units(path: str | Path | None = None) -> list[str]:
    """Load the units that may follow a number in a quantity kept as one token.

    Args:
        path: One unit per line; default the shipped ``token_units.txt``.

    Returns:
        The units, NFKC-normalized, longest first (ties in file order).

    Example:
        >>> load_token_units()[0]
        '个百分点'
    """
    p = data_path("token_units.txt") if path is None else Path(path)
    units = [unicodedata.normalize("NFKC", u) for u in read_lines(p)]
    return sorted(dict.fromkeys(units), key=len, reverse=True)
