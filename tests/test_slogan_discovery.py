import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import lexicons, schema, slogan_discovery, slogan_match, slogans, tokens
from analysis.errors import ParameterError
from tests import helpers
from tests.helpers import make_articles

GOV_REPORTS = helpers.GOV_REPORTS / "texts"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"

LEXICON = """\
canonical,variants,kind,level,first_seen,source,notes
三抓三提,,numbered,county,2025,t,
创一流、争第一、干唯一,,parallel,city,2023,t,
局长进大厅,,quoted_name,agency,2023,t,
"""


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    path = tmp_path_factory.mktemp("lex") / "slogans.csv"
    path.write_text(LEXICON, encoding="utf-8")
    return lexicons.load_slogans(path)


def cands(raws: list[str], lexicon: pd.DataFrame, **kw: object) -> pd.DataFrame:
    arts = make_articles([{"raw": r, "file": f"d{i}.txt"} for i, r in enumerate(raws)])
    return slogans.discover(arts, lexicon, **kw)


@pytest.mark.parametrize(
    "raw, candidate, pattern, gloss",
    [
        (
            "茅箭区创新“两榜四法”，即“三重工作红黑榜，干部轮岗管理办法”，激励干部担当。",
            "两榜四法",
            "numbered",
            "三重工作红黑榜,干部轮岗管理办法",
        ),
        (
            "优化企业开办“2半0”机制（2个环节、半天办结、零费用）。",
            "2半0",
            "numbered",
            "2个环节、半天办结、零费用",
        ),
        ("开展比作为、比贡献、比担当“五比”活动。", "比作为、比贡献、比担当", "parallel", ""),
        ("实施“1+5+6”系统建设方案。", "1+5+6", "numbered", ""),
        ("开展“五百行动”。", "五百行动", "numbered", ""),
        ("坚持“一国两制”方针。", "一国两制", "numbered", ""),
        ("启动“十五五”规划编制。", "十五五", "numbered", ""),
        ("“七五”计划期间完成。", "七五", "numbered", ""),
        ("全面贯彻“三个代表”重要思想。", "三个代表", "numbered", ""),
        ("坚持基本理论、基本路线、基本纲领和“三个代表”。", "三个代表", "numbered", ""),
        ("推进经济、政治、文化“三个代表”。", "三个代表", "numbered", "经济、政治、文化"),
        ("推进经济、政治“三个代表”。", "三个代表", "numbered", ""),
        ("开展“万人专列游水都”活动。", "万人专列游水都", "quoted", ""),
        # a quoted list is a formula even with two parts or with ， between the parts
        ("喊出“早起床、晚收工”的口号。", "早起床、晚收工", "parallel", ""),
        ("守“质量第一，效益优先，服务至上 ”。", "质量第一、效益优先、服务至上", "parallel", ""),
        # two parts holding the same characters in another order are a formula unquoted
        ("坚持大抓项目、抓大项目不动摇。", "大抓项目、抓大项目", "parallel", ""),
        ("推进数字产业化、产业数字化。", "数字产业化、产业数字化", "parallel", ""),
        # a quoted N个X name is taken whole, even when seen once
        ("落实“三个加倍努力”要求。", "三个加倍努力", "numbered", ""),
        ("按照“两步走”安排推进。", "两步走", "numbered", ""),
        ("推行四步工作法。", "四步工作法", "numbered", ""),
        # unquoted lists of five-character parts when they share a character at one place
        (
            "要巩固老基础、培育新基础、拓展强基础。",
            "巩固老基础、培育新基础、拓展强基础",
            "parallel",
            "",
        ),
        # and of six-character parts alike in the same way
        (
            "持续抓学习促提升、抓执行促落实、抓效能促发展。",
            "抓学习促提升、抓执行促落实、抓效能促发展",
            "parallel",
            "",
        ),
    ],
)
def test_discover_finds_pattern_and_gloss(
    raw: str, candidate: str, pattern: str, gloss: str, lexicon: pd.DataFrame
) -> None:
    c = cands([raw], lexicon)
    row = c[(c["candidate"] == candidate) & (c["pattern"] == pattern)]
    assert len(row) == 1, c[["candidate", "pattern"]]
    assert row["gloss"].item() == gloss


