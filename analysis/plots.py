"""Figures drawn from the term tables; they compute nothing and never show or save.

Every function takes a table made by ``analysis.terms`` and returns a ``matplotlib.figure.Figure``
(display it in a notebook, or save it with ``fig.savefig``). Chinese text is set in the CJK font of
``analysis.fonts``, registered on first use; word clouds get the same font file and a fixed random
state, so the same table always gives the same image.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from wordcloud import WordCloud

from analysis import fonts, schema
from analysis.errors import ParameterError

#: Colours: target-side and reference-side bars.
TARGET_COLOUR = "#b2182b"
REFERENCE_COLOUR = "#2166ac"
BAR_COLOUR = "#4d4d4d"


def _font() -> font_manager.FontProperties:
    fonts.register()
    return font_manager.FontProperties(fname=str(fonts.cjk_font_path()))


def _style_axes(ax: Axes, fp: font_manager.FontProperties) -> None:
    for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
        label.set_fontproperties(fp)


def _grid(n: int, ncols: int, *, width: float, height: float) -> tuple[Figure, list[Axes]]:
    ncols = max(1, min(ncols, n))
    nrows = int(np.ceil(n / ncols))
    fig = Figure(figsize=(width * ncols, height * nrows), layout="constrained")
    axes = [fig.add_subplot(nrows, ncols, i + 1) for i in range(n)]
    return fig, axes


def _groups(counts: pd.DataFrame, groups: Sequence[str] | None) -> list[str]:
    present = list(dict.fromkeys(counts["group"].astype(str)))
    if groups is None:
        return present
    unknown = [g for g in groups if str(g) not in present]
    if unknown:
        raise ParameterError(
            f"`groups` value = {unknown!r} has no terms; groups in the table: {present}."
        )
    return [str(g) for g in groups]


def top_terms(
    counts: pd.DataFrame,
    *,
    n: int = 20,
    groups: Sequence[str] | None = None,
    ncols: int = 2,
    value: str = "n",
) -> Figure:
    """Horizontal bars of the ``n`` most frequent terms of each group.

    Args:
        counts: Table from ``terms.count``.
        n: Terms per group.
        groups: Groups to draw (default: all, in table order).
        ncols: Panels per row.
        value: Column to plot (``"n"``, ``"rel_freq"`` or ``"tfidf"``); ties by term.

    Returns:
        The figure, one panel per group.

    Example:
        >>> fig = top_terms(terms.count(tok, arts, by="year"), n=10)  # doctest: +SKIP
    """
    schema.require_columns(counts, ["group", "term", value], func="plots.top_terms")
    if counts.empty:
        raise ParameterError("`counts` is empty: there are no terms to draw.")
    fp = _font()
    chosen = _groups(counts, groups)
    fig, axes = _grid(len(chosen), ncols, width=5.0, height=0.25 * n + 1.2)
    for ax, group in zip(axes, chosen, strict=True):
        sub = counts[counts["group"].astype(str) == group]
        sub = sub.sort_values([value, "term"], ascending=[False, True], kind="stable").head(n)
        y = np.arange(len(sub))[::-1]
        ax.barh(y, sub[value].to_numpy(), color=BAR_COLOUR)
        ax.set_yticks(y, labels=sub["term"].tolist())
        title = f"{sub['group_by'].iloc[0]} = {group}" if "group_by" in sub else group
        ax.set_title(title, fontproperties=fp)
        ax.set_xlabel(value)
        _style_axes(ax, fp)
    return fig


def keyness_bars(keyness: pd.DataFrame, *, n: int = 15) -> Figure:
    """Bars of the ``n`` strongest key terms on each side (signed G²).

    Args:
        keyness: Table from ``terms.keyness``.
        n: Terms per side.

    Returns:
        The figure: target-side terms to the right (positive), reference-side to the left.

    Example:
        >>> fig = keyness_bars(terms.keyness(tok, arts, by="year", target="2025"))  # doctest: +SKIP
    """
    schema.require_columns(keyness, ["term", "g2", "direction"], func="plots.keyness_bars")
    if keyness.empty:
        raise ParameterError("`keyness` is empty: there are no terms to draw.")
    fp = _font()
    order = ["g2", "term"]
    tgt = keyness[keyness["direction"] == "target"].sort_values(
        order, ascending=[False, True], kind="stable"
    )
    ref = keyness[keyness["direction"] == "reference"].sort_values(
        order, ascending=[False, True], kind="stable"
    )
    rows = pd.concat([tgt.head(n), ref.head(n).iloc[::-1]])
    signed = np.where(rows["direction"] == "target", rows["g2"], -rows["g2"])
    colours = np.where(rows["direction"] == "target", TARGET_COLOUR, REFERENCE_COLOUR)
    fig = Figure(figsize=(7.0, 0.28 * len(rows) + 1.5), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(len(rows))[::-1]
    ax.barh(y, signed, color=colours)
    ax.set_yticks(y, labels=rows["term"].tolist())
    ax.axvline(0, color="black", linewidth=0.8)
    first = keyness.iloc[0]
    if {"target", "reference"} <= set(keyness.columns):
        ax.set_title(f"{first['target']} vs {first['reference']} (G², signed)", fontproperties=fp)
    ax.set_xlabel("G² (right: target, left: reference)")
    _style_axes(ax, fp)
    return fig


def word_cloud(
    counts: pd.DataFrame,
    *,
    groups: Sequence[str] | None = None,
    max_words: int = 150,
    random_state: int = 42,
    ncols: int = 2,
    value: str = "n",
) -> Figure:
    """A word cloud per group from term frequencies, in the CJK font, with a fixed layout seed.

    Args:
        counts: Table from ``terms.count`` (already without stopwords).
        groups: Groups to draw (default: all).
        max_words: Words per cloud.
        random_state: Seed of the layout (same table and seed, same image).
        ncols: Panels per row.
        value: Column used as weight (``"n"`` or ``"tfidf"``).

    Returns:
        The figure, one panel per group.

    Example:
        >>> fig = word_cloud(terms.count(tok, arts))  # doctest: +SKIP
    """
    schema.require_columns(counts, ["group", "term", value], func="plots.word_cloud")
    if counts.empty:
        raise ParameterError("`counts` is empty: there are no terms to draw.")
    fp = _font()
    path = str(fonts.cjk_font_path())
    chosen = _groups(counts, groups)
    fig, axes = _grid(len(chosen), ncols, width=6.0, height=4.0)
    for ax, group in zip(axes, chosen, strict=True):
        sub = counts[(counts["group"].astype(str) == group) & (counts[value] > 0)]
        sub = sub.sort_values([value, "term"], ascending=[False, True], kind="stable")
        freqs = dict(zip(sub["term"].astype(str), sub[value].astype(float), strict=True))
        cloud = WordCloud(
            font_path=path,
            width=800,
            height=520,
            background_color="white",
            max_words=max_words,
            random_state=random_state,
            prefer_horizontal=1.0,
            colormap="viridis",
        ).generate_from_frequencies(freqs)
        ax.imshow(cloud.to_array(), interpolation="bilinear")
        ax.set_axis_off()
        ax.set_title(group, fontproperties=fp)
    return fig


def dispersion(occurrences: pd.DataFrame, *, terms: Sequence[str] | None = None) -> Figure:
    """Lexical dispersion plot: one row per term, a tick at each occurrence along the corpus.

    Args:
        occurrences: Table from ``terms.occurrences``.
        terms: Rows to draw, top to bottom (default: terms in table order).

    Returns:
        The figure (x: position in the corpus as a fraction of all tokens, articles in order).

    Example:
        >>> fig = dispersion(terms.occurrences(tok, arts, terms=["创一流"]))  # doctest: +SKIP
    """
    schema.require_columns(occurrences, ["term", "corpus_fraction"], func="plots.dispersion")
    fp = _font()
    names = list(terms) if terms is not None else list(dict.fromkeys(occurrences["term"]))
    if not names:
        raise ParameterError("`terms` is empty: give at least one term to draw.")
    fig = Figure(figsize=(8.0, 0.45 * len(names) + 1.2), layout="constrained")
    ax = fig.add_subplot()
    for i, term in enumerate(names):
        x = occurrences.loc[occurrences["term"] == term, "corpus_fraction"].to_numpy()
        ax.plot(x, np.full(len(x), len(names) - 1 - i), "|", color=BAR_COLOUR, markersize=12)
    ax.set_yticks(np.arange(len(names))[::-1], labels=names)
    ax.set_ylim(-0.7, len(names) - 0.3)
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in corpus (fraction of tokens)")
    _style_axes(ax, fp)
    return fig
