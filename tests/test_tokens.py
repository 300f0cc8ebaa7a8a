from __future__ import annotations

import marshal
import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import jieba
import pandas as pd
import pytest

from analysis import lexicons, schema, tokens
from analysis.errors import LexiconError, ParameterError, SchemaError
from tests import fixtures_tokens as fx
from tests.helpers import make_articles


def words(tk: tokens.Tokenizer, text: str) -> list[str]:
    return [t for t, _, _ in tokens.segment(tk, text)]


@pytest.mark.parametrize(
    ("text", "plain_split", "kept"),
    [
        ("坚持创一流。", ["创", "一流"], "创一流"),
        ("推行三抓三提工作法", ["三", "抓三提"], "三抓三提"),
        ("全市上下争第一、干唯一", ["争", "第一"], "争第一"),
        ("全市上下争第一、干唯一", ["干", "唯一"], "干唯一"),
        ("郧阳区推行五亮五共", ["郧阳", "区"], "郧阳区"),
        ("协议总投资303.98亿元", ["总", "投资"], "总投资"),
        ("深入开展能力作风建设", ["能力", "作风", "建设"], "能力作风建设"),
        ("建设绿色低碳发展示范区", ["示范区"], "绿色低碳发展示范区"),
        ("人民日报社论指出", ["人民日报社", "论"], "人民日报"),
    ],
)
def test_issue3_known_failures_are_fixed(text: str, plain_split: list[str], kept: str) -> None:
    plain = words(fx.plain(), text)
    if text != "坚持创一流。":  # jieba's own dictionary already has 创一流 in isolation
        assert all(p in plain for p in plain_split)
    assert kept in words(fx.campaign(), text)


def test_deleted_entry_lets_the_following_word_win() -> None:
    assert words(fx.campaign(), "人民日报社论指出") == ["人民日报", "社论", "指出"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("协议总投资303.98亿元，", ["协议", "总投资", "303.98亿元", "，"]),
        ("同比增长129.2%", ["同比", "增长", "129.2%"]),
        ("服务1520人次", ["服务", "1520人次"]),
        ("提高24.3个百分点", ["提高", "24.3个百分点"]),
        ("培训5000余人次", ["培训", "5000余人次"]),
        ("签约项目51个", ["签约", "项目", "51个"]),
        ("金额123,244.2元", ["金额", "123,244.2元"]),
        ("面积5千米", ["面积", "5千米"]),
        # Dates: each calendar part with its number (PKU); not a number of years or months, a
        # 年度/年代 word, nor 日报.
        ("2023年3月", ["2023年", "3月"]),
        ("2023年12月18日", ["2023年", "12月", "18日"]),
        ("12月份开工", ["12月份", "开工"]),
        ("2023年度考核", ["2023", "年度", "考核"]),
        ("建设5年", ["建设", "5", "年"]),
        ("用时3个月", ["用时", "3个月"]),
        ("18日报道", ["18", "日", "报道"]),
        ("建成5G基站", ["建成", "5G", "基站"]),
        ("位列第1名", ["位列", "第1", "名"]),
    ],
)
def test_quantities_are_kept_whole(text: str, expected: list[str]) -> None:
    assert words(fx.campaign(), text) == expected


def test_number_tokens_are_marked_m_and_punctuation_x() -> None:
    seg = tokens.segment(fx.campaign(), "增长129.2%。")
    assert [(t, p) for t, _, p in seg] == [("增长", ""), ("129.2%", "m"), ("。", "x")]


def test_token_classes_of_longer_tokens_and_whitespace_dropped() -> None:
    # 3.5% and C++ are not isalnum but have digits or letters; --__ has neither.
    seg = tokens.segment(fx.plain(), "增长3.5%，C++\r\n --__")
    assert seg == [
        ("增长", 0, ""),
        ("3.5%", 2, ""),
        ("，", 6, "x"),
        ("C++", 7, ""),
        ("--__", 13, "x"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "全市上下坚持创一流、争第一、干唯一，深入开展能力作风建设。",
        "本次集中签约项目51个，协议总投资303.98亿元，同比增长129.2%。\n第二段 有空格。",
    ],
)
def test_tokens_identical_to_jieba_with_the_same_dictionary(text: str) -> None:
    # Without the number rule the tokens are exactly jieba's (whitespace dropped).
    tk = fx.plain()
    expected = [t for t in tk.jieba.cut(text, HMM=True) if not t.isspace()]
    assert words(tk, text) == expected
    # With it, each stretch between quantities is exactly jieba's cut of that stretch.
    tk = fx.campaign()
    assert tk.number_re is not None
    expected = []
    pos = 0
    for m in tk.number_re.finditer(text):
        expected += [t for t in tk.jieba.cut(text[pos : m.start()], HMM=True) if not t.isspace()]
        expected.append(m.group())
        pos = m.end()
    expected += [t for t in tk.jieba.cut(text[pos:], HMM=True) if not t.isspace()]
    assert words(tk, text) == expected


