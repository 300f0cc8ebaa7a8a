r"""Grouping a page's paragraphs into articles, compilation sections and cleanup-log rows.

Order of the rules (each documented in ``docs/corpus.md``):

1. Site furniture: navigation and footer lines.
2. Photo news: a photo credit (…记者 X 摄) with its caption text and title.
3. Editor's notes, credit lines (bylines) and unit-label lines (a whole line naming a unit of the
   gazetteer, e.g. 竹溪县, 丹江口财政局).
4. Datelines (本报讯 …报道：) and jump markers ((上接1版), (下转4版)) cut off body paragraphs.
5. A page without any of these signals is one document: one article for the whole file.
6. Title blocks: runs of title-like lines (short, no clause punctuation). A block *opens an
   article* if it holds a subtitle (——…) or a unit label, or the next paragraph is a credit
   line, a dateline, a jump marker or an editor's note. In an opening block the headline is
   the line before the subtitle (or the last line), lines above it are banners.
7. Captions: a short line after an image gap (3+ newlines) and a short line right after it;
   two or more short one-sentence lines before the page footer (three without a footer).
8. Every other title-like line is a subheading and stays in the body; body paragraphs broken by
   a page or column break (no sentence-final punctuation, next paragraph not a heading) are
   joined with ``""``, other paragraphs with ``"\n"``.
9. A block with a unit label starts a *section*; the block's lines above the label (or an already
   open compilation) make the parent. A parent with a single section is merged into it.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from analysis import cleanup, schema, textmap
from analysis.cleanup import Para
from analysis.subjects import UnitMatcher, attribute


def _field(text: str) -> str:
    """Return a title field: HTML references decoded, NFKC, whitespace runs collapsed to one."""
    return cleanup.RE_SPACES.sub(" ", unicodedata.normalize("NFKC", textmap.unescape(text))).strip()


@dataclass
class _Art:
    """An article being assembled (internal)."""

    title: list[tuple[Para, str]] = field(default_factory=list)
    headline: str = ""
    subtitle: str = ""
    unit: str = ""
    unit_para: Para | None = None
    body: list[Para] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    extra: list[tuple[int, int, str, str]] = field(default_factory=list)
    sections: list[_Art] = field(default_factory=list)
    parent: _Art | None = None
    continued: bool = False
    date: str = ""  # a database record's own date (its date field), else the document's


def _parse_title(lines: list[Para]) -> tuple[list[tuple[Para, str]], str, str]:
    """Label the lines of a title block: headline, subtitle, banner; return labels and fields."""
    subs = [i for i, p in enumerate(lines) if cleanup.is_subtitle(p.text)]
    labels = ["banner"] * len(lines)
    headline = subtitle = ""
    if subs:
        f = subs[-1]
        g = f
        while g - 1 >= 0 and g - 1 in subs:
            g -= 1
        for i in range(g, f + 1):
            labels[i] = "subtitle"
        subtitle = " ".join(
            cleanup.RE_SUBTITLE.sub("", textmap.unescape(lines[i].text)) for i in range(g, f + 1)
        )
        h = g - 1
    else:
        h = len(lines) - 1
    if h >= 0:
        labels[h] = "headline"
        headline = lines[h].text
    return list(zip(lines, labels, strict=True)), _field(headline), _field(subtitle)


#: A short title-like line right above a caption+credit line is the photo-news title even
#: without an image gap between them (春耕正忙 ⏎⏎ 5月9日，…插秧。 记者 孙七 摄), when no body
#: text follows the caption (the page ends, furniture or a new title follows); inside an article
#: it stays a subheading.
PHOTO_TITLE_MAX = 16


def _ends_block(paras: list[Para], k: int) -> bool:
    """True if paragraph ``k`` does not continue a body: none, page furniture or title-like."""
    if k >= len(paras):
        return True
    p = paras[k]
    return p.kind in ("navigation", "footer") or cleanup.is_title_like(p.text)


def _mark(paras: list[Para], matcher: UnitMatcher) -> None:
    """Rules 1-4: give furniture, photo news, notes, credits and labels their kind."""
    for p in paras:
        if cleanup.is_navigation(p.text):
            p.kind = "navigation"
        elif cleanup.is_footer(p.text):
            p.kind = "footer"
    for i, p in enumerate(paras):
        m = cleanup.photo_credit(p.text) if not p.kind else None
        if m is None:
            continue
        item = [i]
        j = i - 1
        if (
            m.start(1) == 0
            and j >= 0
            and not paras[j].kind
            and not cleanup.is_byline(paras[j].text)
        ):
            item.append(j)  # a credit-only line: the caption is the paragraph before it
            j -= 1
        caption = paras[item[-1]]
        j = _past_meta(paras, j, -1)  # a metadata line between a republished item's title
        titled = (
            j >= 0
            and not paras[j].kind
            and not cleanup.is_title_like(caption.text)
            and cleanup.is_title_like(paras[j].text)
            and (
                len(item) == 2
                or caption.gap_before >= 3
                or (len(paras[j].text) <= PHOTO_TITLE_MAX and _ends_block(paras, i + 1))
            )
        )
        if titled:
            item.append(j)  # the photo-news title (above the image for a caption+credit line)
        for k in item:
            paras[k].kind = "photo_news" if titled else "caption"
    for p in paras:
        if p.kind:
            continue
        if cleanup.RE_EDITOR_NOTE.match(textmap.unescape(p.text)):
            p.kind = "editor_note"
        elif cleanup.is_byline(p.text):
            p.kind = "byline"
            p.credit = cleanup.credit_text(p.text)
        elif matcher.label(p.text):
            p.kind = "unit_label"
        else:
            cleanup.cut_prefixes(p)
            if p.body_start >= p.body_end:
                p.kind = "continuation"


def _starts(p: Para) -> bool:
    """True if ``p`` signals the start of an article (credit line, dateline, jump, note)."""
    if p.kind == "byline":
        return bool(cleanup.RE_BYLINE_LINE.match(textmap.unescape(p.text)))
    return p.kind == "editor_note" or p.continued or any(k == "byline" for *_, k, _ in p.pieces)


def _titled(paras: list[Para], k: int) -> bool:
    """True if paragraph ``k`` can be part of a title block.

    A line with commas (聚焦主业，奋力争先) counts only when a credit, dateline, jump marker,
    editor's note or subtitle follows it directly.
    """
    p = paras[k]
    if p.kind == "unit_label":
        return True
    if p.kind or p.pieces:
        return False
    if cleanup.is_title_like(p.text):
        return True
    nxt = paras[k + 1] if k + 1 < len(paras) else None
    return (
        nxt is not None
        and cleanup.is_title_like(p.text, commas=True)
        and (_starts(nxt) or cleanup.is_subtitle(nxt.text))
    )


def _past_meta(paras: list[Para], k: int, step: int = 1) -> int:
    """The first index from ``k`` on (``step`` -1: back) that is not a site's metadata line.

    A republishing site prints such a line (来源：… 作者：…) between an article's title and its
    credit or dateline, or a photo item's title and its caption; the title still holds.
    """
    while 0 <= k < len(paras) and paras[k].kind == "footer" and cleanup.is_meta_line(paras[k].text):
        k += step
    return k


def _blocks(paras: list[Para]) -> dict[int, list[int]]:
    """Rule 6: map the first index of each opening title block to the block's indices."""
    out: dict[int, list[int]] = {}
    i = 0
    while i < len(paras):
        if not _titled(paras, i):
            i += 1
            continue
        j = i
        while j + 1 < len(paras) and _titled(paras, j + 1):
            j += 1
        idx = list(range(i, j + 1))
        nxt = _past_meta(paras, j + 1)
        opener = (
            (nxt < len(paras) and _starts(paras[nxt]))
            or any(paras[k].kind == "unit_label" for k in idx)
            or any(cleanup.is_subtitle(paras[k].text) for k in idx)
        )
        if opener and len(idx) >= 2 and _caption_above_block(paras, i):
            idx = idx[1:]  # the image's caption, not a kicker of the next article
        if opener:
            out[idx[0]] = idx
        i = j + 1
    return out


