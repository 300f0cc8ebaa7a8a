"""Fixtures shared by the metrics tests: shipped units and indicators, a tiny gazetteer and
slogan lexicon, and ``run`` (extract the claims of one text, checking raw offsets)."""

from __future__ import annotations

import unicodedata

import pandas as pd

from analysis import lexicons, metrics
from tests.helpers import make_articles

UNITS = lexicons.load_units()
INDICATORS = lexicons.load_indicators()
GAZ = pd.DataFrame(
    [
        ("湖北省", "湖北", "province", ""),
        ("十堰市", "十堰", "city", "湖北省"),
        ("丹江口市", "丹江口", "county", "十堰市"),
        ("茅箭区", "茅箭", "county", "十堰市"),
        ("竹山县", "竹山", "county", "十堰市"),
        ("六里坪镇", "", "town", "丹江口市"),
    ],
    columns=["name", "aliases", "level", "parent"],
)
SLOGANS = pd.DataFrame(
    {
        "canonical": ["三抓三提", "1+N", "2半0", "五百行动", "十五五", "争第一"],
        "variants": ["", "", "", "", "", ""],
    }
)


def run(raw, *, subject="", date="2023-07-26", gazetteer=GAZ):
    arts = make_articles([{"raw": raw, "subject": subject, "date": date}])
    out = metrics.extract(
        arts, units=UNITS, indicators=INDICATORS, gazetteer=gazetteer, slogan_lexicon=SLOGANS
    )
    for s, e, surf in zip(out["start"], out["end"], out["surface"], strict=True):
        assert unicodedata.normalize("NFKC", raw[s:e]) == surf
    return out
