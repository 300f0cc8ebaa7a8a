"""Quantitative claims: extraction, normalization and attribution.

``extract`` finds every number-with-unit, percentage, percentage-point change, rank and
primacy claim in the cleaned article ``text`` and returns one row per claim with raw offsets
(via the article's offset map), the normalized value, qualifier, direction, base, period,
subject and indicator; ``restore_types`` makes a table read back from CSV numeric again. The
comparison tables (``compare``, ``check``, ``ranks`` and ``build_tables`` for the pipeline) are
in ``metric_comparison``; ``metric_evaluation`` scores extracted claims against a hand
annotation (``align``, ``evaluate``; ``tests/data/metrics_gold*.csv``).

Rules are general patterns (``metric_patterns``: numbers, qualifiers, direction, base, period,
rank and what is not a claim) plus two data files (``units.csv``, ``indicators.csv``), compiled
with the gazetteer and exclusions of a run by ``metric_lexicon``; what is *not* a claim (dates,
years in names, slogans, formula names, ordinals, place names, phone numbers, page furniture,
short quoted codes) is documented in ``docs/metrics.md``.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import operator
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
import pandas as pd

from analysis import numerals, schema, textmap
from analysis.metric_lexicon import Lexicon, prepare, records
from analysis.metric_patterns import (
    CATEGORY_NEXT_NOT,
    CLASS_SUFFIXES,
    CLAUSE_CHARS,
    CN_DIGITS_ONLY,
    CN_STEP,
    DATELINE_CHARS,
    FULLSTOP_CHARS,
    IDIOM_UNITS,
    PERCENT_KINDS,
    PHRASE_TAIL_LAST,
    PLACE_SUFFIX_SIMPLIFIED,
    PREFIX_APPROX,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    RANGE_CONNECTORS,
    RE_ABOVE_BEFORE,
    RE_AGENCY_AFTER,
    RE_ANAPHORIC,
    RE_ANY_NUMERAL,
    RE_BASE,
    RE_BASE_YEAR,
    RE_BATCH_AFTER,
    RE_BRACKETED,
    RE_CATEGORY_NEXT,
    RE_CHANGE,
    RE_CLASS_ENTITY,
    RE_CLASS_OVER,
    RE_CLAUSE,
    RE_CLAUSE_END,
    RE_CN_COUNT_PREV,
    RE_CN_LARGE,
    RE_CN_RANGE_LOW,
    RE_COUNT_AHEAD,
    RE_DATELINE,
    RE_DETERMINER,
    RE_DISTRIBUTIVE,
    RE_DURATION_LEAD,
    RE_DURATION_PHRASE,
    RE_DURATION_VERB,
    RE_EVALUATION_AFTER,
    RE_EVENT_VERB,
    RE_FIRM_AFTER,
    RE_FORMULA,
    RE_FORMULA_NEEDLE,
    RE_FUTURE_FRAME,
    RE_GLOSS,
    RE_HAN_RUN,
    RE_HONOUR_TITLE_AFTER,
    RE_LINE_START,
    RE_LIST_GAP,
    RE_LIST_LAST,
    RE_LISTED_NAME_AFTER,
    RE_LISTED_PROJECT_REST,
    RE_LOCATED_VERB,
    RE_MARKET_AFTER,
    RE_MEASURE_LIST_SPLIT,
    RE_MEASURE_LIST_TAIL,
    RE_MODALITY,
    RE_MONTH_END,
    RE_NAME_AFTER_PLACE,
    RE_NAME_HEAD,
    RE_NOT_TOPIC,
    RE_NUMERAL_RUN,
    RE_PAIR_FROM,
    RE_PAIR_FROM_WORD,
    RE_PAIR_MID,
    RE_PARAGRAPH_END,
    RE_PER_BASE,
    RE_PER_YEAR,
    RE_PERIOD,
    RE_PERIOD_COMPARED_AFTER,
    RE_PERIOD_COMPARED_BEFORE,
    RE_PERIOD_DAY_AFTER,
    RE_PERIOD_FIRST,
    RE_PERIOD_FROM_BEFORE,
    RE_PERIOD_LENGTH,
    RE_PERIOD_OBJECT_VERB,
    RE_PERIOD_RECENT,
    RE_PERIOD_RECENT_EVENT,
    RE_PERIOD_SINCE,
    RE_PERIOD_SURPASS_BEFORE,
    RE_PERIOD_TARGET_AFTER,
    RE_PERIOD_WITH_BEFORE,
    RE_PERIOD_WORDS,
    RE_PHRASE_ADVERB,
    RE_PHRASE_HEAD,
    RE_PHRASE_SPLIT,
    RE_PHRASE_STOP,
    RE_PHRASE_TAIL,
    RE_PLACE_DESTINATION,
    RE_PLACE_NOT_AFTER,
    RE_PLACE_PREP,
    RE_PLACE_PREP_LIST,
    RE_POST_TITLE_END,
    RE_PREFIX_Q,
    RE_PRIMACY,
    RE_PRIMACY_NEEDLE,
    RE_PROJECT_NAME_REST,
    RE_PROJECT_WORD_END,
    RE_RANGE_LOW,
    RE_RANK,
    RE_RANK_ASPIRATION,
    RE_RANK_NEEDLE,
    RE_RANK_TARGET,
    RE_RANK_VERB,
    RE_RATE_AFTER,
    RE_RESPECTIVELY,
    RE_REVIEW,
    RE_SCOPE_SUBJECT,
    RE_SCOPE_WORD,
    RE_SECTION_HEADING,
    RE_SECTION_NOT_HEADING,
    RE_SECTION_OTHER_PERIOD,
    RE_SECTOR_BEFORE,
    RE_SECTOR_SCOPE,
    RE_SECTOR_WORD,
    RE_SENTENCE,
    RE_SESSION_NEXT,
    RE_SET_SCOPE_END,
    RE_SHARE_AFTER,
    RE_SHARE_OF_BEFORE,
    RE_SHORT_PAREN,
    RE_SHORT_PLACE_NOT_AFTER,
    RE_SHORT_QUOTE,
    RE_SPLIT_INTO,
    RE_SUMMARY_NEXT,
    RE_TITLE,
    RE_TOP,
    RE_TRAIL,
    RE_UNIT_ADVERB,
    RE_UNIT_LIST_MARK,
    RE_YEAR,
    RE_YEAR_ON_YEAR_BASE,
    RE_YEAR_PART,
    RE_ZONE_AFTER,
    SCOPE_LEVELS,
    SECTION_HEADING_MAX,
    SENTENCE_CHARS,
    TIME_UNITS,
    TIME_WORDS,
    VAGUE_BEFORE,
    alternation,
)
from analysis.subjects import NATIONAL, RE_HAN

# ------------------------------------------------------------------------------------------------
# The metrics table

#: Kinds of claims (the ``kind`` column).
KINDS = ("count", "money", "percent", "percentage_point", "rank", "other")

#: Columns of the metrics table: schema.METRICS plus the extra columns documented in ``extract``.
EXTRA_COLUMNS: tuple[str, ...] = (
    "qualifier",
    "period_norm",
    "modality",
    "scope",
    "phrase",
    "pair_id",
    "pair_role",
    "sentence_start",
    "sentence_end",
)
COLUMNS: tuple[str, ...] = (*schema.METRICS, *EXTRA_COLUMNS)

# ------------------------------------------------------------------------------------------------
# Small helpers over one text


class _Spans:
    """Sorted, merged intervals with a fast overlap test."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_right(self.starts, s) - 1
        if i >= 0 and self.ends[i] > s:
            return True
        j = i + 1
        return j < len(self.starts) and self.starts[j] < e


class _Hits:
    """Matches of one pattern over a text, searchable for 'nearest before a position'."""

    def __init__(self, matches: Iterable[re.Match[str]]) -> None:
        found = list(matches)
        self._by_start: tuple[list[re.Match[str]], list[int]] | None = None
        starts = [m.start() for m in found]
        ends = [m.end() for m in found]
        if _increasing(starts) and _increasing(ends):
            # The matches of one scan (non-empty, in order): both orders are the given one.
            self.items, self.ends = found, ends
            self._by_start = (found, starts)
            return
        # Sorting (end, -start, position) tuples orders as a stable sort by (end, -start) does.
        keys = sorted([(m.end(), -m.start(), i) for i, m in enumerate(found)])
        self.items = [found[i] for _, _, i in keys]
        self.ends = [e for e, _, _ in keys]

    def _starts(self) -> tuple[list[re.Match[str]], list[int]]:
        """The matches by (start, -end) and their starts, built when first needed."""
        if self._by_start is None:
            keys = sorted([(m.start(), -m.end(), i) for i, m in enumerate(self.items)])
            self._by_start = ([self.items[i] for _, _, i in keys], [s for s, _, _ in keys])
        return self._by_start

    def between(self, lo: int, hi: int) -> list[re.Match[str]]:
        """Return the matches inside ``[lo, hi)``, nearest to ``hi`` first."""
        by_start, starts = self._starts()
        i = bisect.bisect_left(starts, lo)
        out = []
        while i < len(by_start) and by_start[i].start() < hi:
            if by_start[i].end() <= hi:
                out.append(by_start[i])
            i += 1
        return sorted(out, key=lambda m: (-m.end(), m.start()))

    def first(self, lo: int, hi: int) -> re.Match[str] | None:
        """Return the first match starting at or after ``lo`` that ends by ``hi``."""
        by_start, starts = self._starts()
        i = bisect.bisect_left(starts, lo)
        while i < len(by_start) and by_start[i].start() < hi:
            if by_start[i].end() <= hi:
                return by_start[i]
            i += 1
        return None

    def nearest(self, lo: int, pos: int) -> re.Match[str] | None:
        """Return the match ending at or before ``pos`` that starts at or after ``lo``."""
        i = bisect.bisect_right(self.ends, pos) - 1
        while i >= 0:
            m = self.items[i]
            if m.start() >= lo:
                return m
            if m.end() <= lo:
                return None
            i -= 1
        return None


def _increasing(values: list[int]) -> bool:
    """True if ``values`` is strictly increasing."""
    return all(map(operator.lt, values, itertools.islice(values, 1, None)))


@dataclass(frozen=True)
class _Paragraph:
    """Words found in a run of paragraphs for reading the claims they hold."""

    changes: _Hits
    bases: _Hits
    modal: _Hits
    periods: _Hits
    subjects: _Hits
    keywords: _Hits | None


def _in_paragraphs(
    pattern: re.Pattern[str], text: str, needle: re.Pattern[str]
) -> Iterator[re.Match[str]]:
    r"""Return ``pattern.finditer(text)`` scanning only the paragraphs where ``needle`` matches.

    For patterns whose every match holds a ``needle`` match and no newline, and whose
    lookarounds read at most one character past a match (a ``$`` only where a newline would do
    as well): a paragraph is scanned with its newline, so its matches are those of a scan of
    the whole text.

    Example:
        >>> rank = re.compile(r"第\d")
        >>> [m.group(0) for m in _in_paragraphs(rank, "第1\n无\n第2", RE_RANK_NEEDLE)]
        ['第1', '第2']
    """
    pos, n = 0, len(text)
    while (found := needle.search(text, pos)) is not None:
        lo = text.rfind("\n", 0, found.start()) + 1
        hi = text.find("\n", found.start()) + 1 or n
        yield from pattern.finditer(text, lo, hi)
        pos = hi


def _delimiter_table() -> np.ndarray:
    """Bits of each code point below U+10000: 1 clause, 2 sentence, 4 full-stop, 8 paragraph end."""
    table = np.zeros(0x10000, dtype=np.uint8)
    for bit, chars in ((1, CLAUSE_CHARS), (2, SENTENCE_CHARS), (4, FULLSTOP_CHARS), (8, "\n")):
        for ch in chars:
            table[ord(ch)] |= bit
    table.flags.writeable = False
    return table


# Which delimiter sets each character belongs to (read-only; ``_segments``).
_DELIMITERS = _delimiter_table()


def _segments(text: str, positions: Sequence[int]) -> list[tuple[int, ...]]:
    r"""Return the clause, sentence, full-stop segment and paragraph holding each position.

    A segment runs from after the last delimiter before the position (or the text start) to
    after the first delimiter at or after it (or the text end); delimiters are ``CLAUSE_CHARS``,
    ``SENTENCE_CHARS``, ``FULLSTOP_CHARS`` and, for full-stop segments and paragraphs, a newline
    only after the end of a sentence (``RE_PARAGRAPH_END``): a line ending without one (a
    heading such as ``12月份``, ``目标是：``, a line broken after a comma) belongs to the
    paragraph, and its words to the full-stop segment, of the next line. All positions are
    looked up at once.

    Returns:
        Per position: (clause start, clause end, sentence start, sentence end, full-stop
        segment start, paragraph start, paragraph end).

    Example:
        >>> _segments("增长5%，达到。\n共3个", [2, 9])
        [(0, 5, 0, 8, 0, 0, 9), (9, 12, 9, 12, 9, 9, 12)]
        >>> _segments("12月份\n共3个", [6])
        [(5, 8, 5, 8, 0, 0, 8)]
    """
    n = len(text)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    bits = _DELIMITERS[np.minimum(codes, 0xFFFF)]
    cuts = np.flatnonzero(bits)
    kinds = bits[cuts]
    pos = np.asarray(positions, dtype=np.int64)
    columns: list[np.ndarray] = []
    ends = np.fromiter((m.end() - 1 for m in RE_PARAGRAPH_END.finditer(text)), dtype=np.int64)
    stops = np.union1d(cuts[((kinds & 4) != 0) & ((kinds & 8) == 0)], ends)
    for bit, with_end in ((1, True), (2, True), (4, False), (8, True)):
        # Padded with a delimiter before the text and one at its last character.
        inner = {4: stops, 8: ends}.get(bit, cuts[(kinds & bit) != 0])
        at = np.concatenate(([-1], inner, [n - 1]))
        j = np.searchsorted(at[1:-1], pos, side="left")  # delimiters before each position
        columns.append(at[j] + 1)
        if with_end:
            columns.append(at[j + 1] + 1)
    return list(zip(*(c.tolist() for c in columns), strict=True))


def _year_month(date: object) -> tuple[int | None, int | None, str]:
    """Return (year, month, iso-date-or-empty) from an article date such as ``2023-07-26``."""
    s = str(date or "").strip()
    m = re.match(r"(\d{4})(?:[-/.年](\d{1,2}))?(?:[-/.月](\d{1,2}))?", s)
    if not m:
        return None, None, ""
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    iso = f"{y:04d}-{mo:02d}-{int(m.group(3)):02d}" if mo and m.group(3) else ""
    return y, mo, iso


def _after_year_of(period_norm: str, year: int | None) -> bool:
    """Whether a normalized period starts in a year after ``year`` (the article date's).

    Example:
        >>> _after_year_of("2020", 2018), _after_year_of("2018-H2", 2018)
        (True, False)
    """
    start = _start_year(period_norm)
    return year is not None and start is not None and start > year


def _start_year(period_norm: str) -> int | None:
    """The year a normalized period starts in, if it names one.

    Example:
        >>> _start_year("2023-H1"), _start_year("1998..2002"), _start_year("")
        (2023, 1998, None)
    """
    m = re.match(r"\d{4}", period_norm)
    return int(m.group(0)) if m is not None else None


def _year_before(date: object) -> object:
    """The year before ``date``'s, as a bare year (``date`` itself when it has no year).

    Example:
        >>> _year_before("2023-03-05")
        '2022'
    """
    year, _, _ = _year_month(date)
    return date if year is None else str(year - 1)


def _article_date(text: str, date: object) -> object:
    """Return the article date, completed from the dateline when only its year is known.

    A news item opens with the day it reports (``4月3日，十堰举行…``, ``截至2月14日，…``,
    ``湖北日报讯（记者…）2月22日从…获悉``): the first month and day without a year in the first
    ``DATELINE_CHARS`` characters completes a bare year (``2025`` → ``2025-04-03``). A full
    date is kept, and nothing is guessed without a year.

    Example:
        >>> _article_date("4月3日上午，十堰举行…", "2025")
        '2025-04-03'
    """
    year, month, _ = _year_month(date)
    if year is None or month is not None:
        return date
    m = RE_DATELINE.search(text, 0, DATELINE_CHARS)
    if m is None:
        return date
    mo, day = int(m["m"]), int(m["d"])
    return f"{year:04d}-{mo:02d}-{day:02d}" if 1 <= mo <= 12 and 1 <= day <= 31 else date


def _small_int(s: str | None) -> int | None:
    if not s:
        return None
    v = numerals.parse_number(s)
    return int(v) if v is not None and v == int(v) else None