def _caption_above_block(paras: list[Para], i: int) -> bool:
    """True if the first line of a title block is an image caption after a body paragraph.

    Scraped pages leave a gap of 3+ newlines where an image was and print its caption next; a
    title-like line after such a gap that follows body text, with more title lines below it, is
    that caption (``…1.2万户。`` ⏎⏎⏎⏎ ``襄州区政务服务中心大厅`` ⏎⏎ ``枣阳市 抓项目促发展``).
    """
    p = paras[i]
    return (
        i > 0
        and p.gap_before >= 3
        and not p.kind
        and not cleanup.is_subtitle(p.text)
        and not paras[i - 1].kind
        and not cleanup.is_title_like(paras[i - 1].text)
    )


def _interrupts_sentence(paras: list[Para], i: int) -> bool:
    """True if title-like paragraph ``i`` stands inside a sentence broken around it.

    The paragraph before it is body text longer than a caption that ends without a sentence end
    or closing mark; the one after it is body text too (not title-like, no furniture).
    """
    if not 0 < i < len(paras) - 1 or not cleanup.is_title_like(paras[i].text):
        return False
    before, after = paras[i - 1], paras[i + 1]
    return (
        not before.kind
        and not after.kind
        and len(before.text) > cleanup.CAPTION_MAX
        and not cleanup.ends_final(before.text)
        and not cleanup.is_title_like(before.text)
        and not cleanup.is_title_like(after.text)
    )


