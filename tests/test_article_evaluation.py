import math

import pandas as pd
import pytest

from analysis import article_evaluation, textmap
from analysis.errors import SchemaError

RAW = "导航\n标题\n甲乙丙丁戊己庚辛壬癸\n子丑寅卯\n图注"
# offsets: 导航 0-2, 标题 3-5, body one 6-16, body two 17-21, caption 22-24


def _articles(spans: list[tuple[int, int]], headlines: list[str]) -> pd.DataFrame:
    rows = []
    for k, ((s, e), h) in enumerate(zip(spans, headlines, strict=True)):
        text, omap = textmap.normalize(RAW, s, e)
        rows.append(
            {
                "file": "p.txt",
                "article_id": f"p-a{k + 1:02d}",
                "headline": h,
                "text": text,
                "offset_map": omap,
            }
        )
    return pd.DataFrame(rows)


def _gold() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "file": ["p.txt"] * 5,
            "kind": ["furniture", "headline", "article", "article", "caption"],
            "start": [0, 3, 6, 17, 22],
            "end": [2, 5, 16, 21, 24],
            "headline": ["", "", "标题", "", ""],
        }
    )


def test_perfect_split() -> None:
    r = article_evaluation.evaluate(
        _gold(), _articles([(6, 16), (17, 21)], ["标题", ""]), {"p.txt": RAW}
    )
    assert (r["n_gold"], r["n_pred"], r["n_matched"]) == (2, 2, 2)
    assert (r["precision"], r["recall"], r["headline_exact"]) == (1.0, 1.0, 1.0)
    assert (r["furniture_recall"], r["body_lost"], r["absorbed"]) == (1.0, 0, 0)


def test_merged_articles_furniture_absorbed_and_body_lost() -> None:
    # one article from the navigation line to the first body's 8th character: covers 2 of the
    # 8 furniture characters and 8 of 10 + 0 of 4 body characters
    r = article_evaluation.evaluate(_gold(), _articles([(0, 14)], ["导航"]), {"p.txt": RAW})
    # body span 0-14 overlaps gold 6-16 by 8 = 0.8 of gold but only 8/14 of itself: no match
    assert (r["n_matched"], r["precision"], r["recall"]) == (0, 0.0, 0.0)
    assert math.isnan(r["headline_exact"])
    assert r["absorbed"] == 4  # 导航 and 标题
    assert r["furniture_recall"] == pytest.approx(1 - 4 / 6)
    assert r["body_lost"] == 2 + 4
    assert r["body_lost_share"] == pytest.approx(6 / 14)
    assert r["alignment"]["status"].tolist() == ["missed", "missed", "spurious"]


def test_overlap_of_80_percent_of_both_matches_and_headline_is_compared_nfkc() -> None:
    # pred 8-16 covers 8 of gold 6-16's 10 characters (0.8) and is all inside it
    r = article_evaluation.evaluate(
        _gold(), _articles([(8, 16), (17, 21)], ["标 题", "子丑"]), {"p.txt": RAW}
    )
    assert r["n_matched"] == 2
    assert r["headline_exact"] == 0.5  # 标 题 == 标题; 子丑 != ""
    assert r["body_lost"] == 2


def test_parents_without_body_are_not_articles_and_columns_are_checked() -> None:
    arts = _articles([(6, 16)], ["标题"])
    parent = arts.iloc[[0]].assign(article_id="p-a00", text="")
    assert article_evaluation.body_spans(pd.concat([parent, arts]))["article_id"].tolist() == [
        "p-a01"
    ]
    with pytest.raises(SchemaError):
        article_evaluation.align(_gold().drop(columns="headline"), arts)
