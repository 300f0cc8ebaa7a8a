"""Discover slogan-like formulas that the lexicon does not know yet, as a ranked candidates table.

Three families of patterns, all general (nothing here names a particular slogan):

* ``numbered``: numeral abbreviations. ``numeral+X numeral+Y`` (三抓三提, 两榜四法, 一国两制,
  五位一体, 五宣五进五讲), ``N个X`` (四个全面, 三个代表, 四个现代化: the tail is extended while
  every occurrence continues with the same character, and split by that character when every
  occurrence continues but not alike: 两个基本点, 两个基本法), ``N+M`` (1+N, 1+5+6), digit-Han-digit
  (2半0), ``N百X行动``, and five-year-plan names (十四五).
  ``N个X`` candidates must be quoted or recur (三个项目 is a count, not a formula), and one whose
  X also follows another numeral (两个方面, 三个方面) must be quoted at least once.
  Idioms of the same shape (千方百计, 万众一心; ``idioms``) are not candidates.
* ``parallel``: ``X、Y、Z`` lists of three or more parts of equal length (2–6 Han characters;
  parts of five or six characters must be same-shaped).
  The first and last parts are cut from longer runs of characters; with ``word_boundaries``
  (a segmenter) a cut inside a word is rejected (持工会 from 支持工会, 知识 from 知识分子), and a
  part never ends in 等 or 的.
* ``quoted``: short names in quotation marks (2–8 characters).

For a numbered candidate the text's own explanation is picked up as ``gloss``: ``“X”，即“…”``,
``X是指…``, ``X（…）`` right after, or a quoted or ``、`` list right before
(``以“…”“…”为主要内容的“X”``, ``比作为、比贡献…“五比”``).

Parallel candidates are kept only when they are quoted, recur, or are *same-shaped* (all parts
share a character at one position, e.g. 比作为、比贡献、比担当), which drops one-off noun lists.

Score (documented in ``docs/slogans.md``): ``n + 2·(n_articles − 1) + 2·[quoted at least once]
+ 3·[gloss found] + 2·[numbered] + 2·[same-shaped parallel]``; sorted by score, then n, then
shape (numbered and parallel candidates and quoted ones with a numeral other than 十 or a numbered
shape before longer quoted names, and those before quoted words of two or three characters such as
压舱石), then quoted before never quoted, then candidate.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from analysis import lexicons, schema, slogan_match
from analysis.errors import ParameterError, invalid_value

HAN = r"\u4e00-\u9fff"
NUMERAL = "一二三四五六七八九十两百千万双"
# Characters after a numeral that make an ordinary count or date, not a formula (classifiers etc.).
# 亿 makes a magnitude (三大千亿产业, 五大百亿级产业集群: a count of industries worth billions).
COUNT_WORDS = "个年月日天次人名家项条件批期届周岁元倍层级种类些点号时分秒台辆座所户亩米吨斤里对亿"
# A leading lookahead ``(?=…)`` below names what every match starts with, so that the scan passes
# over other positions fast; the matches are the same as without it. Faster still is a pattern
# opening with a character class (the engine then skips to the next character of that class):
# the check on the character before a match (``(?<![…])``) then follows that first character
# (``[…](?<![…].)``), which tests the same character.
# numeral+X numeral+Y (+ numeral+Z …), e.g. 三抓三提, 一国两制, 五宣五进五讲.
RE_NUM_PAIRS = re.compile(f"[{NUMERAL}](?<![{NUMERAL}].)[{HAN}](?:[{NUMERAL}][{HAN}]){{1,3}}")
# N个 + two Han characters (tail extended later), e.g. 四个全面, 三个代表.
RE_NUM_GE = re.compile(f"[两三四五六七八九十](?<![{NUMERAL}第].)个[{HAN}]{{2}}")
# N+M formulas with digits or a Latin letter, e.g. 1+N, 1+5+6.
RE_NUM_PLUS = re.compile(r"\d(?<![\d.+]\d)\d?(?:\+(?:\d{1,2}|[A-Za-z]))+(?![\d.+])")
# digit, Han character, digit, e.g. 2半0 (dates and ranges are excluded by COUNT_WORDS).
RE_NUM_MIX = re.compile(f"\\d(?<![\\d.]\\d)[{HAN}]\\d(?![\\d.%])")
# N百X行动 and N大X行动 programmes, e.g. 五百行动.
RE_NUM_ACTION = re.compile(f"[{NUMERAL}][百大][{HAN}]{{0,2}}行动")
# N步走 strategies and N步(工作)法 methods, e.g. 三步走, 五步工作法 (not 第三步, 一步).
RE_NUM_STEP = re.compile(f"[两三四五六七八九十](?<![{NUMERAL}第].)步(?:走|工作法|法)")
# Five-year-plan names: 十四五; older ones (六五…十五) only before 计划/规划/期间/时期.
RE_PLAN = re.compile(
    "[十六七八九](?:(?<=十)[一二三四五六七八九]五"
    '|(?<![一二三四五六七八九十].)五(?=[”’」"]?(?:计划|规划|期间|时期)))'
)
# A ``、`` list of three or more Han parts (separators may carry spaces or quotes).
RE_PARALLEL = re.compile(
    f'(?=[{HAN}]{{2,12}}[“”‘’"]?、)[{HAN}]{{2,12}}(?:[“”‘’"]?、[“”‘’"]?[{HAN}]{{2,12}}){{2,}}'
)
# A run of Han characters; one ending where a search ends.
RE_HAN_RUN = re.compile(f"[{HAN}]+")
RE_HAN_RUN_BEFORE = re.compile(f"[{HAN}]+\\Z")
# The first part of a ``、`` list, ending where the search ends (at the list's first ``、``).
RE_PARALLEL_HEAD = re.compile(f'[{HAN}]{{2,12}}[“”‘’"]?\\Z')
# Short quoted names.
RE_QUOTED = re.compile(r"[“「]([^“”「」\n，。、；]{2,8})[”」]")
# A quotation that is a list of two or more Han parts and nothing else (“经济倍增、冲刺百强”,
# “安全第一，预防为主，综合治理”); the parts must have the same length (``_quoted_lists``).
RE_QUOTED_LIST = re.compile(
    f"[“「][ \t]*([{HAN}]{{2,6}}(?:[ \t]*[、，,][ \t]*[{HAN}]{{2,6}})+)[ \t]*[”」]"
)
# The separator between two parts of a quoted list.
RE_QUOTED_LIST_SEPARATOR = re.compile(r"[ \t]*[、，,][ \t]*")
# Question words: a quoted list with one is a question put in quotes (“怎么干、干成什么样”).
RE_QUESTION = re.compile("什么|怎么|怎样|如何|哪|吗|多少")
# The closing quote of a quoted name of at most eight characters that an ``N个X`` occurrence
# right after the opening quote runs up to (“六个奋勇争先”).
RE_CLOSE_QUOTE = re.compile(f"[{HAN}]{{0,6}}[”」]")
# The 、 between two parts of a ``、`` list, with the quotes around it.
RE_LIST_SEPARATOR = re.compile(r"[“”‘’\"]?、[“”‘’\"]?")
# Whitespace (a quoted name containing any is not a candidate).
RE_SPACE = re.compile(r"\s")
# Gloss right after a candidate: optional closing quote, then 即 / 是指 / 就是 and the explanation.
RE_GLOSS_AFTER = re.compile(r"^[”’」\"]?\s*[，,：:]?\s*(?:即|是指|就是|指的是)[：:，,]?\s*(.+)")
# Gloss in brackets right after a candidate.
RE_GLOSS_BRACKET = re.compile(f'^[”’」"]?[{HAN}]{{0,2}}\\s*[（(]([^（）()]{{2,80}})[）)]')
# Gloss before a candidate: a run of quoted clauses followed by 为主要内容的 / 为重点的 and a quote.
RE_GLOSS_QUOTED_BEFORE = re.compile(
    r"((?:“[^“”]{2,40}”[、，,]?){2,8})(?:为主要内容|为重点|为抓手)的?[“]?$"
)
# Gloss before a candidate: a 、 list immediately before the opening quote.
RE_GLOSS_LIST_BEFORE = re.compile(f"((?:[{HAN}]{{2,6}}、){{2,}}[{HAN}]{{2,6}})[“]?$")
# Characters at the end of the text before a candidate that hold the 为 of
# ``RE_GLOSS_QUOTED_BEFORE`` (为主要内容的“ and a line break) and the last 、 of
# ``RE_GLOSS_LIST_BEFORE`` (、, six Han characters, “ and a line break) when they match.
GLOSS_BEFORE_TAIL = 9
# Function characters that never end a formula (stop the tail extension of N个X).
STOP_TAIL = "的和与及是在为对了等中上下将把被从向以并或而"
#: How much longer than the inner parts the first or last part of a parallel candidate may be.
EDGE_SLACK = 3
# Characters that never end a part of a parallel candidate (社会、妇联等 / 发展的).
PART_STOP_END = "等的"
#: Longest part of an unquoted ``、`` list; parts of ``SHAPED_ONLY_SIZE`` or more characters must
#: also be same-shaped on a character that is not a particle (立足大生态、构建大交通、发展大旅游;
#: 抓学习促提升、抓执行促落实、抓效能促发展; not 看到了差距、学到了经验).
MAX_PART = 6
SHAPED_ONLY_SIZE = 5
PARTICLES = "了的得着地之"
#: Longest quoted candidate without a numeral that ranks after the other shapes at equal score
#: and count (``_shape_rank``).
SHORT_QUOTED = 3
# A Han numeral other than 十, which also begins place names and ordinary words (十堰, 十分): a
# quoted candidate holding one ranks as a numbered one (``_shape_rank``).
RE_NUMERAL = re.compile("[一二三四五六七八九两百千万双零〇]")
# Endings of quoted titles and positionings of places (“中国投资热点城市”, “新型工业化示范区”):
# never quoted-name candidates.
TITLE_HEADS: tuple[str, ...] = (
    "城市",
    "之都",
    "之城",
    "之乡",
    "示范区",
    "先行区",
    "示范县",
    "示范市",
    "百强县",
)

PATTERNS = ("numbered", "parallel", "quoted")

CANDIDATE_COLUMNS: tuple[str, ...] = (
    "candidate",
    "pattern",
    "n",
    "n_articles",
    "n_quoted",
    "gloss",
    "contexts",
    "first_file",
    "first_article_id",
    "first_start",
    "first_end",
    "score",
)


#: One occurrence of a candidate: ``(candidate, pattern, article position, start, end)``, with
#: positions in the article's analysis text. Plain tuples: a corpus has hundreds of thousands of
#: them, and tuples of strings and integers are left alone by the garbage collector.
_Occurrence = tuple[str, str, int, int, int]
#: Known slogans' spans (``"covered"`` rows) as arrays: article position, start, end.
_Covered = tuple[np.ndarray, np.ndarray, np.ndarray]


class _Columns(NamedTuple):
    """Occurrences as columns, one entry per occurrence (object arrays of strings, int64 arrays)."""

    candidate: np.ndarray
    pattern: np.ndarray
    article: np.ndarray
    start: np.ndarray
    end: np.ndarray

    def rows(self, mask: np.ndarray) -> list[_Occurrence]:
        """The occurrences where ``mask`` is true, as tuples, in column order."""
        return list(
            zip(
                self.candidate[mask].tolist(),
                self.pattern[mask].tolist(),
                self.article[mask].tolist(),
                self.start[mask].tolist(),
                self.end[mask].tolist(),
                strict=True,
            )
        )

    def spans(self, mask: np.ndarray) -> Iterator[tuple[int, int, int]]:
        """The ``(article, start, end)`` of the occurrences ``mask`` selects (flags or indices)."""
        return zip(
            self.article[mask].tolist(),
            self.start[mask].tolist(),
            self.end[mask].tolist(),
            strict=True,
        )


def _columns(occs: Sequence[_Occurrence]) -> _Columns:
    """Occurrence tuples as ``_Columns``."""
    return _Columns(
        np.array([o[0] for o in occs], dtype=object),
        np.array([o[1] for o in occs], dtype=object),
        np.array([o[2] for o in occs], dtype=np.int64),
        np.array([o[3] for o in occs], dtype=np.int64),
        np.array([o[4] for o in occs], dtype=np.int64),
    )


# Quoted names that are only a number or only Latin letters (never candidates).
RE_NOT_NAME = re.compile(r"[\d.%％]+|[A-Za-z]+")


# A string every match of the pattern contains (1+N has a +, 五百行动 ends in 行动, every
# five-year-plan name holds 五, 三步走 holds 步).
_NEEDED = ((RE_NUM_PLUS, "+"), (RE_NUM_ACTION, "行动"), (RE_PLAN, "五"), (RE_NUM_STEP, "步"))


def _numbered(text: str) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for m in RE_NUM_PAIRS.finditer(text):
        s = m.group()
        morphs = s[1::2]
        if any(c in COUNT_WORDS or c in NUMERAL for c in morphs) or len(set(morphs)) < len(morphs):
            continue
        out.append((s, m.start(), m.end()))
    for rx, needed in _NEEDED:
        if needed in text:  # a fast test first: most texts cannot match
            out.extend((m.group(), m.start(), m.end()) for m in rx.finditer(text))
    for m in RE_NUM_MIX.finditer(text):
        if m.group()[1] not in COUNT_WORDS + NUMERAL + "零〇至到比":
            out.append((m.group(), m.start(), m.end()))
    return out


def _extend_ge(texts: list[str], found: list[_Occurrence]) -> list[_Occurrence]:
    """Extend each N个X candidate to the right while all its occurrences agree (max 3 chars).

    A candidate seen once is not extended: one occurrence cannot tell the name from its context.
    When the occurrences disagree but every one of them goes on with a character that may end a
    formula, the candidate is cut inside longer names (两个基本 of 两个基本点 and 两个基本法): the
    occurrences are then split by that character and each group of two or more is extended on
    its own; an occurrence left alone keeps the common length. An occurrence that opens a quoted
    name of at most eight characters is the whole name (“六个奋勇争先”), whatever the others do.
    """
    groups: dict[str, list[_Occurrence]] = defaultdict(list)
    out: list[_Occurrence] = []
    for occ in found:
        cand, pattern, article, start, end = occ
        quoted_to = _quoted_name_end(texts[article], start, end)
        if quoted_to is None:
            groups[cand].append(occ)
        else:
            out.append((texts[article][start:quoted_to], pattern, article, start, quoted_to))
    for occs in groups.values():
        for (_, pattern, article, start, _), e in _extended(texts, occs, [o[4] for o in occs], 3):
            out.append((texts[article][start:e], pattern, article, start, e))
    return out


def _quoted_name_end(text: str, start: int, end: int) -> int | None:
    """End of the quoted name that the span ``start:end`` opens, or ``None``.

    The span must follow an opening quote right away and the quotation must close after at most
    eight characters in all, with only Han characters in between.

    Example:
        >>> _quoted_name_end("推动“六个奋勇争先”", 3, 7), _quoted_name_end("六个奋勇争先", 0, 4)
        (9, None)
    """
    if start == 0 or text[start - 1] not in "“「":
        return None
    close = RE_CLOSE_QUOTE.match(text, end, start + 9)
    return None if close is None else close.end() - 1


def _extended(
    texts: list[str], occs: list[_Occurrence], ends: list[int], budget: int
) -> list[tuple[_Occurrence, int]]:
    """``(occurrence, end)`` after extending ``occs`` from ``ends`` by at most ``budget`` chars."""
    if len(occs) < 2 or budget == 0:
        return list(zip(occs, ends, strict=True))
    nxt = [texts[o[2]][e : e + 1] for o, e in zip(occs, ends, strict=True)]
    if any(not ch or not re.match(f"[{HAN}]", ch) or ch in STOP_TAIL for ch in nxt):
        return list(zip(occs, ends, strict=True))
    by_char: dict[str, list[int]] = defaultdict(list)
    for i, ch in enumerate(nxt):
        by_char[ch].append(i)
    out: list[tuple[_Occurrence, int]] = []
    for idx in by_char.values():
        sub = [occs[i] for i in idx]
        if len(by_char) > 1 and len(idx) < 2:
            out.extend((o, ends[i]) for o, i in zip(sub, idx, strict=True))
            continue
        out.extend(_extended(texts, sub, [ends[i] + 1 for i in idx], budget - 1))
    return out


def _parallel(
    text: str, word_boundaries: Callable[[str], Collection[int]] | None = None
) -> list[tuple[str, int, int]]:
    """Equal-length ``X、Y、Z`` lists; edges cut inside a word (per ``word_boundaries``) fail."""
    out: list[tuple[str, int, int]] = []
    for m in _parallel_matches(text):
        raw_parts = RE_LIST_SEPARATOR.split(m.group())
        inner = raw_parts[1:-1]
        size = len(inner[0])
        if not 2 <= size <= MAX_PART or any(len(p) != size for p in inner):
            continue
        first, last = raw_parts[0], raw_parts[-1]
        if len(first) < size or len(last) < size:
            continue
        head = _edge_len(first, [*inner, last[:size]], size, from_end=True)
        tail = _edge_len(last, [first[-size:], *inner], size, from_end=False)
        parts = [first[-head:], *inner, last[:tail]]
        if len(set(parts)) < len(parts) or any(p[-1] in PART_STOP_END for p in parts):
            continue
        if size >= SHAPED_ONLY_SIZE and not _same_shape(parts, skip=PARTICLES):
            continue
        start = m.start() + len(first) - head
        end = m.end() - (len(last) - tail)
        # Each edge part is segmented on its own: it is a whole run of Han characters (the list's
        # 、 and quotes end it), and jieba segments every such run separately, so its cuts are
        # those of the whole list.
        if word_boundaries is not None:
            if len(first) > head and len(first) - head not in word_boundaries(first):
                continue
            if len(last) > tail and tail not in word_boundaries(last):
                continue
        out.append(("、".join(parts), start, end))
    return out


#: Shortest part of a chiasmus (``_chiasmus``).
MIN_CHIASMUS = 3


def _chiasmus(
    text: str, word_boundaries: Callable[[str], Collection[int]] | None = None
) -> list[tuple[str, int, int]]:
    """Two-part ``X、Y`` formulas whose parts hold the same characters in another order.

    大抓项目、抓大项目, 发展经济、经济发展: a writer turning a phrase around presents the pair as
    one formula even unquoted (a quoted one is found by ``_quoted_lists``). Parts are
    ``MIN_CHIASMUS``–``MAX_PART`` Han characters, the longest pair wins; edges cut inside a word
    (per ``word_boundaries``) fail, as do parts ending in a function word (``STOP_TAIL``) or
    opening with a numeral (十几年、几十年), and a pair inside a longer ``、`` list is left to
    ``_parallel``.

    Example:
        >>> _chiasmus("坚持大抓项目、抓大项目不动摇")
        [('大抓项目、抓大项目', 2, 11)]
    """
    out: list[tuple[str, int, int]] = []
    pos = 0
    while (i := text.find("、", pos)) >= 0:
        pos = i + 1
        for size in range(MAX_PART, MIN_CHIASMUS - 1, -1):
            a, b = i - size, i + 1 + size
            if a < 0 or b > len(text):
                continue
            left, right = text[a:i], text[i + 1 : b]
            if left == right or sorted(left) != sorted(right) or not RE_HAN_RUN.fullmatch(left):
                continue
            if any(p[-1] in STOP_TAIL or p[0] in NUMERAL + "几" for p in (left, right)):
                continue  # 政府与企业、企业与…: cut at a function word; 十几年、几十年: amounts
            before = text[a - 1] if a > 0 else ""
            after = text[b] if b < len(text) else ""
            if before in ("、", "“", "「") or after in ("、", "”", "」"):
                break  # a longer list, or a quoted pair (``_quoted_lists``)
            if word_boundaries is not None:
                run = RE_HAN_RUN_BEFORE.search(text, 0, i)
                rest = RE_HAN_RUN.match(text, i + 1)
                if (
                    run is not None
                    and run.start() < a
                    and a - run.start() not in word_boundaries(run.group())
                ):
                    continue
                if (
                    rest is not None
                    and rest.end() > b
                    and size not in word_boundaries(rest.group())
                ):
                    continue
            out.append((f"{left}、{right}", a, b))
            break
    return out


def _quoted_lists(text: str) -> list[tuple[str, int, int]]:
    """Quotations that are nothing but a list of parts of one length (2–6 characters).

    Two parts suffice here (“经济倍增、冲刺百强”, “大抓项目、抓大项目”), and ``，`` separates
    parts too (“安全第一，预防为主，综合治理”): a writer who quotes a whole list presents it as
    one formula. Parts that repeat or end in 等/的 fail as in ``_parallel``, and so does a
    quoted question (a part with 什么, 怎么, 如何 …).

    Example:
        >>> _quoted_lists("坚持“经济倍增、冲刺百强”目标")
        [('经济倍增、冲刺百强', 3, 12)]
    """
    out: list[tuple[str, int, int]] = []
    for m in RE_QUOTED_LIST.finditer(text):
        parts = RE_QUOTED_LIST_SEPARATOR.split(m.group(1))
        if len({len(p) for p in parts}) > 1 or len(set(parts)) < len(parts):
            continue
        if any(p[-1] in PART_STOP_END for p in parts) or RE_QUESTION.search(m.group(1)):
            continue
        out.append(("、".join(parts), m.start(1), m.end(1)))
    return out


def _parallel_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``RE_PARALLEL.finditer(text)``, found from each ``、`` instead of everywhere.

    A match's first part is 2–12 Han characters (and perhaps a quote) right before its first
    ``、``, so it starts at most 13 characters before it, at the leftmost start of such a part
    (``RE_PARALLEL_HEAD``); whether the list goes on does not depend on where in the run of Han
    characters it starts. Without a match there, the next match has its first ``、`` further on.

    Example:
        >>> [m.group() for m in _parallel_matches("要抓好比作为、比贡献、比担当的工作")]
        ['要抓好比作为、比贡献、比担当的工作']
    """
    pos = 0
    while (i := text.find("、", pos)) >= 0:
        head = RE_PARALLEL_HEAD.search(text, max(pos, i - 13), i)
        m = RE_PARALLEL.match(text, head.start()) if head is not None else None
        if m is None:
            pos = i + 1
            continue
        yield m
        pos = m.end()


