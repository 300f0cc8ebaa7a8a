from pathlib import Path

import pandas as pd
import pytest

from analysis import corpus, lexicons, metric_evaluation, metrics
from analysis.errors import SchemaError
from tests.fixtures_metrics import INDICATORS, UNITS, run
from tests.helpers import make_articles

DATA = Path(__file__).resolve().parent / "data"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _gold(name: str) -> pd.DataFrame:
    gold = lexicons.read_table(DATA / name, required=metric_evaluation.GOLD_COLUMNS)
    return gold[gold["region"] == "body"]


def _report(label: str, scores: dict[str, float]) -> None:
    print(
        f"\n{label}: precision {scores['precision']:.3f}, recall {scores['recall']:.3f}, "
        f"f1 {scores['f1']:.3f} (gold {scores['n_gold']:.0f}, predicted "
        f"{scores['n_predicted']:.0f}, matched {scores['tp']:.0f}); approx agreement "
        f"{scores['approx_agreement']:.3f}, change agreement {scores['change_agreement']:.3f}"
    )


def test_precision_recall_on_seed_pages() -> None:
    gaz = lexicons.load_gazetteer()
    loaded = corpus.load(SEEDS)
    arts, _ = corpus.split(loaded.documents, loaded.texts, gazetteer=gaz)
    pred = metrics.extract(
        arts,
        units=UNITS,
        indicators=INDICATORS,
        gazetteer=gaz,
        slogan_lexicon=lexicons.load_slogans(),
        exclude=lexicons.load_numbered_names(),
    )
    scores = metric_evaluation.evaluate(pred, _gold("metrics_gold.csv"))
    _report("seeds", scores)
    assert scores["precision"] >= SEED_FLOOR["precision"]
    assert scores["recall"] >= SEED_FLOOR["recall"]
    assert scores["approx_agreement"] >= SEED_FLOOR["approx"]
    assert scores["change_agreement"] >= SEED_FLOOR["change"]


def test_precision_recall_on_government_report_paragraphs() -> None:
    sample = lexicons.read_table(
        DATA / "metrics_gov_sample.csv", required=["file", "date", "text"], unique=["file"]
    )
    arts = make_articles(
        [{"raw": t, "file": f, "date": d} for f, d, t in sample[["file", "date", "text"]].values]
    )
    pred = metrics.extract(
        arts,
        units=UNITS,
        indicators=INDICATORS,
        gazetteer=lexicons.load_gazetteer(),
        slogan_lexicon=lexicons.load_slogans(),
        exclude=lexicons.load_numbered_names(),
    )
    scores = metric_evaluation.evaluate(pred, _gold("metrics_gold_gov.csv"))
    _report("government reports", scores)
    assert scores["precision"] >= GOV_FLOOR["precision"]
    assert scores["recall"] >= GOV_FLOOR["recall"]
    assert scores["approx_agreement"] >= GOV_FLOOR["approx"]
    assert scores["change_agreement"] >= GOV_FLOOR["change"]


# Floors: the figures reached when the gold files were last revised, minus a small margin.
SEED_FLOOR = {"precision": 0.98, "recall": 0.98, "approx": 0.97, "change": 0.97}
GOV_FLOOR = {"precision": 0.96, "recall": 0.95, "approx": 0.97, "change": 0.97}


def test_align_and_evaluate_count_matches_by_span_kind_unit_and_value():
    raw = "签约项目51个，投资3亿元，培训100人次。"
    pred = run(raw)
    gold = pd.DataFrame(
        [
            ("doc0.txt", 4, 7, "51个", "51", "个", "count", "", ""),  # matched
            ("doc0.txt", 10, 14, "3亿元", "3000000000", "元", "money", "", ""),  # wrong value
            ("doc0.txt", 2, 4, "项目", "1", "个", "count", "", ""),  # not extracted
        ],
        columns=list(metric_evaluation.GOLD_COLUMNS),
    )
    pairs = metric_evaluation.align(pred, gold)
    assert sorted(pairs["status"]) == ["fn", "fn", "fp", "fp", "tp"]
    scores = metric_evaluation.evaluate(pred, gold)
    assert (scores["tp"], scores["n_gold"], scores["n_predicted"]) == (1, 3, 3)
    assert scores["precision"] == pytest.approx(1 / 3)
    assert scores["recall"] == pytest.approx(1 / 3)


def test_align_requires_gold_columns():
    with pytest.raises(SchemaError, match=r"metric_evaluation\.align"):
        metric_evaluation.align(run("签约项目51个。"), pd.DataFrame({"file": ["doc0.txt"]}))
