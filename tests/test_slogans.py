import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import lexicons, schema, slogan_match, slogans
from analysis.errors import ParameterError, SchemaError
from tests.helpers import make_articles

LEXICON = """\
canonical,variants,kind,level,first_seen,source,notes,gloss,not_before,not_after,quoted_only
创一流、争第一、干唯一,,parallel,city,2023,t,,,,,
找差距、提能力、转作风、树导向,,parallel,city,2023,t,,,,,
下基层、察民情、解民忧、暖民心,,parallel,province,2022,t,,,,,
三抓三提,,numbered,county,2025,t,,,,,
五亮五共,,numbered,city,2023,t,,,,,
1+N,,numbered,county,2023,t,,,,,
2半0,,numbered,city,2023,t,,,,,
十五五,,numbered,national,2025,t,,,,,
零跑腿,,quoted_name,national,2023,t,,,,,
局长进大厅,,quoted_name,agency,2023,t,,,,,
一网通办,,quoted_name,national,2018,t,,,,,
100%工作法,,quoted_name,agency,2023,t,,,,,
十星,,quoted_name,county,2023,t,,,双,级,
双十星,,quoted_name,county,2023,t,,,,,
十星级,,quoted_name,county,2023,t,,,,,
群众评,,quoted_name,agency,2023,t,,,,价|议,yes
政采贷,re:政府采购合同融资贷款?,quoted_name,agency,2023,t,,,,,
中央八项规定,八项规定,national_formula,national,2012,t,,,,,
七个有之,,numbered,national,2015,t,,,,,
"""


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    path = tmp_path_factory.mktemp("lex") / "slogans.csv"
    path.write_text(LEXICON, encoding="utf-8")
    return lexicons.load_slogans(path)


@pytest.fixture(scope="module")
def matcher(lexicon: pd.DataFrame) -> slogans.Matcher:
    return slogans.build_matcher(lexicon)


def hits_of(raw: str, matcher: slogans.Matcher) -> pd.DataFrame:
    arts = make_articles([{"raw": raw, "file": "a.txt"}])
    return slogans.find(arts, matcher, texts={"a.txt": raw})


