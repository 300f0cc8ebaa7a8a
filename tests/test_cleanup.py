import re

import pytest

from analysis import cleanup


@pytest.mark.parametrize(
    "text, final",
    [
        ("县里建立完", False),
        ("投入2000", False),
        ("将控规落地、", False),
        ("防范和查处“七个", False),
        ("被称为“中国水都”", False),
        ("改造老旧小区。", True),
        ("他说：“太好了。”", True),
        ("提升工作首位度——", True),
        ("5家入选企业为：", True),
        ("过上了幸福生活……", True),
        ("真的吗？", True),
        ("half-width stop.", True),
    ],
)
def test_ends_final(text: str, final: bool) -> None:
    assert cleanup.ends_final(text) is final


@pytest.mark.parametrize(
    "text, title",
    [
        ("练就过硬本领 服务职工群众", True),
        ("——访市总工会党组书记、常务副主席李馥秀", True),
        ("“三抓三提”促进干部成长成才", True),
        ("正威项目——惠企便民多项举措全省首创", True),
        ("强化宣传教育。利用党员集中学习", False),
        ("近日，竹溪县泉溪镇引进市场主体", False),
        ("将控规落地、", False),
        ("很" * 49, False),
    ],
)
def test_is_title_like(text: str, title: bool) -> None:
    assert cleanup.is_title_like(text) is title


@pytest.mark.parametrize(
    "text, byline",
    [
        ("记者纪枫波 丁伟 通讯员张晓宁", True),
        ("通讯员 高义明 易全威", True),
        ("记者马胜江 特约记者卢耀强 通讯员孙勇 卢昌顺 朱文平", True),
        ("(通讯员侯金波 龚成龙 记者张婧 整理)", True),
        ("（本报记者 李四）", True),
        ("记者从市发改委获悉，近两年我市坚持改革。", False),
        ("记者在现场看到", False),
        ("通讯员张三说，这项工作很重要。", False),
        ("文/图 记者 张三", True),
        ("■ 本报记者 李四 王五", True),
    ],
)
def test_is_byline(text: str, byline: bool) -> None:
    assert cleanup.is_byline(text) is byline


@pytest.mark.parametrize(
    "text, kind",
    [
        ("返回数字报首页 > 2025年03月13  星期 > 07版-绿色低碳 > 正文", "navigation"),
        ("[字号   ]", "navigation"),
        ("本期推荐新闻", "navigation"),
        ("关于我们网站团队 - 广告业务 -  网站地图在线投稿 - 合作伙伴", "footer"),
        ("秦楚网(10yan.com) 版权所有 未经同意不得复制或镜像", "footer"),
        ("主管:中共十堰市委宣传部 主办:十堰日报社", "footer"),
        ("编辑部:0719-8118833 广告部:0719-8118988", "footer"),
        ("推荐显示设置:1024像素*768像素", "footer"),
        ("本报社主办的活动吸引了市民参加。", ""),
        ("返回家乡创业的青年越来越多。", ""),
        ("合作伙伴齐聚十堰", ""),
        ("联系我们 - 网站地图", "footer"),
        ("新闻热线：0719-1234567", "footer"),
        ("登录 |  注册", "navigation"),
        ("来源: 某市日报   |   作者: 王五   |   发布日期: 2024-06-01   |   [  ]", "footer"),
        ("来源:某市日报收集编辑:某市日报", "footer"),
        ("日期:", "footer"),
        ("时间：6月1日上午9时 地点：市民广场", ""),  # an event's time and place are body text
        ("来源：市统计局。数据显示，全市工业增长5%。", ""),
        ("登录账号后即可办理。", ""),
        # Page headers, font and share controls, the page editors' credit.
        ("十堰日报 2024年3月15日 第2版 要闻", "navigation"),
        ("2024-03-15 星期五 A02版", "navigation"),
        ("十堰日报 第02版", "navigation"),
        ("【字体：大 中 小】", "navigation"),
        ("字体：大 中 小", "navigation"),
        ("分享到：微信 微博", "navigation"),
        ("责任编辑：王五", "footer"),
        ("（责编：张三 李四）", "footer"),
        ("校对：赵六", "footer"),
        ("第2版刊发了评论文章。", ""),
        ("全市2024年第1版规划出台", ""),
        ("编辑部署工作", ""),
        ("编辑：张三认为这一做法值得推广，全市将加快推进", ""),
        ("分享到朋友圈的照片获赞无数。", ""),
    ],
)
def test_navigation_and_footer(text: str, kind: str) -> None:
    got = (
        "navigation" if cleanup.is_navigation(text) else "footer" if cleanup.is_footer(text) else ""
    )
    assert got == kind


@pytest.mark.parametrize(
    "text, credit",
    [
        ("特约记者张启龙 通讯员孙淑芬 摄", "特约记者张启龙 通讯员孙淑芬 摄"),
        ("农民在田间劳作。 特约记者王涛 摄", "特约记者王涛 摄"),
        ("村民正在摄影", None),
        ("记者张三摄", "记者张三摄"),
        ("农民在田间劳作。（记者张三 摄）", "（记者张三 摄）"),
    ],
)
def test_photo_credit(text: str, credit: str | None) -> None:
    m = cleanup.RE_PHOTO_CREDIT.search(text)
    assert (m.group(1) if m else None) == credit