def _captions(paras: list[Para], openers: dict[int, list[int]]) -> None:
    """Rule 7: mark captions after image gaps, inside broken sentences and trailing runs.

    A title-like line between two body paragraphs, the first of which breaks off inside a
    sentence (``…要求各项目党支部按照服务重点项`` ⏎ ``第八届汉江樱桃节活动现场`` ⏎ ``目要求，…``),
    is the caption of an image placed there, whatever the gaps around it: a heading never
    interrupts a sentence (the paragraphs around it are joined, rule 8). A trailing run is two
    or more short one-sentence paragraphs right before the page footer, or three or more at the
    very end of a page without footer.
    """
    in_block = {k for idx in openers.values() for k in idx}
    for i, p in enumerate(paras):
        if p.kind or p.pieces or i in in_block or len(p.text) > cleanup.CAPTION_MAX:
            continue
        shortish = cleanup.is_title_like(p.text) or cleanup.is_caption_sentence(p.text)
        after_gap = p.gap_before >= 3 and shortish
        run = (
            i > 0
            and paras[i - 1].kind == "caption"
            and p.gap_before <= 2
            and p.gap_after >= 3
            and cleanup.is_title_like(p.text)
        )
        if after_gap or run or _interrupts_sentence(paras, i):
            p.kind = "caption"
    tail: list[int] = []
    furniture = False
    for i in range(len(paras) - 1, -1, -1):
        p = paras[i]
        if p.kind in ("navigation", "footer"):
            # The editors' credit closes an article, not the page: short last paragraphs
            # before it are body text.
            if cleanup.is_editor_credit(p.text):
                break
            furniture = furniture or not tail
            continue
        if p.kind or p.pieces or i in in_block or len(p.text) > cleanup.CAPTION_MAX:
            break
        if not cleanup.is_caption_sentence(p.text):
            break
        tail.append(i)
    if len(tail) >= (2 if furniture else 3):
        for i in tail:
            paras[i].kind = "caption"


