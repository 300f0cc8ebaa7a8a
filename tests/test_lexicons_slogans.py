from pathlib import Path

import pytest

from analysis import lexicons, schema
from analysis.errors import LexiconError

HEADER = "canonical,variants,kind,level,first_seen,source,notes\n"


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "slogans.csv"
    p.write_text(text, encoding="utf-8")
    return p


def test_shipped_lexicon_loads_with_all_kinds() -> None:
    lex = lexicons.load_slogans()
    assert tuple(lex.columns) == schema.SLOGAN_LEXICON
    assert set(lex["kind"]) == set(lexicons.SLOGAN_KINDS)
    assert lex["canonical"].is_unique
    for canonical in [
        "创一流、争第一、干唯一",
        "三抓三提",
        "局长进大厅",
        "中央八项规定",
        "1+N",
        "2半0",
    ]:
        assert canonical in set(lex["canonical"])


def test_optional_columns_default_empty(tmp_path: Path) -> None:
    p = write(tmp_path, HEADER + "三抓三提,3抓3提,numbered,county,2025-03,seed,\n")
    lex = lexicons.load_slogans(p)
    row = lex.iloc[0]
    assert (row["gloss"], row["not_after"], row["quoted_only"], row["line"]) == ("", "", False, 2)


@pytest.mark.parametrize(
    "body, message",
    [
        (
            "canonical,variants,kind,level,first_seen,source\n三抓三提,,numbered,county,,s\n",
            r"slogans.csv, line 1: missing column\(s\) \['notes'\]",
        ),
        (
            HEADER + "三抓三提,,numbered,county,,s,\n三抓三提,,numbered,city,,s,\n",
            r"line 3, field 'canonical': duplicate value '三抓三提' \(first on line 2\)",
        ),
        (
            HEADER + "三抓三提,3抓3提||三抓,numbered,county,,s,\n",
            r"line 2, field 'variants': variant 2 is empty",
        ),
        (
            HEADER + "三抓三提,re:三抓(三提,numbered,county,,s,\n",
            r"line 2, field 'variants': regex 're:三抓\(三提' does not compile",
        ),
        (
            HEADER + "三抓三提,re:三?,numbered,county,,s,\n",
            r"line 2, field 'variants': regex 're:三\?' matches the empty string",
        ),
        (
            HEADER + "三抓三提,,slogan,county,,s,\n",
            r"line 2, field 'kind': `kind` value = 'slogan' is invalid",
        ),
        (
            HEADER + "三抓三提,,numbered,village,,s,\n",
            r"line 2, field 'level': `level` value = 'village' is invalid",
        ),
        (
            HEADER + "三抓三提,,numbered,county,2023/05,s,\n",
            r"line 2, field 'first_seen': '2023/05' is not a date",
        ),
        (
            HEADER + "创一流,,parallel,city,,s,\n",
            r"line 2, field 'canonical': parallel slogan '创一流' needs at least two parts",
        ),
        (
            HEADER + "三抓三提,,numbered,county,,s,\n三提,三抓 三提,numbered,county,,s,\n",
            r"line 3, field 'variants': form '三抓 三提' is also a form of '三抓三提' \(line 2\)",
        ),
        (
            HEADER + "三抓三提,,numbered,,,s,\n",
            r"line 2, field 'level': empty value",
        ),
        (
            HEADER.rstrip("\n") + ",context\n三三制,,numbered,county,,s,,项目||机制\n",
            r"line 2, field 'context': empty entry in '项目\|\|机制'",
        ),
    ],
)
def test_load_slogans_errors_name_file_line_field(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        lexicons.load_slogans(write(tmp_path, body))


def test_form_key_ignores_separators_quotes_and_width() -> None:
    assert lexicons.form_key("“创一流，争第一 干唯一”") == "创一流争第一干唯一"
    assert lexicons.form_key("１＋Ｎ") == "1+N"