def test_discover_gloss_before_the_name(lexicon: pd.DataFrame) -> None:
    raw = "开展以“抓理论武装，提高政治站位”“抓实践锻炼，提高落实能力”为主要内容的“三提两抓”活动。"
    c = cands([raw], lexicon)
    assert (
        c.loc[c["candidate"] == "三提两抓", "gloss"].item()
        == "“抓理论武装,提高政治站位”“抓实践锻炼,提高落实能力”"
    )


@pytest.mark.parametrize(
    "raw",
    [
        "推行“三抓三提”活动，开展“局长进大厅”。",  # known slogans are not candidates
        "坚持创一流、争第一、干唯一。",  # known parallel slogan
        "新建三个项目，一年一度。",  # counts and reduplication are not formulas
        "冶金、化工、建材、交通等部门。",  # one-off noun list, unquoted, not same-shaped
        "满意率达“100%”。",  # bare numbers in quotes
        "走好第三步，一步一个脚印。",  # ordinal and one step are no N步走
        "说“快点、慢慢来”和“好的、对的”。",  # quoted lists of unequal parts or parts ending in 的
        "想清楚“学什么、怎么学”。",  # a question in quotes
        "培育四大百亿产业。",  # a count of industries worth billions, not 四X百Y
        "荣获“全国文明示范城市”称号。",  # a quoted title of a place
        "打造“山区先行区”。",  # a quoted positioning
        "大家写下了心得、谈到了体会、找到了差距。",  # five-character parts alike on 了 only
        "整治乱停车问题、清理旧广告牌、修复破损路面。",  # five-character parts not alike
        "建成活动中心、扩大停车场所、改造老旧小区。",  # six-character parts not alike
        "甲乙丙丁戊己庚、辛壬癸甲乙丙丁、戊己庚辛壬癸甲。",  # parts longer than six characters
    ],
)
def test_discover_skips_known_and_ordinary_text(raw: str, lexicon: pd.DataFrame) -> None:
    assert cands([raw], lexicon).empty


def test_discover_counts_ranks_and_offsets(lexicon: pd.DataFrame) -> None:
    raws = ["甲“四个全面”乙，“四个全面”。", "丙坚持“四个全面”。", "丁“红黄牌”。"]
    c = cands(raws, lexicon)
    top = c.iloc[0]
    assert (top["candidate"], top["n"], top["n_articles"], top["n_quoted"]) == ("四个全面", 3, 2, 3)
    # score = n + 2*(n_articles-1) + 2*quoted + 3*gloss + 2*numbered
    assert top["score"] == 3 + 2 + 2 + 0 + 2
    assert raws[0][top["first_start"] : top["first_end"]] == "四个全面"
    assert c["candidate"].tolist() == ["四个全面", "红黄牌"]
    assert cands(raws, lexicon, min_count=2)["candidate"].tolist() == ["四个全面"]


def test_discover_breaks_ties_by_shape_then_quotation(lexicon: pd.DataFrame) -> None:
    # all score 3 and n 1: numbered-looking and list shapes first (quoted before unquoted among
    # them), then quoted names of four or more characters, then quoted words of two or three
    raws = ["稳住“压舱石”。", "推行“首席服务员”。", "做到敢担当、敢作为、敢创新。", "落实“六最”。"]
    c = cands(raws, lexicon)
    assert c["score"].tolist() == [3, 3, 3, 3]
    assert c["candidate"].tolist() == ["六最", "敢担当、敢作为、敢创新", "首席服务员", "压舱石"]


def test_discover_extends_n_ge_x_when_occurrences_agree(lexicon: pd.DataFrame) -> None:
    c = cands(["实现四个现代化。", "建设四个现代化强国"], lexicon)
    assert "四个现代化" in set(c["candidate"])