# (raw text, expected hits as (surface, canonical, variant_note, quoted))
CASES = [
    # exact hits, each kind
    (
        "全市坚持创一流、争第一、干唯一。",
        [("创一流、争第一、干唯一", "创一流、争第一、干唯一", "", False)],
    ),
    ("推行“三抓三提”活动", [("三抓三提", "三抓三提", "", True)]),
    ("开展“局长进大厅”活动", [("局长进大厅", "局长进大厅", "", True)]),
    ("落实中央八项规定精神", [("中央八项规定", "中央八项规定", "", False)]),
    ("实施“1+N”绩效考评", [("1+N", "1+N", "", True)]),
    ("优化企业开办“2半0”机制", [("2半0", "2半0", "", True)]),
    ("启动“十五五”规划编制", [("十五五", "十五五", "", True)]),
    # punctuation, spacing, line breaks and quotes between parts
    (
        "找差距 提能力 转作风 树导向",
        [("找差距 提能力 转作风 树导向", "找差距、提能力、转作风、树导向", "", False)],
    ),
    (
        "创一流\n\n争第一\n\n干唯一",
        [("创一流\n\n争第一\n\n干唯一", "创一流、争第一、干唯一", "", False)],
    ),
    ("创一流，争第一，干唯一", [("创一流，争第一，干唯一", "创一流、争第一、干唯一", "", False)]),
    # parts in another order: one deviation
    (
        "要争第一、创一流、干唯一",
        [("争第一、创一流、干唯一", "创一流、争第一、干唯一", "parts reordered", False)],
    ),
    ("创一流、创一流、争第一", []),  # a repeated part is not a third part
    ("“创一流”“争第一”“干唯一”", [("创一流”“争第一”“干唯一", "创一流、争第一、干唯一", "", True)]),
    (
        "体现“创一流、争第一、干唯一”的精神",
        [("创一流、争第一、干唯一", "创一流、争第一、干唯一", "", True)],
    ),
    # whitespace and quotes inside one form
    ("防范“七个\n\n有之”问题", [("七个\n\n有之", "七个有之", "", True)]),
    ("实行“100%”工作法", [("100%”工作法", "100%工作法", "", True)]),
    # full-width forms map back to raw offsets
    ("实施“１＋Ｎ”考评", [("１＋Ｎ", "1+N", "", True)]),
    # variants: changed character, missing character, extra part, missing part, digit form
    (
        "创一流、争第一、争唯一。",
        [("创一流、争第一、争唯一", "创一流、争第一、干唯一", "part 3 争唯一≠干唯一", False)],
    ),
    (
        "创一流、争第一、唯一。",
        [("创一流、争第一、唯一", "创一流、争第一、干唯一", "part 3 唯一≠干唯一", False)],
    ),
    (
        "争一流、争第一、干唯一。",
        [("争一流、争第一、干唯一", "创一流、争第一、干唯一", "part 1 争一流≠创一流", False)],
    ),
    (
        "以“找差距、提能力、转作风、优服务、树导向”为主线",
        [
            (
                "找差距、提能力、转作风、优服务、树导向",
                "找差距、提能力、转作风、树导向",
                "extra part 优服务",
                True,
            )
        ],
    ),
    (
        "坚持察民情、解民忧、暖民心。",
        [
            (
                "察民情、解民忧、暖民心",
                "下基层、察民情、解民忧、暖民心",
                "missing part 下基层",
                False,
            )
        ],
    ),
    ("实现“0跑腿”", [("0跑腿", "零跑腿", "digit form", True)]),
    ("推行“3抓3提”", [("3抓3提", "三抓三提", "digit form", True)]),
    ("严格落实八项规定", [("八项规定", "中央八项规定", "listed variant 八项规定", False)]),
    (
        "通过政府采购合同融资贷款平台",
        [("政府采购合同融资贷款", "政采贷", "listed variant re:政府采购合同融资贷款?", False)],
    ),
    # look-alikes are not hits
    ("基层群众评价2.8万条", []),
    ("开展便民服务“群众评”活动", [("群众评", "群众评", "", True)]),
    ("开展便民服务群众评活动", []),
    ("满意率达100%。", []),
    ("实现10跑腿", []),
    ("对标找差距、优化提能力、凝心聚力", []),
    ("推动转作风、解难题、树形象", []),
    ("创一流、争第一", []),
    # longest match wins: 十星 vs 双十星 vs 十星级
    ("深化“双十星”争创", [("双十星", "双十星", "", True)]),
    ("“十星级”文明创建", [("十星级", "十星级", "", True)]),
    ("持续擦亮十星品牌", [("十星", "十星", "", False)]),
    # several hits in one text, in order
    (
        "推进“一网通办”，实现“零跑腿”。",
        [("一网通办", "一网通办", "", True), ("零跑腿", "零跑腿", "", True)],
    ),
]


@pytest.mark.parametrize("raw, expected", CASES)
def test_find_hits(
    raw: str, expected: list[tuple[str, str, str, bool]], matcher: slogans.Matcher
) -> None:
    hits = hits_of(raw, matcher)
    got = list(
        hits[["surface", "canonical", "variant_note", "quoted"]].itertuples(index=False, name=None)
    )
    assert got == expected
    assert (hits["is_variant"] == (hits["variant_note"] != "")).all()
    for s, e, surface in hits[["start", "end", "surface"]].itertuples(index=False):
        assert raw[s:e] == surface


def test_find_columns_offsets_and_kind(matcher: slogans.Matcher) -> None:
    raw = "标题\n\n郧阳区推行三抓三提、五亮五共工作法。"
    arts = make_articles([{"raw": raw, "file": "x.txt", "article_id": "x-a01"}])
    hits = slogans.find(arts, matcher, texts={"x.txt": raw})
    assert tuple(hits.columns) == schema.SLOGAN_HITS
    assert hits[["start", "end", "kind"]].values.tolist() == [
        [9, 13, "numbered"],
        [14, 18, "numbered"],
    ]
    assert hits["article_id"].tolist() == ["x-a01", "x-a01"]


def test_find_without_raw_uses_analysis_text(matcher: slogans.Matcher) -> None:
    arts = make_articles([{"raw": "实施“１＋Ｎ”考评", "file": "a.txt"}])
    hits = slogans.find(arts, matcher)
    assert hits["surface"].tolist() == ["1+N"]
    assert hits[["start", "end"]].values.tolist() == [[3, 6]]


