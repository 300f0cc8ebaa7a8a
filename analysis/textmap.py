"""NFKC analysis copies of raw text, with a map from every analysis position back to the raw file.

The raw text is never changed. Analysis works on a normalized copy (NFKC: full-width digits,
letters and punctuation become ASCII, compatibility ideographs become their unified forms; HTML
character references a scraper left in, such as ``&ldquo;``, become the characters they stand for);
an ``OffsetMap`` turns any span of that copy back into ``start``/``end`` offsets of the raw file,
so that ``raw[start:end]`` is the text a token, slogan hit or metric came from.

The map is a list of *runs*. Run ``i`` covers analysis positions ``[text_starts[i], next)`` and raw
offsets ``[raw_starts[i], raw_starts[i] + raw_lens[i])``. A run whose two lengths are equal maps
position by position; any other run (``…`` → ``...``, or a separator inserted between paragraphs
that has no raw character) maps as a whole.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]

# An HTML character reference left in scraped text (&nbsp;, &ldquo;, &#12288;, &#x201C;): the
# analysis copy holds the character it stands for (after NFKC), the raw text the reference.
RE_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _entity(ref: str) -> str:
    """The NFKC text of an HTML character reference, or ``""`` if it stands for none."""
    decoded = html.unescape(ref)
    return "" if decoded == ref else unicodedata.normalize("NFKC", decoded)


def unescape(text: str) -> str:
    """Return ``text`` with its HTML character references replaced (as the analysis copy has them).

    Example:
        >>> unescape("&ldquo;三抓三提&rdquo;&nbsp;促进 &copy")
        '“三抓三提” 促进 &copy'
    """
    if "&" not in text:
        return text
    return RE_ENTITY.sub(lambda m: _entity(m.group()) or m.group(), text)


# A sentence or clause (with its closing mark): the unit of phrase-level script conversion.
RE_CONVERT_SEGMENT = re.compile(r"[^。！？!?；;\n]*[。！？!?；;\n]|[^。！？!?；;\n]+")


@dataclass(frozen=True, eq=False)
class OffsetMap:
    """Piecewise map from analysis-text positions to raw-file offsets.

    Attributes:
        text_starts: Start position in the analysis text of each run (ascending, first is 0).
        raw_starts: Raw offset where each run starts.
        raw_lens: Number of raw characters each run covers.
        text_len: Length of the analysis text.
    """

    text_starts: IntArray
    raw_starts: IntArray
    raw_lens: IntArray
    text_len: int

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, OffsetMap):
            return NotImplemented
        return (
            self.text_len == other.text_len
            and np.array_equal(self.text_starts, other.text_starts)
            and np.array_equal(self.raw_starts, other.raw_starts)
            and np.array_equal(self.raw_lens, other.raw_lens)
        )

    def to_raw(self, starts: npt.ArrayLike, ends: npt.ArrayLike) -> tuple[IntArray, IntArray]:
        """Map analysis spans ``[starts, ends)`` to raw spans.

        Args:
            starts: Start positions in the analysis text.
            ends: End positions (exclusive) in the analysis text; ``ends >= starts``.

        Returns:
            Two arrays: raw starts and raw ends. An empty span maps to an empty raw span.

        Example:
            >>> text, m = normalize("ａ１２")
            >>> m.to_raw([1], [3])
            (array([1]), array([3]))
        """
        s = np.asarray(starts, dtype=np.int64)
        e = np.asarray(ends, dtype=np.int64)
        if s.size == 0:
            return s.copy(), e.copy()
        if self.text_len == 0 or self.text_starts.size == 0:
            base = int(self.raw_starts[0]) if self.raw_starts.size else 0
            return np.full_like(s, base), np.full_like(e, base)
        run_lens = np.diff(np.append(self.text_starts, self.text_len))
        linear = run_lens == self.raw_lens
        si = np.searchsorted(self.text_starts, np.clip(s, 0, self.text_len - 1), side="right") - 1
        raw_s = np.where(
            linear[si], self.raw_starts[si] + (s - self.text_starts[si]), self.raw_starts[si]
        )
        last = np.clip(e - 1, 0, self.text_len - 1)
        ei = np.searchsorted(self.text_starts, last, side="right") - 1
        raw_e = np.where(
            linear[ei],
            self.raw_starts[ei] + (last - self.text_starts[ei]) + 1,
            self.raw_starts[ei] + self.raw_lens[ei],
        )
        raw_e = np.where(e <= s, raw_s, raw_e)
        return raw_s.astype(np.int64), raw_e.astype(np.int64)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map one analysis span to a raw span (see ``to_raw``)."""
        rs, re_ = self.to_raw([start], [end])
        return int(rs[0]), int(re_[0])


