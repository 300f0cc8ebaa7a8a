"""Tokenization: our full stage against a plain single-process ``jieba.lcut`` loop.

Both run on the same real text (government reports and seed pages, replicated to at least 20 MB),
cut into article-sized pieces, with the same jieba dictionary (base dictionary plus the shipped
user dictionary). The stage includes number protection, raw offsets, sentence ids and the tokens
table. A second stage run without number protection must give exactly jieba's tokens.
"""

from __future__ import annotations

import dataclasses
import os
import statistics

import pandas as pd

from analysis import lexicons, schema, textmap, tokens
from bench.common import Timing, measure, print_rows, replicated_text

TARGET_MB = float(os.environ.get("BENCH_TOKENS_MB", "20"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
PIECE = 20_000  # characters per article


def articles(text: str) -> pd.DataFrame:
    rows = []
    for i, start in enumerate(range(0, len(text), PIECE)):
        chunk, omap = textmap.normalize(text, start, min(start + PIECE, len(text)))
        rows.append(
            {
                "file": "bench.txt",
                "article_id": f"bench-a{i:05d}",
                "text": chunk,
                schema.OFFSET_MAP: omap,
            }
        )
    return pd.DataFrame(rows)


def main() -> None:
    text = replicated_text(TARGET_MB)
    mb = len(text.encode("utf-8")) / 1e6
    arts = articles(text)
    entries = tokens.user_entries(userdict=lexicons.load_userdict())
    tk = tokens.build_tokenizer(entries, units=lexicons.load_token_units(), hmm=True)
    texts = arts["text"].tolist()
    jieba_tk = tk.jieba
    out: dict[str, object] = {}

    def baseline() -> None:
        out["jieba"] = [jieba_tk.lcut(t, HMM=True) for t in texts]

    def stage() -> None:
        out["stage"] = tokens.tokenize(arts, tokenizer=tk)

    # Interleave the two so that load from other processes hits both alike.
    runs: dict[str, list[float]] = {"base": [], "ours": []}
    for _ in range(REPEAT):
        runs["base"].append(measure("", baseline, repeat=1).median)
        runs["ours"].append(measure("", stage, repeat=1).median)
    base = Timing(
        "jieba.lcut loop (same dictionary)",
        statistics.median(runs["base"]),
        min(runs["base"]),
        max(runs["base"]),
    )
    ours = Timing(
        "tokens.tokenize (full stage)",
        statistics.median(runs["ours"]),
        min(runs["ours"]),
        max(runs["ours"]),
    )
    print_rows("tokens", [ours], baseline=base, mb=mb)
    plain = tokens.tokenize(arts, tokenizer=dataclasses.replace(tk, number_re=None))
    expected = [w for ws in out["jieba"] for w in ws if not w.isspace()]  # type: ignore[attr-defined]
    assert plain["token"].tolist() == expected, "tokens differ from jieba with the same dictionary"
    n_tok = len(out["stage"])  # type: ignore[arg-type]
    print(
        f"tokens: {n_tok:,} (stage), {len(expected):,} (jieba, whitespace dropped); "
        "without number protection the stage equals jieba token for token"
    )


if __name__ == "__main__":
    main()