def normalize_period(m: re.Match[str], date: object) -> str:
    """Return the normalized period of a ``RE_PERIOD`` match, using the article date.

    Forms: ``2023`` (a year), ``2023-H1``, ``2023-Q1`` (also for 1月至6月, 1-3月),
    ``2023-01..2023-05`` (other month ranges),
    ``2023-01..2023-07`` (year to date), ``2021..2025`` (a five-year plan: “十四五”时期, 七五期间;
    “十四五”以来 in 2023 is ``2021..2023``), ``..2023-07-26`` (as of; 截至2月14日 gives
    ``..2023-02-14``), ``2021..2023`` (recent years, and spans 2020至2022年), ``2018..2022``
    (过去五年: the years before the article's; 过去一年 is ``2022``), ``2023..2025`` (今后三年,
    未来三年: the article's year and the next), ``2023-12`` (a
    month: 12月, 12月份, 元月, 今年7月); empty when the article date is needed but unknown.

    Example:
        >>> normalize_period(RE_PERIOD.search("今年上半年"), "2023-07-26")
        '2023-H1'
    """
    year, month, iso = _year_month(date)
    g = m.groupdict()
    rel = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}

    def months(y: int, a: int, b: int) -> str:
        named = {
            (1, 6): "H1",
            (7, 12): "H2",
            (1, 3): "Q1",
            (4, 6): "Q2",
            (7, 9): "Q3",
            (10, 12): "Q4",
        }
        if a > b:  # 12月和1月 crosses a year the text does not name
            return ""
        if (a, b) == (1, 12):
            return f"{y}"
        if (a, b) in named:
            return f"{y}-{named[(a, b)]}"
        return f"{y}-{a:02d}..{y}-{b:02d}"

    def sub_norm(y: int | None, sub: str) -> str:
        if y is None:
            return ""
        if sub == "上半年":
            return f"{y}-H1"
        if sub == "下半年":
            return f"{y}-H2"
        if sub == "前三季度":
            return f"{y}-01..{y}-09"
        if sub.startswith("首季"):
            return f"{y}-Q1"
        if sub.startswith("前") and sub.endswith("月"):  # 前5个月, 前两个月: from January
            n = _small_int(sub[1:-1].removesuffix("个"))
            return months(y, 1, n) if n and 1 <= n <= 12 else ""
        if sub == "全年":
            return f"{y}"
        q = _small_int(sub.strip("第季度"))
        return f"{y}-Q{q}" if q else ""

    if g["plan"]:  # the Nth five-year plan: 1953..1957, 1958..1962, then from 1966 on
        n = _small_int((g["pn"] or g["pn2"])[:-1])
        if not n:
            return ""
        first = {1: 1953, 2: 1958}.get(n, 1966 + 5 * (n - 3))
        last = first + 4
        if g["plansince"] and year is not None and first <= year <= last:
            last = year  # “十四五”以来 in 2023: 2021..2023
        return f"{first}..{last}"
    if g["yms"]:  # 1957年10月到1958年9月: 1957-10..1958-09
        y1, y2 = _small_int(g["sy1"]), _small_int(g["sy2"])
        m1, m2 = _small_int(g["sm1"]) or 0, _small_int(g["sm2"]) or 0
        if not y1 or not y2 or not (1 <= m1 <= 12 and 1 <= m2 <= 12) or (y1, m1) >= (y2, m2):
            return ""
        return f"{y1}-{m1:02d}..{y2}-{m2:02d}"
    if g["yr"]:
        return f"{g['y1']}..{g['y2']}"
    if g["evaly"]:  # 2022年度…考核: the year evaluated
        return g["ey"]
    if g["ym"]:
        y = int(numerals.parse_number(g["y"]) or 0) or None
        if y is None:
            return ""
        if g["ym1"]:
            a, b = _small_int(g["ym1"]), _small_int(g["ym2"])
            return months(y, a, b) if a and b and b <= 12 else ""
        if g["ymm"]:
            mm = _small_int(g["ymm"]) or 0
            return f"{y}-{mm:02d}" if 1 <= mm <= 12 else ""
        if g["ysub"]:
            return sub_norm(y, g["ysub"])
        return f"{y}"
    if g["sub"]:
        y = year + rel[g["rel"]] if year is not None and g["rel"] else year
        return sub_norm(y, g["sub"])
    if g["mr"]:
        a, b = _small_int(g["m1"]), _small_int(g["m2"])
        if year is None or not a or not b:
            return ""
        return months(year, a, b)
    if g["asof"]:
        if g["am"] and year is not None:
            return f"..{year}-{int(g['am']):02d}-{int(g['ad']):02d}"
        return f"..{iso}" if iso else (f"..{year}-{month:02d}" if year and month else "")
    if g["ytd"]:
        if year is None:
            return ""
        return f"{year}-01..{year}-{month:02d}" if month else f"{year}"
    if g["past"] or g["ahead"]:
        n = _small_int(g["np"] or g["na"]) or 0
        if year is None or not n:
            return ""
        if g["ahead"]:  # 今后三年 in 1982: 1982..1984
            return f"{year}..{year + n - 1}"
        return f"{year - 1}" if n == 1 else f"{year - n}..{year - 1}"  # 过去五年: the five before
    if g["recentm"]:  # 近两个月 on 2025-04-23: 2025-03..2025-04
        n = _small_int(g["nmo"]) or 0
        if year is None or not month or not 1 <= n <= 12:
            return ""
        start = year * 12 + month - 1 - (n - 1)
        a_y, a_m = divmod(start, 12)
        return f"{a_y}-{a_m + 1:02d}..{year}-{month:02d}"
    if g["recent"]:
        n = _small_int(g["ny"] or g["ny2"]) or 0
        if year is None or not n:
            return ""
        return f"{year - n + 1}..{year}"
    if g["mon"]:
        if year is None:
            return ""
        mm = 1 if g["mm"] == "元" else _small_int(g["mm"]) or 0
        y = year + rel[g["mrel"]] if g["mrel"] else year
        return f"{y}-{mm:02d}" if 1 <= mm <= 12 else ""
    if g["thismonth"]:
        return f"{year}-{month:02d}" if year is not None and month else ""
    if g["year"]:
        return "" if year is None else f"{year + rel[g['year']]}"
    if g["fest"]:
        return "" if year is None else f"{year}-festival"
    return ""


# ------------------------------------------------------------------------------------------------
# Extraction


def ancestors(name: str, parent: Mapping[str, str]) -> list[str]:
    """Return the places above ``name`` in the gazetteer, nearest first (cycles stop the walk).

    Args:
        name: A place name.
        parent: Each place's parent place (``""`` or absent at the top).

    Example:
        >>> ancestors("武当山街道", {"武当山街道": "丹江口市", "丹江口市": "十堰市"})
        ['丹江口市', '十堰市']
    """
    out: list[str] = []
    node = parent.get(name, "")
    while node and node not in out and node != name:
        out.append(node)
        node = parent.get(node, "")
    return out


#: Other units of a county-level city's prefecture an article must name for 全市 to be the
#: prefecture rather than that city (``_resolve_scope``).
SIBLINGS_FOR_PARENT = 2


#: What 该X refers back to when it is a body, not a place (该局, 该公司): the place of the
#: nearest unit named (``_resolve_scope``).
AGENCY_WORDS = ("局", "委", "办", "中心", "公司", "单位")


def _resolve_scope(
    word: str,
    subject: str,
    lex: Lexicon,
    earlier: Sequence[str] = (),
    later: Sequence[str] = (),
    home_named: bool = True,
) -> str:
    """Resolve 全市/我市/该区 … to a place name.

    全国/我国 are ``全国``. 全X/我X walk up the gazetteer from the article subject to the first
    place ending in X; 该X is the article subject. An article whose subject is ``全国`` counts
    as one without a subject here. Without an article subject, the nearest earlier place mention of
    the article ending in X is used (``earlier``, nearest first), then the first later one
    (``later``, in text order) — or its parent, when that ends in X too and the article names
    ``SIBLINGS_FOR_PARENT`` other units below it; then, when the article names a unit under study
    (``home_named``), the only top-level unit of the gazetteer ending in X; else the word
    itself (全市).
    """
    if word in ("全国", "我国"):
        return NATIONAL
    if subject == NATIONAL:
        # A national text has no unit of a lower level: 全省/该市 there name the unit the text
        # names (or stay as written), never the gazetteer's city.
        subject = ""
    suffix = word[-1]
    if word.startswith("该"):
        if subject:
            return subject
        # An agency, firm or unit (该局, 该公司): of the nearest place named; 该县: the nearest
        # county.
        agency = word[1:] in AGENCY_WORDS
        for name in (*earlier, *later):
            if agency or name.endswith(suffix):
                return name
        return word
    node = lex.place_name.get(subject, subject)
    seen = set()
    while node and node not in seen:
        seen.add(node)
        if node.endswith(suffix):
            return node
        node = lex.parent.get(node, "")
    if not subject:
        named = (*earlier, *later)
        for name in named:
            if name.endswith(suffix):
                # A county-level city among two or more other units of its prefecture (京山市
                # beside 东宝区, 沙洋县): 全市 is the prefecture.
                up = lex.parent.get(name, "")
                siblings = {
                    n for n in named if n not in (name, up) and up in ancestors(n, lex.parent)
                }
                if up.endswith(suffix) and len(siblings) >= SIBLINGS_FOR_PARENT:
                    return up
                return name
        if not home_named:
            return "全" + suffix
    tops = [
        n
        for n in lex.home
        if n.endswith(suffix) and not any(a.endswith(suffix) for a in ancestors(n, lex.parent))
    ]
    if len(tops) == 1:
        return tops[0]
    return "全" + suffix


def _name_base(base: str, period_norm: str) -> str:
    """The comparison base as an indicator's name writes it, so that one measure has one name.

    A base of the year before (比上年, 比去年同期, 较上一年, 同期, and 比1954年 for a 1955
    figure) is 同比, as the press writes it (比上年增长 and 同比增长 are one measure); 比上月
    is 环比; a base naming another year has it in Arabic digits after 比 (较一九五二年 →
    比1952年); others stay.

    Example:
        >>> _name_base("比上年", "1955"), _name_base("较一九五四年", "1955-H1")
        ('同比', '同比')
        >>> _name_base("比一九五二年", "1957"), _name_base("比上月", "2023-05")
        ('比1952年', '环比')
    """
    if not base or RE_YEAR_ON_YEAR_BASE.fullmatch(base):
        return "同比" if base else ""
    if base in ("比上月", "较上月"):
        return "环比"
    m = RE_BASE_YEAR.fullmatch(base)
    if m is None:
        return base.replace("较", "比", 1) if base.startswith("较") else base
    year = _small_int(m["year"])  # 1952, 一九五二
    if year is None:
        return base
    if _start_year(period_norm) == year + 1 and ".." not in period_norm:
        return "同比"
    return f"比{year}年{m['same'] or ''}"


#: Words naming a rate of growth: a percentage after them takes no 增长率 or 降幅 suffix.
GROWTH_WORDS = ("增速", "增幅", "涨幅", "降幅", "减幅", "增长率", "增长速度")


def _indicator_name(stem: str, kind: str, unit: str, change: str, base: str) -> str:
    """Compose an indicator name from its stem and the claim's kind, unit and direction."""
    if kind == "count":
        if stem.endswith(("数", "量", "率", "人次", "次数")):
            return stem
        if unit in ("人次", "场次", "户次", "家次", "件次"):
            return stem + unit
        if unit == "次":
            return stem + "次数"
        return stem + "数"
    if kind == "money":
        if stem.endswith(("额", "金", "入", "值", "款", "费")):
            return stem
        return stem + "额"
    if kind in ("percent", "percentage_point"):
        tail = "(百分点)" if kind == "percentage_point" else ""
        if stem.endswith(GROWTH_WORDS):
            return f"{base}{stem}{tail}"  # 累计增速8.7%, 同比增速17.8%: the growth rate named
        if change == "increase":
            return f"{stem}{base}增长率{tail}" if kind == "percent" else f"{stem}{base}提高{tail}"
        if change == "decrease":
            return f"{stem}{base}降幅{tail}" if kind == "percent" else f"{stem}{base}下降{tail}"
        if stem.endswith(("率", "度", "比", "比例", "比重", "进度", "指数")):
            return stem + tail
        return stem + "比例" + tail
    if kind == "other" and unit:
        return f"{stem}({unit})"
    return stem


def _strip_tail_words(text: str) -> str:
    """Return ``RE_PHRASE_TAIL.sub("", text)``; skip the scan when no tail word can end ``text``.

    Example:
        >>> _strip_tail_words("签约项目达到"), _strip_tail_words("签约项目")
        ('签约项目', '签约项目')
    """
    if text and text[-1] not in PHRASE_TAIL_LAST and not text.endswith("\n"):
        return text
    return RE_PHRASE_TAIL.sub("", text)


#: Characters of the governing words kept at most (``_phrase``: the last ones).
PHRASE_CHARS = 16
#: Stands for a comparison base cut out of the words before a number (``_phrase``).
BASE_MARK = "\x00"
#: Stands for a year or period cut out of the words before a number (``_phrase``).
PERIOD_MARK = "\x01"
#: The point of a period cut out (去年底, 2007年末): it goes with the period.
RE_POINT_OF_PERIOD = re.compile(PERIOD_MARK + "[底末初]")


def _without_times(text: str, mark: str = " ", *, keep_whole_year: bool = False) -> str:
    """Return ``text`` with comparison bases, years, periods and a month's end replaced by ``mark``.

    The point of a period (去年底, 2007年末) goes with it. With ``keep_whole_year``, 全年 and the
    like stay (they qualify a measure: 占全年项目总数) and bases are kept.

    Example:
        >>> _without_times("提升到2012年底的"), _without_times("比上年提升到去年底的")
        ('提升到 ', ' 提升到 的')
    """
    if not keep_whole_year:
        text = RE_BASE.sub(PERIOD_MARK, text)
    text = RE_YEAR.sub(PERIOD_MARK, text)
    text = RE_PERIOD_WORDS.sub(
        lambda m: m.group(0) if keep_whole_year and m.group(0).startswith("全") else PERIOD_MARK,
        text,
    )
    text = RE_MONTH_END.sub(PERIOD_MARK, text)
    if PERIOD_MARK not in text:
        return text
    text = RE_POINT_OF_PERIOD.sub(PERIOD_MARK, text)
    return text if mark == PERIOD_MARK else text.replace(PERIOD_MARK, mark)


def _phrase(pre: str) -> str:
    """Return the governing words: the last run of Han text before the number, trimmed."""
    pre = RE_PER_BASE.sub("", RE_SHORT_PAREN.sub("", pre))
    # A longer bracketed aside is no part of the name (工资总额(包括奖金在内)比上年增加).
    pre = RE_BASE.sub(BASE_MARK, RE_BRACKETED.sub(" ", pre))
    # A period is no part of the measure (一季度实际利用内资 is 实际利用内资), but 全年 there
    # qualifies it (占全年项目总数, 完成全年目标); nor is a year or a month's end (9月底, 去年底).
    pre = _without_times(pre, PERIOD_MARK, keep_whole_year=True)
    runs = list(RE_HAN_RUN.finditer(pre))
    # Words of change or function words alone right after a base or a period (甜菜比1954年增长,
    # 劳动生产率比一九五二年增长了, 资本充足率从2007年底的, 人口自然增长率由上年的, 零售额今年
    # 预计将比去年增长): the words before it govern.
    while (
        len(runs) > 1
        and any(m in pre[runs[-2].end() : runs[-1].start()] for m in (BASE_MARK, PERIOD_MARK))
        and not _strip_tail_words(RE_PHRASE_HEAD.sub("", _strip_tail_words(runs[-1].group(0))))
    ):
        runs.pop()
    if not runs:
        return ""
    tail = _strip_tail_words(runs[-1].group(0))
    tail = RE_PHRASE_HEAD.sub("", tail[-PHRASE_CHARS:])
    tail = _strip_tail_words(tail)
    # 晋升公务员职级和事业单位职员等级: keep the last conjunct; a lone verb (让) is no phrase.
    splits = [m for m in RE_PHRASE_SPLIT.finditer(tail) if m.group(1) is None]
    starts = [0, *(m.end() for m in splits)]
    stops = [*(m.start() for m in splits), len(tail)]
    parts = [tail[a:b] for a, b in zip(starts, stops, strict=True)]
    pieces = [p for p in parts if len(p) >= 2]
    if pieces:
        return pieces[-1]
    if any(RE_PHRASE_ADVERB.fullmatch(m.group(0)) for m in splits):
        return ""  # 内就贷: pieces around an adverb, no noun
    return tail if len(tail) >= 2 else ""


def _no_words(pre: str) -> bool:
    """Whether ``pre`` holds nothing but bases, times and words a phrase is stripped of.

    Example:
        >>> _no_words("1982年为"), _no_words("从"), _no_words("今年预计将比去年增长")
        (True, True, True)
        >>> _no_words("发电量")
        False
    """
    words = _strip_tail_words("".join(RE_HAN_RUN.findall(_without_times(pre))))
    return not _strip_tail_words(RE_PHRASE_HEAD.sub("", words))


def _nothing_named_after(after: str, unit: str) -> bool:
    """Whether the words after a figure in its clause leave it unnamed (see ``_topic``).

    Example:
        >>> _nothing_named_after("，", "吨"), _nothing_named_after("增加到65万吨。", "吨")
        (True, True)
        >>> _nothing_named_after("指标", "项"), _nothing_named_after("提高工资标准", "次")
        (False, False)
    """
    rest = RE_BRACKETED.sub("", after)
    if not RE_HAN_RUN.search(rest):
        return True
    return unit not in ("次", "次数") and RE_CHANGE.match(rest.lstrip()) is not None


def _topic(
    text: str, clo: int, slo: int, pre: str, claim_starts: Sequence[int]
) -> tuple[int, str] | None:
    """Return the start and phrase of the clause naming what a claim's clause gives figures of.

    A report states its subject first, then the figures (城乡居民人均生活费收入，1982年为494.5元;
    发电量：从72.6亿度增加到…): when the words before the number in its own clause (``pre``)
    are nothing but times and function words, the clause before it names the figure, if it is
    in the same sentence (``slo``) and holds no more than ``PHRASE_CHARS`` characters, and the
    claim is the sentence's first.
    """
    if clo <= slo or not _no_words(pre):
        return None
    k = bisect.bisect_left(claim_starts, slo)
    if k < len(claim_starts) and claim_starts[k] < clo:
        return None  # figures before it in the sentence: a list goes on (``_article_rows``)
    lo = slo
    for m in RE_CLAUSE_END.finditer(text, slo, clo - 1):
        lo = m.end()
    words = text[lo : clo - 1].strip()
    if not 0 < len(words) <= PHRASE_CHARS or RE_NOT_TOPIC.match(words):
        return None
    phrase = _phrase(words)
    return (lo, phrase) if phrase else None