def _runs_to_map(runs: Sequence[tuple[int, int, int]], text_len: int) -> OffsetMap:
    """Build an ``OffsetMap`` from ``(text_start, raw_start, raw_len)`` runs.

    Empty runs (no text) are dropped and consecutive linear runs (as many text as raw
    characters) over adjacent raw spans are merged into one.
    """
    if not runs:
        return OffsetMap(
            np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64), text_len
        )
    arr = np.asarray(runs, dtype=np.int64)
    text_lens = np.diff(arr[:, 0], append=np.int64(text_len))
    kept = text_lens != 0
    ts, rs, rl, tl = arr[kept, 0], arr[kept, 1], arr[kept, 2], text_lens[kept]
    linear = tl == rl
    # A run joins the one before it when both are linear and the raw spans touch.
    joins = linear[1:] & linear[:-1] & (rs[:-1] + rl[:-1] == rs[1:])
    first = np.flatnonzero(np.concatenate(([True], ~joins))) if ts.size else np.zeros(0, np.intp)
    raw_lens = np.add.reduceat(rl, first) if first.size else rl[:0]
    return OffsetMap(ts[first], rs[first], raw_lens.astype(np.int64, copy=False), text_len)


def _is_mark(ch: str) -> bool:
    return unicodedata.combining(ch) != 0 or unicodedata.category(ch) in {"Mn", "Mc", "Me"}


@dataclass(frozen=True)
class _CharTable:
    """NFKC of single characters, prepared once for all spans of one text.

    Attributes:
        nfkc: Character → its NFKC form, for every character of the spans.
        marks: True if some character is a combining mark (spans then take the slow path).
        trans: ``str.translate`` table of the characters that change.
        expanding: Pattern of the characters whose NFKC form is not one character (``None`` if
            there are none).
    """

    nfkc: dict[str, str]
    marks: bool
    trans: dict[int, str]
    expanding: re.Pattern[str] | None


@functools.lru_cache(maxsize=1 << 16)
def _char_info(ch: str) -> tuple[str, bool]:
    """NFKC of one character and whether it is a combining mark (memoized: texts share most)."""
    return unicodedata.normalize("NFKC", ch), _is_mark(ch)


def _char_table(chars: set[str]) -> _CharTable:
    """Return the ``_CharTable`` of ``chars``."""
    info = {c: _char_info(c) for c in chars}
    nfkc = {c: n for c, (n, _) in info.items()}
    expanding = sorted(c for c, n in nfkc.items() if len(n) != 1)
    return _CharTable(
        nfkc=nfkc,
        marks=any(m for _, m in info.values()),
        trans={ord(c): n for c, n in nfkc.items() if n != c},
        expanding=re.compile("|".join(re.escape(c) for c in expanding)) if expanding else None,
    )