def test_discover_splits_n_ge_x_cut_inside_longer_names(lexicon: pd.DataFrame) -> None:
    # every occurrence of 三个标准 goes on (化/件): two names, not one cut short
    raws = ["推行三个标准化。", "落实三个标准化，", "起草三个标准件。", "采购三个标准件，"]
    got = cands(raws, lexicon, patterns=("numbered",))
    assert sorted(zip(got["candidate"], got["n"], strict=True)) == [
        ("三个标准件", 2),
        ("三个标准化", 2),
    ]
    # a group of one keeps the common length (and, seen once, is no candidate)
    raws = ["反对两个大城市扩张。", "两个大城市之间", "两个大城区"]
    assert cands(raws, lexicon, patterns=("numbered",))["candidate"].tolist() == ["两个大城市"]
    # one occurrence that ends there (、) keeps all at the common length
    raws = ["实现三个服务化、", "三个服务、三个平台", "三个服务站"]
    assert cands(raws, lexicon, patterns=("numbered",))["candidate"].tolist() == ["三个服务"]


def test_discover_rejects_bad_options(lexicon: pd.DataFrame) -> None:
    arts = make_articles([{"raw": "x"}])
    with pytest.raises(ParameterError, match=r"`patterns` value = 'slogan' is invalid"):
        slogan_discovery.discover(arts, lexicon, patterns=("slogan",))
    with pytest.raises(ParameterError, match=r"`min_count` value = 0 is invalid"):
        slogan_discovery.discover(arts, lexicon, min_count=0)


@pytest.mark.skipif(not GOV_REPORTS.is_dir(), reason="government reports corpus not available")
def test_discover_on_unseen_government_reports(lexicon: pd.DataFrame) -> None:
    # a lexicon without these national formulas (the shipped one has them since they were found)
    names = ["cpc_congress_16_2002.txt", "gwr_2016.txt", "gwr_1979.txt", "gwr_1981.txt"]
    rows = [{"raw": (GOV_REPORTS / n).read_text(encoding="utf-8"), "file": n} for n in names]
    c = slogans.discover(make_articles(rows), lexicon)
    top = set(c.loc[c["pattern"] == "numbered", "candidate"].head(40))
    assert {"三个代表", "四个全面", "五位一体", "四个现代化", "一国两制"} <= top


def test_promote_adds_candidates_as_lexicon_rows(lexicon: pd.DataFrame) -> None:
    raws = ["开展“千讲万评”，再开展“千讲万评”。", "“红黄牌”督办"]
    c = cands(raws, lexicon)
    out = slogan_discovery.promote(lexicon, c, min_count=2)
    assert len(lexicon) == 3 and out["canonical"].tolist()[3:] == ["千讲万评"]
    row = out.iloc[3]
    assert (row["kind"], row["level"], row["source"]) == ("numbered", "unknown", "discovered")
    arts = make_articles([{"raw": raws[0]}])
    assert len(slogans.find(arts, out)) == 2


def test_discover_skips_idioms_of_numbered_shape(lexicon: pd.DataFrame) -> None:
    raws = ["千方百计增加收入，万众一心。", "千方百计稳就业，推行“三讲两评”。"]
    plain = set(cands(raws, lexicon)["candidate"])
    assert {"千方百计", "万众一心", "三讲两评"} <= plain
    idioms = lexicons.load_numeral_idioms()
    assert set(cands(raws, lexicon, idioms=idioms)["candidate"]) == plain - {"千方百计", "万众一心"}


@pytest.fixture(scope="module")
def plain_tokenizer() -> tokens.Tokenizer:
    return tokens.build_tokenizer(schema.empty(tokens.ENTRY_COLUMNS), units=None)


