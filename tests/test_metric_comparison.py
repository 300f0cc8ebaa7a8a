import pandas as pd

from analysis import metric_comparison, metrics
from tests.fixtures_metrics import GAZ, INDICATORS, SLOGANS, UNITS, run
from tests.helpers import make_articles


def _table():
    raw = [
        ("上半年，全市签约项目100个。", "十堰市"),
        ("上半年，茅箭区签约项目120个。", "十堰市"),
        ("上半年签约项目51个。", "茅箭区"),
        ("上半年签约项目38个。", "竹山县"),
        ("全省第一。", "竹山县"),
    ]
    arts = make_articles(
        [
            {"raw": r, "subject": s, "date": "2023-07-01", "file": f"d{i}.txt"}
            for i, (r, s) in enumerate(raw)
        ]
    )
    return metrics.extract(arts, units=UNITS, indicators=INDICATORS, gazetteer=GAZ)


def test_compare_groups_by_family_subject_period():
    m = _table()
    c = metric_comparison.compare(m, families=["projects"])
    assert list(c["subject"]) == ["竹山县", "茅箭区", "十堰市"] or set(c["subject"]) == {
        "十堰市",
        "茅箭区",
        "竹山县",
    }
    mj = c[c["subject"] == "茅箭区"].iloc[0]
    assert (mj["n_claims"], mj["n_values"], mj["value_min"], mj["value_max"]) == (2, 2, 51, 120)
    assert set(c["period"]) == {"2023-H1"}


def test_compare_joins_qualifiers_and_sources_per_group_in_table_order():
    m = _table()
    m.loc[m.index[0], "approx"] = "约"
    c = metric_comparison.compare(m)
    df = m[m["kind"] != "rank"].copy()
    pn = df["period_norm"]
    df["period_key"] = pn.where(pn.astype(str) != "", df["period"]).astype(str)
    df["source"] = df["file"].astype(str) + ":" + df["start"].astype(str)
    keys = ["family", "indicator", "kind", "unit", "change", "subject", "period_key"]
    want = (
        df.groupby(keys, sort=True, dropna=False)
        .agg(
            approx=("approx", lambda s: "|".join(sorted({str(x) for x in s if x}))),
            sources=("source", ";".join),
        )
        .reset_index()
    )
    got = c.sort_values(["family", "indicator", "kind", "unit", "change", "subject", "period"])
    assert sorted(zip(got["approx"], got["sources"], strict=True)) == sorted(
        zip(want["approx"], want["sources"], strict=True)
    )
    assert "约" in set(c["approx"])
    assert any(";" in s for s in c["sources"])


def test_check_ignores_values_within_one_article_and_pair_baselines():
    m = run("上半年，全市签约项目100个。上半年，全市签约项目120个。审批事项由81项精简为38项。")
    assert metric_comparison.check(m, gazetteer=GAZ).empty


def test_check_flags_conflict_and_part_exceeding_whole():
    m = _table()
    ch = metric_comparison.check(m, gazetteer=GAZ)
    kinds = set(ch["check"])
    assert kinds == {"conflicting_values", "part_exceeds_whole"}
    part = ch[ch["check"] == "part_exceeds_whole"].iloc[0]
    assert (part["subject"], part["other_subject"], part["value"], part["other_value"]) == (
        "茅箭区",
        "十堰市",
        120,
        100,
    )


def _unread_columns_scrambled(m: pd.DataFrame, read: tuple[str, ...]) -> pd.DataFrame:
    """``m`` with every column outside ``read`` replaced by the same junk value."""
    out = m.copy()
    for c in out.columns:
        if c not in read:
            out[c] = "乱码" if out[c].dtype == object or str(out[c].dtype) == "str" else -1
    return out


def test_compare_and_check_read_only_their_columns():
    m = _table()
    m.loc[m.index[0], "approx"] = "约"
    assert set(metric_comparison.COMPARED_COLUMNS) <= set(m.columns)
    assert set(metric_comparison.CHECKED_COLUMNS) <= set(m.columns)
    assert {"sentence", "surface", "value"}.isdisjoint(metric_comparison.COMPARED_COLUMNS)
    assert {"sentence", "surface", "value"}.isdisjoint(metric_comparison.CHECKED_COLUMNS)
    pd.testing.assert_frame_equal(
        metric_comparison.compare(_unread_columns_scrambled(m, metric_comparison.COMPARED_COLUMNS)),
        metric_comparison.compare(m),
    )
    pd.testing.assert_frame_equal(
        metric_comparison.check(
            _unread_columns_scrambled(m, metric_comparison.CHECKED_COLUMNS), gazetteer=GAZ
        ),
        metric_comparison.check(m, gazetteer=GAZ),
    )
    # Optional columns that are absent stay absent (as before the selection).
    bare = m.drop(columns=["period_norm", "modality", "pair_role"])
    assert len(metric_comparison.check(bare, gazetteer=GAZ))
    assert len(metric_comparison.compare(bare))


def test_ranks_table():
    r = metric_comparison.ranks(_table())
    assert list(r["subject"]) == ["竹山县"]
    assert r.iloc[0]["type"] == "rank"


def test_build_tables_names():
    arts = make_articles([{"raw": "上半年签约项目51个。全省第一。"}])
    t = metric_comparison.build_tables(
        arts, gazetteer=GAZ, slogan_lexicon=SLOGANS, units=UNITS, indicators=INDICATORS
    )
    assert set(t) == {"metrics", "metric_comparison", "metric_checks", "metric_ranks"}
