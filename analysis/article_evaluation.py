"""Evaluation of page cleanup and article splitting against a hand annotation.

A gold annotation (``tests/data/articles_gold_pages.csv``, columns ``GOLD_COLUMNS``) gives, per
page, every article as the span of its body (first to last body character, headline, subtitle and
byline excluded) with its headline, and every other piece (``furniture``, ``caption``,
``photo_news``, ``banner``, ``byline`` …) as a span that belongs to no article body.

``align`` pairs gold articles with the articles of ``corpus.split``; ``evaluate`` scores the
pairs and the characters: article precision and recall, the headline exact-match rate over
matched articles, the share of gold non-body characters kept out of every article's text, and
the gold body characters lost (in no article's text) and non-body characters absorbed (in one).
"""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np
import pandas as pd

from analysis import corpus, schema

#: Columns a gold annotation must have.
GOLD_COLUMNS: tuple[str, ...] = ("file", "kind", "start", "end", "headline")

#: The gold kind of an article body; every other kind is a piece outside all bodies.
ARTICLE_KIND = "article"

#: An article matches a gold one when their body spans overlap by at least this share of both.
MIN_OVERLAP = 0.8

#: Columns of ``align``'s result.
ALIGN_COLUMNS: tuple[str, ...] = (
    "file",
    "status",
    "gold_start",
    "gold_end",
    "gold_headline",
    "pred_id",
    "pred_start",
    "pred_end",
    "pred_headline",
)


def _norm(text: object) -> str:
    """NFKC with whitespace removed; missing values are the empty string."""
    if not isinstance(text, str):
        return ""
    return "".join(unicodedata.normalize("NFKC", text).split())