def _group(
    paras: list[Para], openers: dict[int, list[int]], matcher: UnitMatcher
) -> tuple[list[_Art], list[tuple[int, int, str, str, _Art | None]]]:
    """Rules 8-9: assemble articles; return top-level articles and unattached/attached log rows."""
    tops: list[_Art] = []
    logs: list[tuple[int, int, str, str, _Art | None]] = []
    cur: _Art | None = None
    comp: _Art | None = None
    skip: set[int] = set()

    def new_top(art: _Art) -> _Art:
        tops.append(art)
        for k, (s, e, kind, why, owner) in enumerate(logs):  # captions above the first article
            if kind == "caption" and owner is None:
                logs[k] = (s, e, kind, why, art)
        return art

    for i, p in enumerate(paras):
        if i in skip:
            continue
        if i in openers:
            idx = openers[i]
            skip.update(idx)
            lines = [paras[k] for k in idx]
            u = next((k for k, q in enumerate(lines) if q.kind == "unit_label"), None)
            if u is None:
                labelled, head, sub = _parse_title(lines)
                cur = new_top(_Art(title=labelled, headline=head, subtitle=sub))
                comp = None
            else:
                pre, sec = lines[:u], lines[u + 1 :]
                if (
                    not pre
                    and comp is None
                    and cur is not None
                    and cur.parent is None
                    and (not cur.body or any(k == "editor_note" for *_, k, _ in cur.extra))
                    and not cur.sections
                ):
                    # An opened article without body becomes the parent, and so does one
                    # introduced by an editor's note (编者按: a package of reports follows).
                    comp = cur
                if pre or comp is None:
                    labelled, head, sub = _parse_title(pre) if pre else ([], "", "")
                    comp = new_top(_Art(title=labelled, headline=head, subtitle=sub))
                labelled, head, sub = _parse_title(sec) if sec else ([], "", "")
                cur = _Art(title=labelled, headline=head, subtitle=sub, parent=comp)
                cur.unit = matcher.label(lines[u].text)
                cur.unit_para = lines[u]
                comp.sections.append(cur)
            continue
        kind = p.kind
        if kind in ("navigation", "footer", "photo_news"):
            logs.append((p.start, p.end, kind, _REASONS[kind], None))
            continue
        if kind in ("caption", "continuation"):
            logs.append((p.start, p.end, kind, _REASONS[kind], cur))
            continue
        if cur is None:
            cur = new_top(_Art())
        if kind == "byline":
            closer = bool(cleanup.RE_BYLINE_CLOSER.match(textmap.unescape(p.text)))
            owner = cur.parent if closer and cur.parent is not None else cur
            owner.credits.append(p.credit)
            owner.extra.append((p.start, p.end, "byline", _REASONS["byline"]))
            continue
        if kind == "editor_note":
            cur.extra.append((p.start, p.end, "editor_note", _REASONS["editor_note"]))
            continue
        if kind == "unit_label":  # a label outside any block cannot happen; keep it logged
            logs.append((p.start, p.end, "unit_label", _REASONS["unit_label"], cur))
            continue
        _add_body(cur, p)
    merged: list[_Art] = []
    for art in tops:
        if len(art.sections) == 1:
            only = art.sections[0]
            only.parent = None
            only.title = [(q, "banner") for q, _ in art.title] + only.title
            only.body = art.body + only.body
            only.credits = art.credits + only.credits
            only.extra = art.extra + only.extra
            logs = [(s, e, k, w, only if o is art else o) for s, e, k, w, o in logs]
            merged.append(only)
        else:
            merged.append(art)
    return merged, logs


_REASONS = {
    "navigation": "site navigation line",
    "footer": "site footer line",
    "photo_news": "photo-news item (caption with photo credit), not an article",
    "caption": "photo caption (after an image gap, in a caption run, or with a photo credit)",
    "continuation": "jump marker",
    "byline": "credit line",
    "editor_note": "editor's note (编者按)",
    "unit_label": "unit label of a compilation section",
    "headline": "headline",
    "subtitle": "subtitle (副题)",
    "banner": "title line above the headline (kicker or column banner)",
    "ruby": "pinyin reading after a character (a page's ruby text), left out of the analysis copy",
}


