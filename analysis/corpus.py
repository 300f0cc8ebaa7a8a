"""Corpus loading (decoding, skipped files, manifest metadata) and the article split.

Public entry points:

- ``load(root)`` reads every ``*.txt`` file under a folder (recursively, sorted) into a ``Corpus``:
  a DOCUMENTS table (plus metadata from an optional ``manifest.csv``), a SKIPPED table and the
  decoded raw texts.
- ``split(documents, texts, gazetteer=...)`` turns each text into its articles and a cleanup log
  (rules in ``analysis.cleanup``, grouping and subjects in ``analysis.articles``).
- ``account(texts, articles, cleanup_log)`` checks that nothing was lost: every non-whitespace
  character of every raw file lies in exactly one article body or one cleanup-log row.

Decoding never replaces bytes: a file is UTF-8 (with or without BOM), UTF-16 with a BOM,
UTF-16 without a BOM when one byte order decodes strictly to at least ``MIN_UTF16_CHARS``
characters of which at least ``MIN_UTF16_TEXT_SHARE`` are characters Chinese text is written with,
or GB18030/GBK when strict GB18030 decoding succeeds *and* the result is plausibly Chinese text.
A file with NUL bytes that is not such UTF-16 text is listed in SKIPPED with the reason
``binary``; any other file that decodes as none of these with ``undecodable`` and the byte offset.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import hashlib
import io
import itertools
import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from analysis import articles as _articles
from analysis import cleanup, schema, textmap
from analysis.errors import CorpusError, DecodeError, in_file

log = logging.getLogger(__name__)

#: Default size limit of one file (bytes); larger files are skipped as ``too_large``.
MAX_BYTES = 20_000_000
#: Name of the optional metadata file at the corpus root.
MANIFEST = "manifest.csv"
#: Manifest column declaring a document's home unit (宜昌市, 全国): the subject of its articles
#: that name no unit (``subjects.attribute`` rule 7).
HOME_UNIT = "home_unit"
#: Share of CJK characters among the non-ASCII characters needed to accept a GB18030 decoding.
MIN_CJK_SHARE = 0.6
#: Valid multi-byte UTF-8 characters before the first bad byte that mark a damaged UTF-8 file
#: (reported as undecodable rather than decoded as GB18030 mojibake).
MIN_UTF8_EVIDENCE = 3
#: Share of the characters of a UTF-16 decoding without BOM that must be characters Chinese text
#: is written with (those not matched by ``RE_NOT_CHINESE_TEXT``). Every document of the seeds and
#: of the government work reports reaches 0.9999 and each of their lines of 8 or more characters
#: 0.997, while a random code unit is such a character 48 % of the time (mostly a rare ideograph).
#: The 5 % left over admits a few pinyin tone letters, emoji or foreign words in a long text; a
#: text of fewer than 20 characters must consist of such characters only.
MIN_UTF16_TEXT_SHARE = 0.95
#: Fewest characters from which a UTF-16 decoding without BOM is accepted: a few characters cannot
#: tell text from noise. Of random byte strings with a NUL byte, without this minimum 17 % of the
#: 4-byte ones (2 characters) pass the other checks, 4 % of the 8-byte ones and 0.2 % of the
#: 16-byte ones (8 characters); each further character about halves that. A shorter file is
#: binary (so is ``"一".encode("utf-16-le")``, whose other byte order, ``N``, wins in any case).
MIN_UTF16_CHARS = 8
#: Share of the characters above U+00FF of a UTF-16 decoding without BOM from which it is taken for
#: 8-bit text read two bytes at a time (``_ascii_pairs_share``): both bytes of such a character are
#: ASCII letters, digits, punctuation or whitespace. A mostly-ASCII file with a stray NUL byte read
#: as UTF-16 gives 1.0 (its ideographs are pairs of letters: ``he`` is U+6865 桥); Chinese text
#: gives about 0.2, because an ideograph's low byte is any of 256 values. Of random windows of 8
#: characters of the seeds and the government work reports, 0.012 % reach 0.9, none of 20.
MAX_UTF16_ASCII_PAIRS = 0.9

#: Jaccard similarity of character shingles from which two documents are near duplicates.
NEAR_DUPLICATE = 0.9
#: Shingle length (characters, whitespace removed) of the near-duplicate check.
SHINGLE = 5
# Multiplier of the shingle hash (the 64-bit FNV prime).
_FNV_PRIME = np.uint64(0x100000001B3)
# Characters hashed in one pass by ``_shingle_sets`` (bounds its temporary arrays).
_BATCH = 1 << 20
# Shingles sorted at once by ``_document_frequencies`` (bounds its temporary arrays).
_BUCKET = 1 << 18
# Most candidates verified in one batch by ``_Sets.first_match``.
_VERIFY = 256
#: HTML tags from which a text file is treated as a web page and refused (``markup``).
MIN_HTML_TAGS = 3

# File signatures (magic numbers) of common binary formats.
BINARY_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\xd0\xcf\x11\xe0",
    b"\x7fELF",
)
# A CJK unified ideograph (basic block and extension A) or CJK punctuation / full-width form.
RE_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
# An HTML tag, doctype or comment opener (refuse web pages saved as .txt).
RE_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|!--|/?(?:html|head|body|div|p|br|span|table|tr|td|script|style|meta"
    r"|a|li|ul|ol|h[1-6]|img|title)(?=[\s/>]))[^<>]*>?",
    re.IGNORECASE,
)
# Whitespace (removed before shingling).
RE_WHITESPACE = re.compile(r"\s+")
# Printable ASCII, line breaks, CJK punctuation: frequent in UTF-16 decoded in the right order.
RE_UTF16_ANCHOR = re.compile(r"[\t\n\r\x20-\x7e\u3000-\u303f\uff01-\uff5e]")
# A character outside those Chinese text is written with; in a UTF-16 decoding without BOM
# they may make up at most 1 - MIN_UTF16_TEXT_SHARE of the characters. Besides the blocks named
# below, the class holds what GB2312 (the character set of simplified Chinese) has outside its
# ideographs and is ordinary in news text: Greek letters, arrows, mathematical operators, box
# drawing, geometric shapes and stars. Left out (they count against the share): Latin letters
# with accents (pinyin tone marks are rare, and U+0080–U+00FF is what a NUL byte beside a random
# byte gives), kana, Hangul, the private use area, emoji and dingbats.
RE_NOT_CHINESE_TEXT = re.compile(
    r"[^"
    r"\t\n\f\r\x20-\x7e"  # ASCII printable and whitespace
    r"\xa0-\xbf\xd7\xf7"  # Latin-1 punctuation and signs: no-break space · ° ± § ¥ × ÷
    r"\u0391-\u03a9\u03b1-\u03c9"  # Greek letters (γ射线, β-受体)
    r"\u2000-\u206f"  # general punctuation: — … ‘ ’ “ ” • ‰ ※
    r"\u2100-\u21ff"  # letterlike symbols, number forms and arrows: ℃ № Ⅳ ⅱ →
    r"\u2200-\u22ff"  # mathematical operators: ≤ ≥ ≠ ≈ ∶ (the colon of ratios)
    r"\u2460-\u24ff"  # enclosed alphanumerics: ① ⑴ ⒈
    r"\u2500-\u25ff"  # box drawing and geometric shapes: ─ ┌ ■ □ ● ○ ◆ ▲
    r"\u2605\u2606"  # ★ ☆ (list bullets)
    r"\u2e80-\u2fdf"  # CJK and Kangxi radicals: text taken from PDF files has ⼀ for 一
    r"\u3000-\u303f"  # CJK symbols and punctuation: ideographic space 、 。 《 》 【 】 〇
    r"\u30fb"  # katakana middle dot ・ between the parts of a foreign name
    r"\u3200-\u33ff"  # enclosed CJK letters and CJK compatibility: ㈠ ㊣ ㎡ ㎏ ㎞
    r"\u3400-\u4dbf\u4e00-\u9fff"  # CJK unified ideographs (extension A, basic block)
    r"\uf900-\ufaff"  # CJK compatibility ideographs
    r"\uff00-\uffef"  # fullwidth and halfwidth forms: ， ！ （ ） ０ Ａ
    r"\U00020000-\U0003ffff"  # ideographs of extensions B and later (rare names: 𠀀)
    r"]"
)
# A C0 control character other than tab, newline, carriage return and form feed.
RE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: CJK and fullwidth punctuation (``_common_share``).
RE_CJK_PUNCT = re.compile(r"[\u3000-\u303f\uff00-\uffef]")
#: A manifest date: a year, a month or a day, with -, / or . or with 年/月/日, and a time of day
#: that is dropped (``manifest_date``).
RE_MANIFEST_DATE = re.compile(
    r"(?P<y>\d{4})(?:年|[-/.](?P<m>\d{1,2})"
    r"(?:[-/.](?P<d>\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::[\d.]+)?)?)?"
    r"|年(?P<m2>\d{1,2})月(?:(?P<d2>\d{1,2})日)?)?"
)


@dataclass(frozen=True, eq=False)
class Corpus:
    """A loaded corpus folder.

    Attributes:
        root: The folder that was loaded.
        documents: One row per decoded file: ``schema.DOCUMENTS`` plus the manifest's columns.
        skipped: One row per file not analysed: ``schema.SKIPPED``.
        texts: ``file`` → decoded raw text (offsets everywhere index into these strings).
    """

    root: Path
    documents: pd.DataFrame
    skipped: pd.DataFrame
    texts: dict[str, str]


def decode(data: bytes, *, file: str) -> tuple[str, str]:
    """Decode a file's bytes strictly; return ``(text, encoding)``.

    Args:
        data: The file's bytes.
        file: The file's name, used in the error message.

    UTF-16 without a BOM is recognised by where its NUL bytes sit and by what it decodes to
    (``_utf16_without_bom``): the byte order with more ASCII and CJK punctuation must give at
    least ``MIN_UTF16_CHARS`` characters with an ideograph and no control character, of which at
    least ``MIN_UTF16_TEXT_SHARE`` are characters Chinese text is written with (ideographs, ASCII,
    Chinese punctuation and the symbols that ``RE_NOT_CHINESE_TEXT`` lets through).
    A file that is valid UTF-8 up to a bad byte, with at least ``MIN_UTF8_EVIDENCE`` non-ASCII
    characters before it, is damaged UTF-8 and is not tried as GB18030.

    Returns:
        The decoded text (BOM removed, nothing else changed) and the codec name: ``utf-8``,
        ``utf-8-sig``, ``utf-16-le``, ``utf-16-be``, ``gb18030`` or ``cp950`` (Big5; see
        ``_legacy_chinese``).

    Raises:
        DecodeError: If no codec decodes the bytes; names the file and the first bad byte offset.

    Example:
        >>> decode("十堰".encode("gb18030"), file="a.txt")
        ('十堰', 'gb18030')
    """
    boms = (
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    )
    for bom, codec, name in boms:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), name
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    in_file(file, f"not valid {name} at byte offset {exc.start + len(bom)}.")
                ) from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    valid_prefix = data[:utf8_error].decode("utf-8")
    if sum(ord(c) > 127 for c in valid_prefix) < MIN_UTF8_EVIDENCE:
        found = _legacy_chinese(data)
        if found is not None:
            return found
    raise DecodeError(
        in_file(
            file,
            f"undecodable: not UTF-8 (first bad byte at offset {utf8_error}) and not Chinese "
            "GB18030/GBK or Big5 text; save the file as UTF-8.",
        )
    )


#: Legacy Chinese codecs tried on a file that is not UTF-8 or UTF-16, in order of preference:
#: GB18030 (a superset of GBK and GB2312, mainland China) and code page 950 (Big5 as Windows
#: writes it, Taiwan and Hong Kong).
LEGACY_CODECS = ("gb18030", "cp950")
#: Characters of each decoding that ``_common_share`` looks at.
COMMON_SAMPLE = 20_000
#: How much more of a later codec's decoding must be common characters for it to be chosen.
COMMON_MARGIN = 0.2


def _legacy_chinese(data: bytes) -> tuple[str, str] | None:
    """Decode GB18030 or Big5 bytes; return ``(text, codec)`` or None.

    The bytes of one of these often decode without error in the other, to text of rare
    characters (Big5 ``本報訊`` read as GB18030 is ``セ厨癟``). Each codec that decodes the bytes
    strictly to plausibly Chinese text (``_plausibly_chinese``) is scored by ``_common_share``;
    GB18030 is kept unless Big5's share is higher by ``COMMON_MARGIN`` (right decodings score
    near 1, wrong ones about a third).
    """
    decoded: list[tuple[str, str]] = []
    for codec in LEGACY_CODECS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausibly_chinese(text):
            decoded.append((text, codec))
    if len(decoded) < 2:
        return decoded[0] if decoded else None
    best = decoded[0]
    best_share = _common_share(best[0])
    for text, codec in decoded[1:]:
        share = _common_share(text)
        if share > best_share + COMMON_MARGIN:
            best, best_share = (text, codec), share
    return best


def _common_share(text: str) -> float:
    """Share of the non-ASCII characters that are common Chinese characters or punctuation.

    A character counts when its Simplified form (``textmap.simplify``) is one of the 3,755
    characters of level 1 of GB 2312 (the frequent characters) or is CJK or fullwidth
    punctuation. Judged on the first ``COMMON_SAMPLE`` characters.

    Example:
        >>> _common_share("本報訊 臺灣"), _common_share("セ厨癟 籓芖")
        (1.0, 0.4)
    """
    sample = text[:COMMON_SAMPLE]
    non_ascii = [c for c in textmap.simplify(sample) if ord(c) > 127]
    if not non_ascii:
        return 0.0
    common = sum(1 for c in non_ascii if _gb2312_level1(c) or RE_CJK_PUNCT.match(c))
    return common / len(non_ascii)


def _gb2312_level1(char: str) -> bool:
    """Whether ``char`` is one of the frequent characters of GB 2312 (level 1, rows 16-55)."""
    try:
        code = char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xB0 <= code[0] <= 0xD7


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Decode UTF-16 without a byte-order mark, or return None.

    Both byte orders are tried; the one giving more ASCII characters and CJK punctuation (line
    breaks, digits, 。，“” — swapped bytes turn these into rare letters) wins, and is accepted only
    when it decodes strictly to at least ``MIN_UTF16_CHARS`` characters that hold an ideograph,
    are plausibly Chinese (``_plausibly_chinese``) and of which at least ``MIN_UTF16_TEXT_SHARE``
    are characters Chinese text is written with (not matched by ``RE_NOT_CHINESE_TEXT``), and
    fewer than ``MAX_UTF16_ASCII_PAIRS`` of the characters above U+00FF read as two ASCII text
    bytes (``_ascii_pairs_share``: an ASCII file with a stray NUL byte). Short byte strings with a
    NUL byte often decode to a few rare ideographs and symbols (Hangul, dingbats); the minimum
    length and the share refuse them.
    """
    if len(data) % 2 or b"\x00" not in data:
        return None
    scored = []
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        scored.append((len(RE_UTF16_ANCHOR.findall(text)), codec, text))
    scored.sort(reverse=True)
    if not scored or (len(scored) == 2 and scored[0][0] == scored[1][0]):
        return None
    _, codec, text = scored[0]
    if len(text) < MIN_UTF16_CHARS or not RE_CJK.search(text) or not _plausibly_chinese(text):
        return None
    outside = sum(1 for _ in RE_NOT_CHINESE_TEXT.finditer(text))
    if (len(text) - outside) / len(text) < MIN_UTF16_TEXT_SHARE:
        return None
    if _ascii_pairs_share(text) >= MAX_UTF16_ASCII_PAIRS:
        return None
    return text, codec


