import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import articles, corpus, lexicons, schema, subjects, textmap

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def gazetteer() -> pd.DataFrame:
    return lexicons.load_gazetteer()


def split_one(raw: str, gazetteer: pd.DataFrame, *, title: str = "", date: str = "2024"):
    matcher = subjects.UnitMatcher(gazetteer)
    arts, log = articles.split_document(
        raw, file="p.txt", doc_id="p", date=date, title=title, matcher=matcher
    )
    texts = {"p.txt": raw}
    assert corpus.account(texts, arts, log).empty
    check_offsets(raw, arts, log)
    return arts, log


def check_offsets(raw: str, arts: pd.DataFrame, log: pd.DataFrame) -> None:
    for row in log.itertuples():
        assert raw[row.start : row.end] == row.text
    for row in arts.itertuples():
        omap = getattr(row, schema.OFFSET_MAP)
        n = len(row.text)
        rs, re_ = omap.to_raw(np.arange(n), np.arange(1, n + 1))
        for i in range(n):
            piece = raw[rs[i] : re_[i]]
            if piece:
                assert row.start <= rs[i] and re_[i] <= row.end
                assert row.text[i] in unicodedata.normalize("NFKC", textmap.unescape(piece))
            else:
                assert row.text[i] == "\n"  # an inserted paragraph separator


WEB_PAGE = (
    "返回数字报首页 > 2024年05月06  星期 > 03版-要闻 > 正文\n"
    " [字号   ]   \n"
    "山城展新颜\n"
    "——竹山县城市更新纪实\n\n"
    "记者李明 通讯员王芳\n\n"
    "今年以来，竹山县投入２０００\n\n"
    "万元改造老旧小区。\n\n"
    "聚焦民生\n\n"
    "县里坚持问题导向，建立完\n\n"
    "善长效机制。（下转4版）\n\n"
    "新建的口袋公园。\n\n"
    "改造后的街道。\n\n"
    "版权所有 未经同意不得复制\n"
)


def test_web_page_furniture_title_byline_joins_and_trailing_captions(
    gazetteer: pd.DataFrame,
) -> None:
    arts, log = split_one(WEB_PAGE, gazetteer)
    (art,) = arts.to_dict("records")
    assert art["article_id"] == "p-a01" and art["parent_id"] == ""
    assert (art["headline"], art["subtitle"], art["byline"]) == (
        "山城展新颜",
        "竹山县城市更新纪实",
        "记者李明 通讯员王芳",
    )
    assert (art["subject"], art["subject_level"], art["date"]) == ("竹山县", "county", "2024")
    assert art["text"] == (
        "今年以来,竹山县投入2000万元改造老旧小区。\n聚焦民生\n县里坚持问题导向,建立完善长效机制。"
    )
    assert WEB_PAGE[art["start"] : art["end"]].startswith("山城展新颜")
    assert WEB_PAGE[art["start"] : art["end"]].endswith("（下转4版）")
    assert list(zip(log["kind"], log["text"], strict=True)) == [
        ("navigation", "返回数字报首页 > 2024年05月06  星期 > 03版-要闻 > 正文"),
        ("navigation", "[字号   ]"),
        ("headline", "山城展新颜"),
        ("subtitle", "——竹山县城市更新纪实"),
        ("byline", "记者李明 通讯员王芳"),
        ("continuation", "（下转4版）"),
        ("caption", "新建的口袋公园。"),
        ("caption", "改造后的街道。"),
        ("footer", "版权所有 未经同意不得复制"),
    ]


COMPILATION = (
    "\n\n\n\n编者按：近日，全市召开推进会。各单位交流经验。\n\n\n\n"
    "会议现场。\n\n"
    "竹溪县\n\n抓项目 促发展\n\n竹溪县坚持项目为王，\n\n\n\n项目现场\n\n推动发展。\n\n"
    "郧西县行政审批局\n\n优服务 提效能\n\n该局推行一网通办。\n\n"
    "（通讯员甲乙 记者丙丁 整理）\n\n"
    "春耕正忙\n\n\n\n4月10日，农民在田间劳作。 记者张三 摄"
)


def test_compilation_gives_parent_and_sections_and_photo_news_is_not_an_article(
    gazetteer: pd.DataFrame,
) -> None:
    arts, log = split_one(COMPILATION, gazetteer)
    got = arts[["article_id", "parent_id", "headline", "byline", "subject", "text"]]
    assert got.to_dict("records") == [
        {
            "article_id": "p-a01",
            "parent_id": "",
            "headline": "",
            "byline": "通讯员甲乙 记者丙丁 整理",
            "subject": "十堰市",
            "text": "",
        },
        {
            "article_id": "p-a01-s01",
            "parent_id": "p-a01",
            "headline": "抓项目 促发展",
            "byline": "",
            "subject": "竹溪县",
            "text": "竹溪县坚持项目为王,推动发展。",  # NFKC: ，→,,
        },
        {
            "article_id": "p-a01-s02",
            "parent_id": "p-a01",
            "headline": "优服务 提效能",
            "byline": "",
            "subject": "郧西县行政审批局",
            "text": "该局推行一网通办。",
        },
    ]
    kinds = dict(zip(log["text"], log["kind"], strict=True))
    assert kinds["会议现场。"] == "caption"
    assert kinds["项目现场"] == "caption"
    assert kinds["竹溪县"] == "unit_label"
    assert kinds["春耕正忙"] == "photo_news"
    assert kinds["4月10日，农民在田间劳作。 记者张三 摄"] == "photo_news"
    assert log.loc[log["kind"] == "photo_news", "article_id"].eq("").all()
    assert log.loc[log["kind"] == "editor_note", "article_id"].item() == "p-a01"
    parent, s1, s2 = arts.to_dict("records")
    assert parent["start"] <= s1["start"] < s1["end"] <= s2["start"] < s2["end"] <= parent["end"]
    assert COMPILATION[s1["start"] : s1["end"]].startswith("竹溪县\n\n抓项目")