@pytest.mark.parametrize(
    "raw, without, with_boundaries",
    [
        # last part cut inside a word (知识|分子): dropped with word boundaries
        ("依靠工人、农民、知识分子。", "工人、农民、知识", None),
        # an edge part reaches the prefix or suffix the other parts share
        ("加强同亚洲、非洲、拉丁美洲国家的团结。", "亚洲、非洲、拉丁美洲", "亚洲、非洲、拉丁美洲"),
        (
            "实施异地受理帮办、异地发证、异地审批服务",
            "异地受理帮办、异地发证、异地审批",
            "异地受理帮办、异地发证、异地审批",
        ),
        # first part cut inside a word (支|持工会); a part never ends in 等
        ("支持工会、共青团、妇联等发挥作用。", None, None),
        # a head noun after the list is a word boundary: the candidate stays
        (
            "开展察民情、解民忧、暖民心实践活动。",
            "察民情、解民忧、暖民心",
            "察民情、解民忧、暖民心",
        ),
    ],
)
def test_discover_parallel_edges_on_word_boundaries(
    raw: str,
    without: str | None,
    with_boundaries: str | None,
    lexicon: pd.DataFrame,
    plain_tokenizer: tokens.Tokenizer,
) -> None:
    def parallel(**kw: object) -> list[str]:
        c = cands([raw, raw], lexicon, patterns=("parallel",), **kw)
        return c["candidate"].tolist()

    assert parallel() == ([without] if without else [])
    got = parallel(tokenizer=plain_tokenizer)
    assert got == ([with_boundaries] if with_boundaries else [])


@pytest.mark.parametrize(
    "group",
    [
        "依靠工人、农民、知识分子",
        "大力支持工会、共青团、妇联",
        "比作为”、“比贡献”、“比担当的导向",
        "开展察民情、解民忧、暖民心实践活动",
    ],
)
def test_edge_parts_have_the_cuts_of_the_whole_list(
    group: str, plain_tokenizer: tokens.Tokenizer
) -> None:
    # ``_parallel`` segments the first and last part alone; jieba cuts each run of Han
    # characters on its own, so the cuts inside an edge part are those of the whole list.
    parts = re.split(r"[“”‘’\"]?、[“”‘’\"]?", group)
    first, last = parts[0], parts[-1]
    whole = set(tokens.boundaries(plain_tokenizer, group))
    offset = len(group) - len(last)
    assert set(tokens.boundaries(plain_tokenizer, first)) == {c for c in whole if c <= len(first)}
    assert {offset + c for c in tokens.boundaries(plain_tokenizer, last)} == {
        c for c in whole if c >= offset
    }


def test_discover_drops_counted_nouns_of_n_ge_x(lexicon: pd.DataFrame) -> None:
    raws = ["抓好两个方面。调动两个积极性。", "做好三个方面。调动两个积极性。", "坚持“两个方面”。"]
    got = set(cands(raws[:2], lexicon)["candidate"])
    assert "两个积极性" in got and not {"两个方面", "三个方面"} & got
    assert "两个方面" in set(cands(raws, lexicon)["candidate"])  # quoted once: kept


def test_occurrences_lists_scan_rows_per_article(lexicon: pd.DataFrame) -> None:
    arts = make_articles([{"raw": "坚持“三抓三提”，推行“红黄牌”。"}])
    occ = slogan_discovery.occurrences(arts, lexicon)
    assert list(occ.columns) == list(slogan_discovery.OCCURRENCE_COLUMNS)
    rows = list(occ[["pattern", "candidate", "start", "end"]].itertuples(index=False, name=None))
    assert rows[0] == ("covered", "", 3, 7)  # the known slogan's span comes first
    assert ("quoted", "红黄牌", 12, 15) in rows


def test_discover_from_per_document_occurrences_equals_whole(lexicon: pd.DataFrame) -> None:
    raws = [
        "实现四个现代化。坚持“三抓三提”。",
        "建设四个现代化强国，推行“红黄牌”。",
        "抓好两个方面。调动两个积极性。推行“红黄牌”。",
    ]
    arts = make_articles([{"raw": r, "file": f"d{i}.txt"} for i, r in enumerate(raws)])
    per_doc = pd.concat(
        [slogan_discovery.occurrences(arts[arts["file"] == f], lexicon) for f in arts["file"]],
        ignore_index=True,
    )
    whole = slogan_discovery.discover(arts, lexicon)
    assert {"四个现代化", "红黄牌"} <= set(whole["candidate"])
    pd.testing.assert_frame_equal(
        slogan_discovery.discover(arts, lexicon, occurrences=per_doc), whole
    )


