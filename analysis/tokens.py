"""Word segmentation with a package-owned jieba tokenizer: tokens table and segmentation audit.

This module and ``segmenter`` are the only ones that import jieba. Everything here works on one
``Tokenizer`` value built by ``build_tokenizer``; nothing is configured at import time and jieba's
global tokenizer (``jieba.dt``) is never used.

How a text is segmented (``segment``):

1. Protected spans are found first with one regular expression and kept as one token each:
   lexicon words that contain digits (2半0, 1+N; ``pos`` ``""``), then quantities (``pos``
   ``"m"``): a number, optionally 余/多 and a magnitude such as 万/亿, then a unit from
   ``analysis/data/token_units.txt`` (303.98亿元, 129.2%, 1520人次, 24.3个百分点, 5000余人次).
   Bare Arabic numbers (2023, 123,244.2) are kept whole too, and so are dates' calendar parts
   with their number (2023年, 12月, 18日: ``RE_DATE``) and ordinals (第1: ``RE_ORDINAL``),
   also ``pos`` ``"m"``; a Latin word with letters beyond ASCII (pinyin fā, José) is one token
   (``RE_LATIN_WORD``). Numbers inside codes (5G, G316) are left to jieba, and so are Chinese
   numerals (一千二百三十四亿元) and ordinals (第一).
2. The text between two protected spans is cut as jieba's ``Tokenizer.cut`` cuts it (with the
   tokenizer's ``hmm`` flag): by ``segmenter.cut_many`` (all such stretches of the texts given
   at once), an exact re-implementation several times faster, or, with
   ``build_tokenizer(backend="jieba")``, by jieba's own code. So every other
   token is exactly what jieba gives for that stretch of text with the same dictionary; only the
   protected spans differ, and the stretch next to one is cut on its own. A stretch holding
   Traditional characters (``textmap.has_traditional``) is cut as jieba cuts its Simplified form
   (``textmap.simplify``, same length), the dictionaries being Simplified; its tokens keep the
   characters as written (召開大會 → 召開, 大會).
3. Whitespace tokens are dropped (jieba returns each space and line break as a token).

The ``pos`` column is a coarse class, not a part-of-speech tag: ``"m"`` for a protected number or
quantity (jieba's tag for numerals), ``"x"`` for punctuation and symbols (no letter or digit),
``""`` for every other token. Part-of-speech tagging (``jieba.posseg``) is not used: it is several
times slower, and the term statistics do not need it.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import logging
import marshal
import os
import re
import tempfile
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from analysis import schema, segmenter, textmap
from analysis.errors import ParameterError

with warnings.catch_warnings():
    # jieba imports pkg_resources when present; some setuptools versions warn about it.
    warnings.filterwarnings("ignore", message=".*pkg_resources.*")
    import jieba

log = logging.getLogger(__name__)

#: A run of sentence terminators with any closing quotes or brackets after it, or line breaks.
RE_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』）)\"']*|\n+")
#: Separators jieba never joins across: a term containing one cannot be a single token.
RE_JIEBA_SEPARATOR = re.compile(r"[^\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]")
#: Separators between the parts of a slogan-lexicon entry (创一流、争第一; 中国梦·劳动美).
RE_PARALLEL = re.compile(r"[、，,;；·・•]+")
#: Arabic number with thousands separators and decimals, not inside a code, decimal or ordinal.
RE_NUMBER = r"(?<![0-9A-Za-z.,第])\d+(?:,\d{3})*(?:\.\d+)?"
#: Magnitude words between a number and its unit (303.98亿元, 5万余人), simplified and traditional.
RE_MAGNITUDE = r"(?:万亿|千亿|百亿|千万|百万|十万|亿|万|萬億|千億|百億|千萬|百萬|十萬|億|萬|千|百)"
#: Approximation markers (5000余人次, 10多个; 餘 is the traditional form of 余).
RE_APPROX = r"(?:余|餘|多)"
#: Groups of ``number_pattern`` whose tokens are numbers (``pos`` ``"m"``); the others
#: (lexicon words with digits, Latin words) have ``pos`` ``""``.
NUMBER_GROUPS = ("number", "date", "ordinal")
#: An ordinal with an Arabic number (第3, 第12), one word as the guideline's ordinals are; a
#: classifier after it is a word of its own (第3 名).
RE_ORDINAL = r"(?<![0-9A-Za-z])第\d+(?![\d.,])"
#: A Latin word with letters beyond ASCII (pinyin with tone marks after a word, 發(fā); names with
#: accents: José), kept whole: jieba would cut it at each such letter (f/ā).
RE_LATIN_WORD = (
    r"(?<![A-Za-z\u00c0-\u024f])[A-Za-z\u00c0-\u024f]*[\u00c0-\u024f][A-Za-z\u00c0-\u024f]*"
)
#: A calendar part with its Arabic number, one word as in the PKU specification: a year of four
#: digits (2023年; not 2023年度, 80年代, 3年级), a month (12月, 12月份) and a day (18日, 5号; not
#: 18日报, 5号电). A number of years, months or days (5年, 3个月) is no date and stays apart.
RE_DATE = (
    r"(?<![0-9A-Za-z.,第])"
    r"(?:\d{4}年(?![度代级級龄齡])|(?:1[0-2]|0?[1-9])月份?|(?:3[01]|[12]\d|0?[1-9])[日号號](?![报報电電讯訊]))"
)

#: User-dictionary entry table built by ``user_entries``.
ENTRY_COLUMNS: tuple[str, ...] = ("word", "freq", "tag", "source")
#: Segmentation audit table built by ``audit``.
AUDIT_COLUMNS: tuple[str, ...] = ("term", "source", "problem", "segmentation", "detail")
#: Ways of cutting text (``build_tokenizer``'s ``backend``).
BACKENDS: tuple[str, ...] = ("fast", "jieba")
#: Sentence used to check that a term stays whole next to other words (``{}`` is the term).
CARRIER = "今年大力推进{}工作取得实效"


@dataclass(frozen=True, eq=False)
class Tokenizer:
    """A jieba tokenizer with its user dictionary applied, plus the number rule.

    Attributes:
        jieba: The package-owned ``jieba.Tokenizer``.
        hmm: Whether jieba's HMM joins unknown words (passed to every ``cut``).
        number_re: Pattern of spans kept whole (quantities, lexicon words with digits), or
            ``None`` for plain jieba segmentation.
        entries: The user dictionary as applied: ``word, freq, tag, source`` (``freq`` is the
            frequency finally used; 0 for deleted words).
        base: The base dictionary's frequency of every word the user dictionary changed
            (``None``: not in the base dictionary), for ``plain_view``.
        base_total: The base dictionary's total frequency.
        fast: ``segmenter.snapshot`` of ``jieba`` once built (``backend="fast"``), or ``None``
            to cut with jieba's own code.
        plain_fast: ``segmenter.snapshot`` of the base dictionary alone (taken before the user
            dictionary is applied), which ``plain_view`` cuts with; ``None`` with jieba's code.
    """

    jieba: Any
    hmm: bool
    number_re: re.Pattern[str] | None
    entries: pd.DataFrame
    base: Mapping[str, int | None] = field(default_factory=dict)
    base_total: int = 0
    fast: segmenter.Segmenter | None = None
    plain_fast: segmenter.Segmenter | None = None


def number_pattern(units: Sequence[str] | None, *, words: Iterable[str] = ()) -> re.Pattern[str]:
    """Compile the pattern of spans kept as one token: quantities and lexicon words with digits.

    A unit directly after the number is tried before a magnitude, so 3百分点 is 3 + 百分点 and
    5千米 is 5 + 千米, while 303.98亿元 is 303.98 + 亿 + 元. Lexicon words that contain a digit
    (2半0, 1+N) are tried first (group ``word``) so that the number rule cannot break them.

    Args:
        units: Units and classifiers (e.g. from ``lexicons.load_token_units()``); ``None`` turns
            the number rule off (only ``words`` are protected).
        words: Lexicon words containing digits.

    Returns:
        The compiled pattern, with groups ``word``, ``latin`` (``RE_LATIN_WORD``), ``date``
        (``RE_DATE``), ``ordinal`` (``RE_ORDINAL``) and ``number``.

    Example:
        >>> pattern = number_pattern(["元", "%"])
        >>> [m.group() for m in pattern.finditer("2023年投资303.98亿元，增长129.2%")]
        ['2023年', '303.98亿元', '129.2%']
    """
    alts = []
    ws = sorted(set(words), key=lambda w: (-len(w), w))
    if ws:
        alts.append("(?P<word>" + "|".join(re.escape(w) for w in ws) + ")")
    alts.append(f"(?P<latin>{RE_LATIN_WORD})")
    if units is not None:
        us = "|".join(re.escape(u) for u in sorted(set(units), key=lambda u: (-len(u), u)))
        unit = f"(?:{us})" if us else "(?!)"
        alts.append(f"(?P<date>{RE_DATE})")
        alts.append(f"(?P<ordinal>{RE_ORDINAL})")
        alts.append(
            f"(?P<number>{RE_NUMBER}{RE_APPROX}?(?:{unit}|{RE_MAGNITUDE}{RE_APPROX}?{unit}?)?"
            "(?![0-9A-Za-z]))"
        )
    return re.compile("|".join(alts) if alts else "(?!)")


def _terms(
    df: pd.DataFrame | None, columns: Sequence[str], source: str, *, parts: bool = False
) -> list[tuple[str, str]]:
    """Return ``(term, source)`` pairs from the given columns.

    ``|`` separates several terms in a cell; values starting with ``re:`` are regular expressions
    and skipped; with ``parts``, a parallel formula (创一流、争第一、干唯一) gives its parts.
    """
    if df is None or df.empty:
        return []
    out = []
    for col in columns:
        if col not in df.columns:
            continue
        for value in df[col].fillna("").astype(str):
            for term in (t.strip() for t in value.split("|")):
                if not term or term.startswith("re:"):
                    continue
                pieces = RE_PARALLEL.split(term) if parts else [term]
                out += [(p.strip(), source) for p in pieces if p.strip()]
    return out


def user_entries(
    *,
    slogans: pd.DataFrame | None = None,
    gazetteer: pd.DataFrame | None = None,
    userdict: pd.DataFrame | None = None,
    agencies: Iterable[str] = (),
) -> pd.DataFrame:
    """Collect the user dictionary from the lexicons.

    Args:
        slogans: Slogan lexicon with ``canonical`` and ``variants`` (``|``-separated) columns;
            a parallel formula (创一流、争第一、干唯一; 中国梦·劳动美) contributes each part,
            ``re:`` variants (regular expressions) are skipped.
        gazetteer: Gazetteer with ``name`` and ``aliases`` (``|``-separated) columns.
        userdict: Table from ``lexicons.load_userdict`` (``word, freq, tag``); explicit
            frequencies are kept (0 deletes a base-dictionary word).
        agencies: Further names (agencies, organisations) to keep whole.

    Returns:
        Columns ``word`` (NFKC), ``freq`` (-1: chosen by ``build_tokenizer``), ``tag``,
        ``source`` (``slogans``, ``gazetteer``, ``agencies`` or ``userdict``), one row per word,
        sorted by word. A word listed by several sources keeps the first of userdict, slogans,
        gazetteer, agencies.

    Example:
        >>> slogans = pd.DataFrame({"canonical": ["三抓三提"], "variants": ["抓三提"]})
        >>> list(user_entries(slogans=slogans)["word"])
        ['三抓三提', '抓三提']
    """
    rows: list[tuple[str, int, str, str]] = []
    if userdict is not None and not userdict.empty:
        schema.require_columns(userdict, ["word", "freq"], func="tokens.user_entries")
        tags = userdict["tag"] if "tag" in userdict.columns else pd.Series([""] * len(userdict))
        for w, f, t in zip(userdict["word"], userdict["freq"], tags, strict=True):
            rows.append((str(w), int(f), str(t or ""), "userdict"))
    for word, source in (
        _terms(slogans, ["canonical", "variants"], "slogans", parts=True)
        + _terms(gazetteer, ["name", "aliases"], "gazetteer")
        + [(a.strip(), "agencies") for a in agencies if a.strip()]
    ):
        rows.append((word, -1, "", source))
    df = pd.DataFrame(rows, columns=list(ENTRY_COLUMNS))
    df["word"] = df["word"].map(lambda w: unicodedata.normalize("NFKC", w))
    df = df[df["word"] != ""].drop_duplicates("word", keep="first")
    return df.sort_values("word", kind="stable").reset_index(drop=True).astype({"freq": "int64"})


def _new_jieba(dictionary: str | None) -> Any:
    """A new, initialized ``jieba.Tokenizer`` of ``dictionary`` (``None``: jieba's own)."""
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer() if dictionary is None else jieba.Tokenizer(dictionary)
    if not _load_jieba_cache(tk):
        tk.initialize()
    return tk


def _jieba_cache(tk: Any) -> Path:
    """The cache file ``tk.initialize()`` loads the prefix dictionary from (jieba 0.42.1's rule)."""
    if tk.cache_file:
        name = tk.cache_file
    elif tk.dictionary == jieba.DEFAULT_DICT:
        name = "jieba.cache"
    else:
        name = f"jieba.u{hashlib.md5(tk.dictionary.encode('utf-8', 'replace')).hexdigest()}.cache"
    return Path(tk.tmp_dir or tempfile.gettempdir()) / name


def _load_jieba_cache(tk: Any) -> bool:
    """Load ``tk``'s prefix dictionary from jieba's cache file as ``initialize`` would, faster.

    ``initialize`` unmarshals the cache straight from the open file, which reads it in many
    small pieces; unmarshalling the bytes read at once takes about half as long. The file and
    the condition are jieba's (the default dictionary, or a cache newer than the dictionary),
    and so are the contents. Without a usable cache (none, stale, unreadable, corrupt, or not a
    ``(dict, int)`` pair) nothing is changed and ``False`` is returned: ``initialize`` then
    loads or builds the dictionary (and its cache) itself.
    """
    path = _jieba_cache(tk)
    try:
        if not path.is_file():
            return False
        if tk.dictionary != jieba.DEFAULT_DICT and path.stat().st_mtime <= os.path.getmtime(
            tk.dictionary
        ):
            return False
        freq, total = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return False
    if not isinstance(freq, dict) or not isinstance(total, int):
        return False
    tk.FREQ, tk.total = freq, total
    tk.initialized = True
    return True


def _is_whole(tk: Any, word: str, hmm: bool) -> bool:
    """Whether jieba keeps ``word`` whole alone and inside the carrier sentence."""
    if list(tk.cut(word, HMM=hmm)) != [word]:
        return False
    return word in list(tk.cut(CARRIER.format(word), HMM=hmm))


def build_tokenizer(
    entries: pd.DataFrame,
    *,
    units: Sequence[str] | None,
    hmm: bool = True,
    dictionary: str | None = None,
    max_rounds: int = 12,
    backend: Literal["fast", "jieba"] = "fast",
) -> Tokenizer:
    """Build a jieba tokenizer with the user dictionary applied.

    Frequencies: entries with an explicit frequency are added as given (0 deletes the word, as
    jieba's ``del_word`` does). Every other entry starts at jieba's ``suggest_freq`` (the
    smallest frequency with which the word beats its own split); then, in rounds over the words
    in sorted order, the frequency of every word that is still split, alone or in the carrier
    sentence ``CARRIER``, is doubled (at most ``max_rounds`` rounds). So entries win with the
    smallest frequency that makes them win, which keeps them from swallowing neighbours.
    Words that still do not stay whole show up in ``audit``.

    Args:
        entries: Table from ``user_entries`` (``word, freq, tag, source``).
        units: Units for quantities kept whole (``lexicons.load_token_units()``); ``None`` leaves
            numbers to jieba (plain jieba segmentation).
        hmm: Whether jieba's HMM joins unknown words; passed to every ``cut``.
        dictionary: Path of a base dictionary instead of jieba's default one.
        max_rounds: Rounds of frequency doubling.
        backend: ``"fast"`` cuts with ``segmenter.cut_many`` (jieba's algorithm
            re-implemented, token for token the same, several times faster); ``"jieba"`` with
            jieba's own code.

    Returns:
        The tokenizer.

    Raises:
        SchemaError: If ``entries`` lacks a column.
        ParameterError: If ``max_rounds`` is negative or ``backend`` is unknown.

    Example:
        >>> tk = build_tokenizer(user_entries(agencies=["郧阳区"]), units=["元"])  # doctest: +SKIP
        >>> [t for t, _, _ in segment(tk, "郧阳区投资5亿元")]  # doctest: +SKIP
        ['郧阳区', '投资', '5亿元']
    """
    schema.require_columns(entries, ENTRY_COLUMNS, func="tokens.build_tokenizer")
    if max_rounds < 0:
        raise ParameterError(f"`max_rounds` value = {max_rounds!r} is invalid; use 0 or more.")
    if backend not in BACKENDS:
        raise ParameterError(
            f"`backend` value = {backend!r} is unknown; use one of {', '.join(BACKENDS)}."
        )
    tk = _new_jieba(dictionary)
    plain_fast = segmenter.snapshot(tk) if backend == "fast" else None
    base_total = int(tk.total)
    base: dict[str, int | None] = {}
    for word in entries["word"]:  # a word and its prefixes are what add_word/del_word change
        for end in range(1, len(word) + 1):
            base.setdefault(word[:end], tk.FREQ.get(word[:end]))
    freqs: dict[str, int] = {}
    auto: list[str] = []
    for word, freq, tag in zip(entries["word"], entries["freq"], entries["tag"], strict=True):
        if freq == 0:
            tk.del_word(word)
            freqs[word] = 0
        elif freq > 0:
            tk.add_word(word, int(freq), tag or None)
            freqs[word] = int(freq)
        else:
            auto.append(word)
    tags = dict(zip(entries["word"], entries["tag"], strict=True))
    for word in auto:
        freqs[word] = max(int(tk.suggest_freq(word, tune=False)), 1)
        tk.add_word(word, freqs[word], tags[word] or None)
    for _ in range(max_rounds):
        changed = False
        for word in sorted(auto):
            if not _is_whole(tk, word, hmm):
                freqs[word] = max(freqs[word] * 2, int(tk.suggest_freq(word, tune=False)))
                tk.add_word(word, freqs[word], tags[word] or None)
                changed = True
        if not changed:
            break
    applied = entries.assign(freq=entries["word"].map(freqs).astype("int64"))
    digit_words = [w for w, f in freqs.items() if f > 0 and any(c.isdigit() for c in w)]
    number_re = number_pattern(units, words=digit_words) if units or digit_words else None
    fast = None
    if backend == "fast":  # without entries the dictionary is the base one: one snapshot
        fast = plain_fast if entries.empty else segmenter.snapshot(tk)
    return Tokenizer(
        jieba=tk,
        hmm=hmm,
        number_re=number_re,
        entries=applied,
        base=base,
        base_total=base_total,
        fast=fast,
        plain_fast=plain_fast,
    )


def _set_freqs(tk: Any, freqs: Mapping[str, int | None]) -> None:
    for word, freq in freqs.items():
        if freq is None:
            tk.FREQ.pop(word, None)
        else:
            tk.FREQ[word] = freq


@contextlib.contextmanager
def plain_view(tokenizer: Tokenizer) -> Iterator[Tokenizer]:
    """Lend ``tokenizer``'s jieba as plain jieba (base dictionary, HMM, no number rule).

    Inside the ``with`` block the user dictionary's changes are undone in place (the words it
    added or re-weighted get their base frequencies back, and jieba's total), so the tokenizer
    segments exactly as a new ``build_tokenizer`` without entries would, without a second jieba
    dictionary in memory; they are put back when the block ends. With the default backend the
    lent tokenizer cuts with ``plain_fast``, the snapshot of the base dictionary. Not for use
    from several threads at once.

    Example:
        >>> with plain_view(tk) as plain:  # doctest: +SKIP
        ...     cuts = boundaries(plain, "支持工会、妇联")
    """
    tk = tokenizer.jieba
    current = {word: tk.FREQ.get(word) for word in tokenizer.base}
    total = tk.total
    _set_freqs(tk, tokenizer.base)
    tk.total = tokenizer.base_total
    try:
        yield Tokenizer(
            jieba=tk,
            hmm=True,
            number_re=None,
            entries=schema.empty(ENTRY_COLUMNS),
            fast=tokenizer.plain_fast,
        )
    finally:
        _set_freqs(tk, current)
        tk.total = total


#: Token classes (``pos``) by code: 0 word, 1 punctuation or symbol, 2 protected number.
KINDS: tuple[str, str, str] = ("", "x", "m")


def _kind(token: str) -> str:
    return "" if any(c.isalnum() for c in token) else "x"


def _pieces(tokenizer: Tokenizer, texts: Sequence[str]) -> list[tuple[list[str], list[int]]]:
    """Segment each text into its tokens, whitespace included (they join to the text).

    Each text also gets the indices of its protected numbers and quantities (``pos`` ``"m"``).
    The stretches between protected spans of all texts are cut together (``segmenter.cut_many``).
    """
    hmm = tokenizer.hmm
    fast = tokenizer.fast
    if fast is not None and fast.total != tokenizer.jieba.total:
        fast = None  # the jieba dictionary changed after the snapshot: use jieba itself
    stretches: list[str] = []
    # Per text: the index of each stretch in ``stretches``, or -1 (number) / -2 (word) and the
    # protected span.
    plans: list[list[tuple[int, str]]] = []
    # The stretches of the texts holding Traditional characters (first, stop).
    traditional: list[tuple[int, int]] = []
    for text in texts:
        first = len(stretches)
        plan: list[tuple[int, str]] = []
        pos = 0
        if tokenizer.number_re is not None:
            for m in tokenizer.number_re.finditer(text):
                s, e = m.span()
                if s > pos:
                    plan.append((len(stretches), ""))
                    stretches.append(text[pos:s])
                plan.append((-1 if m.lastgroup in NUMBER_GROUPS else -2, m.group()))
                pos = e
        if pos < len(text):
            plan.append((len(stretches), ""))
            stretches.append(text[pos:])
        plans.append(plan)
        if textmap.has_traditional(text):
            traditional.append((first, len(stretches)))
    # A stretch in Traditional characters is cut as its Simplified form (the dictionaries are
    # Simplified), and the cut is carried over to it: ``textmap.simplify`` keeps the length.
    simplified: dict[int, str] = {}
    for first, stop in traditional:
        for i in range(first, stop):
            read = textmap.as_simplified(stretches[i])
            if read is not stretches[i]:
                simplified[i] = read
    to_cut = [simplified.get(i, s) for i, s in enumerate(stretches)] if simplified else stretches
    cuts = (
        segmenter.cut_many(fast, to_cut, hmm=hmm)
        if fast is not None
        else [list(tokenizer.jieba.cut(s, HMM=hmm)) for s in to_cut]
    )
    for i in simplified:
        cuts[i] = _carried(cuts[i], stretches[i])
    out = []
    for plan in plans:
        toks: list[str] = []
        numbers: list[int] = []
        for which, span in plan:
            if which >= 0:
                toks += cuts[which]
            else:
                if which == -1:
                    numbers.append(len(toks))
                toks.append(span)
        out.append((toks, numbers))
    return out


def _carried(words: Sequence[str], text: str) -> list[str]:
    """``text`` cut where ``words`` (a cut of a text as long as ``text``) are cut.

    Example:
        >>> _carried(["召开", "大会"], "召開大會")
        ['召開', '大會']
    """
    out = []
    at = 0
    for w in words:
        out.append(text[at : at + len(w)])
        at += len(w)
    return out


def _arrays(
    pieces: Sequence[tuple[list[str], list[int]]],
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Drop the whitespace tokens of ``_pieces``; return every text's tokens one after another.

    Returns:
        The tokens; their start and end positions (in their own text); their class codes
        (index into ``KINDS``); the number of tokens of each text.
    """
    toks = list(itertools.chain.from_iterable(t for t, _ in pieces))
    n = len(toks)
    lengths = np.fromiter(map(len, toks), dtype=np.int64, count=n)
    per_text = np.fromiter((len(t) for t, _ in pieces), dtype=np.int64, count=len(pieces))
    first = np.zeros(len(pieces), dtype=np.int64)  # index of each text's first token
    np.cumsum(per_text[:-1], out=first[1:])
    # The tokens of a text join to it: a token starts where the text's tokens before it end.
    ends = np.cumsum(lengths)
    starts = ends - lengths
    text_start = np.repeat(starts[first[per_text > 0]], per_text[per_text > 0])
    starts -= text_start
    ends -= text_start
    numbers = np.concatenate(
        [
            np.asarray(num, dtype=np.int64) + f
            for (_, num), f in zip(pieces, first.tolist(), strict=True)
        ]
        + [np.zeros(0, dtype=np.int64)]
    )
    codes, space = _kind_codes(toks, numbers, lengths)
    keep = ~space
    kept_before = np.zeros(n + 1, dtype=np.int64)  # tokens kept before each index
    np.cumsum(keep, out=kept_before[1:])
    counts = kept_before[first + per_text] - kept_before[first]
    kept = list(itertools.compress(toks, keep.tolist()))
    return kept, starts[keep], ends[keep], codes[keep], counts


def _kind_codes(
    toks: list[str], numbers: np.ndarray, lengths: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Code (index into ``KINDS``) of each token's class, and whether it is whitespace.

    Args:
        toks: The tokens.
        numbers: Indices of the protected numbers and quantities.
        lengths: Length of each token.

    Most tokens are words of letters or digits (``str.isalnum``, checked in one pass); only the
    others can be whitespace or punctuation, and only the longer ones among them (such as
    ``C++``) are looked at character by character.
    """
    codes = np.zeros(len(toks), dtype=np.int8)
    other = np.flatnonzero(~np.fromiter(map(str.isalnum, toks), dtype=bool, count=len(toks)))
    codes[other] = 1
    space = np.zeros(len(toks), dtype=bool)
    space[other] = np.fromiter(
        map(str.isspace, map(toks.__getitem__, other.tolist())), dtype=bool, count=other.size
    )
    for i in other[(lengths[other] > 1) & ~space[other]].tolist():
        if _kind(toks[i]) == "":
            codes[i] = 0
    codes[numbers] = 2
    return codes, space


def _segment(tokenizer: Tokenizer, text: str) -> tuple[list[str], list[int], list[str]]:
    """Segment ``text`` into parallel lists: tokens, start positions, coarse classes.

    Plain Python (no arrays), as it is called for many short texts (``boundaries``).
    """
    ((words, numbers),) = _pieces(tokenizer, [text])
    marked = set(numbers)
    toks: list[str] = []
    starts: list[int] = []
    kinds: list[str] = []
    for i, (token, start) in enumerate(
        zip(words, itertools.accumulate(map(len, words), initial=0), strict=False)
    ):
        if token.isspace():  # whitespace tokens are dropped
            continue
        toks.append(token)
        starts.append(start)
        kinds.append("m" if i in marked else "" if token.isalnum() else _kind(token))
    return toks, starts, kinds


def segment(tokenizer: Tokenizer, text: str) -> list[tuple[str, int, str]]:
    """Segment one text into ``(token, start, pos)`` triples (positions in ``text``).

    Args:
        tokenizer: From ``build_tokenizer``.
        text: The analysis text (NFKC).

    Returns:
        Tokens in order, whitespace dropped; ``pos`` is ``"m"`` (protected number), ``"x"``
        (punctuation or symbol) or ``""``.

    Example:
        >>> [t for t, _, _ in segment(tk, "增长129.2%。")]  # doctest: +SKIP
        ['增长', '129.2%', '。']
    """
    return list(zip(*_segment(tokenizer, text), strict=True))


def boundaries(tokenizer: Tokenizer, text: str) -> list[int]:
    """Word-boundary offsets of ``text``: 0, every token start and end, and ``len(text)``.

    Example:
        >>> boundaries(tk, "支持工会、妇联")  # doctest: +SKIP
        [0, 2, 4, 5, 7]
    """
    cuts = {0, len(text)}
    for token, start, _pos in segment(tokenizer, text):
        cuts.update((start, start + len(token)))
    return sorted(cuts)


def sentence_ids(text: str, starts: Sequence[int] | np.ndarray) -> np.ndarray:
    r"""Return the sentence index (0-based, dense) of each token start.

    Sentences end after a run of 。！？；!?; (with closing quotes) or at a line break.

    Example:
        >>> sentence_ids("好。行！\n对", [0, 1, 2, 3, 5]).tolist()
        [0, 0, 1, 1, 2]
    """
    ends = np.fromiter(map(re.Match.end, RE_SENTENCE_END.finditer(text)), dtype=np.int64)
    raw_ids = np.searchsorted(ends, np.asarray(starts, dtype=np.int64), side="right")
    if len(raw_ids) and np.all(raw_ids[1:] >= raw_ids[:-1]):
        # Sorted ids (starts in text order): the dense rank counts the changes so far, which is
        # what np.unique's inverse gives, without sorting.
        dense = np.zeros(len(raw_ids), dtype=np.int64)
        np.cumsum(raw_ids[1:] != raw_ids[:-1], out=dense[1:])
        return dense
    _, dense = np.unique(raw_ids, return_inverse=True)
    return dense.astype(np.int64)


def tokenize(articles: pd.DataFrame, *, tokenizer: Tokenizer) -> pd.DataFrame:
    """Segment every article's ``text`` into a tokens table with raw offsets.

    Args:
        articles: ARTICLES table with its in-memory ``offset_map`` column.
        tokenizer: From ``build_tokenizer``.

    Returns:
        TOKENS table: ``article_id``; ``sent_id`` (sentence index within the article, from 0);
        ``position`` (token index within the article, from 0); ``start``/``end`` (offsets into
        the raw file: ``raw[start:end]`` is the token's source text); ``token`` (NFKC);
        ``pos`` (``"m"`` number, ``"x"`` punctuation, ``""`` otherwise). Articles in input order.

    Raises:
        SchemaError: If ``articles`` lacks ``article_id``, ``text`` or ``offset_map``.

    Example:
        >>> tokenize(articles, tokenizer=tk)[["token", "start", "end"]]  # doctest: +SKIP
    """
    schema.require_columns(
        articles, ["article_id", "text", schema.OFFSET_MAP], func="tokens.tokenize"
    )
    ids: list[str] = []
    counts: list[int] = []
    sent: list[np.ndarray] = []
    raw_starts: list[np.ndarray] = []
    raw_ends: list[np.ndarray] = []
    texts = [str(text) for text in articles["text"]]
    all_toks, all_starts, all_ends, codes, per_text = _arrays(_pieces(tokenizer, texts))
    bounds = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(per_text, out=bounds[1:])
    for aid, text, omap, lo, hi in zip(
        articles["article_id"],
        texts,
        articles[schema.OFFSET_MAP],
        bounds[:-1].tolist(),
        bounds[1:].tolist(),
        strict=True,
    ):
        if lo == hi:
            continue
        starts = all_starts[lo:hi]
        raw_s, raw_e = omap.to_raw(starts, all_ends[lo:hi])
        ids.append(str(aid))
        counts.append(hi - lo)
        sent.append(sentence_ids(text, starts))
        raw_starts.append(raw_s)
        raw_ends.append(raw_e)
    if not ids:
        return schema.empty(schema.TOKENS).astype(
            {c: "int64" for c in ("sent_id", "position", "start", "end")}
        )
    return pd.DataFrame(
        {
            "article_id": schema.text_column(ids, np.repeat(np.arange(len(ids)), counts)),
            "sent_id": np.concatenate(sent),
            "position": np.concatenate([np.arange(n, dtype=np.int64) for n in counts]),
            "start": np.concatenate(raw_starts).astype(np.int64),
            "end": np.concatenate(raw_ends).astype(np.int64),
            "token": schema.text_column(all_toks),
            "pos": schema.text_column(KINDS, codes),
        }
    )[list(schema.TOKENS)]


def audit(
    tokenizer: Tokenizer,
    lexicon_terms: pd.DataFrame | Iterable[str],
    stopwords: Iterable[str],
) -> pd.DataFrame:
    """List every lexicon term the tokenizer splits or the stopword list would remove.

    Each term is segmented alone and inside the carrier sentence ``CARRIER``.

    Args:
        tokenizer: From ``build_tokenizer``.
        lexicon_terms: Terms to check: a table with ``word`` (and optionally ``source``) columns,
            e.g. ``user_entries(...)``, or plain strings. Deleted entries (``freq == 0``) are
            skipped.
        stopwords: The stopwords in use.

    Returns:
        Columns ``term``, ``source``, ``problem`` (``split``: cut when segmented alone;
        ``split_in_context``: whole alone but cut in the carrier sentence; ``unsegmentable``:
        contains a character jieba always splits at, such as a space or ``·``; ``stopword``: the
        stopword list contains it), ``segmentation`` (tokens joined by ``/``), ``detail``.
        Sorted by term, then problem. Empty when every term is safe.

    Example:
        >>> audit(tk, ["三抓三提"], ["第一"])  # doctest: +SKIP
        Empty DataFrame
    """
    if isinstance(lexicon_terms, pd.DataFrame):
        schema.require_columns(lexicon_terms, ["word"], func="tokens.audit")
        df = lexicon_terms
        if "freq" in df.columns:
            df = df[df["freq"] != 0]
        src = df["source"] if "source" in df.columns else pd.Series([""] * len(df))
        items = list(zip(df["word"].astype(str), src.astype(str), strict=True))
    else:
        items = [(str(t), "") for t in lexicon_terms]
    stop = {unicodedata.normalize("NFKC", s) for s in stopwords}
    rows = []
    for term, source in items:
        term = unicodedata.normalize("NFKC", term)
        alone = [t for t, _, _ in segment(tokenizer, term)]
        if RE_JIEBA_SEPARATOR.search(term):
            rows.append((term, source, "unsegmentable", "/".join(alone), "contains a separator"))
        elif alone != [term]:
            rows.append((term, source, "split", "/".join(alone), "segmented alone"))
        else:
            carrier = CARRIER.format(term)
            in_context = [t for t, _, _ in segment(tokenizer, carrier)]
            if term not in in_context:
                rows.append(
                    (term, source, "split_in_context", "/".join(in_context), f"in {carrier}")
                )
        if term in stop:
            rows.append((term, source, "stopword", term, "listed as a stopword"))
    out = pd.DataFrame(rows, columns=list(AUDIT_COLUMNS))
    return out.sort_values(["term", "problem"], kind="stable").reset_index(drop=True)
