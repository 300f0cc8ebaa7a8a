"""The slogan matching engine: compile a lexicon once, find hits in one analysis text.

Positions here are positions in the NFKC analysis text; ``slogans.find`` maps them to raw
offsets. Matching never uses tokens, so word segmentation cannot break a slogan.

How a lexicon is matched (rules in ``docs/slogans.md``):

* Every literal form (canonical, listed variants, the digit form of a numbered name such as
  ``0跑腿`` for ``零跑腿``) and every part of a parallel slogan goes into one trie-shaped regular
  expression, searched in one pass; a second pass runs the ``re:`` variants as one combined regex.
  Cost grows with the text, not with lexicon size times text.
* Whitespace and quotation marks may appear between any two characters of a form
  (``“100%”工作法``, ``七个`` + line break + ``有之``); any separator run (``、，, ;`` spaces, line
  breaks, quotes) may appear at a joint.
* A parallel slogan is assembled from its parts in order. A run with at most one deviation is a
  variant: one part with a changed or missing character (``争唯一`` for ``干唯一``), one missing
  part (slogans of four or more parts), or one extra part between matched parts. At least two
  parts must match exactly.
* Look-alikes are handled by data: ``not_before``/``not_after`` strings, ``quoted_only``, and a
  numeral boundary (a form starting or ending with a numeral must not touch another numeral).
* Overlaps: the longest candidate wins (ties: earlier start, then lexicon order).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis import lexicons, schema
from analysis.errors import ParameterError
from analysis.textmap import traditional_forms

# Whitespace and quotation marks tolerated between two characters of one form.
INNER = r"[\s“”‘’「」『』\"']*"
# Separators tolerated at a joint of a form (between the parts of a slogan).
JOINT = f"[{lexicons.FORM_NOISE}]*"
# A run of joint characters (used to step over separators between parallel parts).
RE_JOINT = re.compile(JOINT)
# Characters that end a segment of a parallel list (separators and sentence punctuation).
RE_SEGMENT_END = re.compile(f"[{lexicons.FORM_NOISE}。！？!?…—]")
# Chinese numerals and digits (numeral boundary of numbered forms).
NUMERALS = "零〇一二三四五六七八九十百千万亿两0123456789"
# Characters after a numeral that continue a number (so 0跑腿 is not matched in 10跑腿 or 0.5).
NUMBER_CONT = NUMERALS + ".%"
OPEN_QUOTES = "“‘「『"
CLOSE_QUOTES = "”’」』"
# Generic head nouns that may follow a ``quoted_only`` form inside its quotation marks
# (“红黄牌管理”, “五比活动”): the quotation still names the form.
QUOTED_HEADS: tuple[str, ...] = ("管理", "机制", "制度", "模式", "活动", "行动", "工程", "督办")
# Separator characters stepped over before a changed first part of a parallel slogan.
SEP_CHARS = frozenset(" \t\r\n\u3000“”‘’「」『』\"'、，,;；:：·・()（）")
#: A quoted hit sits inside quotation marks that enclose at most this many other characters.
QUOTE_SLACK = 12
# Characters that end the search for a span's quotation marks (a line or sentence ends).
QUOTE_STOPS = "\n。！？"
# An opening mark, then up to QUOTE_SLACK - 1 characters that are no mark or stop, at the end of
# the searched part (``search(text, start - QUOTE_SLACK, start)``: the nearest mark before a span).
RE_QUOTE_OPENED = re.compile(
    f"[{OPEN_QUOTES}][^{OPEN_QUOTES}{CLOSE_QUOTES}{QUOTE_STOPS}]{{0,{QUOTE_SLACK - 1}}}\\Z"
)
# Characters that are no opening mark or stop, then a closing mark (``match`` after a span).
RE_QUOTE_CLOSED = re.compile(f"[^{OPEN_QUOTES}{QUOTE_STOPS}]*?[{CLOSE_QUOTES}]")
#: Largest group of first characters tried one after another in the trie regex.
DISPATCH_LEAF = 8
#: The longest joint (separator run) between two parts of a parallel slogan.
MAX_JOINT = 6
#: The longest segment read as a changed or extra part of a parallel slogan.
MAX_SEGMENT = 8
# Single Chinese numerals and their digit forms (for the digit form of numbered names).
DIGITS = {"零": "0", "〇": "0", "一": "1", "二": "2", "两": "2", "三": "3", "四": "4"}
DIGITS |= {"五": "5", "六": "6", "七": "7", "八": "8", "九": "9", "十": "10"}

#: Characters on each side of a hit searched for one of its entry's ``context`` words.
CONTEXT_WINDOW = 30

_END = "\x00end"
_JOINT_TOKEN = "\x00joint"


@dataclass(frozen=True)
class Entry:
    """One compiled lexicon row."""

    canonical: str
    kind: str
    parts: tuple[str, ...]
    not_before: tuple[str, ...]
    not_after: tuple[str, ...]
    quoted_only: bool
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class Matcher:
    """A lexicon compiled for matching (build once with ``build_matcher``, reuse for every text).

    Attributes:
        entries: Compiled lexicon rows, in lexicon order.
        trie: One regex over every literal form and parallel part (``None`` if there are none).
        forms: Form key → ``(entry index, note)`` for whole forms.
        atoms: Form key → ``(entry index, part index)`` for parts of parallel slogans.
        regex: Combined regex of the ``re:`` variants (``None`` if there are none).
        regex_entries: Group name in ``regex`` → ``(entry index, note)``.
        max_len: Length of the longest literal form (bounds the overlap probe).
    """

    entries: tuple[Entry, ...]
    trie: re.Pattern[str] | None
    forms: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    atoms: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    regex: re.Pattern[str] | None = None
    regex_entries: dict[str, tuple[int, str]] = field(default_factory=dict)
    max_len: int = 0


@dataclass(frozen=True)
class Hit:
    """A slogan hit in analysis-text positions."""

    start: int
    end: int
    entry: int
    notes: tuple[str, ...]


def _tokens(form: str) -> list[str]:
    """Split a form into characters, with a joint marker wherever it has separators."""
    out: list[str] = []
    for k, chunk in enumerate(lexicons.RE_FORM_NOISE.split(form)):
        if not chunk:
            continue
        if k and out:
            out.append(_JOINT_TOKEN)
        out.extend(chunk)
    return out


def _emit(node: dict[str, dict], *, first: bool) -> str:
    """Turn a trie node into a regex that prefers the longest form at a position."""
    alts = []
    for tok in sorted(k for k in node if k != _END):
        if tok == _JOINT_TOKEN:
            piece = JOINT
        else:
            piece = re.escape(tok) if first else INNER + re.escape(tok)
        alts.append(piece + _emit(node[tok], first=False))
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if _END in node else body


def _dispatch(chars: list[str], tails: dict[str, str]) -> str:
    """Select the tail regex of the first character by a balanced tree of one-char lookbehinds.

    Python's regex engine tries the alternatives of a group one after another, so a flat
    alternation over hundreds of first characters would cost hundreds of comparisons at every
    candidate position; the tree needs about log2(n) class tests instead.
    """
    if len(chars) <= DISPATCH_LEAF:
        return "(?:" + "|".join(f"(?<={re.escape(c)}){tails[c]}" for c in chars) + ")"
    mid = len(chars) // 2
    left, right = chars[:mid], chars[mid:]
    cls_left = "".join(re.escape(c) for c in left)
    cls_right = "".join(re.escape(c) for c in right)
    return (
        f"(?:(?<=[{cls_left}]){_dispatch(left, tails)}|(?<=[{cls_right}]){_dispatch(right, tails)})"
    )


def _trie_regex(forms: Sequence[str]) -> re.Pattern[str] | None:
    """Build one regex over all forms (``None`` if there are none).

    A first-character class lets the engine skip ahead fast, a lookahead for the second
    character (``_second``) passes over most of the positions it stops at; then the trie of the
    rest of the forms that start with that character is selected by ``_dispatch``.
    """
    root = _trie(forms)
    if not root:
        return None
    chars = sorted(root)
    tails = {c: _emit(root[c], first=False) for c in chars}
    first = "".join(re.escape(c) for c in chars)
    return re.compile(f"[{first}]{_second(root)}{_dispatch(chars, tails)}")


def _trie(forms: Sequence[str]) -> dict[str, dict]:
    """The trie of the forms' tokens (``_tokens``); ``_END`` marks where a form ends."""
    root: dict[str, dict] = {}
    for form in forms:
        node = root
        for tok in _tokens(form):
            node = node.setdefault(tok, {})
        node[_END] = {}
    return root