def _without_unit(
    text: str, phrase: str, lo: int, hi: int, place_at: Mapping[int, re.Match[str]]
) -> tuple[str, bool]:
    """Return ``phrase`` without a unit named at its start, and whether that was all of it.

    ``phrase`` is the governing words (``_phrase``) read in ``text[lo:hi]``; ``place_at`` maps
    the start of each place mention to it. The unit is the claim's subject, not what it
    measures: 东宝区完成77.1亿元 → ``("", True)``, 随县开工23个 → ``("开工", False)``. A rest
    too short to name anything is kept with the unit (北京、陕西等7个: places counted).
    """
    at = text.rfind(phrase, lo, hi) if phrase else -1
    h = place_at.get(at)
    if h is None or h.end() > at + len(phrase):
        return phrase, False
    rest = phrase[h.end() - at :]
    adverb = RE_UNIT_ADVERB.match(rest)
    if adverb is not None:
        rest = rest[adverb.end() :]  # 竹山县分别新建学校: 新建学校
    if not rest:
        return "", True
    return (rest, False) if len(rest) >= 2 else (phrase, False)


#: Claims looked back over for the figure a breakdown by unit breaks down (``_article_rows``).
BREAKDOWN_REACH = 30
#: The word opening a sentence that breaks down the figure of the sentence before.
BREAKDOWN_OPEN = "其中"


#: Characters before a sector keyword searched for its sector words (``_sector``).
SECTOR_REACH = 16
#: A level character after a place's short name (十堰 in 十堰市).
PLACE_LEVEL_CHARS = frozenset("省市县区州镇乡")


def _sector(text: str, lo: int, at: int, place_at: Mapping[int, re.Match[str]]) -> str:
    """Return the sector words right before the keyword at ``at``, or "".

    ``我国的工农业总产值`` gives 工农业总, ``全国工业增加值`` 工业,
    ``其中,装备制造业增加值`` 装备制造业, ``实现工业总产值`` 工业总 (a verb, scope word or
    place opening the words is left out), ``年产值`` and ``新增产值`` nothing. ``place_at``
    maps the start of every place mention to it.
    """
    m = RE_SECTOR_BEFORE.search(text, lo, at)
    if m is None:
        return ""
    a = m.start()
    for stop in RE_PHRASE_STOP.finditer(text, a, at):
        if stop.group(0) in ("和", "与", "及") and text[stop.start() - 1 : stop.start()] == "业":
            continue  # 工业和手工业: one sector of two
        a = max(a, stop.end())
    scope = RE_SECTOR_SCOPE.match(text, a, at)
    a = scope.end() if scope is not None else a
    while a in place_at and place_at[a].end() <= at:
        a = place_at[a].end()
        if text[a : a + 1] in PLACE_LEVEL_CHARS and a < at:
            a += 1  # 十堰 of 十堰市
    # Words too long for sector words: the longest tail that is one (城市中资本主义工业总产值).
    b = next((b for b in range(a, at) if RE_SECTOR_WORD.fullmatch(text, b, at)), at)
    if b > a:
        scope = RE_SECTOR_SCOPE.match(text, b, at)
        b = scope.end() if scope is not None else b
    return text[b:at] if RE_SECTOR_WORD.fullmatch(text, b, at) else ""


def _share_of(text: str, stem: str, k: re.Match[str], lo: int, at: int) -> str:
    """The share a percentage measures when the keyword ``k`` names its whole, else "".

    服务业增加值占国内生产总值的比重达到52% and 服务业增加值在国内生产总值中的比重提高4个百分点
    measure 服务业增加值占国内生产总值比重, not 国内生产总值 (``stem`` is the keyword's stem, with
    its sector words: they stand right before ``k``); the part is the governing words before
    占/在 in the clause (none: 占国内生产总值比重).
    """
    if RE_SHARE_AFTER.match(text, k.end(), at) is None:
        return ""
    start = k.end() - len(stem) if text.endswith(stem, 0, k.end()) else k.start()
    whole_of = RE_SHARE_OF_BEFORE.search(text, lo, start)
    if whole_of is None:
        return ""
    return f"{_phrase(text[lo : whole_of.start()])}占{stem}比重"


def _post_phrase(post: str) -> str:
    """Return the noun right after a count's unit (执业律师 in 500名执业律师深入…)."""
    m = RE_HAN_RUN.match(post.lstrip('“”‘’"「」').removeprefix("的"))
    if not m:
        return ""
    head = m.group(0)
    if RE_PHRASE_STOP.match(head) or RE_CHANGE.match(head) or head.startswith(("内", "以")):
        return ""
    noun = head.split("的")[0]
    if 2 <= len(noun) <= 3:
        head = noun  # 八亿农民的多年愿望: a short noun before 的 is the counted noun
    stop = RE_PHRASE_STOP.search(head, 1)
    return head[: stop.start()] if stop else head[:8]


@dataclass
class _Claim:
    """One claim before it becomes a row."""

    tstart: int
    tend: int
    value: float
    multiplier: float
    unit: str
    kind: str
    normalized: float
    qualifier: str
    scope: str = ""
    family_hint: str = ""
    noun_after: bool = False
    words: str = ""


def _qualifier_to_approx(q: str) -> str:
    """The approximation a qualifier word states: prefix words (``PREFIX_APPROX``) or suffixes."""
    if q in PREFIX_APPROX:
        return PREFIX_APPROX[q]
    if q in ("余", "餘", "多", "以上", "之多", "有余"):
        return "at_least"
    if q in ("以下", "以内"):
        return "at_most"
    if q in ("左右", "上下"):
        return "about"
    return ""


def _quantities(text: str, lex: Lexicon, excluded: _Spans) -> list[_Claim]:
    """Find number-with-unit claims in ``text`` (no attribution yet)."""
    out: list[_Claim] = []
    n = len(text)
    referenced: dict[str, int] = {}  # surface after 这/该 … → its end, for repeats in the paragraph
    for m in lex.re_quantity.finditer(text):
        s, e = m.start(), m.end()
        ranged = False
        if e <= s:
            continue
        if excluded.overlaps(s, e):
            continue
        # A range's lower end ends with its connector right before the number (or before a
        # final newline, where ``$`` matches too): other candidates skip the search.
        rg = (
            RE_RANGE_LOW.search(text, max(0, s - 16), s)
            if s > 1 and text[s - 1] in RANGE_CONNECTORS
            else None
        )
        if rg and RE_PAIR_FROM_WORD.search(text, max(0, rg.start() - 1), rg.start()):
            rg = None  # 从50元到84元 is a before→after pair, not a range
        if (s > 0 and text[s - 1] in "第+＋#⁄/") or (text[s - 1 : s] == "-" and rg is None):
            continue
        if text[e : e + 1] == "⁄":
            continue  # 1⁄4 (NFKC of ¼): a fraction, whose numerator is no figure of its own
        if s > 0 and (text[s - 1].isascii() and text[s - 1].isalpha()):
            continue
        qualifiers: list[str] = []
        if m["pct"]:
            num = numerals.parse(m["pnum"])
            if num is None:
                continue
            unit, kind, mult = (
                ("%", "percent", 1.0) if m["pct"] == "百分之" else ("‰", "other", 1.0)
            )
            value = num.total
            scale = 1.0
            fam = ""
            boundary = False
        elif m["num"] is not None:
            mult_s = m["mult"] or ""
            raw_num = m["num"] + (m["q1"] or "") + mult_s
            if m["q1"] and not mult_s:
                raw_num = m["num"]
            num = numerals.parse(raw_num)
            if num is None:
                continue
            unit = m["unit"] or m["unit2"] or ""
            if not unit and not mult_s:
                unit = _shared_unit(text, s, e, lex)
                if not unit:
                    continue  # a bare number is not a claim
            if m["sp"] and text[s - 2 : s - 1].isdigit() and text[s - 1 : s] == " ":
                continue  # 1 9 9 7: digits spaced out, not a number before its unit
            if not unit and text[e : e + 1] in TIME_WORDS:
                continue  # 30万年前: a span of time, not a figure
            if not unit and text[e : e + 1] in CLASS_SUFFIXES:
                continue  # 4000亿级产业: a class of size, not a figure
            value, mult = num.value, num.multiplier
            if m["q1"] or m["q2"]:
                qualifiers.append(m["q1"] or m["q2"])
            if unit:
                u = lex.units[unit]
                kind, scale, fam, boundary = u["kind"], u["scale"], u["family"], u["boundary"]
                unit_out = u["canonical"]
            else:
                kind, scale, fam, boundary, unit_out = "other", 1.0, "", False, ""
            unit = unit_out
        elif m["cbare"] is not None:
            # 八亿农民, 五万万多的农民: a Chinese number with 万/亿 and no unit (as 6100万).
            written = m["cbare"] + (m["cbmult"] or "")
            if not RE_CN_LARGE.search(written) or text[s - 1 : s] in VAGUE_BEFORE:
                continue
            if text[e : e + 1] in TIME_WORDS:
                continue  # 一百万年以来: a span of time or a date, not a figure
            if text[e : e + 1] in CLASS_SUFFIXES:
                continue  # 千亿级: a class of size
            num = numerals.parse(written)
            if num is None:
                continue
            if m["cbq"]:
                qualifiers.append(m["cbq"])
            value, mult = num.value, num.multiplier
            kind, scale, fam, boundary, unit = "other", 1.0, "", False, ""
        else:
            cnum = m["cnum"] or ""
            if not cnum or text[s - 1 : s] in VAGUE_BEFORE:
                continue  # 几十亩, 数十个: vague, not a figure
            if len(cnum) == 2 and set(cnum) <= CN_DIGITS_ONLY:
                # Two digits read one by one: 二三个, 两三个 (neighbours) are a range, at most
                # the second; other pairs (唯一一个, 一一对应) are no number.
                if CN_STEP.get(cnum[0].replace("两", "二").replace("兩", "二")) != cnum[1]:
                    continue
                cnum, ranged = cnum[1], True
            num = numerals.parse(cnum + (m["cmult"] or ""))
            if num is None and len(cnum) > 2 and CN_STEP.get(cnum[0]) == cnum[1]:
                num, ranged = numerals.parse(cnum[1:] + (m["cmult"] or "")), True  # 三四十个
            if num is None:
                continue
            within = m["cunit"] in TIME_UNITS and text.startswith(("内", "以内"), m.end())
            if num.total == 1 and not any(c in cnum for c in "十百千万亿萬億点點") and not within:
                continue  # 一个, 一批, 一家人: idiom, not a count (but 一天内, 一个工作日内 are)
            if s > 0 and RE_DETERMINER.search(text, max(0, s - 2), s):
                if RE_ANAPHORIC.search(text, max(0, s - 2), s):
                    referenced[text[s:e]] = e
                continue
            if text[s:e] in referenced and "\n" not in text[referenced[text[s:e]] : s]:
                continue  # 这两家公司 … 两家公司: the same entities named again
            low = RE_CN_RANGE_LOW.search(text, max(0, s - 2), s)
            if low and CN_STEP.get(low["low"]) == cnum[0]:
                s, ranged = low.start(), True  # 四、五十亿元: 40 to 50, read as at most 50
            small = len(cnum) == 1 and num.total < 10
            if small and m["cunit"] in IDIOM_UNITS:
                continue  # 两头, 三头六臂: idioms, not head counts
            if (
                small
                and s > 0
                and RE_HAN_RUN.match(text, s - 1)
                and not RE_CN_COUNT_PREV.search(text, max(0, s - 1), s)
                and not (
                    lex.units[m["cunit"]]["boundary"]
                    and RE_SPLIT_INTO.search(text, max(0, s - 1), s)
                )
                and RE_HAN_RUN.match(text, m.end())
                and not _counts_list(text, s, num.total)
            ):
                continue  # 中央八项规定: a small Chinese count inside a name
            value, mult = num.value, num.multiplier
            if m["cq"]:
                qualifiers.append(m["cq"])
            u = lex.units[m["cunit"]]
            kind, scale, fam, boundary = u["kind"], u["scale"], u["family"], u["boundary"]
            unit = u["canonical"]
        split = boundary and RE_SPLIT_INTO.search(text, max(0, s - 1), s) is not None
        timed = boundary and RE_DURATION_LEAD.search(text, max(0, s - 5), s) is not None
        if (
            boundary
            and e < n
            and not RE_CLAUSE.match(text, e)
            and text[e] != "、"
            and not split
            and not timed
        ):
            continue
        if boundary and m["cnum"] in ("二", "貳"):
            continue  # 二期, 二批: an ordinal naming a phase or batch (a count says 两期)
        written = m["unit"] or m["unit2"] or m["cunit"] or ""
        if (
            written == "次"
            and RE_SESSION_NEXT.match(text, e)
            and not RE_CN_COUNT_PREV.search(text, max(0, s - 1), s)
        ):
            continue  # 省十二次党代会: an ordinal naming a session (召开七次全会 is a count)
        if boundary and _names_list(text, e, written):
            continue  # 二期、三期项目: a list of phases, batches or rounds naming projects
        # Trailing (次) and suffix qualifier.
        t = RE_TRAIL.match(text, e)
        if t and t["paren"]:
            if unit + "次" in lex.units:
                unit = lex.units[unit + "次"]["canonical"]
            e = t.end("paren")
        if t and t["q"]:
            # 10亿元以上项目: 以上/以下 followed by a noun names a class, not a claim.
            after = text[t.end() : t.end() + 1]
            if (
                t["q"] in ("以上", "以下", "以内")
                and kind != "percent"  # 占95%以上核武器: a share, not a class
                and after
                and after not in CATEGORY_NEXT_NOT
                and RE_CATEGORY_NEXT.match(after)
            ):
                continue
            if (
                t["q"] in ("以上", "以下")
                and kind != "percent"
                and after == "的"
                and RE_CLASS_ENTITY.match(text, t.end())
            ):
                continue  # 5000万元以上的技改项目: a class (700万吨以上的产能 is a claim)
            qualifiers.append(t["q"])
            e = t.end("q")
        if kind == "money" and not (t and t["q"]) and _sizes_class(text, s, e):
            continue  # 过10亿元重大项目, 50亿元项目6个: the size of a class, not a claim
        pq = RE_PREFIX_Q.search(text, max(0, s - 3), s)
        if pq:
            qualifiers.insert(0, pq["q"])
        if kind == "count" and (
            RE_SUMMARY_NEXT.match(text, e) or RE_ABOVE_BEFORE.search(text, max(0, s - 3), s)
        ):
            continue  # 三项增减相抵, 以上十四条: the items just listed, named again
        if RE_DETERMINER.search(text, max(0, s - 2), s) and kind != "percent":
            if RE_ANAPHORIC.search(text, max(0, s - 2), s):
                referenced[text[s:e]] = e
            continue
        if (
            unit in TIME_UNITS
            and RE_PERIOD_LENGTH.match(text, e)
            and not RE_DURATION_VERB.search(text, max(0, s - 1), s)
        ):
            continue  # 春节5天时间，…: the length of the period, not a claim
        if unit in TIME_UNITS and RE_YEAR_PART.search(text, max(0, s - 2), s):
            continue  # 一年零三个月: part of an elapsed time whose years are not a unit
        if unit in TIME_UNITS and (
            RE_PERIOD_FIRST.search(text, max(0, s - 2), s)
            or RE_PERIOD_SINCE.match(text, e)
            or RE_PERIOD_RECENT.search(text, max(0, s - 2), s)
        ):
            continue  # 前11个月，…, 近11个月来, 近三个月，…: the period of the sentence
        if rg is not None and not ranged:
            low_num = numerals.parse(rg["low"])
            if low_num is not None and 0 < low_num.total < value * mult:
                s, ranged = rg.start(), True  # 280万到300万千瓦, 6%-6.5%: at most the upper value
                while out and out[-1].tstart >= s:
                    out.pop()  # the lower end alone (6%) is not a claim of its own
        approx = "at_most" if ranged else ""
        for q in qualifiers:
            approx = approx or _qualifier_to_approx(q)
        normalized = _exact_product(value, mult, 1.0 if kind in PERCENT_KINDS else scale)
        if not np.isfinite(normalized):
            continue
        noun_after = bool(e < n and RE_HAN_RUN.match(text, e + (text[e : e + 1] in "“‘「")))
        noun_after = noun_after and kind != "percent"
        out.append(
            _Claim(
                s,
                e,
                float(value),
                float(mult),
                unit,
                kind,
                float(normalized),
                approx,
                family_hint=fam,
                noun_after=noun_after,
                words="|".join(qualifiers),
            )
        )
    return out


def _sizes_class(text: str, start: int, end: int) -> bool:
    """True if the amount at ``start:end`` sizes a class of entities rather than stating a figure.

    The amount is followed by the entities (项目, 企业, after at most 的 and a short modifier) and
    either follows 过 (过10亿元重大项目) or is itself followed by a count of them
    (50亿元项目6个): in both the amount is a threshold or a label, as in 10亿元以上项目.
    """
    ent = RE_CLASS_ENTITY.match(text, end)
    if ent is None:
        return False
    return bool(
        RE_CLASS_OVER.search(text, max(0, start - 1), start)
        or RE_COUNT_AHEAD.match(text, ent.end())
    )


def _shared_unit(text: str, start: int, end: int, lex: Lexicon) -> str:
    """The unit a bare number shares with the last figure of a distributive list, or "".

    In ``分别超时序进度18.7、8.6个百分点`` the bare ``18.7`` takes ``个百分点``: the numbers are
    joined by 、 and 分别 opens the list in the same clause. Only Arabic numbers count.
    """
    lo = start
    while lo > 0 and not RE_CLAUSE.match(text, lo - 1) and start - lo < 40:
        lo -= 1
    if not RE_DISTRIBUTIVE.search(text, lo, start):
        return ""
    j = end
    while text[j : j + 1] == "、":
        nxt = lex.re_quantity.match(text, j + 1)
        if nxt is None or nxt["num"] is None or nxt["mult"]:
            return ""
        if nxt["unit"]:
            return str(nxt["unit"])
        j = nxt.end()
    return ""


