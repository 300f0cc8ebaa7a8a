import io

import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis import lexicons, slogan_plots, slogan_usage, slogans
from analysis.errors import ParameterError, SchemaError
from tests.helpers import make_articles

ROWS = [
    {
        "raw": "推行三抓三提。创一流、争第一、争唯一。",
        "subject": "竹溪县",
        "subject_level": "county",
        "date": "2023-04-01",
    },
    {
        "raw": "三抓三提和“五亮五共”。",
        "subject": "竹溪县",
        "subject_level": "county",
        "date": "2023-05-01",
    },
    {
        "raw": "五亮五共，创一流、争第一、干唯一。",
        "subject": "市总工会",
        "subject_level": "agency",
        "date": "2024-01-01",
    },
]


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    lex = lexicons.load_slogans()
    arts = make_articles(ROWS)
    hits = slogans.find(arts, lex)
    return {
        "usage": slogan_usage.usage(hits, arts, lex),
        "diffusion": slogan_usage.diffusion(hits, arts, lex),
        "matrix": slogan_usage.cooccurrence_matrix(slogan_usage.cooccurrence(hits), hits),
    }


def render(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")  # a missing CJK glyph warning fails the test (pyproject)
    return buf.getvalue()


def test_figures_render_with_cjk_font(tables: dict[str, pd.DataFrame]) -> None:
    figs = [
        slogan_plots.usage_bars(tables["usage"]),
        slogan_plots.diffusion_timeline(tables["diffusion"]),
        slogan_plots.cooccurrence_heatmap(tables["matrix"]),
        slogan_plots.spread_matrix(tables["diffusion"]),
    ]
    for fig in figs:
        assert isinstance(fig, Figure)
        assert render(fig).startswith(b"\x89PNG")
    labels = [t.get_text() for t in figs[0].axes[0].get_yticklabels()]
    assert labels[-1] in {"三抓三提", "创一流、争第一、干唯一", "五亮五共"}


def test_plot_errors(tables: dict[str, pd.DataFrame]) -> None:
    with pytest.raises(ParameterError, match=r"`top` value = 0 is invalid"):
        slogan_plots.usage_bars(tables["usage"], top=0)
    with pytest.raises(SchemaError, match=r"slogan_plots.usage_bars: table is missing"):
        slogan_plots.usage_bars(pd.DataFrame({"canonical": []}))