def _ascii_pairs_share(text: str) -> float:
    """Share of the characters above U+00FF whose two bytes are both ASCII text bytes.

    An ASCII text byte is printable (0x20–0x7E) or whitespace (0x09–0x0D). A text with no
    character above U+00FF gives 0.0.

    Example:
        >>> _ascii_pairs_share("the")  # no character above U+00FF
        0.0
        >>> _ascii_pairs_share(b"the quick".decode("utf-16-be", "ignore"))  # 瑨攠煵楣
        1.0
        >>> _ascii_pairs_share("十堰日报")  # U+5341 U+5830 U+65E5 U+62A5: two of four
        0.5
    """
    wide = [ord(c) for c in text if ord(c) > 0xFF]
    if not wide:
        return 0.0

    def ascii_byte(b: int) -> bool:
        return 0x20 <= b <= 0x7E or 0x09 <= b <= 0x0D

    return sum(ascii_byte(c >> 8) and ascii_byte(c & 0xFF) for c in wide) / len(wide)


def _plausibly_chinese(text: str) -> bool:
    """Return True if a GB18030 or UTF-16 decoding looks like Chinese text, not decoded noise."""
    if RE_CONTROL.search(text):
        return False
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    cjk = len(RE_CJK.findall(text))
    return cjk / len(non_ascii) >= MIN_CJK_SHARE


