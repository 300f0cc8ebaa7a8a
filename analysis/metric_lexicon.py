"""The lexicons of one claim extraction, compiled: units, indicators, places and exclusions.

``prepare`` reads the tables ``metrics.extract`` is given (units and indicator keywords from
``analysis/data/``, a gazetteer, a slogan lexicon, more exclusions) into a ``Lexicon``: each
row by its word as written, each word list as one trie-shaped pattern
(``metric_patterns.alternation``) and the unit words inside the number pattern
(``metric_patterns.quantity_pattern``). ``records`` reads a table's rows as dicts.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis import schema
from analysis.lexicons import NOT_PLACE, load_place_forms
from analysis.metric_patterns import RE_CLAUSE, alternation, quantity_pattern
from analysis.textmap import traditional_forms


@dataclass(frozen=True)
class Lexicon:
    """Compiled units, indicators, gazetteer and exclusions for one extraction run.

    ``units`` and ``indicators`` hold each row by its word as written (``kind``, ``scale``,
    ``canonical``, ``family``, ``boundary``; ``name``, ``family``, ``kinds``); ``place_name``
    maps every place name and alias to its name, ``parent`` and ``level`` are the
    gazetteer's and those of the other places named in reporting (``places``); every name and
    alias is also known in its Traditional forms (``textmap.traditional_forms``: 鄖陽區, 襄陽 →
    郧阳区, 襄阳市). ``home`` holds the gazetteer's own names (the units under study, which 全市
    can fall back to); ``not_places`` the surfaces that name no place (rows of level
    ``lexicons.NOT_PLACE``: 日照, 长白山), which ``re_place`` matches too so that they win
    over a shorter place inside them.
    ``re_exclude`` finds what is not a claim: slogans and ``exclude`` strings (one pattern,
    first), then the ``exclude`` patterns.
    """

    re_quantity: re.Pattern[str]
    units: dict[str, dict[str, Any]]
    re_indicator: re.Pattern[str] | None
    indicators: dict[str, dict[str, Any]]
    re_place: re.Pattern[str] | None
    place_name: dict[str, str]
    parent: dict[str, str]
    level: dict[str, str]
    re_exclude: list[re.Pattern[str]] = field(default_factory=list)
    home: frozenset[str] = frozenset()
    not_places: frozenset[str] = frozenset()
    # No indicator keyword holds a clause delimiter: keywords can be found clause by clause.
    indicators_in_clauses: bool = False


def records(df: pd.DataFrame, columns: Sequence[str]) -> list[dict[str, Any]]:
    """Return ``df[present].to_dict("records")`` for those of ``columns`` that ``df`` has.

    Built from whole columns (much faster); values are those of ``Series.tolist``: Python
    scalars, as ``to_dict`` gives for typed columns (object columns keep their objects).

    Args:
        df: Any table.
        columns: The columns wanted; those ``df`` lacks are left out of every row.

    Returns:
        One dict per row of ``df``, in order.

    Example:
        >>> records(pd.DataFrame({"unit": ["个"], "scale": [1.0]}), ["unit", "kind"])
        [{'unit': '个'}]
    """
    names = [c for c in columns if c in df.columns]
    values = [df[c].tolist() for c in names]
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


def _flag(value: object) -> bool:
    """A yes/no column's value: ``True``, or the text ``yes`` (``no``, empty, missing are False).

    A hand-built table may hold the words as written in the data files, booleans, or gaps
    (``None``, NaN), which are no.

    Example:
        >>> _flag(True), _flag("yes"), _flag("no"), _flag(""), _flag(float("nan")), _flag(None)
        (True, True, False, False, False, False)
    """
    if isinstance(value, str):
        return value.strip() == "yes"
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return False
    return bool(value)


def prepare(
    units: pd.DataFrame,
    indicators: pd.DataFrame,
    gazetteer: pd.DataFrame | None,
    slogan_lexicon: pd.DataFrame | None,
    exclude: Iterable[str | re.Pattern[str]],
    places: pd.DataFrame | None = None,
) -> Lexicon:
    """Return the compiled lexicon of one ``metrics.extract`` run.

    Args:
        units: Units table from ``lexicons.load_units`` (``unit``, ``kind``, ``scale``,
            ``canonical``; optional ``family``, ``boundary``).
        indicators: Indicator keywords from ``lexicons.load_indicators`` (``keyword``, ``name``,
            ``family``; optional ``kinds``, ``|``-joined or a sequence).
        gazetteer: Places (``name``; optional ``aliases``, ``parent``, ``level``), or None.
        slogan_lexicon: Slogans (``canonical``; optional ``variants``), or None.
        exclude: More strings or compiled regexes whose matches are not claims.
        places: Other places named in reporting (same columns as ``gazetteer``, e.g.
            ``lexicons.load_places()``), or None: subjects where they are named, never the
            home of a scope word; a name of the gazetteer keeps the gazetteer's row. Rows of
            level ``lexicons.NOT_PLACE`` name surfaces that are no place.

    Returns:
        The ``Lexicon``: each word list as one trie-shaped pattern (``alternation``), the unit
        words inside the number pattern (``quantity_pattern``), and the rows by word.

    Raises:
        SchemaError: If a table lacks a required column; the message names ``metrics.extract``,
            the function the tables were given to.
    """
    schema.require_columns(units, ["unit", "kind", "scale", "canonical"], func="metrics.extract")
    schema.require_columns(indicators, ["keyword", "name", "family"], func="metrics.extract")
    unit_rows: dict[str, dict[str, Any]] = {}
    for r in records(units, ["unit", "kind", "scale", "canonical", "family", "boundary"]):
        unit_rows[str(r["unit"])] = {
            "kind": str(r["kind"]),
            "scale": float(r["scale"]),
            "canonical": str(r["canonical"]),
            "family": str(r.get("family", "") or ""),
            "boundary": _flag(r.get("boundary", False)),
        }
    re_quantity = quantity_pattern(unit_rows)
    ind_rows: dict[str, dict[str, Any]] = {}
    for r in records(indicators, ["keyword", "name", "family", "kinds", "sector"]):
        kinds = r.get("kinds", ())
        if isinstance(kinds, str):
            kinds = tuple(k for k in kinds.split("|") if k)
        ind_rows[str(r["keyword"])] = {
            "name": str(r["name"]),
            "family": str(r["family"]),
            "kinds": tuple(kinds or ()),
            "sector": _flag(r.get("sector", False)),
        }
    re_ind = re.compile(alternation(ind_rows)) if ind_rows else None
    place_name: dict[str, str] = {}
    parent: dict[str, str] = {}
    level: dict[str, str] = {}
    home: set[str] = set()
    not_places: set[str] = set()
    for table in (gazetteer, places):
        if table is None or not len(table):
            continue
        schema.require_columns(table, ["name"], func="metrics.extract")
        for r in records(table, ["name", "aliases", "parent", "level"]):
            name = str(r["name"]).strip()
            if str(r.get("level", "") or "") == NOT_PLACE:
                not_places.add(name)
                continue
            if not name or (table is places and name in place_name):
                continue
            place_name[name] = name
            if table is gazetteer:
                home.add(name)
            for a in str(r.get("aliases", "") or "").split("|"):
                if a.strip():
                    place_name.setdefault(a.strip(), name)
            if str(r.get("parent", "") or "").strip():
                parent[name] = str(r["parent"]).strip()
            level[name] = str(r.get("level", "") or "")
    not_places.discard("")
    for surface in not_places:
        place_name.pop(surface, None)
    for form, surface in _traditional(frozenset(place_name)).items():
        place_name.setdefault(form, place_name[surface])
    for form in _traditional(frozenset(not_places)):
        if form not in place_name:
            not_places.add(form)
    surfaces = place_name.keys() | not_places
    re_place = re.compile(alternation(surfaces)) if place_name else None
    patterns: list[re.Pattern[str]] = []
    words: set[str] = set()
    if slogan_lexicon is not None and len(slogan_lexicon):
        schema.require_columns(slogan_lexicon, ["canonical"], func="metrics.extract")
        for r in records(slogan_lexicon, ["canonical", "variants"]):
            words.add(str(r["canonical"]).strip())
            for v in str(r.get("variants", "") or "").split("|"):
                words.add(v.strip())
    for item in exclude:
        if isinstance(item, re.Pattern):
            patterns.append(item)
        else:
            words.add(str(item))
    words.discard("")
    if words:
        patterns.insert(0, re.compile(alternation(words)))
    return Lexicon(
        re_quantity,
        unit_rows,
        re_ind,
        ind_rows,
        re_place,
        place_name,
        parent,
        level,
        patterns,
        indicators_in_clauses=not any(RE_CLAUSE.search(k) for k in ind_rows),
        home=frozenset(home),
        not_places=frozenset(not_places),
    )


@functools.lru_cache(maxsize=4)
def _traditional(surfaces: frozenset[str]) -> dict[str, str]:
    """Return each Traditional form of ``surfaces`` that is not one of them, with its surface.

    Forms come from the shipped ``place_forms.csv`` (``lexicons.load_place_forms``); only a
    surface it lacks (a table of the user's) is converted with OpenCC, which needs some 45 MB
    per process. Cached: every extraction run of a corpus prepares the same tables again.

    Example:
        >>> _traditional(frozenset({"襄阳", "十堰"}))
        {'襄陽': '襄阳'}
    """
    shipped = load_place_forms()
    out: dict[str, str] = {}
    for surface in sorted(surfaces):
        forms = shipped[surface] if surface in shipped else traditional_forms(surface)
        for form in forms:
            if form not in surfaces:
                out.setdefault(form, surface)
    return out