def _counts_list(text: str, pos: int, n: float) -> bool:
    """True if the clause before ``pos`` lists exactly ``n`` items (煤炭、水利、军工三个行业).

    In a list with 、 the last item may also be joined by 和/及/与 (增长力、扩展力和改革力三个
    维度); two items joined by 和 alone (中央和地方两个积极性) are no list here.
    """
    lo = pos
    while lo > 0 and not RE_CLAUSE.match(text, lo - 1) and pos - lo < 60:
        lo -= 1
    items = text[lo:pos].split("、")
    if len(items) < 2 or not all(items):
        return False
    if len(items) == n:
        return True
    last = RE_LIST_LAST.split(items[-1], maxsplit=1)
    return len(last) == 2 and all(last) and len(items) + 1 == n


def _names_list(text: str, end: int, unit: str) -> bool:
    """True if a boundary unit ending at ``end`` opens a list of names (二期、三期项目).

    The list goes on with 、 and another number of the same ``unit``; it names things when a
    noun, not punctuation, follows its last item.
    """
    if not unit or text[end : end + 1] != "、":
        return False
    j, listed = end, False
    while text[j : j + 1] == "、" and (num := RE_NUMERAL_RUN.match(text, j + 1)) is not None:
        if not text.startswith(unit, num.end()):
            break
        j, listed = num.end() + len(unit), True
    return listed and j < len(text) and not RE_CLAUSE.match(text, j) and text[j] != "、"


def _exact_product(value: float, multiplier: float, scale: float) -> float:
    """``value × multiplier × scale`` computed in decimal, so 8.46亿 is 846000000.0, not …0001."""
    if not (np.isfinite(value) and np.isfinite(multiplier) and np.isfinite(scale)):
        return float("nan")
    if multiplier == 1.0 and scale == 1.0:
        return float(value)  # the decimal product of a float's repr and ones is that float
    try:
        exact = Decimal(repr(value)) * Decimal(repr(multiplier)) * Decimal(repr(scale))
    except InvalidOperation:
        return float("nan")
    return float(exact)


def _aspired(text: str, start: int) -> bool:
    """Return True if the clause before ``start`` holds an aspiration word (努力, 力争 …)."""
    lo = start
    while lo > 0 and not RE_CLAUSE.match(text, lo - 1):
        lo -= 1
    return RE_RANK_ASPIRATION.search(text, lo, start) is not None


def _ranks(text: str, excluded: _Spans, lex: Lexicon) -> list[_Claim]:
    """Find rank, top-N and primacy claims (targets such as 力争全省第一 are left out)."""
    out: list[_Claim] = []
    for m in _in_paragraphs(RE_RANK, text, RE_RANK_NEEDLE):
        if not (m["scope"] or m["verb"]):
            continue  # 放在第一位: 名/位 alone is not a ranking
        s = m.start()
        if excluded.overlaps(m.start("n") - 1, m.end()):
            continue
        if RE_RANK_TARGET.search(text, max(0, s - 2), s) or _aspired(text, s):
            continue
        n = numerals.parse_number(m["n"])
        if n is None or n <= 0:
            continue
        scope = m["scope"] or ""
        if not scope and m["between"]:
            sm = RE_SCOPE_WORD.match(m["between"])
            scope = sm.group(0) if sm else ""
        out.append(_Claim(s, m.end(), n, 1.0, "名", "rank", n, "", scope=scope))
    for m in RE_TOP.finditer(text):
        s = m.start()
        if excluded.overlaps(s, m.end()) or RE_RANK_TARGET.search(text, max(0, s - 2), s):
            continue
        if _aspired(text, s):
            continue
        if m["front"]:
            out.append(
                _Claim(s, m.end(), float("nan"), 1.0, "前列", "rank", float("nan"), "", m["scope"])
            )
        else:
            n = numerals.parse_number(m["n"] or m["vn"])
            if n is None or n <= 0:
                continue
            scope = m["scope"] or ""
            out.append(_Claim(s, m.end(), n, 1.0, "名", "rank", n, "at_most", scope=scope))
    for m in _in_paragraphs(RE_PRIMACY, text, RE_PRIMACY_NEEDLE):
        s = m.start()
        scope = m["scope"] or ""
        if not scope and m["word"] != "率先" and lex.re_place is not None:
            place = lex.re_place.search(text, max(0, s - 12), s)
            while place and place.end() < s:
                place = lex.re_place.search(text, place.start() + 1, s)
            if place and lex.level.get(lex.place_name[place.group(0)], "") in SCOPE_LEVELS:
                scope, s = place.group(0), place.start()  # 十堰市首家: a named place as scope
        if m["word"] != "率先" and not scope:
            continue  # 首创精神, 首个…: only 全省首创, 全市首家 … are claims
        if text.startswith(("精神", "性", "发展", "基本", "的"), m.end()):
            continue  # 首创精神, 率先发展 (a strategy name), 率先基本实现 (a target)
        if excluded.overlaps(m.start(), m.end()) or RE_RANK_TARGET.search(text, max(0, s - 2), s):
            continue
        if _aspired(text, s):
            continue
        value = 1.0 if m["word"] != "率先" else float("nan")
        out.append(_Claim(s, m.end(), value, 1.0, m["word"], "rank", value, "", scope=scope))
    return out


def _excluded_spans(
    text: str,
    lex: Lexicon,
    extra: Sequence[tuple[int, int]],
    titles: Sequence[re.Match[str]],
    quotes: Sequence[re.Match[str]],
    places: Sequence[re.Match[str]],
) -> _Spans:
    """Spans where numbers are not claims: slogans, titles, short quotes, glosses, codes, places.

    ``titles``, ``quotes`` and ``places`` are the matches of ``RE_TITLE``, ``RE_SHORT_QUOTE`` and
    the gazetteer pattern over ``text``.
    """
    spans: list[tuple[int, int]] = list(extra)
    for pat in lex.re_exclude:
        spans.extend(m.span() for m in pat.finditer(text) if m.end() > m.start())
    spans.extend(m.span() for m in titles)
    for m in quotes:
        # “1个工作日” alone is a figure; “100%”工作法 and “五个新突破” are names.
        q = lex.re_quantity.fullmatch(m["body"])
        if q is None or RE_NAME_HEAD.match(text, m.end()):
            spans.append(m.span("body"))
    spans.extend(m.span("body") for m in RE_GLOSS.finditer(text))
    spans.extend(m.span() for m in _in_paragraphs(RE_FORMULA, text, RE_FORMULA_NEEDLE))
    # Only place names holding a numeral (六里坪镇, 十堰市) can be mistaken for claims.
    spans.extend(m.span() for m in places if RE_ANY_NUMERAL.search(m[0]))
    return _Spans(spans)


def _raw_spans_to_text(
    spans: Sequence[tuple[int, int]], omap: Any, text_len: int
) -> list[tuple[int, int]]:
    """Map raw spans (e.g. slogan hits) to text spans, approximately, via the offset map."""
    if not spans or omap is None:
        return []
    pos = np.arange(text_len + 1, dtype=np.int64)
    rs, _ = omap.to_raw(pos[:-1], pos[:-1] + 1)
    out = []
    for a, b in spans:
        i = int(np.searchsorted(rs, a, side="left"))
        j = int(np.searchsorted(rs, b, side="left"))
        if j > i:
            out.append((i, j))
    return out


def _is_period(text: str, m: re.Match[str]) -> bool:
    """False for a ``RE_PERIOD`` match that does not state a period.

    A date (今年2月22日), a target's time frame (完成全年目标的74.3%) and a year compared with
    (与去年大体持平, 比一九八○年的…, 与2024年同期相比, 与2024年相比, 超越2024年同期水平: also forms
    ``RE_BASE`` does not list) are not the period of the figures around them.
    """
    if RE_PERIOD_DAY_AFTER.match(text, m.end()) or RE_PERIOD_TARGET_AFTER.match(text, m.end()):
        return False
    if RE_PERIOD_COMPARED_BEFORE.search(text, max(0, m.start() - 1), m.start()):
        return False
    if text.startswith("同期", m.end()) and RE_PERIOD_SURPASS_BEFORE.search(
        text, max(0, m.start() - 2), m.start()
    ):
        return False
    with_before = RE_PERIOD_WITH_BEFORE.search(text, max(0, m.start() - 1), m.start())
    if (
        with_before
        and (m.group("ym") or m.group("yr") or m.group("yms"))
        and RE_PERIOD_COMPARED_AFTER.match(text, m.end())
    ):
        return False
    relative = m.group("year") or m.group("rel") or m.group("mrel")
    return not (relative in ("去年", "上年", "前年") and with_before)


def _claim_period(
    text: str,
    periods: _Hits,
    claim_starts: Sequence[int],
    plo: int,
    clo: int,
    slo: int,
    pos: int,
    section: re.Match[str] | None = None,
) -> re.Match[str] | None:
    """Return the period match of a claim at ``pos``: the nearest one before it in the paragraph.

    Without one there, the period of the claim's section (``section``, from its heading: see
    ``_section_periods``), under the same rules.

    Skipped on the way back: the period of a before-value (从去年的2.1%提高到2.3%: only the
    next claim has it), a period opening a verb's object (上报2023年…项目83个: only its own
    clause), a month outside its own sentence when that sentence tells a one-off event
    (今年7月，宜昌市…成立14个招商专班。签约的27个项目…: ``RE_EVENT_VERB``), 连续N年 outside its
    own clause (粮食连续五年增产，总产量…: the total is the last year's), 这N年 after a span of
    years in the paragraph (it repeats that span) or before 内/里 (这五年内…还将拨出: a plan's
    frame) and a period inside a quoted phrase the claim is not in (按照“一季度…高于全年目标”
    要求, 加快构建“1个4000亿级…”: see ``_quoted_phrase``). A bare 今年 after an as-of date in its
    sentence (截至2月14日，…今年已签约) gives way to the date. None for a figure after a future
    frame in its sentence (达产后，…) with no period after the frame, after a recent event's
    time word (近日, 日前: see ``RE_PERIOD_RECENT_EVENT``) that follows the period, and for a
    per-year figure (平均每年增长, 年产值可达) unless its period is a span of years
    (近三年，…年均增长8%; 过去五年, 今后三年): their time frame is their own.

    Args:
        text: The article text.
        periods: The paragraph's period matches.
        claim_starts: Start of every claim of the article, in order.
        plo: Paragraph start.
        clo: Start of the claim's clause.
        slo: Start of the claim's sentence.
        pos: Start of the claim.
        section: The period stated by the heading of the claim's section, if any.
    """
    future = RE_FUTURE_FRAME.search(text, slo, pos)
    if (
        future is not None
        and periods.nearest(future.end(), pos) is None
        and text.find(BREAKDOWN_OPEN, future.end(), pos) < 0
    ):
        # 建成达产后，…年产值: unless a period follows (达产后，预计2025年产值…) or 其中 opens a
        # breakdown of what came before (…达产后可实现年产值24.97亿元，其中…项目投资4亿元).
        return None
    per_year = RE_PER_YEAR.search(text, clo, pos) is not None
    end = pos
    pm: re.Match[str] | None = None
    while pm is None:
        found = periods.nearest(plo, end)
        if found is None:
            if section is None:
                return None
            pm = section
            break
        a, z = found.span()
        if RE_PERIOD_FROM_BEFORE.search(text, max(0, a - 1), a) and text.startswith("的", z):
            i = bisect.bisect_left(claim_starts, z)
            if i < len(claim_starts) and claim_starts[i] < pos:
                end = a
                continue
        elif RE_PERIOD_OBJECT_VERB.search(text, max(0, a - 4), a) and a < clo:
            end = a
            continue
        elif found["past"] and text.startswith(("连续", "連續"), a) and a < clo:
            end = a  # 粮食连续五年增产，总产量10570亿斤: the total is not of the five years
            continue
        elif (
            found["mon"]
            and a < slo
            and _event_sentence(text, a, z)
            and not RE_BATCH_AFTER.match(text, z)
        ):
            end = a  # 今年7月，宜昌市…成立14个招商专班。签约的27个项目…: the month dates the event
            continue
        elif (
            found["past"]
            and text.startswith("这", a)
            and (
                text.startswith(("内", "里", "內", "裡"), z)
                or _spans_years(periods.nearest(plo, a))
            )
        ):
            end = a  # 从1979至1981年，…。这三年…: the span named before; 这五年内: a plan's frame
            continue
        else:
            quote = _quoted_phrase(text, a, z, plo)
            if quote is not None and not quote[0] < pos < quote[1]:
                end = a
                continue
        pm = found
    if pm is not section and RE_PERIOD_RECENT_EVENT.search(text, pm.end(), pos):
        return None
    if pm["year"] in ("今年", "本年") and pm.start() > slo:
        before = periods.nearest(slo, pm.start())
        if before is not None and before["am"]:
            pm = before  # 截至2月14日，…今年已签约: as of the date
    spans_years = pm["recent"] or pm["past"] or pm["ahead"] or pm["plan"]
    return pm if not per_year or spans_years else None


def _after_last(text: str, chars: str, lo: int, at: int) -> int:
    """Position after the last of ``chars`` in ``text[lo:at]``, else ``lo``: a clause's start.

    Example:
        >>> _after_last("甲。乙，丙", "。", 0, 5)
        2
    """
    k = max(text.rfind(c, lo, at) for c in chars)
    return k + 1 if k >= 0 else lo


def _event_sentence(text: str, a: int, z: int) -> bool:
    """Whether the sentence holding ``text[a:z]`` tells a one-off event (``RE_EVENT_VERB``)."""
    stop = RE_SENTENCE.search(text, z)
    start = _after_last(text, SENTENCE_CHARS, 0, a)
    return RE_EVENT_VERB.search(text, start, stop.start() if stop else len(text)) is not None


def _spans_years(m: re.Match[str] | None) -> bool:
    """Whether a period match names a span of years (2020至2022年, “十四五”时期, 近三年)."""
    return m is not None and bool(m["yr"] or m["yms"] or m["plan"] or m["past"] or m["recent"])


def _quoted_phrase(text: str, a: int, z: int, lo: int) -> tuple[int, int] | None:
    """The quotation marks around ``text[a:z]`` if it is part of a quoted phrase, else None.

    A quoted phrase is opened after ``lo`` by one of ``QUOTE_OPEN`` with no closing mark before
    ``a``, closed after ``z`` on the same line, and holds no sentence end (a quoted statement
    such as “今年1至10月，我们…。” is not a phrase: its period holds after it) and more than the
    period itself (“十四五”时期 names the period). Returns the positions of the two marks.
    """
    opened = max(text.rfind(q, lo, a) for q in QUOTE_OPEN)
    if opened < 0 or max(text.rfind(q, opened, a) for q in QUOTE_CLOSE) >= 0:
        return None
    line_end = text.find("\n", z)
    line_end = len(text) if line_end < 0 else line_end
    ends = [i for i in (text.find(q, z, line_end) for q in QUOTE_CLOSE) if i >= 0]
    if not ends:
        return None
    closed = min(ends)
    inner = text[opened + 1 : closed]
    if closed - opened - 1 <= z - a or any(c in SENTENCE_CHARS for c in inner):
        return None
    return opened, closed


def _section_periods(
    text: str,
    accept: Callable[[re.Match[str]], bool],
    headings: Sequence[re.Match[str]] | None = None,
) -> tuple[list[int], list[re.Match[str] | None], list[tuple[int, int]]]:
    r"""Where each numbered section of a text starts, and the period its heading states.

    A heading is a line of at most ``SECTION_HEADING_MAX`` characters opening with 一、 or
    第一部分 (top level) or （一） (sub level), without a sentence end (一、2013年工作回顾;
    二、对今年政府工作的建议; （三）2014年重点工作; not （四）加快发展社会事业。, a numbered
    paragraph). Its period is the first ``RE_PERIOD`` match in it that ``accept`` accepts,
    unless the heading names another year or span of years (过去一年和五年工作回顾,
    保证1980、1981年计划的完成: the section has several). A top-level heading opens a section
    with its period (or none) and ends any sub-section; a sub-level heading with a period opens
    a sub-section with it, and one without returns to the top level's. In a section whose heading
    names several periods, a paragraph opening with a period opens a part with it
    (``_period_parts``).

    Returns:
        ``(starts, periods, several)``: the end of each heading line, in text order, and the
        period match that holds from there (``None``: none), both empty when no heading states
        a period; and the spans of the periods of headings that name several (not the period
        of the lines after them either).

    Example:
        >>> text = "一、2013年工作回顾\n产量增长5%。\n二、主要任务\n投资100亿元。"
        >>> starts, found, _ = _section_periods(text, lambda m: True)
        >>> starts, [m.group(0) if m else None for m in found]
        ([11, 26], ['2013年', None])
    """
    starts: list[int] = []
    periods: list[re.Match[str] | None] = []
    several: list[tuple[int, int]] = []
    top: re.Match[str] | None = None
    if headings is None:
        headings = _headings(text)
    for k, h in enumerate(headings):
        line = h.group(0).rstrip()
        lo, hi = h.start(), h.start() + len(line)
        pm = next((m for m in RE_PERIOD.finditer(text, lo, hi) if accept(m)), None)
        parts: list[tuple[int, re.Match[str]]] = []
        if pm is not None and (
            RE_SECTION_OTHER_PERIOD.search(text[lo : pm.start()])
            or RE_SECTION_OTHER_PERIOD.search(text[pm.end() : hi])
        ):
            several.append(pm.span())
            pm = None
            end = headings[k + 1].start() if k + 1 < len(headings) else len(text)
            parts = _period_parts(text, hi, end, accept)
        if h["top"]:
            top = pm
        starts.append(hi)
        periods.append(pm if pm is not None or h["top"] else top)
        for at, m in parts:
            starts.append(at)
            periods.append(m)
    if all(m is None for m in periods):
        return [], [], several
    return starts, periods, several