def _binary_reason(data: bytes) -> str | None:
    """Return why ``data`` is binary (a signature or NUL bytes), or None for text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(data):
        return None
    for magic in BINARY_MAGIC:
        if data.startswith(magic):
            return f"starts with the signature {magic!r} of a binary format"
    nul = data.find(b"\x00")
    if nul >= 0:
        return f"contains NUL bytes (first at byte offset {nul}); if it is text, save it as UTF-8"
    return None


def _doc_ids(files: list[str]) -> dict[str, str]:
    """Return a readable, unique id per file: the file stem, or the path when stems repeat.

    Paths that still collide (``b/a.txt`` and ``b-a.txt``, ``a.txt`` and ``a.TXT``) keep their
    extension; any id still repeated gets ``~2``, ``~3`` … in file order.
    """
    stems = [Path(f).stem for f in files]
    if len(set(stems)) == len(stems):
        return dict(zip(files, stems, strict=True))
    ids = [str(Path(f).with_suffix("")).replace("/", "-") for f in files]
    counts = Counter(ids)
    ids = [i if counts[i] == 1 else f.replace("/", "-") for i, f in zip(ids, files, strict=True)]
    seen: Counter[str] = Counter()
    unique = []
    for i in ids:
        seen[i] += 1
        unique.append(i if seen[i] == 1 else f"{i}~{seen[i]}")
    return dict(zip(files, unique, strict=True))


def manifest_date(value: str) -> str | None:
    """Return a manifest's date in ISO form (``2023``, ``2023-07``, ``2023-07-26``), or None.

    Accepted: a year, a year and month, or a full date, separated by ``-``, ``/`` or ``.`` or
    written with 年/月/日, a full date also followed by a time of day (``2023-07-26 10:30:00``,
    from a database export: the time is dropped); an empty value stays empty. None for anything
    else, and for a month or day that does not exist (``2023-13``, ``2023-02-30``).

    Example:
        >>> manifest_date("2023/7/26"), manifest_date("2023年7月"), manifest_date("2023-02-30")
        ('2023-07-26', '2023-07', None)
    """
    text = value.strip()
    if not text:
        return ""
    m = RE_MANIFEST_DATE.fullmatch(text)
    if m is None:
        return None
    year, month, day = int(m["y"]), m["m"] or m["m2"], m["d"] or m["d2"]
    if month is None:
        return f"{year:04d}"
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return f"{year:04d}-{int(month):02d}"
    try:
        return datetime.date(year, int(month), int(day)).isoformat()
    except ValueError:
        return None


def _read_manifest(root: Path) -> tuple[pd.DataFrame | None, list[dict[str, str]]]:
    """Read ``manifest.csv``; return its rows (one per file) and SKIPPED rows for absent files.

    The file is decoded as the texts are (``decode``: UTF-8 with or without BOM, UTF-16,
    GB18030/GBK); its fields are separated by commas, or by tabs when the header line has tabs
    and no comma (Excel's "Unicode text").
    """
    path = root / MANIFEST
    if not path.is_file():
        return None, []
    # Decoded as the texts are: Excel on a Chinese system saves "CSV" as GBK and "Unicode text"
    # as UTF-16 with tabs between the fields.
    text, encoding = decode(path.read_bytes(), file=str(path))
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    if encoding != "utf-8" or delimiter != ",":
        log.info("%s: read as %s, fields separated by %r", path, encoding, delimiter)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows or "file" not in [h.strip() for h in rows[0]]:
        raise CorpusError(
            in_file(path, "the first line must be a header with a 'file' column.", line=1)
        )
    header = [h.strip() for h in rows[0]]
    records: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    absent: list[dict[str, str]] = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in row):
            continue
        if len(row) != len(header):
            raise CorpusError(
                in_file(
                    path,
                    f"{len(row)} fields where the header has {len(header)}; "
                    "quote values that contain commas.",
                    line=n,
                )
            )
        rec = {h: v.strip() for h, v in zip(header, row, strict=True)}
        file = rec["file"].replace("\\", "/").removeprefix("./")
        if not file:
            raise CorpusError(in_file(path, "empty value.", line=n, field="file"))
        if file in seen:
            raise CorpusError(
                in_file(path, f"{file!r} is listed twice (first on line {seen[file]}).", line=n)
            )
        seen[file] = n
        rec["file"] = file
        if "date" in rec:
            date = manifest_date(rec["date"])
            if date is None:
                raise CorpusError(
                    in_file(
                        path,
                        f"date {rec['date']!r} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY "
                        "(2023-07-26, 2023-07, 2023), or leave it empty.",
                        line=n,
                        field="date",
                    )
                )
            rec["date"] = date
        records.append(rec)
        if not (root / file).is_file():
            absent.append(
                {
                    "file": file,
                    "reason": "not_found",
                    "detail": f"listed in {MANIFEST} line {n} but there is no such file",
                }
            )
    meta = pd.DataFrame(records, columns=header, dtype=object)
    return meta, absent


def _txt_files(root: Path) -> list[Path]:
    """Every path named ``*.txt`` (any case) under ``root``, hidden folders excluded, sorted.

    Hidden *files* (``.name.txt``) are returned (``load`` lists them as skipped); paths inside a
    hidden folder (``.git``, ``.ipynb_checkpoints``) are not.
    """
    found = []
    for p in root.rglob("*"):
        if p.suffix.lower() != ".txt":
            continue
        rel = p.relative_to(root)
        if any(part.startswith(".") for part in rel.parts[:-1]):
            continue
        found.append(p)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def _markup_reason(text: str) -> str | None:
    """Return why ``text`` is an HTML page rather than plain text, or None."""
    tags = RE_HTML_TAG.findall(text, 0, 1_000_000)
    head = text.lstrip()[:15].lower()
    if len(tags) < MIN_HTML_TAGS and not head.startswith(("<!doctype html", "<html")):
        return None
    first = RE_HTML_TAG.search(text)
    where = f", the first at character offset {first.start()}" if first else ""
    return (
        f"an HTML page ({len(tags)} tag(s){where}); save it as plain text (e.g. the browser's "
        "'save as text') and add that file instead"
    )


def _sorted_unique(h: np.ndarray) -> np.ndarray:
    """Sorted unique values of ``h`` (a sort and a mask: faster than NumPy's ``unique``)."""
    h = np.sort(h)
    if h.size > 1:
        h = h[np.concatenate(([True], h[1:] != h[:-1]))]
    return h


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Indices of the ranges ``[starts[i], starts[i] + lengths[i])``, concatenated in order.

    Example:
        >>> _ranges(np.array([5, 0]), np.array([2, 3])).tolist()
        [5, 6, 0, 1, 2]
    """
    ends = np.cumsum(lengths)
    return np.repeat(starts - ends + lengths, lengths) + np.arange(ends[-1] if ends.size else 0)


def _shingles(text: str, k: int) -> np.ndarray:
    """Sorted unique 64-bit hashes of the ``k``-character shingles of ``text`` (no whitespace).

    A text shorter than ``k`` characters has one shingle, the whole text.
    """
    codes = np.frombuffer(RE_WHITESPACE.sub("", text).encode("utf-32-le"), dtype=np.uint32)
    if codes.size == 0:
        return np.zeros(0, dtype=np.uint64)
    return _sorted_unique(_window_hashes(codes, min(k, int(codes.size))))


def _window_hashes(codes: np.ndarray, k: int) -> np.ndarray:
    """Hash of every ``k``-code window of ``codes`` (FNV-style: multiply, then xor each code)."""
    n = codes.size - k + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h *= _FNV_PRIME
        h ^= codes[j : j + n]
    return h


def _shingle_sets(texts: list[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``_shingles`` of every text, concatenated, and the offsets of each text's set.

    Texts are hashed in batches of about ``_BATCH`` characters (one window pass per batch, the
    windows that cross a text boundary are dropped), so the result equals
    ``np.concatenate([_shingles(t, k) for t in texts])`` at a fraction of the per-call cost. The
    result is written into one array sized for the texts' length and shrunk in place.

    Returns:
        ``(values, offsets)``: the set of text ``i`` is ``values[offsets[i]:offsets[i + 1]]``.
    """
    values = np.empty(sum(len(t) for t in texts), dtype=np.uint64)
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    start = filled = 0
    while start < len(texts):
        stop, chars, stripped = start, 0, []
        while stop < len(texts) and (stop == start or chars + len(texts[stop]) <= _BATCH):
            stripped.append(RE_WHITESPACE.sub("", texts[stop]))
            chars += len(texts[stop])
            stop += 1
        codes = np.frombuffer("".join(stripped).encode("utf-32-le"), dtype=np.uint32)
        h = _window_hashes(codes, k) if codes.size >= k else np.zeros(0, dtype=np.uint64)
        at = 0
        for i, text in enumerate(stripped, start):
            size = len(text)
            # A text shorter than one shingle (or empty) is hashed whole, if at all.
            s = _sorted_unique(h[at : at + size - k + 1]) if size >= k else _shingles(text, k)
            values[filled : filled + s.size] = s
            filled += s.size
            offsets[i + 1] = filled
            at += size
        start = stop
    values.resize(filled, refcheck=False)
    return values, offsets


def _document_frequencies(values: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """For each shingle of the sets ``values``/``offsets``, how many sets hold it (capped).

    The shingles are counted in buckets of about ``_BUCKET`` by their leading bits (within a
    sorted set, a bucket is one run), each bucket sorted with the positions packed into the low
    bits of the keys, so no argsort of all shingles is needed. A count is that of the hash's
    leading bits: it can only be too high when two shingles share them, which is rare and
    harmless, since the counts only order the shingles. Capped at 65535 (``uint16``).
    """
    df = np.zeros(values.size, dtype=np.uint16)
    if values.size == 0:
        return df
    lead = min(8, max(0, int(-(-values.size // _BUCKET)).bit_length() - 1))
    top = np.empty(values.size, dtype=np.uint8)
    for c in range(0, values.size, _BUCKET):
        top[c : c + _BUCKET] = values[c : c + _BUCKET] >> np.uint64(64 - lead) if lead else 0
    # Runs of one bucket in one set: each set is sorted, so its buckets follow each other.
    run = np.zeros(values.size + 1, dtype=bool)
    run[offsets[:-1]] = True
    run[1:-1] |= top[1:] != top[:-1]
    run[-1] = False
    run_start = np.flatnonzero(run)
    del run
    run_end = np.append(run_start[1:], values.size)
    run_bucket = top[run_start]
    del top
    order = np.argsort(run_bucket, kind="stable")
    run_start, run_end, run_bucket = run_start[order], run_end[order], run_bucket[order]
    edges = np.searchsorted(run_bucket, np.arange(1 << lead), side="left").tolist()
    edges.append(run_bucket.size)
    for r0, r1 in itertools.pairwise(edges):
        if r0 == r1:
            continue
        where = _ranges(run_start[r0:r1], run_end[r0:r1] - run_start[r0:r1])
        bits = int(where.size).bit_length()
        keys = values[where]
        keys <<= np.uint64(lead)
        keys >>= np.uint64(bits)
        keys <<= np.uint64(bits)
        keys |= np.arange(where.size, dtype=np.uint64)
        keys.sort()
        high = keys >> np.uint64(bits)
        starts = np.flatnonzero(np.concatenate(([True], high[1:] != high[:-1])))
        del high
        counts = np.diff(np.append(starts, where.size))
        df[where[(keys & np.uint64((1 << bits) - 1)).astype(np.int64)]] = np.repeat(
            np.minimum(counts, np.iinfo(np.uint16).max).astype(np.uint16), counts
        )
    return df


def duplicates(
    documents: pd.DataFrame,
    texts: dict[str, str],
    *,
    threshold: float = NEAR_DUPLICATE,
    k: int = SHINGLE,
) -> pd.DataFrame:
    r"""Flag exact and near-duplicate documents (nothing is merged or dropped).

    Exact duplicates have the same ``sha256``. Near duplicates have a Jaccard similarity of at
    least ``threshold`` between their sets of ``k``-character shingles (whitespace removed, so a
    CRLF copy of a file is a near duplicate). Candidate pairs come from prefix filtering (two sets
    with Jaccard >= t share one of the first ``|s| - ceil(t |s|) + 1`` shingles in a fixed
    global order; here the rarest first, so boilerplate shared by many articles is never looked
    up) and a size filter, then every candidate is verified exactly, so the result equals the
    all-pairs comparison without comparing every pair. Time and memory grow about linearly with
    the corpus for distinct articles (about 5 s and 430 MB for 100 MB of newspaper text, see
    ``bench/duplicates.py``).

    Args:
        documents: The DOCUMENTS columns ``file`` and ``sha256``, in file order.
        texts: ``file`` → decoded raw text.
        threshold: Jaccard similarity from which two documents are near duplicates.
        k: Shingle length in characters.

    Returns:
        One row per document, in the order of ``documents``: file, duplicate_of (the first
        earlier file with the same bytes, else ""), near_duplicate_of (for a document that is not
        an exact duplicate: the first earlier file with other bytes and similarity >=
        ``threshold``, else "").

    Example:
        >>> docs = pd.DataFrame({"file": ["a.txt", "b.txt"], "sha256": ["x", "y"]})
        >>> duplicates(docs, {"a.txt": "十堰市召开推进会。", "b.txt": "十堰市召开推进会。\n"})[
        ...     "near_duplicate_of"
        ... ].tolist()
        ['', 'a.txt']
    """
    schema.require_columns(documents, ["file", "sha256"], func="corpus.duplicates")
    files = [str(f) for f in documents["file"]]
    shas = [str(h) for h in documents["sha256"]]
    first_sha: dict[str, str] = {}
    exact = []
    for f, h in zip(files, shas, strict=True):
        first = first_sha.setdefault(h, f)
        exact.append(first if first != f else "")
    near = [""] * len(files)
    # An exact duplicate has the shingles of its first copy, which comes earlier and is searched,
    # so it finds nothing new: it is neither indexed nor searched (the result is the same).
    # Below, documents are numbered by their place in ``todo``.
    todo = [i for i, dup in enumerate(exact) if not dup]
    values, offsets = _shingle_sets([texts.get(files[i], "") for i in todo], k)
    sets = _Sets(values, offsets)
    for i, j in _near_pairs(sets, threshold):
        near[todo[i]] = files[todo[j]]
    return pd.DataFrame(
        {"file": files, "duplicate_of": exact, "near_duplicate_of": near}, dtype=object
    )


def _near_pairs(sets: _Sets, threshold: float) -> Iterator[tuple[int, int]]:
    """Yield ``(i, j)``: ``j`` is the first set before ``i`` with Jaccard >= ``threshold``.

    Prefix filtering: the shingles are ordered by how many sets hold them (rarest first, ties by
    hash value), and two sets with Jaccard >= ``threshold`` share one of their first
    ``|s| - ceil(threshold |s|) + 1`` shingles in that order. A shingle held by one set only
    cannot be shared, so most sets of distinct articles (whose rarest shingles are their own)
    have no candidates at all; common boilerplate comes last and is never looked up. Candidates
    pass the size filter, then are verified exactly, earliest first, stopping at the first match.
    """
    sizes = np.diff(sets.offsets)
    if sets.values.size == 0:
        return
    df = _document_frequencies(sets.values, sets.offsets)
    lengths = np.clip(sizes - np.ceil(threshold * sizes - 1e-9).astype(np.int64) + 1, 0, sizes)
    # Prefix shingles held by more than one set, with their set, in set order (a set whose
    # prefix holds only its own shingles has none).
    tokens: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    for i in np.flatnonzero(lengths > 0).tolist():
        a, b = int(sets.offsets[i]), int(sets.offsets[i + 1])
        if np.count_nonzero(df[a:b] == 1) >= lengths[i]:
            continue
        order = np.argsort(df[a:b], kind="stable")[: lengths[i]]
        order = order[df[a + order] > 1]
        tokens.append(sets.values[a + order])
        owners.append(np.full(order.size, i, dtype=np.int64))
    if not tokens:
        return
    token = np.concatenate(tokens)
    owner = np.concatenate(owners)
    del tokens, owners
    # Postings: entries sorted by shingle, then set; ``first[p]`` is where p's shingle starts.
    perm = np.argsort(token, kind="stable")
    posted = owner[perm]
    by_token = token[perm]
    starts = np.concatenate(([True], by_token[1:] != by_token[:-1]))
    first = np.maximum.accumulate(np.where(starts, np.arange(perm.size), 0))
    place = np.empty(perm.size, dtype=np.int64)
    place[perm] = np.arange(perm.size)
    bounds = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1], [True])))
    for e0, e1 in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        i = int(owner[e0])
        pos = place[e0:e1]
        lo = first[pos]
        earlier = pos > lo
        if not earlier.any():
            continue
        pos, lo = pos[earlier], lo[earlier]
        # The earliest candidate is the earliest set of some posting: check it alone first (a
        # series of near copies all match their first member), then all the others in order.
        j = int(posted[lo].min())
        if sets.first_match(i, np.array([j]), threshold) >= 0:
            yield i, j
            continue
        cands = _sorted_unique(posted[_ranges(lo, pos - lo)])
        match = sets.first_match(i, cands[cands > j], threshold)
        if match >= 0:
            yield i, match


@dataclass(frozen=True)
class _Sets:
    """Sorted shingle hash sets, concatenated: set ``i`` is ``values[offsets[i]:offsets[i+1]]``."""

    values: np.ndarray
    offsets: np.ndarray

    def first_match(self, i: int, cands: np.ndarray, threshold: float) -> int:
        """The first of ``cands`` (ascending) whose Jaccard with set ``i`` is >= ``threshold``.

        Returns -1 when there is none. Candidates are verified in growing batches (one
        ``searchsorted`` of their concatenated sets into set ``i`` per batch), so a match among
        the first candidates stops the work early.
        """
        s = self.values[self.offsets[i] : self.offsets[i + 1]]
        a = self.offsets[cands]
        sizes = self.offsets[cands + 1] - a
        # Size filter: Jaccard <= min / max.
        keep = ~(np.minimum(sizes, s.size) < threshold * np.maximum(sizes, s.size))
        cands, a, sizes = cands[keep], a[keep], sizes[keep]
        done, batch = 0, 1
        while done < cands.size:
            stop = min(cands.size, done + batch)
            n = sizes[done:stop]
            t = self.values[_ranges(a[done:stop], n)]
            at = np.minimum(np.searchsorted(s, t), s.size - 1)
            inter = np.add.reduceat(s[at] == t, np.cumsum(n) - n).astype(np.int64)
            ok = np.flatnonzero(inter / (s.size + n - inter) >= threshold)
            if ok.size:
                return int(cands[done + ok[0]])
            done, batch = stop, min(4 * batch, _VERIFY)
        return -1


def load(root: str | Path, *, max_bytes: int = MAX_BYTES) -> Corpus:
    """Load every ``.txt`` file under ``root`` (recursively) with its manifest metadata.

    Files that cannot be analysed are listed in ``skipped`` with a reason, never dropped silently:
    ``empty`` (0 bytes or whitespace only), ``binary`` (NUL bytes or a binary signature),
    ``markup`` (an HTML page saved as ``.txt``: refused, not stripped), ``hidden`` (a file
    whose name starts with ``.``; files inside hidden folders are not looked at),
    ``too_large`` (more than ``max_bytes``), ``undecodable`` (the detail names the byte offset),
    ``unreadable`` (an OS error, or a folder named ``*.txt``), ``outside_corpus`` (a link
    leading out of ``root``) and
    ``not_found`` (a ``manifest.csv`` row naming a file that does not exist). Files that are not
    in the manifest are loaded with empty metadata (a log message lists them).

    Args:
        root: The corpus folder.
        max_bytes: Size limit of one file.

    Returns:
        A ``Corpus``. ``documents`` columns: file, doc_id, encoding, n_bytes, n_chars, sha256,
        duplicate_of, near_duplicate_of (see ``duplicates``: flagged, never merged), then every
        manifest column except ``file`` (a manifest column whose name is taken by one of these
        is renamed ``manifest_<name>``). ``skipped`` columns: file, reason, detail.

    Raises:
        CorpusError: If ``root`` is not a folder, holds no ``.txt`` file, none of its files
            can be analysed (the message lists them with their reasons), or its manifest is
            malformed (the message names the file and line).

    Example:
        >>> corpus = load("seeds")  # doctest: +SKIP
        >>> corpus.documents["file"].iloc[0]  # doctest: +SKIP
        '000_cae2bf924ad8645d.txt'
    """
    base = Path(root)
    if not base.is_dir():
        raise CorpusError(f"corpus folder {str(root)!r} does not exist or is not a folder.")
    paths = _txt_files(base)
    if not paths:
        raise CorpusError(f"corpus folder {str(root)!r} holds no .txt file.")
    meta, skipped_rows = _read_manifest(base)
    resolved_root = base.resolve()
    docs: list[dict[str, object]] = []
    texts: dict[str, str] = {}
    for path in paths:
        file = path.relative_to(base).as_posix()

        def skip(reason: str, detail: str, file: str = file) -> None:
            skipped_rows.append({"file": file, "reason": reason, "detail": detail})

        if path.name.startswith("."):
            skip("hidden", "a hidden file (name starts with '.'); rename it to analyse it")
            continue
        try:
            real = path.resolve(strict=True)
        except OSError as exc:
            skip("unreadable", f"cannot be opened ({exc.strerror or exc})")
            continue
        if not real.is_relative_to(resolved_root):
            skip("outside_corpus", "a link to a file outside the corpus folder")
            continue
        if real.is_dir():
            skip("unreadable", "a folder, not a file")
            continue
        try:
            size = real.stat().st_size
            if size > max_bytes:
                skip("too_large", f"{size} bytes; the limit is max_bytes={max_bytes}")
                continue
            data = real.read_bytes()
        except OSError as exc:
            skip("unreadable", f"cannot be read ({exc.strerror or exc})")
            continue
        binary = _binary_reason(data)
        if binary:
            skip("binary", binary)
            continue
        try:
            text, encoding = decode(data, file=file)
        except DecodeError as exc:
            skip("undecodable", str(exc).removeprefix(f"{file}: "))
            continue
        if not text.strip():
            skip("empty", "0 bytes" if not data else "only whitespace")
            continue
        markup = _markup_reason(text)
        if markup:
            skip("markup", markup)
            continue
        texts[file] = text
        docs.append(
            {
                "file": file,
                "encoding": encoding,
                "n_bytes": len(data),
                "n_chars": len(text),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        )
    if not docs:
        listed = "; ".join(
            f"{r['file']} ({r['reason']}: {r['detail']})" for r in skipped_rows[:5]
        ) + ("; ..." if len(skipped_rows) > 5 else "")
        raise CorpusError(
            f"corpus folder {str(root)!r}: none of its {len(paths)} .txt file(s) can be analysed: "
            f"{listed}. Fix or replace these files."
        )
    ids = _doc_ids([str(d["file"]) for d in docs])
    for d in docs:
        d["doc_id"] = ids[str(d["file"])]
    documents = pd.DataFrame(docs, columns=list(schema.DOCUMENTS))
    documents["n_bytes"] = documents["n_bytes"].astype(np.int64)
    documents["n_chars"] = documents["n_chars"].astype(np.int64)
    dups = duplicates(documents, texts)
    documents["duplicate_of"] = dups["duplicate_of"].to_numpy()
    documents["near_duplicate_of"] = dups["near_duplicate_of"].to_numpy()
    if meta is not None:
        rename = {c: f"manifest_{c}" for c in meta.columns if c in schema.DOCUMENTS and c != "file"}
        meta = meta.rename(columns=rename)
        unlisted = sorted(set(documents["file"]) - set(meta["file"]))
        if unlisted:
            log.info(
                "%s: %d file(s) not listed in %s, loaded with empty metadata: %s",
                root,
                len(unlisted),
                MANIFEST,
                ", ".join(unlisted[:5]) + (" ..." if len(unlisted) > 5 else ""),
            )
        documents = documents.merge(meta, on="file", how="left", validate="one_to_one")
        extra = [c for c in meta.columns if c != "file"]
        documents[extra] = documents[extra].fillna("")
    skipped = pd.DataFrame(skipped_rows, columns=list(schema.SKIPPED), dtype=object)
    skipped = skipped.sort_values(["file", "reason"], kind="stable").reset_index(drop=True)
    return Corpus(root=base, documents=documents, skipped=skipped, texts=texts)


def split(
    documents: pd.DataFrame,
    texts: dict[str, str],
    *,
    gazetteer: pd.DataFrame,
    script: Literal["as_is", "simplified"] = "as_is",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split every document into articles (and sections) and log every removed piece.

    Args:
        documents: The DOCUMENTS table of ``load`` (``date`` column used when present).
        texts: ``file`` → decoded raw text.
        gazetteer: The table of ``lexicons.load_gazetteer`` (subject attribution).
        script: ``as_is`` keeps the characters; ``simplified`` converts Traditional Chinese in
            the analysis copy only (``textmap.simplify``: same length, so offsets still point at
            the raw Traditional text).

    Returns:
        ``(articles, cleanup_log)``. ``articles`` has ``schema.ARTICLES`` plus the in-memory
        ``offset_map`` column; one row per article, compilation parent and section, in file
        and position order. ``cleanup_log`` has ``schema.CLEANUP_LOG``: one row per removed raw
        span (navigation, footer, caption, photo_news, banner, unit_label, headline, subtitle,
        byline, continuation, editor_note), in file and offset order.

    Example:
        >>> arts, log_ = split(corpus.documents, corpus.texts, gazetteer=g)  # doctest: +SKIP
    """
    schema.require_columns(documents, ["file", "doc_id"], func="corpus.split")
    schema.require_columns(gazetteer, ["name", "aliases", "level", "parent"], func="corpus.split")
    matcher = _articles.UnitMatcher(gazetteer)
    art_rows: list[dict[str, object]] = []
    log_rows: list[dict[str, object]] = []
    # A document without rows made a table of object columns, and concatenating it with the
    # others made every column object: the tables keep those types.
    art_gap = log_gap = False
    n_docs = 0
    for meta in documents.to_dict("records"):
        file = str(meta["file"])
        if file not in texts:
            continue
        arts, logs = _articles.document_rows(
            texts[file],
            file=file,
            doc_id=str(meta["doc_id"]),
            date=str(meta.get("date", "") or ""),
            title=str(meta.get("title", "") or ""),
            matcher=matcher,
            script=script,
            home=str(meta.get(HOME_UNIT, "") or ""),
        )
        n_docs += 1
        art_gap = art_gap or not arts
        log_gap = log_gap or not logs
        art_rows.extend(arts)
        log_rows.extend(logs)
    cols = [*schema.ARTICLES, schema.OFFSET_MAP]
    articles = _rows_table(art_rows, cols, gap=art_gap) if n_docs else schema.empty(cols)
    cleanup_log = (
        _rows_table(log_rows, list(schema.CLEANUP_LOG), gap=log_gap)
        if n_docs
        else schema.empty(schema.CLEANUP_LOG)
    )
    return articles[cols], cleanup_log[list(schema.CLEANUP_LOG)]


def _rows_table(rows: list[dict[str, object]], columns: list[str], *, gap: bool) -> pd.DataFrame:
    """One table of ``rows``; ``gap``: some document had none, so every column is object.

    The same table as concatenating one table per document (``split_document``'s).
    """
    table = pd.DataFrame(rows, columns=columns)
    if gap:
        table = pd.concat([pd.DataFrame([], columns=columns), table], ignore_index=True)
    return table


def body_cover(n_chars: int, articles: pd.DataFrame) -> npt.NDArray[np.int64]:
    r"""Return how many article bodies each raw position of one file was read into.

    Bodies are read from each row's ``offset_map`` (the raw spans its ``text`` came from).

    Args:
        n_chars: The length of the file's decoded raw text.
        articles: The ARTICLES rows of that file (with ``offset_map``).

    Example:
        >>> from analysis import textmap
        >>> _, m = textmap.normalize("导航\n甲乙", 3)
        >>> body_cover(5, pd.DataFrame({schema.OFFSET_MAP: [m]})).tolist()
        [0, 0, 0, 1, 1]
    """
    count = np.zeros(n_chars + 1, dtype=np.int64)
    for omap in articles[schema.OFFSET_MAP]:
        for rs, rl in zip(omap.raw_starts, omap.raw_lens, strict=True):
            count[int(rs)] += 1
            count[int(rs) + int(rl)] -= 1
    return np.cumsum(count)[:n_chars]


def account(
    texts: dict[str, str], articles: pd.DataFrame, cleanup_log: pd.DataFrame
) -> pd.DataFrame:
    """Check that every non-whitespace raw character is in exactly one body or log row.

    Article bodies are read from each row's ``offset_map`` (the raw spans its ``text`` came from).

    Args:
        texts: ``file`` → decoded raw text.
        articles: The ARTICLES table of ``split`` (with ``offset_map``).
        cleanup_log: The CLEANUP_LOG table of ``split``.

    Returns:
        One row per problem span: file, start, end, problem (``uncovered`` or ``overlap``),
        text. Empty when nothing is lost and nothing is counted twice.

    Example:
        >>> account(corpus.texts, arts, log_).empty  # doctest: +SKIP
        True
    """
    schema.require_columns(articles, ["file", schema.OFFSET_MAP], func="corpus.account")
    schema.require_columns(cleanup_log, ["file", "start", "end"], func="corpus.account")
    problems: list[dict[str, object]] = []
    for file, raw in sorted(texts.items()):
        count = np.zeros(len(raw) + 1, dtype=np.int64)
        rows = cleanup_log[cleanup_log["file"] == file]
        for s, e in zip(rows["start"], rows["end"], strict=True):
            count[int(s)] += 1
            count[int(e)] -= 1
        in_bodies = body_cover(len(raw), articles.loc[articles["file"] == file])
        cover = in_bodies + np.cumsum(count)[: len(raw)]
        visible = np.array([not c.isspace() for c in raw], dtype=bool)
        if "&" in raw:  # spaces written as HTML references (&nbsp;) are whitespace too
            for m in cleanup.RE_SPACE_REFS.finditer(raw):
                visible[m.start() : m.end()] = False
        for problem, mask in (("uncovered", (cover == 0) & visible), ("overlap", cover > 1)):
            idx = np.flatnonzero(mask)
            if idx.size == 0:
                continue
            breaks = np.flatnonzero(np.diff(idx) > 1)
            starts = np.concatenate([[idx[0]], idx[breaks + 1]])
            ends = np.concatenate([idx[breaks], [idx[-1]]]) + 1
            for s, e in zip(starts, ends, strict=True):
                problems.append(
                    {
                        "file": file,
                        "start": int(s),
                        "end": int(e),
                        "problem": problem,
                        "text": raw[int(s) : int(e)],
                    }
                )
    return pd.DataFrame(problems, columns=["file", "start", "end", "problem", "text"])
