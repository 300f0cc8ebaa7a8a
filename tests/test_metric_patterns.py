import re
from pathlib import Path

import pytest

from analysis import metric_lexicon, metric_patterns
from tests.fixtures_metrics import INDICATORS, UNITS

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _flat_alternation(words: list[str]) -> str:
    uniq = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in uniq)


@pytest.mark.parametrize(
    "words, text",
    [
        (["一个", "一批", "一批次", "批次"], "一批次一批一个批次一"),
        (["万元", "万", "元", "亿元"], "5万元、3亿元、7万、2元"),
        (["a.b", "a", "a.", "+"], "a.b a. a+b a.c"),
        (["十堰市", "十堰", "十堰市张湾区", "张湾区"], "十堰市张湾区和十堰和张湾区"),
    ],
)
def test_alternation_trie_matches_flat_alternation(words: list[str], text: str) -> None:
    trie = metric_patterns.alternation(words)
    flat = _flat_alternation(words)
    assert [m.span() for m in re.finditer(trie, text)] == [
        m.span() for m in re.finditer(flat, text)
    ]
    # Inside a longer pattern, backtracking tries the same words in the same order.
    for tail in ("次", "元", "、", "区和"):
        got = [m.span() for m in re.finditer(f"(?:{trie}){re.escape(tail)}", text)]
        want = [m.span() for m in re.finditer(f"(?:{flat}){re.escape(tail)}", text)]
        assert got == want


def test_alternation_of_nothing_is_empty() -> None:
    assert metric_patterns.alternation(["", ""]) == ""


@pytest.mark.parametrize(
    "text, groups",
    [
        ("培训5000余人次", {"num": "5000", "q1": "余", "unit": "人次"}),
        ("投资303.98亿元", {"num": "303.98", "mult": "亿", "unit2": "元"}),
        ("增长百分之十二点五", {"pct": "百分之", "pnum": "十二点五"}),
        ("二十一萬六千餘人", {"cnum": "二十一萬六千", "cq": "餘", "cunit": "人"}),
        ("八亿农民", {"cbare": "八亿"}),
        ("八亿人民", {"cbare": "八亿"}),  # 人 heads the noun 人民: no unit
        ("30万人民", {"num": "30", "mult": "万"}),
        ("三人民", {}),  # no unit and no multiplier: not a candidate
        ("30万人口", {"num": "30", "mult": "万", "unit2": "人口"}),
    ],
)
def test_quantity_pattern_groups_name_the_form(text: str, groups: dict[str, str]) -> None:
    m = metric_patterns.quantity_pattern(["个", "人次", "人", "人口", "元"]).search(text)
    if not groups:
        assert m is None
        return
    assert m is not None
    assert {k: v for k, v in m.groupdict().items() if v} == groups


@pytest.mark.parametrize(
    "text, start, low",
    [
        ("6%-6.5%", 3, "6"),  # the connector right before the number
        ("从6%-\n6.5%", 5, "6"),  # before a newline, where ``$`` matches too
        ("二百八十万到三百万千瓦", 6, "二百八十万"),
        ("增长6.5%", 2, None),
        ("6%-增长6.5%", 5, None),
    ],
)
def test_range_connectors_cover_every_range_low(text: str, start: int, low: str | None) -> None:
    found = metric_patterns.RE_RANGE_LOW.search(text, max(0, start - 16), start)
    assert (found["low"] if found else None) == low
    # ``metrics._quantities`` searches only after these characters: every match ends with one.
    assert found is None or text[start - 1] in metric_patterns.RANGE_CONNECTORS


@pytest.mark.parametrize(
    "pattern",
    [
        metric_patterns.RE_CHANGE,
        metric_patterns.RE_BASE,
        metric_patterns.RE_MODALITY,
        metric_patterns.RE_PERIOD,
        metric_patterns.RE_SCOPE_SUBJECT,
        metric_lexicon.prepare(UNITS, INDICATORS, None, None, ()).re_indicator,
    ],
)
def test_context_words_scanned_by_clauses_equal_a_whole_text_scan(
    pattern: re.Pattern[str] | None,
) -> None:
    # ``metrics._article_rows`` scans context words from a paragraph start to the end of a clause.
    assert pattern is not None
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    whole = [m.span() for m in pattern.finditer(text)]
    ends = [m.end() for m in metric_patterns.RE_CLAUSE.finditer(text)] + [len(text)]
    for hi in ends:
        lo = text.rfind("\n", 0, hi - 1) + 1
        got = [m.span() for m in pattern.finditer(text, lo, hi)]
        assert got == [(s, e) for s, e in whole if s >= lo and e <= hi], (lo, hi)