def _common_prefix(words: list[str]) -> str:
    """The longest string every word starts with."""
    out = words[0]
    for w in words[1:]:
        while not w.startswith(out):
            out = out[:-1]
    return out


def _edge_len(raw: str, others: list[str], size: int, *, from_end: bool) -> int:
    """Length of the first (``from_end``: taken from the end of ``raw``) or last part.

    Normally ``size``; when the other parts share a prefix (first part) or suffix (last part)
    that ``raw`` has a little further out, the part reaches it: 异地受理帮办、异地发证、异地审批,
    经济建设、政治建设、生态文明建设 (at most ``EDGE_SLACK`` characters longer).
    """
    if from_end:
        shared = _common_prefix(others)
        if shared and not raw[-size:].startswith(shared):
            for k in range(size + 1, min(len(raw), size + EDGE_SLACK) + 1):
                if raw[-k:].startswith(shared):
                    return k
    else:
        shared = _common_prefix([o[::-1] for o in others])[::-1]
        if shared and not raw[:size].endswith(shared):
            for k in range(size + 1, min(len(raw), size + EDGE_SLACK) + 1):
                if raw[:k].endswith(shared):
                    return k
    return size


def _counted_nouns_dropped(texts: list[str], occs: list[_Occurrence]) -> list[_Occurrence]:
    """Drop ``N个X`` candidates whose X is counted with another numeral too and never quoted.

    A formula fixes its numeral (四个全面, 两个积极性); 两个方面, 三个方面, 四个方面 count a noun.
    """
    numerals: dict[str, set[str]] = defaultdict(set)
    for cand, *_ in occs:
        numerals[cand[2:4]].add(cand[0])
    quoted: set[str] = {cand for cand, _, a, s, e in occs if slogan_match.is_quoted(texts[a], s, e)}
    return [o for o in occs if len(numerals[o[0][2:4]]) < 2 or o[0] in quoted]