@pytest.mark.parametrize(
    "text, body, pieces, credit",
    [
        (
            "本报讯 通讯员薛琦 曾阿婧报道：“没想到这么快。”",
            "“没想到这么快。”",
            [("本报讯 通讯员薛琦 曾阿婧报道：", "byline")],
            "通讯员薛琦 曾阿婧",
        ),
        (
            "本报讯（记者 李四）近日，会议召开。",
            "近日，会议召开。",
            [("本报讯（记者 李四）", "byline")],
            "记者 李四",
        ),
        ("（上接1版）缺少人才……", "缺少人才……", [("（上接1版）", "continuation")], ""),
        ("项目加快推进。（下转4版）", "项目加快推进。", [("（下转4版）", "continuation")], ""),
        (
            "本报北京5月6日电（记者 张三）会议召开。",
            "会议召开。",
            [("本报北京5月6日电（记者 张三）", "byline")],
            "记者 张三",
        ),
        ("新华社武汉5月6日电 会议召开。", "会议召开。", [("新华社武汉5月6日电 ", "byline")], ""),
        ("本报讯是新闻的开头吗", "是新闻的开头吗", [("本报讯", "byline")], ""),
        ("普通的段落。", "普通的段落。", [], ""),
    ],
)
def test_cut_prefixes(text: str, body: str, pieces: list[tuple[str, str]], credit: str) -> None:
    raw = "\n" + text
    (p,) = cleanup.paragraphs(raw)
    cleanup.cut_prefixes(p)
    assert raw[p.body_start : p.body_end] == body
    assert [(raw[s:e], k) for s, e, k, _ in p.pieces] == pieces
    assert p.credit == credit


def test_paragraphs_record_spans_and_gaps() -> None:
    raw = "\n\n 标题 \n\n\n\n图片说明\n\n正文。\r\n"
    paras = cleanup.paragraphs(raw)
    assert [(raw[p.start : p.end], p.gap_before, p.gap_after) for p in paras] == [
        ("标题", 3, 4),
        ("图片说明", 4, 2),
        ("正文。", 2, 2),
    ]


def test_editor_note_and_sentences() -> None:
    assert cleanup.RE_EDITOR_NOTE.match("编者按：7月25日上午，推进会召开。")
    assert not cleanup.RE_EDITOR_NOTE.match("编者认为这很重要。")
    assert cleanup.sentences("甲。乙！“丙？”丁") == ["甲。", "乙！", "“丙？”", "丁"]


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"])
def test_paragraphs_treat_crlf_and_lone_cr_as_line_breaks(nl: str) -> None:
    raw = f"{nl}标题{nl}{nl}{nl}{nl}正文。{nl}"
    paras = cleanup.paragraphs(raw)
    assert [(p.text, p.gap_before, p.gap_after) for p in paras] == [
        ("标题", 2, 4),
        ("正文。", 4, 2),
    ]
    assert [raw[p.start : p.end] for p in paras] == ["标题", "正文。"]


@pytest.mark.parametrize(
    "text",
    [
        "春耕正忙。记者 孙七 摄",
        "（新华社记者 李四 摄）",
        "图为施工现场。 通讯员 王五 供图 \n",
        "记者 张三 摄影\u3000",
        "他正在拍摄",
        "春耕正忙。",
        "",
    ],
)
def test_photo_credit_equals_the_pattern_search(text: str) -> None:
    got = cleanup.photo_credit(text)
    want = cleanup.RE_PHOTO_CREDIT.search(text)
    assert (got.span(1) if got else None) == (want.span(1) if want else None)


@pytest.mark.parametrize(
    "raw",
    [
        "\u3000\u3000标题 \n\n  正文。\xa0\n",
        "甲\x85乙\u2028丙\n\t \n丁",  # whitespace that is not a line break stays inside a line
        " \r\n\r\r\n  \n",
        "单行",
        "",
    ],
)
def test_paragraphs_are_the_stripped_non_blank_lines(raw: str) -> None:
    lines = [m for m in re.finditer(r"[^\r\n]+", raw) if m.group().strip()]
    paras = cleanup.paragraphs(raw)
    assert [p.text for p in paras] == [m.group().strip() for m in lines]
    assert [raw[p.start : p.end] for p in paras] == [p.text for p in paras]


@pytest.mark.parametrize("text", ["甲\r\n\r乙\n\r\n丙", "\r\r\n\n", "没有换行", ""])
def test_breaks_count_as_the_line_break_pattern(text: str) -> None:
    assert cleanup._breaks(text, 0, len(text)) == len(cleanup.RE_BREAK.findall(text))