def test_tokenize_maps_tokens_to_raw_offsets() -> None:
    raw = "郧阳区增长１２９．２％。\n\n坚持创一流！"
    arts = make_articles([{"raw": raw, "article_id": "a1"}])
    tok = tokens.tokenize(arts, tokenizer=fx.campaign())
    assert list(tok.columns) == list(schema.TOKENS)
    assert list(tok["token"]) == ["郧阳区", "增长", "129.2%", "。", "坚持", "创一流", "!"]
    assert [raw[s:e] for s, e in zip(tok["start"], tok["end"], strict=True)] == [
        "郧阳区",
        "增长",
        "１２９．２％",
        "。",
        "坚持",
        "创一流",
        "！",
    ]
    assert list(tok["sent_id"]) == [0, 0, 0, 0, 1, 1, 1]
    assert list(tok["position"]) == list(range(7))


def test_tokenize_skips_articles_of_whitespace_between_and_after_others() -> None:
    arts = make_articles([{"raw": "好。"}, {"raw": "  \n"}, {"raw": "增长5%。"}, {"raw": " "}])
    tok = tokens.tokenize(arts, tokenizer=fx.campaign())
    assert tok[["article_id", "position", "start", "end", "token", "pos"]].values.tolist() == [
        ["doc0-a01", 0, 0, 1, "好", ""],
        ["doc0-a01", 1, 1, 2, "。", "x"],
        ["doc2-a01", 0, 0, 2, "增长", ""],
        ["doc2-a01", 1, 2, 4, "5%", "m"],
        ["doc2-a01", 2, 4, 5, "。", "x"],
    ]


def test_tokenize_and_segment_give_the_same_tokens() -> None:
    # tokenize works on arrays, segment in plain Python: same tokens, starts and classes.
    arts = make_articles([{"raw": "今天 天气\n很好，增长129.2%。C++ 与 --__ 和5G……\n\n" * 3}])
    tok = tokens.tokenize(arts, tokenizer=fx.campaign())
    text = arts["text"][0]
    seg = tokens.segment(fx.campaign(), text)
    assert list(zip(tok["token"], tok["pos"], strict=True)) == [(t, p) for t, _, p in seg]
    assert [text[s : s + len(t)] for t, s, _ in seg] == [t for t, _, _ in seg]
    assert {"", "x", "m"} == {p for _, _, p in seg}


def test_traditional_text_is_cut_as_its_simplified_form() -> None:
    # The dictionaries are Simplified: a stretch in Traditional characters is cut where its
    # Simplified form is cut, and its tokens keep the characters as written.
    tk = fx.campaign()
    simplified = [t for t, _, _ in tokens.segment(tk, "郧阳区总投资128亿元，坚持创一流。")]
    traditional = [t for t, _, _ in tokens.segment(tk, "鄖陽區總投資128億元，堅持創一流。")]
    assert simplified == ["郧阳区", "总投资", "128亿元", "，", "坚持", "创一流", "。"]
    assert traditional == ["鄖陽區", "總投資", "128億元", "，", "堅持", "創一流", "。"]


def test_tokenize_empty_and_missing_columns() -> None:
    arts = make_articles([{"raw": "  \n"}])
    assert list(tokens.tokenize(arts, tokenizer=fx.campaign()).columns) == list(schema.TOKENS)
    with pytest.raises(SchemaError, match=r"tokens\.tokenize.*offset_map"):
        tokens.tokenize(arts.drop(columns=[schema.OFFSET_MAP]), tokenizer=fx.campaign())


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("好。行！对", [0, 0, 1, 1, 2]),
        ("他说：“好。”然后", [0, 0, 0, 0, 0, 0, 0, 1]),
        ("一\n\n二；三", [0, 1, 1, 2]),
    ],
)
def test_sentence_ids(text: str, ids: list[int]) -> None:
    starts = [i for i, c in enumerate(text) if not c.isspace()][: len(ids)]
    assert tokens.sentence_ids(text, starts).tolist() == ids