def _headings(text: str) -> list[re.Match[str]]:
    """The numbered section headings of ``text`` (``_section_periods``), in text order."""
    return [
        h
        for h in RE_SECTION_HEADING.finditer(text)
        if len(h.group(0).strip()) <= SECTION_HEADING_MAX
        and not RE_SECTION_NOT_HEADING.search(h.group(0).rstrip())
    ]


def _review_sections(headings: Sequence[re.Match[str]]) -> tuple[list[int], list[bool]]:
    """Where each numbered section starts, and whether it reviews past work (…工作回顾).

    In a review, the years a report looks back on end with the year before its own: 五年来 in
    the review of the 2023 report is 2018..2022 (as 过去五年 is anywhere). ``headings``:
    ``_headings`` of the text.
    """
    return [h.end() for h in headings], [bool(RE_REVIEW.search(h.group(0))) for h in headings]


def _period_parts(
    text: str, lo: int, hi: int, accept: Callable[[re.Match[str]], bool]
) -> list[tuple[int, re.Match[str]]]:
    """The parts of a section whose heading names several periods (过去一年和五年工作回顾).

    A paragraph opening with a period (过去一年，…; 过去五年极不寻常…; 2022年是…) opens a part
    with that period, up to the next such paragraph. Returns where each part starts and its
    period, in text order.
    """
    out: list[tuple[int, re.Match[str]]] = []
    for line in RE_LINE_START.finditer(text, lo, hi):
        m = RE_PERIOD.match(text, line.end())
        if m is not None and m.end() <= hi and accept(m):
            out.append((line.start(), m))
    return out


def _unit_headings(
    text: str,
    place_hits: Sequence[re.Match[str]],
    headings: Sequence[re.Match[str]] | None = None,
) -> tuple[list[int], list[re.Match[str] | None]]:
    r"""Where each section headed by a unit's name alone starts, and that unit's mention.

    A roundup of a city's districts heads each part with the district's name on a line of its
    own (茅箭区, 【竹溪县】, 郧阳区：). Returns the end of each such line and its place mention,
    in text order; a numbered section heading (``headings``, by default ``_headings`` of the
    text) ends such a section (its entry has no mention).

    Example:
        >>> text = "全市开工。\n茅箭区\n投资5亿元。\n二、全市\n投资9亿元。"
        >>> starts, units = _unit_headings(text, [re.compile("茅箭区").search(text)])
        >>> starts, [m.group(0) if m else None for m in units]
        ([9, 21], ['茅箭区', None])
    """
    if headings is None:
        headings = _headings(text)
    found: list[tuple[int, re.Match[str] | None]] = [(h.end(), None) for h in headings]
    for h in place_hits:
        lo = text.rfind("\n", 0, h.start()) + 1
        hi = text.find("\n", h.end())
        hi = len(text) if hi < 0 else hi
        if RE_HEADING_AROUND.fullmatch(text, lo, h.start()) and RE_HEADING_AROUND.fullmatch(
            text, h.end(), hi
        ):
            found.append((hi, h))
    found.sort(key=lambda x: x[0])
    return [at for at, _ in found], [h for _, h in found]


def _period_date(
    pm: re.Match[str],
    periods: _Hits,
    plo: int,
    date: object,
    section: re.Match[str] | None = None,
) -> object:
    """Return the date a period is normalized with.

    A part of a year without its year (全年, 上半年, 一季度, 12月) belongs to the year of the
    nearest period before it in the paragraph when that one names a year (一九五四年……全年共损失
    is 1954, 去年……全年 the year before the article's, 1984年……其中12月 1984-12; a span of
    several years, 过去五年 or 近两年, names none, nor does a year opening a verb's object,
    面向2030年的…项目: ``RE_PERIOD_OBJECT_VERB``); without one there, to the year of its
    section's heading (``section``: 一、2013年工作回顾 … 全年粮食产量 is 2013); otherwise to the
    article's year.
    """
    if not (pm.group("sub") or pm.group("mon")) or pm.group("rel") or pm.group("mrel"):
        return date
    prev = periods.nearest(plo, pm.start())
    while prev is not None and RE_PERIOD_OBJECT_VERB.search(
        prev.string, max(0, prev.start() - 4), prev.start()
    ):
        prev = periods.nearest(plo, prev.start())  # 面向2030年的…项目 names an aim, not a year
    if prev is None and section is not None and section.start() < pm.start():
        prev = section
    if prev is None:
        return date
    norm = normalize_period(prev, _period_date(prev, periods, plo, date, section))
    year = norm[:4]
    if ".." in norm and norm.rsplit("..", 1)[1][:4] != year:
        return date  # a span of years (过去五年, 近两年) names no single year
    return year if year.isdigit() else date


def _with_agency(text: str, h: re.Match[str], lex: Lexicon) -> re.Match[str]:
    """Return the mention of a place, extended by the bureau or zone of it written right after it.

    A place outside the gazetteer followed by the name of one of its bureaus (襄阳市行政审批局,
    宜昌市商务局) or of a development zone named after it (宜昌高新区, 襄阳东津新区:
    ``RE_ZONE_AFTER``) names that bureau or zone, written as the text writes it; the gazetteer
    lists the bureaus and zones of the units under study itself.
    """
    if lex.place_name.get(h.group(0), "") in lex.home:
        return h
    zone = RE_ZONE_AFTER.match(text, h.end())
    if zone is not None:
        # 宜昌高新区: the zone is the unit (written as the text writes it).
        m = re.compile(re.escape(h.group(0)) + re.escape(zone.group(0))).match(text, h.start())
        return m if m is not None else h
    if not RE_AGENCY_AFTER.match(text, h.end()):
        return h
    m = re.compile(re.escape(h.group(0)) + RE_AGENCY_AFTER.pattern).match(text, h.start())
    return m if m is not None else h


#: Words placing a project at the place after them (项目位于郧阳区, 坐落于…).
SITED_WORDS = ("位于", "位於", "坐落于", "坐落於", "坐落在", "地处", "地處")


def _located_from(text: str, lo: int, at: int) -> int:
    """Where the figures whose subject is the project's place at ``at`` start (``lo``: sentence).

    After 在 at the start of its clause (…投资60亿元，在宜城市建设), the clause continues the one
    before (same actor): the whole sentence. In the middle of a clause (…12个项目在猇亭区开工),
    its clause. After 位于 (``SITED_WORDS``: 项目位于郧阳区城关镇，由…投资46.5亿元): the whole
    sentence.
    """
    if text.endswith(SITED_WORDS, lo, at):
        return lo  # 项目位于郧阳区: where the sentence's project is
    start = _after_last(text, CLAUSE_CHARS, lo, at)
    return lo if text[start:at].strip() == "在" else start


def _mention_units(surface: str, lex: Lexicon) -> list[str]:
    """The unit a place mention names and the units above it.

    For a bureau or zone written after a place (襄阳市行政审批局, 随州高新区: ``_with_agency``),
    the mention as written, then that place and the units above it (随州高新区: 随州高新区,
    随州市, 湖北省).
    """
    name = lex.place_name.get(surface)
    if name is not None:
        return [name, *ancestors(name, lex.parent)]
    m = lex.re_place.match(surface) if lex.re_place is not None else None
    if m is None or m.end() == len(surface):
        return [surface]
    base = lex.place_name.get(m.group(0), m.group(0))
    return [surface, base, *ancestors(base, lex.parent)]


def _full_name(surface: str, lex: Lexicon) -> bool:
    """True if ``surface`` names a place in full (厦门市, 鄖陽區), not by a short form (厦门)."""
    name = lex.place_name.get(surface)
    return name is not None and not _is_short(surface, name)


def _names_province(surface: str, lex: Lexicon) -> bool:
    """True if ``surface`` can tell 全省 its province: a place named in full, or a province.

    A province's short form names it (投资甘肃正被看好); a city's (厦门 in 厦门国贸, a firm among
    a province's investors) does not.
    """
    return _full_name(surface, lex) or lex.level.get(lex.place_name.get(surface, "")) == "province"


def _is_short(surface: str, name: str) -> bool:
    """Return whether ``surface`` is a short form of the place ``name``: it ends otherwise.

    Example:
        >>> _is_short("杭州", "杭州市"), _is_short("甘孜州", "甘孜藏族自治州")
        (True, False)
        >>> _is_short("鄖陽區", "郧阳区")
        False
    """
    return name[-1:] != PLACE_SUFFIX_SIMPLIFIED.get(surface[-1:], surface[-1:])


#: Endings a county-level unit's short form drops (猇亭区 → 猇亭): see ``_short_forms``.
COUNTY_SUFFIXES = ("县", "縣", "区", "區", "市")
#: Characters a county's short form may follow when it follows a Han character: prepositions,
#: conjunctions, list marks and 的 (在猇亭开工, 最大的巴东盘溪槽…项目); after other characters it
#: is read as part of a word (交通城市 is no 通城, 北京山区 no 京山).
SHORT_FORM_AFTER = "在于於至到和与與及、的从從赴由向对對将將把被给給为為是"


def _short_forms(hits: Sequence[re.Match[str]], lex: Lexicon) -> dict[str, str]:
    """Short forms of the county-level units an article names in full, with their names.

    Reporting names a county in full and then often by its short form (猇亭区…在猇亭开工的12个
    项目中, 巴东县…巴东盘溪槽抽水蓄能电站项目, 谷城县…在谷城建设). The places table lists no
    short forms of counties (many are words elsewhere), so they are read only in an article that
    names the unit in full (``hits``: the matches of ``lex.re_place``), for county-level units
    outside the gazetteer, and only short forms of at least two characters that no other place,
    alias or non-place uses. A short form is read where it starts a word: after a non-Han
    character, a character of ``SHORT_FORM_AFTER`` or another place (陕西镇坪段)
    (``_place_mentions``).
    """
    out: dict[str, str] = {}
    for h in hits:
        surface = h.group(0)
        name = lex.place_name.get(surface, "")
        if not name or name in lex.home or lex.level.get(name) != "county":
            continue
        stem = surface[:-1] if surface.endswith(COUNTY_SUFFIXES) else ""
        if len(stem) >= 2 and stem not in lex.place_name and stem not in lex.not_places:
            out[stem] = name
    return out


def _place_mentions(
    text: str,
    lex: Lexicon,
    hits: Sequence[re.Match[str]],
    short_forms: Mapping[str, str] | None = None,
) -> tuple[list[re.Match[str]], dict[int, int], list[re.Match[str]]]:
    """Return the place mentions of ``text``, where the address of each begins, and names.

    ``hits`` are the matches of ``lex.re_place`` in ``text``, and ``short_forms`` the article's
    short forms of counties (``_short_forms``, which ``lex.place_name`` must map): their matches
    outside ``hits`` are mentions too.
    Mentions are matches of ``lex.re_place`` that name a place. Left out: surfaces that name no
    place (``lex.not_places``: 日照, 长白山, which win over the shorter place inside them), a
    name ending in 区 before 域 (区域); for places outside the gazetteer also a short form before
    an organization, firm, street or direction word (中山大学, 浙江传化集团, 南京路, 黄河南岸,
    湖北界: ``RE_SHORT_PLACE_NOT_AFTER``; 北京一轻、…: ``RE_LISTED_NAME_AFTER``; 陕西隆庆…基地等:
    ``RE_LISTED_PROJECT_REST``), a province before a firm named after it
    (湖北省教育投资有限公司: ``RE_FIRM_AFTER``) and a name ending in 市 before 场 (东方市场)
    unless a bureau follows. A mention followed by a bureau of it is extended to the bureau
    (``_with_agency``).
    A place written right before a place inside it is the address of that place, not a mention
    of its own (湖北省十堰市, 陕西省安康市镇坪县: only the last), and so is a province written right
    before a unit whose province is not known (a unit of the gazetteer); the second value maps
    the start of such a last place to the start of its address (what a preposition before the
    address applies to). The third value holds the places left out as the start of a longer
    name (湖北交投襄阳文旅发展有限公司, 咸宁商会): no subjects, but what 全市/该市 can refer to.
    """
    if lex.re_place is None:
        return [], {}, []
    out: list[re.Match[str]] = []
    heads: dict[int, int] = {}
    in_names: list[re.Match[str]] = []
    if short_forms:
        spans = _Spans(h.span() for h in hits)
        ends = {h.end() for h in hits}
        extra = [
            m
            for m in re.compile(alternation(short_forms)).finditer(text)
            if not spans.overlaps(*m.span())
            and (
                m.start() == 0
                or not RE_HAN.match(text, m.start() - 1)
                or text[m.start() - 1] in SHORT_FORM_AFTER
                or m.start() in ends
            )
        ]
        hits = sorted([*hits, *extra], key=lambda h: (h.start(), -h.end()))
    starts = {h.start() for h in hits}
    for h in hits:
        surface = h.group(0)
        if surface in lex.not_places or RE_PLACE_NOT_AFTER.match(text, h.end()):
            continue
        name = lex.place_name.get(surface, "")
        if name in lex.home and _is_short(surface, name) and RE_FIRM_AFTER.match(text, h.end()):
            # 十堰震科工业科技有限公司: the gazetteer's unit names a firm, not a subject.
            in_names.append(h)
            continue
        if name not in lex.home:
            short = _is_short(surface, name)
            if (
                (short and RE_SHORT_PLACE_NOT_AFTER.match(text, h.end()))
                or (short and RE_LISTED_PROJECT_REST.match(text, h.end()))
                or (lex.level.get(name) == "province" and RE_FIRM_AFTER.match(text, h.end()))
                or (short and h.end() not in starts and RE_LISTED_NAME_AFTER.match(text, h.end()))
            ):
                if in_names and in_names[-1].end() == h.start():
                    in_names.pop()  # 上海咸宁商会: the place nearest the name is its home
                in_names.append(h)
                continue
            m = _with_agency(text, h, lex)
            if m is h and RE_MARKET_AFTER.match(text, h.end()):
                continue
            h = m
        if out and out[-1].end() == h.start():
            outer = lex.place_name.get(out[-1].group(0), "")
            above = ancestors(name, lex.parent)
            if outer in above or (not above and lex.level.get(outer) == "province"):
                heads[h.start()] = heads.pop(out[-1].start(), out[-1].start())
                out.pop()
        out.append(h)
    return out, heads, in_names


#: What may stand around a unit's name on a line that heads its section (``_unit_headings``).
RE_HEADING_AROUND = re.compile(r"[\s【】\[\]〔〕（）()：:]*")
#: Verbs after which a 全X scope word is the scope of an event or plan a unit joins (参加全市
#: 集中开工活动, 纳入全省重点项目) or of a task it takes on (该局…承担全市126项行政审批事项,
#: 负责全市项目审批), not the actor of the figures.
JOIN_VERBS = (
    "参加",
    "參加",
    "参与",
    "參與",
    "融入",
    "纳入",
    "納入",
    "列入",
    "承担",
    "承擔",
    "负责",
    "負責",
)
#: Distinct units a sentence names from which it is a breakdown: its last unit does not carry
#: over to the next sentence.
BREAKDOWN_UNITS = 3


def _sentence_units(
    text: str,
    sm: re.Match[str],
    place_hits: Sequence[re.Match[str]],
    place_starts: Sequence[int],
    end: int,
    lex: Lexicon,
) -> list[str]:
    """Return the distinct units named from the start of ``sm``'s sentence to ``end``."""
    lo = _after_last(text, SENTENCE_CHARS, 0, sm.start())
    names: list[str] = []
    for h in place_hits[
        bisect.bisect_left(place_starts, lo) : bisect.bisect_left(place_starts, end)
    ]:
        name = lex.place_name.get(h.group(0), h.group(0))
        if name not in names:
            names.append(name)
    return names


def _common_ancestor(names: Sequence[str], lex: Lexicon) -> str:
    """The nearest unit above every one of ``names`` (``""`` if none).

    The unit containing the units of a breakdown, or two units listed together
    (``_listed_parent``).
    """
    common = [
        a
        for a in ancestors(names[0], lex.parent)
        if all(a in ancestors(n, lex.parent) for n in names[1:])
    ]
    return common[0] if common else ""


#: Words between two units of a list (宜都市、枝江市; 房县和竹山县).
LIST_JOINERS = ("、", "和", "与", "及", "以及")


def _project_names(
    text: str, place_hits: Sequence[re.Match[str]]
) -> tuple[_Hits, dict[str, re.Match[str]]]:
    """Later mentions of projects first named right after their place, and each name's place.

    A list of projects names each with its county (武穴市中化学新祥云新材料、蕲春县中电建绿色建材
    基地等3个项目: a name is a list item, before 、 or 等); a paragraph further on speaks of a
    project by its name alone
    (总投资260亿元的中化学新祥云新材料项目, 中电建绿色建材基地项目投资140亿元). A name counts when
    a later mention is followed by 项目 or the name ends with a project word (基地, 产业园 …).
    Returns those later mentions (searchable by position) and the place of each name.
    """
    places: dict[str, re.Match[str]] = {}
    first_end: dict[str, int] = {}
    for h in place_hits:
        m = RE_NAME_AFTER_PLACE.match(text, h.end())
        if m is not None and m.group() not in places:
            places[m.group()] = h
            first_end[m.group()] = m.end()
    if not places:
        return _Hits([]), {}
    pattern = re.compile("|".join(re.escape(n) for n in sorted(places, key=len, reverse=True)))
    later = [
        m
        for m in pattern.finditer(text)
        if m.start() >= first_end[m.group()]
        and (RE_PROJECT_WORD_END.search(m.group()) or text.startswith(("项目", "項目"), m.end()))
    ]
    return _Hits(later), places


