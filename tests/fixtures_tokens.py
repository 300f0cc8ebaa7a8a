"""Tokenizers built once per test session (building one loads and tunes a jieba dictionary)."""

from __future__ import annotations

import functools

import pandas as pd

from analysis import lexicons, tokens

#: Tiny slogan lexicon (the real one is ``analysis/data/slogans.csv``).
SLOGANS = pd.DataFrame(
    {
        "canonical": ["创一流", "争第一", "干唯一", "三抓三提", "五亮五共"],
        "variants": ["", "", "", "", ""],
    }
)
#: Tiny gazetteer (the real one is ``analysis/data/gazetteer.csv``).
GAZETTEER = pd.DataFrame(
    {"name": ["十堰市", "郧阳区", "郧西县", "郧西县行政审批局"], "aliases": ["", "郧阳", "", ""]}
)


@functools.cache
def campaign() -> tokens.Tokenizer:
    """Tokenizer with the fixture lexicons, shipped domain terms and shipped units."""
    entries = tokens.user_entries(
        slogans=SLOGANS, gazetteer=GAZETTEER, userdict=lexicons.load_userdict()
    )
    return tokens.build_tokenizer(entries, units=lexicons.load_token_units(), hmm=True)


@functools.cache
def plain() -> tokens.Tokenizer:
    """Tokenizer with jieba's dictionary only and no number rule (plain jieba)."""
    return tokens.build_tokenizer(tokens.user_entries(), units=None, hmm=True)