def test_sentence_ids_of_starts_out_of_order_are_dense_ranks() -> None:
    # Starts in text order count sentence changes; any other order ranks the sentences.
    assert tokens.sentence_ids("好。行！对", [4, 0, 2, 1]).tolist() == [2, 0, 1, 0]
    assert tokens.sentence_ids("好。行！对", [0, 4]).tolist() == [0, 1]
    assert tokens.sentence_ids("好。", []).tolist() == []


def test_audit_is_empty_for_domain_terms_and_fixture_lexicons() -> None:
    entries = tokens.user_entries(
        slogans=fx.SLOGANS, gazetteer=fx.GAZETTEER, userdict=lexicons.load_userdict()
    )
    stop = lexicons.load_stopwords()["term"]
    assert tokens.audit(fx.campaign(), entries, stop).empty


def test_audit_lists_split_stopword_and_unsegmentable_terms() -> None:
    out = tokens.audit(fx.plain(), ["三抓三提", "中国梦·劳动美", "第一"], ["第一"])
    assert list(zip(out["term"], out["problem"], strict=True)) == [
        ("三抓三提", "split"),
        ("中国梦·劳动美", "unsegmentable"),
        ("第一", "stopword"),
    ]
    assert out.loc[0, "segmentation"] == "三/抓三提"


@pytest.mark.parametrize("term", ["第一", "一流", "唯一", "争第一", "创一流", "干唯一"])
def test_shipped_stopwords_never_remove_campaign_terms(term: str) -> None:
    assert term not in set(lexicons.load_stopwords()["term"])


def test_stopword_lists_are_switchable() -> None:
    news = set(lexicons.load_stopwords(lists=["news"])["term"])
    general = set(lexicons.load_stopwords(lists=["zh"])["term"])
    assert {"本报讯", "记者", "通讯员"} <= news
    assert "记者" not in general and "我们" in general
    assert lexicons.load_stopwords(lists=[]).empty
    with pytest.raises(LexiconError, match="`lists` value = 'hit'"):
        lexicons.load_stopwords(lists=["hit"])


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("能力作风建设 many", r"user\.txt, line 2, field 'freq': frequency 'many'"),
        ("能力 作风 建设 n", r"user\.txt, line 2: 4 fields"),
    ],
)
def test_malformed_userdict_line_names_file_and_line(
    tmp_path: Path, line: str, message: str
) -> None:
    path = tmp_path / "user.txt"
    path.write_text(f"# comment\n{line}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        lexicons.load_userdict(path)


def test_userdict_lines_word_freq_tag(tmp_path: Path) -> None:
    path = tmp_path / "user.txt"
    path.write_text("营商环境\n放管服 20\n郧阳区 30 ns\n", encoding="utf-8")
    df = lexicons.load_userdict(path)
    assert df[["word", "freq", "tag", "line"]].values.tolist() == [
        ["营商环境", -1, "", 1],
        ["放管服", 20, "", 2],
        ["郧阳区", 30, "ns", 3],
    ]


def test_user_entries_merge_sources_first_wins() -> None:
    ud = pd.DataFrame({"word": ["郧阳区"], "freq": [50], "tag": ["ns"]})
    out = tokens.user_entries(slogans=fx.SLOGANS, gazetteer=fx.GAZETTEER, userdict=ud)
    row = out[out["word"] == "郧阳区"].iloc[0]
    assert (row["freq"], row["source"]) == (50, "userdict")
    assert out["word"].is_unique and list(out["word"]) == sorted(out["word"])


def test_build_tokenizer_rejects_bad_arguments() -> None:
    with pytest.raises(SchemaError, match=r"tokens\.build_tokenizer"):
        tokens.build_tokenizer(pd.DataFrame({"word": []}), units=None)
    with pytest.raises(ParameterError, match="`max_rounds` value = -1"):
        tokens.build_tokenizer(tokens.user_entries(), units=None, max_rounds=-1)
    with pytest.raises(ParameterError, match="`backend` value = 'cpp' is unknown"):
        tokens.build_tokenizer(tokens.user_entries(), units=None, backend="cpp")  # type: ignore[arg-type]


def test_slogan_lexicon_parts_and_regex_variants() -> None:
    slogans = pd.DataFrame(
        {
            "canonical": ["创一流、争第一、干唯一", "2半0", "1+N"],
            "variants": ["re:创.流", "", "1 + N"],
        }
    )
    out = tokens.user_entries(slogans=slogans)
    assert list(out["word"]) == ["1 + N", "1+N", "2半0", "争第一", "创一流", "干唯一"]


def test_lexicon_words_with_digits_are_protected() -> None:
    slogans = pd.DataFrame({"canonical": ["2半0", "001服务", "1+N"], "variants": ["", "", ""]})
    tk = tokens.build_tokenizer(
        tokens.user_entries(slogans=slogans), units=lexicons.load_token_units()
    )
    seg = tokens.segment(tk, "推行2半0和001服务，建立1+N机制，投资3亿元")
    assert [(t, p) for t, _, p in seg if p != "x"] == [
        ("推行", ""),
        ("2半0", ""),
        ("和", ""),
        ("001服务", ""),
        ("建立", ""),
        ("1+N", ""),
        ("机制", ""),
        ("投资", ""),
        ("3亿元", "m"),
    ]


def test_token_units_longest_first() -> None:
    units = lexicons.load_token_units()
    assert units[0] == "个百分点"
    assert units.index("百分点") < units.index("个") and units.index("人次") < units.index("人")
    assert not {"年", "月", "日"} & set(units)


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("投资303.98亿元", ["303.98亿元"]),
        ("增加3万余人", ["3万余人"]),
        ("提高3百分点", ["3百分点"]),
        ("G316国道", []),
        # An ordinal is one word (not the number 12名); a Latin word with tone marks is whole.
        ("第12名", ["第12"]),
        ("印發(fā)", ["fā"]),
        ("José Martí", ["José", "Martí"]),
    ],
)
def test_number_pattern(text: str, spans: list[str]) -> None:
    pat = tokens.number_pattern(lexicons.load_token_units())
    assert [m.group() for m in pat.finditer(text)] == spans


