"""Loaders for the data files under ``analysis/data/`` (and user-supplied replacements).

Every data file is UTF-8 CSV (or one-entry-per-line text) with its source and licence recorded in
``analysis/data/SOURCES.md``. Loaders validate before anything else runs: a malformed file is a
``LexiconError`` naming the file, the line and the field.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.errors import LexiconError, in_file, invalid_value

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


# A line break of a data file: CRLF, CR or LF (not the other Unicode separators).
RE_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _read_utf8(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LexiconError(in_file(display_path(path), "file not found; check the path.")) from None
    except OSError as exc:
        raise LexiconError(
            in_file(display_path(path), f"cannot be read ({exc.strerror}).")
        ) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise LexiconError(
            in_file(
                display_path(path),
                f"NUL byte at byte offset {nul}; the file is damaged or not UTF-8 text.",
                line=line,
            )
        )
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
        (i + 1, ln)
        for i, ln in enumerate(RE_LINE_BREAK.split(text))
        if not ln.lstrip().startswith("#")
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
        ln.strip()
        for ln in RE_LINE_BREAK.split(text)
        if ln.strip() and not ln.lstrip().startswith("#")
    ]


#: Subject levels allowed in the gazetteer (see docs/corpus.md); ``province`` is used by the
#: place tables (``load_places``).
GAZETTEER_LEVELS = (
    "province",
    "city",
    "county",
    "township",
    "city_agency",
    "county_agency",
    "enterprise",
    "other",
)


def load_gazetteer(path: str | Path | None = None) -> pd.DataFrame:
    """Load and validate the gazetteer of units used for subject attribution.

    Args:
        path: A CSV with columns name, aliases (``|``-separated), level, parent, source;
            default: the shipped ``analysis/data/gazetteer.csv``.

    Returns:
        Columns name, aliases, level, parent, source, line (1-based line in the file).

    Raises:
        LexiconError: Missing column, empty name or level, unknown level, a parent that is not
            a name in the file, or a name/alias used twice; the message names file and line.

    Example:
        >>> g = load_gazetteer()
        >>> g.loc[g["name"] == "竹溪县", "level"].item()
        'county'
    """
    p = Path(path) if path is not None else data_path("gazetteer.csv")
    shown = display_path(p)
    df = read_table(
        p,
        required=["name", "aliases", "level", "parent", "source"],
        non_empty=["name", "level"],
        unique=["name"],
    )
    seen: dict[str, int] = {}
    records = [{k: str(v) for k, v in r.items()} for r in df.to_dict("records")]
    for row in records:
        line = int(row["line"])
        if row["level"] not in GAZETTEER_LEVELS:
            raise LexiconError(
                in_file(
                    shown,
                    f"level {row['level']!r} is not one of {list(GAZETTEER_LEVELS)}.",
                    line=line,
                    field="level",
                )
            )
        aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        for surface in [row["name"], *aliases]:
            if surface in seen:
                raise LexiconError(
                    in_file(
                        shown,
                        f"name or alias {surface!r} is already used on line {seen[surface]}; "
                        "a surface must name one unit.",
                        line=line,
                        field="aliases",
                    )
                )
            seen[surface] = line
    names = set(df["name"])
    for row in records:
        if row["parent"] and row["parent"] not in names:
            raise LexiconError(
                in_file(
                    shown,
                    f"parent {row['parent']!r} is not a name in this file.",
                    line=int(row["line"]),
                    field="parent",
                )
            )
    return df


#: Kinds of slogan (see docs/slogans.md for the rule of each).
SLOGAN_KINDS: tuple[str, ...] = ("parallel", "numbered", "quoted_name", "national_formula")
#: Administrative level of the body that coined or promotes a slogan.
SLOGAN_LEVELS: tuple[str, ...] = (
    "national",
    "province",
    "city",
    "county",
    "township",
    "agency",
    "unknown",
)
#: Columns a slogan lexicon file must have; the optional ones default to empty.
SLOGAN_REQUIRED: tuple[str, ...] = schema.SLOGAN_LEXICON[:7]
SLOGAN_OPTIONAL: tuple[str, ...] = schema.SLOGAN_LEXICON[7:-1]
#: Prefix marking a variant that is a Python regular expression.
REGEX_PREFIX = "re:"
#: Separator of the parts of a parallel slogan in the lexicon.
PART_SEPARATOR = "、"

# A first_seen value: YYYY, YYYY-MM or YYYY-MM-DD.
RE_FIRST_SEEN = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


#: Level of the rows ``load_places`` adds for ``place_exclusions.txt``: surfaces that name no
#: place although a place name is written with them (日照 as sunshine, 长白山 holding 白山).
NOT_PLACE = "not_place"

#: The place tables ``load_places`` reads by default, in order: Hubei's, then the rest of China's.
PLACE_FILES: tuple[str, ...] = ("places_hubei.csv", "places_china.csv")


def load_place_exclusions(path: str | Path | None = None) -> list[str]:
    """Load the surfaces that are never read as places (ordinary words, longer words).

    Args:
        path: A one-entry-per-line text file; default: the shipped
            ``analysis/data/place_exclusions.txt``.

    Returns:
        The entries, in file order.

    Raises:
        LexiconError: Missing file or bad encoding (the message names the file).

    Example:
        >>> "长白山" in load_place_exclusions()
        True
    """
    return read_lines(path or data_path("place_exclusions.txt"))


def load_place_forms(path: str | Path | None = None) -> dict[str, tuple[str, ...]]:
    """Load the Traditional forms of place names (``analysis/data/place_forms.csv``).

    Args:
        path: A CSV with columns surface, forms (``|``-separated); default: the shipped file,
            which covers every name and alias of the shipped place tables.

    Returns:
        Each surface with its Traditional forms (empty when it has none).

    Raises:
        LexiconError: As ``read_table`` (missing file or column, bad encoding).

    Example:
        >>> load_place_forms()["郧阳区"]
        ('鄖陽區',)
    """
    df = read_table(
        path or data_path("place_forms.csv"), required=["surface", "forms"], unique=["surface"]
    )
    return {
        str(s): tuple(f for f in str(v).split("|") if f)
        for s, v in zip(df["surface"], df["forms"], strict=True)
    }


def load_places(
    path: str | Path | Sequence[str | Path] | None = None,
    *,
    exclusions: str | Path | None = None,
) -> pd.DataFrame:
    """Load the other places named in reporting: China's units outside the gazetteer's city.

    They are subjects of claims where they are named (``metrics.extract(places=...)``), never
    the units under study. By default the province, prefecture and county-level units of Hubei
    (``analysis/data/places_hubei.csv``) and of the rest of China (``places_china.csv``), then
    one row of level ``NOT_PLACE`` per entry of ``place_exclusions.txt`` (a surface that names
    no place; a name or alias equal to one is dropped from the place rows).

    Args:
        path: A CSV with the columns of ``load_gazetteer``, or several read in order; default:
            the shipped ``PLACE_FILES``.
        exclusions: A one-entry-per-line file of surfaces that name no place; default: the
            shipped ``analysis/data/place_exclusions.txt``.

    Returns:
        As ``load_gazetteer``: name, aliases, level, parent, source, line (the line in its
        file).

    Raises:
        LexiconError: As ``load_gazetteer``, for each file (a parent is a name of the same
            file); also a name or alias that two of the files use.

    Example:
        >>> p = load_places()
        >>> p.loc[p["name"] == "猇亭区", "parent"].item()
        '宜昌市'
        >>> p.loc[p["name"] == "杭州市", "parent"].item()
        '浙江省'
    """
    if path is None:
        paths: list[str | Path] = [data_path(name) for name in PLACE_FILES]
    elif isinstance(path, (str, Path)):
        paths = [path]
    else:
        paths = list(path)
    tables = [load_gazetteer(p) for p in paths]
    seen: dict[str, str] = {}
    for p, table in zip(paths, tables, strict=True):
        for name, aliases in zip(table["name"], table["aliases"], strict=True):
            for surface in [name, *(a.strip() for a in str(aliases).split("|") if a.strip())]:
                if surface in seen and seen[surface] != str(p):
                    raise LexiconError(
                        in_file(
                            display_path(p),
                            f"name or alias {surface!r} is already used in "
                            f"{display_path(seen[surface])}; a surface must name one unit.",
                        )
                    )
                seen[surface] = str(p)
    df = pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0]
    words = load_place_exclusions(exclusions)
    if not words:
        return df
    drop = set(words)
    df = df[~df["name"].isin(drop)].copy()
    df["aliases"] = [
        "|".join(a for a in str(v).split("|") if a and a not in drop) for v in df["aliases"]
    ]
    extra = pd.DataFrame(
        {
            "name": words,
            "aliases": "",
            "level": NOT_PLACE,
            "parent": "",
            "source": "place_exclusions.txt",
            "line": 0,
        }
    )
    return pd.concat([df, extra.astype(df.dtypes.to_dict())], ignore_index=True)


def load_slogans(path: str | Path | None = None) -> pd.DataFrame:
    """Load and validate a slogan lexicon (default: the shipped ``data/slogans.csv``).

    Format (documented in ``docs/slogans.md``): UTF-8 CSV, ``#`` comments, columns
    ``canonical, variants, kind, level, first_seen, source, notes`` and optionally
    ``gloss, not_before, not_after, quoted_only, context``. ``variants`` holds ``|``-separated
    alternative forms; a form starting with ``re:`` is a Python regular expression. A parallel
    slogan lists its parts separated by ``、``.

    Args:
        path: The CSV file; ``None`` loads the shipped lexicon.

    Returns:
        One row per slogan with the columns of ``schema.SLOGAN_LEXICON``: the file's columns as
        strings (optional ones empty when absent), ``quoted_only`` as bool and ``line``.

    Raises:
        LexiconError: Missing file or column, empty canonical/kind/level, duplicate canonical,
            empty variant, a regex that does not compile, an unknown kind or level, a bad date,
            a parallel slogan with fewer than two parts, or a form used by two slogans; the message
            names file, line and field.

    Example:
        >>> lex = load_slogans()
        >>> lex.loc[lex["canonical"] == "三抓三提", "kind"].item()
        'numbered'
    """
    p = data_path("slogans.csv") if path is None else Path(path)
    shown = display_path(p)
    df = read_table(
        p,
        required=SLOGAN_REQUIRED,
        non_empty=("canonical", "kind", "level"),
        unique=("canonical",),
    )
    for col in SLOGAN_OPTIONAL:
        if col not in df.columns:
            df[col] = ""
    seen: dict[str, tuple[int, str]] = {}
    quoted_only: list[bool] = []
    for rec in df.to_dict("records"):
        row = {k: str(v) for k, v in rec.items()}
        line = int(row["line"])
        fail = functools.partial(_slogan_error, shown, line)
        if row["kind"] not in SLOGAN_KINDS:
            raise fail("kind", invalid_value("kind", row["kind"], SLOGAN_KINDS))
        if row["level"] not in SLOGAN_LEVELS:
            raise fail("level", invalid_value("level", row["level"], SLOGAN_LEVELS))
        if row["first_seen"] and not RE_FIRST_SEEN.fullmatch(row["first_seen"]):
            raise fail(
                "first_seen",
                f"{row['first_seen']!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD.",
            )
        if row["quoted_only"] not in ("", "yes", "no"):
            raise fail(
                "quoted_only", invalid_value("quoted_only", row["quoted_only"], ["yes", "no"])
            )
        quoted_only.append(row["quoted_only"] == "yes")
        forms = [row["canonical"]]
        if row["variants"]:
            for k, form in enumerate(row["variants"].split("|"), start=1):
                if not form.strip():
                    raise fail(
                        "variants",
                        f"variant {k} is empty; remove the stray '|' in {row['variants']!r}.",
                    )
                forms.append(form.strip())
        for form in forms:
            field = "canonical" if form == row["canonical"] else "variants"
            if form.startswith(REGEX_PREFIX):
                try:
                    rx = re.compile(form[len(REGEX_PREFIX) :])
                except re.error as exc:
                    raise fail(
                        field, f"regex {form!r} does not compile ({exc}); fix or escape it."
                    ) from None
                if rx.fullmatch("") is not None:
                    raise fail(
                        field,
                        f"regex {form!r} matches the empty string; require at least one character.",
                    )
                continue
            if row["kind"] == "parallel" and form == row["canonical"]:
                parts = [x for x in form.split(PART_SEPARATOR) if x.strip()]
                if len(parts) < 2:
                    raise fail(
                        field,
                        f"parallel slogan {form!r} needs at least two parts separated by "
                        f"{PART_SEPARATOR!r}.",
                    )
            key = form_key(form)
            if key in seen and seen[key][1] != row["canonical"]:
                raise fail(
                    field,
                    f"form {form!r} is also a form of {seen[key][1]!r} (line {seen[key][0]}); "
                    "keep it in one row.",
                )
            seen[key] = (line, row["canonical"])
        for field in ("not_before", "not_after", "context"):
            value = row[field]
            if value and any(not x for x in value.split("|")):
                raise fail(field, f"empty entry in {value!r}; remove the stray '|'.")
    out = df.copy()
    out["quoted_only"] = quoted_only
    return out[list(SLOGAN_LEXICON_COLUMNS)].reset_index(drop=True)


def _slogan_error(shown: str, line: int, field: str, problem: str) -> LexiconError:
    return LexiconError(in_file(shown, problem, line=line, field=field))


#: Columns of the loaded slogan lexicon (same as ``schema.SLOGAN_LEXICON``).
SLOGAN_LEXICON_COLUMNS: tuple[str, ...] = schema.SLOGAN_LEXICON

#: Characters ignored when comparing forms (and allowed at the joints of a form in the text):
#: whitespace, quotation marks, brackets and part separators.
FORM_NOISE = "\\s“”‘’「」『』\"'、，,;；:：·・()（）"
# Runs of FORM_NOISE characters.
RE_FORM_NOISE = re.compile(f"[{FORM_NOISE}]+")


def form_key(form: str) -> str:
    """Return the comparison key of a slogan form (NFKC, no spaces, quotes or separators).

    Example:
        >>> form_key("创一流，争第一 干唯一")
        '创一流争第一干唯一'
    """
    return RE_FORM_NOISE.sub("", unicodedata.normalize("NFKC", form))


# --- metrics data files (units.csv, indicators.csv) ---------------------------------------------

#: Kinds a unit may have in ``units.csv`` (``rank`` claims have no unit).
UNIT_KINDS = ("count", "money", "percent", "percentage_point", "other")


def load_units(path: str | Path | None = None) -> pd.DataFrame:
    """Load and validate the units/classifiers file (default ``analysis/data/units.csv``).

    Args:
        path: A replacement file with the same columns.

    Returns:
        One row per written form (aliases expanded): ``unit`` (as written), ``kind``,
        ``scale`` (float > 0), ``canonical``, ``family`` (hint, may be empty), ``boundary``
        (bool: a claim only when punctuation or the end of the text follows), ``line``.

    Raises:
        LexiconError: Missing file/column, empty value, unknown kind, bad scale or a form listed
            twice; the message names file, line and field.

    Example:
        >>> load_units().query("unit == '个百分点'")["kind"].iloc[0]
        'percentage_point'
    """
    p = Path(path) if path is not None else data_path("units.csv")
    shown = display_path(p)
    df = read_table(
        p,
        required=["unit", "aliases", "kind", "scale", "canonical", "family", "boundary"],
        non_empty=["unit", "kind", "scale", "canonical"],
        unique=["unit"],
    )
    rows = []
    seen: dict[str, int] = {}
    for r in df.itertuples(index=False):
        line = int(str(r.line))
        if r.kind not in UNIT_KINDS:
            raise LexiconError(
                in_file(
                    shown,
                    f"unknown kind {r.kind!r}; use one of {list(UNIT_KINDS)}.",
                    line=line,
                    field="kind",
                )
            )
        try:
            scale = float(str(r.scale))
        except ValueError:
            scale = float("nan")
        if r.boundary not in ("", "yes", "no"):
            raise LexiconError(
                in_file(
                    shown,
                    f"boundary {r.boundary!r} must be 'yes', 'no' or empty.",
                    line=line,
                    field="boundary",
                )
            )
        if not scale > 0 or scale == float("inf"):
            raise LexiconError(
                in_file(
                    shown, f"scale {r.scale!r} is not a positive number.", line=line, field="scale"
                )
            )
        forms = [str(r.unit)] + [a.strip() for a in str(r.aliases).split("|") if a.strip()]
        for form in forms:
            if form in seen:
                raise LexiconError(
                    in_file(
                        shown,
                        f"unit form {form!r} already listed on line {seen[form]}; keep one.",
                        line=line,
                        field="aliases",
                    )
                )
            seen[form] = line
            rows.append(
                {
                    "unit": form,
                    "kind": str(r.kind),
                    "scale": scale,
                    "canonical": str(r.canonical),
                    "family": str(r.family),
                    "boundary": r.boundary == "yes",
                    "line": line,
                }
            )
    cols = ["unit", "kind", "scale", "canonical", "family", "boundary", "line"]
    return pd.DataFrame(rows, columns=cols)


def load_indicators(path: str | Path | None = None) -> pd.DataFrame:
    """Load and validate the indicator keyword file (default ``analysis/data/indicators.csv``).

    Args:
        path: A replacement file with the same columns.

    Returns:
        ``keyword``, ``name`` (indicator stem), ``family`` (lower-case identifier), ``kinds``
        (tuple of kinds the keyword applies to; empty = any), ``sector`` (bool: the sector words
        right before the keyword join the name, 工业总产值, 服务业增加值; the column is optional,
        ``yes``, ``no`` or empty), ``line``.

    Raises:
        LexiconError: Missing file/column, empty value, duplicate keyword, a family that is not
            a lower-case identifier or an unknown kind; the message names file, line and field.

    Example:
        >>> load_indicators().query("keyword == '签约项目'")["family"].iloc[0]
        'projects'
    """
    p = Path(path) if path is not None else data_path("indicators.csv")
    shown = display_path(p)
    df = read_table(
        p,
        required=["keyword", "name", "family", "kinds"],
        non_empty=["keyword", "name", "family"],
        unique=["keyword"],
    )
    kinds_col = []
    for r in df.itertuples(index=False):
        line = int(str(r.line))
        fam = str(r.family)
        if not fam.replace("_", "").isalpha() or not fam.isascii() or fam.lower() != fam:
            raise LexiconError(
                in_file(
                    shown,
                    f"family {fam!r} must be a lower-case identifier such as 'investment'.",
                    line=line,
                    field="family",
                )
            )
        kinds = tuple(k.strip() for k in str(r.kinds).split("|") if k.strip())
        bad = [k for k in kinds if k not in UNIT_KINDS]
        if bad:
            raise LexiconError(
                in_file(
                    shown,
                    f"unknown kind(s) {bad}; use values from {list(UNIT_KINDS)}.",
                    line=line,
                    field="kinds",
                )
            )
        kinds_col.append(kinds)
        sector = str(getattr(r, "sector", "") or "")
        if sector not in ("", "yes", "no"):
            raise LexiconError(
                in_file(
                    shown,
                    f"sector {sector!r} must be 'yes', 'no' or empty.",
                    line=line,
                    field="sector",
                )
            )
    out = df[["keyword", "name", "family"]].copy()
    out["kinds"] = kinds_col
    out["sector"] = (df["sector"] == "yes") if "sector" in df else False
    out["line"] = df["line"]
    return out


# --- Tokenizer data: stopwords, user dictionaries, token units ---------------------------------

#: Stopword lists shipped with the package, by name.
STOPWORD_LISTS: dict[str, str] = {"zh": "stopwords_zh.txt", "news": "stopwords_news.txt"}

#: Columns of a user-dictionary table (``load_userdict``).
USERDICT_COLUMNS: tuple[str, ...] = ("word", "freq", "tag", "file", "line")


def load_numbered_names(path: str | Path | None = None) -> list[str]:
    """Load numbered names of formulas that are never quantitative claims (四个现代化, 两个文明).

    Args:
        path: A one-entry-per-line text file; default: the shipped
            ``analysis/data/numbered_names.txt``.

    Returns:
        The names, in file order.

    Raises:
        LexiconError: Missing file or bad encoding (the message names the file).

    Example:
        >>> "四个现代化" in load_numbered_names()
        True
    """
    return read_lines(path or data_path("numbered_names.txt"))


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


def load_numeral_idioms(path: str | Path | None = None) -> frozenset[str]:
    """Load the idioms shaped like numbered formulas that slogan discovery never proposes.

    Args:
        path: One idiom per line; default the shipped ``numeral_idioms.txt``.

    Returns:
        The idioms, NFKC-normalized.

    Example:
        >>> "千方百计" in load_numeral_idioms()
        True
    """
    p = data_path("numeral_idioms.txt") if path is None else Path(path)
    return frozenset(unicodedata.normalize("NFKC", w) for w in read_lines(p))