def test_caption_with_credit_inside_an_article_keeps_the_subheading(
    gazetteer: pd.DataFrame,
) -> None:
    raw = (
        "标题一\n\n本报讯 记者王五报道：正文开始。\n\n锤炼能力 激发活力\n\n"
        "工人在车间作业。 记者张三 摄\n\n正文继续。"
    )
    arts, log = split_one(raw, gazetteer)
    assert arts["text"].item() == "正文开始。\n锤炼能力 激发活力\n正文继续。"
    assert log.loc[log["kind"] == "caption", "text"].item() == "工人在车间作业。 记者张三 摄"


def test_caption_inside_a_broken_sentence_without_image_gap(gazetteer: pd.DataFrame) -> None:
    # One newline between lines (no image gap): a title-like line between a long paragraph that
    # breaks off inside a sentence and the body text continuing it is an image caption; the
    # sentence is joined again. A subheading after a finished sentence stays in the text.
    body = (
        "今年以来，街道党工委将项目建设作为检验干部能力作风的考场，要求各项目党支部按照服务重点项"
    )
    rest = "目要求实施五化制度。"
    end = (
        "街道各项目党支部坚持党组织围着项目转、党员干部盯着项目干，"
        "切实把智慧和力量凝聚到项目建设上来。"
    )
    head = "项目建设跑出加速度\n记者张三 通讯员李四\n"
    raw = f"{head}{body}\n樱桃节活动现场\n{rest}\n锤炼能力 激发活力\n{end}"
    arts, log = split_one(raw, gazetteer)
    check_offsets(raw, arts, log)
    nfkc = unicodedata.normalize("NFKC", f"{body}{rest}\n锤炼能力 激发活力\n{end}")
    assert arts["text"].item() == nfkc
    assert log.loc[log["kind"] == "caption", "text"].tolist() == ["樱桃节活动现场"]
    # A short line before it (40 characters or fewer, as in a hard-wrapped page) is no body
    # paragraph: nothing is taken for a caption.
    wrapped = f"{head}要求各项目党支部按照服务重\n点项目要求\n实施五化制度。\n{end}"
    arts, log = split_one(wrapped, gazetteer)
    assert "caption" not in set(log["kind"])
    assert "点项目要求" in arts["text"].item()


def test_hard_wrapped_page_splits_as_its_unwrapped_form(gazetteer: pd.DataFrame) -> None:
    # Text taken from a PDF column (lines cut at 12 characters, paragraphs indented): the
    # article has the same headline, credit and text as the page with one line per paragraph,
    # and a figure cut at a line end (51 | 个) is whole again.
    paras = [
        "今年以来，十堰市签约项目51个，协议总投资303.98亿元，同比增长129.2%。",
        "全市上下比学赶超，聚焦创一流、争第一、干唯一，推动能力作风建设走深走实。",
        "市行政审批局推行局长进大厅，企业开办时间压缩至1个工作日，群众满意率达100%。",
    ]
    lines = []
    for para in paras:
        lines += [
            "\u3000\u3000" + para[:12],
            *(para[i : i + 12] for i in range(12, len(para), 12)),
        ]
    head = "项目建设跑出加速度\n\n记者张三 通讯员李四\n\n"
    raw = head + "\n".join(lines)
    arts, log = split_one(raw, gazetteer)
    check_offsets(raw, arts, log)
    plain, _ = split_one(head + "\n".join(paras), gazetteer)
    cols = ["headline", "byline", "subject", "text"]
    assert arts[cols].to_dict("records") == plain[cols].to_dict("records")
    assert "签约项目51个" in arts["text"].item()


def test_republished_page_furniture_around_title_and_body(gazetteer: pd.DataFrame) -> None:
    # A page as a news site republishes it: page header and font controls above, the site's
    # metadata line between title and dateline, a labelled subheading, the editors' credit and
    # share links below. The title still opens the article and every furniture line is logged.
    raw = (
        "十堰日报 2024年3月15日 第2版 要闻\n【字体：大 中 小】\n市委常委会召开会议\n"
        "2024-03-15 08:30  来源：十堰日报  作者：张三\n"
        "本报讯（记者 张三）3月14日，市委常委会召开会议，研究部署能力作风建设工作。\n"
        "郧阳区：项目建设提速增效\n今年以来，郧阳区新开工项目38个。\n"
        "责任编辑：王五\n分享到：微信 微博"
    )
    arts, log = split_one(raw, gazetteer)
    check_offsets(raw, arts, log)
    (art,) = arts.to_dict("records")
    assert (art["headline"], art["byline"]) == ("市委常委会召开会议", "记者 张三")
    assert art["text"] == (
        "3月14日,市委常委会召开会议,研究部署能力作风建设工作。\n"
        "郧阳区:项目建设提速增效\n今年以来,郧阳区新开工项目38个。"
    )
    kinds = dict(zip(log["text"], log["kind"], strict=True))
    assert kinds["十堰日报 2024年3月15日 第2版 要闻"] == "navigation"
    assert kinds["【字体：大 中 小】"] == "navigation"
    assert kinds["分享到：微信 微博"] == "navigation"
    assert kinds["责任编辑：王五"] == "footer"
    assert kinds["2024-03-15 08:30  来源：十堰日报  作者：张三"] == "footer"


def test_compilation_introduced_by_an_editors_note_keeps_its_intro(
    gazetteer: pd.DataFrame,
) -> None:
    # One newline per paragraph: the intro after the editor's note is body text of the parent,
    # and the unit-labelled reports after it are still its sections, not a new article.
    raw = (
        "全市能力作风建设半年晒成效\n编者按：近日，全市召开推进会。各单位交流经验。\n"
        "7月25日上午，全市能力作风建设推进会召开。\n"
        "竹溪县\n抓项目 促发展\n竹溪县坚持项目为王，推动发展。\n"
        "郧西县行政审批局\n优服务 提效能\n该局推行一网通办。"
    )
    arts, log = split_one(raw, gazetteer)
    check_offsets(raw, arts, log)
    got = arts[["article_id", "parent_id", "headline", "subject"]].to_dict("split")["data"]
    assert got == [
        ["p-a01", "", "全市能力作风建设半年晒成效", "十堰市"],
        ["p-a01-s01", "p-a01", "抓项目 促发展", "竹溪县"],
        ["p-a01-s02", "p-a01", "优服务 提效能", "郧西县行政审批局"],
    ]
    assert arts["text"].iloc[0] == "7月25日上午,全市能力作风建设推进会召开。"
    # Its only section (a unit label without report) is merged into it: the article starts at
    # its body, before the label.
    raw = "本报讯 通讯员薛琦报道：近日，项目开工。\n编者按：近日召开推进会。\n竹溪县\n"
    arts, _ = split_one(raw, gazetteer)  # checks every offset lies within the article
    assert arts[["text", "start"]].values.tolist() == [["近日,项目开工。", 12]]


