"""Parse Chinese, Arabic and mixed numerals into numbers; never raise on bad input.

Forms understood (after or before NFKC; full-width digits are folded here too):

- Arabic: ``51``, ``303.98``, ``1,234.5``, ``５０``.
- Chinese: ``两``, ``一千二百三十四``, ``十二``, ``一千零五``, ``三万五`` (= 35000), ``二〇二三``
  (digit by digit), ``十二点五``, traditional ``兩``/``萬``/``億``/``點`` and financial
  ``壹贰叁…拾佰仟``.
- Prefixes: ``第十`` (ordinal: 10), ``百分之十二点五`` (12.5, the percent sign is the caller's
  business), fractions ``三分之一``; ``一半``/``半`` are 0.5.
- Mixed with a multiplier: ``1.85亿`` → value 1.85 × 1e8, ``1.33万``, ``2000余万`` (``余``/``多``
  between number and multiplier is an *at least* qualifier), combined multipliers ``千万``,
  ``万亿``, and the old ``万万`` (= 亿).

Malformed input (``1..5亿``, ``一亿亿``, ``十十``, empty strings, overflow to infinity) gives
``None``; no function in this module raises on any string.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from typing import NamedTuple

#: Value of each Chinese digit character (simplified, traditional and financial forms).
DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "貳": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
#: Place units below ten thousand.
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
#: Section units (ten thousand and a hundred million).
BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
#: Characters that mark the decimal point in Chinese numerals.
POINTS = frozenset("点點")
#: Every character that can occur in a Chinese numeral.
CN_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "点點"

# An Arabic number: digits, optional thousands separators, optional decimals.
RE_ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+", re.ASCII)
# Arabic number, optional 余/多 qualifier, then multiplier characters (1.85亿, 2000余万).
RE_MIXED = re.compile(
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?P<q>[余多])?(?P<mult>[十百千万亿萬億]+)", re.ASCII
)
# A Chinese fraction: 三分之一, 百分之十二点五 is handled before this.
RE_FRACTION = re.compile(r"(?P<den>.+?)分之(?P<num>.+)")


class Number(NamedTuple):
    """A parsed number.

    Attributes:
        value: The number as written before the multiplier (1.85 in ``1.85亿``).
        multiplier: Product of the multiplier characters (1e8 for ``亿``; 1.0 when none).
        qualifier: ``"at_least"`` when ``余``/``多`` sits inside the numeral, else ``""``.
    """

    value: float
    multiplier: float
    qualifier: str

    @property
    def total(self) -> float:
        """``value * multiplier``."""
        return self.value * self.multiplier


def _finite(x: float | None) -> float | None:
    if x is None or not math.isfinite(x):
        return None
    return x


def multiplier(chars: str) -> float | None:
    """Return the product of multiplier characters, or ``None`` for an invalid sequence.

    Valid: ``十``, ``百``, ``千``, ``万``, ``亿`` and decreasing-then-big combinations such as
    ``千万``, ``百万``, ``十万``, ``万亿``, ``万万``; invalid: ``亿亿``, ``十十``, ``万千``.

    Example:
        >>> multiplier("万亿"), multiplier("亿亿")
        (1000000000000.0, None)
    """
    if not chars:
        return 1.0
    total = 1.0
    last_small = 10**9
    seen_big: list[int] = []
    for ch in chars:
        if ch in SMALL_UNITS:
            u = SMALL_UNITS[ch]
            if seen_big or u >= last_small:
                return None
            last_small = u
            total *= u
        elif ch in BIG_UNITS:
            b = BIG_UNITS[ch]
            if b == BIG_UNITS["亿"] and BIG_UNITS["亿"] in seen_big:
                return None
            if b == BIG_UNITS["万"] and seen_big.count(b) >= 2:
                return None
            if b == BIG_UNITS["万"] and BIG_UNITS["亿"] in seen_big:
                return None
            seen_big.append(b)
            total *= b
        else:
            return None
    return total


def _fold(s: str) -> str:
    """NFKC-fold a string (full-width digits, commas and points) and strip blanks."""
    return unicodedata.normalize("NFKC", s).strip()


def _digit_string(s: str) -> float | None:
    """Parse digit-by-digit Chinese numerals (二〇二三 → 2023), with an optional 点 part."""
    if not s:
        return None
    parts = re.split("[点點]", s)
    if len(parts) > 2 or not parts[0]:
        return None
    if any(ch not in DIGITS for ch in "".join(parts)):
        return None
    out = "".join(str(DIGITS[ch]) for ch in parts[0])
    if len(parts) == 2:
        if not parts[1]:
            return None
        out += "." + "".join(str(DIGITS[ch]) for ch in parts[1])
    return float(out)


def _cn_integer(s: str) -> int | None:
    """Parse a positional Chinese integer (一千二百三十四, 十二, 三万五, 七万万)."""
    if not s:
        return None
    if not any(ch in SMALL_UNITS or ch in BIG_UNITS for ch in s):
        v = _digit_string(s)
        return None if v is None else int(v)
    total = 0  # completed 亿 sections
    section = 0  # completed 万 part below 亿
    small = 0  # part below 万
    num: int | None = None
    last_small = 10**9  # last small unit used in the current group
    last_unit = 0  # value of the last unit of any kind, for 三万五 (= 35000)
    zero_seen = False
    prev = ""
    for ch in s:
        if ch in DIGITS:
            d = DIGITS[ch]
            if d == 0:
                zero_seen = True
                if num is not None:
                    return None
                prev = ch
                continue
            if num is not None:
                return None
            num = d
        elif ch in SMALL_UNITS:
            u = SMALL_UNITS[ch]
            if u >= last_small:
                return None
            if num is None and prev not in ("",) and u != 10:
                return None
            small += (1 if num is None else num) * u
            num = None
            last_small = u
            last_unit = u
            zero_seen = False
        elif ch in BIG_UNITS:
            b = BIG_UNITS[ch]
            group = small + (num or 0)
            if b == 10_000:
                if group == 0:
                    if prev in ("万", "萬") and section and not small:
                        section *= 10_000  # 七万万 = 7 × 10^8 (old usage)
                        prev = ch
                        last_unit = 10**8
                        continue
                    return None
                if section and prev not in ("万", "萬"):
                    return None
                section = group * 10_000
            else:
                if group == 0 and section == 0:
                    return None
                if total:
                    return None
                total = (section + group) * 100_000_000
                section = 0
            small = 0
            num = None
            last_small = 10**9
            last_unit = b
            zero_seen = False
        else:
            return None
        prev = ch
    if num is not None:
        # 三万五 / 一千二: a trailing digit right after a unit counts one place lower.
        if prev in DIGITS and last_unit > 10 and not zero_seen and s[-2:-1] not in DIGITS:
            small += num * (last_unit // 10)
        else:
            small += num
    return total + section + small


def _cn_number(s: str) -> float | None:
    """Parse a Chinese numeral that may carry a decimal part (十二点五)."""
    if not s:
        return None
    points = [i for i, ch in enumerate(s) if ch in POINTS]
    if len(points) > 1:
        return None
    if not points:
        v = _cn_integer(s)
        return None if v is None else float(v)
    i = points[0]
    head, tail = s[:i], s[i + 1 :]
    if not tail or any(ch not in DIGITS for ch in tail):
        return None
    # A trailing big unit after the decimals (一点五亿) scales the whole number.
    ip = _cn_integer(head) if head else None
    if ip is None:
        return None
    return float(f"{ip}.{''.join(str(DIGITS[c]) for c in tail)}")


def parse(s: str) -> Number | None:
    """Parse a numeral into value, multiplier and inner qualifier; ``None`` if malformed.

    Args:
        s: The numeral as written (Arabic, full-width, Chinese or mixed; prefixes 第 and
            百分之 allowed).

    Returns:
        A ``Number`` or ``None``. Chinese numerals are returned whole (multiplier 1) except a
        trailing 万/亿 section unit after decimals (一点五亿 → 1.5 × 1e8).

    Example:
        >>> parse("1.85亿")
        Number(value=1.85, multiplier=100000000.0, qualifier='')
        >>> parse("2000余万").total, parse("1..5亿")
        (20000000.0, None)
    """
    if not isinstance(s, str):
        return None
    return _parse_memo(s)


@functools.lru_cache(maxsize=1 << 14)
def _parse_memo(s: str) -> Number | None:
    """``_parse`` of ``s``, ``None`` where it raises; memoized (texts repeat their numerals)."""
    try:
        return _parse(s)
    except (ValueError, OverflowError, ArithmeticError, TypeError):
        return None


def _parse(s: str) -> Number | None:
    if not isinstance(s, str):
        return None
    t = _fold(s).replace(" ", "")
    if not t or len(t) > 200:
        return None
    if t.startswith("第"):
        t = t[1:]
    if t.startswith("百分之"):
        t = t[3:]
    if t in ("半", "一半"):
        return Number(0.5, 1.0, "")
    m = RE_ARABIC.fullmatch(t)
    if m:
        v = _finite(float(t.replace(",", "")))
        return None if v is None else Number(v, 1.0, "")
    m = RE_MIXED.fullmatch(t)
    if m:
        mult = multiplier(m["mult"])
        v = _finite(float(m["num"].replace(",", "")))
        if mult is None or v is None or _finite(v * mult) is None:
            return None
        return Number(v, mult, "at_least" if m["q"] else "")
    f = RE_FRACTION.fullmatch(t)
    if f:
        den = _parse(f["den"])
        num = _parse(f["num"])
        if den is None or num is None or den.total == 0:
            return None
        return Number(num.total / den.total, 1.0, "")
    if any(ch not in CN_CHARS for ch in t):
        return None
    # Chinese with decimals and a trailing section unit: 一点五亿 = 1.5 × 1e8.
    if any(ch in POINTS for ch in t) and t[-1] in BIG_UNITS:
        j = len(t)
        while j > 0 and t[j - 1] in BIG_UNITS:
            j -= 1
        mult = multiplier(t[j:])
        v = _cn_number(t[:j])
        if mult is None or v is None:
            return None
        return Number(v, mult, "")
    # Chinese ending in section units with none before (五百七十五万, 三万亿): split them off.
    j = len(t)
    while j > 0 and t[j - 1] in BIG_UNITS:
        j -= 1
    if 0 < j < len(t) and not any(ch in BIG_UNITS for ch in t[:j]):
        mult = multiplier(t[j:])
        head = _finite(_cn_number(t[:j]))
        if mult is None or head is None:
            return None
        return Number(head, mult, "")
    v = _finite(_cn_number(t))
    return None if v is None else Number(v, 1.0, "")


def parse_number(s: str) -> float | None:
    """Return the total value of a numeral (value × multiplier), or ``None`` if malformed.

    Example:
        >>> parse_number("一千二百三十四"), parse_number("1.33万"), parse_number("一亿亿")
        (1234.0, 13300.0, None)
    """
    n = parse(s)
    return None if n is None else _finite(n.total)