def test_issue3_shipped_lexicons_give_an_empty_audit() -> None:
    load_slogans = getattr(lexicons, "load_slogans", None)
    load_gazetteer = getattr(lexicons, "load_gazetteer", None)
    if load_slogans is None or load_gazetteer is None:
        pytest.skip("slogan lexicon or gazetteer loader not available in this checkout")
    entries = tokens.user_entries(
        slogans=load_slogans(), gazetteer=load_gazetteer(), userdict=lexicons.load_userdict()
    )
    tk = tokens.build_tokenizer(entries, units=lexicons.load_token_units(), hmm=True)
    audit = tokens.audit(tk, entries, lexicons.load_stopwords()["term"])
    assert audit.empty, audit.to_string()


def test_boundaries_are_token_edges() -> None:
    tk = tokens.build_tokenizer(schema.empty(tokens.ENTRY_COLUMNS), units=None)
    assert tokens.boundaries(tk, "支持工会、妇联") == [0, 2, 4, 5, 7]
    assert tokens.boundaries(tk, "") == [0]


def test_plain_view_segments_as_a_tokenizer_without_entries_and_restores() -> None:
    entries = tokens.user_entries(
        slogans=pd.DataFrame({"canonical": ["三抓三提", "创一流"], "variants": [""] * 2}),
        agencies=["郧阳区", "局长进大厅"],
    )
    tk = tokens.build_tokenizer(entries, units=["元", "个"])
    plain = tokens.build_tokenizer(tokens.user_entries(), units=None)
    text = "郧阳区深化三抓三提，创一流、争第一，局长进大厅，签约项目51个，投资5亿元。"
    before = tokens.segment(tk, text)
    freq, total = dict(tk.jieba.FREQ), tk.jieba.total
    with tokens.plain_view(tk) as view:
        assert tokens.segment(view, text) == tokens.segment(plain, text)
        assert tokens.boundaries(view, text) == tokens.boundaries(plain, text)
        assert "三抓三提" not in view.jieba.FREQ
        # the default backend cuts with the base dictionary's snapshot, as jieba's code does
        assert view.fast is not None and view.fast is tk.plain_fast
        assert tokens.segment(view, text) == tokens.segment(replace(view, fast=None), text)
    assert tokens.segment(tk, text) == before
    assert freq == tk.jieba.FREQ and tk.jieba.total == total