def _second(root: dict[str, dict]) -> str:
    """A lookahead for the character after the first one, to pass over most positions fast.

    Every form of two or more characters continues with separators or quotes, then its second
    character (``_emit`` puts ``INNER`` or ``JOINT`` between characters, both within
    ``FORM_NOISE``); with a one-character form there is no such test (``""``).
    """
    seconds: set[str] = set()
    for node in root.values():
        if _END in node:
            return ""
        for tok, child in node.items():
            if tok == _JOINT_TOKEN:  # a joint is always followed by a character (``_tokens``)
                seconds.update(t for t in child if t != _END)
            else:
                seconds.add(tok)
    cls = "".join(re.escape(c) for c in sorted(seconds))
    return f"(?=[{lexicons.FORM_NOISE}]*[{cls}])"


def digit_form(form: str) -> str:
    """Return ``form`` with each lone Chinese numeral written as digits ('' if none).

    Example:
        >>> digit_form("零跑腿"), digit_form("三抓三提"), digit_form("二十大")
        ('0跑腿', '3抓3提', '')
    """
    out = []
    changed = False
    for i, ch in enumerate(form):
        lone = (i == 0 or form[i - 1] not in NUMERALS) and (
            i + 1 == len(form) or form[i + 1] not in NUMERALS
        )
        if ch in DIGITS and lone:
            out.append(DIGITS[ch])
            changed = True
        else:
            out.append(ch)
    return "".join(out) if changed else ""