def test_glosses_by_file_equals_glosses_of_each_file(lexicon: pd.DataFrame) -> None:
    raws = [
        "推行“三抓三提”，即“抓学习提素质”。又说“三抓三提”，即“抓学习提素质”。",
        "没有解释。",
        "落实“三抓三提”（抓作风提效能）。",
    ]
    arts = make_articles([{"raw": r, "file": f"d{i}.txt"} for i, r in enumerate(raws)])
    by_file = slogan_discovery.glosses_by_file(arts, lexicon)
    assert sorted(by_file) == ["d0.txt", "d2.txt"]
    assert by_file["d0.txt"]["n"].tolist() == [2]
    for file, got in by_file.items():
        pd.testing.assert_frame_equal(
            got, slogan_discovery.glosses(arts[arts["file"] == file], lexicon)
        )


def test_occurrences_and_glosses_with_shared_matches(lexicon: pd.DataFrame) -> None:
    raws = ["坚持“三抓三提”，即抓学习提素质。", "推行“红黄牌”，实现四个现代化。"]
    arts = make_articles([{"raw": r, "file": f"d{i}.txt"} for i, r in enumerate(raws)])
    matcher = slogan_match.build_matcher(lexicon)
    shared = slogan_match.match_articles(arts["text"].tolist(), matcher)
    pd.testing.assert_frame_equal(
        slogan_discovery.occurrences(arts, matcher, matches=shared),
        slogan_discovery.occurrences(arts, matcher),
    )
    with_shared = slogan_discovery.glosses_by_file(arts, matcher, matches=shared)
    alone = slogan_discovery.glosses_by_file(arts, matcher)
    assert with_shared.keys() == alone.keys()
    for file, table in alone.items():
        pd.testing.assert_frame_equal(with_shared[file], table)
    with pytest.raises(ParameterError, match="`matches` has 0 entries for 2 articles"):
        slogan_discovery.glosses_by_file(arts, matcher, matches=[])


@pytest.mark.parametrize(
    "text, want",
    [
        ("坚持比作为、比贡献、比担当。", [(0, 13)]),
        ("“比作为”、“比贡献”、“比担当”", [(1, 16)]),
        ("甲乙、丙丁。戊己、庚辛、壬癸", [(6, 14)]),
        ("、、甲乙、丙丁、戊己、", [(2, 10)]),
        ("一二三四五六七八九十一二三四、丙丁、戊己", [(2, 20)]),
        ("甲乙、丙丁", []),
        ("", []),
    ],
)
def test_parallel_matches_are_those_of_the_pattern(text: str, want: list[tuple[int, int]]) -> None:
    got = [m.span() for m in slogan_discovery._parallel_matches(text)]
    assert got == want == [m.span() for m in slogan_discovery.RE_PARALLEL.finditer(text)]


# The numbered patterns as first written: the check on the character before a match comes first.
_LOOKBEHIND_FIRST = {
    "RE_NUM_PAIRS": f"(?<![{slogan_discovery.NUMERAL}])(?:[{slogan_discovery.NUMERAL}]"
    f"[{slogan_discovery.HAN}]){{2,4}}",
    "RE_NUM_GE": f"(?<![{slogan_discovery.NUMERAL}第])[两三四五六七八九十]个"
    f"[{slogan_discovery.HAN}]{{2}}",
    "RE_NUM_PLUS": r"(?<![\d.+])\d{1,2}(?:\+(?:\d{1,2}|[A-Za-z]))+(?![\d.+])",
    "RE_NUM_MIX": f"(?<![\\d.])\\d[{slogan_discovery.HAN}]\\d(?![\\d.%])",
    "RE_NUM_STEP": f"(?<![{slogan_discovery.NUMERAL}第])[两三四五六七八九十]步(?:走|工作法|法)",
    "RE_PLAN": "(?=[十六七八九])(?:十[一二三四五六七八九]五"
    '|(?<![一二三四五六七八九十])(?:[六七八九]|十)五(?=[”’」"]?(?:计划|规划|期间|时期)))',
}