def _project_place(text: str, h: re.Match[str]) -> bool:
    """True if place ``h`` opens the name of a project described before it (…的樊城区…项目)."""
    return (
        text.endswith("的", 0, h.start()) and RE_PROJECT_NAME_REST.match(text, h.end()) is not None
    )


def _project_place_after(
    text: str,
    claim: _Claim,
    clause_hi: int,
    place_hits: Sequence[re.Match[str]],
    place_starts: Sequence[int],
) -> re.Match[str] | None:
    """The place opening the name of the project ``claim`` describes (投资7亿元的樊城区…项目).

    The first place after the claim in its clause, when it follows 的 and opens a project's name
    (``RE_PROJECT_NAME_REST``) and no other place comes between.
    """
    k = bisect.bisect_left(place_starts, claim.tend)
    if k >= len(place_hits) or place_starts[k] >= clause_hi:
        return None
    h = place_hits[k]
    return h if _project_place(text, h) else None


def _starts_between(starts: Sequence[int], lo: int, hi: int) -> Sequence[int]:
    """The sorted ``starts`` in ``[lo, hi)`` (the figures of a 分别 list).

    Example:
        >>> _starts_between([2, 5, 9], 3, 9)
        [5]
    """
    return starts[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]


#: A span of whole years as ``normalize_period`` writes it (2020..2023).
RE_YEAR_SPAN_NORM = re.compile(r"(\d{4})\.\.(\d{4})")


def _respectively_at(text: str, lo: int, hi: int) -> int:
    """Position of the last 分别 (or 分別) in ``text[lo:hi]``, else -1.

    Example:
        >>> _respectively_at("甲、乙分别增长5%、6%", 0, 12)
        3
    """
    return max(text.rfind("分别", lo, hi), text.rfind("分別", lo, hi))


def _respective_list(
    text: str, claim_starts: Sequence[int], claim: _Claim, clause_lo: int, clause_hi: int
) -> tuple[int, Sequence[int]] | None:
    """Return where 分别 stands before ``claim`` in its clause and the figures after it, or None.

    None unless the claim is one of at least two figures after 分别 and no figure stands before
    分别 in the clause (then its list is of something else). ``_respective_measure`` and
    ``_respective_figure`` read such lists.
    """
    at = _respectively_at(text, clause_lo, claim.tstart)
    if at < 0:
        return None
    figures = _starts_between(claim_starts, at, clause_hi)
    if len(figures) < 2 or claim.tstart not in figures:
        return None
    if _starts_between(claim_starts, clause_lo, at):
        return None
    return at, figures


#: Real terms (after deflation) of a growth rate, kept in its name (``_respective_figure``).
RE_REAL_TERMS = re.compile(r"实际|實際")


def _respective_figure(
    text: str,
    rows: Sequence[dict[str, Any]],
    claim_starts: Sequence[int],
    claim: _Claim,
    clause_lo: int,
    clause_hi: int,
    sentence_lo: int,
) -> dict[str, Any] | None:
    """Return the earlier figure that a figure after 分别 pairs with, or None.

    新签约产业项目149个，计划投资763亿元，同比分别增长198%、374%: the figures after 分别 in a clause
    (none before it there, and no words of a measure around 分别) pair in order with as many
    figures before that clause in the sentence, so 198% is the growth of the projects and 374%
    of the investment. ``rows`` are the article's rows so far (``_article_rows``); only one with a
    measure is returned, and only of the figure's kind unless the figure is a percentage or a
    multiple; growth in real terms (分别实际增长) is named so (城镇居民人均可支配收入实际增长率).
    """
    found = _respective_list(text, claim_starts, claim, clause_lo, clause_hi)
    if found is None:
        return None
    at, figures = found
    # Words of a measure around 分别 name the figures themselves (内河和沿海运输企业的货物周转量
    # 分别增长…, 分别达到每亩生产棉花…).
    after = text[at + 2 : figures[0]]
    real = RE_REAL_TERMS.search(after)  # 分别实际增长7.7%和6.8%: growth in real terms
    if not _no_words(text[clause_lo:at]) or not _no_words(RE_REAL_TERMS.sub("", after)):
        return None
    before = [r for r in rows if r["_slo"] == sentence_lo and r["_tstart"] < clause_lo]
    if len(before) < len(figures):
        return None
    donor = before[len(before) - len(figures) + list(figures).index(claim.tstart)]
    if not donor["_stem"] or donor["kind"] == "rank":
        return None
    # A growth rate or a multiple may pair with a figure of any kind; other figures with their own.
    relative = claim.kind in PERCENT_KINDS or claim.unit == "倍"
    if not relative and donor["kind"] != claim.kind:
        return None
    return {**donor, "_stem": donor["_stem"] + real.group(0)} if real else donor


def _respective_year(
    text: str,
    norm: str,
    claim_starts: Sequence[int],
    claim: _Claim,
    clause_lo: int,
    clause_hi: int,
) -> str:
    """Return the year of a span that 分别 pairs with ``claim``, else ``norm`` as given.

    2020年至2023年，…分别为2064个、2489个、2745个、4452个: the figures after 分别 in the claim's
    clause take the span's years in order, when there are as many figures as years (the
    ``period`` column keeps the span as written).
    """
    span = RE_YEAR_SPAN_NORM.fullmatch(norm)
    if span is None:
        return norm
    first, last = int(span.group(1)), int(span.group(2))
    at = _respectively_at(text, clause_lo, claim.tstart)
    if at < 0 or last <= first:
        return norm
    figures = _starts_between(claim_starts, at, clause_hi)
    if len(figures) != last - first + 1:
        return norm
    return str(first + figures.index(claim.tstart))


def _respective_period(
    text: str,
    pm: re.Match[str],
    periods: _Hits,
    claim_starts: Sequence[int],
    claim: _Claim,
    clause_lo: int,
    clause_hi: int,
) -> re.Match[str]:
    """Return the period of a list that 分别 pairs with ``claim``, else ``pm`` as given.

    2021年、2022年，全市生产总值分别增长8.1%和3%; 一季度和二季度分别新增企业12家、15家: the
    periods listed (joined by ``LIST_JOINERS`` only, ``pm`` the last of them) take the figures
    after a 分别 later in their sentence, in order, when the claim's clause holds as many
    figures after it as there are periods.
    """
    listed = [pm]
    while True:
        before = periods.nearest(0, listed[0].start())
        if before is None or text[before.end() : listed[0].start()] not in LIST_JOINERS:
            break
        listed.insert(0, before)
    if len(listed) < 2:
        return pm
    at = _respectively_at(text, pm.end(), claim.tstart)
    if at < 0 or RE_SENTENCE.search(text, pm.end(), at):
        return pm
    figures = _starts_between(claim_starts, max(at, clause_lo), clause_hi)
    if len(figures) != len(listed) or claim.tstart not in figures:
        return pm
    return listed[figures.index(claim.tstart)]


#: Longest item of a list before 分别 that is given the head of the list's last item.
SHARED_HEAD_ITEM = 3
#: One-character heads a list's items share like longer ones (批地、供地量: 批地量, 供地量).
MEASURE_SUFFIXES = frozenset("量额率数值价费")
#: A scope word opening a list item (``_respective_measure``).
RE_SCOPE_HEAD = re.compile(f"^(?:{RE_SCOPE_WORD.pattern})(?=..)")


def _respective_measure(
    text: str,
    claim_starts: Sequence[int],
    claim: _Claim,
    clause_lo: int,
    clause_hi: int,
    places: Collection[str],
    keywords: _Hits | None,
) -> str:
    """Return the measure of a list that 分别 pairs with ``claim``, or "".

    化学需氧量、氨氮排放量要分别下降2%、3%: the measures listed in the clause before 分别 (joined
    by 、/和/与/及, at least two characters each) take its figures in order when there are as
    many figures as measures; short items of one length before a longer last one share its
    head (``SHARED_HEAD_ITEM``).
    ``places`` are the names of the places mentioned in the text. In a list holding indicator
    keywords (``keywords``), an item without one takes the keyword that ends the last item
    (基础设施、制造业投资: 基础设施投资, 制造业投资); when none ends it and some item has none, the
    items share the keyword's measure, as named without the list ("" is returned).
    """
    found = _respective_list(text, claim_starts, claim, clause_lo, clause_hi)
    if found is None:
        return ""
    at, figures = found
    words = RE_MEASURE_LIST_TAIL.sub("", text[clause_lo:at])
    parts = RE_MEASURE_LIST_SPLIT.split(words)
    # A scope opening an item is the figures' subject (全市批地、供地量: 批地, 供地量).
    items = [RE_SCOPE_HEAD.sub("", p) for p in (_phrase(w) for w in parts)]
    if len(items) != len(figures) or not all(len(i) >= 2 for i in items):
        return ""
    # Units or scopes listed (茅箭区、竹山县分别…, 全国和自由贸易试验区…) are the figures' subjects
    # (``_respective_unit``), not their measures.
    if any(RE_SCOPE_WORD.fullmatch(i) or i in places for i in items):
        return ""
    # Short items of one length before a longer last one share its head (小麦、稻谷最低收购价:
    # 小麦最低收购价; 城镇和农村居民人均可支配收入). Longer items are whole names or cut wrongly
    # so (化学需氧量、二氧化硫排放量 is not 化学需氧量放量).
    first = {len(i) for i in items[:-1]}
    shared = False
    if (
        len(first) == 1
        and (size := first.pop()) <= SHARED_HEAD_ITEM
        and (len(items[-1]) > size + 1 or items[-1][size:] in MEASURE_SUFFIXES)
    ):
        head = items[-1][size:]
        items = [i + head for i in items[:-1]] + items[-1:]
        shared = True
    listed = [] if keywords is None else [k.group(0) for k in keywords.between(clause_lo, at)]
    whole = [shared or any(k in i for k in listed) for i in items]  # items naming a measure
    if listed and items[-1].endswith(listed[-1]):
        items = [i if w else i + listed[-1] for i, w in zip(items, whole, strict=True)]
    elif listed and not all(whole):
        return ""  # items around one keyword inside a name: they share its measure
    return items[figures.index(claim.tstart)]


def _respective_unit(
    text: str,
    sm: re.Match[str],
    place_hits: Sequence[re.Match[str]],
    place_starts: Sequence[int],
    claim_starts: Sequence[int],
    claim: _Claim,
    clause_lo: int,
    clause_hi: int,
) -> re.Match[str] | None:
    """Return the unit of a list that 分别 pairs with ``claim``, or None.

    武都区、康县、文县增幅分别达到183%、55%、32%: the units listed before 分别 (joined by
    ``LIST_JOINERS`` only) take the figures of a clause after it in order, when the clause holds
    as many figures as there are units (宜都市、枝江市分别完成3亿元、5亿元，增长10%、12%: both
    clauses pair). ``sm`` is the unit mention nearest before the claim; the claim's clause is
    ``[clause_lo, clause_hi)``.
    """
    m = RE_RESPECTIVELY.match(text, sm.end())
    k = bisect.bisect_left(place_starts, sm.start())
    if m is None or m.end() > claim.tstart or k >= len(place_hits) or place_hits[k] is not sm:
        return None
    if RE_SENTENCE.search(text, m.end(), claim.tstart):
        return None
    units = [sm]
    while k > 0 and text[place_hits[k - 1].end() : units[0].start()] in LIST_JOINERS:
        k -= 1
        units.insert(0, place_hits[k])
    figures = _starts_between(claim_starts, max(m.end(), clause_lo), clause_hi)
    if len(units) < 2 or len(figures) != len(units):
        return None
    return units[figures.index(claim.tstart)]


#: What may stand between the last place of a list and a count of the list (…、广州南沙区等12个).
RE_LIST_COUNT_GAP = re.compile(r"(?:等|共|等共)?")
#: A noun of places after such a count (2个副省级城市, 12个新兴投资热点, 3个县市区).
RE_PLACE_CLASS_AFTER = re.compile(
    r"[^，,。；;、：:！？!?\n]{0,8}?(?:城市|地区|區域|区域|省份|省区|县市区|縣市區|县区|縣區|区县|區縣"
    r"|市州|地市|乡镇|鄉鎮|街道|国家|國家|热点|熱點|城区|城區)"
)


def _counts_listed_places(
    text: str, claim: _Claim, place_hits: Sequence[re.Match[str]], place_starts: Sequence[int]
) -> bool:
    """Whether a count of 个 right after a list of places counts those places.

    成都、沈阳2个副省级城市 and 鄂尔多斯、…、广州南沙区等12个新兴投资热点 count the places listed:
    the figure is no unit's. The places must be adjacent in the list (joined by a list mark) and
    the number follow the last one directly or after 等/共, and a noun of places follow it
    (``RE_PLACE_CLASS_AFTER``: 丹江口市、郧阳区共5个项目 counts projects, the units' own).
    """
    if claim.unit != "个" or not RE_PLACE_CLASS_AFTER.match(text, claim.tend):
        return False
    k = bisect.bisect_left(place_starts, claim.tstart) - 1
    if k < 1:
        return False
    last, prev = place_hits[k], place_hits[k - 1]
    return bool(
        last.end() <= claim.tstart
        and RE_LIST_COUNT_GAP.fullmatch(text, last.end(), claim.tstart)
        and RE_UNIT_LIST_MARK.fullmatch(text, prev.end(), last.start())
    )


def _within_filing_place(
    text: str, hits: Sequence[re.Match[str]], lex: Lexicon
) -> Sequence[re.Match[str]]:
    """``hits`` from the first unit within the filing place of a dateline that opens them.

    When the first hit is followed by 报道, 电 or 讯 (a dateline: 大湾区经济网佛山报道,
    新华社武汉电) and a later hit names a unit within it (南海区 in 佛山市), the hits from that
    unit on, unless it opens a list of units (枝江市、夷陵区: the filing place contains them);
    else ``hits`` as given.
    """
    if len(hits) < 2 or not RE_FILING_AFTER.match(text, hits[0].end()):
        return hits
    place = lex.place_name.get(hits[0].group(0), "")
    for k, h in enumerate(hits[1:], start=1):
        if place and place in ancestors(lex.place_name.get(h.group(0), ""), lex.parent):
            listed = k + 1 < len(hits) and RE_UNIT_LIST_MARK.fullmatch(
                text, h.end(), hits[k + 1].start()
            )
            return hits if listed else hits[k:]
    return hits


#: What follows the place of a dateline (佛山报道, 武汉电, 北京讯).
RE_FILING_AFTER = re.compile(r"(?:报道|報道|电|電|讯|訊)(?:[，,：:\s]|$)")


def _listed_parent(
    text: str,
    sm: re.Match[str],
    place_hits: Sequence[re.Match[str]],
    place_starts: Sequence[int],
    lex: Lexicon,
) -> str:
    """Return the unit a place mention names, or the unit containing the units listed with it.

    Units named together in one clause (经开区党工委…、白浪街道党工委…等12人, 京山市、沙洋县
    先后有28个项目) are the unit containing them: when the mention before this one in its
    clause, joined by a list mark (、和与及), is one of its ancestors, that one is returned; when
    it is another unit, their nearest common ancestor (none: this one). Not when 分别 follows
    the mention in the clause (宜都市、枝江市分别完成3亿元、5亿元: one figure for each), nor when
    a post title ends the first unit's part (湖北省委常委、襄阳市委书记: one person's posts).
    """
    name = lex.place_name.get(sm.group(0), sm.group(0))
    k = bisect.bisect_left(place_starts, sm.start())
    if k == 0:
        return name
    prev = place_hits[k - 1]
    between = text[prev.end() : sm.start()]
    if (
        RE_CLAUSE.search(between)
        or not RE_UNIT_LIST_MARK.search(between)
        or RE_POST_TITLE_END.search(between)
    ):
        return name
    outer = lex.place_name.get(prev.group(0), prev.group(0))
    above = ancestors(name, lex.parent)
    if outer in above:
        return outer
    if outer == name or RE_RESPECTIVELY.match(text, sm.end()):
        return name
    return _common_ancestor([name, outer], lex) or name