def test_find_searches_headlines_in_cleanup_log(matcher: slogans.Matcher) -> None:
    raw = "创一流\n争第一 干唯一\n\n正文没有口号。"
    arts = make_articles([{"raw": raw, "file": "a.txt"}])
    log = pd.DataFrame(
        [
            {
                "file": "a.txt",
                "start": 0,
                "end": 11,
                "kind": "headline",
                "article_id": "a-a01",
                "text": raw[:11],
            }
        ]
    )
    hits = slogans.find(arts, matcher, texts={"a.txt": raw}, furniture=log)
    assert hits[["start", "end", "canonical"]].values.tolist() == [
        [0, 11, "创一流、争第一、干唯一"]
    ]


def test_find_empty_and_missing_columns(matcher: slogans.Matcher) -> None:
    hits = hits_of("今天天气很好。", matcher)
    assert hits.empty and tuple(hits.columns) == schema.SLOGAN_HITS
    with pytest.raises(
        SchemaError, match=r"slogans.find: table is missing required column\(s\) \['offset_map'\]"
    ):
        slogans.find(pd.DataFrame({"file": [], "article_id": [], "text": []}), matcher)


def test_spans_for_other_stages(lexicon: pd.DataFrame) -> None:
    text = "落实“1+N”机制，启动“十五五”规划，推进三抓三提。"
    assert slogans.spans(text, lexicon) == [(3, 6, "1+N"), (13, 16, "十五五"), (22, 26, "三抓三提")]


def test_shipped_lexicon_examples_from_the_campaign() -> None:
    m = slogans.build_matcher(lexicons.load_slogans())
    text = "开展“两榜四法”和“五百行动”，以“十看十比创十星”为抓手，严格落实“八包一保”。"
    assert [c for _, _, c in slogans.spans(text, m)] == [
        "两榜四法",
        "五百行动",
        "十看十比创十星",
        "八包一保",
    ]


@pytest.mark.parametrize(
    "text, n",
    [
        ("创新建立项目建设“三三制”工作机制", 1),  # the project mechanism
        ("所需资金要按“三三制”原则认真落实", 0),  # same name, another sense (cost sharing)
        ("用好活“1+N”绩效考核机制", 1),
        ("构建碳达峰碳中和“1+N”政策体系", 0),
        ("印发应急管理“四化”体系建设方案", 1),
        ("坚持干部队伍“四化”方针", 0),
    ],
)
def test_context_words_pick_the_sense_of_short_abbreviations(text: str, n: int) -> None:
    m = slogans.build_matcher(lexicons.load_slogans())
    assert len(slogans.spans(text, m)) == n


@pytest.mark.parametrize(
    "text, found",
    [
        # Traditional characters read as they are: each form's and part's Traditional forms, and
        # those of the context words.
        ("實施“七大戰略”，推行三抓三提。", ["七大战略", "三抓三提"]),
        ("大力弘揚創一流、爭第一、幹唯一的精神", ["创一流、争第一、干唯一"]),
        ("創新建立項目建設“三三制”工作機制", ["三三制"]),
        ("所需資金要按“三三制”原則認真落實", []),
    ],
)
def test_traditional_text_is_matched_as_it_is(text: str, found: list[str]) -> None:
    m = slogans.build_matcher(lexicons.load_slogans())
    assert [c for _, _, c in slogans.spans(text, m)] == found


@pytest.mark.parametrize(
    "form, digits",
    [
        ("零跑腿", "0跑腿"),
        ("三抓三提", "3抓3提"),
        ("十星", "10星"),
        ("二十大精神", ""),
        ("局长进大厅", ""),
    ],
)
def test_digit_form(form: str, digits: str) -> None:
    assert slogans.digit_form(form) == digits


def test_kwic_cuts_raw_context(matcher: slogans.Matcher) -> None:
    raw = "全市上下坚持创一流、争第一、干唯一，\n深入开展能力作风建设。"
    hits = hits_of(raw, matcher)
    k = slogans.kwic(hits, {"a.txt": raw}, canonical="创一流、争第一、干唯一", width=3)
    assert k[["left", "surface", "right"]].values.tolist() == [
        ["下坚持", "创一流、争第一、干唯一", "，⏎深"]
    ]
    with pytest.raises(ParameterError, match=r"`width` value = -1 is invalid"):
        slogans.kwic(hits, {"a.txt": raw}, width=-1)


