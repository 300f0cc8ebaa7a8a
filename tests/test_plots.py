from __future__ import annotations

import io
import warnings

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from analysis import plots, terms
from analysis.errors import ParameterError
from tests.test_terms import ARTICLES, TOKENS


def render(fig: Figure) -> np.ndarray:
    """Draw to PNG with every warning an error (a missing glyph warns)."""
    canvas = FigureCanvasAgg(fig)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(io.BytesIO(), format="png", dpi=60)
        canvas.draw()
    return np.asarray(canvas.buffer_rgba())


COUNTS = terms.count(TOKENS, ARTICLES, by="year")


@pytest.mark.parametrize(
    "make",
    [
        lambda: plots.top_terms(COUNTS, n=3),
        lambda: plots.keyness_bars(terms.keyness(TOKENS, ARTICLES, by="year", target="2025")),
        lambda: plots.dispersion(terms.occurrences(TOKENS, ARTICLES, terms=["创一流", "发展"])),
        lambda: plots.word_cloud(COUNTS, groups=["2025"]),
    ],
)
def test_plots_render_chinese_without_missing_glyphs(make: object) -> None:
    fig = make()  # type: ignore[operator]
    assert isinstance(fig, Figure)
    image = render(fig)
    assert (image[..., :3] < 200).any()  # something was drawn


def test_word_cloud_is_deterministic_and_uses_the_cjk_font() -> None:
    a = render(plots.word_cloud(COUNTS, groups=["2023"], random_state=7))
    b = render(plots.word_cloud(COUNTS, groups=["2023"], random_state=7))
    assert np.array_equal(a, b)


def test_top_terms_panel_per_group_and_labels() -> None:
    fig = plots.top_terms(COUNTS, n=2)
    assert len(fig.axes) == 2
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["创一流", "发展"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: plots.top_terms(COUNTS, groups=["2019"]), r"`groups` value = \['2019'\]"),
        (lambda: plots.word_cloud(COUNTS.iloc[0:0]), r"`counts` is empty"),
        (lambda: plots.dispersion(pd.DataFrame(columns=["term", "corpus_fraction"])), "`terms`"),
    ],
)
def test_plot_errors(make: object, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        make()  # type: ignore[operator]
