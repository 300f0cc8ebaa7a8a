"""Comparison tables of quantitative claims: by indicator and subject, checks and ranks.

``compare`` tabulates the claims of a metrics table (``metrics.extract``) by indicator family ×
subject × period; ``check`` flags conflicting figures and parts exceeding their whole (by the
gazetteer's ``parent`` chain); ``ranks`` lists rank and primacy claims; ``build_tables`` extracts
the claims and returns all of these tables for the pipeline. Columns are described in
``docs/metrics.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from analysis import schema
from analysis.errors import ParameterError
from analysis.metrics import ancestors, extract

#: What a claim measures, of whom: the columns that, with its period, make claims comparable
#: (``compare`` groups by them, ``check`` looks for disagreeing values within them).
CLAIM_KEY: tuple[str, ...] = ("family", "indicator", "kind", "unit", "change", "subject")

#: Columns of the metrics table that ``compare`` reads (``period_norm`` when present).
COMPARED_COLUMNS: tuple[str, ...] = (
    *CLAIM_KEY,
    "period",
    "period_norm",
    "normalized_value",
    "approx",
    "file",
    "start",
)

#: Columns of the metrics table that ``check`` reads (the optional ones when present).
CHECKED_COLUMNS: tuple[str, ...] = (
    *CLAIM_KEY,
    "period",
    "period_norm",
    "modality",
    "pair_role",
    "normalized_value",
    "article_id",
    "file",
    "start",
)


def _sources(df: pd.DataFrame) -> pd.Series:
    """Each claim's source as ``file:start`` (the raw offset of its number)."""
    return df["file"].astype(str) + ":" + df["start"].astype(str)


