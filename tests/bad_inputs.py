"""The bad-input corpus: every case is written into a temporary folder by the tests.

Each ``Case`` names the file, how it is made and what loading must give: a document decoded
with ``encoding`` whose raw text is ``text``, or a SKIPPED row with ``reason`` and a detail
matching ``detail``. ``docs/bad_input.md`` is the table of these cases.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BODY = "十堰市召开能力作风建设推进会。\n会议要求，全市上下要以“三个一”为抓手，推动工作落实。\n"
#: Characters outside GBK (𠀀 U+20000, 㐀 U+3400: four-byte GB18030) and rare name characters.
RARE = "鍾镕堃喆同志在郧阳区调研，𠀀㐀。\n"
TRADITIONAL = "十堰市召開能力作風建設推進會。會議強調，要發揚實幹精神，推動工作落實。\n"
#: Long enough for 5-character shingles to tell a one-word edit from a different text.
LONG = (
    "十堰市召开能力作风建设推进会，会议要求全市上下以钉钉子精神抓落实，"
    "聚焦项目建设、营商环境和民生实事，推动各项工作提质增效。\n"
) * 3
#: Size of the generated one-line file (sparse: no disk blocks are written).
HUGE = 200_000_000


@dataclass(frozen=True)
class Case:
    """One bad input.

    Attributes:
        name: File name inside the corpus folder.
        what: What the case is (for the docs table).
        make: Writes the case at a path (bytes, a link, a folder, a sparse file).
        encoding: For a loaded document, the codec ``corpus.load`` must report.
        text: For a loaded document, its decoded raw text.
        reason: For a skipped file, the SKIPPED reason.
        detail: For a skipped file, a regex the detail must match.
    """

    name: str
    what: str
    make: Callable[[Path], None]
    encoding: str = ""
    text: str = ""
    reason: str = ""
    detail: str = ""


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(data)


def _link_outside(p: Path) -> None:
    target = p.parent.parent / "outside.txt"
    target.write_text(BODY, encoding="utf-8")
    os.symlink(target, p)


def _sparse(p: Path) -> None:
    with p.open("wb") as f:
        f.truncate(HUGE)


def _text(text: str, encoding: str, bom: bytes = b"") -> Callable[[Path], None]:
    return _bytes(bom + text.encode(encoding))


HTML = (
    "<!DOCTYPE html>\n<html><head><title>十堰日报</title><style>p{margin:0}</style></head>\n"
    f"<body><p>{BODY}</p><script>var a = 1;</script></body></html>\n"
)

CASES: tuple[Case, ...] = (
    Case("gbk.txt", "GBK with 鍾镕堃喆", _text(BODY + "鍾镕堃喆\n", "gbk"), "gb18030",
         BODY + "鍾镕堃喆\n"),
    Case("gb18030.txt", "GB18030 with 𠀀 (U+20000) and 㐀 (4-byte)", _text(BODY + RARE, "gb18030"),
         "gb18030", BODY + RARE),
    Case("utf16le.txt", "UTF-16 LE with BOM", _text(BODY + RARE, "utf-16-le", codecs.BOM_UTF16_LE),
         "utf-16-le", BODY + RARE),
    Case("utf16be.txt", "UTF-16 BE with BOM", _text(BODY + RARE, "utf-16-be", codecs.BOM_UTF16_BE),
         "utf-16-be", BODY + RARE),
    Case("utf16le_nobom.txt", "UTF-16 LE without BOM",
         _text(BODY + RARE, "utf-16-le"), "utf-16-le", BODY + RARE),
    Case("utf16be_nobom.txt", "UTF-16 BE without BOM",
         _text(BODY + RARE, "utf-16-be"), "utf-16-be", BODY + RARE),
    Case("utf8bom.txt", "UTF-8 with BOM", _text(BODY, "utf-8", codecs.BOM_UTF8), "utf-8-sig",
         BODY),
    Case("crlf.txt", "CRLF line ends", _text(BODY.replace("\n", "\r\n"), "utf-8"), "utf-8",
         BODY.replace("\n", "\r\n")),
    Case("cr.txt", "lone CR line ends", _text("标题\r\r" + BODY.replace("\n", "\r"), "utf-8"),
         "utf-8", "标题\r\r" + BODY.replace("\n", "\r")),
    Case("nul.txt", "NUL bytes in UTF-8 text", _bytes(BODY.encode() + b"\x00\x00" + BODY.encode()),
         reason="binary", detail=rf"NUL bytes \(first at byte offset {len(BODY.encode())}\)"),
    Case("zero.txt", "zero-byte file", _bytes(b""), reason="empty", detail="^0 bytes$"),
    Case("blank.txt", "only whitespace (incl. U+3000)", _bytes(" \r\n\u3000\n".encode()),
         reason="empty", detail="only whitespace"),
    Case("image.txt", "PNG image named .txt", _bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
         reason="binary", detail="signature b'\\\\x89PNG'"),
    Case("latin1.txt", "Latin-1 bytes (not UTF-8, not Chinese)",
         _bytes("Caf\xe9 cr\xe8me br\xfbl\xe9e".encode("latin-1")), reason="undecodable",
         detail=r"first bad byte at offset 3.*save the file as UTF-8"),
    Case("page.txt", "HTML page saved as .txt", _text(HTML, "utf-8"), reason="markup",
         detail=r"an HTML page \(\d+ tag\(s\), the first at character offset 0\)"),
    Case("traditional.txt", "Traditional Chinese (kept; optional conversion)",
         _text(TRADITIONAL, "utf-8"), "utf-8", TRADITIONAL),
    Case("with space.txt", "file name with a space", _text(BODY, "utf-8"), "utf-8", BODY),
    Case("十堰 日报.txt", "file name with Chinese characters", _text(LONG, "utf-8"), "utf-8", LONG),
    Case("new\nline.txt", "file name with a newline", _text(BODY, "utf-8"), "utf-8", BODY),
    Case("same.txt", "same stem as same.TXT", _text(BODY, "utf-8"), "utf-8", BODY),
    Case("same.TXT", "same stem as same.txt", _text(TRADITIONAL, "utf-8"), "utf-8", TRADITIONAL),
    Case(".hidden.txt", "hidden file (leading dot)", _text(BODY, "utf-8"), reason="hidden",
         detail="name starts with '.'"),
    Case("link.txt", "symlink to a file outside the corpus", _link_outside,
         reason="outside_corpus", detail="outside the corpus folder"),
    Case("folder.txt", "a folder named .txt", lambda p: p.mkdir(), reason="unreadable",
         detail="a folder, not a file"),
    Case("huge.txt", "200 MB on one line (sparse)", _sparse, reason="too_large",
         detail=rf"{HUGE} bytes; the limit is max_bytes=20000000"),
    Case("exact_dup.txt", "exact duplicate of 十堰 日报.txt", _text(LONG, "utf-8"), "utf-8", LONG),
    Case("near_dup.txt", "near duplicate (one word changed)",
         _text(LONG.replace("推动", "促进", 1), "utf-8"), "utf-8", LONG.replace("推动", "促进", 1)),
)  # fmt: skip

#: Expected duplicate flags (file → (duplicate_of, near_duplicate_of)); other documents: ("", "").
DUPLICATES = {
    "exact_dup.txt": ("", ""),
    "near_dup.txt": ("", "exact_dup.txt"),
    "十堰 日报.txt": ("exact_dup.txt", ""),
}


def write(root: Path) -> Path:
    """Write every case into ``root/corpus`` (created); return that folder."""
    corpus = root / "corpus"
    corpus.mkdir(parents=True)
    for case in CASES:
        case.make(corpus / case.name)
    return corpus
