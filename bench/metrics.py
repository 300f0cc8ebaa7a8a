"""Metric extraction throughput on >= 20 MB of real text against a one-regex baseline.

Baseline: a single compiled regex pass (number + unit) over the same analysis text. The full
extraction (candidates, exclusions, attribution, periods, pairs) is reported as a ratio of it,
without and with the gazetteer and the national place list (subjects), and jieba segmentation of
a slice is shown for scale: extraction must not be the slow stage.
"""

from __future__ import annotations

import logging
import re
import warnings

import pandas as pd

from analysis import lexicons, metrics, schema, textmap
from bench.common import measure, print_rows, replicated_text

TARGET_MB = 20.0
CHUNK = 50_000
JIEBA_SLICE = 1_000_000

# The baseline: number (with 万/亿) followed by a common unit.
RE_BASELINE = re.compile(
    r"\d+(?:\.\d+)?(?:万|亿)?(?:个百分点|元|个|项|家|人次|人|%|名|次|件|户|亩|吨)"
)


def _articles(raw: str) -> pd.DataFrame:
    """Cut the text into ~50k-character articles at line ends, with offset maps."""
    rows = []
    start = 0
    i = 0
    while start < len(raw):
        end = raw.find("\n", start + CHUNK)
        end = len(raw) if end < 0 else end + 1
        text, omap = textmap.normalize(raw, start, end)
        rows.append(
            {
                "file": "bench.txt",
                "article_id": f"a{i:05d}",
                "subject": "",
                "date": "2023-07-01",
                "start": start,
                "end": end,
                "text": text,
                schema.OFFSET_MAP: omap,
            }
        )
        start = end
        i += 1
    return pd.DataFrame(rows)


def main() -> None:
    raw = replicated_text(TARGET_MB)
    mb = len(raw.encode("utf-8")) / 1e6
    arts = _articles(raw)
    text = "\n".join(arts["text"])
    units = lexicons.load_units()
    indicators = lexicons.load_indicators()
    baseline = measure(
        "baseline: one regex pass (number+unit)", lambda: sum(1 for _ in RE_BASELINE.finditer(text))
    )
    n_rows: list[int] = []

    def run() -> None:
        n_rows.append(len(metrics.extract(arts, units=units, indicators=indicators)))

    full = measure("metrics.extract (all rules, attribution)", run, repeat=1)
    gazetteer = lexicons.load_gazetteer()
    places = lexicons.load_places()

    def run_places() -> None:
        metrics.extract(
            arts, units=units, indicators=indicators, gazetteer=gazetteer, places=places
        )

    with_places = measure(
        f"  + gazetteer and {len(places):,} places",
        run_places,
        repeat=1,
    )
    rows = [full, with_places]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import jieba

        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        tok.initialize()
        piece = text[:JIEBA_SLICE]
        share = len(piece.encode("utf-8")) / len(text.encode("utf-8"))
        jt = measure(
            f"jieba.lcut on a {JIEBA_SLICE // 1000}k-char slice", lambda: tok.lcut(piece), repeat=1
        )
        # Scale the slice time to the whole text so MB/s and ratios compare like with like.
        jt.median /= share
        jt.low /= share
        jt.high /= share
        jt.label += " (scaled)"
        rows.append(jt)
    except ImportError:
        pass
    print_rows("metrics", rows, baseline=baseline, mb=mb)
    print(f"claims extracted: {n_rows[-1] if n_rows else 0:,}; articles: {len(arts):,}")


if __name__ == "__main__":
    main()