def test_matcher_is_reusable_and_lexicon_not_mutated(lexicon: pd.DataFrame, tmp_path: Path) -> None:
    before = lexicon.copy()
    m = slogans.build_matcher(lexicon)
    assert slogans.spans("三抓三提", m) == slogans.spans("三抓三提", m) == [(0, 4, "三抓三提")]
    pd.testing.assert_frame_equal(lexicon, before)


def test_kwic_from_articles_without_raw(matcher: slogans.Matcher) -> None:
    raw = "全市上下坚持“１＋Ｎ”考评，\n深入开展。"
    arts = make_articles([{"raw": raw, "file": "a.txt"}])
    hits = slogans.find(arts, matcher)
    k = slogans.kwic(hits, articles=arts, width=3)
    assert k[["left", "surface", "right"]].values.tolist() == [["坚持“", "1+N", "”考评"]]
    with pytest.raises(ParameterError, match=r"pass `texts` \(raw files by name\) or `articles`"):
        slogans.kwic(hits)


def test_find_joins_banner_lines_and_reads_editor_notes(matcher: slogans.Matcher) -> None:
    raw = "创一流\n\n争第一\n\n干唯一\n\n编者按：围绕“三抓三提”交流经验。\n\n正文。"
    arts = make_articles([{"raw": raw, "file": "a.txt"}])
    log = pd.DataFrame(
        [
            {
                "file": "a.txt",
                "start": 0,
                "end": 3,
                "kind": "banner",
                "article_id": "",
                "text": "创一流",
            },
            {
                "file": "a.txt",
                "start": 5,
                "end": 8,
                "kind": "banner",
                "article_id": "",
                "text": "争第一",
            },
            {
                "file": "a.txt",
                "start": 10,
                "end": 13,
                "kind": "banner",
                "article_id": "",
                "text": "干唯一",
            },
            {
                "file": "a.txt",
                "start": 15,
                "end": 34,
                "kind": "editor_note",
                "article_id": "",
                "text": raw[15:32],
            },
            {
                "file": "a.txt",
                "start": 36,
                "end": 39,
                "kind": "footer",
                "article_id": "",
                "text": "正文。",
            },
        ]
    )
    hits = slogans.find(arts, matcher, texts={"a.txt": raw}, furniture=log)
    got = hits[hits["start"] < 34][["start", "end", "canonical"]].values.tolist()
    assert got == [[0, 13, "创一流、争第一、干唯一"], [22, 26, "三抓三提"]]


def test_words_for_user_dictionary(lexicon: pd.DataFrame) -> None:
    w = slogans.words(lexicon)
    assert {"创一流", "争第一", "干唯一", "三抓三提", "3抓3提", "1+N", "八项规定"} <= set(w)
    assert "创一流、争第一、干唯一" not in w and w == sorted(set(w))


PIECES = [
    "创一流",
    "争第一",
    "干唯一",
    "唯一",
    "、",
    "，",
    " ",
    "\n",
    "“",
    "”",
    "三抓三提",
    "３抓３提",
    "零跑腿",
    "0",
    "1",
    "+",
    "N",
    "Ｎ",
    "十星",
    "双",
    "级",
    "群众评",
    "价",
    "八项规定",
    "中央",
    "的",
    "。",
]


@given(st.lists(st.sampled_from(PIECES), max_size=25))
@settings(max_examples=150, deadline=None)
def test_hits_map_back_to_raw_and_do_not_overlap(
    matcher: slogans.Matcher, pieces: list[str]
) -> None:
    raw = "".join(pieces)
    hits = hits_of(raw, matcher)
    prev_end = -1
    for s, e, surface in hits[["start", "end", "surface"]].itertuples(index=False):
        assert 0 <= s < e <= len(raw) and raw[s:e] == surface
        assert s >= prev_end
        prev_end = e


@pytest.mark.parametrize(
    "raw",
    [
        "找差距、转作风。",  # two of four parts: two missing
        "找差距、树导向、转作风",  # out of order
        "少数干部找差距提能力。",  # only two parts
    ],
)
def test_parallel_runs_need_enough_parts_in_order(raw: str, matcher: slogans.Matcher) -> None:
    assert hits_of(raw, matcher).empty