def _is_ge(candidate: str) -> bool:
    """True for an ``N个X`` candidate."""
    return len(candidate) >= 3 and candidate[1] == "个"


def _shape_rank(candidate: str, pattern: str) -> int:
    """Order of candidates of equal score and count: the shapes of formulas first.

    0 for numbered and parallel candidates and for quoted ones that hold a numeral (``RE_NUMERAL``:
    三条主线, 六最) or a numbered shape (十优十差, 3+2), 1 for other quoted names of more than
    ``SHORT_QUOTED`` characters (揭榜挂帅, 首席服务员, 十堰经开区), 2 for shorter quoted words, most
    of them metaphors or ordinary words in quotation marks (压舱石, 主引擎, 金钥匙, 取经), some of
    them short names (就近办).

    Example:
        >>> [_shape_rank(c, "quoted") for c in ("六最", "十优十差评议", "首席服务员", "压舱石")]
        [0, 0, 1, 2]
    """
    if pattern != "quoted" or RE_NUMERAL.search(candidate):
        return 0
    if any(rx.search(candidate) for rx in _NUMBERED_SHAPES):
        return 0
    return 1 if len(candidate) > SHORT_QUOTED else 2


# The numbered patterns, searched inside quoted candidates by ``_shape_rank``.
_NUMBERED_SHAPES = (
    RE_NUM_PAIRS,
    RE_NUM_GE,
    RE_NUM_PLUS,
    RE_NUM_MIX,
    RE_NUM_ACTION,
    RE_NUM_STEP,
    RE_PLAN,
)


