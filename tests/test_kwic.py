from __future__ import annotations

import re
from typing import Literal

import pandas as pd
import pytest

from analysis import kwic
from analysis.errors import ParameterError, SchemaError
from tests.helpers import make_articles

RAWS = [
    {
        "raw": "全市坚持创一流、争第一。\n郧阳区要创一流！",
        "subject": "郧阳区",
        "date": "2025-03-01",
    },
    {"raw": "增长１２９．２％，创一流", "file": "b.txt", "subject": "十堰市", "date": "2023-01-02"},
]
ARTS = make_articles(RAWS)
TEXTS = dict(zip(ARTS["file"], ARTS["raw"], strict=True))


def test_kwic_term_on_raw_text_with_offsets_and_metadata() -> None:
    out = kwic.find(ARTS, "创一流", texts=TEXTS, window=3)
    assert out[["file", "start", "end", "left", "match", "right"]].values.tolist() == [
        ["b.txt", 9, 12, "２％，", "创一流", ""],
        ["doc0.txt", 4, 7, "市坚持", "创一流", "、争第"],
        ["doc0.txt", 17, 20, "阳区要", "创一流", "！"],
    ]
    for _, row in out.iterrows():
        assert TEXTS[row["file"]][row["start"] : row["end"]] == row["match"]
    assert out["subject"].tolist() == ["十堰市", "郧阳区", "郧阳区"]
    assert list(out.columns[:8]) == list(kwic.KWIC_COLUMNS)


def test_kwic_regex_and_several_queries_keep_query_order() -> None:
    out = kwic.find(ARTS, ["争第一", r"创一流|干唯一"], texts=TEXTS, regex=True, window=0)
    assert out["query"].tolist() == ["争第一", r"创一流|干唯一", r"创一流|干唯一", r"创一流|干唯一"]
    assert (out["left"] == "").all() and (out["right"] == "").all()


def test_kwic_on_analysis_text_matches_full_width_and_maps_to_raw() -> None:
    assert kwic.find(ARTS, "129.2%", texts=TEXTS).empty
    out = kwic.find(ARTS, "129.2%", texts=TEXTS, on="text", window=2)
    assert out[["start", "end", "left", "match", "right"]].values.tolist() == [
        [2, 8, "增长", "１２９．２％", "，创"]
    ]


def test_kwic_context_stops_at_the_article_span() -> None:
    arts = ARTS.copy()
    arts.loc[0, "end"] = 12  # first article ends after the first sentence
    out = kwic.find(arts.iloc[[0]], "争第一", texts=TEXTS, window=10)
    assert out[["left", "right"]].values.tolist() == [["全市坚持创一流、", "。"]]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"queries": ""}, ParameterError, "empty string"),
        ({"queries": "创(", "regex": True}, ParameterError, r"not a valid regular expression"),
        ({"queries": "创", "window": -1}, ParameterError, r"`window` value = -1"),
        ({"queries": "创", "on": "html"}, ParameterError, r"`on` value = 'html'"),
    ],
)
def test_kwic_errors(kwargs: dict[str, object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        kwic.find(ARTS, texts=TEXTS, **kwargs)


def test_kwic_missing_raw_text_is_an_error() -> None:
    with pytest.raises(SchemaError, match=r"no raw text for file\(s\) \['b.txt'\]"):
        kwic.find(ARTS, "创", texts={"doc0.txt": TEXTS["doc0.txt"]})


@pytest.mark.parametrize(
    "text, query",
    [
        ("哈哈哈哈哈", "哈哈"),  # overlapping occurrences: leftmost first, then after its end
        ("创一流、争第一、创一流", "创一流"),
        ("a.b a+b", "a.b"),
        ("没有", "创一流"),
        ("", "创"),
    ],
)
def test_plain_occurrences_match_finditer(text: str, query: str) -> None:
    pattern = re.compile(re.escape(query))
    want = [m.span() for m in pattern.finditer(text)]
    assert kwic._occurrences(text, query, pattern, False) == want
    assert kwic._occurrences(text, query, pattern, True) == want


@pytest.mark.parametrize(
    "terms",
    [
        # prefixes of each other (创一, 创一流, 创一流、), a repeated term, overlaps, absent terms
        ["创一流", "创一", "创一流、", "流、争", "争第一", "创一流", "干唯一", "a.b"],
        # single characters too (no first-and-second character test)
        ["创一流", "创一", "流、争", "干唯一", "％", "%"],
    ],
)
@pytest.mark.parametrize("on", ["raw", "text"])
def test_many_terms_equal_each_term_alone(terms: list[str], on: Literal["raw", "text"]) -> None:
    assert len(terms) >= kwic.PRESENCE_MIN
    many = kwic.find(ARTS, terms, texts=TEXTS, window=2, on=on)
    alone = [kwic.find(ARTS, t, texts=TEXTS, window=2, on=on) for t in terms]
    want = pd.concat([a for a in alone if not a.empty], ignore_index=True)
    pd.testing.assert_frame_equal(many, want)
    absent = {"干唯一", "a.b", "％" if on == "text" else "%"}
    assert set(many["query"]) == set(terms) - absent


def test_presence_reports_every_term_that_occurs() -> None:
    presence = kwic._Presence(["创一流", "创一", "创", "一流、争", "哈哈"])
    assert presence.terms("创一流、争第一，哈哈哈") == {"创一流", "创一", "创", "一流、争", "哈哈"}
    assert presence.terms("创新") == {"创"}
    assert presence.terms("") == set()
    presence = kwic._Presence(["创一流", "创一", "一流、争", "哈哈"])  # a first-and-second test
    assert presence.terms("创一流、争第一，哈哈哈") == {"创一流", "创一", "一流、争", "哈哈"}
    assert presence.terms("创新，哈") == set()