def _separators(raw: str, body: list[Para]) -> list[str]:
    r"""Rule 8: ``""`` where a paragraph was broken by a page or column break, else ``"\n"``.

    A paragraph is broken when it ends without a sentence end and is no heading (title-like, or
    a label and a title: 郧阳区：项目建设提速增效), and the next one is no heading either.
    """
    seps = []
    for ta, tb in itertools.pairwise([p.body_text(raw) for p in body]):
        broken = not (
            cleanup.ends_final(ta) or cleanup.is_title_like(ta) or cleanup.is_labelled_heading(ta)
        )
        heading = cleanup.is_title_like(tb) or cleanup.is_labelled_heading(tb)
        seps.append("" if broken and not heading else "\n")
    return seps


#: Paragraphs at the top of a page that are read for a database record's fields.
RECORD_HEAD = 12


def _is_record(fields: list[tuple[str, int, str] | None]) -> bool:
    """Rule 0: a page of records exported from a news database (【篇名】…, 【作者】…, 【正文】…).

    At least two field lines among the first ``RECORD_HEAD`` paragraphs, one of them a title.
    """
    head = [f[0] for f in fields[:RECORD_HEAD] if f is not None]
    return len(head) >= 2 and "title" in head


def _records(
    paras: list[Para], fields: list[tuple[str, int, str] | None]
) -> tuple[list[_Art], list[tuple[int, int, str, str, _Art | None]]]:
    """Rule 0: one article per record; each title field opens one.

    A title field gives the headline, a subtitle field the subtitle, a credit field a credit, a
    date field (日期, 出版日期 …) the article's date; other fields (source, page, keywords …) are
    logged as ``footer`` rows, as are date fields; the label of a body field (【正文】) is cut
    off and the rest is body text, as are the lines without a label.
    """
    tops: list[_Art] = []
    logs: list[tuple[int, int, str, str, _Art | None]] = []
    cur: _Art | None = None
    why = "field of a database record (date, source, page, keywords ...)"
    for p, f in zip(paras, fields, strict=True):
        kind, off, label = f if f is not None else ("", 0, "")
        if kind == "title" or cur is None:
            cur = _Art()
            tops.append(cur)
        value = _field(p.text[off:])
        if kind == "title":
            cur.headline = value
            cur.title.append((p, "headline"))
        elif kind == "subtitle":
            cur.subtitle = value
            cur.title.append((p, "subtitle"))
        elif kind == "credit":
            cur.credits.append(value)
            cur.extra.append((p.start, p.end, "byline", _REASONS["byline"]))
        elif kind == "meta":
            logs.append((p.start, p.end, "footer", why, cur))
            if label.lower() in cleanup.DATE_FIELDS and not cur.date:
                cur.date = cleanup.field_date(p.text[off:])
        else:
            if kind == "body":
                p.pieces.append((p.start, p.raw_start(off), "footer", why))
                p.body_start = p.raw_start(off)
            cleanup.cut_prefixes(p)
            _add_body(cur, p)
    return tops, logs


def _add_body(art: _Art, p: Para) -> None:
    """Give ``art`` a body paragraph: its cut pieces (and a dateline's credit), then its body.

    A paragraph whose body was cut away entirely adds only its pieces.
    """
    for s, e, k, why in p.pieces:
        art.extra.append((s, e, k, why))
        if k == "byline" and p.credit:
            art.credits.append(p.credit)
    if p.body_start < p.body_end:
        art.continued = art.continued or (p.continued and not art.body)
        art.body.append(p)


def _plain(paras: list[Para], title: str) -> _Art:
    """Rule 5: a document without page structure is one article (title lines at the top)."""
    k = 0
    while k < min(len(paras), 5) and cleanup.is_title_like(paras[k].text):
        k += 1
    art = _Art()
    if 0 < k < len(paras):
        art.title, art.headline, art.subtitle = _parse_title(paras[:k])
    else:
        k = 0
    if title:
        art.headline = title
    for p in paras[k:]:
        p.kind = ""
        art.body.append(p)
    return art