def _article_rows(
    art: dict[str, Any], lex: Lexicon, extra_raw: Sequence[tuple[int, int]]
) -> list[dict[str, Any]]:
    written: str = str(art["text"] or "")
    # Text in Traditional characters is read through its Simplified form (the same length, so
    # every position holds): the word lists and patterns are Simplified. What is reported as
    # written (surface, sentence, period, base, qualifier, phrase) is cut from the text itself.
    text = textmap.as_simplified(written)
    n = len(text)
    if not n:
        return []
    omap = art.get(schema.OFFSET_MAP)
    extra = _raw_spans_to_text(extra_raw, omap, n)
    titles = list(RE_TITLE.finditer(text))
    quotes = list(RE_SHORT_QUOTE.finditer(text))
    place_matches = list(lex.re_place.finditer(text)) if lex.re_place is not None else []
    short = _short_forms(place_matches, lex)
    if short:  # this article's short forms of counties are places in it
        lex = dataclasses.replace(lex, place_name={**lex.place_name, **short})
    all_places, heads, in_names = _place_mentions(text, lex, place_matches, short)
    excluded = _excluded_spans(text, lex, extra, titles, quotes, all_places)
    claims = _quantities(text, lex, excluded) + _ranks(text, excluded, lex)
    if not claims:
        return []
    claims.sort(key=lambda c: (c.tstart, c.tend))
    # Drop quantities nested in rank spans and duplicates at the same span.
    kept: list[_Claim] = []
    for c in claims:
        if kept and c.tstart < kept[-1].tend:
            if c.kind == "rank" and kept[-1].kind != "rank":
                kept[-1] = c
            continue
        kept.append(c)
    claims = kept
    subject0 = str(art.get("subject", "") or "")
    rank_spans = _Spans((c.tstart, c.tend) for c in claims if c.kind == "rank")
    title_spans = _Spans([m.span() for m in titles] + [m.span("body") for m in quotes])

    claim_spans = _Spans((c.tstart, c.tend) for c in claims if c.kind != "rank")

    def located(h: re.Match[str]) -> bool:
        """在宜城市建设…, 位于郧阳区: a place where the sentence's project is."""
        a = heads.get(h.start(), h.start())
        if text.endswith(SITED_WORDS, 0, a):
            return True
        return text.endswith("在", 0, a) and RE_LOCATED_VERB.match(text, h.end()) is not None

    def usable(h: re.Match[str]) -> bool:
        a, z = h.span()
        if rank_spans.overlaps(a, z) or title_spans.overlaps(a, z):
            return False
        a = heads.get(a, a)
        if h.groupdict().get("all") and text.endswith("在", 0, a):
            # 在全市新签约154个项目中: a set of the scope, with a figure in it.
            m = RE_SET_SCOPE_END.match(text, z)
            return m is not None and claim_spans.overlaps(z, m.end())
        if h.groupdict().get("all") and text.endswith(JOIN_VERBS, 0, a):
            return False  # 随县参加全市集中开工活动: the event's scope, not the actor
        return not (
            RE_PLACE_PREP.search(text, max(0, a - 2), a)
            or RE_PLACE_PREP_LIST.search(text, max(0, a - 60), a)
        )

    # The lead (the first paragraph) or, when longer, the text before the first claim: where
    # an article names its own unit.
    lead = RE_PARAGRAPH_END.search(text)
    lead_end = max(lead.end() if lead is not None else n, claims[0].tstart)
    own_all = [
        h
        for h in RE_SCOPE_SUBJECT.finditer(text)
        if (h["all"] or "")[:1] in ("我", "本") and h["all"] != "我国" and usable(h)
    ]
    own_words = [h for h in own_all if h.start() < lead_end]
    # 全省/全市 … in the lead (not 全国): the article reports on a province's or a city's whole,
    # as a local paper does.
    lead_scopes = list(RE_SCOPE_SUBJECT.finditer(text, 0, lead_end))
    local_scope = any(
        (h["all"] or "")[:1] == "全" and h["all"] != "全国" and usable(h) for h in lead_scopes
    )

    def province_by_short_form(h: re.Match[str]) -> bool:
        name = lex.place_name.get(h.group(0), "")
        return lex.level.get(name) == "province" and _is_short(h.group(0), name)

    # A province by its short form (北京, 甘肃) is no such unit: national texts name provinces so.
    named = (
        h
        for h in all_places
        if h.start() < lead_end
        and not rank_spans.overlaps(*h.span())
        and not title_spans.overlaps(*h.span())
        and not province_by_short_form(h)
    )
    # A lead in the nation's voice (我国) and none in a unit's (我市/我县) is a national text's.
    national = not own_all and any(h["all"] == "我国" for h in lead_scopes)
    if national or (not own_all and not local_scope and next(named, None) is None):
        # Places outside the gazetteer are units only in a local article: one that speaks of
        # 我市/我县 or names a unit in its lead, and not in the nation's voice. 武汉, 孝感,
        # 上海 in a national report are examples, not the units it reports on.
        all_places = [h for h in all_places if lex.place_name.get(h.group(0), "") in lex.home]
    place_hits = [h for h in all_places if usable(h)]
    place_starts = [h.start() for h in place_hits]
    place_at = {h.start(): h for h in all_places}
    place_names = {h.group(0) for h in all_places}
    # Places of projects (在宜城市建设…): the subject of the figures of their sentence, unless a
    # unit is named between the place and the figure; not of other sentences.
    located_hits = _Hits(
        h for h in all_places if located(h) and not title_spans.overlaps(h.start(), h.end())
    )
    # Every mention outside titles, quotes and rank scopes, also after a preposition
    # (从襄阳市发改委获悉，该市…): what 该市 can refer back to.
    # Not the places of a list opened by a preposition, nor a destination (赴广州、深圳、杭州等地
    # 招商): where a unit's people go, not a unit its text speaks of.
    # A place that starts a longer name counts here (咸宁商会 in a page naming no other city).
    mentions = [
        h
        for h in sorted([*all_places, *in_names], key=lambda h: h.start())
        if not rank_spans.overlaps(*h.span())
        and not title_spans.overlaps(*h.span())
        and not RE_PLACE_PREP_LIST.search(text, max(0, h.start() - 60), h.start())
        and not RE_PLACE_DESTINATION.search(text, max(0, h.start() - 2), h.start())
    ]
    mention_starts = [h.start() for h in mentions]
    name_spans = {h.span() for h in in_names}
    home_named = any(lex.place_name.get(h.group(0), "") in lex.home for h in mentions)
    # Without an article subject, the first unit named there as an actor (a place or
    # 我市/我区/本县, not after a preposition, nor in a title, quote or rank scope) is the
    # article's unit: the claims of paragraphs that name no unit are about it. A place named
    # further on (a county among examples) is not.
    # A province named there is the setting of a local unit named in the same lead (湖北省…
    # 活动举行，…襄阳市委书记…): the first unit below a province, else the province (by its
    # full name: 甘肃 in a national report's lead is an example).
    in_lead = [h for h in place_hits if h.start() < lead_end and not province_by_short_form(h)]
    below = [h for h in in_lead if lex.level.get(lex.place_name.get(h.group(0), "")) != "province"]
    # A place where the report was filed (佛山报道, 武汉电) gives way to a unit within it that the
    # lead names next (大湾区经济网佛山报道，…南海区2025年首季…: 南海区).
    lead_hits = _within_filing_place(text, below or in_lead, lex)
    first = min(
        [*lead_hits[:1], *own_words[:1]],
        key=lambda h: h.start(),
        default=None,
    )
    # The places 全市/我市 look at first without an article subject: the lead's unit and the
    # units above it (竹山县 → 十堰市), before the mentions nearest to the word.
    # A place that only starts a longer name there (兰州日报讯, 咸宁商会) still tells where the
    # article is, when no unit is named.
    lead_units: list[str] = []
    lead_hit = (below or in_lead or [h for h in in_names if h.start() < lead_end])[:1]
    if not subject0 and lead_hit:
        lead_name = lex.place_name.get(lead_hit[0].group(0), "")
        lead_units = [lead_name, *ancestors(lead_name, lex.parent)] if lead_name else []
    default_subject = subject0
    all_keywords = (
        _Hits(lex.re_indicator.finditer(text))
        if lex.re_indicator is not None and not lex.indicators_in_clauses
        else None
    )

    def paragraph(lo: int, hi: int) -> _Paragraph:
        """Return the words claims are read with, in whole clauses ``[lo, hi)``.

        None of these words holds a clause delimiter or looks further than the delimiter after
        it, so the matches there are those of a scan of the whole text (only paragraphs with
        claims are scanned, up to the clause of their last claim). Every lookup stays within
        one paragraph, before the end of the claim's clause.
        """
        i, j = bisect.bisect_left(place_starts, lo), bisect.bisect_left(place_starts, hi)
        subj = [
            h
            for h in RE_SCOPE_SUBJECT.finditer(text, lo, hi)
            if usable(h)
            and not (
                (h["all"] or "").startswith("全")
                and (
                    RE_EVALUATION_AFTER.match(text, h.end())
                    or RE_HONOUR_TITLE_AFTER.match(text, h.end())
                )
            )
        ]
        keywords = all_keywords
        if lex.re_indicator is not None and all_keywords is None:
            keywords = _Hits(lex.re_indicator.finditer(text, lo, hi))
        bases = _Hits(RE_BASE.finditer(text, lo, hi))
        # A year inside a comparison base (比上年, 较2015年) is what the figure is compared
        # with, not the period it is about.
        base_spans = _Spans(m.span() for m in bases.items)
        return _Paragraph(
            changes=_Hits(RE_CHANGE.finditer(text, lo, hi)),
            bases=bases,
            modal=_Hits(
                m
                for m in RE_MODALITY.finditer(text, lo, hi)
                if not title_spans.overlaps(m.start(), m.end())
            ),
            periods=_Hits(
                m
                for m in RE_PERIOD.finditer(text, lo, hi)
                # The year of an evaluation counts also inside the title of the document that
                # published its results (《关于2022年度…综合评价情况的通报》); a five-year plan
                # also quoted (“十四五”时期: a quote is no claim, but its period holds).
                if (
                    m.group("evaly") or m.group("plan") or not excluded.overlaps(m.start(), m.end())
                )
                and not base_spans.overlaps(m.start(), m.end())
                and _is_period(text, m)
                and m.span() not in several_spans
            ),
            subjects=_Hits(subj + place_hits[i:j]),
            keywords=keywords,
        )

    bounds = _segments(text, [c.tstart for c in claims])
    # Runs of consecutive paragraphs holding claims, each scanned once: [start of the first
    # paragraph, end of the last one, end of the clause of the last claim].
    runs: list[list[int]] = []
    run_of: list[int] = []
    for _, chi, *_, plo, phi in bounds:
        if runs and plo <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], phi)
            runs[-1][2] = max(runs[-1][2], chi)
        else:
            runs.append([plo, phi, chi])
        run_of.append(len(runs) - 1)
    para: _Paragraph | None = None
    para_run = -1
    date = _article_date(text, art.get("date", ""))
    date_year = _year_month(date)[0]
    rows: list[dict[str, Any]] = []
    prev_end_by_clause: dict[int, int] = {}
    period_norms: dict[re.Match[str], str] = {}
    claim_starts = [c.tstart for c in claims]
    # The period a numbered section's heading states (一、2013年工作回顾) holds for its claims
    # that have none in their own paragraph.
    headings = _headings(text)
    section_starts, section_periods, several = _section_periods(
        text,
        lambda m: (
            (bool(m.group("evaly") or m.group("plan")) or not excluded.overlaps(m.start(), m.end()))
            and _is_period(text, m)
        ),
        headings,
    )
    several_spans = set(several)  # a heading naming several periods: none of them holds
    review_starts, reviews = _review_sections(headings)
    unit_starts, unit_heads = _unit_headings(text, place_hits, headings)
    project_mentions, project_places = _project_names(text, place_hits)
    parens = [m.span() for m in RE_BRACKETED.finditer(text)]
    paren_starts, paren_ends = [a for a, _ in parens], [b for _, b in parens]
    resolved: dict[re.Match[str], str] = {}

    def resolve(sm: re.Match[str]) -> str:
        """The subject a unit mention or scope word names (memoized per mention)."""
        if sm in resolved:
            return resolved[sm]
        g = sm.groupdict()
        if g.get("all") or g.get("this"):
            ki = bisect.bisect_left(mention_starts, sm.start())
            window = mentions[max(0, ki - 20) : ki]
            if g.get("this") and sm.group(0)[1:] in AGENCY_WORDS:
                # 该公司 refers back to a body: not to a place that starts another body's name
                # (记者走进湖北天为铝业…。该公司…).
                window = [h for h in window if h.span() not in name_spans]
            before = [h.group(0) for h in reversed(window)]
            after = [h.group(0) for h in mentions[ki : ki + 20]]
            earlier = [lex.place_name.get(x, x) for x in before]
            later = [lex.place_name.get(x, x) for x in after]
            if g.get("all"):
                # 全省/我省 also reach the province of a city named (宜昌市 → 湖北省), and 全市
                # the city of a bureau or zone named (随州高新区 → 随州市); never the province
                # of a firm's home (厦门国贸 among a province's investors): only places named
                # in full, and provinces, count for 全省 (``_names_province``).
                if sm.group(0).endswith("省"):
                    before = [x for x in before if _names_province(x, lex)]
                    after = [x for x in after if _names_province(x, lex)]
                earlier = [*lead_units, *(a for x in before for a in _mention_units(x, lex))]
                later = [a for x in after for a in _mention_units(x, lex)]
            name = _resolve_scope(sm.group(0), subject0, lex, earlier, later, home_named)
            if name == sm.group(0) and g.get("this") and lead_units:
                name = lead_units[0]  # 该公司 with no unit before it: the lead's unit
        else:
            name = _listed_parent(text, sm, place_hits, place_starts, lex)
        resolved[sm] = name
        return name

    if not default_subject and first is not None:
        name = resolve(first)
        # A scope word left unresolved (我市 in a page naming no city) names no unit.
        default_subject = "" if name[:1] in ("全", "我", "本", "该") else name

    for c, (clo, chi, slo, shi, stop_lo, plo, _phi), run in zip(
        claims, bounds, run_of, strict=True
    ):
        if para is None or run != para_run:  # claims come in text order
            para, para_run = paragraph(runs[run][0], runs[run][2]), run
        seg_lo = max(clo, prev_end_by_clause.get(clo, clo))
        prev_end_by_clause[clo] = c.tend
        pre = text[seg_lo : c.tstart]
        # Direction and base: nearest word in the governing segment.
        ch = para.changes.nearest(seg_lo, c.tstart)
        change = ""
        level = False  # 增加到/降至/提高为: the number is the level reached, not the change
        if ch is not None and c.kind != "rank":
            change = "increase" if ch["inc"] else "decrease"
            level = text[ch.end() : ch.end() + 1] in ("到", "至", "为", "爲", "為")
        b = para.bases.nearest(clo, c.tstart)
        base = b.group(0) if b is not None and c.kind != "rank" else ""
        md = para.modal.nearest(stop_lo, c.tstart)
        modality = "reported"
        if md is not None and (md["planned"] or md["forecast"]):
            modality = "planned" if md["planned"] else "forecast"
        # Period: nearest in the paragraph (see ``_claim_period``).
        si = bisect.bisect_right(section_starts, c.tstart) - 1
        section = section_periods[si] if si >= 0 else None
        pm = _claim_period(text, para.periods, claim_starts, plo, clo, slo, c.tstart, section)
        if pm is not None and pm is not section:
            pm = _respective_period(text, pm, para.periods, claim_starts, c, clo, chi)
        period = pm.group(0) if pm is not None else ""
        if pm is not None and pm not in period_norms:  # claims of a paragraph share periods
            pdate = _period_date(pm, para.periods, plo, date, section)
            ri = bisect.bisect_right(review_starts, pm.start()) - 1
            if pm["recent"] and ri >= 0 and reviews[ri]:
                pdate = _year_before(pdate)  # 五年来 in a review: the years before the report's
            period_norms[pm] = normalize_period(pm, pdate)
        period_norm = period_norms[pm] if pm is not None else ""
        if period_norm:
            period_norm = _respective_year(text, period_norm, claim_starts, c, clo, chi)
        if modality == "reported" and _after_year_of(period_norm, date_year):
            modality = "planned"  # 2020年达100% in a 2018 article: a target, not a result
        # Subject: nearest explicit unit in the paragraph, else the article subject.
        sm = para.subjects.nearest(plo, c.tstart)
        loc = located_hits.first(slo, shi)
        if (
            loc is not None
            and (sm is None or sm.start() < loc.start())
            and c.tstart >= _located_from(text, slo, heads.get(loc.start(), loc.start()))
        ):
            sm = loc
        subject = default_subject
        if sm is not None:
            subject = resolve(sm)
            paired = _respective_unit(text, sm, place_hits, place_starts, claim_starts, c, clo, chi)
            if paired is not None:
                sm, subject = paired, lex.place_name.get(paired.group(0), paired.group(0))
            if sm.start() < slo and subject0 and subject0 not in ancestors(subject, lex.parent):
                # A unit named in an earlier sentence that does not lie within the article's
                # unit (全县 in a county agency's report, a town as a project's location)
                # holds for that sentence only.
                sm = para.subjects.nearest(slo, c.tstart)
                subject = resolve(sm) if sm is not None else subject0
            elif sm.start() < slo:
                # The last unit of a breakdown (宜昌高新区10个,宜都市3个,…点军区1个。) is not
                # what the next sentence speaks of: the article's unit is, or else the unit
                # containing those of the breakdown.
                breakdown = _sentence_units(text, sm, place_hits, place_starts, slo, lex)
                if len(breakdown) >= BREAKDOWN_UNITS:
                    subject = (
                        default_subject
                        if default_subject and default_subject not in breakdown
                        else _common_ancestor(breakdown, lex) or default_subject
                    )
        # A project named after its figures (投资7亿元、年产10万辆的樊城区…项目, 总投资10亿元的
        # …项目): its place is their subject; a place that names an earlier such project is not.
        site = _project_place_after(text, c, chi, place_hits, place_starts)
        mentioned = project_mentions.nearest(slo, c.tstart)
        if mentioned is None:
            ahead = project_mentions.first(c.tend, chi)
            mentioned = (
                ahead if ahead is not None and text.endswith("的", 0, ahead.start()) else None
            )
        if (
            mentioned is not None
            and site is None
            and (sm is None or sm.start() < mentioned.start())
        ):
            site = project_places[mentioned.group()]
        if site is not None:
            subject = lex.place_name.get(site.group(0), site.group(0))
        elif (
            sm is not None
            and _project_place(text, sm)
            and RE_CLAUSE.search(text, sm.end(), c.tstart)
        ):
            prior: re.Match[str] | None = sm
            while prior is not None and _project_place(text, prior):
                prior = para.subjects.nearest(plo, prior.start() - 1)
            subject = resolve(prior) if prior is not None else default_subject
        # A unit named inside a bracketed aside (…(陕西镇坪段6.26公里)，总投资235亿元) holds there
        # only; a bracket holding just the place is part of a name (正威(丹江口)新能源…项目).
        if sm is not None and site is None:
            pk = bisect.bisect_right(paren_starts, sm.start()) - 1
            if (
                pk >= 0
                and sm.end() <= paren_ends[pk]
                and not paren_starts[pk] <= c.tstart < paren_ends[pk]
                and text[paren_starts[pk] + 1 : paren_ends[pk] - 1] != sm.group(0)
            ):
                outside = para.subjects.nearest(plo, paren_starts[pk])
                subject = resolve(outside) if outside is not None else default_subject
        # A section headed by a unit's name alone: its claims are that unit's unless they name
        # another one (not one containing it).
        ui = bisect.bisect_right(unit_starts, c.tstart) - 1
        head = unit_heads[ui] if ui >= 0 else None
        if head is not None:
            head_unit = lex.place_name.get(head.group(0), head.group(0))
            if not subject or sm is None or subject in ancestors(head_unit, lex.parent):
                subject = head_unit
        if c.kind == "count" and _counts_listed_places(text, c, place_hits, place_starts):
            subject = ""  # 成都、沈阳2个副省级城市: the places listed are counted, no unit's figure
        # Indicator: keyword nearest before the number in the segment; a count's noun after it.
        stem, family, phrase = "", "", _phrase(pre)
        name_lo = seg_lo  # where the words naming the figure start
        if (
            not phrase
            and seg_lo == clo  # the clause's first figure
            and c.kind != "rank"
            and c.unit not in TIME_UNITS  # the time something took (用时)
            # Nothing after the figure in its clause but a bracket or a change (从37万吨增加到
            # 65万吨): no noun or verb after it says what it counts (256项指标, 95%以上的…), and
            # no event is counted (三次提高…).
            and _nothing_named_after(text[c.tend : chi], c.unit)
        ):
            topic = _topic(text, clo, slo, pre, claim_starts)
            if topic is not None:
                name_lo, phrase = topic
        phrase, unit_only = _without_unit(text, phrase, name_lo, c.tstart, place_at)
        if c.unit in TIME_UNITS and (not phrase or RE_DURATION_PHRASE.search(text, clo, c.tstart)):
            phrase = "用时"  # 仅用40天, 一天内就…: the time something took
        post_head = _post_phrase(text[c.tend : chi]) if c.noun_after else ""
        cands: list[re.Match[str]] = []
        kw_hits = para.keywords
        if kw_hits is not None:
            if post_head and c.kind in ("count", "other", "money"):
                off = int(text[c.tend : c.tend + 1] in "“‘「")
                off += int(text[c.tend + off : c.tend + off + 1] == "的")
                k = kw_hits.first(c.tend, c.tend + off + len(post_head))
                if k is not None:
                    cands.append(k)
            k = kw_hits.nearest(name_lo, c.tstart)
            if k is not None:
                cands.append(k)
            if not cands and c.kind == "rank":
                k = kw_hits.nearest(clo, c.tstart)
                if k is not None:
                    cands.append(k)
        kw_at: int | None = None  # where the keyword naming the figure starts
        for k in cands:
            info = lex.indicators[k.group(0)]
            if info["kinds"] and c.kind not in info["kinds"]:
                continue
            stem, family, kw_at = info["name"], info["family"], k.start()
            # 新签约招商引资项目: prefer 签约项目 (earlier, more specific) over the generic 项目.
            if kw_hits is not None and k.end() <= c.tstart:
                for other in kw_hits.between(name_lo, k.start()):
                    o = lex.indicators[other.group(0)]
                    if (
                        o["name"] != stem
                        and o["name"].endswith(stem)
                        and not (o["kinds"] and c.kind not in o["kinds"])
                    ):
                        stem, family = o["name"], o["family"]
                        break
            if info["sector"] and stem == info["name"]:
                stem = _sector(text, max(clo, k.start() - SECTOR_REACH), k.start(), place_at) + stem
            rate = RE_RATE_AFTER.match(text, k.end(), c.tstart) if c.kind == "percent" else None
            if rate is not None:
                stem += rate.group(0)  # 年度计划投资完成率达72%: the rate of what the keyword names
            elif c.kind in PERCENT_KINDS:
                stem = _share_of(text, stem, k, clo, c.tstart) or stem
            break
        if post_head and (not phrase or c.noun_after):
            phrase = post_head if not stem or stem in post_head else phrase or post_head
        # A list before 分别 names each figure; it replaces a keyword's measure only when the
        # keyword is in the list (基础设施、制造业投资分别增长…; 进口、出口通关时间分别压减…).
        listed = (
            _respective_measure(text, claim_starts, c, clo, chi, place_names, kw_hits)
            if not stem
            or (kw_at is not None and clo <= kw_at and _respectively_at(text, kw_at, c.tstart) >= 0)
            else ""
        )
        if listed and stem:
            stem = listed
        phrase = listed or phrase
        pair = (
            None
            if stem or listed
            else _respective_figure(text, rows, claim_starts, c, clo, chi, slo)
        )
        if pair is not None:  # 分别实际增长7.7%和6.8%: the earlier figures' measures, in order
            stem, family = pair["_stem"], pair["family"]
        prev = rows[-1] if rows else None
        same = prev is not None and prev["_slo"] == slo and c.kind != "rank"
        if listed and same and prev is not None and prev["kind"] == c.kind and not change:
            # 分别下降2%、3%: the direction and base said once hold for every figure of the list.
            change, base, level = prev["change"], base or prev["base"], prev["_level"]
        if (
            same
            and prev is not None
            and not listed
            and pre
            and not RE_LIST_GAP.sub("", pre)
            and not post_head
            and prev["kind"] == c.kind
        ):
            # 分别增长9.4%、9.1%: a list continues the previous claim (or, after figures of
            # several measures, pairs with them: ``_respective_figure``).
            pair = pair or prev
            stem, family = pair["_stem"], pair["family"]
            change, base, level = change or prev["change"], base or prev["base"], prev["_level"]
        elif (
            same
            and prev is not None
            and (c.kind in PERCENT_KINDS or c.kind == prev["kind"])
            and not stem
            and not phrase
            and not post_head
            and not _strip_tail_words("".join(RE_HAN_RUN.findall(_without_times(pre))))
        ):
            stem, family = prev["_stem"], prev["family"]  # 369个，同比增长34.2%
            if c.kind in PERCENT_KINDS and change and change == prev["change"]:
                base = base or prev["base"]  # 同比减少41起，下降41.41%: the same comparison
            if not period:  # a breakdown's line took the total's period
                period, period_norm = prev["period"], prev["period_norm"]
        elif unit_only and not stem and not post_head:
            # A breakdown by unit (其中，宜昌高新区10个，宜都市3个; 东宝区完成77.1亿元): what the
            # nearest earlier figure of the same kind and unit measures, in its sentence, of a
            # unit containing this one (the total broken down: 全市完成…355亿元) or, after 其中,
            # in the sentence before.
            above = ancestors(subject, lex.parent) if subject else []
            prev_sentence = max((r["_slo"] for r in rows if r["_slo"] < slo), default=-1)
            opens = text[slo : slo + 8].lstrip().startswith(BREAKDOWN_OPEN)
            donor = next(
                (
                    r
                    for r in reversed(rows[-BREAKDOWN_REACH:])
                    if r["_stem"]
                    and r["kind"] == c.kind
                    and r["unit"] == c.unit
                    and (
                        r["_slo"] == slo
                        or r["subject"] in above
                        or (opens and r["_slo"] == prev_sentence)
                    )
                ),
                None,
            )
            if donor is not None:
                stem, family = donor["_stem"], donor["family"]
                if not period:  # and the total's period (a line of its own has none)
                    period, period_norm = donor["period"], donor["period_norm"]
        unit = c.unit
        kind = c.kind
        if kind == "other" and not unit and c.multiplier > 1:
            k_money = family in ("investment", "fiscal", "finance", "economy", "tourism")
            if k_money:
                kind, unit = "money", "元"
        if c.kind == "rank":
            family = "ranking"
            own = _strip_tail_words("".join(RE_HAN_RUN.findall(text[c.tstart : c.tend])))
            own = RE_RANK_VERB.sub("", own)
            own = RE_SCOPE_WORD.sub("", own)
            own = re.sub(r"第.*$", "", own)
            if c.unit in ("首创", "首家", "首个", "率先"):
                after = _post_phrase(text[c.tend : chi]) or RE_HAN_RUN.match(text, c.tend)
                what = after if isinstance(after, str) else ""
                indicator = c.unit + (what or phrase or stem)
            elif not own and not phrase and prev is not None and prev["_slo"] == slo:
                indicator = prev["indicator"] if prev["kind"] == "rank" else stem or "排名"
            else:
                indicator = own or phrase or stem or "排名"
        else:
            family = family or c.family_hint or "other"
            indicator = _indicator_name(
                stem or phrase or "未识别",
                kind,
                unit,
                # 减时率达89%: a rate named by its change word is named as written
                "" if level or (ch is not None and "率" in text[ch.end() : c.tstart]) else change,
                _name_base(base, period_norm),
            )
        rows.append(
            {
                "file": art.get("file", ""),
                "article_id": art.get("article_id", ""),
                "start": c.tstart,
                "end": c.tend,
                "surface": written[c.tstart : c.tend],
                "sentence": written[slo:shi].strip(),
                "subject": subject,
                "indicator": indicator,
                "family": family,
                "value": c.value,
                "multiplier": c.multiplier,
                "unit": unit,
                "normalized_value": c.normalized,
                "approx": c.qualifier,
                "change": change,
                "base": base,
                "period": period,
                "kind": kind,
                "qualifier": c.words,
                "period_norm": period_norm,
                "modality": modality,
                "scope": c.scope,
                "phrase": phrase,
                "pair_id": "",
                "pair_role": "",
                "sentence_start": slo,
                "sentence_end": shi,
                "_tstart": c.tstart,
                "_tend": c.tend,
                "_slo": slo,
                "_level": level,
                "_stem": stem or (phrase if c.kind != "rank" else ""),
            }
        )
    if omap is not None and rows:
        starts = np.array([r["start"] for r in rows] + [r["sentence_start"] for r in rows])
        ends = np.array([r["end"] for r in rows] + [r["sentence_end"] for r in rows])
        rs, re_ = omap.to_raw(starts, ends)
        nrows = len(rows)
        for i, r in enumerate(rows):
            r["start"], r["end"] = int(rs[i]), int(re_[i])
            r["sentence_start"] = int(rs[nrows + i])
            r["sentence_end"] = int(re_[nrows + i])
    _link_pairs(rows, text)
    if text is not written:
        for r in rows:
            for col in WRITTEN_COLUMNS:
                r[col] = _as_written(r[col], text, written, r["_tend"] + QUALIFIER_REACH)
    return rows