def test_page_with_html_references(gazetteer: pd.DataFrame) -> None:
    # A page scraped with its HTML references left in: headline, credit and text read as the
    # characters they stand for, offsets still index the file, nothing is unaccounted.
    raw = (
        "&nbsp;&nbsp;&ldquo;三抓三提&rdquo;促进干部成长成才\n记者&nbsp;张三 通讯员&nbsp;李四\n"
        "&nbsp;&nbsp;&nbsp;&nbsp;今年以来，全市签约项目51个，持续开展&ldquo;创一流&rdquo;活动。\n"
        "&nbsp;&nbsp;&nbsp;&nbsp;\n"
        "&nbsp;&nbsp;&nbsp;&nbsp;全市上下比学赶超&mdash;&mdash;推动能力作风建设走深走实&hellip;"
    )
    arts, _ = split_one(raw, gazetteer)  # checks offsets and that nothing is lost
    (art,) = arts.to_dict("records")
    assert (art["headline"], art["byline"]) == (
        "“三抓三提”促进干部成长成才",
        "记者 张三 通讯员 李四",
    )
    assert art["text"] == (
        "今年以来,全市签约项目51个,持续开展“创一流”活动。\n全市上下比学赶超——推动能力作风建设走深走实..."
    )


def test_pinyin_readings_are_left_out_of_the_text_and_logged(gazetteer: pd.DataFrame) -> None:
    # A page whose ruby text was flattened into the running text (錢江經(jīng)濟開發(fā)區(qū)): the
    # analysis copy reads the characters alone, offsets still index the file around the readings,
    # and each reading is logged; brackets holding words or codes (項目(一期)) stay.
    raw = (
        "錢江經(jīng)濟開發(fā)區(qū)簽約項目16個\n"
        "今年,錢江經(jīng)濟開發(fā)區(qū)共簽約項目16個,其中(一期)產(chǎn)業項目9個。"
    )
    arts, log = split_one(raw, gazetteer)  # checks offsets and that nothing is lost
    (art,) = arts.to_dict("records")
    assert art["headline"] == "錢江經濟開發區簽約項目16個"
    assert art["text"] == "今年,錢江經濟開發區共簽約項目16個,其中(一期)產業項目9個。"
    at = art["text"].index("經濟開發區")
    a, z = art[schema.OFFSET_MAP].span(at, at + 5)
    assert raw[a:z] == "經(jīng)濟開發(fā)區"
    ruby = log[log["kind"] == "ruby"]
    assert ruby["text"].tolist() == ["(jīng)", "(fā)", "(qū)", "(chǎn)"]
    assert (ruby["article_id"] == art["article_id"]).all()


@pytest.mark.parametrize("bracketed", [True, False])
def test_records_exported_from_a_news_database(gazetteer: pd.DataFrame, bracketed: bool) -> None:
    # One article per record (【篇名】… or 标题：…): headline, credit and date from their fields,
    # the other fields and the body field's label are logged, a dateline is cut as usual.
    def field(label: str, value: str) -> str:
        return f"【{label}】{value}" if bracketed else f"{label}：{value}"

    raw = "\n".join(
        [
            field("篇名", "市委常委会召开会议"),
            field("作者", "张三 李四"),
            field("报纸名称", "十堰日报"),
            field("日期", "2024年3月15日"),
            field("正文", "本报讯 3月14日，全市签约项目51个。"),
            "会议强调，要弘扬创一流、争第一、干唯一的精神。",
            "",
            field("篇名", "郧阳区新开工项目38个"),
            field("日期", "2024-03-16"),
            field("正文", "今年以来，郧阳区新开工项目38个。"),
        ]
    )
    arts, log = split_one(raw, gazetteer, date="2024")
    got = arts[["headline", "byline", "date", "subject", "text"]].to_dict("split")["data"]
    assert got == [
        [
            "市委常委会召开会议",
            "张三 李四",
            "2024-03-15",
            "十堰市",
            "3月14日,全市签约项目51个。\n会议强调,要弘扬创一流、争第一、干唯一的精神。",
        ],
        ["郧阳区新开工项目38个", "", "2024-03-16", "郧阳区", "今年以来,郧阳区新开工项目38个。"],
    ]
    kinds = log["kind"].tolist()
    assert kinds.count("headline") == 2 and kinds.count("footer") == 5


def test_records_labelled_in_english(gazetteer: pd.DataFrame) -> None:
    # Some databases export their fields in English (Title:, Author:, Date:, Text:), any case.
    raw = "\n".join(
        [
            "Title: 市委常委会召开会议",
            "AUTHOR: 张三",
            "Source: 十堰日报",
            "Date: 2024-03-15",
            "Text: 全市签约项目51个。",
            "",
            "Title: 郧阳区新开工项目38个",
            "Publication date: 2024/3/16",
            "Text: 今年以来，郧阳区新开工项目38个。",
        ]
    )
    arts, log = split_one(raw, gazetteer, date="2024")
    got = arts[["headline", "byline", "date", "text"]].to_dict("split")["data"]
    assert got == [
        ["市委常委会召开会议", "张三", "2024-03-15", "全市签约项目51个。"],
        ["郧阳区新开工项目38个", "", "2024-03-16", "今年以来,郧阳区新开工项目38个。"],
    ]
    assert log["kind"].tolist().count("footer") == 5


def test_a_page_with_one_labelled_line_is_no_record(gazetteer: pd.DataFrame) -> None:
    # A colon after 时间 in an article is no database field: a record needs two fields, one a title.
    raw = "全市召开推进会\n记者 张三\n时间：3月5日上午，会议在市民中心召开，签约项目8个。"
    arts, _ = split_one(raw, gazetteer)
    assert arts["headline"].tolist() == ["全市召开推进会"]