def split_document(
    raw: str,
    *,
    file: str,
    doc_id: str,
    date: str,
    title: str,
    matcher: UnitMatcher,
    script: Literal["as_is", "simplified"] = "as_is",
    home: str = "",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split one decoded page into ARTICLES rows (with offset maps) and CLEANUP_LOG rows.

    Args and rules as in ``document_rows``.

    Returns:
        ``(articles, cleanup_log)`` for this file (columns as in ``corpus.split``).
    """
    rows, log_rows = document_rows(
        raw,
        file=file,
        doc_id=doc_id,
        date=date,
        title=title,
        matcher=matcher,
        script=script,
        home=home,
    )
    articles = pd.DataFrame(rows, columns=[*schema.ARTICLES, schema.OFFSET_MAP])
    return articles, pd.DataFrame(log_rows, columns=list(schema.CLEANUP_LOG))


def document_rows(
    raw: str,
    *,
    file: str,
    doc_id: str,
    date: str,
    title: str,
    matcher: UnitMatcher,
    script: Literal["as_is", "simplified"] = "as_is",
    home: str = "",
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Split one decoded page into ARTICLES rows (with offset maps) and CLEANUP_LOG rows.

    ``split_document`` returns them as tables; ``corpus.split`` makes one table of the rows of
    all documents.

    Args:
        raw: The decoded raw text.
        file: The file's corpus-relative path.
        doc_id: The document id (article ids are ``<doc_id>-a01``, sections ``<doc_id>-a01-s01``).
        date: The document's date (copied to every article).
        title: The manifest title, used as headline of a one-document file.
        matcher: Gazetteer matcher for subjects and unit labels.
        script: ``simplified`` reads the page's structure (paragraphs, titles, bylines,
            furniture) on a Simplified view of ``raw`` and converts Traditional characters of
            the analysis copy (``text``, ``headline``, ``subtitle``, ``byline``) to Simplified
            with ``textmap.simplify``; the raw text, offsets and the cleanup log are unchanged.
        home: The document's declared home unit (manifest column ``home_unit``): the subject
            of its articles where no unit is named (``subjects.attribute`` rule 7).

    Returns:
        ``(article_rows, log_rows)``: one dict per ARTICLES row (with ``offset_map``), in article
        order, and one per CLEANUP_LOG row, in offset order (keys as in ``corpus.split``).
    """
    # The page is read on a Simplified view of the same length when asked (the cleanup rules,
    # bylines and gazetteer are written in Simplified: 記者 is 记者); offsets hold for both.
    view = textmap.simplify(raw) if script == "simplified" else raw
    paras = cleanup.paragraphs(view)
    fields = [cleanup.record_field(p.text) for p in paras[:RECORD_HEAD]]
    logs: list[tuple[int, int, str, str, _Art | None]] = []
    if _is_record(fields):
        rest = [cleanup.record_field(p.text) for p in paras[RECORD_HEAD:]]
        tops, logs = _records(paras, fields + rest)
    else:
        _mark(paras, matcher)
        if any(p.kind or p.pieces for p in paras):  # a page
            openers = _blocks(paras)
            _captions(paras, openers)
            tops, logs = _group(paras, openers, matcher)
        else:
            tops = [_plain(paras, title)] if paras else []
    # Whether the page names a gazetteer unit: looked up (in the whole page) only when an
    # article needs it for rule 5 of ``subjects.attribute``.
    # Rule 5 needs a unit that says which city it is: 市发改委 alone is any city's.
    local = functools.cache(lambda: bool(matcher.find(textmap.as_simplified(view), absolute=True)))
    ids: dict[int, str] = {}
    rows: list[dict[str, object]] = []
    log_rows: list[dict[str, object]] = []
    ordered: list[tuple[_Art, str, str]] = []
    for n, art in enumerate(tops, start=1):
        aid = f"{doc_id}-a{n:02d}"
        ordered.append((art, aid, ""))
        for m, sec in enumerate(art.sections, start=1):
            ordered.append((sec, f"{aid}-s{m:02d}", aid))
    for art, aid, _ in ordered:
        ids[id(art)] = aid
    built: dict[str, dict[str, object]] = {}
    bounds: dict[str, tuple[int, int]] = {}
    for art, aid, parent_id in reversed(ordered):  # sections before their parent
        # A paragraph of a hard-wrapped page is one span per line, joined without a break.
        # Pinyin readings flattened into the text (經(jīng)濟) are left out, as a page break is.
        spans: list[tuple[int, int]] = []
        seps: list[str] = []
        readings: list[tuple[int, int]] = []
        between = ["", *_separators(raw, art.body)] if art.body else []
        for p, sep in zip(art.body, between, strict=True):
            for k, span in enumerate(p.body_spans()):
                parts, found = cleanup.ruby_spans(raw, *span)
                for i, part in enumerate(parts):
                    if spans:
                        seps.append(sep if k == 0 and i == 0 else "")
                    spans.append(part)
                readings += found
        text, omap = textmap.join(raw, spans, seps)
        # The headline and subtitle are text, not spans: their readings are dropped as well.
        art.headline = cleanup.RE_RUBY.sub("", art.headline)
        art.subtitle = cleanup.RE_RUBY.sub("", art.subtitle)
        if script == "simplified":
            text = textmap.simplify(text)
            art.headline = textmap.simplify(art.headline)
            art.subtitle = textmap.simplify(art.subtitle)
        sec_subjects = [str(built[ids[id(s)]]["subject"]) for s in art.sections]
        # The gazetteer and the rules are Simplified: Traditional text is read in Simplified
        # (the subject is a name, not a span).
        subject, level = attribute(
            matcher,
            unit=textmap.as_simplified(art.unit),
            sections=sec_subjects,
            subtitle=textmap.as_simplified(art.subtitle),
            headline=textmap.as_simplified(art.headline),
            text=textmap.as_simplified(text),
            continued=art.continued,
            local=local,
            home=home,
        )
        pieces = [(q.start, q.end, lab, _REASONS[lab]) for q, lab in art.title]
        if art.unit_para is not None:
            q = art.unit_para
            pieces.append((q.start, q.end, "unit_label", _REASONS["unit_label"]))
        pieces += art.extra
        pieces += [(a, z, "ruby", _REASONS["ruby"]) for a, z in readings]
        own = [s for s, _, lab, _ in pieces if lab in ("headline", "subtitle", "unit_label")]
        # From the headline (banners above it lie outside), or from the first piece; never
        # after the first body line (a parent's intro before its only section's unit label).
        starts = (
            [*own, *(s for s, _ in spans)]
            if own
            else [s for s, *_ in pieces] + [s for s, _ in spans]
        )
        starts += [bounds[ids[id(s)]][0] for s in art.sections]
        ends = [e for _, e, *_ in pieces] + [e for _, e in spans]
        ends += [bounds[ids[id(s)]][1] for s in art.sections]
        start = min(starts) if starts else 0
        end = max(ends) if ends else start
        bounds[aid] = (start, end)
        row: dict[str, object] = {
            "file": file,
            "article_id": aid,
            "parent_id": parent_id,
            "headline": art.headline,
            "subtitle": art.subtitle,
            "byline": " ".join(c for c in art.credits if c),
            "subject": subject,
            "subject_level": level,
            "date": art.date or date,
            "start": start,
            "end": end,
            "n_chars": len(text),
            "text": text,
            schema.OFFSET_MAP: omap,
        }
        built[aid] = row
        for s, e, kind, why in pieces:
            log_rows.append(
                {
                    "file": file,
                    "start": s,
                    "end": e,
                    "kind": kind,
                    "article_id": aid,
                    "text": raw[s:e],
                    "reason": why,
                }
            )
    rows = [built[aid] for _, aid, _ in ordered]
    for s, e, kind, why, owner in logs:
        log_rows.append(
            {
                "file": file,
                "start": s,
                "end": e,
                "kind": kind,
                "article_id": ids.get(id(owner), "") if owner is not None else "",
                "text": raw[s:e],
                "reason": why,
            }
        )
    log_rows.sort(key=lambda r: (r["start"], r["end"]))  # stable: ties keep their order
    return rows, log_rows