def _same_shape(parts: list[str], skip: str = "") -> bool:
    """True if all parts share a character at the same position (比作为、比贡献; 察民情、解民忧).

    A shared character in ``skip`` does not count.

    Example:
        >>> parts = ["看到了差距", "学到了经验"]
        >>> _same_shape(parts), _same_shape(parts, skip="了到")
        (True, False)
    """
    shared = ({p[i] for p in parts} for i in range(min(len(p) for p in parts)))
    return any(len(chars) == 1 and not chars <= set(skip) for chars in shared)


#: Value of a leading numeral (a list gloss before ``五比`` must have five items).
COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _gloss(text: str, start: int, end: int) -> str:
    """The text's explanation of the candidate at ``text[start:end]`` ('' if none).

    Each pattern is tried only when the text holds what every match of it needs (a bracket
    after; 即, 指 or 就是 after; 为 or 、 within the last characters before, where the patterns
    before a candidate must end), so most candidates cost a few substring tests.
    """
    after = text[end : end + 200]
    m = RE_GLOSS_BRACKET.match(after) if "（" in after or "(" in after else None
    if m:
        return m.group(1)
    m = RE_GLOSS_AFTER.match(after) if "即" in after or "指" in after or "就是" in after else None
    if m:
        body = m.group(1)
        if body.startswith("“"):
            close = body.find("”", 1)
            return body[1:close] if close > 0 else body[1:].split("。")[0]
        return re.split(r"[。；;\n]", body, maxsplit=1)[0]
    before = text[max(0, start - 200) : start]
    # Both patterns before end at the end of ``before`` (or before a final line break): their
    # 为… or last 、 lies within its last GLOSS_BEFORE_TAIL characters.
    tail = before[-GLOSS_BEFORE_TAIL:]
    m = RE_GLOSS_QUOTED_BEFORE.search(before) if "为" in tail else None
    if m:
        return m.group(1)
    m = RE_GLOSS_LIST_BEFORE.search(before) if "、" in tail else None
    if m:
        items = m.group(1).split("、")
        count = COUNTS.get(text[start : start + 1])
        if items[-1][-1] not in STOP_TAIL + "这那" and (count is None or count == len(items)):
            return "、".join([items[0][-len(items[1]) :], *items[1:]])
    return ""


