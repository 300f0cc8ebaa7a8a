import math

import pandas as pd
import pytest

from analysis import lexicons, slogan_usage, slogans
from analysis.errors import ParameterError
from tests.helpers import make_articles

LEXICON = """\
canonical,variants,kind,level,first_seen,source,notes
创一流、争第一、干唯一,,parallel,city,2023,t,
三抓三提,,numbered,county,2025,t,
五亮五共,,numbered,city,2023,t,
局长进大厅,,quoted_name,agency,2023,t,
"""

# n_chars: 19, 12, 5 (total 36)
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
    {"raw": "五亮五共。", "subject": "市总工会", "subject_level": "agency", "date": "2024-01-01"},
]


@pytest.fixture(scope="module")
def data(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    path = tmp_path_factory.mktemp("lex") / "slogans.csv"
    path.write_text(LEXICON, encoding="utf-8")
    lex = lexicons.load_slogans(path)
    arts = make_articles(ROWS)
    return arts, lex, slogans.find(arts, lex)


def test_fixture_lengths(data: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]) -> None:
    arts, _, hits = data
    assert arts["n_chars"].tolist() == [19, 12, 5]
    assert len(hits) == 5


def test_usage_hand_computed(data: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]) -> None:
    arts, lex, hits = data
    u = slogan_usage.usage(hits, arts, lex).set_index("canonical")
    assert u.index.tolist() == ["三抓三提", "五亮五共", "创一流、争第一、干唯一", "局长进大厅"]
    s = u.loc["三抓三提"]
    assert (s["n"], s["n_articles"], s["n_variant"], s["n_quoted"], s["n_units"]) == (2, 2, 0, 0, 1)
    assert (s["first_date"], s["last_date"], s["first_file"]) == (
        "2023-04-01",
        "2023-05-01",
        "doc0.txt",
    )
    assert s["per_article"] == pytest.approx(2 / 3)
    assert s["rate_per_10k"] == pytest.approx(2 * 10_000 / 36)
    assert s["temperature"] == "烫"
    w = u.loc["五亮五共"]
    assert (w["n_quoted"], w["n_units"], w["first_date"]) == (1, 2, "2023-05-01")
    c = u.loc["创一流、争第一、干唯一"]
    assert (c["n_variant"], c["variant_share"], c["temperature"]) == (1, 1.0, "热")
    z = u.loc["局长进大厅"]
    assert z["n"] == 0 and math.isnan(z["variant_share"]) and z["temperature"] == "冷"


@pytest.mark.parametrize(
    "per_article, grade",
    [
        (1.0, "沸"),
        (0.99, "烫"),
        (0.5, "烫"),
        (0.2, "热"),
        (0.1, "暖"),
        (0.05, "温"),
        (0.049, "冷"),
        (0.0, "冷"),
    ],
)
def test_temperature_thresholds(per_article: float, grade: str) -> None:
    assert slogan_usage.temperature(per_article) == grade


def test_counts_by_subject_and_year(data: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]) -> None:
    arts, _, hits = data
    c = slogan_usage.counts(hits, arts, by="subject")
    assert c[["group", "canonical", "n", "group_chars"]].values.tolist() == [
        ["市总工会", "五亮五共", 1, 5],
        ["竹溪县", "三抓三提", 2, 31],
        ["竹溪县", "五亮五共", 1, 31],
        ["竹溪县", "创一流、争第一、干唯一", 1, 31],
    ]
    assert c["rate_per_10k"].tolist() == pytest.approx(
        [2000.0, 20_000 / 31, 10_000 / 31, 10_000 / 31]
    )
    y = slogan_usage.counts(hits, arts, by="year")
    assert y[["group", "canonical", "n", "group_chars"]].values.tolist()[-1] == [
        "2024",
        "五亮五共",
        1,
        5,
    ]
    with pytest.raises(ParameterError, match=r"`by` value = 'month' is invalid"):
        slogan_usage.counts(hits, arts, by="month")


def test_diffusion_order_and_lag(data: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]) -> None:
    arts, lex, hits = data
    d = slogan_usage.diffusion(hits, arts, lex, levels=["city"])
    got = d[["canonical", "unit", "unit_level", "first_date", "lag_days", "order"]].values.tolist()
    assert got == [
        ["五亮五共", "竹溪县", "county", "2023-05-01", 0, 1],
        ["五亮五共", "市总工会", "agency", "2024-01-01", 245, 2],
        ["创一流、争第一、干唯一", "竹溪县", "county", "2023-04-01", 0, 1],
    ]