def _read_columns(metrics: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """The ``columns`` of ``metrics`` it has (selected before rows are filtered or copied)."""
    return metrics[[c for c in columns if c in metrics.columns]]


def compare(
    metrics: pd.DataFrame,
    *,
    families: Sequence[str] | None = None,
    subjects: Sequence[str] | None = None,
    period: str = "",
) -> pd.DataFrame:
    """Tabulate claims by indicator family × subject × period.

    Args:
        metrics: Table from ``metrics.extract``.
        families: Keep only these families (default all).
        subjects: Keep only these subjects (default all).
        period: Keep only normalized periods starting with this text (``"2023"``; default all).

    Returns:
        One row per family, indicator, kind, unit, change, subject and period (normalized if
        known, else as written): n_claims, n_values (distinct normalized values), value (the
        median), value_min, value_max, approx (qualifiers seen, ``|``-joined), sources
        (``file:start`` of each claim, ``;``-joined). Rank claims are left to ``ranks``.

    Example:
        >>> compare(metrics_table, families=["projects"])  # doctest: +SKIP
    """
    schema.require_columns(metrics, schema.METRICS, func="metric_comparison.compare")
    metrics = _read_columns(metrics, COMPARED_COLUMNS)
    df = metrics[metrics["kind"] != "rank"].copy()
    if families:
        df = df[df["family"].isin(list(families))]
    if subjects:
        df = df[df["subject"].isin(list(subjects))]
    pn = df["period_norm"] if "period_norm" in df else pd.Series("", index=df.index)
    df["period_key"] = pn.where(pn.astype(str) != "", df["period"]).astype(str)
    if period:
        df = df[df["period_key"].str.startswith(period)]
    keys = [*CLAIM_KEY, "period_key"]
    cols = [
        *keys[:-1],
        "period",
        "n_claims",
        "n_values",
        "value",
        "value_min",
        "value_max",
        "approx",
        "sources",
    ]
    if df.empty:
        return schema.empty(cols)
    df["source"] = _sources(df)
    g = df.groupby(keys, sort=True, dropna=False)
    out = g.agg(
        n_claims=("normalized_value", "size"),
        n_values=("normalized_value", "nunique"),
        value=("normalized_value", "median"),
        value_min=("normalized_value", "min"),
        value_max=("normalized_value", "max"),
    ).reset_index()
    # The text columns joined per group in one pass (groups numbered in the order of ``out``,
    # rows in table order within a group) instead of a Python function called per group.
    number = g.ngroup().to_numpy()
    order = np.argsort(number, kind="stable")
    ends = np.cumsum(np.bincount(number, minlength=len(out))).tolist()
    bounds = list(zip([0, *ends[:-1]], ends, strict=True))
    approx = df["approx"].to_numpy(dtype=object)[order].tolist()
    source = df["source"].to_numpy(dtype=object)[order].tolist()
    out["approx"] = ["|".join(sorted({str(x) for x in approx[a:b] if x})) for a, b in bounds]
    out["sources"] = [";".join(source[a:b]) for a, b in bounds]
    out = out.rename(columns={"period_key": "period"})
    return out[cols].sort_values([*keys[:-1], "period"], kind="mergesort").reset_index(drop=True)


def check(metrics: pd.DataFrame, *, gazetteer: pd.DataFrame | None = None) -> pd.DataFrame:
    """Flag inconsistent figures.

    Two checks: ``conflicting_values`` (the same indicator, kind, unit, direction, subject and
    normalized period reported with different values in at least two articles; planned and
    forecast figures, the "before" value of a before→after pair and indicators of family
    ``other`` (named from raw phrases) are left out; different values inside one article are
    usually sub-categories, not conflicts) and
    ``part_exceeds_whole`` (a count or amount for a place above the figure of a place that
    contains it, per the gazetteer ``parent`` chain, for the same indicator and period).

    Args:
        metrics: Table from ``metrics.extract``.
        gazetteer: Places with ``name`` and ``parent``; without it only conflicts are checked.

    Returns:
        Columns: check, family, indicator, kind, unit, period, subject, value, other_subject,
        other_value, detail, sources. Sorted by check, indicator, subject.

    Example:
        >>> check(metrics_table, gazetteer=gaz)  # doctest: +SKIP
    """
    schema.require_columns(metrics, schema.METRICS, func="metric_comparison.check")
    cols = [
        "check",
        "family",
        "indicator",
        "kind",
        "unit",
        "period",
        "subject",
        "value",
        "other_subject",
        "other_value",
        "detail",
        "sources",
    ]
    metrics = _read_columns(metrics, CHECKED_COLUMNS)
    df = metrics[(metrics["kind"] != "rank") & metrics["normalized_value"].notna()].copy()
    if "modality" in df:
        df = df[df["modality"].isin(["reported", ""])]
    if "period_norm" in df:
        df = df[df["period_norm"].astype(str) != ""]
        df["p"] = df["period_norm"].astype(str)
    else:
        df = df[df["period"].astype(str) != ""]
        df["p"] = df["period"].astype(str)
    # Only indicators named from the keyword file: raw-phrase names are too loose to compare.
    df = df[~df["indicator"].astype(str).str.startswith("未识别") & (df["family"] != "other")]
    df["source"] = _sources(df)
    out: list[dict[str, Any]] = []
    keys = [*CLAIM_KEY, "p"]
    single = df
    if "pair_role" in single:
        single = single[single["pair_role"].astype(str) != "before"]
    for key, grp in single.groupby(keys, sort=True, dropna=False):
        vals = sorted({float(v) for v in grp["normalized_value"]})
        if len(vals) > 1 and grp["article_id"].nunique() > 1:
            fam, ind, kind, unit, _chg, subj, p = key
            out.append(
                {
                    "check": "conflicting_values",
                    "family": fam,
                    "indicator": ind,
                    "kind": kind,
                    "unit": unit,
                    "period": p,
                    "subject": subj,
                    "value": vals[0],
                    "other_subject": subj,
                    "other_value": vals[-1],
                    "detail": "values " + ", ".join(f"{v:g}" for v in vals),
                    "sources": ";".join(grp["source"]),
                }
            )
    if gazetteer is not None and len(gazetteer) and "parent" in gazetteer:
        parent = {
            str(n).strip(): str(p).strip()
            for n, p in zip(gazetteer["name"], gazetteer["parent"], strict=True)
            if str(p).strip()
        }
        amounts = df[df["kind"].isin(["count", "money", "other"])]
        agg = (
            amounts.groupby(
                ["family", "indicator", "kind", "unit", "change", "p", "subject"], sort=True
            )
            .agg(value=("normalized_value", "max"), source=("source", "first"))
            .reset_index()
        )
        best: dict[tuple[str, ...], dict[str, Any]] = {}
        for rec in agg.to_dict("records"):
            bkey: tuple[str, ...] = tuple(
                str(rec[c])
                for c in ("family", "indicator", "kind", "unit", "change", "p", "subject")
            )
            best[bkey] = {str(k): v for k, v in rec.items()}
        for (fam, ind, kind, unit, chg, p, subj), r in best.items():
            for anc in ancestors(subj, parent):
                whole = best.get((fam, ind, kind, unit, chg, p, anc))
                if whole is not None and float(r["value"]) > float(whole["value"]):
                    out.append(
                        {
                            "check": "part_exceeds_whole",
                            "family": fam,
                            "indicator": ind,
                            "kind": kind,
                            "unit": unit,
                            "period": p,
                            "subject": subj,
                            "value": float(r["value"]),
                            "other_subject": anc,
                            "other_value": float(whole["value"]),
                            "detail": f"{subj} is part of {anc}",
                            "sources": f"{r['source']};{whole['source']}",
                        }
                    )
    if not out:
        return schema.empty(cols)
    res = pd.DataFrame(out, columns=cols)
    return res.sort_values(
        ["check", "indicator", "subject", "period"], kind="mergesort"
    ).reset_index(drop=True)


def ranks(metrics: pd.DataFrame) -> pd.DataFrame:
    """Return rank and primacy claims by unit.

    Returns:
        Columns: subject, scope, claim (the surface), rank (N, NaN for 率先/前列), type
        (``rank``, ``top``, ``front``, ``primacy``), indicator, period, period_norm, modality,
        file, start, sentence. Sorted by subject, rank, file, start.

    Example:
        >>> ranks(metrics_table)  # doctest: +SKIP
    """
    schema.require_columns(metrics, schema.METRICS, func="metric_comparison.ranks")
    df = metrics[metrics["kind"] == "rank"].copy()
    cols = [
        "subject",
        "scope",
        "claim",
        "rank",
        "type",
        "indicator",
        "period",
        "period_norm",
        "modality",
        "file",
        "start",
        "sentence",
    ]
    if df.empty:
        return schema.empty(cols)
    for c in ("scope", "period_norm", "modality"):
        if c not in df:
            df[c] = ""
    typ = np.select(
        [df["unit"] == "名", df["unit"] == "前列"],
        [np.where(df["approx"] == "at_most", "top", "rank"), "front"],
        default="primacy",
    )
    out = pd.DataFrame(
        {
            "subject": df["subject"],
            "scope": df["scope"],
            "claim": df["surface"],
            "rank": df["value"],
            "type": typ,
            "indicator": df["indicator"],
            "period": df["period"],
            "period_norm": df["period_norm"],
            "modality": df["modality"],
            "file": df["file"],
            "start": df["start"],
            "sentence": df["sentence"],
        }
    )
    return out.sort_values(
        ["subject", "rank", "file", "start"], kind="mergesort", na_position="last"
    ).reset_index(drop=True)


def build_tables(
    articles: pd.DataFrame,
    *,
    gazetteer: pd.DataFrame | None,
    slogan_lexicon: pd.DataFrame | None,
    units: pd.DataFrame,
    indicators: pd.DataFrame,
    slogan_hits: pd.DataFrame | None = None,
    exclude: Iterable[str | re.Pattern[str]] = (),
    extracted: pd.DataFrame | None = None,
    places: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """Return the metric tables for the pipeline.

    Arguments are those of ``metrics.extract``; ``exclude`` takes e.g.
    ``lexicons.load_numbered_names()``. ``extracted`` is the ``extract`` table when already
    computed with the same arguments (e.g. per document, in parallel); it is then not extracted
    again.

    Returns:
        ``metrics`` (``extract``), ``metric_comparison`` (``compare``), ``metric_checks``
        (``check``) and ``metric_ranks`` (``ranks``).

    Example:
        >>> build_tables(arts, gazetteer=None, slogan_lexicon=None,
        ...              units=load_units(), indicators=load_indicators())  # doctest: +SKIP
    """
    if not isinstance(articles, pd.DataFrame):
        raise ParameterError(
            f"metric_comparison.build_tables: `articles` must be the ARTICLES DataFrame, got "
            f"{type(articles).__name__}."
        )
    m = (
        extract(
            articles,
            units=units,
            indicators=indicators,
            gazetteer=gazetteer,
            slogan_lexicon=slogan_lexicon,
            slogan_hits=slogan_hits,
            exclude=exclude,
            places=places,
        )
        if extracted is None
        else extracted
    )
    return {
        "metrics": m,
        "metric_comparison": compare(m),
        "metric_checks": check(m, gazetteer=gazetteer),
        "metric_ranks": ranks(m),
    }