@pytest.mark.parametrize(
    "text",
    ["推进。（下转4版）", "推进。(转第3版)\n", "推进。（下转4版）。", "（下转4版）推进", "推进"],
)
def test_jump_marker_at_the_end_equals_the_pattern_search(text: str) -> None:
    p = cleanup.Para(0, len(text), 1, 1, text, body_start=0, body_end=len(text))
    cleanup.cut_prefixes(p)
    want = cleanup.RE_CONTINUED_TO.search(text)
    cut = [(s, e) for s, e, _, why in p.pieces if why == "jump marker (continued on)"]
    assert cut == ([(want.start(), len(text))] if want else [])


def wrapped(paragraphs: list[str], width: int) -> str:
    """The paragraphs as text taken from a PDF column: cut every ``width`` characters, each
    paragraph starting on an indented line."""
    lines = []
    for para in paragraphs:
        cut = [para[i : i + width] for i in range(0, len(para), width)]
        lines += ["\u3000\u3000" + cut[0], *cut[1:]]
    return "\n".join(lines)


BODY = [
    "今年以来，十堰市签约项目51个，协议总投资303.98亿元，同比增长129.2%。",
    "全市上下比学赶超，聚焦创一流、争第一、干唯一，推动能力作风建设走深走实。",
    "市行政审批局推行局长进大厅，企业开办时间压缩至1个工作日，群众满意率达100%。",
]


def test_wrap_width_finds_hard_wrapped_pages_only() -> None:
    text = wrapped(BODY, 12)
    assert cleanup.wrap_width([p.strip() for p in text.splitlines()]) == 12
    assert cleanup.wrap_width(BODY * 4) is None  # one paragraph per line
    assert cleanup.wrap_width(wrapped(BODY[:1], 12).splitlines()) is None  # too few lines


def test_paragraphs_join_the_lines_of_a_hard_wrapped_page() -> None:
    raw = "项目建设跑出加速度\n记者张三 通讯员李四\n" + wrapped(BODY, 12)
    paras = cleanup.paragraphs(raw)
    # Headline and credit line stay lines; each indented paragraph is one, without breaks.
    assert [p.text for p in paras] == ["项目建设跑出加速度", "记者张三 通讯员李四", *BODY]
    body = paras[2]
    assert len(body.lines) == 4 and (body.start, body.end) == (body.lines[0][0], body.lines[-1][1])
    assert "".join(raw[s:e] for s, e in body.body_spans()) == BODY[0] == body.body_text(raw)
    assert raw[body.raw_start(21) : body.raw_end(27)] == "303\n.98"  # cut by the wrap
    # A credit line cut by the wrap is whole again; it does not run into the body after it.
    credit = "记者马胜江 特约记者卢耀强 通讯员孙勇 卢昌顺"
    paras = cleanup.paragraphs(f"{credit[:12]}\n{credit[12:]}\n" + wrapped(BODY, 12)[2:])
    assert [p.text for p in paras[:2]] == [credit, BODY[0]]
    # Lines that all keep a margin: the margin is no indentation (a paragraph then ends at a
    # line shorter than the width; one whose last line is full runs on into the next).
    body = [BODY[0], BODY[2], BODY[0]]
    text = wrapped(body, 12).replace("\u3000", "")
    margin = "\n".join("  " + line for line in text.split("\n"))
    assert [p.text for p in cleanup.paragraphs(margin)] == body
    # A blank line or an indentation ends a paragraph; so does a line shorter than the width.
    assert cleanup.paragraphs(wrapped(BODY, 12).replace("\n\u3000", "\n\n"))[1].text == BODY[1]


def test_cut_prefixes_in_a_hard_wrapped_paragraph() -> None:
    raw = wrapped(["本报讯（记者 张三）" + BODY[0], *BODY[1:]], 12)
    p = cleanup.paragraphs(raw)[0]
    cleanup.cut_prefixes(p)
    assert [(raw[s:e], k) for s, e, k, _ in p.pieces] == [("本报讯（记者 张三）", "byline")]
    assert p.body_text(raw) == BODY[0]


@pytest.mark.parametrize(
    "text, heading",
    [
        ("郧阳区：项目建设提速增效", True),
        ("亮点一：服务前移", True),
        ("他说：好，走。", False),
        ("会议强调：要加快推进项目建设", True),  # as a line of its own, read as a heading
        ("时间：3月5日", True),
        ("全市签约项目51个，投资30亿元", False),
    ],
)
def test_is_labelled_heading(text: str, heading: bool) -> None:
    assert cleanup.is_labelled_heading(text) is heading


def test_html_references_in_page_lines() -> None:
    # Spaces written as references around a line are whitespace (a line of them is blank);
    # the rules read references as the characters they stand for.
    raw = "&nbsp;&nbsp;&ldquo;三抓三提&rdquo;促进干部成长\n&nbsp;&nbsp;\n记者&nbsp;张三&nbsp;"
    paras = cleanup.paragraphs(raw)
    assert [raw[p.start : p.end] for p in paras] == [
        "&ldquo;三抓三提&rdquo;促进干部成长",
        "记者&nbsp;张三",
    ]
    assert cleanup.is_title_like(paras[0].text) and cleanup.is_byline(paras[1].text)
    assert cleanup.credit_text(paras[1].text) == "记者 张三"
    assert cleanup.is_subtitle("&mdash;&mdash;综述") and cleanup.ends_final("走实&hellip;")