NATIONAL = (
    "人民日报 2024年05月06日 第 01 版\n"
    "坚定信心 推动发展\n"
    "本报北京5月5日电  （记者张三）正文第一段，会议指出，要抓好落实。\n"
    "正文第二段。\n"
    "高质量发展的浠水实践\n"
    "——浠水县推进乡村振兴纪实\n"
    "本报记者 李四\n"
    "正文。\n"
    "图为浠水县新建的产业园。 新华社记者 王五 摄\n"
)


def test_single_newline_page_of_another_paper(gazetteer: pd.DataFrame) -> None:
    arts, log = split_one(NATIONAL, gazetteer)
    got = arts[["headline", "subtitle", "byline", "subject", "text"]].to_dict("split")["data"]
    assert got == [
        ["坚定信心 推动发展", "", "记者张三", "", "正文第一段,会议指出,要抓好落实。\n正文第二段。"],
        ["高质量发展的浠水实践", "浠水县推进乡村振兴纪实", "本报记者 李四", "浠水县", "正文。"],
    ]
    assert list(log["kind"]) == [
        "navigation",  # the page header (paper, date, page) is page furniture
        "headline",
        "byline",
        "headline",
        "subtitle",
        "byline",
        "caption",
    ]


def test_headline_with_a_comma_before_a_dateline(gazetteer: pd.DataFrame) -> None:
    raw = (
        "第一篇\n\n本报讯 记者王五报道：正文一。\n\n"
        "聚焦主业，奋力争先\n\n本报讯 记者赵六报道：正文二。\n\n"
        "近年来，该区聚焦高质量发展\n\n正文三。"
    )
    arts, _ = split_one(raw, gazetteer)
    assert arts["headline"].tolist() == ["第一篇", "聚焦主业,奋力争先"]
    assert arts["text"].tolist()[1] == "正文二。\n近年来,该区聚焦高质量发展正文三。"


BRIEFS = (
    "政务快递\n\n"
    "黄州区 打造便民服务圈\n\n"
    "本报讯 记者王五报道：近日，该区新建便民服务站10个。\n\n"
    "全市召开安全生产会议\n\n"
    "本报讯（通讯员赵六）4月1日，会议召开。\n\n"
    "经开区新签约项目5个\n\n"
    "本报讯 通讯员钱七报道：近日，项目集中签约。\n\n"
    "一家人 一条心\n\n"
    "（上接1版）在张湾区，项目加快建设。我市营商环境持续优化。\n\n"
    "该市审计局\n\n"
    "本报讯 近日，审计工作有序开展。"
)


def test_briefs_headlines_datelines_and_subject_rules(gazetteer: pd.DataFrame) -> None:
    arts, log = split_one(BRIEFS, gazetteer)
    got = arts[["headline", "byline", "subject", "subject_level"]].to_dict("split")["data"]
    assert got == [
        ["黄州区 打造便民服务圈", "记者王五", "黄州区", "county"],  # generic fallback
        ["全市召开安全生产会议", "通讯员赵六", "十堰市", "city"],  # city-wide words
        ["经开区新签约项目5个", "通讯员钱七", "十堰经济技术开发区", "county"],  # alias
        ["一家人 一条心", "", "十堰市", "city"],  # continued: lead skipped
        ["该市审计局", "", "", ""],  # pronoun guard: not 市审计局
    ]
    assert log.loc[log["text"] == "政务快递", "kind"].item() == "banner"
    assert arts["text"].iloc[0] == "近日,该区新建便民服务站10个。"


def test_unknown_corpus_generic_unit_labels_and_no_city_default(gazetteer: pd.DataFrame) -> None:
    raw = (
        "黄州区\n\n抓项目 促发展\n\n全市项目建设提速。\n\n"
        "浠水县财政局\n\n优服务 提效能\n\n该局优化服务。\n\n"
        "全市召开安全生产会议\n\n本报讯 近日，会议召开。"
    )
    arts, _ = split_one(raw, gazetteer)
    got = arts[["article_id", "headline", "subject", "subject_level"]].to_dict("split")["data"]
    assert got == [
        ["p-a01", "", "", ""],
        ["p-a01-s01", "抓项目 促发展", "黄州区", "county"],
        ["p-a01-s02", "优服务 提效能", "浠水县财政局", "county_agency"],
        ["p-a02", "全市召开安全生产会议", "", ""],  # no Shiyan unit on the page: no city default
    ]


def test_document_without_page_structure_is_one_article(gazetteer: pd.DataFrame) -> None:
    raw = (
        "政府工作报告\n\n——2024年3月5日在大会上\n\n各位代表：\n\n"
        "现在我代表国务院作报告。\n\n一、回顾\n\n过去一年很不平凡，\n\n经济回升向好。"
    )
    arts, log = split_one(raw, gazetteer)
    (art,) = arts.to_dict("records")
    assert (art["headline"], art["subtitle"]) == ("政府工作报告", "2024年3月5日在大会上")
    assert (
        art["text"]
        == "各位代表:\n现在我代表国务院作报告。\n一、回顾\n过去一年很不平凡,经济回升向好。"
    )
    assert list(log["kind"]) == ["headline", "subtitle"]
    arts, _ = split_one(raw, gazetteer, title="2024年政府工作报告")
    assert arts["headline"].item() == "2024年政府工作报告"
    arts, log = split_one("今天天气很好", gazetteer)
    assert arts["text"].item() == "今天天气很好" and log.empty


def test_unit_matcher_leftmost_longest_and_ancestors(gazetteer: pd.DataFrame) -> None:
    m = subjects.UnitMatcher(gazetteer)
    assert m.find("行走在张湾区汉江路街道辖区") == "张湾区汉江路街道"
    assert m.find("丹江口市财政局持续优化服务") == "丹江口市财政局"
    assert m.find("由市应急管理局牵头") == "市应急管理局"
    assert m.find("该市审计局开展审计") == ""
    assert m.label(" 丹江口财政局 ") == "丹江口市财政局"
    assert m.common(["竹溪县泉溪镇", "竹溪县"]) == "竹溪县"
    assert m.common(["丹江口市财政局", "房县行政审批局"]) == "十堰市"
    assert m.root == "十堰市"