def body_spans(articles: pd.DataFrame) -> pd.DataFrame:
    """The raw span each article's ``text`` was read from.

    Args:
        articles: The ARTICLES table of ``corpus.split`` (with ``offset_map``).

    Returns:
        ``file, article_id, headline, start, end``: from the first to the last raw character of
        the article's text, one row per article with a non-empty text (compilation parents without
        a body of their own are left out).

    Example:
        >>> from analysis import textmap
        >>> _, m = textmap.normalize("甲乙")
        >>> arts = pd.DataFrame({"file": ["a.txt"], "article_id": ["a-a01"], "headline": [""],
        ...                      "text": ["甲乙"], "offset_map": [m]})
        >>> body_spans(arts)[["start", "end"]].to_numpy().tolist()
        [[0, 2]]
    """
    schema.require_columns(
        articles, ["file", "article_id", "headline", "text", schema.OFFSET_MAP], func="body_spans"
    )
    rows = []
    for rec in articles.itertuples(index=False):
        omap = getattr(rec, schema.OFFSET_MAP)
        if not rec.text or len(omap.raw_starts) == 0:
            continue
        starts = np.asarray(omap.raw_starts)
        ends = starts + np.asarray(omap.raw_lens)
        rows.append(
            {
                "file": rec.file,
                "article_id": rec.article_id,
                "headline": rec.headline,
                "start": int(starts.min()),
                "end": int(ends.max()),
            }
        )
    return pd.DataFrame(rows, columns=["file", "article_id", "headline", "start", "end"])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def align(gold: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Pair gold articles with predicted ones.

    A predicted article matches a gold article when their body spans overlap by at least
    ``MIN_OVERLAP`` of each span's length and no other pairing qualifies for either; pairs are
    taken by largest overlap first.

    Args:
        gold: A gold annotation (``GOLD_COLUMNS``); only rows of kind ``article`` are aligned.
        articles: The ARTICLES table of ``corpus.split``.

    Returns:
        ``ALIGN_COLUMNS``: one row per pair (``matched``), per unmatched gold article (``missed``)
        and per unmatched predicted article (``spurious``).
    """
    schema.require_columns(gold, list(GOLD_COLUMNS), func="article_evaluation.align")
    gold_arts = gold[gold["kind"] == ARTICLE_KIND].reset_index(drop=True)
    pred = body_spans(articles)
    rows: list[dict[str, Any]] = []
    for file in sorted(set(gold_arts["file"]) | set(pred["file"])):
        g = gold_arts[gold_arts["file"] == file].reset_index(drop=True)
        p = pred[pred["file"] == file].reset_index(drop=True)
        candidates = []
        for i, gr in g.iterrows():
            for j, pr in p.iterrows():
                gs, ps = (int(gr["start"]), int(gr["end"])), (int(pr["start"]), int(pr["end"]))
                ov = _overlap(gs, ps)
                if ov >= MIN_OVERLAP * (gs[1] - gs[0]) and ov >= MIN_OVERLAP * (ps[1] - ps[0]):
                    candidates.append((ov, i, j))
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            rows.append(_row(file, "matched", g.loc[i], p.loc[j]))
        rows += [_row(file, "missed", g.loc[i], None) for i in range(len(g)) if i not in used_g]
        rows += [_row(file, "spurious", None, p.loc[j]) for j in range(len(p)) if j not in used_p]
    return pd.DataFrame(rows, columns=list(ALIGN_COLUMNS))


def _row(file: str, status: str, g: pd.Series | None, p: pd.Series | None) -> dict[str, Any]:
    return {
        "file": file,
        "status": status,
        "gold_start": None if g is None else int(g["start"]),
        "gold_end": None if g is None else int(g["end"]),
        "gold_headline": None if g is None else _norm(g["headline"]),
        "pred_id": None if p is None else p["article_id"],
        "pred_start": None if p is None else int(p["start"]),
        "pred_end": None if p is None else int(p["end"]),
        "pred_headline": None if p is None else _norm(p["headline"]),
    }


def evaluate(gold: pd.DataFrame, articles: pd.DataFrame, texts: dict[str, str]) -> dict[str, Any]:
    r"""Score article splitting and page cleanup against a gold annotation.

    Characters are counted without whitespace.

    Args:
        gold: A gold annotation (``GOLD_COLUMNS``).
        articles: The ARTICLES table of ``corpus.split`` on the gold's pages.
        texts: ``file`` → raw text of every gold page.

    Returns:
        ``n_gold``, ``n_pred``, ``n_matched``; ``precision``, ``recall``; ``headline_exact``
        (share of matched articles whose NFKC headline, whitespace removed, equals the gold one;
        ``NaN`` without a match); ``furniture_recall`` (share of gold non-body characters outside
        every article's text; ``NaN`` without any); ``body_lost`` and ``body_lost_share`` (gold body
        characters in no article's text); ``absorbed`` (gold non-body characters in some article's
        text); ``alignment`` (the table of ``align``).

    Example:
        >>> from analysis import textmap
        >>> raw = "导航\n甲乙丙"
        >>> _, m = textmap.normalize(raw, 3)
        >>> arts = pd.DataFrame({"file": ["p.txt"], "article_id": ["p-a01"], "headline": [""],
        ...                      "text": ["甲乙丙"], "offset_map": [m]})
        >>> gold = pd.DataFrame({"file": ["p.txt", "p.txt"], "kind": ["furniture", "article"],
        ...                      "start": [0, 3], "end": [2, 6], "headline": ["", ""]})
        >>> r = evaluate(gold, arts, {"p.txt": raw})
        >>> r["precision"], r["recall"], r["furniture_recall"], r["body_lost"]
        (1.0, 1.0, 1.0, 0)
    """
    schema.require_columns(gold, list(GOLD_COLUMNS), func="article_evaluation.evaluate")
    alignment = align(gold, articles)
    status = alignment["status"]
    n_matched = int((status == "matched").sum())
    n_gold = n_matched + int((status == "missed").sum())
    n_pred = n_matched + int((status == "spurious").sum())
    matched = alignment[status == "matched"]
    body_total = lost = other_total = absorbed = 0
    for file in sorted(set(gold["file"])):
        raw = texts[file]
        in_text = corpus.body_cover(len(raw), articles[articles["file"] == file]) > 0
        visible = np.array([not c.isspace() for c in raw], dtype=bool)
        for rec in gold[gold["file"] == file].itertuples(index=False):
            span = slice(int(rec.start), int(rec.end))
            chars = int(visible[span].sum())
            hits = int((visible[span] & in_text[span]).sum())
            if rec.kind == ARTICLE_KIND:
                body_total += chars
                lost += chars - hits
            else:
                other_total += chars
                absorbed += hits
    return {
        "n_gold": n_gold,
        "n_pred": n_pred,
        "n_matched": n_matched,
        "precision": n_matched / n_pred if n_pred else float("nan"),
        "recall": n_matched / n_gold if n_gold else float("nan"),
        "headline_exact": (
            float((matched["gold_headline"] == matched["pred_headline"]).mean())
            if n_matched
            else float("nan")
        ),
        "furniture_recall": 1 - absorbed / other_total if other_total else float("nan"),
        "body_lost": lost,
        "body_lost_share": lost / body_total if body_total else float("nan"),
        "absorbed": absorbed,
        "alignment": alignment,
    }
