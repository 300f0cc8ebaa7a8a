"""Evaluation of word segmentation against a hand segmentation.

A segmentation is a list of word spans ``(start, end)`` in a text. ``gold_spans`` turns the
words of a gold annotation (``tests/data/segmentation_gold*.csv``) into spans; ``tokenizer_spans``
gives the project tokenizer's words as spans of the same text; ``evaluate`` scores them the way
the SIGHAN segmentation bakeoffs do: a predicted word is correct when both its boundaries match a
gold word, precision and recall are over words, and recall on out-of-vocabulary gold words is
reported when a vocabulary is given. Words made only of punctuation or symbols are not scored
(guideline: docs/terms.md, "Segmentation quality").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pandas as pd

from analysis import textmap, tokens
from analysis.errors import ParameterError

#: A word as a ``(start, end)`` span of its text.
Span = tuple[int, int]

#: Columns of ``errors``' result.
ERROR_COLUMNS: tuple[str, ...] = ("sentence", "status", "start", "end", "word")


def is_scored(word: str) -> bool:
    """True when a word is scored: it holds a letter, digit or CJK character.

    Example:
        >>> [is_scored(w) for w in ["增长", "129.2%", "，", "——", "fā"]]
        [True, True, False, False, True]
    """
    return any(c.isalnum() for c in word)


def gold_spans(text: str, words: Sequence[str]) -> list[Span]:
    """Spans of gold ``words`` in ``text``, skipping whitespace between them.

    Args:
        text: The sentence.
        words: Its gold words in order (no whitespace inside a word).

    Returns:
        One ``(start, end)`` per word.

    Raises:
        ParameterError: If the words, with whitespace between them, do not make up ``text``.

    Example:
        >>> gold_spans("增长 9%。", ["增长", "9%", "。"])
        [(0, 2), (3, 5), (5, 6)]
    """
    out: list[Span] = []
    pos = 0
    for word in words:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if not word or text[pos : pos + len(word)] != word:
            raise ParameterError(f"gold word {word!r} does not follow at offset {pos} of {text!r}")
        out.append((pos, pos + len(word)))
        pos += len(word)
    if text[pos:].strip():
        raise ParameterError(f"gold words stop at offset {pos} of {text!r}")
    return out


def parse_spans(cell: str) -> list[Span]:
    """Parse a ``spans`` cell: ``a:b`` pairs separated by spaces.

    Example:
        >>> parse_spans("0:2 2:3")
        [(0, 2), (2, 3)]
    """
    out: list[Span] = []
    for pair in cell.split():
        a, _, b = pair.partition(":")
        out.append((int(a), int(b)))
    return out


def check_spans(text: str, spans: Sequence[Span]) -> None:
    """Check that ``spans`` segment ``text``: in order, not empty, gaps only whitespace.

    Raises:
        ParameterError: On the first violation.

    Example:
        >>> check_spans("增长 9%", [(0, 2), (3, 5)])
    """
    pos = 0
    for a, b in spans:
        if not pos <= a < b <= len(text) or text[pos:a].strip():
            raise ParameterError(f"span {a}:{b} does not follow offset {pos} in {text!r}")
        if any(c.isspace() for c in text[a:b]):
            raise ParameterError(f"span {a}:{b} holds whitespace in {text!r}")
        pos = b
    if text[pos:].strip():
        raise ParameterError(f"spans stop at offset {pos} of {text!r}")


def tokenizer_spans(tokenizer: tokens.Tokenizer, text: str) -> list[Span]:
    """The tokenizer's words of a raw ``text`` as raw spans, as the tokens table has them.

    The text is normalized (NFKC, ``textmap.normalize``) and segmented (``tokens.segment``), and
    each token is mapped back to its raw offsets.

    Example:
        >>> tokenizer_spans(tk, "增长１２９.２％")  # doctest: +SKIP
        [(0, 2), (2, 8)]
    """
    norm, omap = textmap.normalize(text)
    toks = tokens.segment(tokenizer, norm)
    if not toks:
        return []
    starts = [s for _, s, _ in toks]
    ends = [s + len(t) for t, s, _ in toks]
    raw_s, raw_e = omap.to_raw(starts, ends)
    return [(int(a), int(b)) for a, b in zip(raw_s, raw_e, strict=True)]


def evaluate(
    texts: Sequence[str],
    gold: Sequence[Sequence[Span]],
    predicted: Sequence[Sequence[Span]],
    *,
    vocabulary: Collection[str] | None = None,
) -> dict[str, float]:
    """Word precision, recall and F1 of a segmentation against the gold one.

    Args:
        texts: The sentences.
        gold: Gold word spans of each sentence.
        predicted: Predicted word spans of each sentence.
        vocabulary: Words the segmenter knows (its dictionary); when given, a gold word not in
            it is out of vocabulary (OOV) and ``oov_recall`` is the share of those found.

    Returns:
        ``n_gold``, ``n_predicted``, ``correct``, ``precision``, ``recall``, ``f1``, and with a
        vocabulary ``n_oov`` and ``oov_recall`` (``NaN`` without OOV words). Only scored words
        (``is_scored``) count, on either side. Precision or recall is ``1.0`` with nothing to
        score.

    Raises:
        ParameterError: If the three sequences differ in length.

    Example:
        >>> evaluate(["增长很快"], [[(0, 2), (2, 3), (3, 4)]], [[(0, 2), (2, 4)]])["f1"]
        0.4
    """
    if not len(texts) == len(gold) == len(predicted):
        raise ParameterError("texts, gold and predicted must have one entry per sentence")
    n_gold = n_pred = correct = n_oov = oov_found = 0
    for text, g, p in zip(texts, gold, predicted, strict=True):
        gset = {s for s in g if is_scored(text[s[0] : s[1]])}
        pset = {s for s in p if is_scored(text[s[0] : s[1]])}
        n_gold += len(gset)
        n_pred += len(pset)
        correct += len(gset & pset)
        if vocabulary is not None:
            oov = {s for s in gset if text[s[0] : s[1]] not in vocabulary}
            n_oov += len(oov)
            oov_found += len(oov & pset)
    precision = correct / n_pred if n_pred else 1.0
    recall = correct / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    out = {
        "n_gold": float(n_gold),
        "n_predicted": float(n_pred),
        "correct": float(correct),
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }
    if vocabulary is not None:
        out["n_oov"] = float(n_oov)
        out["oov_recall"] = oov_found / n_oov if n_oov else float("nan")
    return out


def errors(
    texts: Sequence[str],
    gold: Sequence[Sequence[Span]],
    predicted: Sequence[Sequence[Span]],
) -> pd.DataFrame:
    """The scored words on which gold and prediction disagree, for error analysis.

    Returns:
        ``ERROR_COLUMNS``: sentence index, ``status`` ``fn`` (gold word not predicted) or ``fp``
        (predicted word not in the gold), the span and the word; in sentence and offset order.

    Example:
        >>> errors(["增长很快"], [[(0, 2), (2, 3), (3, 4)]], [[(0, 2), (2, 4)]])["word"].tolist()
        ['很', '很快', '快']
    """
    rows = []
    for i, (text, g, p) in enumerate(zip(texts, gold, predicted, strict=True)):
        gset, pset = set(g), set(p)
        for status, spans in (("fn", gset - pset), ("fp", pset - gset)):
            rows += [(i, status, a, b, text[a:b]) for a, b in spans if is_scored(text[a:b])]
    rows.sort(key=lambda r: (r[0], r[2], r[3], r[1]))
    return pd.DataFrame(rows, columns=list(ERROR_COLUMNS))


def vocabulary(tokenizer: tokens.Tokenizer) -> set[str]:
    """The words of ``tokenizer``'s dictionary (frequency above 0), user dictionary included.

    Example:
        >>> "营商环境" in vocabulary(tk)  # doctest: +SKIP
        True
    """
    return {word for word, freq in tokenizer.jieba.FREQ.items() if freq}