@pytest.mark.parametrize("name", sorted(_LOOKBEHIND_FIRST))
@pytest.mark.parametrize(
    "text",
    [
        "三抓三提、五宣五进五讲和一二三抓",
        "第三个全面，四个全面，十三个代表",
        "1+N、1+5+6、1.1+2、+1+2、111+2、1+2+",
        "2半0、12半0、2半01、.2半0",
        "\n三抓三提\n四个全面",
        "十四五规划、“九五”计划、十五期间、二十五计划、六五时期、十五、五五计划、十十五",
        "三步走、第三步走、十三步法、四步工作法、一步走、两步",
    ],
)
def test_numbered_patterns_match_as_lookbehind_first(name: str, text: str) -> None:
    got = [m.span() for m in getattr(slogan_discovery, name).finditer(text)]
    assert got == [m.span() for m in re.finditer(_LOOKBEHIND_FIRST[name], text)]


def test_occurrences_ask_word_boundaries_once_per_string(lexicon: pd.DataFrame) -> None:
    raw = "开展察民情、解民忧、暖民心实践活动。依靠工人、农民、知识分子。"
    arts = make_articles([{"raw": raw, "file": f"d{i}.txt"} for i in range(3)])
    words = {"开展察民情": [0, 2, 5], "暖民心实践活动": [0, 3, 5, 7], "依靠工人": [0, 2, 4]}
    words["知识分子"] = [0, 4]  # the last part 知识 would cut 知识分子
    asked: list[str] = []

    def cuts(text: str) -> list[int]:
        asked.append(text)
        return words[text]

    occ = slogan_discovery.occurrences(arts, lexicon, patterns=("parallel",), word_boundaries=cuts)
    assert sorted(asked) == sorted(words)  # each string once, though every article has it
    assert occ["candidate"].tolist() == ["察民情、解民忧、暖民心"] * 3


def _brute_overlapping(
    covered: list[tuple[int, int, int]], spans: list[tuple[int, int, int]]
) -> list[bool]:
    return [any(a == ca and cs < e and s < ce for ca, cs, ce in covered) for a, s, e in spans]


def test_overlapping_hand_computed() -> None:
    # article 0 has 三抓三提 at 2..6, article 1 has a span at 0..3.
    covered = (np.array([0, 1]), np.array([2, 0]), np.array([6, 3]))
    spans = [(0, 0, 2), (0, 5, 9), (0, 6, 8), (1, 3, 5), (1, 2, 4), (2, 0, 9)]
    got = slogan_discovery._overlapping(covered, *(np.array(c) for c in zip(*spans, strict=True)))
    # touching ends (0..2, 6..8, 3..5) do not overlap; article 2 has no covered span
    assert got.tolist() == [False, True, False, False, True, False]


def test_overlapping_equals_pairwise_check() -> None:
    # nested, unsorted and empty covered spans; spans before, inside and after them
    cov = [(0, 5, 9), (0, 1, 12), (0, 20, 22), (1, 4, 4), (3, 0, 1), (3, 7, 8)]
    spans = [(a, s, s + w) for a in range(4) for s in range(0, 24, 3) for w in (0, 1, 2, 5)]
    covered = (
        np.array([c[0] for c in cov]),
        np.array([c[1] for c in cov]),
        np.array([c[2] for c in cov]),
    )
    got = slogan_discovery._overlapping(covered, *(np.array(c) for c in zip(*spans, strict=True)))
    assert got.tolist() == _brute_overlapping(cov, spans)
    empty = (np.array([], dtype=int),) * 3
    assert not slogan_discovery._overlapping(empty, np.array([0]), np.array([0]), np.array([1]))[0]


def _occurrence_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": ["a-2", "a-1", "a-2", "a-1", "a-2"],
            "pattern": ["covered", "numbered", "quoted", "covered", "parallel"],
            "candidate": ["", "两榜四法", "红黄牌", "", "比作为、比贡献、比担当"],
            "start": [0, 3, 12, 9, 20],
            "end": [4, 7, 15, 13, 31],
        }
    )


def _rows(found: slogan_discovery._Columns) -> list[tuple[str, str, int, int, int]]:
    return found.rows(np.ones(len(found.candidate), dtype=bool))


def _sorted_covered(covered: tuple[np.ndarray, ...]) -> list[tuple[int, ...]]:
    return sorted(zip(*(c.tolist() for c in covered), strict=True))


