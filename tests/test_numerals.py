import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import numerals


@pytest.mark.parametrize(
    ("text", "value", "multiplier", "qualifier"),
    [
        ("51", 51.0, 1.0, ""),
        ("303.98", 303.98, 1.0, ""),
        ("1,234.5", 1234.5, 1.0, ""),
        ("５０", 50.0, 1.0, ""),
        ("１．８５亿", 1.85, 1e8, ""),
        ("两", 2.0, 1.0, ""),
        ("兩", 2.0, 1.0, ""),
        ("一半", 0.5, 1.0, ""),
        ("第十", 10.0, 1.0, ""),
        ("十二", 12.0, 1.0, ""),
        ("一千二百三十四", 1234.0, 1.0, ""),
        ("一千零五", 1005.0, 1.0, ""),
        ("三万五", 35000.0, 1.0, ""),
        ("二〇二三", 2023.0, 1.0, ""),
        ("百分之十二点五", 12.5, 1.0, ""),
        ("百分之三十六點九", 36.9, 1.0, ""),
        ("1.85亿", 1.85, 1e8, ""),
        ("1.33万", 1.33, 1e4, ""),
        ("2000余万", 2000.0, 1e4, "at_least"),
        ("3千万", 3.0, 1e7, ""),
        ("2万亿", 2.0, 1e12, ""),
        ("一千二百三十四亿", 1234.0, 1e8, ""),
        ("五百七十五万", 575.0, 1e4, ""),
        ("七万万", 7.0, 1e8, ""),
        ("一亿二千万", 1.2e8, 1.0, ""),
        ("一点五亿", 1.5, 1e8, ""),
        ("三分之一", 1 / 3, 1.0, ""),
        ("九千三百一十萬", 9310.0, 1e4, ""),
    ],
)
def test_parse(text, value, multiplier, qualifier):
    n = numerals.parse(text)
    assert n is not None
    assert n.value == pytest.approx(value)
    assert n.multiplier == multiplier
    assert n.qualifier == qualifier


@pytest.mark.parametrize(
    "text", ["", "1..5亿", "一亿亿", "十十", "1.2.3", "abc", "万亿", "万", "9" * 400, "二十百"]
)
def test_malformed_is_none(text):
    assert numerals.parse(text) is None
    assert numerals.parse_number(text) is None


@pytest.mark.parametrize(
    ("chars", "expected"),
    [
        ("", 1.0),
        ("万", 1e4),
        ("千万", 1e7),
        ("万亿", 1e12),
        ("万万", 1e8),
        ("亿亿", None),
        ("万千", None),
    ],
)
def test_multiplier(chars, expected):
    assert numerals.multiplier(chars) == expected


def test_parse_number_totals():
    assert numerals.parse_number("1.33万") == pytest.approx(13300.0)
    assert numerals.parse_number("一千二百三十四亿") == pytest.approx(1.234e11)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_never_raises_on_text(s):
    n = numerals.parse(s)
    assert n is None or (math.isfinite(n.value) and math.isfinite(n.multiplier))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789.,一二两三四五六七八九十百千万亿点零余多第百分之", max_size=25))
def test_never_raises_on_numeral_soup(s):
    n = numerals.parse(s)
    assert n is None or math.isfinite(n.total)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=10**30))
def test_arabic_integers_roundtrip(i):
    n = numerals.parse(str(i))
    assert n is not None and n.value == float(i)


@pytest.mark.parametrize("value", [None, 12, 1.5, b"12", ["12"]])
def test_parse_of_a_non_string_is_none(value: object) -> None:
    assert numerals.parse(value) is None  # type: ignore[arg-type]


def test_parse_repeated_gives_the_same_number() -> None:
    assert numerals.parse("三万五") == numerals.parse("三万五") == (35000.0, 1.0, "")
