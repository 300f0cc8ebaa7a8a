"""Property-based tests on arbitrary, Chinese-heavy Unicode text (hypothesis).

Every property runs the public function on generated text and checks: no exception, offsets in
bounds, surfaces consistent with the raw text (definitions in ``tests/invariants.py``), and the
same output for the same input. Texts are built from the seeds' own characters, Chinese and
ASCII punctuation, digits, full-width forms, every kind of line break, NUL and other control
characters, combining marks and arbitrary code points (surrogates excluded: a decoded file never
holds one). Example counts are printed in the session summary.
"""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import (
    cache,
    cleanup,
    corpus,
    kwic,
    lexicons,
    metrics,
    numerals,
    schema,
    slogans,
    textmap,
    tokens,
)
from tests import hardening, invariants
from tests.helpers import make_articles

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_CHARS = sorted(
    {c for p in SEEDS.glob("*.txt") for c in p.read_text(encoding="utf-8") if not c.isspace()}
)
GAZETTEER = lexicons.load_gazetteer()
SLOGANS = lexicons.load_slogans()
UNITS = lexicons.load_units()
INDICATORS = lexicons.load_indicators()
#: Whole phrases that trigger the rules (slogans, numbers with units, furniture, page marks).
PHRASES = [
    *SLOGANS["canonical"].head(40).tolist(),
    "2000万元",
    "增长12.5%",
    "１２３４５",
    "一千二百万",
    "同比增长３．５个百分点",
    "排名全省第一",
    "（下转4版）",
    "（上接1版）",
    "记者 张三 摄",
    "编者按：",
    "本报讯（记者李明）",
    "返回数字报首页 > 正文",
    "版权所有",
    "……",
    "⑵",
    "ｅ",
]
BREAKS = ["\n", "\r\n", "\r", "\n\n\n\n", "\r\n\r\n", " ", "\u3000", "\t"]
PUNCT = list("。，、；：？！“”‘’（）《》【】——…·%％.,;:?!()<>-")
ODD = [
    "\x00",
    "\x0b",
    "\x0c",
    "\x1f",
    "\x7f",
    "\u200b",
    "\ufeff",
    "\u0301",
    "e\u0301",
    "\U00020000",
]

piece = st.one_of(
    st.sampled_from(SEED_CHARS),
    st.sampled_from(SEED_CHARS),
    st.sampled_from(PUNCT),
    st.sampled_from(BREAKS),
    st.sampled_from(PHRASES),
    st.sampled_from(list("0123456789０１２３４５６７８９ＡＢＣａｂｃ")),
    st.sampled_from(ODD),
    st.characters(exclude_categories=("Cs",)),
)
#: A Chinese-heavy text of up to ~200 pieces.
chinese_text = st.lists(piece, max_size=120).map("".join)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(chinese_text)
def test_paragraphs(raw: str) -> None:
    hardening.example("cleanup.paragraphs")
    paras = cleanup.paragraphs(raw)
    prev = 0
    for p in paras:
        assert prev <= p.start < p.end <= len(raw)
        assert raw[p.start : p.end] == p.text == p.text.strip()
        assert "\n" not in p.text and "\r" not in p.text
        assert p.gap_before >= 1 and p.gap_after >= 1
        prev = p.end
    # every non-whitespace character lies in a paragraph
    inside = np.zeros(len(raw) + 1, dtype=np.int64)
    for p in paras:
        inside[p.start] += 1
        inside[p.end] -= 1
    covered = np.cumsum(inside)[: len(raw)] > 0
    assert all(covered[i] for i, c in enumerate(raw) if not c.isspace())
    assert [(p.start, p.end) for p in cleanup.paragraphs(raw)] == [(p.start, p.end) for p in paras]


def _split(raw: str, script: str = "as_is") -> tuple[pd.DataFrame, pd.DataFrame]:
    docs = pd.DataFrame({"file": ["x.txt"], "doc_id": ["x"]})
    return corpus.split(docs, {"x.txt": raw}, gazetteer=GAZETTEER, script=script)  # type: ignore[arg-type]


