import math

import pytest

from analysis import token_evaluation as te
from analysis.errors import ParameterError
from tests.fixtures_tokens import campaign


def test_is_scored_leaves_out_punctuation_and_symbols() -> None:
    assert [te.is_scored(w) for w in ["工作", "9%", "，", "……", "“", "G316"]] == [
        True,
        True,
        False,
        False,
        False,
        True,
    ]


def test_gold_spans_skip_whitespace_between_words() -> None:
    assert te.gold_spans("湖北日报讯 （记者）", ["湖北日报", "讯", "（", "记者", "）"]) == [
        (0, 4),
        (4, 5),
        (6, 7),
        (7, 9),
        (9, 10),
    ]


@pytest.mark.parametrize("words", [["工作", "任"], ["工作", "任务", "。"], ["工", "做任务"]])
def test_gold_spans_reject_words_that_do_not_make_up_the_text(words: list[str]) -> None:
    with pytest.raises(ParameterError):
        te.gold_spans("工作任务", words)


def test_parse_and_check_spans() -> None:
    spans = te.parse_spans("0:2 3:5 5:6")
    assert spans == [(0, 2), (3, 5), (5, 6)]
    te.check_spans("增长 9%。", spans)
    for bad in ([(0, 2), (2, 6)], [(0, 2), (3, 5)], [(0, 3), (3, 6)], [(0, 2), (1, 6)]):
        with pytest.raises(ParameterError):
            te.check_spans("增长 9%。", bad)


def test_evaluate_hand_computed() -> None:
    # gold: 今年 / 产值 / 增长 / 9% / 。   predicted: 今年产值 / 增长 / 9 / % / 。
    text = "今年产值增长9%。"
    gold = [(0, 2), (2, 4), (4, 6), (6, 8), (8, 9)]
    pred = [(0, 4), (4, 6), (6, 7), (7, 8), (8, 9)]
    scores = te.evaluate([text], [gold], [pred])
    # scored: gold 4 words (。 left out), predicted 3 (% and 。 left out); correct: 增长
    assert (scores["n_gold"], scores["n_predicted"], scores["correct"]) == (4, 3, 1)
    assert scores["precision"] == pytest.approx(1 / 3)
    assert scores["recall"] == pytest.approx(1 / 4)
    assert scores["f1"] == pytest.approx(2 * (1 / 3) * (1 / 4) / (1 / 3 + 1 / 4))
    assert "oov_recall" not in scores


def test_evaluate_oov_recall_counts_gold_words_outside_the_vocabulary() -> None:
    text = "郧阳区推进首违不罚"
    gold = [(0, 3), (3, 5), (5, 9)]
    pred = [(0, 3), (3, 5), (5, 7), (7, 9)]
    scores = te.evaluate([text], [gold], [pred], vocabulary={"推进", "首违"})
    # OOV gold words: 郧阳区 (found) and 首违不罚 (missed)
    assert scores["n_oov"] == 2
    assert scores["oov_recall"] == 0.5
    assert math.isnan(
        te.evaluate([text], [gold], [pred], vocabulary={"郧阳区", "推进", "首违不罚"})["oov_recall"]
    )


def test_evaluate_without_words_and_with_mismatched_inputs() -> None:
    assert te.evaluate([], [], [])["f1"] == 1.0
    with pytest.raises(ParameterError):
        te.evaluate(["工作"], [[(0, 2)]], [])


def test_errors_lists_missed_and_wrong_words_in_order() -> None:
    text = "该市成立专班。"
    errs = te.errors(
        [text], [[(0, 1), (1, 2), (2, 4), (4, 6), (6, 7)]], [[(0, 2), (2, 4), (4, 6), (6, 7)]]
    )
    assert errs[["status", "word"]].values.tolist() == [["fn", "该"], ["fp", "该市"], ["fn", "市"]]


def test_tokenizer_spans_are_raw_offsets_of_the_normalized_text() -> None:
    # full-width digits and percent sign are normalized (NFKC) before segmentation; the spans
    # index the raw text
    raw = "产值增长１２．５％，创一流"
    spans = te.tokenizer_spans(campaign(), raw)
    assert [raw[a:b] for a, b in spans] == ["产值", "增长", "１２．５％", "，", "创一流"]
    assert te.tokenizer_spans(campaign(), "") == []


def test_vocabulary_holds_user_dictionary_words() -> None:
    voc = te.vocabulary(campaign())
    assert {"创一流", "营商环境", "工作"} <= voc
    assert "创一流争第一" not in voc