def _split(value: object) -> tuple[str, ...]:
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return ()
    text = str(value)
    return tuple(x for x in text.split("|") if x) if text else ()


def _both_scripts(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` and their Traditional forms (``textmap.traditional_forms``), in that order."""
    return (*words, *(t for w in words for t in traditional_forms(w) if t not in words))


def build_matcher(lexicon: pd.DataFrame) -> Matcher:
    """Compile a slogan lexicon (from ``lexicons.load_slogans``) for matching.

    Args:
        lexicon: Slogan lexicon table.

    Returns:
        A ``Matcher`` to pass to ``find``, ``spans`` or ``match_text``.

    Example:
        >>> m = build_matcher(lexicons.load_slogans())
        >>> [h.end for h in match_text("推行三抓三提。", m)]
        [6]
    """
    schema.require_columns(lexicon, lexicons.SLOGAN_REQUIRED, func="slogans.build_matcher")
    c = _compiled(lexicon)
    unique = sorted(set(c.literal))
    return Matcher(
        entries=tuple(c.entries),
        trie=_trie_regex(unique),
        forms=c.forms,
        atoms=c.atoms,
        regex=re.compile("|".join(c.regex_parts)) if c.regex_parts else None,
        regex_entries=c.regex_entries,
        max_len=max((len(f) for f in unique), default=0),
    )


def known_forms(lexicon: pd.DataFrame | Matcher) -> set[str]:
    """Return the form keys a lexicon already lists: whole forms and joined parallel parts.

    Of a lexicon table, the set its ``build_matcher`` matcher gives, without compiling the
    matching regexes.

    Example:
        >>> "三抓三提" in known_forms(lexicons.load_slogans())
        True
    """
    if isinstance(lexicon, Matcher):
        forms, entries = lexicon.forms, list(lexicon.entries)
    else:
        schema.require_columns(lexicon, lexicons.SLOGAN_REQUIRED, func="slogans.known_forms")
        c = _compiled(lexicon)
        forms, entries = c.forms, c.entries
    return set(forms) | {"".join(e.parts) for e in entries}


@dataclass
class _Compiled:
    """A lexicon's entries and forms before the regexes are compiled (``build_matcher``)."""

    entries: list[Entry]
    forms: dict[str, list[tuple[int, str]]]
    atoms: dict[str, list[tuple[int, int]]]
    literal: list[str]
    regex_parts: list[str]
    regex_entries: dict[str, tuple[int, str]]


def _compiled(lexicon: pd.DataFrame) -> _Compiled:
    """Entries, whole forms, parallel parts, literal forms and ``re:`` variants of a lexicon."""
    entries: list[Entry] = []
    forms: dict[str, list[tuple[int, str]]] = {}
    atoms: dict[str, list[tuple[int, int]]] = {}
    literal: list[str] = []
    regex_parts: list[str] = []
    regex_entries: dict[str, tuple[int, str]] = {}
    for idx, row in enumerate(lexicon.to_dict("records")):
        canonical = str(row["canonical"])
        kind = str(row["kind"])
        parallel = kind == "parallel"
        parts = (
            tuple(lexicons.form_key(p) for p in canonical.split(lexicons.PART_SEPARATOR) if p)
            if parallel
            else (lexicons.form_key(canonical),)
        )
        entries.append(
            Entry(
                canonical=canonical,
                kind=kind,
                parts=parts,
                not_before=_both_scripts(_split(row.get("not_before", ""))),
                not_after=_both_scripts(_split(row.get("not_after", ""))),
                quoted_only=bool(row.get("quoted_only", False) is True)
                or str(row.get("quoted_only", "")) in ("yes", "True"),
                context=_both_scripts(_split(row.get("context", ""))),
            )
        )
        whole: list[tuple[str, str]] = [] if parallel else [(canonical, "")]
        for v in _split(row.get("variants", "")):
            if v.startswith(lexicons.REGEX_PREFIX):
                name = f"r{len(regex_parts)}"
                regex_parts.append(f"(?P<{name}>{v[len(lexicons.REGEX_PREFIX) :]})")
                regex_entries[name] = (idx, f"listed variant {v}")
            else:
                whole.append((v, f"listed variant {v}"))
        if not parallel:
            for form, _note in list(whole):
                digits = digit_form(form)
                if digits:
                    whole.append((digits, "digit form"))
        # Text in Traditional characters read as it is (七大戰略): each form's Traditional forms.
        whole += [
            (t, f"traditional form of {form}") for form, _ in whole for t in traditional_forms(form)
        ]
        for form, note in whole:
            key = lexicons.form_key(form)
            if key and all(e != idx for e, _ in forms.get(key, [])):
                forms.setdefault(key, []).append((idx, note))
                literal.append(form)
        if parallel:
            for k, part in enumerate(parts):
                for form in (part, *traditional_forms(part)):
                    atoms.setdefault(form, []).append((idx, k))
                    literal.append(form)
    return _Compiled(entries, forms, atoms, literal, regex_parts, regex_entries)


def _all_matches(pattern: re.Pattern[str], text: str, max_len: int) -> Iterator[re.Match[str]]:
    """Yield the longest match at every start position that any match can begin at.

    One ``finditer`` pass finds the leftmost matches; positions inside each match are probed too,
    so a longer match that starts inside a shorter one is not lost.
    """
    for m in pattern.finditer(text):
        yield m
        for p in range(m.start() + 1, min(m.end(), m.start() + max(max_len, 1))):
            inner = pattern.match(text, p)
            if inner is not None and inner.end() > inner.start():
                yield inner


def _fuzzy(segment: str, part: str) -> bool:
    """True if ``segment`` differs from ``part`` (3+ characters) by one changed or missing char."""
    if len(part) < 3 or segment == part:
        return False
    if len(segment) == len(part):
        return sum(a != b for a, b in zip(segment, part, strict=True)) == 1
    if len(segment) == len(part) - 1:
        return any(part[:i] + part[i + 1 :] == segment for i in range(len(part)))
    return False


def _segment_after(text: str, pos: int) -> tuple[int, int, int]:
    """Return ``(joint_end, segment_end, joint_len)``: the separator run and segment at ``pos``."""
    j = RE_JOINT.match(text, pos)
    joint_end = j.end() if j else pos
    m = RE_SEGMENT_END.search(text, joint_end, joint_end + MAX_SEGMENT + 1)
    seg_end = m.start() if m else min(len(text), joint_end + MAX_SEGMENT + 1)
    return joint_end, seg_end, joint_end - pos


def _parallel_runs(
    text: str, entry_idx: int, entry: Entry, found: list[tuple[int, int, int]]
) -> list[Hit]:
    """Assemble runs of one parallel slogan from its part hits ``(start, end, part)``."""
    n = len(entry.parts)
    at = {s: (e, k) for s, e, k in found}
    hits: list[Hit] = []
    used_until = -1
    for s0, e0, k0 in sorted(found):
        if s0 < used_until:
            continue
        exact = {k0}
        fuzzy: list[str] = []
        fuzzy_parts: set[int] = set()
        extra: list[str] = []
        reordered = False
        start, end, last = s0, e0, k0
        # A changed first part before the first exact part (same length, after a separator).
        if k0 > 0:
            j = s0
            while j > 0 and text[j - 1] in SEP_CHARS:
                j -= 1
            prev = entry.parts[k0 - 1]
            cand = text[max(0, j - len(prev)) : j]
            if 0 < s0 - j <= MAX_JOINT and len(cand) == len(prev) and _fuzzy(cand, prev):
                fuzzy.append(f"part {k0} {cand}≠{prev}")
                fuzzy_parts.add(k0 - 1)
                start = j - len(prev)
        while True:
            joint_end, seg_end, joint_len = _segment_after(text, end)
            if joint_len > MAX_JOINT:
                break
            nxt = at.get(joint_end)
            if nxt is not None and nxt[1] > last:
                exact.add(nxt[1])
                end, last = nxt[0], nxt[1]
                continue
            if nxt is not None and nxt[1] not in exact and nxt[1] not in fuzzy_parts:
                exact.add(nxt[1])  # an earlier part written later (转方式、调结构)
                end, reordered = nxt[0], True
                continue
            if joint_len == 0 or seg_end <= joint_end:
                break
            segment = text[joint_end:seg_end]
            if last + 1 < n and _fuzzy(segment, entry.parts[last + 1]):
                fuzzy.append(f"part {last + 2} {segment}≠{entry.parts[last + 1]}")
                fuzzy_parts.add(last + 1)
                end, last = seg_end, last + 1
                continue
            lens = [len(p) for p in entry.parts]
            if min(lens) <= len(segment) <= max(lens) and not extra:
                j2, _, jl2 = _segment_after(text, seg_end)
                after = at.get(j2)
                if 0 < jl2 <= MAX_JOINT and after is not None and after[1] == last + 1:
                    extra.append(f"extra part {segment}")
                    end = seg_end
                    continue
            break
        # Parts skipped between two matched parts count as missing too.
        missing = [entry.parts[k] for k in range(n) if k not in exact | fuzzy_parts]
        deviations = len(fuzzy) + len(extra) + len(missing) + int(reordered)
        allowed_missing = n >= 4
        if (
            len(exact) >= 2
            and deviations <= (2 if n >= 5 else 1)
            and (not missing or allowed_missing)
        ):
            notes = [f"missing part {p}" for p in missing] + fuzzy + extra
            notes += ["parts reordered"] if reordered else []
            hits.append(Hit(start, end, entry_idx, tuple(notes)))
            used_until = end
    return hits


def is_quoted(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` sits inside quotation marks enclosing little else.

    The opening mark is right before the span, or the marks enclose at most ``QUOTE_SLACK`` other
    characters on the same line and sentence: the nearest mark before the span opens a quote
    (``RE_QUOTE_OPENED``) and a closing mark follows within the remaining slack, with no other
    opening mark or sentence end before it (``RE_QUOTE_CLOSED``).

    Example:
        >>> is_quoted("开展“局长进大厅 现场双体验”活动", 3, 8), is_quoted("推行三抓三提", 2, 6)
        (True, False)
    """
    if start > 0 and text[start - 1] in OPEN_QUOTES:  # the common case, without a regex
        return True
    opened = RE_QUOTE_OPENED.search(text, max(start - QUOTE_SLACK, 0), start)
    if opened is None:
        return False
    before = start - opened.start() - 1  # characters between the opening mark and the span
    return before == 0 or (
        RE_QUOTE_CLOSED.match(text, end, end + QUOTE_SLACK - before + 1) is not None
    )


def _allowed(text: str, hit: Hit, entry: Entry) -> bool:
    """Apply the look-alike rules of the lexicon row and the numeral boundary."""
    before = text[max(0, hit.start - 8) : hit.start]
    after = text[hit.end : hit.end + 8]
    if any(before.endswith(x) for x in entry.not_before):
        return False
    if any(after.startswith(x) for x in entry.not_after):
        return False
    surface = text[hit.start : hit.end]
    if entry.kind != "parallel":
        if surface[0] in NUMERALS and before and before[-1] in NUMERALS:
            return False
        if surface[-1] in NUMERALS and after and after[0] in NUMBER_CONT:
            return False
        if surface[0].isdigit() and before.endswith("."):
            return False
    if entry.context:
        near = text[max(0, hit.start - CONTEXT_WINDOW) : hit.end + CONTEXT_WINDOW]
        if not any(word in near for word in entry.context):
            return False
    return not entry.quoted_only or _exactly_quoted(text, hit.start, hit.end)


def _exactly_quoted(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` is the whole content of a pair of quotation marks.

    The form may be followed inside the marks by one generic head noun (``QUOTED_HEADS``):
    “红黄牌管理” names 红黄牌 as “红黄牌”管理 does.
    """
    before = text[max(0, start - 8) : start].rstrip()
    if not before or before[-1] not in OPEN_QUOTES:
        return False
    after = text[end : end + 8].lstrip()
    for head in QUOTED_HEADS:
        if after.startswith(head):
            after = after[len(head) :].lstrip()
            break
    return bool(after) and after[0] in CLOSE_QUOTES


def match_articles(texts: Sequence[str], matcher: Matcher) -> list[list[Hit]]:
    """Return ``match_text`` of every text, in order.

    ``slogans.find``, ``slogan_discovery.occurrences`` and ``slogan_discovery.glosses_by_file``
    accept this list (``matches=``) so that the articles are matched once for all three.

    Example:
        >>> m = build_matcher(lexicons.load_slogans())
        >>> [[h.end for h in hits] for hits in match_articles(["推行三抓三提。", "无"], m)]
        [[6], []]
    """
    return [match_text(str(t), matcher) for t in texts]


def checked_matches(
    matches: Sequence[Sequence[Hit]] | None, n_articles: int, *, func: str
) -> Sequence[Sequence[Hit]] | None:
    """Return ``matches`` after checking it has one entry per article (``None`` passes)."""
    if matches is not None and len(matches) != n_articles:
        raise ParameterError(
            f"{func}: `matches` has {len(matches)} entries for {n_articles} articles; pass "
            "match_articles(articles['text'], matcher) of these articles."
        )
    return matches


def match_text(text: str, matcher: Matcher) -> list[Hit]:
    """Find slogan hits in one analysis text (positions in ``text``), longest match first.

    Args:
        text: NFKC analysis text.
        matcher: From ``build_matcher``.

    Returns:
        Non-overlapping hits sorted by start.

    Example:
        >>> m = build_matcher(lexicons.load_slogans())
        >>> [(h.start, h.end) for h in match_text("坚持创一流、争第一、争唯一。", m)]
        [(2, 13)]
    """
    candidates: list[Hit] = []
    part_hits: dict[int, list[tuple[int, int, int]]] = {}
    if matcher.trie is not None:
        for m in _all_matches(matcher.trie, text, matcher.max_len):
            key = lexicons.form_key(m.group())
            for idx, note in matcher.forms.get(key, []):
                candidates.append(Hit(m.start(), m.end(), idx, (note,) if note else ()))
            for idx, k in matcher.atoms.get(key, []):
                part_hits.setdefault(idx, []).append((m.start(), m.end(), k))
    for idx, found in sorted(part_hits.items()):
        candidates.extend(_parallel_runs(text, idx, matcher.entries[idx], found))
    if matcher.regex is not None:
        for m in _all_matches(matcher.regex, text, 1):
            name = m.lastgroup
            if name is not None and name in matcher.regex_entries and m.end() > m.start():
                idx, note = matcher.regex_entries[name]
                candidates.append(Hit(m.start(), m.end(), idx, (note,)))
    kept = [h for h in candidates if _allowed(text, h, matcher.entries[h.entry])]
    kept.sort(key=lambda h: (-(h.end - h.start), h.start, h.entry, h.notes))
    taken = np.zeros(len(text) + 1, dtype=bool)
    out: list[Hit] = []
    for h in kept:
        if not taken[h.start : h.end].any():
            taken[h.start : h.end] = True
            out.append(h)
    return sorted(out, key=lambda h: (h.start, h.end))
