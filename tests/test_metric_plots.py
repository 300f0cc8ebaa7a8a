import warnings

import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis import lexicons, metric_plots, metrics
from analysis.errors import ParameterError, SchemaError
from tests.helpers import make_articles


def _m():
    raw = [
        ("上半年签约项目51个。全省第一。", "茅箭区", "2023-07-01"),
        ("上半年签约项目38个。", "竹山县", "2023-07-01"),
        ("一季度签约项目25个。", "竹山县", "2025-03-13"),
    ]
    arts = make_articles(
        [
            {"raw": r, "subject": s, "date": d, "file": f"d{i}.txt"}
            for i, (r, s, d) in enumerate(raw)
        ]
    )
    return metrics.extract(arts, units=lexicons.load_units(), indicators=lexicons.load_indicators())


def _labels(fig):
    return [t.get_text() for ax in fig.axes for t in ax.get_yticklabels() + ax.get_xticklabels()]


def test_indicator_by_subject_draws_cjk_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = metric_plots.indicator_by_subject(_m(), indicator="签约项目数")
        fig.canvas.draw()
    assert isinstance(fig, Figure)
    assert set(_labels(fig)) >= {"茅箭区", "竹山县"}


def test_compare_periods_and_heatmap():
    m = _m()
    fig = metric_plots.compare_periods(m, indicator="签约项目数", periods=("2023", "2025"))
    assert "竹山县" in _labels(fig)
    assert isinstance(metric_plots.family_heatmap(m), Figure)


def test_empty_selection_gives_a_figure():
    fig = metric_plots.indicator_by_subject(_m(), indicator="不存在")
    assert isinstance(fig, Figure)


def test_bad_arguments():
    with pytest.raises(ParameterError, match="indicator"):
        metric_plots.compare_periods(_m())
    with pytest.raises(ParameterError, match="top"):
        metric_plots.indicator_by_subject(_m(), indicator="x", top=0)
    with pytest.raises(SchemaError, match="family_heatmap"):
        metric_plots.family_heatmap(pd.DataFrame())


def test_labels_use_the_cjk_font():
    arts = make_articles([{"raw": "协议总投资303.98亿元。", "subject": "茅箭区"}])
    m = metrics.extract(arts, units=lexicons.load_units(), indicators=lexicons.load_indicators())
    fig = metric_plots.indicator_by_subject(m, indicator="协议投资额")
    labels = [
        t for ax in fig.axes for t in ax.get_yticklabels() + ax.get_xticklabels() if t.get_text()
    ]
    assert labels
    assert {t.get_fontname() for t in labels} == {"Noto Sans SC"}


def test_money_axis_in_yi_yuan():
    arts = make_articles([{"raw": "协议总投资303.98亿元。", "subject": "茅箭区"}])
    m = metrics.extract(arts, units=lexicons.load_units(), indicators=lexicons.load_indicators())
    fig = metric_plots.indicator_by_subject(m, indicator="协议投资额")
    assert fig.axes[0].get_xlabel() == "协议投资额 (亿元)"
    assert fig.axes[0].patches[0].get_width() == pytest.approx(303.98)