# Seeds: expected articles, verified by reading the pages. (id suffix, parent suffix, headline,
# subject, level, first line, last line) with 1-based line numbers of the raw files.
SEED_ARTICLES = {
    "000_cae2bf924ad8645d.txt": [
        ("a01", "", "练就过硬本领 服务职工群众", "市总工会", "city_agency", 7, 25),
        ("a02", "", "领导干部谈加强能力作风建设", "十堰市", "city", 27, 53),
        ("a02-s01", "a02", "破解融资难题 激发市场活力", "丹江口市财政局", "county_agency", 29, 39),
        ("a02-s02", "a02", "服务项目建设 助推经济发展", "房县行政审批局", "county_agency", 41, 53),
        ("a03", "", "一家人 一条心 一起拼", "十堰市", "city", 63, 103),
        (
            "a04",
            "",
            "胡志莉在全市防范化解金融风险工作专题会议上强调 凝聚工作合力 提升工作质效",
            "十堰市",
            "city",
            107,
            113,
        ),
        (
            "a05",
            "",
            "华中师范大学共同缔造与老工业城市治理研究基地落户张湾",
            "张湾区",
            "county",
            115,
            123,
        ),
        ("a06", "", "茅箭区5家企业 入选省级工业设计中心企业名单", "茅箭区", "county", 125, 133),
        ("a07", "", "市委编办 加强内部管理 持续改进作风", "市委编办", "city_agency", 135, 145),
        ("a08", "", "泉溪镇 盘活闲置资产 打造儿童乐园", "竹溪县泉溪镇", "township", 147, 155),
    ],
    "001_cc8860b70be82e21.txt": [
        ("a01", "", "厚植为民情怀 凝聚发展合力", "十堰经济技术开发区", "county", 11, 68),
    ],
    "002_c4f9367712752f11.txt": [
        ("a01", "", "", "张湾区汉江路街道", "township", 7, 59),
        ("a02", "", "便民利企优服务 比拼赶超创一流", "郧西县行政审批局", "county_agency", 61, 109),
    ],
    "003_82751bbdd8d034e0.txt": [
        ("a01", "", "全市能力作风建设半年晒成效", "十堰市", "city", 11, 101),
        ("a01-s01", "a01", "用好绩效“指挥棒” 高扬干事“风向标”", "竹溪县", "county", 19, 29),
        ("a01-s02", "a01", "持续擦亮十星品牌 激发干事创业活力", "竹山县", "county", 31, 43),
        ("a01-s03", "a01", "创新“两榜四法” 激励干部担当", "茅箭区", "county", 45, 55),
        (
            "a01-s04",
            "a01",
            "以能力作风大提升推动应急成效大跃升",
            "市应急管理局",
            "city_agency",
            57,
            67,
        ),
        ("a01-s05", "a01", "履职尽责优服务 打造政务新品牌", "市行政审批局", "city_agency", 69, 81),
        ("a01-s06", "a01", "以“五百行动”检验干部能力作风", "市招商服务中心", "city_agency", 83, 99),
    ],
    "004_5b1c43fea08fbc4a.txt": [
        ("a01", "", "奋楫中流勇争先", "丹江口市", "county", 3, 46),
    ],
}


@pytest.fixture(scope="module")
def seeds(gazetteer: pd.DataFrame):
    c = corpus.load(SEEDS)
    arts, log = corpus.split(c.documents, c.texts, gazetteer=gazetteer)
    return c, arts, log


def test_seed_articles_headlines_subjects_and_boundaries(seeds) -> None:
    c, arts, _ = seeds
    for file, expected in SEED_ARTICLES.items():
        raw = c.texts[file]
        doc = file.removesuffix(".txt")
        got = arts[arts["file"] == file]
        rows = [
            (
                r["article_id"].removeprefix(f"{doc}-"),
                r["parent_id"].removeprefix(f"{doc}-"),
                r["headline"],
                r["subject"],
                r["subject_level"],
                raw.count("\n", 0, r["start"]) + 1,
                raw.count("\n", 0, r["end"]) + 1,
            )
            for r in got.to_dict("records")
        ]
        assert rows == expected, file


def test_seed_bylines_subtitles_and_dates(seeds) -> None:
    _, arts, _ = seeds
    a = arts.set_index("article_id")
    assert a.loc["000_cae2bf924ad8645d-a01", "subtitle"] == "访市总工会党组书记、常务副主席李馥秀"
    assert a.loc["000_cae2bf924ad8645d-a02-s01", "byline"] == "通讯员薛琦 曾阿婧"
    assert a.loc["003_82751bbdd8d034e0-a01", "byline"] == "通讯员侯金波 龚成龙 记者张婧 整理"
    assert a.loc["004_5b1c43fea08fbc4a-a01", "byline"] == "通讯员 高义明 易全威"
    assert a.loc["004_5b1c43fea08fbc4a-a01", "date"] == "2025-03-13"
    assert a.loc["003_82751bbdd8d034e0-a01-s01", "date"] == "2023-07"


@pytest.mark.parametrize(
    "article, joined",
    [
        ("000_cae2bf924ad8645d-a01", "持续推进“五宣五进五讲”活动"),
        ("000_cae2bf924ad8645d-a01", "建立完善“人社+工会”"),
        ("000_cae2bf924ad8645d-a01", "“七个有之”"),
        ("000_cae2bf924ad8645d-a02-s01", "一天内就贷到2000万元。"),
        ("000_cae2bf924ad8645d-a02-s02", "将控规落地、土地出让"),
        ("000_cae2bf924ad8645d-a03", "锂离子动力电池、PACK及"),
        ("000_cae2bf924ad8645d-a03", "开展“涉企司法案件"),
        ("000_cae2bf924ad8645d-a05", "共同缔造与基层治理"),
        ("000_cae2bf924ad8645d-a06", "深入实施创新驱动"),
        ("000_cae2bf924ad8645d-a07", "对党章党规"),
        ("000_cae2bf924ad8645d-a08", "餐厅等,可容纳"),
        ("002_c4f9367712752f11-a01", "服务重点项目要求"),
        ("002_c4f9367712752f11-a01", "村民增收致富有门路"),
        ("002_c4f9367712752f11-a02", "对重点项目、重点企业"),
        ("002_c4f9367712752f11-a02", "一网通办”、监督“一览无余”"),
        ("003_82751bbdd8d034e0-a01-s02", "提升党员干部能力水平,举办培训班"),
        ("003_82751bbdd8d034e0-a01-s05", "市县两级政务服务中心开展"),
        ("003_82751bbdd8d034e0-a01-s06", "对接东风科技注册地"),
    ],
)
def test_seed_page_break_joins(seeds, article: str, joined: str) -> None:
    _, arts, _ = seeds
    assert joined in arts.set_index("article_id").loc[article, "text"]