def test_from_table_columns_equal_the_row_wise_reading() -> None:
    arts = pd.DataFrame({"article_id": ["a-1", "a-2"]})
    table = _occurrence_table()
    found, covered = slogan_discovery._from_table(table, arts)
    occs = _rows(found)
    assert occs == [
        ("两榜四法", "numbered", 0, 3, 7),
        ("红黄牌", "quoted", 1, 12, 15),
        ("比作为、比贡献、比担当", "parallel", 1, 20, 31),
    ]
    assert _sorted_covered(covered) == [(0, 9, 13), (1, 0, 4)]
    row_found, row_covered = slogan_discovery._from_rows(table, arts)
    assert _rows(row_found) == occs and _sorted_covered(row_covered) == _sorted_covered(covered)
    # Object columns and Python strings give the same tuples.
    occs_obj = _rows(slogan_discovery._from_table(table.astype(object), arts)[0])
    assert occs_obj == occs and all(type(x) is str for o in occs_obj for x in o[:2])


def test_from_table_odd_tables_read_row_wise() -> None:
    table = _occurrence_table()
    # a repeated article id: the last article of that id, as the row-wise reading has it
    arts = pd.DataFrame({"article_id": ["a-1", "a-2", "a-1"]})
    found, covered = slogan_discovery._from_table(table, arts)
    assert _rows(found)[0] == ("两榜四法", "numbered", 2, 3, 7)
    assert _sorted_covered(covered) == [(1, 0, 4), (2, 9, 13)]
    # float positions are converted per row
    occs = _rows(slogan_discovery._from_table(table.astype({"start": float}), arts.iloc[:2])[0])
    assert occs[0] == ("两榜四法", "numbered", 0, 3, 7) and type(occs[0][3]) is int
    with pytest.raises(KeyError):  # an occurrence of an unknown article
        slogan_discovery._from_table(table, pd.DataFrame({"article_id": ["a-1"]}))


@pytest.mark.parametrize(
    "candidate, pattern, refused",
    [
        ("三抓三提", "numbered", True),  # a known form
        ("“三抓 三提”", "quoted", True),  # the same form key
        ("千方百计", "numbered", True),  # an idiom
        ("千方百计", "quoted", False),  # idioms only refuse numbered candidates
        ("100%", "quoted", True),
        ("ABC", "quoted", True),
        ("5G", "quoted", False),
        ("红黄牌", "quoted", False),
        ("生态宜居城市", "quoted", True),  # a title of a place
        ("绿色发展示范区", "quoted", True),
        ("城市", "quoted", True),
        ("城市", "numbered", False),  # titles only refuse quoted candidates
    ],
)
def test_refused(candidate: str, pattern: str, refused: bool) -> None:
    assert slogan_discovery._refused(candidate, pattern, {"三抓三提"}, {"千方百计"}) is refused


def _gloss_unguarded(text: str, start: int, end: int) -> str:
    """``_gloss`` trying every pattern (no substring tests first)."""
    sd = slogan_discovery
    after = text[end : end + 200]
    m = sd.RE_GLOSS_BRACKET.match(after)
    if m:
        return m.group(1)
    m = sd.RE_GLOSS_AFTER.match(after)
    if m:
        body = m.group(1)
        if body.startswith("“"):
            close = body.find("”", 1)
            return body[1:close] if close > 0 else body[1:].split("。")[0]
        return re.split(r"[。；;\n]", body, maxsplit=1)[0]
    before = text[max(0, start - 200) : start]
    m = sd.RE_GLOSS_QUOTED_BEFORE.search(before)
    if m:
        return m.group(1)
    m = sd.RE_GLOSS_LIST_BEFORE.search(before)
    if m:
        items = m.group(1).split("、")
        count = sd.COUNTS.get(text[start : start + 1])
        if items[-1][-1] not in sd.STOP_TAIL + "这那" and (count is None or count == len(items)):
            return "、".join([items[0][-len(items[1]) :], *items[1:]])
    return ""