def _plain(df: pd.DataFrame) -> list[dict[str, object]]:
    return df.drop(columns=[schema.OFFSET_MAP], errors="ignore").to_dict("records")


@SLOW
@given(chinese_text, st.sampled_from(["as_is", "simplified"]))
def test_split_accounts_for_every_character(raw: str, script: str) -> None:
    hardening.example("corpus.split + account")
    arts, log = _split(raw, script)
    tables = {
        "documents": pd.DataFrame({"file": ["x.txt"]}),
        "articles": arts,
        "cleanup_log": log,
    }
    if script == "as_is":
        assert invariants.problems(tables, {"x.txt": raw}) == []
    else:  # converted text: accounting and lengths only
        assert corpus.account({"x.txt": raw}, arts, log).empty
        plain, _ = _split(raw)
        assert arts["text"].str.len().tolist() == plain["text"].str.len().tolist()
    again, log2 = _split(raw, script)
    assert _plain(again) == _plain(arts) and _plain(log2) == _plain(log)
    assert all(
        a == b for a, b in zip(again[schema.OFFSET_MAP], arts[schema.OFFSET_MAP], strict=True)
    )


@FAST
@given(chinese_text, st.data())
def test_textmap_normalize_and_join(raw: str, data: st.DataObject) -> None:
    hardening.example("textmap.normalize/join")
    cuts = sorted(data.draw(st.lists(st.integers(0, len(raw)), max_size=6)))
    spans = list(zip(cuts[::2], cuts[1::2], strict=False))
    seps = data.draw(st.lists(st.sampled_from(["", "\n"]), min_size=max(len(spans) - 1, 0),
                              max_size=max(len(spans) - 1, 0)))  # fmt: skip
    text, omap = textmap.join(raw, spans, seps)
    assert text == "".join(
        unicodedata.normalize("NFKC", raw[s:e]) + (seps[k] if k < len(seps) else "")
        for k, (s, e) in enumerate(spans)
    ) or any(unicodedata.combining(c) for c in raw)
    assert omap.text_len == len(text)
    n = len(text)
    rs, re_ = omap.to_raw(np.arange(n), np.arange(n) + 1)
    lo = spans[0][0] if spans else 0
    hi = spans[-1][1] if spans else 0
    assert ((lo <= rs) & (rs <= re_) & (re_ <= hi)).all()
    assert (np.diff(rs) >= 0).all() and (np.diff(re_) >= 0).all()
    whole, wmap = textmap.normalize(raw)
    assert unicodedata.normalize("NFKC", whole) == whole or not whole
    for i in range(0, len(whole), 7):
        s, e = wmap.span(i, min(i + 7, len(whole)))
        assert 0 <= s <= e <= len(raw)
    simple = textmap.simplify(text)
    assert len(simple) == len(text) and textmap.simplify(text) == simple


@SLOW
@given(chinese_text)
def test_slogan_matching(raw: str) -> None:
    hardening.example("slogans.find")
    arts = make_articles([{"raw": raw, "file": "x.txt"}])
    hits = slogans.find(arts, SLOGANS, texts={"x.txt": raw})
    assert list(hits.columns) == list(schema.SLOGAN_HITS)
    for s, e, surface in zip(hits["start"], hits["end"], hits["surface"], strict=True):
        assert 0 <= s < e <= len(raw)
        assert raw[s:e] == surface
    assert set(hits["canonical"]) <= set(SLOGANS["canonical"])
    assert slogans.find(arts, SLOGANS, texts={"x.txt": raw}).equals(hits)


@SLOW
@given(chinese_text)
def test_metric_extraction(raw: str) -> None:
    hardening.example("metrics.extract")
    arts = make_articles([{"raw": raw, "file": "x.txt", "date": "2024-05"}])
    kw = {"units": UNITS, "indicators": INDICATORS, "gazetteer": GAZETTEER}
    out = metrics.extract(arts, slogan_lexicon=SLOGANS, **kw)
    tables = {"documents": pd.DataFrame({"file": ["x.txt"]}), "articles": arts.drop(columns="raw"),
              "cleanup_log": schema.empty(schema.CLEANUP_LOG), "metrics": out}  # fmt: skip
    # make_articles covers the whole raw text with the article body: no cleanup rows needed
    assert [p for p in invariants.problems(tables, {"x.txt": raw}) if "account" not in p] == []
    values = pd.to_numeric(out["normalized_value"], errors="coerce")
    assert values.map(lambda v: v != v or math.isfinite(v)).all()
    again = metrics.extract(arts, slogan_lexicon=SLOGANS, **kw)
    assert again.equals(out)