def test_cooccurrence_pairs_and_matrix(
    data: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame],
) -> None:
    _, _, hits = data
    p = slogan_usage.cooccurrence(hits)
    assert p[["a", "b", "n_articles", "n_a", "n_b"]].values.tolist() == [
        ["三抓三提", "五亮五共", 1, 2, 2],
        ["三抓三提", "创一流、争第一、干唯一", 1, 2, 1],
    ]
    assert p["jaccard"].tolist() == pytest.approx([1 / 3, 1 / 2])
    m = slogan_usage.cooccurrence_matrix(p, hits)
    assert m.loc["三抓三提", "三抓三提"] == 2 and m.loc["五亮五共", "三抓三提"] == 1
    assert m.loc["五亮五共", "创一流、争第一、干唯一"] == 0


def test_variants_share(data: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]) -> None:
    _, _, hits = data
    v = slogan_usage.variants(hits)
    row = v[v["canonical"] == "创一流、争第一、干唯一"].iloc[0]
    assert (row["variant_note"], row["n"], row["share"], row["example"]) == (
        "part 3 争唯一≠干唯一",
        1,
        1.0,
        "创一流、争第一、争唯一",
    )


def test_build_tables_names_and_shapes(
    data: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame],
) -> None:
    arts, lex, _ = data
    t = slogans.build_tables(arts, lex)
    assert sorted(t) == sorted(slogans.TABLES)
    assert len(t["slogan_hits"]) == 5 and len(t["slogan_usage"]) == 4
    assert t["slogan_candidates"].empty or "candidate" in t["slogan_candidates"].columns


def test_dates_of_month_precision_keep_their_text(
    data: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame],
) -> None:
    arts, lex, hits = data
    arts = arts.assign(date=["2023-04", "2023-05", ""])
    d = slogan_usage.diffusion(hits, arts, lex, levels=["city"])
    got = d[["canonical", "unit", "first_date", "order"]].values.tolist()
    assert got == [
        ["五亮五共", "竹溪县", "2023-05", 1],
        ["五亮五共", "市总工会", "", 2],
        ["创一流、争第一、干唯一", "竹溪县", "2023-04", 1],
    ]
    assert d["lag_days"].tolist()[0] == 0 and pd.isna(d["lag_days"].tolist()[1])
    u = slogan_usage.usage(hits, arts, lex).set_index("canonical")
    assert (u.loc["三抓三提", "first_date"], u.loc["三抓三提", "last_date"]) == (
        "2023-04",
        "2023-05",
    )


def _hit(file: str, aid: str, start: int, canonical: str, **kw: object) -> dict[str, object]:
    return {
        "file": file,
        "article_id": aid,
        "start": start,
        "end": start + 4,
        "surface": canonical,
        "canonical": canonical,
        "is_variant": kw.get("is_variant", False),
        "variant_note": "",
        "kind": "numbered",
        "quoted": kw.get("quoted", False),
    }


def test_usage_stats_first_and_last_hits_by_date_then_table_order() -> None:
    # 三抓三提: dated hits in b (2023-05) and a (2023-04, two hits); an undated hit in c sorts
    # first by file but never counts as first when a dated one exists.
    # 五亮五共: only undated hits; the first by file and start is c.txt at 2.
    hits = pd.DataFrame(
        [
            _hit("b.txt", "b1", 0, "三抓三提", quoted=True),
            _hit("a.txt", "a1", 9, "三抓三提", is_variant=True),
            _hit("a.txt", "a1", 3, "三抓三提"),
            _hit("0.txt", "c1", 0, "三抓三提"),
            _hit("c.txt", "c1", 7, "五亮五共"),
            _hit("c.txt", "c2", 2, "五亮五共"),
        ]
    )
    arts = pd.DataFrame(
        {
            "article_id": ["a1", "b1", "c1", "c2"],
            "subject": ["竹溪县", "竹溪县", "", "市总工会"],
            "subject_level": ["county", "county", "", "agency"],
            "date": ["2023-04", "2023-05-01", "", "无日期"],
            "n_chars": [10, 10, 10, 10],
        }
    )
    df = slogan_usage._joined(hits, arts, "test")
    stats = slogan_usage._usage_stats(df, "subject")
    assert stats["三抓三提"] == slogan_usage._Usage(
        n=4,
        n_articles=3,
        n_variant=1,
        n_quoted=1,
        n_units=1,  # "" is no unit
        first_date="2023-04",
        first_file="a.txt",
        first_article_id="a1",
        last_date="2023-05-01",
    )
    assert stats["五亮五共"] == slogan_usage._Usage(2, 2, 0, 0, 1, "", "c.txt", "c2", "")
    assert slogan_usage._usage_stats(df.iloc[0:0], "subject") == {}
