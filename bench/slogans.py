"""Slogan matching throughput: one trie-regex pass vs. a per-entry baseline, 50 vs. 500 entries.

Prints MB/s of ``slogans.spans`` on at least 20 MB of real text for 50 shipped entries and for the
same 50 padded with 450 generated ones (same hits, so the ratio is the cost of lexicon size),
and for the whole shipped lexicon, next to two baselines measured in the same run: a naive loop
of ``str.count`` over every form of the large lexicon (cost grows with lexicon size × text
length) and one trivial single-pattern regex pass (the floor of any scan).
"""

from __future__ import annotations

import functools
import random
import re

import pandas as pd

from analysis import lexicons, slogans
from bench.common import measure, replicated_text

TARGET_MB = 20.0
SIZES = (50, 500)


def _lexicon(text: str, size: int, *, base_size: int = SIZES[0]) -> pd.DataFrame:
    """The first ``base_size`` entries of the shipped lexicon, padded to ``size`` distinct entries.

    Padding: generated quoted names, numbered and parallel formulas made of characters of the
    text (most are absent, like most entries of a large lexicon), so the two sizes find a similar
    number of hits and the comparison isolates the cost of lexicon size.
    """
    base = lexicons.load_slogans().head(base_size).reset_index(drop=True)
    if size <= len(base):
        return base.head(size).reset_index(drop=True)
    rng = random.Random(0)
    han = [c for c in sorted(set(text[:200_000])) if "\u4e00" <= c <= "\u9fff"]
    known = {lexicons.form_key(c) for c in base["canonical"]}
    rows: list[dict[str, str]] = []
    while len(base) + len(rows) < size:
        k = len(rows)
        if k % 2 == 0:
            form = "".join(rng.sample(han, 4))
            kind = "quoted_name"
        elif k % 4 == 1:
            a, b = rng.sample(han, 2)
            form = f"{rng.choice('三四五六七八')}{a}{rng.choice('三四五六七八')}{b}"
            kind = "numbered"
        else:
            form = "、".join("".join(rng.sample(han, 3)) for _ in range(3))
            kind = "parallel"
        key = lexicons.form_key(form)
        if key in known:
            continue
        known.add(key)
        rows.append({"canonical": form, "kind": kind})
    pad = pd.DataFrame(rows)
    for col in base.columns:
        if col not in pad.columns:
            pad[col] = "" if col != "quoted_only" else False
    pad["level"] = "unknown"
    return pd.concat([base, pad[base.columns]], ignore_index=True)


def _row(method: str, entries: int, seconds: float, mb: float, hits: str = "") -> None:
    print(f"{method:<40}{entries:>8}{seconds:>10.2f}{mb / seconds:>9.1f}{hits:>9}")


def main() -> None:
    text = replicated_text(TARGET_MB)
    mb = len(text.encode("utf-8")) / 1_000_000
    print(f"\n## slogans: matching {mb:.1f} MB ({len(text):,} characters)\n")
    print(f"{'method':<40}{'entries':>8}{'seconds':>10}{'MB/s':>9}{'hits':>9}")
    big = _lexicon(text, max(SIZES))
    forms = sorted(
        {
            f
            for c, v in zip(big["canonical"], big["variants"], strict=True)
            for f in [c, *[x for x in str(v).split("|") if x and not x.startswith("re:")]]
        }
    )
    single = re.compile(re.escape("能力作风"))
    t = measure("single regex", lambda: sum(1 for _ in single.finditer(text)), repeat=1)
    _row("baseline: one single-pattern regex pass", 1, t.median, mb)
    t = measure("naive", lambda: sum(text.count(f) for f in forms), repeat=1)
    _row("baseline: str.count per form (exact only)", len(big), t.median, mb)
    runs = [
        (f"slogans.spans, 50 shipped + {size - 50} generated", _lexicon(text, size))
        for size in SIZES
    ]
    runs.append(("slogans.spans, whole shipped lexicon", lexicons.load_slogans()))
    for label, lex in runs:
        matcher = slogans.build_matcher(lex)
        found = slogans.spans(text, matcher)
        t = measure(label, functools.partial(slogans.spans, text, matcher), repeat=1)
        _row(label, len(lex), t.median, mb, f"{len(found):,}")


if __name__ == "__main__":
    main()