@pytest.fixture(scope="module")
def tokenizer() -> tokens.Tokenizer:
    entries = tokens.user_entries(
        slogans=SLOGANS, gazetteer=GAZETTEER, userdict=lexicons.load_userdict()
    )
    return tokens.build_tokenizer(entries, units=lexicons.load_token_units())


@SLOW
@given(raw=chinese_text)
def test_tokenize(tokenizer: tokens.Tokenizer, raw: str) -> None:
    hardening.example("tokens.tokenize")
    arts, log = _split(raw)
    toks = tokens.tokenize(arts, tokenizer=tokenizer)
    assert list(toks.columns) == list(schema.TOKENS)
    tables = {"documents": pd.DataFrame({"file": ["x.txt"]}), "articles": arts,
              "cleanup_log": log, "tokens": toks}  # fmt: skip
    assert invariants.problems(tables, {"x.txt": raw}) == []
    assert tokens.tokenize(arts, tokenizer=tokenizer).equals(toks)


@FAST
@given(chinese_text, st.data())
def test_kwic_finds_every_substring_query(raw: str, data: st.DataObject) -> None:
    hardening.example("kwic.find")
    if not raw.strip():
        return
    i = data.draw(st.integers(0, len(raw) - 1))
    j = data.draw(st.integers(i + 1, min(len(raw), i + 8)))
    query = raw[i:j]
    arts = make_articles([{"raw": raw, "file": "x.txt"}])
    out = kwic.find(arts, query, texts={"x.txt": raw}, window=5)
    spans = list(zip(out["start"], out["end"], strict=True))
    assert (i, j) in spans or any(s <= i < e for s, e in spans)  # overlapping hits are skipped
    for (s, e), m, left, right in zip(spans, out["match"], out["left"], out["right"], strict=True):
        assert raw[s:e] == m == query
        assert raw[max(0, s - 5) : s].endswith(left) and raw[e : e + 5].startswith(right)


@SLOW
@given(st.lists(chinese_text, min_size=1, max_size=5), st.data())
def test_cache_roundtrip_of_arbitrary_strings(strings: list[str], data: st.DataObject) -> None:
    hardening.example("cache.Store put/get")
    import tempfile

    ints = data.draw(st.lists(st.integers(-(2**62), 2**62), min_size=len(strings),
                              max_size=len(strings)))  # fmt: skip
    table = pd.DataFrame({"text": strings, "n": ints})
    with tempfile.TemporaryDirectory() as tmp:
        store = cache.Store(tmp, "k")
        store.put("ab12", {"t": table})
        got = store.get("ab12")
    assert got is not None
    assert got["t"]["text"].tolist() == strings and got["t"]["n"].tolist() == ints


NUMERAL = st.lists(
    st.sampled_from(
        list(
            "0123456789０１２３４５６７８９.．,，零〇一二两三四五六七八九十百千万亿余多第百分之%％"
        )
    ),
    max_size=16,
).map("".join)


@FAST
@given(st.one_of(NUMERAL, chinese_text))
def test_numeral_parsing(s: str) -> None:
    hardening.example("numerals.parse")
    n = numerals.parse(s)
    if n is not None:
        assert math.isfinite(n.value) and math.isfinite(n.multiplier) and n.multiplier > 0
        assert n.qualifier in {"", "at_least"}
    assert numerals.parse(s) == n
    v = numerals.parse_number(s)
    assert v is None or math.isfinite(v)


@pytest.mark.parametrize("text", ["", "\r", "\x00", "十\r\n堰\r", "１２３\u3000４"])
def test_edge_texts_split_cleanly(text: str) -> None:
    arts, log = _split(text)
    assert corpus.account({"x.txt": text}, arts, log).empty
