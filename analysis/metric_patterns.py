"""The grammar of quantitative claims: the patterns and word sets ``metrics.extract`` reads.

Every rule here is general (no article sentence is named); each is a named ``RE_*`` pattern,
compiled once, or a constant set. What they recognise:

- Numbers: Arabic numbers not glued to other digits (``1..5`` is no number), Chinese numerals
  starting with a digit or 十 (bare 百/千/万 is a word, as in 百日赛马), multipliers (万, 亿;
  千 before 瓦/米/克 belongs to the unit), 百分之/千分之 with Chinese fractions (零点九).
  ``quantity_pattern`` puts them around the unit words of ``units.csv``: one pass finds every
  candidate, and its named groups say which form it is.
- Qualifiers: prefix words (超过, 近, 约: ``RE_PREFIX_Q``), suffix words and the (次) marker
  (以上, 左右, 余: ``RE_TRAIL``); ranges (``RE_RANGE_LOW``, ``RE_CN_RANGE_LOW``: 6%-6.5%,
  四、五十亿元) and before→after pairs (``RE_PAIR_FROM``, ``RE_PAIR_MID``: 由81项精简为38项).
- Segments a claim is read in: clauses, sentences, full-stop segments and paragraphs
  (``CLAUSE_CHARS``, ``SENTENCE_CHARS``, ``FULLSTOP_CHARS`` and their patterns).
- Words read around a number: direction (``RE_CHANGE``: 增长, 下降), comparison base
  (``RE_BASE``: 同比, 较上年), planned or forecast figures (``RE_MODALITY``: 计划, 预计), periods
  (``RE_PERIOD``: 2023年上半年, 1-3月, 截至目前, 近两年) and scope words used as subjects
  (``RE_SCOPE_SUBJECT``: 全市, 该区).
- Rank claims (``RE_RANK``: 位居全省第一; ``RE_TOP``: 全省前十, 前列; ``RE_PRIMACY``: 全市首家,
  率先) and the words making them targets instead (``RE_RANK_TARGET``, ``RE_RANK_ASPIRATION``:
  力争全省第一).
- What is not a claim: titles in book-title marks, short quoted codes and names with their
  glosses, formula names and codes (1+N, 0719-8118833, 5G), references (这两家公司), counts that
  sum up a list (三项增减相抵), idioms (三头六臂), vague numerals (几十亩), time spans (30万年前).
- Governing phrases: what is trimmed from the words before a number to name its indicator
  (``PHRASE_TAIL_WORDS``, ``RE_PHRASE_HEAD``, ``RE_YEAR``, ``RE_PER_BASE`` …).

Several patterns open with a lookahead naming every character a match can start with, and some
have a *needle*, a pattern every match holds (``RE_RANK_NEEDLE``): both only let a scan skip
text at once, the matches are the same. ``alternation`` turns a word list (units, indicators,
places, exclusions) into one trie-shaped regex. What is *not* a claim, with examples, is
documented in ``docs/metrics.md``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable, Sequence
from typing import Any

# ------------------------------------------------------------------------------------------------
# Patterns and word sets (compiled once)

_CN_DIGIT = "零〇一二两三四五六七八九兩"
_CN_ALL = _CN_DIGIT + "十百千万亿萬億点點"

# Arabic number not glued to other digits or points (rejects 1..5 and 1.2.3 pieces).
_ARABIC = r"(?<![\d.])\d+(?:,\d{3})*(?:\.\d+)?(?![\d.]*\d)(?!\.\d)"
# Chinese numeral starting with a digit or 十 (bare 百/千/万 is a word, as in 百日赛马).
_CHINESE = rf"(?:[一二两三四五六七八九兩]|十)[{_CN_ALL}]*"
# Multipliers after an Arabic number; 千 before 瓦/米/克 belongs to the unit (6500万千瓦).
_MULT = r"(?:[十百万亿萬億]|千(?![瓦米克]))+"
# A Chinese numeral large enough to be a figure without a unit (八亿农民).
RE_CN_LARGE = re.compile(r"[万亿萬億]")
# Chinese decimal below one (零点九 in 百分之零点九).
_CN_FRACTION = r"[零〇][点點][零〇一二三四五六七八九]+"
# Trailing words after a claim: a (次) count marker and a suffix qualifier.
RE_TRAIL = re.compile(
    r"(?P<paren>\(次\))?(?P<q>以上|以下|以内|左右|上下|之多|有余|多(?![\u4e00-\u9fff\d]))?"
)
# Prefix qualifiers immediately before a number (simplified and traditional forms). 约 that
# ends a verb (签约5个项目, 预约, 节约) is no qualifier; the longest word wins (不少于 over 少于).
RE_PREFIX_Q = re.compile(
    r"(?P<q>超过|超過|超出|突破|多达|多達|高达|高達|逾|超|不少于|不少於|不低于|不低於|至少"
    r"|不到|不足|不超过|不超過|少于|少於|低于|低於|将近|將近|接近|近|约为|約為|大约|大約|大概"
    r"|(?<![签簽预預合节節制违違履公条條契缔締解续續邀特])[约約])$"
)
#: Prefix qualifiers by the approximation they state.
PREFIX_APPROX: dict[str, str] = {
    **dict.fromkeys(
        ("超过", "超過", "超出", "突破", "多达", "多達", "高达", "高達", "逾", "超", "不少于",
         "不少於", "不低于", "不低於", "至少"),
        "at_least",
    ),
    **dict.fromkeys(
        ("不到", "不足", "不超过", "不超過", "少于", "少於", "低于", "低於", "将近", "將近", "接近",
         "近"),
        "at_most",
    ),
    **dict.fromkeys(("约", "約", "约为", "約為", "大约", "大約", "大概"), "about"),
}  # fmt: skip
# Delimiters of the segments claims are read in (each set is also a regex below).
CLAUSE_CHARS = "，,；;。！？!?：:\n"
SENTENCE_CHARS = "。！？!?；;\n"
FULLSTOP_CHARS = "。！？!?\n"
# Paragraph ends (for attribution): a newline after the end of a sentence, also closed by a quote
# or bracket (。”, （记者…）). A line ending otherwise (a heading, 12月份, a line broken after a
# comma) continues into the next one.
RE_PARAGRAPH_END = re.compile(r"[。！？!?；;…”」』’\"）)][ \t\u3000\xa0]*\n")
# Clause delimiters (the words governing a number stay within its clause).
RE_CLAUSE = re.compile(f"[{CLAUSE_CHARS}]")
# Sentence delimiters.
RE_SENTENCE = re.compile(f"[{SENTENCE_CHARS}]")
# Full stops only (a planned-figure marker reaches across semicolons: 目标是：…；…).
RE_FULLSTOP = re.compile(f"[{FULLSTOP_CHARS}]")
# Several patterns below open with a lookahead naming every character a match can start with
# (``(?=[...])``): a necessary condition that lets the engine skip other positions at once; the
# matches are the same as without it.

# Areas a rank, top-N or primacy claim is made in (全省第一, 全市前十, 全国首创).
_AREAS = "全国|全國|全省|全市|全州|全县|全縣|全区|全區|省内|省內|市内|市內|国内|國内|國內"
# ... and the wider scopes of rank claims (世界第一, 全系统第二).
_RANK_SCOPES = f"世界|全球|{_AREAS}|全系统"
# Ranking verbs (位居全省第一, 跃升至第三).
_RANK_VERBS = (
    "位居|位列|名列|排名|排在|跃居|跃升到|跃升至|上升到|上升至|升至|稳居|居于|排|居|获|列|荣获"
    "|躍居|穩居|獲|榮獲"
)

# Direction words, nearest one before the number in its clause; not inside a measure's name
# (增长率, 增长速度, 增长点, 对经济增长的贡献率).
RE_CHANGE = re.compile(
    r"(?=[同增提上新扩擴多翻下减減压壓降精缩回])"
    r"(?:(?P<inc>同比增长|增长(?![率速力点點极極]|的?贡献)|增長(?![率速力点點极極]|的?貢獻)|增加(?!值)|提高|提升|提速|上升|新增|增幅|扩大|擴大|上涨|上漲|多出|翻番"
    r"|增(?![加值长長]))"
    r"|(?P<dec>下降|减少|減少|压缩|壓縮|减幅|減幅|降幅|精简|精簡|精减|精減|降低|缩短|缩减|回落|下滑"
    r"|降(?=[至到为爲])|[减減](?![少幅])))"
)
# Comparison base as written.
RE_BASE = re.compile(
    r"同比|环比|(?:比|较)(?:上一?年同期|去年同期|上一?年|去年|前年|上月|年初|改革前|原来"
    r"|\d{4}年|[〇零一二三四五六七八九]{4}年)"
    r"|(?<![年月])同期(?=增长|增加|下降|减少|提高|上升)"  # 到位资金…，同期增长39%
)
# Comparison bases that compare with the year before (written 同比 in an indicator's name).
RE_YEAR_ON_YEAR_BASE = re.compile(r"同比|同期|(?:比|较)(?:上一?年|去年)(?:同期)?")
# A year in digits or in Chinese numerals written digit by digit (2022, 二〇二二), a month's
# number (1-12: 8, 八, 十二) and what may not follow a month that is a period (a day: 十二月二十日).
_YEAR = r"\d{4}|[〇零○一二三四五六七八九]{4}"
_CN_MONTH = r"十[一二]?|[一二三四五六七八九]"
_MONTH = r"\d{1,2}|" + _CN_MONTH
_NOT_DAY = r"(?![\d日号〇零一二三四五六七八九十])"
# A base naming a year (比1954年, 较一九五二年同期).
RE_BASE_YEAR = re.compile(rf"(?P<verb>比|较)(?P<year>{_YEAR})年(?P<same>同期)?")
# Planned / forecast figures (marker nearest the number wins; 预期目标 is a noun, and so is a
# plan before a word of time: 第一个五年计划期间…共为, 接近了…计划最后一年的指标).
# A requirement (要求, 必须, 要 before a verb of achieving or change) and striving (争取 before
# such a verb or a time) are plans too; 按照…要求， and 争取资金 (funds secured) are not. 将 before
# a verb of doing (将新建, 将投资) is a plan, before one of outcome (将带动, 将增长) a forecast; 将
# before a noun (将…纳入) is neither.
_ACHIEVE = r"(?:达到|達到|完成|实现|實現|新建|新增|突破|建成|确保|確保|保持|控制在|稳定在|穩定在)"
_CHANGE_VERB = r"(?:下降|降低|减少|減少|压减|壓減|增长|增長|提高|提升|增加)"
RE_MODALITY = re.compile(
    r"(?=[计計拟擬力目确冲预預有可将將累已要必争爭])"
    r"(?:(?P<planned>(?<![成额額的])(?:计划|計劃)(?![的就已没沒未只指任数數中内內，,。]|期间|期間|时期|時期|最后|最後|投资完成|投資完成)|(?<![模虚])拟|(?<![模虛])擬|力争|力爭|目标是|确保|冲刺"
    r"|(?<![照据據按的])要求(?![，,。；;的])|必须|必須"
    rf"|(?:争取|爭取)(?={_ACHIEVE}|全年|今年|明年|年内|年內|到|在|早日|再)"
    rf"|(?<![主重需必纲綱摘概简簡提只紧緊首])要(?={_ACHIEVE}|{_CHANGE_VERB}|力争|力爭|争取|爭取)"
    r"|[将將](?=新建|建成|实现|實現|完成|新增|投资|投資|投入|引进|引進|实施|實施))"
    r"|(?P<forecast>预计|預計|有望|可望|预期(?!目标)|預期(?!目標)|将达|將達|将突破|可达"
    r"|[将將](?=形成|带动|帶動|提供|增加|增长|增長|超过|超過))"
    r"|(?P<reported>累计|已经|已))"
)
# 明年 (next year), not the end of a word in 明 before 年 (聪明年轻, 说明年度, 文明年).
_NEXT_YEAR = (
    r"(?<![聪聰光文说說表证證声聲发發透鲜鮮分开開精清英标標注阐闡查指简簡黎昆高严嚴彰神修])明年"
)
# Periods as written.
RE_PERIOD = re.compile(
    r"(?=[\d〇零○一二三四五六七八九十两今本去上前下第全截目年近春元新过未首这连連明“\"「])"
    # A five-year plan period (“十四五”时期, “七五”计划期间, 十三五以来): the plan's name, quoted or
    # not, then 时期/期间/以来 (“十四五”规划纲要 and 收官之年 name a document or a year).
    r"(?:(?P<plan>(?:[“\"「](?P<pn>十[一二三四五]?五|[一二三四五六七八九]五)[”\"」]"
    r"(?=(?:计划|规划)?(?:时期|期间|以[来來]))"
    r"|(?P<pn2>十[一二三四五]?五|[一二三四五六七八九]五)(?=(?:计划|规划)?(?:时期|期间|以[来來])))"
    r"(?:计划|规划)?(?:时期|期间|(?P<plansince>以[来來])))"
    # Months of two years (1957年10月到1958年9月底, 二〇二二年十月至二〇二三年三月).
    rf"|(?P<yms>(?P<sy1>{_YEAR})年(?P<sm1>{_MONTH})月份?"
    rf"(?:至|到|-|—|~)(?P<sy2>{_YEAR})年"
    rf"(?P<sm2>{_MONTH})月份?[底末]?{_NOT_DAY})"
    r"|(?P<yr>(?P<y1>\d{4})年?(?:至|到|-|—|~)(?P<y2>\d{4})年(?!度))"
    # The year of an evaluation (2023年度全省营商环境评价, 《关于2022年度…综合评价情况的通报》): the
    # period of the ranks and scores it gave; 2022年度计划投资 and 申报2022年度…资金 are no period.
    r"|(?P<evaly>(?P<ey>\d{4})年度)(?=[^，,。；;！？!?\n]{0,24}?(?:考核|考评|评价|评比|测评|排名|排位|评估))"
    rf"|(?P<ym>(?P<y>{_YEAR})年(?!度)"
    r"(?P<ysub>上半年|下半年|前三季度|第?[一二三四1-4]季度|首季度?|全年"
    r"|前(?:\d{1,2}|[一二三四五六七八九十两]{1,2})个?月(?![\d日号])"
    # Months after a year may be written in Chinese numerals (二〇二二年一至八月, 1978年十二月),
    # but not a day of a month (十二月二十日).
    rf"|(?P<ym1>{_MONTH})(?:月份?)?"
    rf"(?:至|到|-|—|~|(?:[、和与及](?:{_MONTH})(?:月份?)?)*[、和与及])"
    rf"(?P<ym2>{_MONTH})月份?{_NOT_DAY}"
    rf"|(?P<ymm>{_MONTH})月份?{_NOT_DAY})?)"
    rf"|(?P<rel>今年|本年|去年|上年|前年|{_NEXT_YEAR})?(?P<sub>上半年|下半年|前三季度|第?[一二三四]季度|首季度?|全年"
    r"|(?<![提之此以超])前(?:\d{1,2}|[一二三四五六七八九十两]{1,2})个?月(?![\d日号]))"
    # Months joined by 、/和/与/及 (9月和10月, 1、2月份) are read as a span of months like 9-10月;
    # a Chinese numeral joined so needs its 月 (一、二月 may be a numbered heading).
    r"|(?P<mr>(?P<m1>\d{1,2}|[一二三四五六七八九十]{1,2})(?:月份?)?(?:至|到|-|—|~"
    r"|(?<=[\d月份])(?:[、和与及](?:\d{1,2}(?:月份?)?|[一二三四五六七八九十]{1,2}月份?))*[、和与及])"
    r"(?P<m2>\d{1,2}|[一二三四五六七八九十]{1,2})月份?(?![\d日号]))"
    r"|(?P<asof>截至目前|截止目前|(?:截至|截止)(?:(?P<am>\d{1,2})月(?P<ad>\d{1,2})[日号])?|目前)"
    r"|(?P<ytd>(?:今年|年初|今年初|新年)以[来來])"
    # The N years before the text's year: 过去五年, also 这五年 (not 这一年, nor 这八年 after
    # the span it repeats: 从一九五三年到一九六○年这八年) and 连续两年 (在连续两年增长百分之十三
    # 的基础上 in a 1994 report: 1992..1993); ``metrics._claim_period`` limits the last two.
    r"|(?P<past>(?:过去(?:的)?|(?<!年)这(?!一年)|连续|連續)"
    r"(?P<np>\d{1,2}|[一两二三四五六七八九十]{1,2})年(?!度))"
    r"|(?P<ahead>(?:今后|未来)(?P<na>\d{1,2}|[一两二三四五六七八九十]{1,2})年)"
    r"|(?P<recentm>近(?P<nmo>\d{1,2}|[一二三四五六七八九十两兩]{1,2})[个個]月(?:[来來]|以[来來])?)"
    r"|(?P<recent>近(?P<ny>\d|[两二三四五六七八九十])年(?:来)?"
    r"|(?<![\d〇零○一二两三四五六七八九十百])(?P<ny2>\d|[两二三四五六七八九十])年来|近年来)"
    # A month in Chinese numerals only after the year it is of (今年八月; 十月革命 is no period).
    rf"|(?P<mon>(?<![\d年月至到\-—~])(?P<mrel>今年|本年|去年|上年|{_NEXT_YEAR})?"
    rf"(?P<mm>\d{{1,2}}|元|(?<=年)(?:{_CN_MONTH})(?=月(?!份?[〇零一二三四五六七八九十])))月"
    r"(?!份?(?:[\d日号底初末中上下起来來后後]|至|到|-|—|~|以[来來后後]|开始|開始))份?)"
    r"|(?P<thismonth>本月)"
    rf"|(?P<year>今年|本年|去年|上年|前年|{_NEXT_YEAR})"
    r"|(?P<fest>春节(?:期间)?))"
)
# A period inside the words before a number, with what stays of it once cut (今年内, 去年同期):
# ``metrics._phrase`` leaves it out of the measure's name.
RE_PERIOD_WORDS = re.compile(r"(?:" + RE_PERIOD.pattern + r")(?:[内內里裡]|同期)?")
# The end, start or middle of a month (9月底, 十月初), a point in time: no part of a measure's name
# either, though no period (``metrics._phrase``).
RE_MONTH_END = re.compile(rf"(?:{_MONTH})月份?[底末初中]")
# Sector words right before a keyword that takes them (``indicators.csv`` ``sector``:
# 工业总产值, 工业和手工业总产值, 装备制造业增加值, 规模以上工业增加值, 国民生产总值), searched back
# from the keyword (``metrics._sector``); characters that end such words (的, 年, 比, 占 …) are
# not in them.
_SECTOR_CHAR = r"[^\W\d_的年月日在了是比使占为和与及等将要求把对由从向到达其而内期间定业]"
RE_SECTOR_BEFORE = re.compile(
    rf"(?:{_SECTOR_CHAR}{{1,10}}业[和与及、])?{_SECTOR_CHAR}{{0,10}}业总?$|(?:国民|国内|地区|社会)总?$"
)
# What the sector words must be once a leading scope, place or verb is cut off (the search
# above reaches further, for these).
RE_SECTOR_WORD = re.compile(
    rf"(?:{_SECTOR_CHAR}{{1,6}}业[和与及、])?{_SECTOR_CHAR}{{1,6}}业总?|(?:国民|国内|地区|社会)总?"
)
# Scope words opening sector words (全国工业总产值 is 工业总产值), and 中 ending 其中 or 在…中.
RE_SECTOR_SCOPE = re.compile(
    r"(?:全国|全省|全市|全县|全区|全州|我国|我省|我市|我县|我区|本市|本县|本省|本区|各地|各|全"
    r"|中(?!小))*"
)
# A rate written right after an indicator keyword (计划投资完成率, 签约项目履约率, 赤字率; not
# 率先, taking the lead): the rate is what a percentage measures.
RE_RATE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,3}?(?:率(?!先)|占比)")
# The whole of a share named by a keyword: 占 or 在 right before it (占国内生产总值, 在国内生产总值
# 中) and a word of share right after it (的比重, 中的比重, 比重, 的份额).
RE_SHARE_OF_BEFORE = re.compile(r"(?:占|佔|在)$")
RE_SHARE_AFTER = re.compile(r"(?:中)?(?:的)?(?:比重|比例|份额|份額)")
# Measures listed before 分别 (化学需氧量、氨氮排放量要分别下降…): what separates them, and the
# words of modality or averaging that may end the list.
RE_MEASURE_LIST_SPLIT = re.compile(r"[、和与與及]")
RE_MEASURE_LIST_TAIL = re.compile(r"(?:要求|要|将|將|年均|平均|均|都|也|还|還|已经|已經|已)+$")
# Adverbs between a unit and what it did (竹山县分别新建学校, 全市共签约): no part of the measure.
RE_UNIT_ADVERB = re.compile(r"(?:分别|分別|共|均|都|也|又|还|還|累计|累計|已|已经|已經|先后|先後)*")
# Rank claims: (scope)(verb) 第N(名|位), e.g. 全省第一, 位居全市第一, 排三类县(市、区)第十.
RE_RANK = re.compile(
    # A match starts with a scope, a verb, 第, or (between) after one of 排居列获名到至于.
    r"(?:(?=[世全省市国國位名排跃躍上升稳穩居获獲列荣榮第])|(?<=[排居列获獲名到至于]))"
    rf"(?P<scope>{_RANK_SCOPES})?"
    rf"(?P<verb>{_RANK_VERBS})?"
    r"(?P<between>(?<=[排居列获獲名到至于])[^，。；！？\n第]{1,12}?)?"
    r"第(?P<n>\d{1,3}|[一二三四五六七八九十两]{1,3})(?P<nm>名|位)?"
    r"(?=[，,。；;、！？!?)\n”]|的|$)"
)
# What every rank claim holds (paragraphs without it are not scanned for ranks).
RE_RANK_NEEDLE = re.compile(r"第")
# Ranking verbs at the start of a rank claim, removed when naming its indicator.
RE_RANK_VERB = re.compile(rf"^(?:{_RANK_VERBS})")
# A scope word at the start of a rank's middle part (获全省第一).
RE_SCOPE_WORD = re.compile(_RANK_SCOPES)
# Top-N and front-rank claims: 全省前十, 位于全市前列, and after a ranking verb without a scope
# 获前三名, 位列前5位 (名/位 required there: 居前三季度 is no rank).
RE_TOP = re.compile(
    rf"(?P<scope>{_AREAS})"
    r"(?:同类\w{0,4})?(?:前(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})(?:名|位|强)?|(?P<front>前列|前茅))"
    r"|(?<=[获獲居列])前(?P<vn>\d{1,3}|[一二三四五六七八九十]{1,3})(?:名|位)"
)
# Primacy claims: 全省首创, 在全省率先推出, 率先实现, 全市首家.
RE_PRIMACY = re.compile(
    r"(?=[全省市国國首率])"
    rf"(?P<scope>{_AREAS})?(?P<word>首创|首家|首个|首座|率先)"
)
# What every primacy claim holds.
RE_PRIMACY_NEEDLE = re.compile(r"首创|首家|首个|首座|率先")
# Words before a rank/primacy claim that make it a target or slogan (争第一, 力争率先).
RE_RANK_TARGET = re.compile(
    r"(?:争|创|夺|冲刺|力争|争创|争当|争取|努力|要|鼓励|支持|推动|带头|应当|应该|必须)$"
)
# Aspiration words earlier in a clause make a rank claim a target (努力…走在全省前列).
RE_RANK_ASPIRATION = re.compile(r"努力|力争|争取|争当|争创|冲刺|瞄准|目标")
# Scope words used as subjects (全市 → the city; 该区 → the article's subject).
RE_SCOPE_SUBJECT = re.compile(
    r"(?=[全我本该])"
    # 全 that ends a word (健全国家…, 健全市场, 顾全国家, 完全市场化, 安全区) is no scope
    # word; 成 and 保 are left out of that list, as 形成全国…, 确保全省… are scopes. Nor are
    # 全区域 and 全市场 (the whole market; 全市域, the city's territory, is a scope), 本市 after
    # 资/基 (资本市场, 基本市情) and 本区域.
    r"(?:(?P<all>(?<![健顾安完齐周])(?:全国|全省|全市(?!场)|全州|全县|全区(?!域)|全镇)"
    r"|我国|我省|我市|我县|我区|(?<![资基])本市|本省|本县|本区(?!域))"
    r"|(?P<this>该市|该县|该区|该局|该镇|该乡|该街道|该村|该中心|该委|该办|该公司|该单位))"
)
# The dateline of a news item: a month and day without a year (4月3日, 截至2月14日), read in the
# first DATELINE_CHARS characters to complete an article date known only by its year.
RE_DATELINE = re.compile(r"(?<![\d年月])(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]")
DATELINE_CHARS = 120
# Attribution of periods (``metrics.extract``; each is checked around a ``RE_PERIOD`` match).
# A day after a year or 今年 makes it a date, not a period: 今年2月22日, 2023年4月26日.
RE_PERIOD_DAY_AFTER = re.compile(
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号]"
)
# A target after a period qualifies the target: 完成全年(预期)目标的74.3%, 全年任务; so does a
# numbered batch (2019年第一批重点项目: the batch's figures, not the year's).
RE_PERIOD_TARGET_AFTER = re.compile(
    r"(?:预期)?(?:目标|任务)|(?:度)?(?:的)?第[一二三四五六七八九十\d]{1,3}批"
)
# 比/较 right before a period: the comparison base (比一九八○年的…), not the figure's period;
# 占 makes it the whole of a share (一季度开工61个，占全年项目总数的48.1%: a figure of 一季度).
RE_PERIOD_COMPARED_BEFORE = re.compile(r"[比较較占]$")
# 与/同/和/跟 before 去年/上年/前年: a comparison (与去年大体持平), not the figure's period.
RE_PERIOD_WITH_BEFORE = re.compile(r"[与同和跟]$")
# After 与/同/和/跟 and a year, 同期 or 相比/相较/持平 make the year a comparison base
# (与2024年同期相比, 与2024年相比增长8%); 2024年同期为7所 keeps its period.
RE_PERIOD_COMPARED_AFTER = re.compile(r"同期|[^，,。；;！？\n]{0,6}?(?:相比|相较|相較|持平)")
# A section heading of a review of past work (一、过去五年工作回顾): ``metrics._review_sections``.
RE_REVIEW = re.compile(r"回顾|回顧")
# The start of a line's text (after the line break and any indentation or dash): where a period
# can open a paragraph (``metrics._period_parts``).
RE_LINE_START = re.compile(r"(?:^|(?<=\n))[ \t\u3000—－-]*", re.MULTILINE)
# A verb of comparison before a year's 同期 (超越2024年同期水平, 高于去年同期): a comparison
# base, not the figure's period.
RE_PERIOD_SURPASS_BEFORE = re.compile(
    r"(?:超越|超过|超過|高于|高於|低于|低於|好于|好於|优于|優於|快于|快於|慢于|慢於|多于|多於|少于|少於)$"
)
# A recent event's time word (近日, 日前, 昨天) between a period and a figure: the figure is of
# that event, not of the period stated before (今年1月至3月，…。近日，西湖区…3家企业签约).
RE_PERIOD_RECENT_EVENT = re.compile(
    r"(?<![最附将將邻鄰接])近日|(?<![\d〇零○一二三四五六七八九十号號月])日前|近期|前不久|不久前|昨天|昨日"
)
# A one-off event's verb (成立, 召开, 举行 …): a month stated in its sentence (今年7月，宜昌市…
# 成立14个招商专班) dates the event; it is no period of the figures of the sentences after it.
RE_EVENT_VERB = re.compile(
    r"成立|召开|召開|举行|舉行|举办|舉辦|启动|啟動|印发|印發|出台|揭牌|开通|開通|开幕|開幕|闭幕|閉幕"
    r"|组建|組建|挂牌|掛牌"
)
# A month naming a periodic batch (12月重大项目集中签约和集中开工活动): the batch's period, not the
# date of the event that holds it, so it goes on to the batch's figures.
RE_BATCH_AFTER = re.compile(r"份?(?:的)?(?:重大|重点)?(?:项目|招商)?(?:集中)?(?:签约|开工|开竣工)")
# Quotation marks around a phrase (“一季度主要经济指标增速高于全年目标”要求): a period inside one
# holds only for figures inside the same quotation (``metrics._claim_period``).
QUOTE_OPEN = "“「"
QUOTE_CLOSE = "”」"
# 从/由 before a period and 的 after it: the period of the value a change starts from
# (赤字率从去年的2.1%提高到2.3%); it is the period of the next claim only.
RE_PERIOD_FROM_BEFORE = re.compile(r"[从由]$")
# Verbs whose object a year or 今年 opens (上报2023年…专项资金项目83个; also the prepositions
# of an aim: 面向2030年的…项目): the period names the object and holds only in its own clause.
RE_PERIOD_OBJECT_VERB = re.compile(
    r"(?:上报|申报|报送|印发|下达|制定|制订|编制|出台|发布|公布|召开|举办|启动|部署|面向|着眼|瞄准)$"
)
# A per-year figure before the number in its clause (平均每年增长, 年均, 年产值可达, 年实现营收,
# 年产30万吨, 年度计划投资, also in traditional characters: 年產值; not 超过年度计划4.1%, a
# comparison): a rate or a year's plan with its
# own time frame, not a figure of the paragraph's period.
RE_PER_YEAR = re.compile(
    r"平均每年|每年|年均|(?<![\d〇零○一二两兩三四五六七八九十今去前明本上下全当當同该該每近多历歷往后後])"
    r"年(?:产|產|营收|營收|营业收入|營業收入|销售收入|銷售收入|销售额|銷售額|收入|实现|實現"
    r"|度计划投资(?!完成)|度計劃投資(?!完成))"
)
# A future frame earlier in the sentence (一期达产后，年产值…, 项目建成后; 2022年10月投产，预计…):
# figures after it are what it will bring, not figures of a calendar period.
RE_FUTURE_FRAME = re.compile(r"(?:建成|达产|投产|竣工|完工|达效)(?:后|[，,](?=预计|預計))")
# A numbered section heading (一、2013年工作回顾, 第二部分, （三）2014年重点工作): ``top`` level
# (一、, 第一部分/章) or ``sub`` level (（一）). A heading that states a period gives it to the
# claims of its section that have none in their own paragraph (``metrics.extract``).
RE_SECTION_HEADING = re.compile(
    r"(?m)^[ \t\u3000]*(?:(?P<top>[一二三四五六七八九十]{1,3}[、.．]"
    r"|第[一二三四五六七八九十]{1,3}(?:部分|章))|(?P<sub>[（(][一二三四五六七八九十]{1,3}[)）]))"
    r"[^\n]*"
)
# Longest heading line read for a period (longer numbered lines are paragraphs: 一、…。…).
SECTION_HEADING_MAX = 40
# A sentence end in a numbered line: a numbered paragraph, not a heading.
RE_SECTION_NOT_HEADING = re.compile(r"[。！？!?；;]")
# Another year or span of years in a heading besides its period (过去一年和五年工作回顾,
# 过去五年的工作和新时代十年的伟大变革, 保证1980、1981年计划的完成): the section covers several,
# so it has none.
RE_SECTION_OTHER_PERIOD = re.compile(
    rf"{_YEAR}|(?:\d{{1,2}}|[一两二三四五六七八九十]{{1,2}})年(?!度)"
)
# An evaluation after a scope word in its clause makes the word the evaluation's scope, not a
# subject (全市高质量发展政绩考评, 全省县域经济考评).
RE_EVALUATION_AFTER = re.compile(
    r"[^，,。；;、：:！？!?\n]{0,12}?(?:考评|考核|评价|评比|排名|排位)"
)
# An honorary title right after a 全X scope word makes the word part of the title, not a subject
# (启动全国文明城市问卷调查, 全省文明单位, 全国先进集体, 全国劳动模范).
RE_HONOUR_TITLE_AFTER = re.compile(
    r"(?:文明|卫生|衛生|园林|園林|森林|双拥模范|雙擁模範|历史文化名|歷史文化名)(?:城市|县城|縣城|城|村镇|村鎮"
    r"|单位|單位|家庭|校园|校園)|先进集体|先進集體|先进个人|先進個人|劳动模范|勞動模範|道德模范|道德模範"
)
# A duration word before a boundary unit's number (不到十分钟就办结, 只需5分钟, 缩短至30分钟内):
# a time stated, not a name such as 15分钟便民服务区.
RE_DURATION_LEAD = re.compile(
    r"(?:不到|不足|不超过|不超過|仅需|僅需|只需|只要|仅用|僅用|只用|最快|最短|平均|缩短至|縮短至|缩短到|縮短到"
    r"|压缩至|壓縮至|压缩到|壓縮到|控制在)[约約]?$"
)
# A post title right before the list mark between two units (湖北省委常委、襄阳市委书记王祺扬): the
# posts one person holds, not units named together (``metrics._listed_parent``).
RE_POST_TITLE_END = re.compile(
    r"(?:常委|委员|委員|书记|書記|省长|省長|市长|市長|县长|縣長|区长|區長|州长|州長|主任|局长|局長|部长|部長"
    r"|主席|秘书长|秘書長|厅长|廳長|镇长|鎮長)[、和与與及]$"
)
# List marks between two units named together (经开区…、白浪街道…等12人).
RE_UNIT_LIST_MARK = re.compile(r"[、和与及]")
# Short quotes whose content is a code or slogan (“001”服务, “100%”工作法, “1个工作日”).
RE_SHORT_QUOTE = re.compile(r"[“「‘\"](?P<body>[^“”「」‘’\"\n]{1,10})[”」’\"]")
# Any numeral character.
RE_ANY_NUMERAL = re.compile(rf"[\d{_CN_ALL}]")
# A run of numeral characters (the number of a list item: 、三期).
RE_NUMERAL_RUN = re.compile(rf"[\d{_CN_ALL}]+")
# Head nouns that make a quoted figure a name: “100%”工作法, “15分钟”服务圈.
RE_NAME_HEAD = re.compile(
    r"工作法|法|模式|机制|服务|品牌|行动|工程|活动|体系|计划|战略|理念|方针|政策|圈|制|工作"
)
# Titles of documents and names in book-title marks.
RE_TITLE = re.compile(r"《[^《》\n]{0,80}》")
# A parenthetical gloss right after a quoted name: “2半0”机制(2个环节、半天办结、零费用).
RE_GLOSS = re.compile(r"[”」’](?:[^\s，。；(（]{0,6})\((?P<body>[^()\n]{1,40})\)")
# Formula names and codes: 1+N, 1+5+6, 0719-8118833, A1, 5G.
RE_FORMULA = re.compile(
    r"(?=[\dA-Za-z])"
    r"(?:[\dA-Za-z]+(?:[+＋][\dA-Za-z]+)+|\d{3,}(?:-\d+)+|\d+(?:-\d{3,})+|[A-Za-z]+\d+|\d+[A-Za-z]+)"
)
# What every formula name or code holds: a plus sign, a hyphen or a Latin letter.
RE_FORMULA_NEEDLE = re.compile(r"[+＋\-A-Za-z]")
# A lower neighbour digit before a Chinese numeral makes a range: 四、五十亿元, 三四十个.
RE_CN_RANGE_LOW = re.compile(r"(?P<low>[一二三四五六七八])、?$")
# A duration that sets the period of the sentence (春节5天时间，…), not a claim.
RE_PERIOD_LENGTH = re.compile(r"(?:时间|期间|假期)[，,]")
# The year part of a compound duration right before its months: 一年零(三个月), 两年又(六个月).
RE_YEAR_PART = re.compile(r"年[零又]$")
# Verbs before a duration that make it a claim (仅用40天): the duration is a result.
RE_DURATION_VERB = re.compile(r"[用花历耗费]$")
# The last character of a ``RE_RANGE_LOW`` match, or the newline its ``$`` may precede.
RANGE_CONNECTORS = frozenset("到至~-—－\n")
# The lower end of a range before a number: 二百八十万到(三百万千瓦), 6%-(6.5%), 10至(15个).
RE_RANGE_LOW = re.compile(
    rf"(?:百分之)?(?P<low>{_ARABIC}|{_CHINESE}|[{_CN_DIGIT}]+)%?(?:到|至|~|-|—|－)$"
)
# 从/由 before a range's lower end makes it a before→after pair.
RE_PAIR_FROM_WORD = re.compile(r"[从由從]$")
# Words after a count that sum up items just listed (三项增减相抵, 两项合计).
RE_SUMMARY_NEXT = re.compile(
    r"(?:增减相抵|增減相抵|相抵|合计|合計|共计|共計|总计|總計|相加|加起来)"
)
# 以上 at a sentence or clause start before a count: the items above (以上十四条).
RE_ABOVE_BEFORE = re.compile(r"(?:^|[。；;！？!?\n，,])以上$")
# Determiners that make a count a reference, not a claim (这两家公司).
RE_DETERMINER = re.compile(r"(?:这|那|此|该|每|各|上述)$")
# Determiners that point back to entities already named: the same count repeated later in the
# article (这两家公司 … 两家公司) is the same reference, not a new claim.
RE_ANAPHORIC = re.compile(r"(?:这|那|此|该|上述)$")
# The digit below each Chinese digit, for ranges such as 四、五十 and 三四十.
CN_STEP = {a: b for a, b in zip("一二三四五六七八", "二三四五六七八九", strict=True)}
# Qualifier-of-category: 10亿元以上项目 (以上 followed by a noun) describes a class.
RE_CATEGORY_NEXT = re.compile(r"[\u4e00-\u9fff]")
# What may follow 以上/以下 and a Han character without making a class: 等 closes a list
# (入库企业1800家以上等), 的 is read with ``RE_CLASS_ENTITY``.
CATEGORY_NEXT_NOT = frozenset("的等")
# The entities a size class sorts (过10亿元重大项目, 5000万元以上的技改项目, 50亿元项目6个): 的,
# at most one short modifier, then 项目 or 企业.
RE_CLASS_ENTITY = re.compile(
    r"的?(?:重大|重点|重點|产业|產業|工业|工業|技改|招商|大)?(?:项目|項目|企业|企業)"
)
# 过 right before a figure that sizes a class (过10亿元项目; not 通过).
RE_CLASS_OVER = re.compile(r"(?<!通)[过過]$")
# A count right after a class of entities makes it a label (50亿元项目6个, 10亿元项目17个).
RE_COUNT_AHEAD = re.compile(rf"(?:\d+|[{_CN_DIGIT}十]+)[个個项項家]")
# Before a time unit: 前 (not 提前 or 之前) opens the period of the sentence (前11个月，…).
RE_PERIOD_FIRST = re.compile(r"(?<![提之])前$")
# Before a time unit: 近 opening a clause or right after a unit (全县近3个月销量…, 该市近三个月)
# opens the period of the sentence (近三个月，…); after a verb (历时近三个月) the duration is a
# result.
RE_PERIOD_RECENT = re.compile(r"(?:^|[，,。；;：:！？!?\n]|[国國省市县縣区區镇鎮乡鄉村])近$")
# After a time unit: 来/以来 make it the period reached back to (近11个月来, 30天以来).
RE_PERIOD_SINCE = re.compile(r"以来|以來|来(?![回往])|來(?![回往])")
# 分 before a count of phases, batches or rounds (分三期开发, 分两批): a count, with or
# without punctuation after the unit (not 部分, 百分, 划分).
RE_SPLIT_INTO = re.compile(r"(?<![部百划劃])分$")
# Sessions after 次 that make it an ordinal (省十二次党代会, 八次全会), not a count; after a verb
# (召开七次全会) it is a count.
RE_SESSION_NEXT = re.compile(r"党代会|黨代會|党代表大会|黨代表大會|全会|全會")
# Words that distribute a list of figures (分别增长18.7、8.6个百分点): the last figure's unit
# is shared by the bare numbers before it.
RE_DISTRIBUTIVE = re.compile(r"分别|分別")
# What ends the noun after a count (``metrics._post_phrase``): prepositions and function words,
# and the verbs that follow such a noun (500名执业律师深入…, 12家企业参加…); the verbs as
# words, not their first character, which is inside nouns too (招商小分队, 入库支流, 开发区).
RE_PHRASE_STOP = re.compile(
    r"[在赴到和与及等把将对向从由是达都已被均]|(?<![行作认成])为"
    r"|参加|参与|参会|开展|开工|开始|进入|进驻|进行|入驻|入选|入围|深入|下沉|下派|认定|认领|实现|实施"
    r"|完成|前往|纳入|共同|共有|共计|全部|全面|分别|分布"
)
# Prepositions before a place that make it a location, origin or beneficiary, not the subject
# (在全国各地, 走在了全省的前列, 来自武汉); 占, 比 and 较 make it the whole of a share or the
# benchmark of a comparison (占全省的14.2%, 比全省工业投资增幅高4.7个百分点), and a ranking
# verb the scope of a ranking (获全省优胜, 居全省第一).
RE_PLACE_PREP = re.compile(r"(?:[在赴到向从至往于为与给帮对自占比较較获獲居]|[在到于]了)$")
# A verb placing a project right after 在 + a place (在宜城市建设绿色循环产业园, 在猇亭区开工): the
# place is where the figures of the sentence are, so it is their subject.
RE_LOCATED_VERB = re.compile(
    r"(?:投资|投資)?(?:建设|建設|新建|兴建|興建|扩建|擴建|落户|落戶|开工|開工|投产|投產|建成|布局|佈局"
    r"|实施|實施|打造|落地)"
)
# Nouns ending a project's name (…新能源汽车项目, …绿色建材基地), simplified and traditional; the
# patterns below add their own.
PROJECT_NOUNS = "项目|項目|工程|基地|产业园|產業園"
# The rest of a project's name after the place that opens it (樊城区|奥杰新能源汽车项目), in one
# clause: the place of a project whose figures come before it (投资7亿元的樊城区…项目).
RE_PROJECT_NAME_REST = re.compile(rf"[^，,；;。！？!?：:\n、]{{0,30}}?(?:{PROJECT_NOUNS})")
# The rest of a project's name listed as an example (陕西|隆庆精密制造生产基地等14个项目,
# 青岛|利和陇南生物萃取项目、…): a place's short form before it is part of the name (an investor's
# home), not the subject.
RE_LISTED_PROJECT_REST = re.compile(
    rf"[^，,；;。！？!?：:\n、]{{1,30}}?(?:{PROJECT_NOUNS}|工厂|工廠|度假区|度假區)(?=等|、)"
)
# The name of a project listed right after its place (武穴市|中化学新祥云新材料、…; 蕲春县|中电建
# 绿色建材基地等): a later mention of the name with 项目 after it (中化学新祥云新材料项目) is that
# place's project (``metrics._project_names``). Only list items (before 、 or 等) are names.
RE_NAME_AFTER_PLACE = re.compile(r"[\u4e00-\u9fff]{4,20}?(?=、|等)")
RE_PROJECT_WORD_END = re.compile(rf"(?:{PROJECT_NOUNS}|园区|園區|电站|電站)$")
# 在 + a scope word opening a set that holds a figure and closes with 中 (在全市新签约的154个项目
# 中，已开工78个): the scope names the subject of the figures, unlike 在全省…考核中 (an evaluation).
RE_SET_SCOPE_END = re.compile(r"[^，,。；;：:！？!?\n]{1,40}?中(?=[，,\s]|$)")
# A list of places opened by a preposition (来自北京、重庆、武汉等地, 在宜都、枝江): every place of
# the list is a location or origin, as the first one is.
RE_PLACE_PREP_LIST = re.compile(r"[在赴到向从至往于自与與](?:[^\W\d_a-zA-Z]{1,8}、)+$")
# Verbs of travel before a place: where a unit's people go (赴广州招商, 前往深圳), not a unit its
# text speaks of (``metrics``: no referent of 全市/该市).
RE_PLACE_DESTINATION = re.compile(r"(?:赴|前往|奔赴)$")
# 分别 later in the clause of units named together: one figure for each unit, not a figure of
# the unit containing them (宜都市、枝江市分别完成3亿元、5亿元).
RE_RESPECTIVELY = re.compile(r"[^，,。；;！？!?\n]*?(?:分别|分別)")
# The name of a bureau right after a place (襄阳市行政审批局): up to eight Han characters that
# are no function words, then 局.
RE_AGENCY_AFTER = re.compile(r"[^\W\d_a-zA-Z在的是了和与及将把被对从为已也都就还等局]{1,8}?局")
# A development zone named after a place (宜昌高新区, 襄阳东津新区, 武汉经济技术开发区): a unit
# of its own, the subject of the figures it is named with. Optional name between the place and
# the zone's kind: at most three characters, none a function word or a verb of building
# (东津, 临空; not 宜昌市规划建设新区).
RE_ZONE_AFTER = re.compile(
    r"(?:(?![的在是了和与及将把被对从为已也都就还等建设造规划推进加快开发新])[\u4e00-\u9fff]){0,3}?"
    r"(?:高新技术产业开发区|经济技术开发区|经济开发区|高新区|经开区|开发区|新区|自贸片区|自贸区"
    r"|综合保税区|保税区)"
)
# A name ending in 区 followed by 域 is the word 区域 (江汉区域), not the place.
RE_PLACE_NOT_AFTER = re.compile(r"(?<=[区區])域")
# A name ending in 市 followed by 场 is the word 市场 (东方市场, 永安市场), not the place, unless a
# bureau follows (宜昌市场监管局: ``RE_AGENCY_AFTER``).
RE_MARKET_AFTER = re.compile(r"(?<=市)[场場]")
# Traditional forms of the last character of place names (區, 縣), for comparing a surface's
# ending with its name's (``metrics``: 杭州 is a short form of 杭州市, 鄖陽區 is 郧阳区 in full).
PLACE_SUFFIX_SIMPLIFIED = {"區": "区", "縣": "县"}
# The rest of the name of a firm, association or industrial park named after a place: up to
# eight characters that are no verb or function word, then the kind of body (传化集团,
# 甘肃商会, 教育投资有限公司, 惠聚新材料产业园, 医药学院, 染料厂). ``metrics``: a province
# (湖北省教育投资有限公司) or a short form (浙江传化集团) before it is part of the name, not the
# place. 为 right after the place is a verb (十堰为东风公司…); inside the name it is part of it
# (湖北天为铝业科技有限公司).
RE_FIRM_AFTER = re.compile(
    r"(?![为為])[^\W\d_a-zA-Z有增上省市县区縣區计計实實现現完成签簽约約引进進的是了和与與及在"
    r"将將把被对對从從已也都就还還等]{0,8}(?:有限责任公司|有限責任公司|股份有限公司|有限公司"
    r"|集团|集團|公司|商会|商會|协会|協會|产业园|產業園|大学|大學|学院|學院|医院|醫院|银行|銀行|厂|廠)"
)
# What makes a short form part of a longer name rather than the place (``metrics``): an
# organization or street named after it (中山大学, 浙江日报, 北京银行, 南京路, 中山公园), a firm
# (``RE_FIRM_AFTER``: 浙江传化集团), a quoted name it qualifies (甘肃“引大入秦”工程), a direction
# word after a river or mountain (黄河南岸, 太行山西麓) or a boundary (出湖北界).
RE_SHORT_PLACE_NOT_AFTER = re.compile(
    r"(?:大学|大學|学院|學院|日报|日報|晚报|晚報|商报|商報|银行|銀行|医院|醫院|中学|中學|小学|小學"
    r"|路|大道|大街|公园|公園|机场|機場|电视台|電視台|卫视|衛視|证券|證券|界|[“「])"
    r"|" + RE_FIRM_AFTER.pattern + r"|(?<=[东西南北東])[岸麓侧側坡畔]"
)
# The rest of the first word of a name in a list (北京一轻、燕京啤酒…, 北京牛栏山二锅头、娃哈哈):
# ``metrics`` reads a short form before it as part of the name unless a place follows it
# (湖南湘潭、: an address).
RE_LISTED_NAME_AFTER = re.compile(RE_FIRM_AFTER.pattern.split("{0,8}")[0] + r"{1,8}、")


# Characters before a small Chinese count that make it a claim (a verb, list mark or clause start).
# (包含九个, 涵盖三个, 举行两次; traditional 為, 達, 設 … as their simplified forms).
RE_CN_COUNT_PREV = re.compile(
    r"[有为达建设派织办展开增成现计了立等出获和与及含括盖行為達設織辦開現計獲與蓋、，,：:（(]$"
)
# Han characters (for trimming phrases).
RE_HAN_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z]+")
# Verbs and adverbs stripped from the end of a governing phrase (``metrics._strip_tail_words``).
PHRASE_TAIL_WORDS: tuple[str, ...] = (
    "同比", "环比", "累计", "共计", "总计", "合计", "共", "达到", "高达", "达", "为",
    "(?<!目标)(?<!目標)是", "有", "实现", "完成", "新增", "增长", "增加", "提高", "提升", "下降",
    "减少", "压缩", "压减", "降低", "精简", "整合", "上升", "回升", "回落", "下滑", "超过", "超",
    "大约", "大約", "约", "約", "接近", "近", "逾", "突破", "仅", "就", "已", "了", "的", "至",
    "到", "超额", "减幅", "降幅", "增幅", "均位于", "位于", "位居", "位列", "获", "居", "排",
    "首次", "先后", "分别", "平均", "控制在", "稳定在", "保持在", "维持在", "保持", "从", "由",
    "降", "只佔", "只占", "佔", "占", "(?<![人年平])均", "(?<!集)中", "又", "也", "亦",
    "(?<![首成])都", "继续", "繼續", "却", "卻", "以来", "以來", "将", "將",
    "(?<![主重需必纲綱摘概简簡提只紧緊首])要",
)  # fmt: skip
RE_PHRASE_TAIL = re.compile("(?:" + "|".join(PHRASE_TAIL_WORDS) + ")+$")
# Last characters of those words: a text ending in another character has no tail to strip.
PHRASE_TAIL_LAST = frozenset(w[-1] for w in PHRASE_TAIL_WORDS)

# A year in a phrase (一九四九年, 2019年, 2007年底的) is not part of an indicator name.
RE_YEAR = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})年(?:度|底|末|初)?(?:的)?")
# A per-unit base inside a phrase (平均每50公斤提高7.4元): not the measured noun.
RE_PER_BASE = re.compile(r"每\d+(?:\.\d+)?[\u4e00-\u9fff]{1,2}")
# A short parenthetical inside a phrase: 储备库(站), 应急执法车(消防车).
RE_SHORT_PAREN = re.compile(r"\([^()]{1,4}\)")
# A bracketed aside within a line (NFKC makes （） ( )): a unit named there holds there only.
RE_BRACKETED = re.compile(r"\([^()\n]{1,120}\)")
# Words holding a character of ``RE_PHRASE_SPLIT`` or ``RE_PHRASE_HEAD`` where it is no
# conjunction, preposition or adverb (在校学生, 从业人员, 对外贸易, 普及率, 人才, 就业, 自由贸易):
# a governing phrase is neither split inside them nor stripped of their first character. Words
# that introduce what is measured (作为, 成为, 面向, 针对, 由于), and adverbs of time or
# condition (现在, 正在, 才能), are no such words: the split there is right.
PHRASE_WORDS = (
    "和平|和谐|总和|饱和|共和|缓和|温和|"
    "参与|给与|"
    "普及|涉及|惠及|波及|危及|顾及|触及|提及|遍及|及时|及格|"
    "转让|出让|让利|"
    "对外|对口|对接|对象|对比|对标|对应|对称|对话|相对|绝对|结对|配对|"
    "把关|把握|"
    "将近|"
    "行为|"
    "方向|导向|流向|动向|意向|倾向|双向|定向|取向|去向|外向|"
    "从业|从事|服从|从严|"
    "自由|理由|"
    "供给|补给|配给|自给|给予|给水|"
    "植被|被告|"
    "在校|在建|在读|在职|在岗|在编|在线|在册|在途|在研|在园|在院|在营|在押|在外|在内|"
    "存在|实在|所在|内在|潜在|"
    "就业|成就|就医|就学|就读|就诊|就地|就近|"
    "人才|英才|"
    "不仅|仅仅|"
    "船只|使用"
)
# Openings of a clause that is no subject matter of the next one (经过努力，2023年达到50个;
# 同时，…; 一是，…): adverbial clauses, connectives, enumerations and the policy verbs that
# open what a report does rather than what it measures (推进…, 加快…) (``metrics._topic``).
RE_NOT_TOPIC = re.compile(
    r"(?:经过|經過|通过|通過|随着|隨著|为了|為了|由于|由於|因为|因為|截至|截止|目前|同时|同時|此外|另外"
    r"|总之|總之|总的|總的|总体|總體|其中|首先|其次|再次|最后|最後|这样|這樣|为此|為此|对此|對此|据|據"
    r"|按|在|从|從|根据|根據|按照|依照|对于|對於|关于|關於|除了|除|如果|如|若|假如|尽管|儘管|虽然|雖然"
    r"|但是|但|而且|并且|並且|正是|针对|針對|推进|推進|加快|加强|加強|推动|推動|促进|促進|实施|實施|建立|健全"
    r"|完善|深化|支持|鼓励|鼓勵|优化|優化|坚持|堅持|稳|穩|保"
    r"|[一二三四五六七八九十]是|第[一二三四五六七八九十])"
)
# Where a clause ends, read back from a claim's clause: a comma between digits (5,310万人) is
# part of a number.
RE_CLAUSE_END = re.compile(rf"[{CLAUSE_CHARS.replace(',', '')}]|(?<!\d),|,(?!\d)")
# Conjunctions and prepositions that split a governing phrase into parts (group 1: a word of
# ``PHRASE_WORDS``, which splits nothing).
RE_PHRASE_SPLIT = re.compile(rf"({PHRASE_WORDS})|[和与及让对把将为向从由给被在就才仅只]")
# Adverbs inside a governing phrase (一天内就贷到): what precedes them is not the measured noun.
RE_PHRASE_ADVERB = re.compile(r"[就才仅只]")
# Verbs of spending time before a duration: 仅用40天, 历时3个月 (the indicator is 用时).
RE_DURATION_PHRASE = re.compile(r"(?:用|用了|历时|歷時|耗时|耗時|花了|花费|只用|仅用|僅用)$")
# Function words stripped from the start of a governing phrase (and 全年 there: the period, not
# the measure; 占全年项目总数 keeps it).
RE_PHRASE_HEAD = re.compile(
    rf"^(?:(?!{PHRASE_WORDS})"
    r"(?:的|和|与|及|将|將|从|由|其中|全年度|全年|该|該|此次|使|把|对|向|在|为|对于|對於|关于|關於|而且|而|根据|按照|依照|预计|預計|计划|計劃|拟|只|仅|僅"
    r"|目标是|目標是))+"
)

# What may separate two items of one list (分别增长9.4%、9.1%).
RE_LIST_GAP = re.compile(r"[、和与及\s]")
# What joins the last item of a list to the one before it (扩展力和改革力).
RE_LIST_LAST = re.compile(r"[和及与與]")
# Between the two numbers of a before→after pair: 精简整合为, 压缩至, 提高到.
RE_PAIR_MID = re.compile(
    r"^[^，。；;!?！？\d]{0,12}?(?P<verb>精简|精减|精簡|精減|压缩|减少|降低|下降|缩减|缩短|提高|提升|增加|增长|扩大|上升|调整|降|增|減少|增長|壓縮|擴大)"
    r"[^，。；;!?！？\d]{0,4}?(?:为|爲|為|至|到)(?:近|约|約|超过|超|逾)?$"
)
# Before the first number of a pair: 由/从 (+ 改革前的, 原来).
RE_PAIR_FROM = re.compile(r"(?:由|从)[^，。；;!?！？\d]{0,8}$")

#: Duration units: 一 with one of these followed by 内/以内 is a claim (一个工作日内办结).
TIME_UNITS = frozenset({"天", "个工作日", "小时", "分钟", "个月"})

#: Kinds whose normalized value stays in the written unit (no unit scale).
PERCENT_KINDS = frozenset({"percent", "percentage_point"})

#: Gazetteer levels whose names can scope a primacy claim (十堰市首家, 湖北省首个).
SCOPE_LEVELS = frozenset({"country", "province", "city", "county"})

#: Characters after a number without a unit that make it a time span or date (一百万年以来).
TIME_WORDS = frozenset("年月日岁歲")

#: Units that follow a one-character Chinese numeral mostly in idioms (抓两头, 三头六臂, 两只手).
IDIOM_UNITS = frozenset({"头", "頭", "只", "隻"})

#: Nouns that begin with a unit word (人 in 人民): after a number such a noun is what is counted,
#: not a unit and another word, so 十一亿人民 is 11亿 without a unit, as 八亿农民 (a longer unit
#: word such as 人民币 still matches first).
UNIT_NOUNS: tuple[str, ...] = ("人民", "位数", "位數")

#: Characters before a Chinese numeral that make it vague (几十亩, 数十个, 幾百).
VAGUE_BEFORE = frozenset("几数幾數")

#: Characters after a number with a multiplier and no unit that make it a class (4000亿级产业).
CLASS_SUFFIXES = frozenset("级級")

#: Chinese digits that can be read one by one: 二三个 is a range of two neighbours, 唯一一个 no
#: number.
CN_DIGITS_ONLY = frozenset("一二两三四五六七八九兩")


# ------------------------------------------------------------------------------------------------
# Patterns built from word lists


def alternation(words: Iterable[str]) -> str:
    """Return a regex matching ``words``, the longest one first where several match.

    The words form a trie (一个, 一批, 一批次 → ``一(?:个|批(?:次)?)``): the engine follows one
    branch per character instead of trying every word at every position. It matches what the
    flat alternation sorted longest first matches, backtracking included: the words matching at
    one position all lie on one path of the trie, and a deeper one is tried before a shorter one.

    Example:
        >>> alternation(["一批次", "一个", "一批"])
        '一(?:个|批(?:次)?)'
    """
    return _trie_alternation(frozenset(w for w in words if w))


@functools.lru_cache(maxsize=16)
def _trie_alternation(words: frozenset[str]) -> str:
    """Return ``alternation`` of non-empty words.

    Kept for the few word sets (units, indicators, places, exclusions) every extraction run
    compiles again.
    """
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    if len(trie) <= DISPATCH_FROM:
        return _trie_regex(trie)
    # Many first characters: consume one of them first (a character class, which the engine
    # scans for without trying the pattern elsewhere), then dispatch on it looking back.
    items = [(ch, _trie_regex(child)) for ch, child in sorted(trie.items())]
    first = "".join(_class_char(ch) for ch, _ in items)
    return f"[{first}]" + _dispatch(items, behind=True)


#: Above this many first characters, a word list's pattern dispatches on the first character
#: by halves (``_dispatch``): the engine tries alternatives one by one, and a national place
#: list has over a thousand first characters. Smaller lists (units, indicators) keep the plain
#: alternation, faster for them.
DISPATCH_FROM = 256
#: Branches tried one by one at the end of a dispatch.
DISPATCH_LEAF = 16


def _trie_regex(node: dict[str, Any]) -> str:
    """Regex of one trie node: its branches in code-point order, optional where a word ends."""
    items = [(ch, re.escape(ch) + _trie_regex(child)) for ch, child in sorted(node.items()) if ch]
    if not items:
        return ""
    body = _dispatch(items) if len(items) > DISPATCH_FROM else "|".join(b for _, b in items)
    if "" in node:
        return "(?:" + body + ")?"
    return body if len(items) == 1 else "(?:" + body + ")"


def _dispatch(items: Sequence[tuple[str, str]], *, behind: bool = False) -> str:
    """Return an alternation of branches that checks the next character by halves first.

    ``items`` are (first character, branch) in code-point order; every branch starts with its
    character, so at most one can match and the result matches what the plain alternation
    matches, after about log2(n) character-class checks instead of up to n literal ones. With
    ``behind``, the character was consumed already: the checks look back at it and each
    branch is the rest after it.

    Example:
        >>> bool(re.fullmatch(_dispatch([(c, c + "x") for c in "abcdefghijklmnopqrst"]), "qx"))
        True
    """
    look, not_look = ("(?<=", "(?<!") if behind else ("(?=", "(?!")
    if len(items) <= DISPATCH_LEAF:
        if behind:
            return "(?:" + "|".join(f"{look}{re.escape(ch)}){b}" for ch, b in items) + ")"
        return "(?:" + "|".join(b for _, b in items) + ")"
    mid = len(items) // 2
    lo, hi = items[0][0], items[mid - 1][0]
    cls = f"[{_class_char(lo)}-{_class_char(hi)}]"
    left, right = _dispatch(items[:mid], behind=behind), _dispatch(items[mid:], behind=behind)
    return f"(?:{look}{cls}){left}|{not_look}{cls}){right})"


def _class_char(ch: str) -> str:
    """Return ``ch`` escaped for use inside a character class."""
    return "\\" + ch if ch in "\\]^-[" else ch


def _noun_guard(units: Collection[str]) -> str:
    """Return a lookahead that keeps a unit word from being read off the head of a noun.

    For every noun of ``UNIT_NOUNS`` whose head is a unit word, the rest of the noun may not
    follow that unit (``(?!(?<=人)民)``): the number is then read without a unit, or not at all.

    Example:
        >>> _noun_guard(["个", "人"])
        '(?!(?<=人)民)'
    """
    alts = []
    for noun in UNIT_NOUNS:
        heads = [u for u in units if u and u != noun and noun.startswith(u)]
        if heads:
            head = max(heads, key=len)
            alts.append(f"(?<={re.escape(head)}){re.escape(noun[len(head) :])}")
    return f"(?!{'|'.join(alts)})" if alts else ""


def quantity_pattern(units: Collection[str]) -> re.Pattern[str]:
    """Return the pattern of every number candidate, with the unit words ``units``.

    One pass finds every candidate; its named groups say which form it is: ``pct``/``pnum``
    (百分之十二点五), ``num`` with an optional ``q1`` (余/多), ``unit`` or ``mult`` (万, 亿)
    with ``q2`` and ``unit2`` (5000余人次, 303.98亿元), after at most one space ``sp``
    (908.8 亿元), ``cnum``/``cq``/``cmult``/``cunit`` (a
    Chinese numeral with a unit: 二十一萬六千餘人), or ``cbare``/``cbq``/``cbmult`` (a Chinese
    numeral with 万/亿 and no unit: 八亿农民).

    Args:
        units: The unit words as written (the ``unit`` column of ``lexicons.load_units``).

    Returns:
        The compiled pattern; with unit words it opens with a lookahead naming every
        character a candidate can start with, so the scan skips other positions at once.

    Example:
        >>> m = quantity_pattern(["个", "人次"]).search("培训5000余人次")
        >>> m["num"], m["q1"], m["unit"]
        ('5000', '余', '人次')
    """
    units_alt = alternation(units)
    if units_alt:
        units_alt += _noun_guard(units)
    # Every character a candidate can start with (percent words, digits, Chinese numerals,
    # 余/多, multipliers after 余, units): a lookahead that lets the scan skip other positions.
    firsts = {w[0] for w in units if w} | set("百千一二两三四五六七八九兩十余餘多万亿萬億")
    guard = rf"(?=[\d{''.join(re.escape(c) for c in sorted(firsts))}])" if units_alt else ""
    return re.compile(
        rf"{guard}(?:(?P<pct>百分之|千分之)(?P<pnum>{_ARABIC}|{_CHINESE}|{_CN_FRACTION})"
        rf"|(?P<num>{_ARABIC})(?P<q1>[余餘多])?"
        rf"(?:(?P<sp> )?(?:(?P<unit>{units_alt})"
        rf"|(?P<mult>{_MULT})(?P<q2>[余餘多])?(?P<unit2>{units_alt})?))?"
        rf"|(?P<cnum>{_CHINESE}?)(?P<cq>[余餘多])?(?P<cmult>(?<=[余餘多])[万亿萬億]+)?(?P<cunit>{units_alt})"
        rf"|(?P<cbare>(?=[{_CN_ALL}余餘多]*[万亿萬億]){_CHINESE})"
        rf"(?P<cbq>[余餘多])?(?P<cbmult>(?<=[余餘多])[万亿萬億]+)?)"
    )
