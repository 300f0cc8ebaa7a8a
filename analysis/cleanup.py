"""Page-cleanup rules: paragraphs of a raw page and what each one is.

A page is read as *paragraphs*: maximal runs of non-blank text on one line, with surrounding
whitespace excluded from their span. Each paragraph records the number of newlines before and
after it (its *gap*): in scraped newspaper pages an image leaves a gap of three or more newlines,
and the caption follows it.

The rules here are general (no seed sentence is named); each is a named ``RE_*`` constant or a
small predicate. ``analysis.articles`` applies them in order and groups the paragraphs into
articles. Kinds given to paragraphs (and to prefix/suffix pieces cut from body paragraphs):

- ``navigation``: site navigation (返回数字报首页 > …, [字号], 上一版, 本期推荐新闻 …).
- ``footer``: site footer (关于我们, 版权所有, 主管/主办, 编辑部电话, 推荐显示设置, ICP备 …).
- ``photo_news``: a photo-news item: its credit line (…记者 X 摄), caption text and title.
- ``byline``: a credit line (记者/通讯员/特约记者 + names), a 本报讯 …报道： prefix, or a closing
  credit in brackets ((通讯员… 记者… 整理)).
- ``continuation``: jump markers ((上接1版) at the start, (下转4版) at the end of a paragraph).
- ``editor_note``: a paragraph starting with 编者按：.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from analysis.textmap import unescape

# Sentence-final punctuation: a paragraph ending with one of these ends for real.
FINAL_PUNCT = "。！？!?；;…：:—."
# Closing quotes/brackets: final when the character before them is final punctuation.
CLOSERS = "”’」』）)》】\"'"
# Longest title-like line (headline, subheading, caption, banner), in characters.
TITLE_MAX = 48
# Longest caption (a short line after an image gap, or in a trailing caption run).
CAPTION_MAX = 40

# The text of a line without the whitespace around it (a paragraph): from a non-space character
# to the last non-space character before the line break (whitespace as ``str.strip``'s).
RE_PARAGRAPH = re.compile(r"\S(?:[^\r\n]*\S)?")
# Spaces written as HTML references (&nbsp;, &#12288; …) around a line: whitespace too.
RE_SPACE_REFS = re.compile(
    r"(?:&(?:nbsp|ensp|emsp|thinsp|#160|#12288|#8194|#8195|#[xX]0*[aA]0|#[xX]0*3000);|\s)+"
)
# One line break: CRLF, a lone CR (old Mac files) or LF.
RE_BREAK = re.compile(r"\r\n|\r|\n")
# Punctuation that a headline or subheading never contains (sentence and clause marks).
RE_SENTENCE_PUNCT = re.compile(r"[。，；：！？,;:!?]")
# Punctuation that a headline never contains even when commas are allowed.
RE_HEADLINE_PUNCT = re.compile(r"[。；：！？;:!?]")
# A sentence end inside a paragraph (used to count sentences).
RE_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』)）]?")
# Site navigation line of a digital newspaper page.
RE_NAVIGATION = re.compile(
    r"^(?:返回(?:数字报)?首页|\[?\s*字号|上一版|下一版|上一期|下一期|上一篇|下一篇|版面导航|"
    r"本版新闻|本期推荐新闻|往期回顾|打印本页|关闭窗口|登录\s*[|｜/]\s*注册|"
    r"[【\[]\s*字体|字体\s*[:：]\s*[【\[]?\s*[大中小]|分享到\s*[:：]?|收藏本页)"
)
# A page header: the paper, the date and the page (十堰日报 2024年3月15日 第2版 要闻, 2024-03-15
# 星期五 A02版, 十堰日报 第02版). Navigation when the line has at most ``PAGE_HEADER_MAX``
# characters and no sentence end.
RE_PAGE_HEADER = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,10}报\s*)?"
    r"(?:\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?\s*(?:星期[一二三四五六日天])?\s*)?"
    r"(?<=[报日\d\s天一二三四五六])(?:第\s*)?[A-Z]?\d{1,3}\s*版"
)
PAGE_HEADER_MAX = 60
# A credit of the page's editors (责任编辑：王五, （责编：张三 李四）, 校对：…): page furniture.
RE_EDITOR_CREDIT = re.compile(
    r"[（(【\[]?\s*(?:责任编辑|责任校对|责编|编辑|校对|审核|审校|终审|初审|值班编辑|监制|制作)"
    r"\s*[:：]\s*[\u4e00-\u9fff·]{2,4}(?:[\s、,，/|｜]+[\u4e00-\u9fff·]{2,4}){0,4}\s*[)）】\]]?"
)
# Footer words that mark a site footer line on their own (copyright, publisher, contacts).
RE_FOOTER_STRONG = re.compile(
    r"版权所有|ICP备|推荐显示设置|(?:主管|主办|编辑部|广告部|技术部|新闻热线)\s*[:：]"
)
# Footer words that mark a footer line when two of them occur (site menu items).
RE_FOOTER_WEAK = re.compile(
    r"关于我们|网站地图|网站团队|广告业务|在线投稿|合作伙伴|联系我们|不得复制|未经(?:同意|授权)"
)
# Labels of the metadata line a site prints above a republished article
# (来源: … 作者: … 发布日期: …).
RE_META_LABEL = re.compile(r"(?:发布|收集)?(?:来源|作者|日期|时间|编辑)\s*[:：]")
# Labels of the publication itself (not of an event: 时间: … 地点: … is body text).
RE_META_PUBLISHER = re.compile(r"(?:来源|作者|编辑)\s*[:：]")
# Role words of a newspaper credit.
ROLE = r"(?:本报|本刊)?(?:特约通讯员|特约记者|首席记者|实习记者|记者|通讯员|实习生|摄影记者)"
# A name in a credit: 2-4 Han characters (a middle dot allowed for transliterated names), not
# starting with a preposition or verb that follows 记者 in prose (记者在…, 记者从…).
NAME = r"(?![在从对向说表了的是将到获看])[\u4e00-\u9fff][\u4e00-\u9fff·]{1,3}"
# A whole credit line: an optional 文/图 mark, then roles followed by names (spaces or 、).
RE_BYLINE_LINE = re.compile(
    rf"^(?:[■●◆]\s*)?(?:(?:文/图|文图|[文图]\s*[/／:：])\s*)?"
    rf"{ROLE}\s*{NAME}(?:[\s\u3000、，,]+(?:{ROLE}\s*)?{NAME})*\s*$"
)
# A closing credit in brackets at the end of an article: (通讯员A B 记者C 整理).
RE_BYLINE_CLOSER = re.compile(
    rf"^[（(]\s*{ROLE}[^（）()\n]{{1,60}}?(?:整理|报道|撰稿|采写|供稿)?\s*[)）]$"
)
# A dateline opening a paragraph: 本报讯 …报道：, 本报讯（记者 X）, 本报北京5月6日电（记者 X）,
# 新华社武汉5月6日电; group 1 or 2 is the credit.
RE_DATELINE = re.compile(
    r"^(?:本报讯|(?:本报|新华社|中新社)[\u4e00-\u9fff]{0,8}?\d{1,2}月\d{1,2}日电)\s*"
    r"(?:[（(]([^（）()\n]{1,60})[)）]|([^：:。，,\n]{0,60}?)报道\s*[：:])?\s*"
)
# A news organisation named before a role in a credit (新华社记者, 湖北日报记者).
AGENCY = r"(?:新华社|中新社|[\u4e00-\u9fff]{2,4}(?:日报|晚报|电视台))?"
# A photo credit at the end of a line: 记者 X 摄 / （新华社记者 X 摄）; group 1 is the credit.
RE_PHOTO_CREDIT = re.compile(
    rf"(?:^|(?<=[。！？!?\s]))([（(]?(?:{AGENCY}{ROLE}\s*{NAME}[\s、]*)+(?:供图|摄影|摄)[)）]?)\s*$"
)


def photo_credit(text: str) -> re.Match[str] | None:
    """Return ``RE_PHOTO_CREDIT.search(text)``, skipping the search when no credit can end ``text``.

    Example:
        >>> photo_credit("春耕正忙。记者 孙七 摄").group(1), photo_credit("春耕正忙。")
        ('记者 孙七 摄', None)
    """
    # A credit ends in 供图, 摄影 or 摄 (and a closing bracket), then only whitespace.
    tail = text.rstrip()
    if not tail.endswith(("摄", "图", "影", ")", "）")):
        return None
    return RE_PHOTO_CREDIT.search(text)


# A jump marker at the start of a paragraph: （上接1版） / (接第2版).
RE_CONTINUED_FROM = re.compile(r"^[（(](?:上接|接上|接)[^（）()\n]{0,10}[)）]\s*")
# A jump marker at the end of a paragraph: （下转4版） / (转第3版).
RE_CONTINUED_TO = re.compile(r"\s*[（(](?:下转|转)[^（）()\n]{0,10}[)）]$")
# An editor's note paragraph.
RE_EDITOR_NOTE = re.compile(r"^[【\[]?(?:编者按|编者的话|编者注|编后)[】\]]?\s*[:：]")
# A pinyin reading in brackets right after a Han character (經(jīng)濟開發(fā)區(qū), 孝感（xiào）):
# a web page's ruby text flattened into the running text. It needs a tone-marked vowel, so that
# words and codes in brackets (中国(China), 项目(一期)) are no readings. Left out of the analysis
# copy (``ruby_spans``), logged in CLEANUP_LOG as ``ruby``.
RE_RUBY = re.compile(
    r"(?<=[\u4e00-\u9fff])[(（]"
    r"(?=[a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,6}[)）]"
)
# A run of whitespace (collapsed in credits).
RE_SPACES = re.compile(r"\s+")
# A subtitle line (副题): starts with a dash.
RE_SUBTITLE = re.compile(r"^(?:——|--|—|－－)\s*")


@dataclass
class Para:
    """One paragraph of a page and what the rules made of it (internal working record).

    ``start``/``end`` exclude surrounding whitespace. ``body_start``/``body_end`` narrow the span
    when a prefix (dateline, jump marker) or suffix (jump marker, credit) was cut off; the cut
    pieces are in ``pieces`` as ``(start, end, kind, reason)``. A paragraph of a hard-wrapped
    page spans several lines (``lines``: their raw spans, in order; one span otherwise) and its
    ``text`` is theirs without the line breaks between them (``raw_start`` and ``raw_end`` map
    positions in ``text`` to raw offsets).
    """

    start: int
    end: int
    gap_before: int
    gap_after: int
    text: str
    kind: str = ""
    body_start: int = 0
    body_end: int = 0
    credit: str = ""
    continued: bool = False
    pieces: list[tuple[int, int, str, str]] = field(default_factory=list)
    lines: list[tuple[int, int]] = field(default_factory=list)

    def raw_start(self, i: int) -> int:
        """Raw offset of character ``i`` of ``text`` (``end`` for ``i == len(text)``)."""
        for s, e in self.lines or [(self.start, self.end)]:
            if i < e - s:
                return s + i
            i -= e - s
        return self.end

    def text_index(self, pos: int) -> int:
        """Position in ``text`` of the raw offset ``pos`` (the next line's start for a break)."""
        i = 0
        for s, e in self.lines or [(self.start, self.end)]:
            if pos < e:
                return i + max(pos - s, 0)
            i += e - s
        return len(self.text)

    def raw_end(self, i: int) -> int:
        """Raw offset just after character ``i - 1`` of ``text`` (``start`` for ``i == 0``)."""
        return self.start if i <= 0 else self.raw_start(i - 1) + 1

    def body_spans(self) -> list[tuple[int, int]]:
        """The raw spans of the body (``body_start`` to ``body_end``), one per line it covers."""
        if len(self.lines) <= 1:
            return [(self.body_start, self.body_end)]
        spans = [
            (max(s, self.body_start), min(e, self.body_end))
            for s, e in self.lines or [(self.start, self.end)]
        ]
        return [(s, e) for s, e in spans if s < e] or [(self.body_start, self.body_end)]

    def body_text(self, raw: str) -> str:
        """The body's text, without the line breaks of a hard-wrapped paragraph."""
        if len(self.lines) <= 1:
            return raw[self.body_start : self.body_end]
        return "".join(raw[s:e] for s, e in self.body_spans())


def _breaks(raw: str, start: int, end: int) -> int:
    """Count the line breaks (CRLF, CR or LF) in ``raw[start:end]``.

    As many as ``RE_BREAK`` matches: a CRLF counts once. ``start`` and ``end`` must not split a
    CRLF.
    """
    crlf = raw.count("\r\n", start, end)
    return raw.count("\n", start, end) + raw.count("\r", start, end) - crlf


#: Hard-wrapped pages (text taken from PDF columns: every line of a paragraph but its last cut at
#: one width): at least this many lines of ``WRAP_MIN_CHARS`` characters or more, ...
WRAP_MIN_LINES = 8
WRAP_MIN_CHARS = 8
#: ... of which this share is *full* (at least the page's width minus ``WRAP_SLACK``; digits and
#: Latin letters take half a cell, so a full line can hold more characters) ...
WRAP_FULL_SHARE = 0.5
WRAP_SLACK = 2
#: ... at most this share longer than the width plus ``WRAP_LONG`` (unwrapped paragraphs) ...
WRAP_LONG_SHARE = 0.1
WRAP_LONG = 12
#: ... at most this share of the full lines ending a sentence (a wrap cuts lines anywhere; a
#: page of one paragraph per line ends nearly every line with 。) ...
WRAP_FINAL_SHARE = 0.5
#: ... and at least this share within one character of the width (a column's lines are as long
#: as each other; a list of short lines is not).
WRAP_EXACT_SHARE = 0.5
# Share of indented lines from which indentation tells no paragraph start (a margin).
WRAP_MARGIN_SHARE = 0.8
# Whitespace that indents a line (a new paragraph of a wrapped column starts indented).
RE_INDENT = re.compile(r"[ \t\u3000\u00a0]")


def wrap_width(lines: list[str]) -> int | None:
    """Return the width a page's lines were cut at, or ``None`` if it is not hard-wrapped.

    The width is the most frequent length of the lines of ``WRAP_MIN_CHARS`` or more characters
    (the longest of equally frequent ones); the page is hard-wrapped when at least
    ``WRAP_FULL_SHARE`` of them reach it (minus ``WRAP_SLACK``), at most ``WRAP_LONG_SHARE``
    exceed it by more than ``WRAP_LONG`` (a page of one paragraph per line has lines of every
    length), at least ``WRAP_EXACT_SHARE`` are within one character of it, and at most
    ``WRAP_FINAL_SHARE`` of the full ones end a sentence.

    Example:
        >>> wrap_width(["十堰市召开推进会议部署工作"] * 8 + ["会议要求。"])
        13
        >>> wrap_width(["第一段正文。" * k for k in range(1, 13)]) is None
        True
        >>> wrap_width(["一段一样长的正文。"] * 9) is None  # lines that all end a sentence
        True
    """
    return _wrap_width([len(t) for t in lines], lambda k: lines[k])


def _wrap_width(lengths: list[int], line: Callable[[int], str]) -> int | None:
    """``wrap_width`` of lines given by their lengths and ``line(k)``, the text of line ``k``.

    Only the text of full lines is read, and only when the lengths pass.
    """
    long_enough = [n for n in lengths if n >= WRAP_MIN_CHARS]
    if len(long_enough) < WRAP_MIN_LINES:
        return None
    counts: dict[int, int] = {}
    for n in long_enough:
        counts[n] = counts.get(n, 0) + 1
    width = max(counts, key=lambda n: (counts[n], n))
    least = max(width - WRAP_SLACK, WRAP_MIN_CHARS)
    full = [k for k, n in enumerate(lengths) if n >= least]
    long = sum(1 for n in long_enough if n > width + WRAP_LONG)
    exact = sum(1 for n in long_enough if abs(n - width) <= 1)
    if (
        len(full) < WRAP_FULL_SHARE * len(long_enough)
        or long > WRAP_LONG_SHARE * len(long_enough)
        or exact < WRAP_EXACT_SHARE * len(long_enough)
    ):
        return None
    final = sum(1 for k in full if ends_final(line(k)))
    return None if final > WRAP_FINAL_SHARE * len(full) else width


def paragraphs(raw: str) -> list[Para]:
    r"""Return the non-blank lines of ``raw`` as paragraphs with their gaps.

    A line ends at LF, CRLF or a lone CR; offsets always index ``raw`` as decoded.

    The gap before the first paragraph counts the leading newlines plus one (the page edge);
    the gap after the last one likewise.

    In a hard-wrapped page (``wrap_width``) a full line (the width minus ``WRAP_SLACK`` or more)
    continues on the next line when no blank line and no indentation separates them: they are
    one paragraph, whose ``text`` has no line break (words and figures cut at a line end are
    whole again, and a headline or byline stays one line).

    Example:
        >>> [(p.text, p.gap_before) for p in paragraphs("\n标题\n\n\n\n正文。")]
        [('标题', 2), ('正文。', 4)]
    """
    spans = [m.span() for m in RE_PARAGRAPH.finditer(raw)]
    if "&" in raw:
        spans = _trim_space_refs(raw, spans)
    width = _wrap_width([e - s for s, e in spans], lambda k: raw[spans[k][0] : spans[k][1]])
    # A page whose lines are (nearly) all indented (a column's margin) says nothing by it.
    all_indented = width is not None and sum(
        _line_indented(raw, s) for s, _ in spans
    ) >= WRAP_MARGIN_SHARE * len(spans)
    paras: list[Para] = []
    prev_end = 0
    for i, (s, e) in enumerate(spans):
        gap = _breaks(raw, prev_end, s) + (1 if i == 0 else 0)
        if (
            width is not None
            and paras
            and _continues(raw, paras[-1], width, s, e, gap, indented=all_indented)
        ):
            last = paras[-1]
            last.lines.append((s, e))
            last.end = last.body_end = e
            last.text += raw[s:e]
        else:
            paras.append(Para(s, e, gap, 0, raw[s:e], body_start=s, body_end=e, lines=[(s, e)]))
        prev_end = e
    for i, p in enumerate(paras):
        nxt = paras[i + 1].gap_before if i + 1 < len(paras) else _breaks(raw, p.end, len(raw)) + 1
        p.gap_after = nxt
    return paras


def _trim_space_refs(raw: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans without spaces written as HTML references at their ends.

    A line of only such spaces is blank.
    """
    out = []
    for s, e in spans:
        if "&" in raw[s:e]:
            m = RE_SPACE_REFS.match(raw, s, e)
            if m is not None:
                s = m.end()
            while s < e:
                end = [m for m in RE_SPACE_REFS.finditer(raw, max(s, e - 40), e) if m.end() == e]
                if not end or end[-1].start() >= e:
                    break
                e = end[-1].start()
        if s < e:
            out.append((s, e))
    return out


def _line_indented(raw: str, start: int) -> bool:
    """True if the line whose text starts at ``start`` starts with whitespace."""
    line_start = max(raw.rfind("\n", 0, start), raw.rfind("\r", 0, start)) + 1
    return RE_INDENT.match(raw, line_start) is not None


def _continues(
    raw: str, para: Para, width: int, start: int, end: int, gap: int, *, indented: bool = False
) -> bool:
    """True if the line ``raw[start:end]`` continues ``para`` in a page wrapped at ``width``.

    It does when ``para``'s last line is full, no blank line and no indentation comes between
    (``indented``: every line is indented, which then tells nothing), and neither is a credit
    line (unless the line completes it) nor the new one a subtitle (——…).
    """
    s, e = para.lines[-1]
    return (
        gap == 1
        and e - s >= width - WRAP_SLACK
        and (indented or not _line_indented(raw, start))
        and not (
            is_byline(para.text)
            and not is_byline(para.text + raw[start:end])  # a credit line cut by the wrap
        )
        and not is_byline(raw[start:end])
        and not RE_SUBTITLE.match(raw, start)
        and RE_RECORD_FIELD.match(raw, start) is None  # 【作者】…: a database record's field
    )


def ends_final(text: str) -> bool:
    """Return True if ``text`` ends a sentence (so a following paragraph is a new one).

    Example:
        >>> ends_final("建立完"), ends_final("他说：“好。”"), ends_final("提升工作首位度——")
        (False, True, True)
    """
    t = unescape(text).rstrip()
    while t and t[-1] in CLOSERS:
        t = t[:-1]
        if not t or t[-1] in FINAL_PUNCT:
            return True
        if t[-1] not in CLOSERS:
            return False
    return bool(t) and t[-1] in FINAL_PUNCT


def is_title_like(text: str, *, commas: bool = False) -> bool:
    """Return True for a short line without clause punctuation (headline, subheading, label).

    Args:
        text: The line.
        commas: Also accept commas inside the line (a headline such as 聚焦主业，奋力争先); used
            only for a line directly followed by a credit, dateline or subtitle.

    Example:
        >>> is_title_like("“三抓三提”促进干部成长成才"), is_title_like("强化宣传教育。利用")
        (True, False)
        >>> is_title_like("&ldquo;三抓三提&rdquo;促进干部成长成才")  # HTML references
        True
    """
    t = unescape(text).strip()
    if not t or len(t) > TITLE_MAX:
        return False
    if (RE_HEADLINE_PUNCT if commas else RE_SENTENCE_PUNCT).search(t):
        return False
    return t[-1] not in "、“‘（(《【，,"


# A heading with a label before a colon (郧阳区：项目建设提速增效, 亮点一：服务前移): neither
# part holds other punctuation.
RE_LABELLED_HEADING = re.compile(r"[^，,。；;：:！？!?]{1,12}[：:][^，,。；;：:！？!?]{2,36}")


def is_editor_credit(text: str) -> bool:
    """Return True for the credit line of a page's editors (责任编辑：王五).

    Example:
        >>> is_editor_credit("（责编：张三 李四）"), is_editor_credit("编辑部署工作")
        (True, False)
    """
    return bool(RE_EDITOR_CREDIT.fullmatch(text.strip()))


def is_labelled_heading(text: str) -> bool:
    """Return True for a short heading of a label, a colon and a title.

    Example:
        >>> is_labelled_heading("郧阳区：项目建设提速增效"), is_labelled_heading("他说：好，走。")
        (True, False)
    """
    t = unescape(text).strip()
    return len(t) <= TITLE_MAX and bool(RE_LABELLED_HEADING.fullmatch(t))


def is_caption_sentence(text: str) -> bool:
    """Return True for a short single sentence (a caption that ends with 。).

    Example:
        >>> is_caption_sentence("推进会召开。"), is_caption_sentence("甲。乙。")
        (True, False)
    """
    t = unescape(text).strip()
    return len(t) <= CAPTION_MAX and len(RE_SENTENCE_END.findall(t)) <= 1


def is_navigation(text: str) -> bool:
    """Return True for a site navigation line or a page header.

    Example:
        >>> is_navigation("十堰日报 2024年3月15日 第2版 要闻"), is_navigation("【字体：大 中 小】")
        (True, True)
        >>> is_navigation("第2版刊发了评论。"), is_navigation("全市2024年第1版规划")
        (False, False)
    """
    if ends_final(text.rstrip("]】 ")):
        return False
    return bool(RE_NAVIGATION.match(text)) or (
        len(text) <= PAGE_HEADER_MAX and bool(RE_PAGE_HEADER.match(text))
    )


def is_footer(text: str) -> bool:
    """Return True for a site footer line (short, no sentence end, footer vocabulary).

    Example:
        >>> is_footer("关于我们 - 网站地图"), is_footer("合作伙伴齐聚十堰")
        (True, False)
        >>> is_footer("责任编辑：王五"), is_footer("（责编：张三 李四）"), is_footer("编辑部署工作")
        (True, True, False)
    """
    if len(text) > 120 or text.endswith("。"):
        return False
    return (
        bool(RE_FOOTER_STRONG.search(text))
        or is_editor_credit(text)
        or len(RE_FOOTER_WEAK.findall(text)) >= 2
        or is_meta_line(text)
    )


def is_meta_line(text: str) -> bool:
    """Return True for a site's metadata line: a bare label, or two labels one of the publication.

    Example:
        >>> is_meta_line("来源：某某日报 | 作者：张三 | 发布日期：2025-01-02")
        True
        >>> is_meta_line("日期:"), is_meta_line("时间：3月5日上午 地点：市民中心")
        (True, False)
    """
    if ends_final(text.rstrip("]】 ")) and not RE_META_LABEL.fullmatch(text.strip()):
        return False
    if RE_META_LABEL.fullmatch(text.strip()):
        return True
    labels = RE_META_LABEL.findall(text)
    return len(labels) >= 2 and bool(RE_META_PUBLISHER.search(text)) and "，" not in text


def is_byline(text: str) -> bool:
    """Return True for a credit line or a bracketed closing credit.

    Example:
        >>> is_byline("记者纪枫波 丁伟 通讯员张晓宁"), is_byline("记者从市发改委获悉，近两年")
        (True, False)
    """
    t = unescape(text).strip()
    return len(t) <= 80 and bool(RE_BYLINE_LINE.match(t) or RE_BYLINE_CLOSER.match(t))


# Field labels of records exported from news databases (【篇名】…, 标题：…, 【作者】…, 【正文】…),
# by what the field holds.
#: Labels of a record's date field (its value dates the record's article), in Chinese and in
#: English (lower case: English labels are matched whatever their case).
DATE_LABELS_ZH = ("日期", "出版日期", "发布日期", "发表日期", "刊发日期", "时间", "发布时间")
DATE_LABELS_EN = ("date", "publication date", "published")
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("标题", "题名", "篇名", "题目", "文章标题", "正标题", "主标题"),
    "subtitle": ("副标题", "副题"),
    "credit": ("作者", "记者"),
    "meta": (
        *DATE_LABELS_ZH,
        "来源",
        "出处",
        "报纸名称",
        "报纸",
        "报名",
        "刊名",
        "媒体",
        "版号",
        "版次",
        "版名",
        "版面",
        "栏目",
        "专栏",
        "关键词",
        "关键字",
        "文章编号",
        "编号",
        "字数",
        "分类号",
        "责任编辑",
        "编辑",
        "链接",
        "网址",
        "语种",
        "地区",
        "引题",
        "肩题",
    ),
    "body": ("正文", "内容", "全文"),
}
#: The same fields labelled in English, as some databases export them (Title:, Author:, Date: …);
#: matched whatever their case.
RECORD_FIELDS_EN: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "subtitle": ("subtitle", "sub-headline"),
    "credit": ("author", "authors", "byline"),
    "meta": (
        *DATE_LABELS_EN,
        "source",
        "publication",
        "newspaper",
        "section",
        "page",
        "column",
        "keywords",
        "language",
        "length",
        "word count",
        "url",
    ),
    "body": ("body", "text", "content", "full text"),
}


def _labels(fields: dict[str, tuple[str, ...]]) -> str:
    """The labels of ``fields`` as a regular-expression alternation, longest first."""
    labels = sorted((label for group in fields.values() for label in group), key=len, reverse=True)
    return "|".join(re.escape(label) for label in labels)


_FIELD_LABELS = f"{_labels(RECORD_FIELDS)}|(?i:{_labels(RECORD_FIELDS_EN)})"
# A field label at the start of a line: 【篇名】, [作者], 标题：, 正文:, Title:
RE_RECORD_FIELD = re.compile(
    rf"\s*(?:[【\[]\s*(?P<bracketed>{_FIELD_LABELS})\s*[】\]]\s*[:：]?|(?P<plain>{_FIELD_LABELS})\s*[:：])\s*"
)
_FIELD_KIND = {
    label: kind
    for fields in (RECORD_FIELDS, RECORD_FIELDS_EN)
    for kind, labels in fields.items()
    for label in labels
}


def record_field(text: str) -> tuple[str, int, str] | None:
    """Return what a record's field line holds, where its value starts and its label.

    ``None`` for a line that is no field.

    Example:
        >>> record_field("【篇名】市委常委会召开会议"), record_field("作者：张三")
        (('title', 4, '篇名'), ('credit', 3, '作者'))
        >>> record_field("会议强调：要加快推进") is None
        True
    """
    m = RE_RECORD_FIELD.match(text)
    if m is None:
        return None
    label = m["bracketed"] or m["plain"]
    return _FIELD_KIND[label if label in _FIELD_KIND else label.lower()], m.end(), label


#: Labels of a record's date field (compare ``label.lower()``: English ones are in lower case).
DATE_FIELDS = (*DATE_LABELS_ZH, *DATE_LABELS_EN)
# A date in a record's date field: 2024-03-15, 2024年3月15日, 2024.03.15, 2024/3/15, 20240315.
RE_FIELD_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})(?:[-./年]\s*(?P<m>\d{1,2})\s*[-./月]\s*(?P<d>\d{1,2})|(?P<m2>\d{2})(?P<d2>\d{2}))"
)


def field_date(value: str) -> str:
    """Return the ISO date in a record's date field, or ``""``.

    Example:
        >>> field_date("2024年3月15日 星期五"), field_date("20240315"), field_date("2024-13-01")
        ('2024-03-15', '2024-03-15', '')
    """
    m = RE_FIELD_DATE.search(unescape(value))
    if m is None:
        return ""
    month, day = int(m["m"] or m["m2"]), int(m["d"] or m["d2"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{m['y']}-{month:02d}-{day:02d}"


def is_subtitle(text: str) -> bool:
    """Return True for a subtitle line (——…, also written &mdash;&mdash;…).

    Example:
        >>> is_subtitle("——丹江口市服务支点建设综述"), is_subtitle("&mdash;&mdash;综述")
        (True, True)
    """
    return bool(RE_SUBTITLE.match(unescape(text)))


def credit_text(text: str) -> str:
    """Return a credit without dateline words, brackets and extra spaces.

    Example:
        >>> credit_text("(通讯员侯金波 龚成龙 记者张婧 整理)")
        '通讯员侯金波 龚成龙 记者张婧 整理'
    """
    t = unescape(text).strip().strip("（）()").strip()
    return RE_SPACES.sub(" ", t)


def cut_prefixes(p: Para) -> None:
    """Cut a dateline (本报讯…报道：) and jump markers off a body paragraph, recording pieces."""
    off = p.text_index(p.body_start)  # where the body starts in ``p.text``
    m = RE_CONTINUED_FROM.match(p.text[off:])
    if m and m.end() > 0:
        p.pieces.append(
            (p.body_start, p.raw_end(off + m.end()), "continuation", "jump marker (continued from)")
        )
        off += m.end()
        p.body_start = p.raw_start(off)
        p.continued = True
    m = RE_DATELINE.match(p.text[off:])
    if m and m.end() > 0:
        p.pieces.append(
            (p.body_start, p.raw_end(off + m.end()), "byline", "dateline 本报讯 with credit")
        )
        p.credit = credit_text(m.group(1) or m.group(2) or "")
        off += m.end()
        p.body_start = p.raw_start(off)
    # The marker ends the paragraph with a bracket (``$``: or before a final newline): most
    # paragraphs are passed over without a search.
    closed = p.text.endswith((")", "）", ")\n", "）\n"))
    m = RE_CONTINUED_TO.search(p.text) if closed else None
    if m and m.start() >= off:
        at = p.raw_start(m.start())
        p.pieces.append((at, p.end, "continuation", "jump marker (continued on)"))
        p.body_end = at


def sentences(text: str) -> list[str]:
    """Split ``text`` after each sentence end (。！？, with a closing quote)."""
    out, pos = [], 0
    for m in RE_SENTENCE_END.finditer(text):
        out.append(text[pos : m.end()])
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return [s for s in out if s.strip()]


def ruby_spans(
    raw: str, start: int, end: int
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Cut the raw span ``[start, end)`` around the pinyin readings in it (``RE_RUBY``).

    Args:
        raw: The decoded raw file.
        start: First raw offset of the span.
        end: Raw offset after the span.

    Returns:
        ``(pieces, readings)``: the parts of the span outside the readings (non-empty, in order;
        the whole span when it holds none) and the readings' raw spans.

    Example:
        >>> raw = "經(jīng)濟開發(fā)區(qū)"
        >>> pieces, readings = ruby_spans(raw, 0, len(raw))
        >>> "".join(raw[a:b] for a, b in pieces), [raw[a:b] for a, b in readings]
        ('經濟開發區', ['(jīng)', '(fā)', '(qū)'])
    """
    readings = [m.span() for m in RE_RUBY.finditer(raw, start, end)]
    if not readings:
        return [(start, end)], []
    pieces = []
    at = start
    for a, z in readings:
        if a > at:
            pieces.append((at, a))
        at = z
    if end > at:
        pieces.append((at, end))
    return pieces, readings