def _tiny_dictionary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A base dictionary (甲乙 4, 丙 1) an hour old; jieba's cache files go to ``tmp_path``."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    path = tmp_path / "dict.txt"
    path.write_text("甲乙 4\n丙 1\n", encoding="utf-8")
    hour_ago = time.time() - 3600
    os.utime(path, (hour_ago, hour_ago))
    return str(path)


def test_jieba_cache_is_read_as_jieba_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dictionary = _tiny_dictionary(tmp_path, monkeypatch)
    cache = tokens._jieba_cache(jieba.Tokenizer(dictionary))
    assert cache.parent == tmp_path and not cache.exists()
    assert not tokens._load_jieba_cache(jieba.Tokenizer(dictionary))
    built = tokens._new_jieba(dictionary)  # no cache yet: jieba builds the dictionary and cache
    assert list(built.FREQ.items()) == [("甲乙", 4), ("甲", 0), ("丙", 1)] and built.total == 5
    assert cache.is_file()
    tk = jieba.Tokenizer(dictionary)
    assert tokens._load_jieba_cache(tk)
    assert tk.initialized and tk.total == 5
    assert list(tk.FREQ.items()) == [("甲乙", 4), ("甲", 0), ("丙", 1)]


@pytest.mark.parametrize("cut", [0, 12, -1], ids=["empty", "truncated", "last byte lost"])
def test_corrupt_jieba_cache_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cut: int
) -> None:
    dictionary = _tiny_dictionary(tmp_path, monkeypatch)
    cache = tokens._jieba_cache(jieba.Tokenizer(dictionary))
    cache.write_bytes(marshal.dumps(({"甲乙": 4, "甲": 0, "丙": 1}, 5))[:cut])
    tk = jieba.Tokenizer(dictionary)
    assert not tokens._load_jieba_cache(tk)
    assert not tk.initialized and tk.FREQ == {}
    rebuilt = tokens._new_jieba(dictionary)  # jieba builds the dictionary and rewrites the cache
    assert list(rebuilt.FREQ.items()) == [("甲乙", 4), ("甲", 0), ("丙", 1)]
    assert tokens._load_jieba_cache(jieba.Tokenizer(dictionary))


@pytest.mark.parametrize(
    "content",
    [marshal.dumps([1, 2]), marshal.dumps(({"甲": 1}, "1")), marshal.dumps(({"甲": 1}, 1, 1))],
    ids=["list", "total not a number", "three items"],
)
def test_jieba_cache_of_another_shape_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    dictionary = _tiny_dictionary(tmp_path, monkeypatch)
    tokens._jieba_cache(jieba.Tokenizer(dictionary)).write_bytes(content)
    tk = jieba.Tokenizer(dictionary)
    assert not tokens._load_jieba_cache(tk)
    assert not tk.initialized and tk.FREQ == {}


def test_jieba_cache_older_than_its_dictionary_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dictionary = _tiny_dictionary(tmp_path, monkeypatch)
    tokens._new_jieba(dictionary)
    later = time.time() + 3600
    os.utime(dictionary, (later, later))
    assert not tokens._load_jieba_cache(jieba.Tokenizer(dictionary))


def test_default_dictionary_from_the_cache_equals_jieba_s_own_load() -> None:
    ref = jieba.Tokenizer()
    ref.initialize()  # writes jieba's cache when there is none
    tk = jieba.Tokenizer()
    assert tokens._load_jieba_cache(tk)
    assert tk.total == ref.total
    assert list(tk.FREQ.items()) == list(ref.FREQ.items())


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        # classifiers of kinds, teams, batches and sessions
        (
            "全县梳理出12类问题、3种模式，组建40支队伍，开展60余场次活动",
            ["12类", "3种", "40支", "60余场次"],
        ),
        ("分4批次推进，举办第2届论坛3轮", ["4批次", "第2", "3轮"]),
        # traditional script: units, magnitudes and 餘
        ("簽約項目15個，總投資20.5億元，新增3萬餘人", ["15個", "20.5億元", "3萬餘人"]),
        ("提高2.1個百分點，完成8項", ["2.1個百分點", "8項"]),
    ],
)
def test_number_pattern_classifiers_and_traditional_forms(text: str, spans: list[str]) -> None:
    pat = tokens.number_pattern(lexicons.load_token_units())
    assert [m.group() for m in pat.finditer(text)] == spans