@pytest.mark.parametrize(
    "raw, n",
    [
        ("开展便民服务“群众评”活动", 1),
        ("“群众评议”", 0),
        ("“让群众评”", 0),
        ("“ 群众评 ”", 1),
        # a generic head noun may follow the form inside the quotation marks
        ("推行“群众评机制”", 1),
        ("开展“群众评 活动”", 1),
        ("“群众评机制改革”", 0),
        ("“群众评议机制”", 0),
    ],
)
def test_quoted_only_needs_the_whole_quotation(raw: str, n: int, matcher: slogans.Matcher) -> None:
    assert len(hits_of(raw, matcher)) == n


def test_find_with_shared_matches_equals_find(matcher: slogans.Matcher) -> None:
    arts = make_articles([{"raw": "坚持创一流、争第一、争唯一。"}, {"raw": "无关的一句话。"}])
    shared = slogan_match.match_articles(arts["text"].tolist(), matcher)
    got = slogans.find(arts, matcher, matches=shared)
    pd.testing.assert_frame_equal(got, slogans.find(arts, matcher))
    with pytest.raises(ParameterError, match="`matches` has 1 entries for 2 articles"):
        slogans.find(arts, matcher, matches=shared[:1])


@pytest.mark.parametrize(
    "forms",
    [
        [
            "创一流、争第一、干唯一",
            "创一流",
            "争第一",
            "七个有之",
            "100%工作法",
            "1+N",
            "十星级",
            "十星",
        ],
        ["廉", "廉洁", "创一流"],  # a one-character form: no second-character test
    ],
)
def test_second_character_test_changes_no_match(forms: list[str]) -> None:
    root = slogan_match._trie(forms)
    second = slogan_match._second(root)
    assert (second == "") == ("廉" in forms)
    pattern = slogan_match._trie_regex(forms)
    assert pattern is not None
    plain = re.compile(pattern.pattern.replace(second, "", 1))
    text = "坚持创一流、\n争第一，“干唯一”；七个\n有之、“100%”工作法、1+N、十星级、廉洁、廉。"
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]
    for start in range(len(text)):
        want = plain.match(text, start)
        got = pattern.match(text, start)
        assert (got and got.span()) == (want and want.span()), start


def test_find_keeps_the_first_row_of_a_span_found_twice(matcher: slogans.Matcher) -> None:
    # rows out of order, and a furniture row over the article's own span: the article's row wins
    raw = "推行三抓三提。\n\n创一流、争第一、干唯一。"
    arts = make_articles([{"raw": raw, "file": "b.txt"}, {"raw": "三抓三提", "file": "a.txt"}])
    texts = dict(zip(arts["file"], arts["raw"], strict=True))
    log = pd.DataFrame(
        [
            {
                "file": "b.txt",
                "start": 9,
                "end": 20,
                "kind": "banner",
                "article_id": "x",
                "text": raw[9:20],
            },
            {
                "file": "b.txt",
                "start": 2,
                "end": 6,
                "kind": "caption",
                "article_id": "y",
                "text": raw[2:6],
            },
        ]
    )
    hits = slogans.find(arts, matcher, texts=texts, furniture=log)
    assert hits[["file", "start", "end", "article_id"]].values.tolist() == [
        ["a.txt", 0, 4, str(arts["article_id"].iloc[1])],
        ["b.txt", 2, 6, str(arts["article_id"].iloc[0])],
        ["b.txt", 9, 20, str(arts["article_id"].iloc[0])],
    ]
    assert hits.index.tolist() == [0, 1, 2]


def test_known_forms_are_the_forms_a_matcher_knows() -> None:
    lex = lexicons.load_slogans()
    m = slogan_match.build_matcher(lex)
    assert slogan_match.known_forms(lex) == set(m.forms) | {"".join(e.parts) for e in m.entries}
    assert slogan_match.known_forms(m) == slogan_match.known_forms(lex)
    assert {"三抓三提", "创一流争第一干唯一"} <= slogan_match.known_forms(lex)


def test_shipped_lexicon_city_formula_and_first_meeting_variant() -> None:
    m = slogans.build_matcher(lexicons.load_slogans())
    text = "县委召开“年后第一会”，对标市委“六个整体提升”部署全年工作。"
    assert [c for _, _, c in slogans.spans(text, m)] == ["新春第一会", "六个整体提升"]