def test_seed_real_paragraph_ends_stay(seeds) -> None:
    _, arts, _ = seeds
    text = arts.set_index("article_id").loc["000_cae2bf924ad8645d-a03", "text"]
    assert "提升工作首位度——\n把营商环境" in text
    assert "\n正威项目——惠企便民多项举措全省首创\n" in text  # a subheading stays in the body


def test_seed_cleanup_log_kinds(seeds) -> None:
    _, _, log = seeds
    counts = log.groupby(["file", "kind"]).size()
    assert counts[("004_5b1c43fea08fbc4a.txt", "footer")] == 5
    assert counts[("004_5b1c43fea08fbc4a.txt", "caption")] == 4
    assert counts[("001_cc8860b70be82e21.txt", "caption")] == 7
    assert counts[("002_c4f9367712752f11.txt", "caption")] == 6
    assert counts[("000_cae2bf924ad8645d.txt", "photo_news")] == 5
    assert counts[("003_82751bbdd8d034e0.txt", "editor_note")] == 1
    owner = log.loc[log["text"] == "繁华的商业街区", "article_id"].item()
    assert owner == "002_c4f9367712752f11-a01"  # a caption above the first article belongs to it


def test_seeds_nothing_lost_and_offsets(seeds) -> None:
    c, arts, log = seeds
    assert corpus.account(c.texts, arts, log).empty
    for file, raw in c.texts.items():
        check_offsets(raw, arts[arts["file"] == file], log[log["file"] == file])


def test_account_reports_uncovered_and_overlapping_spans(seeds) -> None:
    c, arts, log = seeds
    dropped = log.drop(index=log.index[log["kind"] == "byline"][:1])
    problems = corpus.account(c.texts, arts, dropped)
    assert set(problems["problem"]) == {"uncovered"}
    assert " ".join(problems["text"]) == "记者纪枫波 丁伟 通讯员张晓宁"  # spaces need no cover
    doubled = pd.concat([log, log.iloc[[0]]])
    assert corpus.account(c.texts, arts, doubled)["problem"].tolist() == ["overlap"]


def test_split_is_deterministic(seeds, gazetteer: pd.DataFrame) -> None:
    c, arts, log = seeds
    again, log2 = corpus.split(c.documents, c.texts, gazetteer=gazetteer)
    cols = list(schema.ARTICLES)
    assert again[cols].equals(arts[cols]) and log2.equals(log)


LINES = [
    "市委编办 加强内部管理",
    "——竹山县城市更新纪实",
    "记者李明 通讯员王芳",
    "本报讯 通讯员薛琦报道：近日，项目开工。",
    "（上接1版）项目加快建设。",
    "今年以来，竹溪县投入2000",
    "万元改造老旧小区。",
    "编者按：近日召开推进会。",
    "竹溪县",
    "空港产业园全貌",
    "特约记者张启龙 摄",
    "返回数字报首页 > 正文",
    "版权所有 未经同意不得复制",
    "(通讯员甲乙 记者丙丁 整理)",
    "全市项目建设提速，成效明显。",
    "  \u3000",
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(LINES), st.sampled_from(["\n", "\n\n", "\n\n\n\n", "\r\n"])),
        min_size=1,
        max_size=14,
    )
)
def test_any_page_loses_nothing_and_keeps_offsets(gazetteer: pd.DataFrame, parts) -> None:
    raw = "".join(line + gap for line, gap in parts)
    if not raw.strip():
        return
    arts, _ = split_one(raw, gazetteer)  # asserts account() is empty and offsets round-trip
    assert arts["article_id"].is_unique
    assert set(arts.loc[arts["parent_id"] != "", "parent_id"]) <= set(arts["article_id"])


# Lines of other page shapes: HTML references, record fields, labelled headings, editors.
ODD_LINES = [
    "&nbsp;&nbsp;&ldquo;三抓三提&rdquo;促进干部成长",
    "记者&nbsp;张三",
    "【篇名】市委常委会召开会议",
    "【作者】王五",
    "【日期】2024年3月15日",
    "【正文】本报讯 今年以来，全市签约项目51个。",
    "郧阳区：项目建设提速增效",
    "责任编辑：王五",
    "十堰日报 2024年3月15日 第2版 要闻",
    "&nbsp;&nbsp;&nbsp;&nbsp;",
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(LINES + ODD_LINES), st.sampled_from(["\n", "\n\n", "\n\n\n\n"])),
        min_size=1,
        max_size=14,
    ),
    st.sampled_from([0, 7, 12, 22]),
)
def test_any_wrapped_or_odd_page_loses_nothing_and_keeps_offsets(
    gazetteer: pd.DataFrame, parts, width: int
) -> None:
    # The same, with lines of other shapes, and cut at ``width`` characters (0: not cut) as
    # text taken from PDF columns.
    lines = [line + gap for line, gap in parts]
    if width:
        lines = [
            "\n".join(line[i : i + width] for i in range(0, len(line), width)) for line in lines
        ]
    raw = "".join(lines)
    if not raw.strip():
        return
    arts, _ = split_one(raw, gazetteer)  # asserts account() is empty and offsets round-trip
    assert arts["article_id"].is_unique