def discover(
    articles: pd.DataFrame,
    lexicon: pd.DataFrame | slogan_match.Matcher,
    *,
    patterns: tuple[str, ...] = PATTERNS,
    min_count: int = 1,
    context_width: int = 12,
    n_contexts: int = 2,
    idioms: Collection[str] = (),
    word_boundaries: Callable[[str], Collection[int]] | None = None,
    occurrences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Rank formulas in the articles that look like slogans but are not in the lexicon.

    Args:
        articles: ARTICLES table (``text`` and ``offset_map`` are used).
        lexicon: Slogan lexicon or ``Matcher``; known forms and text covered by known hits are
            skipped.
        patterns: Families to look for (``numbered``, ``parallel``, ``quoted``).
        min_count: Keep candidates seen at least this often.
        context_width: Characters of context on each side in ``contexts``.
        n_contexts: How many contexts to show.
        idioms: Words never proposed as numbered candidates (``lexicons.load_numeral_idioms()``:
            千方百计, 万众一心).
        word_boundaries: Word-boundary offsets of a string (e.g. ``tokens.boundaries`` bound to
            a tokenizer); the first and last parts of a parallel candidate must start/end on
            one. It is called on the list's first or last run of Han characters alone, which
            for a segmenter that cuts each such run on its own (jieba) gives the cuts it has in
            the whole text; it is asked once per distinct string. ``None``: edges are not
            checked.
        occurrences: The ``occurrences`` table of these articles when already computed (with
            the same lexicon, patterns and word boundaries, e.g. per document in parallel); the
            articles are then not scanned again.

    Returns:
        One row per candidate: candidate, pattern, n (occurrences), n_articles, n_quoted,
        gloss (first explanation found, as in the NFKC analysis text), contexts
        (`` | ``-joined, candidate in 【】), first_file, first_article_id, first_start,
        first_end (raw offsets of the first occurrence), score; best first.

    Example:
        >>> discover(articles, load_slogans())  # doctest: +SKIP
        # candidate 三个代表, pattern numbered, n 27, gloss ''
    """
    schema.require_columns(
        articles, ("file", "article_id", "text", schema.OFFSET_MAP), func="slogans.discover"
    )
    bad = [p for p in patterns if p not in PATTERNS]
    if bad:
        raise ParameterError(invalid_value("patterns", bad[0], PATTERNS))
    if min_count < 1:
        raise ParameterError(invalid_value("min_count", min_count, "an integer of at least 1"))
    texts = [str(t) for t in articles["text"].tolist()]
    if occurrences is None:
        matcher = (
            lexicon
            if isinstance(lexicon, slogan_match.Matcher)
            else slogan_match.build_matcher(lexicon)
        )
        known = slogan_match.known_forms(matcher)
        occs, spans = _scan(texts, matcher, patterns, word_boundaries)
        found, covered = _columns(occs), _flat(spans)
    else:  # occurrences found already: the lexicon's forms suffice, no regex is compiled
        known = slogan_match.known_forms(lexicon)
        found, covered = _from_table(occurrences, articles)
    kept = _kept(texts, found, covered, known, idioms)
    return _rank(kept, articles, texts, min_count, context_width, n_contexts)


def _kept(
    texts: list[str],
    found: _Columns,
    covered: _Covered,
    known: Collection[str],
    idioms: Collection[str],
) -> list[_Occurrence]:
    """The occurrences that can be candidates, in the order ``_rank`` expects.

    ``N个X`` occurrences are extended (``_extend_ge``), counted nouns dropped and they are put
    after the others. An occurrence is dropped when its candidate is refused (``_refused``,
    decided once per distinct candidate and pattern) or it overlaps a known slogan's span
    (``_overlapping``, for all occurrences at once). A numbered occurrence also caught as a quoted
    name is kept once, as numbered.
    """
    if not len(found.candidate):
        return []
    numbered = found.pattern == "numbered"
    codes, names = pd.factorize(found.candidate)
    is_ge = numbered & np.array([_is_ge(str(c)) for c in names], dtype=bool)[codes]
    pattern_codes, pattern_names = pd.factorize(found.pattern)
    n_patterns = len(pattern_names)
    pairs, at = np.unique(codes * n_patterns + pattern_codes, return_inverse=True)
    decided = [
        _refused(str(names[p // n_patterns]), str(pattern_names[p % n_patterns]), known, idioms)
        for p in pairs.tolist()
    ]
    refused = np.array(decided, dtype=bool)[at.reshape(-1)]
    keep = ~is_ge & ~refused & ~_overlapping(covered, found.article, found.start, found.end)
    ge = _counted_nouns_dropped(texts, _extend_ge(texts, found.rows(is_ge)))
    if ge:
        g = _columns(ge)
        over = _overlapping(covered, g.article, g.start, g.end).tolist()
        ge = [
            o
            for o, hit in zip(ge, over, strict=True)
            if not hit and not _refused(o[0], o[1], known, idioms)
        ]
    spans = {(a, s, e) for _, _, a, s, e in ge}
    spans.update(found.spans(keep & numbered))
    quoted = np.flatnonzero(keep & (found.pattern == "quoted"))
    if spans and len(quoted):
        keep[quoted[[span in spans for span in found.spans(quoted)]]] = False
    return found.rows(keep) + ge


def _refused(candidate: str, pattern: str, known: Collection[str], idioms: Collection[str]) -> bool:
    """True if ``candidate`` of ``pattern`` is never a candidate.

    Known forms, idioms (numbered), numbers and single Latin words (quoted) and quoted titles of
    places (``TITLE_HEADS``) are refused.

    Example:
        >>> _refused("三抓三提", "numbered", {"三抓三提"}, ()), _refused("100%", "quoted", (), ())
        (True, True)
    """
    if lexicons.form_key(candidate) in known:
        return True
    if pattern == "numbered" and candidate in idioms:
        return True
    if pattern == "quoted" and candidate.endswith(TITLE_HEADS):
        return True
    return pattern == "quoted" and RE_NOT_NAME.fullmatch(candidate) is not None


def _overlapping(
    covered: _Covered, article: np.ndarray, start: np.ndarray, end: np.ndarray
) -> np.ndarray:
    """For each span ``(article, start, end)``: does it overlap a covered span of its article?

    Overlap as ``s < end and start < e`` for a covered span ``(s, e)`` of the same article. The
    covered spans are sorted by article and start on one scale (``article * scale + position``),
    with the running maximum of their ends: a span overlaps one if the covered spans of its
    article that start before its end reach past its start. Spans of earlier articles never do
    (on that scale they end before the article begins), so one binary search per span suffices.

    Example:
        >>> covered = (np.array([0, 1]), np.array([2, 0]), np.array([6, 3]))
        >>> spans = np.array([0, 0, 0, 1]), np.array([0, 5, 6, 3]), np.array([2, 9, 8, 5])
        >>> _overlapping(covered, *spans)
        array([False,  True, False, False])
    """
    cov_article, cov_start, cov_end = covered
    if not len(cov_article) or not len(article):
        return np.zeros(len(article), dtype=bool)
    low = min(cov_start.min(), cov_end.min(), start.min(), end.min())
    high = max(cov_start.max(), cov_end.max(), start.max(), end.max())
    scale = np.int64(high) - np.int64(low) + 1
    base = cov_article.astype(np.int64) * scale - low
    opens = base + cov_start
    order = np.argsort(opens, kind="stable")
    opens = opens[order]
    reach = np.maximum.accumulate((base + cov_end)[order])
    at = article.astype(np.int64) * scale - low
    before = np.searchsorted(opens, at + end, side="left")  # covered spans starting before end
    return (before > 0) & (reach[np.maximum(before - 1, 0)] > at + start)


def _flat(spans: list[list[tuple[int, int]]]) -> _Covered:
    """Covered spans listed per article (``_scan``) as arrays (article position, start, end)."""
    article = [i for i, found in enumerate(spans) for _ in found]
    start = [s for found in spans for s, _ in found]
    end = [e for found in spans for _, e in found]
    return (
        np.array(article, dtype=np.int64),
        np.array(start, dtype=np.int64),
        np.array(end, dtype=np.int64),
    )


#: Columns of ``occurrences``; ``pattern`` ``"covered"`` marks a known slogan's span.
OCCURRENCE_COLUMNS: tuple[str, ...] = ("article_id", "pattern", "candidate", "start", "end")
#: ``pattern`` of an ``occurrences`` row that is a known slogan's span (never a candidate).
COVERED = "covered"


def occurrences(
    articles: pd.DataFrame,
    lexicon: pd.DataFrame | slogan_match.Matcher,
    *,
    patterns: tuple[str, ...] = PATTERNS,
    word_boundaries: Callable[[str], Collection[int]] | None = None,
    matches: Sequence[Sequence[slogan_match.Hit]] | None = None,
) -> pd.DataFrame:
    """Raw candidate occurrences and known-slogan spans of each article (``discover``'s scan).

    Each article is scanned on its own, so the table of a corpus is the concatenation of the
    tables of its documents; ``discover(..., occurrences=...)`` ranks them. Options as in
    ``discover``; ``matches``: ``slogan_match.match_articles`` of the articles' texts with the
    same matcher, when already computed.

    Returns:
        ``OCCURRENCE_COLUMNS``: article_id, pattern (a family or ``"covered"``), candidate,
        start, end (positions in the analysis text); per article in scan order.

    Example:
        >>> occurrences(articles, load_slogans())  # doctest: +SKIP
        # article_id a-a01, pattern numbered, candidate 三抓三提, start 4, end 8
    """
    schema.require_columns(articles, ("article_id", "text"), func="slogan_discovery.occurrences")
    matcher = (
        lexicon
        if isinstance(lexicon, slogan_match.Matcher)
        else slogan_match.build_matcher(lexicon)
    )
    texts = [str(t) for t in articles["text"]]
    known = slogan_match.checked_matches(matches, len(texts), func="slogan_discovery.occurrences")
    occs, covered = _scan(texts, matcher, patterns, word_boundaries, known)
    ids = articles["article_id"].astype(str).tolist()
    rows: list[tuple[str, str, str, int, int]] = []
    by_article: list[list[_Occurrence]] = [[] for _ in texts]
    for o in occs:
        by_article[o[2]].append(o)
    for i, aid in enumerate(ids):
        rows.extend((aid, COVERED, "", s, e) for s, e in covered[i])
        rows.extend((aid, pattern, cand, s, e) for cand, pattern, _, s, e in by_article[i])
    out = pd.DataFrame(rows, columns=list(OCCURRENCE_COLUMNS))
    return out.astype({"start": "int64", "end": "int64"})


def _scan(
    texts: list[str],
    matcher: slogan_match.Matcher,
    patterns: tuple[str, ...],
    word_boundaries: Callable[[str], Collection[int]] | None,
    matches: Sequence[Sequence[slogan_match.Hit]] | None = None,
) -> tuple[list[_Occurrence], list[list[tuple[int, int]]]]:
    """Candidate occurrences of every text, and the spans of known slogans in each."""
    occs: list[_Occurrence] = []
    covered: list[list[tuple[int, int]]] = []
    if word_boundaries is not None:
        word_boundaries = _memoized(word_boundaries)
    for i, text in enumerate(texts):
        hits = slogan_match.match_text(text, matcher) if matches is None else matches[i]
        covered.append([(h.start, h.end) for h in hits])
        if "numbered" in patterns:
            occs.extend((c, "numbered", i, s, e) for c, s, e in _numbered(text))
            if "个" in text:  # every N个X candidate holds 个
                occs.extend(
                    (m.group(), "numbered", i, m.start(), m.end()) for m in RE_NUM_GE.finditer(text)
                )
        if "parallel" in patterns:
            occs.extend((c, "parallel", i, s, e) for c, s, e in _parallel(text, word_boundaries))
            occs.extend((c, "parallel", i, s, e) for c, s, e in _chiasmus(text, word_boundaries))
            if "“" in text or "「" in text:
                occs.extend((c, "parallel", i, s, e) for c, s, e in _quoted_lists(text))
        if "quoted" in patterns and ("“" in text or "「" in text):
            for m in RE_QUOTED.finditer(text):
                name = m.group(1).strip()
                if len(name) >= 2 and not RE_SPACE.search(name):
                    s = m.start(1) + m.group(1).index(name)
                    occs.append((name, "quoted", i, s, s + len(name)))
    return occs, covered


def _memoized(func: Callable[[str], Collection[int]]) -> Callable[[str], Collection[int]]:
    """``func`` called once per distinct string (list edges repeat: 12-character runs, names).

    ``word_boundaries`` is a function of the string alone, so its answers can be kept for the
    scan of one set of articles.
    """
    known: dict[str, Collection[int]] = {}

    def call(text: str) -> Collection[int]:
        found = known.get(text)
        if found is None:
            found = known[text] = func(text)
        return found

    return call


def _from_table(table: pd.DataFrame, articles: pd.DataFrame) -> tuple[_Columns, _Covered]:
    """The occurrences and covered spans of an ``occurrences`` table, by article position.

    Built from whole columns: article positions by one index lookup. Tables that need the
    per-row conversions (missing values, non-string or non-integer columns, repeated or unknown
    article ids) go through ``_from_rows``, which gives the same result.
    """
    schema.require_columns(table, OCCURRENCE_COLUMNS, func="slogan_discovery.discover")
    ids = articles["article_id"].astype(str)
    columns = table[list(OCCURRENCE_COLUMNS)]
    regular = (
        ids.is_unique
        and not ids.isna().any()
        and not columns.isna().to_numpy().any()
        and all(pd.api.types.is_string_dtype(columns[c]) for c in ("pattern", "candidate"))
        and all(pd.api.types.is_integer_dtype(columns[c]) for c in ("start", "end"))
    )
    if not regular:
        return _from_rows(table, articles)
    position = pd.Index(ids).get_indexer(pd.Index(columns["article_id"].astype(str)))
    if (position < 0).any():
        return _from_rows(table, articles)
    position = position.astype(np.int64)
    start = columns["start"].to_numpy(dtype=np.int64)
    end = columns["end"].to_numpy(dtype=np.int64)
    pattern = columns["pattern"].to_numpy(dtype=object)
    is_covered = pattern == COVERED
    found = ~is_covered
    occs = _Columns(
        columns["candidate"].to_numpy(dtype=object)[found],
        pattern[found],
        position[found],
        start[found],
        end[found],
    )
    return occs, (position[is_covered], start[is_covered], end[is_covered])


def _from_rows(table: pd.DataFrame, articles: pd.DataFrame) -> tuple[_Columns, _Covered]:
    """``_from_table`` one row at a time (any table ``_from_table`` reads, with its conversions)."""
    position = {aid: i for i, aid in enumerate(articles["article_id"].astype(str))}
    occs: list[_Occurrence] = []
    covered: list[list[tuple[int, int]]] = [[] for _ in range(len(articles))]
    # Whole columns as lists: no per-row access to Arrow-backed strings.
    columns = [table[c].tolist() for c in OCCURRENCE_COLUMNS]
    for aid, pattern, candidate, start, end in zip(*columns, strict=True):
        i = position[str(aid)]
        if pattern == COVERED:
            covered[i].append((int(start), int(end)))
        else:
            occs.append((str(candidate), str(pattern), i, int(start), int(end)))
    return _columns(occs), _flat(covered)


def _rank(
    occs: list[_Occurrence],
    articles: pd.DataFrame,
    texts: list[str],
    min_count: int,
    width: int,
    n_contexts: int,
) -> pd.DataFrame:
    groups: dict[tuple[str, str], list[_Occurrence]] = defaultdict(list)
    # In text order; the same span found twice by one family counts once (equal tuples).
    for o in dict.fromkeys(sorted(occs, key=itemgetter(2, 3, 4, 1))):
        groups[(o[0], o[1])].append(o)
    files = articles["file"].tolist()
    ids = articles["article_id"].tolist()
    maps = articles[schema.OFFSET_MAP].tolist()
    rows = []
    firsts: list[_Occurrence] = []  # the first occurrence of each row's candidate
    for (cand, pattern), uniq in groups.items():
        if len(uniq) < min_count:
            continue
        shaped = pattern == "parallel" and _same_shape(cand.split("、"))
        n_quoted = sum(slogan_match.is_quoted(texts[a], s, e) for _, _, a, s, e in uniq)
        if pattern == "parallel" and not (shaped or n_quoted or len(uniq) >= 2):
            continue
        if _is_ge(cand) and not (n_quoted or len(uniq) >= 2):
            continue
        gloss = ""
        if pattern == "numbered":
            gloss = next((g for _, _, a, s, e in uniq if (g := _gloss(texts[a], s, e))), "")
        contexts = [
            texts[a][max(0, s - width) : s] + f"【{cand}】" + texts[a][e : e + width]
            for _, _, a, s, e in uniq[:n_contexts]
        ]
        first = uniq[0]
        n_articles = len({o[2] for o in uniq})
        score = (
            len(uniq)
            + 2 * (n_articles - 1)
            + 2 * (n_quoted > 0)
            + 3 * bool(gloss)
            + 2 * (pattern == "numbered")
            + 2 * shaped
        )
        rows.append(
            {
                "candidate": cand,
                "pattern": pattern,
                "n": len(uniq),
                "n_articles": n_articles,
                "n_quoted": n_quoted,
                "gloss": gloss,
                "contexts": " | ".join(c.replace("\n", "⏎") for c in contexts),
                "first_file": files[first[2]],
                "first_article_id": ids[first[2]],
                "first_start": 0,
                "first_end": 0,
                "score": score,
            }
        )
        firsts.append(first)
    if not rows:
        return schema.empty(CANDIDATE_COLUMNS)
    # Raw spans of the first occurrences: one offset-map lookup per article.
    by_article: dict[int, list[int]] = defaultdict(list)
    for i, o in enumerate(firsts):
        by_article[o[2]].append(i)
    for article, at in by_article.items():
        starts, ends = maps[article].to_raw([firsts[i][3] for i in at], [firsts[i][4] for i in at])
        for i, rs, re_ in zip(at, starts.tolist(), ends.tolist(), strict=True):
            rows[i]["first_start"], rows[i]["first_end"] = rs, re_
    out = pd.DataFrame(rows, columns=list(CANDIDATE_COLUMNS))
    # Equal score and count: the shapes of formulas first (``_shape_rank``), then the candidates
    # quoted at least once (a writer's mark of a name), then by candidate: a total order.
    out["_shape"] = [
        _shape_rank(c, p)
        for c, p in zip(out["candidate"].tolist(), out["pattern"].tolist(), strict=True)
    ]
    out["_unquoted"] = out["n_quoted"] == 0
    out = out.sort_values(
        ["score", "n", "_shape", "_unquoted", "candidate", "pattern"],
        ascending=[False, False, True, True, True, True],
        kind="stable",
    )
    return out.drop(columns=["_shape", "_unquoted"]).reset_index(drop=True)


GLOSS_COLUMNS: tuple[str, ...] = ("canonical", "gloss", "n", "file", "article_id", "start", "end")


def glosses(articles: pd.DataFrame, lexicon: pd.DataFrame | slogan_match.Matcher) -> pd.DataFrame:
    """The text's own explanations of the numbered slogans it uses (``“两榜四法”，即“…”``).

    Args:
        articles: ARTICLES table with ``offset_map``.
        lexicon: Slogan lexicon or ``Matcher``.

    Returns:
        One row per numbered slogan and distinct gloss: canonical, gloss (NFKC analysis text), n
        (times given), file, article_id, start, end (raw offsets of the first hit glossed);
        sorted by canonical, then first position.

    Example:
        >>> glosses(articles, load_slogans())  # doctest: +SKIP
    """
    schema.require_columns(
        articles, ("file", "article_id", "text", schema.OFFSET_MAP), func="slogan_discovery.glosses"
    )
    matcher = (
        lexicon
        if isinstance(lexicon, slogan_match.Matcher)
        else slogan_match.build_matcher(lexicon)
    )
    found: dict[tuple[str, str], dict[str, object]] = {}
    for rec in articles[["file", "article_id", "text", schema.OFFSET_MAP]].itertuples(index=False):
        _add_glosses(found, rec, matcher)
    return _gloss_frame(found)


def glosses_by_file(
    articles: pd.DataFrame,
    lexicon: pd.DataFrame | slogan_match.Matcher,
    *,
    matches: Sequence[Sequence[slogan_match.Hit]] | None = None,
) -> dict[str, pd.DataFrame]:
    """``glosses`` of each file's articles alone, in one pass (files without a gloss omitted).

    ``matches``: ``slogan_match.match_articles`` of the articles' texts with the same matcher,
    when already computed.

    Example:
        >>> glosses_by_file(articles, load_slogans())["a.txt"]  # doctest: +SKIP
    """
    schema.require_columns(
        articles,
        ("file", "article_id", "text", schema.OFFSET_MAP),
        func="slogan_discovery.glosses_by_file",
    )
    matcher = (
        lexicon
        if isinstance(lexicon, slogan_match.Matcher)
        else slogan_match.build_matcher(lexicon)
    )
    known = slogan_match.checked_matches(
        matches, len(articles), func="slogan_discovery.glosses_by_file"
    )
    per_file: dict[str, dict[tuple[str, str], dict[str, object]]] = {}
    records = articles[["file", "article_id", "text", schema.OFFSET_MAP]].itertuples(index=False)
    for i, rec in enumerate(records):
        hits = known[i] if known is not None else None
        _add_glosses(per_file.setdefault(str(rec[0]), {}), rec, matcher, hits)
    return {file: _gloss_frame(found) for file, found in per_file.items() if found}


def _add_glosses(
    found: dict[tuple[str, str], dict[str, object]],
    rec: tuple[Any, ...],
    matcher: slogan_match.Matcher,
    hits: Sequence[slogan_match.Hit] | None = None,
) -> None:
    """Count the glosses of one article (``file, article_id, text, offset_map``) into ``found``."""
    file, article_id, text, omap = rec
    if hits is None:
        hits = slogan_match.match_text(str(text), matcher)
    for h in hits:
        entry = matcher.entries[h.entry]
        if entry.kind != "numbered":
            continue
        gloss = _gloss(str(text), h.start, h.end)
        if not gloss:
            continue
        key = (entry.canonical, gloss)
        if key in found:
            found[key]["n"] = int(str(found[key]["n"])) + 1
            continue
        rs, re_ = omap.span(h.start, h.end)
        found[key] = {
            "canonical": entry.canonical,
            "gloss": gloss,
            "n": 1,
            "file": file,
            "article_id": article_id,
            "start": rs,
            "end": re_,
        }


def _gloss_frame(found: dict[tuple[str, str], dict[str, object]]) -> pd.DataFrame:
    if not found:
        return schema.empty(GLOSS_COLUMNS)
    out = pd.DataFrame(list(found.values()), columns=list(GLOSS_COLUMNS))
    return out.sort_values(["canonical", "file", "start"], kind="stable").reset_index(drop=True)


#: Lexicon kind given to each discovery pattern when a candidate is promoted.
PROMOTED_KIND = {"numbered": "numbered", "parallel": "parallel", "quoted": "quoted_name"}


def promote(
    lexicon: pd.DataFrame,
    candidates: pd.DataFrame,
    *,
    min_count: int = 2,
    patterns: tuple[str, ...] = PATTERNS,
) -> pd.DataFrame:
    """Return the lexicon plus discovered candidates as new rows (the input is not changed).

    Args:
        lexicon: Slogan lexicon.
        candidates: Table from ``discover``.
        min_count: Promote candidates seen at least this often.
        patterns: Promote only these families.

    Returns:
        The lexicon with one row per promoted candidate: kind from the pattern, level
        ``unknown``, source ``discovered``, the gloss, notes ``score N, n M``; candidates whose
        form is already in the lexicon are skipped.

    Example:
        >>> promote(load_slogans(), discover(articles, load_slogans()))  # doctest: +SKIP
    """
    schema.require_columns(lexicon, lexicons.SLOGAN_REQUIRED, func="slogan_discovery.promote")
    schema.require_columns(candidates, CANDIDATE_COLUMNS, func="slogan_discovery.promote")
    known = {lexicons.form_key(c) for c in lexicon["canonical"]}
    rows = []
    sel = candidates[(candidates["n"] >= min_count) & candidates["pattern"].isin(list(patterns))]
    for rec in sel.to_dict("records"):
        key = lexicons.form_key(str(rec["candidate"]))
        if key in known:
            continue
        known.add(key)
        rows.append(
            {
                "canonical": rec["candidate"],
                "variants": "",
                "kind": PROMOTED_KIND[str(rec["pattern"])],
                "level": "unknown",
                "first_seen": "",
                "source": "discovered",
                "notes": f"score {rec['score']}, n {rec['n']}",
                "gloss": rec["gloss"],
                "not_before": "",
                "not_after": "",
                "quoted_only": False,
                "context": "",
                "line": 0,
            }
        )
    if not rows:
        return lexicon.copy()
    extra = pd.DataFrame(rows)
    return pd.concat(
        [lexicon, extra[[c for c in lexicon.columns if c in extra.columns]]], ignore_index=True
    )
