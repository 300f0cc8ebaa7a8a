from __future__ import annotations

import pandas as pd

from analysis import schema, term_tables, terms
from tests import fixtures_tokens as fx
from tests.helpers import make_articles

ARTS = make_articles(
    [
        {"raw": "本报讯 郧阳区坚持创一流、争第一，协议总投资303.98亿元。", "date": "2023-04-01"},
        {"raw": "记者从市里获悉：全市深入开展能力作风建设，争第一。", "date": "2025-02-01"},
        {"raw": "我们要创一流，优化营商环境，增长129.2%。", "date": "2025-03-01"},
    ]
)
TEXTS = dict(zip(ARTS["file"], ARTS["raw"], strict=True))
STOP = ["本报讯", "记者", "获悉", "我们", "要", "从", "争第一"]


def build(**kwargs: object) -> dict:
    return term_tables.build_tables(
        ARTS,
        tokenizer=fx.campaign(),
        texts=TEXTS,
        stopwords=STOP,
        kwic_terms=["创一流"],
        keyness_p=1.0,
        **kwargs,  # type: ignore[arg-type]
    )


def test_build_tables_names_and_columns() -> None:
    tables = build()
    assert sorted(tables) == ["keyness", "kwic", "segmentation_audit", "terms", "tokens"]
    assert list(tables["tokens"].columns) == list(schema.TOKENS)
    assert list(tables["terms"].columns) == list(terms.COUNT_COLUMNS)
    assert list(tables["keyness"].columns) == list(terms.KEYNESS_COLUMNS)
    audit = tables["segmentation_audit"]
    assert audit[["term", "problem"]].values.tolist() == [["争第一", "stopword"]]
    assert len(tables["kwic"]) == 2


def test_terms_without_stopwords_but_with_campaign_terms() -> None:
    t = build()["terms"]
    whole = t[t["group_by"] == "all"].set_index("term")["n"]
    assert whole["创一流"] == 2 and whole["争第一"] == 2  # lexicon terms are never stopwords
    assert whole["能力作风建设"] == 1 and whole["303.98亿元"] == 1
    assert not {"本报讯", "记者", "获悉", "我们", "。", "，"} & set(whole.index)
    # groupings without values (subject) are skipped; year and file are kept
    assert set(t["group_by"]) == {"all", "year", "file"}


def test_numbers_drop_and_keyness_targets() -> None:
    tables = build(numbers="drop")
    assert "303.98亿元" not in set(tables["terms"]["term"])
    assert "129.2%" not in set(tables["terms"]["term"])
    assert set(tables["keyness"]["target"]) == {"2023", "2025"}


def test_terms_table_is_the_stacked_counts_with_sorted_categories() -> None:
    tables = build()
    counted = term_tables.counted_terms(
        tables["tokens"], protected=term_tables.protected_terms(fx.campaign()), stopwords=STOP
    )
    stacked = pd.concat(
        [terms.count(counted, ARTS, by=by) for by in (None, "year", "file")], ignore_index=True
    )
    got = tables["terms"]
    for c in ("group_by", "group", "term"):
        assert isinstance(got[c].dtype, pd.CategoricalDtype)
        assert got[c].cat.categories.tolist() == sorted(set(stacked[c]))
    assert got.astype({c: str for c in ("group_by", "group", "term")}).equals(stacked)


def test_keyness_targets_are_groups_with_counted_terms() -> None:
    # 2024 has an article, but only stopwords and punctuation in it: no keyness target.
    arts = make_articles(
        [
            {"raw": "郧阳区坚持创一流。", "date": "2023-04-01"},
            {"raw": "我们要。", "date": "2024-01-01"},
            {"raw": "全市深入开展能力作风建设。", "date": "2025-02-01"},
        ]
    )
    tables = term_tables.build_tables(
        arts,
        tokenizer=fx.campaign(),
        texts=dict(zip(arts["file"], arts["raw"], strict=True)),
        stopwords=STOP,
        keyness_p=1.0,
    )
    assert set(tables["keyness"]["target"]) == {"2023", "2025"}
    assert "2024" not in set(tables["terms"]["group"])