def _code_points(text: str) -> npt.NDArray[np.uint32]:
    """The code points of ``text`` as an array (lone surrogates included)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


# Code points whose NFKC form is themselves and that are not combining marks: ASCII and the CJK
# Unified Ideographs block (no decomposition, canonical combining class 0; checked by a test).
_STABLE_RANGES = ((0x0000, 0x007F), (0x4E00, 0x9FFF))


def _maybe_changing(codes: npt.NDArray[np.uint32]) -> set[str]:
    """The distinct characters of ``codes`` outside ``_STABLE_RANGES``.

    A ``_CharTable`` of them equals the table of all the characters: stable characters are not
    marks and are mapped to themselves, so they add nothing to it.
    """
    keep = np.ones(codes.size, dtype=bool)
    for lo, hi in _STABLE_RANGES:
        keep &= (codes < lo) | (codes > hi)
    present = np.unique(codes[keep])
    return {chr(c) for c in present.tolist()}


def _translated(segs: Sequence[str], codes: npt.NDArray[np.uint32], table: _CharTable) -> list[str]:
    """``seg.translate(table.trans)`` of every segment (``table`` without combining marks).

    ``codes``: the code points of the segments joined. Characters whose NFKC form is one
    character are replaced through a lookup array over all segments at once; the expanding ones
    (few) are then replaced in each segment by ``table.expanding``. NFKC forms are NFKC (it is
    idempotent), so a replaced character is never an expanding one.
    """
    single = [(ord(c), n) for c, n in table.nfkc.items() if n != c and len(n) == 1]
    joined = "".join(segs)
    if single:
        lut = np.arange(int(codes.max()) + 1, dtype=np.uint32)
        for c, n in single:
            lut[c] = ord(n)
        joined = lut[codes].tobytes().decode("utf-32-le", "surrogatepass")
    out = []
    pos = 0
    for seg in segs:
        text = joined[pos : pos + len(seg)]
        pos += len(seg)
        if table.expanding is not None:
            text = table.expanding.sub(lambda m: table.nfkc[m.group()], text)
        out.append(text)
    return out


def _expanding_runs(seg: str, start: int, table: _CharTable) -> list[tuple[int, int, int]]:
    """Unmerged runs of ``seg``'s NFKC copy (``seg`` at raw offset ``start``, no marks).

    Characters are translated one by one with ``table``; each expanding one is a run of its own.
    """
    if table.expanding is None:
        return [(0, start, len(seg))]
    runs: list[tuple[int, int, int]] = []
    pos_raw = 0
    pos_text = 0
    for m in table.expanding.finditer(seg):
        i = m.start()
        if i > pos_raw:
            runs.append((pos_text, start + pos_raw, i - pos_raw))
            pos_text += i - pos_raw
        runs.append((pos_text, start + i, 1))
        pos_text += len(table.nfkc[seg[i]])
        pos_raw = i + 1
    if pos_raw < len(seg):
        runs.append((pos_text, start + pos_raw, len(seg) - pos_raw))
    return runs


def _normalize_runs(
    raw: str, start: int, stop: int, table: _CharTable | None
) -> tuple[str, list[tuple[int, int, int]]]:
    """NFKC copy of ``raw[start:stop]`` and its unmerged runs (see ``normalize``).

    ``table`` (from ``_char_table``) must hold every character of the span; ``None`` builds it
    from the span.
    """
    seg = raw[start:stop]
    if seg.isascii() or unicodedata.is_normalized("NFKC", seg):
        return seg, [(0, start, len(seg))]
    if table is None:
        table = _char_table(set(seg))
    if not table.marks:
        # Characters are normalized one by one: translate, and map each expanding character
        # (its NFKC form is not one character) as a run of its own.
        return seg.translate(table.trans), _expanding_runs(seg, start, table)
    # Slow path: combining marks present; normalize base character plus its marks together.
    parts: list[str] = []
    runs = []
    pos_text = 0
    i = 0
    while i < len(seg):
        j = i + 1
        while j < len(seg) and _is_mark(seg[j]):
            j += 1
        piece = unicodedata.normalize("NFKC", seg[i:j])
        runs.append((pos_text, start + i, j - i))
        parts.append(piece)
        pos_text += len(piece)
        i = j
    return "".join(parts), runs


def _entity_runs(raw: str, start: int, stop: int) -> tuple[str, list[tuple[int, int, int]]] | None:
    """NFKC copy of ``raw[start:stop]`` with its HTML references decoded, and its runs.

    Each reference is a run of its own (its text maps to the whole reference). ``None`` when
    the span holds no reference that stands for a character.
    """
    if "&" not in raw[start:stop]:
        return None
    found = [
        (m.start(), m.end(), ch)
        for m in RE_ENTITY.finditer(raw, start, stop)
        if (ch := _entity(m.group()))
    ]
    if not found:
        return None
    texts: list[str] = []
    runs: list[tuple[int, int, int]] = []
    pos = 0
    at = start
    for a, z, ch in [*found, (stop, stop, "")]:
        if a > at:
            text, piece = _normalize_runs(raw, at, a, None)
            runs.extend((pos + ts, rs, rl) for ts, rs, rl in piece)
            texts.append(text)
            pos += len(text)
        if ch:
            runs.append((pos, a, z - a))
            texts.append(ch)
            pos += len(ch)
        at = z
    return "".join(texts), runs


def normalize(raw: str, start: int = 0, end: int | None = None) -> tuple[str, OffsetMap]:
    """Return the NFKC analysis copy of ``raw[start:end]`` and its map to raw offsets.

    Each character (or base character with its combining marks) is normalized on its own, so every
    analysis position knows the raw character it came from.

    Args:
        raw: The decoded raw file.
        start: First raw offset of the span.
        end: Raw offset after the span (default: end of ``raw``).

    Returns:
        ``(text, offset_map)``.

    Example:
        >>> text, m = normalize("增长１２％…")
        >>> text
        '增长12%...'
        >>> m.span(2, 5)
        (2, 5)
    """
    stop = len(raw) if end is None else end
    text, runs = _entity_runs(raw, start, stop) or _normalize_runs(raw, start, stop, None)
    return text, _runs_to_map(runs, len(text))


def join(
    raw: str, spans: Sequence[tuple[int, int]], separators: Sequence[str]
) -> tuple[str, OffsetMap]:
    r"""Normalize several raw spans and join them into one analysis text with one map.

    Args:
        raw: The decoded raw file.
        spans: ``(start, end)`` raw spans in order (e.g. the body paragraphs of an article).
        separators: ``len(spans) - 1`` strings put between consecutive spans: ``"\n"`` for a real
            paragraph end, ``""`` where a page break split one sentence. A separator maps to an
            empty raw span at the end of the span before it.

    Returns:
        ``(text, offset_map)``.

    Example:
        >>> raw = "投资2000\n\n万元。"
        >>> text, m = join(raw, [(0, 6), (8, 11)], [""])
        >>> text, raw[slice(*m.span(2, 8))]
        ('投资2000万元。', '2000\n\n万元')
    """
    if len(separators) != max(len(spans) - 1, 0):
        raise ValueError(
            f"`separators` needs {max(len(spans) - 1, 0)} items for {len(spans)} spans; "
            f"got {len(separators)}."
        )
    # Spans already in NFKC (most of them) are copied as they are; one character table serves
    # all the others (each span's result is the same as ``normalize``'s); with combining marks
    # among them, each such span is normalized on its own.
    segs = [raw[s:e] for s, e in spans]
    # Spans with HTML character references (&nbsp;, &ldquo;) are decoded on their own.
    entities = {
        k: found
        for k, (s, e) in enumerate(spans)
        if "&" in segs[k] and (found := _entity_runs(raw, s, e)) is not None
    }
    changed = [
        k not in entities and not (seg.isascii() or unicodedata.is_normalized("NFKC", seg))
        for k, seg in enumerate(segs)
    ]
    normalized: dict[int, tuple[str, list[tuple[int, int, int]]]] = {}
    if any(changed):
        todo = [k for k, c in enumerate(changed) if c]
        codes = _code_points("".join(segs[k] for k in todo))
        table = _char_table(_maybe_changing(codes))
        if table.marks:
            for k in todo:
                normalized[k] = _normalize_runs(raw, spans[k][0], spans[k][1], None)
        else:
            outs = _translated([segs[k] for k in todo], codes, table)
            for k, text in zip(todo, outs, strict=True):
                normalized[k] = (text, _expanding_runs(segs[k], spans[k][0], table))
    for k, found in entities.items():
        normalized[k] = found
        changed[k] = True
    texts: list[str] = []
    runs: list[tuple[int, int, int]] = []
    pos = 0
    for k, (s, e) in enumerate(spans):
        if changed[k]:
            text, span_runs = normalized[k]
            runs.extend((pos + ts, rs, rl) for ts, rs, rl in span_runs)
        else:
            text = segs[k]
            if text:
                runs.append((pos, s, len(text)))
        texts.append(text)
        pos += len(text)
        if k < len(separators) and separators[k]:
            runs.append((pos, e, 0))
            texts.append(separators[k])
            pos += len(separators[k])
    return "".join(texts), _runs_to_map(runs, pos)


@functools.cache
def _opencc(config: str) -> Callable[[str], str]:
    """Return the ``convert`` method of an OpenCC converter (created on first use, then cached)."""
    import opencc  # imported lazily: only corpora that ask for conversion need it

    return opencc.OpenCC(config).convert


#: OpenCC configurations whose output ``traditional_forms`` gives: standard Traditional, Taiwan
#: and Hong Kong forms (溫州 and 温州, 臺州 and 台州 differ between them).
TRADITIONAL_CONFIGS: tuple[str, ...] = ("s2t", "s2tw", "s2hk")


def traditional_forms(word: str) -> list[str]:
    """Return the Traditional Chinese forms of a Simplified ``word`` that differ from it.

    Each of ``TRADITIONAL_CONFIGS`` is applied (OpenCC, phrase dictionaries first); the distinct
    results other than ``word`` itself, in that order.

    Example:
        >>> traditional_forms("郧阳区")
        ['鄖陽區']
        >>> traditional_forms("十堰")
        []
    """
    if word.isascii():
        return []
    out: list[str] = []
    for config in TRADITIONAL_CONFIGS:
        form = _opencc(config)(word)
        if form != word and form not in out:
            out.append(form)
    return out


#: Frequent characters written differently in Traditional and Simplified Chinese (Traditional,
#: Simplified), for telling the script of a text (``traditional_share``) without converting it.
SCRIPT_PAIRS: tuple[tuple[str, str], ...] = tuple(
    zip(
        "們這個說為來會對時國發與關開區業經動後現當長門問間實將進過還從應點體頭產黨機選專計設",
        "们这个说为来会对时国发与关开区业经动后现当长门问间实将进过还从应点体头产党机选专计设",
        strict=True,
    )
)
_RE_TRADITIONAL = re.compile("[" + "".join(t for t, _ in SCRIPT_PAIRS) + "]")
_RE_SIMPLIFIED = re.compile("[" + "".join(s for _, s in SCRIPT_PAIRS) + "]")


def traditional_share(text: str) -> float:
    """Share of Traditional forms among the frequent characters the two scripts write apart.

    0.0 for Simplified text (and text holding none of ``SCRIPT_PAIRS``), 1.0 for Traditional.

    Example:
        >>> traditional_share("十堰市召開能力作風建設推進會"), traditional_share("召开推进会")
        (1.0, 0.0)
    """
    trad = len(_RE_TRADITIONAL.findall(text))
    simp = len(_RE_SIMPLIFIED.findall(text))
    return trad / (trad + simp) if trad + simp else 0.0


def has_traditional(text: str) -> bool:
    """Whether ``text`` holds a character that OpenCC's ``t2s`` writes otherwise (總, 資, 開).

    Example:
        >>> has_traditional("總投資"), has_traditional("总投资")
        (True, False)
    """
    return not text.isascii() and _traditional_chars().search(text) is not None


def as_simplified(text: str) -> str:
    """``text`` read in Simplified characters: ``simplify(text)`` if it ``has_traditional``.

    A text holding no Traditional character is returned itself (the same object), so a caller
    can tell with ``is`` whether a copy was made. The copy has the length of ``text``.

    Example:
        >>> as_simplified("鄖陽區簽約"), as_simplified("郧阳区")
        ('郧阳区签约', '郧阳区')
    """
    return simplify(text) if has_traditional(text) else text


@functools.cache
def _traditional_chars() -> re.Pattern[str]:
    """A character class of the CJK Unified Ideographs that ``t2s`` converts (about 3,500)."""
    chars = "".join(map(chr, range(0x4E00, 0xA000)))
    converted = _opencc("t2s")(chars)
    if len(converted) != len(chars):  # a phrase across neighbouring code points: one at a time
        converted = "".join(_opencc("t2s")(c)[:1] or c for c in chars)
    changed = "".join(c for c, s in zip(chars, converted, strict=True) if c != s)
    return re.compile(f"[{changed}]")


def simplify(text: str, *, config: str = "t2s") -> str:
    """Convert Traditional Chinese to Simplified without changing the length of ``text``.

    Each sentence is converted with OpenCC's phrase dictionaries (so 乾隆 stays 乾隆 while
    乾淨 becomes 干净); when a sentence's conversion would change its length, that sentence is
    converted character by character instead (a character whose conversion is not one
    character is kept). Position ``i`` of the result therefore corresponds to position ``i`` of
    ``text``, and every ``OffsetMap`` of ``text`` stays valid for the result.

    Args:
        text: An analysis copy (e.g. an article's ``text``).
        config: OpenCC configuration (``t2s``, ``tw2s``, ``hk2s``).

    Returns:
        The converted text, ``len(result) == len(text)``.

    Example:
        >>> simplify("十堰市召開能力作風建設推進會")
        '十堰市召开能力作风建设推进会'
    """
    if text.isascii():
        return text
    convert = _opencc(config)
    parts = []
    for m in RE_CONVERT_SEGMENT.finditer(text):
        seg = m.group()
        out = convert(seg)
        if len(out) != len(seg):
            chars = (convert(c) for c in seg)
            out = "".join(n if len(n) == 1 else c for c, n in zip(seg, chars, strict=True))
        parts.append(out)
    result = "".join(parts)
    if len(result) != len(text):
        raise AssertionError("textmap.simplify: segments must tile the text")
    return result