def _as_written(words: str, text: str, written: str, end: int) -> str:
    """Return ``words`` (``|``-joined) of ``text`` as ``written`` has them.

    ``text`` is ``written`` in Simplified characters (``textmap.simplify``: the same length).
    Each word is looked for ending at or before ``end`` (the last such place), else after it,
    and replaced by the characters of ``written`` there; a word not found (a phrase trimmed of
    inner words) stays as it is.

    Example:
        >>> _as_written("约", "利润率约12.5%", "利潤率約12.5%", 9)
        '約'
        >>> _as_written("较上年|增长", "较上年增长5%", "較上年增長5%", 7)
        '較上年|增長'
    """
    out = []
    for word in words.split("|") if words else ():
        at = text.rfind(word, 0, end)
        if at < 0:
            at = text.find(word, end)
        out.append(written[at : at + len(word)] if at >= 0 else word)
    return "|".join(out)


#: Columns a claim row gives as written (``_as_written``) when its text is read through its
#: Simplified form; surface and sentence are cut from the text by position.
WRITTEN_COLUMNS = ("base", "period", "qualifier", "phrase")
#: How far after a claim ``_as_written`` looks for its words (a qualifier after the number).
QUALIFIER_REACH = 12


def _link_pairs(rows: list[dict[str, Any]], text: str) -> None:
    """Link before→after pairs in place: 由改革前的81项精简整合为38项."""
    for a, b in itertools.pairwise(rows):
        if a["kind"] == "rank" or b["kind"] == "rank" or a["_slo"] != b["_slo"]:
            continue
        mid = text[a["_tend"] : b["_tstart"]]
        mm = RE_PAIR_MID.match(mid)
        if not mm or not RE_PAIR_FROM.search(text, max(0, a["_tstart"] - 10), a["_tstart"]):
            continue
        verb = mm["verb"]
        inc = verb in ("提高", "提升", "增加", "增长", "扩大", "上升", "增", "增長", "擴大")
        direction = "increase" if inc else ("" if verb == "调整" else "decrease")
        pair_id = f"{a['article_id']}:{a['start']}"
        a.update(pair_id=pair_id, pair_role="before", change=direction)
        b.update(pair_id=pair_id, pair_role="after", change=direction)
        # Both numbers are levels (from 81项 to 38项): one indicator, named without a direction.
        stem = a["_stem"] or "未识别"
        a["indicator"] = _indicator_name(stem, a["kind"], a["unit"], "", a["base"])
        b["indicator"] = _indicator_name(stem, b["kind"], b["unit"], "", b["base"])
        b["family"] = a["family"]


def extract(
    articles: pd.DataFrame,
    *,
    units: pd.DataFrame,
    indicators: pd.DataFrame,
    gazetteer: pd.DataFrame | None = None,
    slogan_lexicon: pd.DataFrame | None = None,
    exclude: Iterable[str | re.Pattern[str]] = (),
    slogan_hits: pd.DataFrame | None = None,
    places: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Extract every quantitative claim from the articles' cleaned text.

    Args:
        articles: ARTICLES table with ``text`` and (in memory) ``offset_map``; without the map,
            offsets are positions in ``text``.
        units: Units table from ``lexicons.load_units``.
        indicators: Indicator keywords from ``lexicons.load_indicators``.
        gazetteer: Places (``name``, ``aliases``, ``level``, ``parent``) for subjects and for
            place names that are not claims (六里坪镇).
        slogan_lexicon: Slogans (``canonical``, ``variants``); their spans are not claims.
        exclude: More strings or compiled regexes whose matches are not claims.
        slogan_hits: Optional SLOGAN_HITS table (``article_id``, ``start``, ``end`` raw offsets)
            whose spans are not claims.
        places: Other places named in reporting, beside the units under study (same columns
            as ``gazetteer``; ``lexicons.load_places()``): subjects where they are named
            (宜昌市, 猇亭区), never the home of 全市/我市.

    Returns:
        One row per claim with ``schema.METRICS`` columns: file, article_id, start, end (raw
        offsets; ``raw[start:end]`` is the claim), surface (the claim in the cleaned text),
        sentence, subject, indicator, family, value (as written), multiplier (万 = 1e4),
        unit (canonical), normalized_value (value × multiplier × unit scale; percent and
        percentage points stay in their unit), approx (``at_least``/``at_most``/``about``/``""``),
        change (``increase``/``decrease``/``""``), base (同比, 较上年 … as written), period (as
        written), kind (count, money, percent, percentage_point, rank, other); plus qualifier
        (the qualifier words as written, ``|``-joined: 余, 以上, 超 …), period_norm (e.g.
        ``2023-H1``), modality (reported, planned, forecast), scope (全省 … for ranks),
        phrase (the governing words), pair_id and pair_role (``before``/``after`` for
        由81项精简为38项), sentence_start and sentence_end (raw offsets of the sentence).
        Sorted by file, article_id, start, end.

    Example:
        >>> rows = [{"raw": "上半年签约项目51个。", "date": "2023-07-01"}]
        >>> arts = make_articles(rows)  # doctest: +SKIP
        >>> extract(arts, units=load_units(), indicators=load_indicators())[
        ...     ["value", "unit", "indicator", "period_norm"]].values.tolist()  # doctest: +SKIP
        [[51.0, '个', '签约项目数', '2023-H1']]
    """
    schema.require_columns(articles, ["file", "article_id", "text"], func="metrics.extract")
    lex = prepare(units, indicators, gazetteer, slogan_lexicon, exclude, places)
    hits_by_article: dict[str, list[tuple[int, int]]] = {}
    if slogan_hits is not None and len(slogan_hits):
        schema.require_columns(slogan_hits, ["article_id", "start", "end"], func="metrics.extract")
        for aid, s, e in zip(
            slogan_hits["article_id"], slogan_hits["start"], slogan_hits["end"], strict=True
        ):
            hits_by_article.setdefault(str(aid), []).append((int(s), int(e)))
    rows: list[dict[str, Any]] = []
    used = ["file", "article_id", "text", "subject", "date", schema.OFFSET_MAP]
    for art in records(articles, used):
        rows.extend(_article_rows(art, lex, hits_by_article.get(str(art["article_id"]), [])))
    if not rows:
        return schema.empty(COLUMNS)
    # Built column by column, with only the columns returned and the tie-break.
    df = pd.DataFrame({c: [r[c] for r in rows] for c in (*COLUMNS, "_tstart")})
    df = df.sort_values(
        ["file", "article_id", "start", "end", "_tstart"], kind="mergesort"
    ).reset_index(drop=True)
    return df[list(COLUMNS)]


#: Numeric columns of the metrics table (restored by ``restore_types`` after reading CSV).
NUMERIC_COLUMNS = (
    "start",
    "end",
    "value",
    "multiplier",
    "normalized_value",
    "sentence_start",
    "sentence_end",
)


def restore_types(metrics: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a metrics table read from CSV with numeric columns as numbers.

    ``table_files.read`` keeps every value as text (blank for a missing value); this turns
    ``value``, ``normalized_value`` … back into floats (blank → NaN) and offsets into integers.

    Example:
        >>> restore_types(pd.DataFrame({"value": ["51", ""]}))["value"].tolist()
        [51.0, nan]
    """
    out = metrics.copy()
    for col in NUMERIC_COLUMNS:
        if col in out:
            out[col] = pd.to_numeric(out[col].replace("", np.nan), errors="coerce")
    for col in ("start", "end", "sentence_start", "sentence_end"):
        if col in out and out[col].notna().all():
            out[col] = out[col].astype("int64")
    return out
