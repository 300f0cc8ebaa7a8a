"""The report matrix: which notebooks run with which parameter sets (``reports.yaml``).

The file has optional ``settings`` and a list of ``reports`` entries::

    settings:
      timeout: 600          # seconds per notebook cell
      min_articles: 3       # default threshold for `each: subject`
    reports:
      - notebook: corpus_overview        # notebooks/corpus_overview.ipynb (or a path with "/")
        name: "{notebook}"               # output name template
      - notebook: corpus_overview
        each: year                       # one report per year found in the articles table
        name: "{notebook}-{year}"
        params: {year: "{year}"}         # a value that is exactly "{field}" keeps its type
      - notebook: corpus_overview
        each: subject                    # one report per subject with >= min_articles articles
        min_articles: 3
        name: "{notebook}-{subject}"
        params: {subject: "{subject}"}
      - notebook: corpus_overview
        corpus: ../shared/corpora/gov_reports   # optional: another corpus (relative to the project)
        name: "{notebook}-{corpus}"

Name fields: ``notebook`` (file stem), ``corpus`` (corpus folder name), and ``year`` or
``subject`` for expanded entries. Names pass through ``slug`` so they can never leave the output
folder. Everything here is pure: ``parse`` takes the YAML text, ``expand`` takes the articles table.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

import pandas as pd
import yaml

from analysis.errors import ReportError, invalid_value

Each = Literal["", "year", "subject"]
EACH_VALUES: tuple[str, ...] = ("", "year", "subject")

#: Runs of characters that are not ASCII letters/digits, '_', '-' or CJK ideographs.
RE_UNSAFE = re.compile(r"[^0-9A-Za-z_\-\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ebef]+")
#: Runs of separators left after replacement.
RE_DASHES = re.compile(r"-{2,}")
#: A four-digit year at the start of a date string (``2023-07-25`` → ``2023``).
RE_YEAR = re.compile(r"^\s*(\d{4})")

#: Names that would collide with files the runner writes itself, or that Windows reserves.
RESERVED = frozenset({"index", "tables", "con", "prn", "aux", "nul"})
MAX_NAME = 80

ENTRY_KEYS = frozenset({"notebook", "name", "each", "params", "corpus", "min_articles"})
SETTING_KEYS = frozenset({"timeout", "min_articles"})


@dataclass(frozen=True)
class Entry:
    """One line of the matrix, before expansion."""

    notebook: str
    name: str
    each: Each = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    corpus: str | None = None
    min_articles: int = 3


@dataclass(frozen=True)
class Matrix:
    """The parsed ``reports.yaml``."""

    entries: tuple[Entry, ...]
    timeout: int = 600


@dataclass(frozen=True)
class Job:
    """One report to produce: output name, notebook and parameter values from the matrix."""

    name: str
    notebook: str
    params: Mapping[str, Any]
    corpus: str | None = None


def slug(text: str) -> str:
    r"""Return a file-name-safe version of ``text`` that cannot leave its folder.

    NFKC first; then every run of characters other than ASCII letters, digits, ``_``, ``-`` and
    CJK ideographs becomes one ``-`` (so ``/``, ``\\``, ``.`` and control characters are gone);
    leading/trailing separators are stripped, the length is capped and reserved names get a
    ``-report`` suffix. Chinese stays readable.

    Example:
        >>> slug("corpus_overview-张湾区/汉江路街道")
        'corpus_overview-张湾区-汉江路街道'
        >>> slug("../../etc/passwd")
        'etc-passwd'
    """
    t = unicodedata.normalize("NFKC", str(text))
    t = RE_DASHES.sub("-", RE_UNSAFE.sub("-", t)).strip("-_")
    t = t[:MAX_NAME].rstrip("-_")
    if not t:
        return "report"
    if t.lower() in RESERVED:
        return f"{t}-report"
    return t


def _fail(where: str, problem: str) -> ReportError:
    return ReportError(f"reports.yaml, {where}: {problem}")


def parse(text: str) -> Matrix:
    """Parse and check the YAML text of a report matrix.

    Raises:
        ReportError: Unknown keys, a missing notebook or name, an unknown ``each`` or a name
            template with an unknown field; the message names the entry.

    Example:
        >>> parse("reports: [{notebook: corpus_overview, name: '{notebook}'}]").entries[0].name
        '{notebook}'
    """
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ReportError(f"reports.yaml: not valid YAML ({exc}).") from None
    if not isinstance(data, dict) or not isinstance(data.get("reports"), list):
        raise ReportError("reports.yaml: expected a mapping with a `reports:` list.")
    settings = data.get("settings") or {}
    unknown = sorted(set(settings) - SETTING_KEYS)
    if unknown:
        raise _fail("settings", f"unknown key(s) {unknown}; use {sorted(SETTING_KEYS)}.")
    default_min = settings.get("min_articles", 3)
    entries = []
    for i, raw in enumerate(data["reports"], start=1):
        where = f"entry {i}"
        if not isinstance(raw, dict):
            raise _fail(where, "each entry must be a mapping with `notebook` and `name`.")
        unknown = sorted(set(raw) - ENTRY_KEYS)
        if unknown:
            raise _fail(where, f"unknown key(s) {unknown}; use {sorted(ENTRY_KEYS)}.")
        if not raw.get("notebook") or not raw.get("name"):
            raise _fail(where, "`notebook` and `name` are required.")
        each = raw.get("each") or ""
        if each not in EACH_VALUES:
            raise _fail(where, invalid_value("each", each, ["year", "subject"]))
        each = cast(Each, each)
        allowed = {"notebook", "corpus"} | ({each} if each else set())
        fields = {f for _, f, _, _ in string.Formatter().parse(str(raw["name"])) if f}
        if fields - allowed:
            raise _fail(
                where,
                f"name template {raw['name']!r} uses {sorted(fields - allowed)}; "
                f"available fields are {sorted(allowed)}.",
            )
        params = raw.get("params") or {}
        if not isinstance(params, dict):
            raise _fail(where, "`params` must be a mapping of parameter names to values.")
        entries.append(
            Entry(
                notebook=str(raw["notebook"]),
                name=str(raw["name"]),
                each=each,
                params=dict(params),
                corpus=str(raw["corpus"]) if raw.get("corpus") else None,
                min_articles=int(raw.get("min_articles", default_min)),
            )
        )
    return Matrix(entries=tuple(entries), timeout=int(settings.get("timeout", 600)))


def values(articles: pd.DataFrame, each: Each, *, min_articles: int = 3) -> list[Any]:
    """Return the values an ``each`` entry expands to, from the articles table.

    ``year``: every four-digit year that starts a ``date`` (ints, ascending). ``subject``: every
    non-empty ``subject`` with at least ``min_articles`` articles (sorted by name).

    Example:
        >>> dates = ["2023-07-25", "2025-03-13", ""]
        >>> df = pd.DataFrame({"date": dates, "subject": ["甲", "甲", ""]})
        >>> values(df, "year"), values(df, "subject", min_articles=2)
        ([2023, 2025], ['甲'])
    """
    if each == "year":
        years = articles["date"].astype(str).str.extract(RE_YEAR, expand=False).dropna()
        return sorted({int(y) for y in years})
    if each == "subject":
        subjects = articles["subject"].fillna("").astype(str)
        counts = subjects[subjects.str.strip() != ""].value_counts()
        return sorted(str(s) for s, n in counts.items() if n >= min_articles)
    return [None]


def _fill(value: Any, fields: Mapping[str, Any]) -> Any:
    """Substitute ``{field}`` placeholders in a parameter value (exact placeholder keeps type)."""
    if isinstance(value, str):
        m = re.fullmatch(r"\{(\w+)\}", value)
        if m and m.group(1) in fields:
            return fields[m.group(1)]
        if "{" in value:
            return value.format_map(fields)
    if isinstance(value, list):
        return [_fill(v, fields) for v in value]
    return value


def expand(entry: Entry, *, articles: pd.DataFrame, notebook: str, corpus: str) -> list[Job]:
    """Expand one entry into jobs.

    Args:
        entry: The matrix entry.
        articles: The articles table of the entry's corpus (for ``each``).
        notebook: The notebook's file stem (the ``{notebook}`` field).
        corpus: The corpus folder name (the ``{corpus}`` field).

    Returns:
        One job per value, with slugged names.
    """
    jobs = []
    for v in values(articles, entry.each, min_articles=entry.min_articles):
        fields: dict[str, Any] = {"notebook": notebook, "corpus": corpus}
        if entry.each:
            fields[entry.each] = v
        try:
            name = slug(entry.name.format_map(fields))
            params = {k: _fill(p, fields) for k, p in entry.params.items()}
        except (KeyError, ValueError, IndexError) as exc:
            raise ReportError(
                f"reports.yaml, notebook {entry.notebook!r}: cannot fill {exc}; "
                f"available fields are {sorted(fields)}."
            ) from None
        jobs.append(Job(name=name, notebook=entry.notebook, params=params, corpus=entry.corpus))
    return jobs


def check_unique(jobs: list[Job]) -> None:
    """Raise ``ReportError`` when two jobs would write the same output name.

    Names are compared case-folded too: ``Foo.html`` and ``foo.html`` are one file on the
    default file systems of Windows and macOS. (Names are NFKC-normalised by ``slug``, so
    names differing only in compatibility forms such as full-width letters are equal already.)
    """
    seen: dict[str, Job] = {}
    for job in jobs:
        key = job.name.casefold()
        if key in seen:
            other = seen[key]
            same = (
                f"named {job.name!r}"
                if other.name == job.name
                else f"named {other.name!r} and {job.name!r}, one file where case is ignored"
            )
            raise ReportError(
                f"reports.yaml: two reports are {same} "
                f"({other.notebook} and {job.notebook}); make the name templates differ."
            )
        seen[key] = job
