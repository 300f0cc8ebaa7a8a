import numpy as np
import pytest

from analysis import textmap


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("全市签约项目51个", "全市签约项目51个"),
        ("增长１２９．２％", "增长129.2%"),
        ("（上接１版）", "(上接1版)"),
        ("等等…", "等等..."),
        ("\u3000本报讯", " 本报讯"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    text, _ = textmap.normalize(raw)
    assert text == expected


def test_expansion_maps_whole_ellipsis_to_one_raw_char() -> None:
    raw = "甲…乙"
    text, m = textmap.normalize(raw)
    assert text == "甲...乙"
    assert m.span(1, 4) == (1, 2)
    assert m.span(4, 5) == (2, 3)
    assert m.span(0, 5) == (0, 3)
    # a span inside the expansion still covers the raw character
    assert m.span(2, 3) == (1, 2)


def test_offsets_refer_to_raw_file_with_start() -> None:
    raw = "标题\n\n正文１２３字"
    text, m = textmap.normalize(raw, 4, len(raw))
    assert text == "正文123字"
    rs, re_ = m.to_raw(np.array([2]), np.array([5]))
    assert raw[rs[0] : re_[0]] == "１２３"


def test_join_page_break_and_paragraph() -> None:
    raw = "投资2000\n\n万元。\n\n第二段。"
    text, m = textmap.join(raw, [(0, 6), (8, 11), (13, 17)], ["", "\n"])
    assert text == "投资2000万元。\n第二段。"
    assert raw[slice(*m.span(2, 8))] == "2000\n\n万元"
    # the inserted paragraph separator maps to an empty raw span
    s, e = m.span(9, 10)
    assert s == e == 11
    assert raw[slice(*m.span(10, 14))] == "第二段。"


def test_combining_marks_slow_path() -> None:
    raw = "e\u0301x"
    text, m = textmap.normalize(raw)
    assert text == "\u00e9x"
    assert m.span(0, 1) == (0, 2)
    assert m.span(1, 2) == (2, 3)


def test_empty_and_join_validation() -> None:
    text, m = textmap.normalize("")
    assert text == ""
    assert m.span(0, 0) == (0, 0)
    with pytest.raises(ValueError, match="`separators` needs 1 items for 2 spans; got 0"):
        textmap.join("ab", [(0, 1), (1, 2)], [])


@pytest.mark.parametrize(
    "text, want",
    [
        ("十堰市召開能力作風建設推進會。", "十堰市召开能力作风建设推进会。"),
        ("乾隆年間，街道很乾淨。", "乾隆年间，街道很干净。"),  # phrase-level where length allows
        ("鍾鎔", "钟镕"),
        ("。。\n", "。。\n"),
        ("", ""),
        ("abc 123", "abc 123"),
    ],
)
def test_simplify_converts_and_keeps_length(text: str, want: str) -> None:
    got = textmap.simplify(text)
    assert got == want
    assert len(got) == len(text)


def test_simplify_keeps_offset_map_valid() -> None:
    raw = "標題\n\n十堰市召開推進會。會議強調：發揚實幹精神。"
    text, omap = textmap.normalize(raw, 4)
    simple = textmap.simplify(text)
    s, e = omap.span(simple.index("召开"), simple.index("召开") + 2)
    assert raw[s:e] == "召開"


def test_join_copies_nfkc_spans_and_normalizes_the_others() -> None:
    raw = "第一段。\n增长１２％\n第三段"
    spans = [(0, 4), (5, 10), (11, 14)]
    text, m = textmap.join(raw, spans, ["\n", "\n"])
    assert text == "第一段。\n增长12%\n第三段"
    parts = [textmap.normalize(raw, s, e)[0] for s, e in spans]
    assert text == "\n".join(parts)
    assert raw[slice(*m.span(7, 9))] == "１２"
    assert raw[slice(*m.span(11, 14))] == "第三段"
    # a combining mark in one span: every changed span is normalized on its own
    text, m = textmap.join("e\u0301x。ａ", [(0, 3), (3, 5)], [""])
    assert text == "\u00e9x。a"
    assert m.span(0, 1) == (0, 2)
    assert m.span(3, 4) == (4, 5)


def test_stable_ranges_are_nfkc_and_not_marks() -> None:
    for lo, hi in textmap._STABLE_RANGES:
        for code in range(lo, hi + 1):
            ch = chr(code)
            assert textmap._char_info(ch) == (ch, False), hex(code)


@pytest.mark.parametrize(
    "raw, spans, separators",
    [
        # one-to-one replacements and expanding characters in several spans
        ("增长１２％…好\n（上接１版）㎡…", [(0, 7), (8, 17)], [""]),
        # an expanding character only: nothing replaced one to one
        ("十堰…\n……", [(0, 3), (4, 6)], ["\n"]),
        # a character outside the Basic Multilingual Plane and a compatibility ideograph
        ("\U00020000，\U0002f800ａ", [(0, 4)], []),
        # a lone surrogate is kept as it is
        ("\ud800，甲", [(0, 3)], []),
        # Hangul jamo: normalized one by one, never composed
        ("\u1100\u1161，", [(0, 3)], []),
    ],
)
def test_join_equals_normalizing_each_span(
    raw: str, spans: list[tuple[int, int]], separators: list[str]
) -> None:
    text, m = textmap.join(raw, spans, separators)
    parts = [textmap.normalize(raw, s, e) for s, e in spans]
    assert text == "".join(
        p[0] + (separators[k] if k < len(separators) else "") for k, p in enumerate(parts)
    )
    off = 0
    for k, (part, pmap) in enumerate(parts):
        for i in range(len(part)):
            assert m.span(off + i, off + i + 1) == pmap.span(i, i + 1)
        off += len(part) + (len(separators[k]) if k < len(separators) else 0)


def test_html_references_are_decoded_with_offsets_to_the_reference() -> None:
    # Scraped text may keep HTML character references: the analysis copy has the characters
    # (after NFKC), and each maps back to its whole reference; a bare & stays as written.
    raw = "&ldquo;三抓三提&rdquo;&nbsp;签约５１个 R&D &copy"
    text, m = textmap.normalize(raw)
    assert text == "“三抓三提” 签约51个 R&D &copy"
    assert raw[slice(*m.span(0, 1))] == "&ldquo;"
    assert raw[slice(*m.span(6, 7))] == "&nbsp;"
    assert raw[slice(*m.span(9, 12))] == "５１个"
    joined, jm = textmap.join(raw, [(0, 7), (7, 11)], [""])
    assert joined == "“三抓三提"
    assert raw[slice(*jm.span(0, 5))] == "&ldquo;三抓三提"
    assert textmap.unescape("&mdash;&mdash;综述") == "——综述"