@pytest.mark.parametrize(
    "text",
    [
        "以“比作为”“比贡献”“比担当”为主要内容的“三比”活动",
        "以“比作为”“比贡献”为重点的\n“两比”",
        "以“比作为”“比贡献”为抓手“两比”",
        "比作为、比贡献、比担当、比奉献、比服务“五比”",
        "比作为、比贡献、比担当“五比”",  # five, but three listed: no gloss
        "开展好人好事、文明新风、移风易俗\n三比",
        "推行“两榜四法”（红黑榜、轮岗法）。",
        "推行“两榜四法”，即“红黑榜，轮岗法”。又称“两榜四法” 是指红黑榜；轮岗法",
        "“两榜四法”就是红黑榜。",
    ],
)
def test_gloss_substring_tests_change_nothing(text: str) -> None:
    # Every span of every text: the guarded and unguarded glosses agree.
    for start in range(len(text)):
        for end in range(start, min(len(text), start + 6) + 1):
            assert slogan_discovery._gloss(text, start, end) == _gloss_unguarded(text, start, end)


def test_gloss_substring_tests_change_nothing_on_the_seed_pages() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for start in range(0, len(text), 3):
            assert slogan_discovery._gloss(text, start, start + 4) == _gloss_unguarded(
                text, start, start + 4
            )


def _kept_row_wise(
    texts: list[str],
    occs: list[tuple[str, str, int, int, int]],
    covered: list[list[tuple[int, int]]],
    known: set[str],
    idioms: set[str],
) -> list[tuple[str, str, int, int, int]]:
    """``_kept`` one occurrence at a time (the rule spelled out)."""
    sd = slogan_discovery
    ge = [o for o in occs if o[1] == "numbered" and sd._is_ge(o[0])]
    rest = [o for o in occs if o not in set(ge)]
    occs = rest + sd._counted_nouns_dropped(texts, sd._extend_ge(texts, ge))
    kept = []
    for cand, pattern, a, s, e in occs:
        if lexicons.form_key(cand) in known or (pattern == "numbered" and cand in idioms):
            continue
        if any(cs < e and s < ce for cs, ce in covered[a]):
            continue
        if pattern == "quoted" and re.fullmatch(r"[\d.%％]+|[A-Za-z]+", cand):
            continue
        kept.append((cand, pattern, a, s, e))
    numbered = {(a, s, e) for _, p, a, s, e in kept if p == "numbered"}
    return [o for o in kept if not (o[1] == "quoted" and (o[2], o[3], o[4]) in numbered)]


def test_kept_columns_equal_the_row_wise_rule() -> None:
    texts = [
        "实施“五比五创”，推行三抓三提。坚持“千方百计”和千方百计。",
        "开展四个全面建设，落实四个全面要求，完成“100%”，比作为、比贡献、比担当。",
    ]
    occs = [
        ("五比五创", "numbered", 0, 3, 7),
        ("五比五创", "quoted", 0, 3, 7),  # also numbered: kept once, as numbered
        ("三抓三提", "numbered", 0, 11, 15),  # a known form
        ("千方百计", "quoted", 0, 19, 23),
        ("千方百计", "numbered", 0, 25, 29),  # an idiom
        ("四个全面", "numbered", 1, 2, 6),  # N个X: extended while both occurrences agree
        ("四个全面", "numbered", 1, 11, 15),
        ("100%", "quoted", 1, 21, 25),  # a number
        ("比作为、比贡献、比担当", "parallel", 1, 27, 38),  # overlaps a known slogan's span
    ]
    covered = [[(11, 15)], [(30, 33)]]
    known, idioms = {"三抓三提"}, {"千方百计"}
    expected = _kept_row_wise(texts, occs, covered, known, idioms)
    assert expected == [
        ("五比五创", "numbered", 0, 3, 7),
        ("千方百计", "quoted", 0, 19, 23),
        ("四个全面", "numbered", 1, 2, 6),
        ("四个全面", "numbered", 1, 11, 15),
    ]
    flat = slogan_discovery._flat(covered)
    got = slogan_discovery._kept(texts, slogan_discovery._columns(occs), flat, known, idioms)
    assert got == expected
    assert slogan_discovery._kept(texts, slogan_discovery._columns([]), flat, known, idioms) == []