@pytest.mark.parametrize("file", sorted(SEED_ARTICLES))
def test_seed_split_survives_crlf_and_gb18030(
    tmp_path: Path, gazetteer: pd.DataFrame, file: str
) -> None:
    raw = (SEEDS / file).read_text(encoding="utf-8")
    (tmp_path / "crlf.txt").write_bytes(raw.replace("\n", "\r\n").encode("utf-8"))
    (tmp_path / "gb.txt").write_bytes(raw.encode("gb18030"))
    c = corpus.load(tmp_path)
    arts, log = corpus.split(c.documents, c.texts, gazetteer=gazetteer)
    assert corpus.account(c.texts, arts, log).empty
    expected = [(h, s) for _, _, h, s, *_ in SEED_ARTICLES[file]]
    for name in ("crlf.txt", "gb.txt"):
        got = arts[arts["file"] == name]
        assert list(zip(got["headline"], got["subject"], strict=True)) == expected


@pytest.mark.parametrize("width", [22, 36])
@pytest.mark.parametrize("file", sorted(SEED_ARTICLES))
def test_seed_split_survives_hard_wrapping(
    tmp_path: Path, gazetteer: pd.DataFrame, file: str, width: int
) -> None:
    # The page as text taken from PDF columns: every line cut at one width. The articles are
    # those of the page as published (headline, credit, subject and text), offsets still hold.
    raw = (SEEDS / file).read_text(encoding="utf-8")
    lines = [
        line[i : i + width] if line else line
        for line in raw.split("\n")
        for i in range(0, max(len(line), 1), width)
    ]
    (tmp_path / "a.txt").write_text(raw, encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n".join(lines), encoding="utf-8")
    c = corpus.load(tmp_path)
    arts, log = corpus.split(c.documents, c.texts, gazetteer=gazetteer)
    assert corpus.account(c.texts, arts, log).empty
    cols = ["article_id", "parent_id", "headline", "subtitle", "byline", "subject", "text"]
    a, b = (
        arts.loc[arts["file"] == f, cols].replace(f[0] + "-", "", regex=True)
        for f in ("a.txt", "b.txt")
    )
    # A space the cut fell on ends a line and is gone, as in text taken from a PDF.
    a["text"], b["text"] = (x["text"].str.replace(" ", "") for x in (a, b))
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


# A made-up page of another city's paper: unknown units, a township written after its district,
# an image caption right above the next article's title, a photo-news item without an image gap
# at the end of the page.
XIANGYANG = (
    "返回数字报首页 > 2024年05月10日 星期五 > 03版-要闻 > 正文\n\n"
    "聚力营商环境 争当发展先锋\n\n——襄州区优化营商环境工作纪实\n\n记者 张三 通讯员 李四\n\n"
    "今年以来，襄州区推行“一网通办”，全区新增市场主体1.2万户。\n\n\n\n"
    "襄州区政务服务中心大厅\n\n"
    "枣阳市 抓项目促发展\n\n本报讯（记者 王五）5月8日，枣阳市召开重点项目推进会。\n\n"
    "樊城区屏襄门街道 打造红色物业\n\n"
    "本报讯 通讯员赵六报道：近日，樊城区屏襄门街道推行红色物业。\n\n"
    "春耕正忙\n\n5月9日，宜城市郑集镇农民在田间插秧。 记者 孙七 摄\n\n"
    "关于我们 - 网站地图 - 联系我们\n襄阳日报社 版权所有 未经授权不得转载\n"
)


def test_page_of_another_paper_units_and_photo_news(gazetteer: pd.DataFrame) -> None:
    arts, log = split_one(XIANGYANG, gazetteer)
    got = arts[["headline", "subtitle", "byline", "subject", "subject_level"]]
    assert got.to_dict("split")["data"] == [
        [
            "聚力营商环境 争当发展先锋",
            "襄州区优化营商环境工作纪实",
            "记者 张三 通讯员 李四",
            "襄州区",
            "county",
        ],
        ["枣阳市 抓项目促发展", "", "记者 王五", "枣阳市", "other"],
        ["樊城区屏襄门街道 打造红色物业", "", "通讯员赵六", "樊城区屏襄门街道", "township"],
    ]
    assert arts["text"].tolist()[2] == "近日,樊城区屏襄门街道推行红色物业。"
    assert log.loc[log["kind"] == "caption", "text"].tolist() == ["襄州区政务服务中心大厅"]
    assert log.loc[log["kind"] == "photo_news", "text"].tolist() == [
        "春耕正忙",
        "5月9日，宜城市郑集镇农民在田间插秧。 记者 孙七 摄",
    ]


@pytest.mark.parametrize(
    "text, unit",
    [
        ("樊城区屏襄门街道 打造红色物业", "樊城区屏襄门街道"),  # township qualified by its district
        ("宜城市郑集镇 抓春耕", "宜城市郑集镇"),  # 宜城市 is a unit although it ends in 城市
        ("樊城区 抓项目", "樊城区"),
        ("老城区改造提速", ""),  # 老城区, 主城区 are common words
        ("浠水县推进乡村振兴纪实", "浠水县"),  # 推进乡 is not a township
        ("浠水县推进城镇化", "浠水县"),
        ("襄州区行政审批局实行帮办", "襄州区行政审批局"),
    ],
)
def test_generic_unit_names(text: str, unit: str) -> None:
    assert subjects.generic_unit(text) == unit


@pytest.mark.parametrize(
    "headline, local, want, asked",
    [
        ("全市推进能力作风建设", True, "十堰市", 1),  # rule 5: city-wide word on a local page
        ("全市推进能力作风建设", False, "", 1),  # not a local page: no subject
        ("竹溪县泉溪镇 盘活闲置资产", True, "竹溪县泉溪镇", 0),  # named unit: local not needed
        ("推进能力作风建设", True, "", 0),  # no city-wide word: local not needed
    ],
)
def test_attribute_asks_for_local_only_for_rule_5(
    gazetteer: pd.DataFrame, headline: str, local: bool, want: str, asked: int
) -> None:
    m = subjects.UnitMatcher(gazetteer)
    calls: list[int] = []

    def page_is_local() -> bool:
        calls.append(1)
        return local

    kw = {"unit": "", "sections": [], "subtitle": "", "headline": headline, "text": ""}
    got = subjects.attribute(m, **kw, continued=False, local=page_is_local)
    assert got[0] == want
    assert got == subjects.attribute(m, **kw, continued=False, local=local)
    assert len(calls) == asked


@pytest.mark.parametrize(
    "title, national",
    [
        ("1954年中华人民共和国国务院政府工作报告", True),
        ("在中国共产党第九次全国代表大会上的报告", True),
        ("第十届全国人民代表大会第五次会议关于政府工作报告的决议", True),
        ("国务院关于加快发展养老服务业的若干意见", True),
        ("中共中央 国务院印发《纲要》", True),
        # A title naming a local unit or 地方 is about that unit.
        ("国务院关于同意撤销某县设立某市的批复", False),
        ("十堰市人民政府工作报告", False),
        ("国务院关于加强地方政府性债务管理的意见", False),
        # The national body is not the issuer: a local article about it.
        ("学习贯彻中国共产党第二十次全国代表大会精神", False),
        ("全国文明城市创建推进会召开", False),
    ],
)
def test_national_issuer_titles(title: str, national: bool) -> None:
    assert subjects.national_issuer(title) is national


@pytest.mark.parametrize(
    "headline, subtitle, text, home, want",
    [
        # rule 8: a national issuer opening the headline or subtitle makes the article national.
        ("1954年中华人民共和国国务院政府工作报告", "", "各位代表：", "", ("全国", "national")),
        (
            "决胜全面建成小康社会",
            "在中国共产党第十九次全国代表大会上的报告",
            "",
            "",
            ("全国", "national"),
        ),
        # ... or the speaker of a national report at the start of the body (a theme title).
        (
            "加快改革开放和现代化建设步伐",
            "",
            "同志们：\n现在，我代表第十三届中央委员会向大会作报告。",
            "",
            ("全国", "national"),
        ),
        (
            "高举旗帜",
            "",
            "同志们：\n我受十二届中央委员会委托，向大会作报告。",
            "",
            ("全国", "national"),
        ),
        ("某县工作报告", "", "我代表县人民政府作报告。", "", ("", "")),
        # rule 7: the declared home unit comes before it, a unit named in the lead before both.
        ("政府工作报告", "", "各位代表：", "全国", ("全国", "national")),
        ("政府工作报告", "", "各位代表：", "宜昌市", ("宜昌市", "other")),
        ("政府工作报告", "", "竹溪县泉溪镇盘活闲置资产。", "全国", ("竹溪县泉溪镇", "township")),
        ("国务院政府工作报告", "", "竹溪县泉溪镇盘活闲置资产。", "", ("竹溪县泉溪镇", "township")),
        # no issuer, no declared unit: no subject.
        ("政府工作报告", "", "各位代表：", "", ("", "")),
    ],
)
def test_attribute_home_unit_and_national_issuer(
    gazetteer: pd.DataFrame, headline: str, subtitle: str, text: str, home: str, want: tuple
) -> None:
    m = subjects.UnitMatcher(gazetteer)
    got = subjects.attribute(
        m,
        unit="",
        sections=[],
        subtitle=subtitle,
        headline=headline,
        text=text,
        continued=False,
        local=False,
        home=home,
    )
    assert got == want


REPUBLISHED = (
    "登录 |  注册\n\n"
    "江畔晨光\n\n"
    "来源: 某市日报     |    作者: 钱八      |     发布日期: 2024-06-01     |     [      ]\n\n"
    "5月30日，渔民在江边晾晒渔网，远处青山如黛。（通讯员 钱八 摄）"
)

REPUBLISHED_ARTICLE = (
    "日期:\n"
    "来源:某市日报收集编辑:某市日报\n"
    "通讯员 孙九\n"
    "今年以来，某县多措并举推进作风建设。\n"
    "强化宣传。在县电视台开设专栏，发稿30余篇。"
)


def test_republished_photo_news_and_metadata_lines_are_not_articles(
    gazetteer: pd.DataFrame,
) -> None:
    # a site's login links and metadata line between the photo-news title and its caption
    arts, log = split_one(REPUBLISHED, gazetteer)
    assert arts.empty
    assert log[["kind", "text"]].to_dict("split")["data"] == [
        ["navigation", "登录 |  注册"],
        ["photo_news", "江畔晨光"],
        ["footer", REPUBLISHED.split("\n\n")[2]],
        ["photo_news", "5月30日，渔民在江边晾晒渔网，远处青山如黛。（通讯员 钱八 摄）"],
    ]
    arts, log = split_one(REPUBLISHED_ARTICLE, gazetteer)
    assert arts[["headline", "byline"]].to_dict("split")["data"] == [["", "通讯员 孙九"]]
    assert arts["text"].iloc[0].startswith("今年以来")
    assert log["kind"].tolist() == ["footer", "footer", "byline"]


@pytest.mark.parametrize(
    ("raw", "subject"),
    [
        # Another city's agency is not the gazetteer's agency of the same relative name.
        ("记者从杭州市经信局了解到，全市引进项目160个。", ""),
        ("记者从大庆市商务局获悉，全市签约项目12个。", ""),
        # After a function word the relative name is the gazetteer's.
        ("由市经信局牵头，全市引进项目160个。", "市经信局"),
        # 全市/市委 give the gazetteer's city only on a page naming a unit that says which city
        # it is: another city's paper writes 市发改委 too.
        ("本报讯 市委、市政府在全市开展测评。\n据市发改委有关负责人介绍，参评单位48家。", ""),
        ("本报讯 市委、市政府在全市开展测评。\n据十堰市发改委介绍，参评单位48家。", "十堰市"),
        # A session is no unit: 二届市人民政府.
        ("二届市人民政府第二次全体会议召开\n会议审议了3个文件。", ""),
        # A page in Traditional characters is read in Simplified (the gazetteer's script).
        ("鄖陽區經濟開發區新簽約項目12個。", "郧阳区"),
        ("本報訊 市委、市政府在全市開展測評。\n據十堰市發改委介紹，參評單位48家。", "十堰市"),
    ],
)
def test_subjects_of_pages_from_other_cities(
    gazetteer: pd.DataFrame, raw: str, subject: str
) -> None:
    arts, _ = split_one(raw, gazetteer)
    assert arts["subject"].tolist()[0] == subject
