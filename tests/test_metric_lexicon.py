import re

import pandas as pd
import pytest

from analysis import metric_lexicon
from analysis.errors import SchemaError
from tests.fixtures_metrics import INDICATORS, UNITS


def test_records_equal_to_dict_records() -> None:
    df = pd.DataFrame(
        {"unit": ["个", "元"], "scale": [1.0, 1e4], "n": [1, 2], "flag": [True, False]}
    ).astype({"unit": "str"})
    cols = ["unit", "scale", "n", "flag", "missing"]
    assert metric_lexicon.records(df, cols) == df.to_dict("records")
    assert metric_lexicon.records(df, ["n"]) == [{"n": 1}, {"n": 2}]


def test_prepare_reads_places_aliases_and_indicator_kinds() -> None:
    gazetteer = pd.DataFrame(
        [("十堰市", "十堰", "city", ""), ("丹江口市", "丹江口|丹市", "county", "十堰市")],
        columns=["name", "aliases", "level", "parent"],
    )
    indicators = pd.DataFrame(
        [{"keyword": "签约项目", "name": "签约项目", "family": "projects", "kinds": "count|money"}]
    )
    lex = metric_lexicon.prepare(UNITS, indicators, gazetteer, None, ["1+N", re.compile("A+")])
    assert lex.place_name == {
        "十堰市": "十堰市",
        "十堰": "十堰市",
        "丹江口市": "丹江口市",
        "丹江口": "丹江口市",
        "丹市": "丹江口市",
    }
    assert lex.parent == {"丹江口市": "十堰市"}
    assert lex.level == {"十堰市": "city", "丹江口市": "county"}
    assert lex.indicators == {
        "签约项目": {
            "name": "签约项目",
            "family": "projects",
            "kinds": ("count", "money"),
            "sector": False,
        }
    }
    assert lex.re_place is not None
    assert lex.re_place.findall("丹江口市和丹市") == ["丹江口市", "丹市"]
    # Exclusion words first (one pattern), then the given patterns.
    assert [p.pattern for p in lex.re_exclude] == [r"1\+N", "A+"]


def test_prepare_reads_yes_no_columns_as_written_or_typed() -> None:
    units = pd.DataFrame(
        [
            ("个", "count", 1.0, "个", "", "no"),
            ("期", "count", 1.0, "期", "", "yes"),
            ("项", "count", 1.0, "项", "", None),
            ("家", "count", 1.0, "家", "", True),
            ("件", "count", 1.0, "件", "", pd.NA),
        ],
        columns=["unit", "kind", "scale", "canonical", "family", "boundary"],
    )
    lex = metric_lexicon.prepare(units, INDICATORS, None, None, ())
    assert {u: r["boundary"] for u, r in lex.units.items()} == {
        "个": False,
        "期": True,
        "项": False,
        "家": True,
        "件": False,
    }


def test_prepare_knows_whether_keywords_fit_in_clauses() -> None:
    extra = pd.DataFrame(
        [{"keyword": "项目\n数", "name": "项目数", "family": "projects", "kinds": ""}]
    )
    with_newline = pd.concat([INDICATORS, extra], ignore_index=True)
    lex = metric_lexicon.prepare(UNITS, with_newline, None, None, ())
    assert not lex.indicators_in_clauses  # the fallback: one scan of the whole text
    assert metric_lexicon.prepare(UNITS, INDICATORS, None, None, ()).indicators_in_clauses


def test_prepare_names_extract_when_a_column_is_missing() -> None:
    with pytest.raises(
        SchemaError, match=r"metrics\.extract: .*missing required column.*\['name'\]"
    ):
        metric_lexicon.prepare(UNITS, INDICATORS, pd.DataFrame({"level": ["city"]}), None, ())


def test_prepare_adds_traditional_forms_and_surfaces_that_name_no_place() -> None:
    places = pd.DataFrame(
        {
            "name": ["襄阳市", "郧阳区", "日照市", "日照"],
            "aliases": ["襄阳", "", "日照", ""],
            "level": ["city", "county", "city", "not_place"],
            "parent": ["", "", "", ""],
        }
    )
    lex = metric_lexicon.prepare(UNITS, INDICATORS, None, None, [], places)
    assert lex.place_name["襄陽"] == "襄阳市"
    assert lex.place_name["鄖陽區"] == "郧阳区"
    # 日照 names no place (the row of level not_place wins over the alias), 日照市 does.
    assert "日照" not in lex.place_name and lex.place_name["日照市"] == "日照市"
    assert lex.not_places == {"日照"}
    assert lex.re_place is not None and lex.re_place.fullmatch("日照")
