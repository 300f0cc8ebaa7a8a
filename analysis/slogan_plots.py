"""Figures of slogan usage, drawn from the tables of ``slogan_usage`` (plots draw, never compute).

Every function returns a ``matplotlib.figure.Figure`` built without pyplot (no global state);
text uses a CJK font (the OFL Noto Sans SC shipped inside the ``zhplot`` package, located on disk
without importing it).
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis import fonts, schema
from analysis.errors import ParameterError, invalid_value

#: Colours of slogan kinds and unit levels (colour-blind safe Okabe–Ito palette).
PALETTE = {
    "parallel": "#0072B2",
    "numbered": "#D55E00",
    "quoted_name": "#009E73",
    "national_formula": "#CC79A7",
    "national": "#CC79A7",
    "province": "#56B4E9",
    "city": "#0072B2",
    "county": "#D55E00",
    "township": "#E69F00",
    "agency": "#009E73",
    "city_agency": "#009E73",
    "county_agency": "#F0E442",
    "unknown": "#999999",
}


_cjk = fonts.style


def usage_bars(usage: pd.DataFrame, *, top: int = 25) -> Figure:
    """Horizontal bars of the most used slogans, coloured by kind, labelled with temperature.

    Args:
        usage: Table from ``slogan_usage.usage``.
        top: How many slogans to show.

    Returns:
        The figure.

    Example:
        >>> fig = usage_bars(slogan_usage.usage(hits, articles, lexicon))  # doctest: +SKIP
    """
    schema.require_columns(
        usage,
        ("canonical", "kind", "n", "n_variant", "temperature"),
        func="slogan_plots.usage_bars",
    )
    if top < 1:
        raise ParameterError(invalid_value("top", top, "an integer of at least 1"))
    d = usage[usage["n"] > 0].head(top).iloc[::-1]
    with _cjk():
        fig = Figure(figsize=(8, max(2.5, 0.32 * len(d) + 1)), dpi=150, layout="constrained")
        ax = fig.subplots()
        y = range(len(d))
        ax.barh(y, d["n"], color=[PALETTE.get(k, "#999999") for k in d["kind"]])
        ax.barh(y, d["n_variant"], color="none", edgecolor="black", hatch="///", linewidth=0.5)
        ax.set_yticks(list(y), [str(c) for c in d["canonical"]], fontsize=8)
        for i, (n, t) in enumerate(zip(d["n"], d["temperature"], strict=True)):
            ax.text(n, i, f" {n} {t}", va="center", fontsize=8)
        ax.set_xlabel("次数 occurrences (hatched: variants 变体)")
        ax.set_title("口号使用 Slogan usage")
        handles = [
            Patch(color=PALETTE[k], label=k)
            for k in ("parallel", "numbered", "quoted_name", "national_formula")
        ]
        ax.legend(handles=handles, loc="lower right", fontsize=7)
    return fig


def diffusion_timeline(diffusion: pd.DataFrame, *, slogans: list[str] | None = None) -> Figure:
    """When each unit first used each slogan: one row per slogan, one dot per unit.

    Args:
        diffusion: Table from ``slogan_usage.diffusion`` (dated rows are drawn).
        slogans: Slogans to show, top to bottom (default: all with a dated first use).

    Returns:
        The figure; dot colour = unit level, label = unit.

    Example:
        >>> fig = diffusion_timeline(slogan_usage.diffusion(hits, articles, lex))  # doctest: +SKIP
    """
    schema.require_columns(
        diffusion,
        ("canonical", "unit", "unit_level", "first_date"),
        func="slogan_plots.diffusion_timeline",
    )
    d = diffusion[diffusion["first_date"].astype(str) != ""].copy()
    d["when"] = pd.to_datetime(d["first_date"].astype(str), errors="coerce", format="ISO8601")
    d = d[d["when"].notna()]
    names = slogans if slogans is not None else list(dict.fromkeys(d["canonical"]))
    d = d[d["canonical"].isin(names)]
    rows = {name: i for i, name in enumerate(reversed(names))}
    with _cjk():
        fig = Figure(figsize=(9, max(2.5, 0.4 * len(names) + 1.2)), dpi=150, layout="constrained")
        ax = fig.subplots()
        stacked: dict[tuple[str, object], int] = {}
        for rec in d.to_dict("records"):
            yv = rows[rec["canonical"]]
            colour = PALETTE.get(str(rec["unit_level"]), "#999999")
            ax.scatter([rec["when"]], [yv], color=colour, s=30, zorder=3)
            k = stacked.get((str(rec["canonical"]), rec["when"]), 0)
            stacked[(str(rec["canonical"]), rec["when"])] = k + 1
            ax.annotate(
                str(rec["unit"]),
                (rec["when"], yv),
                textcoords="offset points",
                xytext=(3, 4 - 7 * k),
                fontsize=6,
            )
        for name, yv in rows.items():
            span = d.loc[d["canonical"] == name, "when"]
            if len(span) > 1:
                ax.plot([span.min(), span.max()], [yv, yv], color="#bbbbbb", lw=1, zorder=1)
        ax.set_yticks(list(rows.values()), list(rows.keys()), fontsize=8)
        ax.set_xlabel("首次出现 first appearance in each unit's coverage")
        ax.set_title("口号扩散 Diffusion of slogans across units")
        levels = [lv for lv in PALETTE if lv in set(d["unit_level"].astype(str))]
        handles = [Patch(color=PALETTE[lv], label=lv) for lv in levels]
        if handles:
            ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
        fig.autofmt_xdate()
    return fig


def cooccurrence_heatmap(matrix: pd.DataFrame, *, top: int = 20) -> Figure:
    """Heatmap of the article co-occurrence matrix of the most widespread slogans.

    Args:
        matrix: Square table from ``slogan_usage.cooccurrence_matrix``.
        top: Keep the slogans found in the most articles (the diagonal).

    Returns:
        The figure; cell = number of articles using both slogans.

    Example:
        >>> m = slogan_usage.cooccurrence_matrix(pairs, hits)  # doctest: +SKIP
        >>> fig = cooccurrence_heatmap(m)  # doctest: +SKIP
    """
    if top < 1:
        raise ParameterError(invalid_value("top", top, "an integer of at least 1"))
    diag = pd.Series({k: matrix.loc[k, k] for k in matrix.index})
    keep = diag.sort_values(ascending=False, kind="stable").head(top).index.tolist()
    m = matrix.loc[keep, keep]
    with _cjk():
        size = max(4.0, 0.35 * len(keep) + 2)
        fig = Figure(figsize=(size + 1, size), dpi=150, layout="constrained")
        ax = fig.subplots()
        im = ax.imshow(m.to_numpy(), cmap="YlOrRd")
        ax.set_xticks(range(len(keep)), keep, rotation=90, fontsize=7)
        ax.set_yticks(range(len(keep)), keep, fontsize=7)
        values = m.to_numpy(dtype=int)
        for i in range(len(keep)):
            for j in range(len(keep)):
                v = int(values[i, j])
                if v:
                    ax.text(j, i, str(v), ha="center", va="center", fontsize=6)
        fig.colorbar(im, ax=ax, label="文章数 articles")
        ax.set_title("口号共现 Co-occurrence in articles")
    return fig


#: Order of unit levels from the top of the hierarchy down (unknown levels go last).
LEVEL_ORDER = (
    "national",
    "province",
    "city",
    "city_agency",
    "agency",
    "county",
    "county_agency",
    "township",
)


def spread_matrix(diffusion: pd.DataFrame, *, slogans: list[str] | None = None) -> Figure:
    """Which units use which slogans: occurrences per slogan (rows) and unit (columns).

    Units are ordered by level (city, its agencies, counties, county agencies, townships), so the
    spread of a city slogan down the hierarchy reads left to right. Works without dates.

    Args:
        diffusion: Table from ``slogan_usage.diffusion``.
        slogans: Slogans to show, top to bottom (default: all, most widespread first).

    Returns:
        The figure; tick labels of units are coloured by level.

    Example:
        >>> fig = spread_matrix(slogan_usage.diffusion(hits, articles, lex))  # doctest: +SKIP
    """
    schema.require_columns(
        diffusion, ("canonical", "unit", "unit_level", "n"), func="slogan_plots.spread_matrix"
    )
    d = diffusion[diffusion["unit"].astype(str) != ""]
    if slogans is None:
        slogans = (
            d.groupby("canonical")["unit"].nunique().sort_values(ascending=False).index.tolist()
        )
    d = d[d["canonical"].isin(slogans)]
    rank = {lv: i for i, lv in enumerate(LEVEL_ORDER)}
    units = (
        d[["unit", "unit_level"]]
        .drop_duplicates("unit")
        .assign(r=lambda x: x["unit_level"].map(lambda v: rank.get(str(v), len(rank))))
        .sort_values(["r", "unit"], kind="stable")
    )
    grid = d.pivot_table(index="canonical", columns="unit", values="n", aggfunc="sum", fill_value=0)
    grid = grid.reindex(index=slogans, columns=units["unit"].tolist(), fill_value=0)
    with _cjk():
        fig = Figure(
            figsize=(max(5.0, 0.45 * len(units) + 3), max(2.5, 0.35 * len(slogans) + 1.5)),
            dpi=150,
            layout="constrained",
        )
        ax = fig.subplots()
        values = grid.to_numpy(dtype=int)
        ax.imshow(values > 0, cmap="Blues", vmin=0, vmax=1.6, aspect="auto")
        for i in range(values.shape[0]):
            for j in range(values.shape[1]):
                if values[i, j]:
                    ax.text(j, i, str(values[i, j]), ha="center", va="center", fontsize=6)
        ax.set_yticks(range(len(slogans)), slogans, fontsize=7)
        ax.set_xticks(range(len(units)), units["unit"].tolist(), rotation=90, fontsize=7)
        for label, level in zip(ax.get_xticklabels(), units["unit_level"], strict=True):
            label.set_color(PALETTE.get(str(level), "#333333"))
        levels = [lv for lv in LEVEL_ORDER if lv in set(units["unit_level"].astype(str))]
        ax.legend(
            handles=[Patch(color=PALETTE.get(lv, "#999999"), label=lv) for lv in levels],
            fontsize=7,
            loc="upper left",
            bbox_to_anchor=(1.01, 1),
        )
        ax.set_title("口号在各单位报道中的分布 Spread of slogans across units (occurrences)")
    return fig
