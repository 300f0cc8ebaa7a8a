"""Charts for the metric-comparison report; each function returns a matplotlib Figure.

Chinese labels use the project's CJK font (``analysis.fonts``); figures are drawn inside
``fonts.style()`` so no global setting changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis import fonts, schema
from analysis.errors import ParameterError


def _style() -> AbstractContextManager[None]:
    """Draw with the CJK font without changing global settings."""
    return fonts.style(**{"figure.dpi": 110})


def _pick(
    metrics: pd.DataFrame, indicator: str | None, family: str | None, func: str
) -> pd.DataFrame:
    schema.require_columns(metrics, schema.METRICS, func=func)
    df = metrics[(metrics["kind"] != "rank") & metrics["normalized_value"].notna()]
    if indicator:
        df = df[df["indicator"] == indicator]
    if family:
        df = df[df["family"] == family]
    return df


def _empty(title: str) -> Figure:
    with _style():
        fig, ax = plt.subplots(figsize=(6, 1.6))
        ax.axis("off")
        ax.text(0.5, 0.5, title, ha="center", va="center")
    plt.close(fig)
    return fig


def indicator_by_subject(
    metrics: pd.DataFrame,
    *,
    indicator: str,
    period: str = "",
    subjects: Sequence[str] | None = None,
    top: int = 15,
) -> Figure:
    """Bar chart of one indicator across subjects (median of the reported values).

    Args:
        metrics: Table from ``metrics.extract``.
        indicator: Indicator name, e.g. ``签约项目数``.
        period: Keep normalized periods starting with this (``"2023"``); empty = all.
        subjects: Keep only these subjects.
        top: At most this many subjects (largest first).

    Returns:
        A Figure; bars hatched where a qualifier (余/以上/近 …) makes the value approximate.

    Example:
        >>> fig = indicator_by_subject(m, indicator="签约项目数")  # doctest: +SKIP
    """
    if top < 1:
        raise ParameterError(f"`top` value = {top!r} is invalid; value must be >= 1.")
    df = _pick(metrics, indicator, None, "metric_plots.indicator_by_subject")
    if period:
        df = df[df["period_norm"].astype(str).str.startswith(period)]
    if subjects:
        df = df[df["subject"].isin(list(subjects))]
    df = df[df["subject"].astype(str) != ""]
    if df.empty:
        return _empty(f"{indicator}: no claims")
    g = (
        df.groupby("subject", sort=True)
        .agg(value=("normalized_value", "median"), approx=("approx", lambda s: any(s != "")))
        .reset_index()
        .sort_values(["value", "subject"], ascending=[False, True], kind="mergesort")
        .head(top)
    )
    unit = str(df["unit"].mode().iloc[0]) if not df["unit"].mode().empty else ""
    values = g["value"].to_numpy(dtype=float)
    for factor, prefix in ((1e8, "亿"), (1e4, "万")):
        if unit == "元" and np.nanmax(values) >= factor:
            values, unit = values / factor, prefix + unit
            break
    with _style():
        fig, ax = plt.subplots(figsize=(7, 0.45 * len(g) + 1.4))
        y = np.arange(len(g))[::-1]
        bars = ax.barh(y, values, color="#4C72B0")
        for b, approx in zip(bars, g["approx"], strict=True):
            if approx:
                b.set_hatch("//")
        ax.set_yticks(y, list(g["subject"]))
        ax.set_xlabel(f"{indicator} ({unit})" if unit else indicator)
        ax.set_title(f"{indicator} 按单位比较 / by unit" + (f" · {period}" if period else ""))
        fig.tight_layout()
    plt.close(fig)
    return fig


def compare_periods(
    metrics: pd.DataFrame,
    *,
    indicator: str | None = None,
    family: str | None = None,
    periods: Sequence[str] = ("2023", "2025"),
    top: int = 12,
) -> Figure:
    """Grouped bars per subject and period (year prefix of ``period_norm``), e.g. 2023 vs 2025.

    Bars show one indicator's median value, or the number of claims of a family.

    Args:
        metrics: Table from ``metrics.extract``.
        indicator: Compare this indicator's median value; or
        family: compare the number of claims in this family.
        periods: Period prefixes to compare.
        top: At most this many subjects (most claims first).

    Returns:
        A Figure.

    Example:
        >>> fig = compare_periods(m, family="projects")  # doctest: +SKIP
    """
    if not indicator and not family:
        raise ParameterError("compare_periods: give `indicator` or `family`.")
    df = _pick(metrics, indicator, family, "metric_plots.compare_periods")
    per = df["period_norm"].astype(str).str[:4]
    df = df.assign(_p=per)[per.isin(list(periods))]
    df = df[df["subject"].astype(str) != ""]
    label = indicator or family or ""
    if df.empty:
        return _empty(f"{label}: no claims in {', '.join(periods)}")
    if indicator:
        tab = df.pivot_table(
            index="subject", columns="_p", values="normalized_value", aggfunc="median"
        )
    else:
        tab = df.pivot_table(index="subject", columns="_p", values="value", aggfunc="size")
    tab = tab.reindex(columns=list(periods))
    counts = {str(k): int(v) for k, v in tab.notna().sum(axis=1).items()}
    order = sorted(counts, key=lambda s: (-counts[s], s))[:top]
    tab = tab.loc[order]
    with _style():
        fig, ax = plt.subplots(figsize=(max(6.0, 0.8 * len(tab) + 2), 4))
        x = np.arange(len(tab))
        w = 0.8 / max(1, len(periods))
        for i, p in enumerate(periods):
            ax.bar(x + i * w, tab[p].fillna(0).to_numpy(), width=w, label=p)
        ax.set_xticks(x + w * (len(periods) - 1) / 2, list(tab.index), rotation=30, ha="right")
        ax.set_ylabel("中位数 / median" if indicator else "条数 / claims")
        ax.set_title(f"{label}: {' vs '.join(periods)}")
        ax.legend()
        fig.tight_layout()
    plt.close(fig)
    return fig


def family_heatmap(metrics: pd.DataFrame, *, top: int = 15) -> Figure:
    """Heat map of the number of claims per indicator family and subject.

    Example:
        >>> fig = family_heatmap(m)  # doctest: +SKIP
    """
    schema.require_columns(metrics, schema.METRICS, func="metric_plots.family_heatmap")
    df = metrics[metrics["subject"].astype(str) != ""]
    if df.empty:
        return _empty("no claims")
    tab = pd.crosstab(df["family"], df["subject"])
    totals = {str(k): int(v) for k, v in tab.sum(axis=0).items()}
    tab = tab[sorted(totals, key=lambda s: (-totals[s], s))[:top]]
    with _style():
        fig, ax = plt.subplots(figsize=(0.6 * tab.shape[1] + 3, 0.4 * tab.shape[0] + 2))
        im = ax.imshow(tab.to_numpy(), cmap="Blues", aspect="auto")
        ax.set_xticks(np.arange(tab.shape[1]), list(tab.columns), rotation=45, ha="right")
        ax.set_yticks(np.arange(tab.shape[0]), list(tab.index))
        for (i, j), v in np.ndenumerate(tab.to_numpy()):
            if v:
                ax.text(j, i, str(v), ha="center", va="center", fontsize=8)
        fig.colorbar(im, ax=ax, label="条数 / claims")
        ax.set_title("指标族 × 单位 / indicator family × unit")
        fig.tight_layout()
    plt.close(fig)
    return fig
