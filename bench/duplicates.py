"""Duplicates: ``corpus.duplicates`` on a synthetic newspaper archive built from real text.

The archive imitates a daily's back issues: articles of 2-20 KB made of sentences of the
government reports and seed pages (a share of their characters replaced, so articles are distinct
but share stock phrases), each wrapped in newspaper boilerplate (本报讯 / 记者 / 通讯员 bylines,
datelines, closing lines), plus series of daily reports that differ in a few numbers (near
duplicates), some drifting chains (each copy close to the previous one only) and about 1% exact
copies. Rows: the baseline is shingling every text (``corpus._shingles``, the part no method can
skip); the stage is the whole ``corpus.duplicates`` call. Peak memory is the traced allocation
peak of the call (``tracemalloc``, which sees NumPy buffers).

Environment: ``BENCH_DUPLICATES_MB`` (default ``25,100``) sets the archive sizes.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
import pandas as pd

from analysis import corpus
from bench.common import measure, print_rows, source_texts

SIZES = [float(s) for s in os.environ.get("BENCH_DUPLICATES_MB", "25,100").split(",")]
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))

# A sentence of the source texts (kept with its closing punctuation).
RE_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
PLACES = ["十堰", "郧阳", "郧西", "竹山", "竹溪", "房县", "丹江口", "张湾", "茅箭", "武当山"]
CLOSINGS = [
    "（责任编辑：{name}）",
    "（本报记者 {name} 摄）",
    "来源：十堰日报",
    "编辑：{name} 审核：{name2}",
    "【打印本页】【关闭窗口】",
]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def _boilerplate(body: str, rng: random.Random, day: int) -> str:
    """Wrap an article body in a byline, a dateline and closing lines."""
    month, date = 1 + day // 28 % 12, 1 + day % 28
    head = (
        f"本报讯（记者 {_name(rng)} {_name(rng)} 通讯员 {_name(rng)}）"
        if rng.random() < 0.7
        else f"十堰日报讯 {2024 + day // 336}年{month}月{date}日 {rng.choice(PLACES)}消息"
    )
    tail = "\n".join(c.format(name=_name(rng), name2=_name(rng)) for c in rng.sample(CLOSINGS, 2))
    return f"{head}\n{body}\n{tail}\n"


def _perturbed(sentence: str, rng: np.random.Generator, alphabet: np.ndarray, rate: float) -> str:
    """Replace about ``rate`` of the characters of ``sentence`` by characters of the sources."""
    codes = np.frombuffer(sentence.encode("utf-32-le"), dtype=np.uint32).copy()
    hit = rng.random(codes.size) < rate
    codes[hit] = alphabet[rng.integers(0, alphabet.size, int(hit.sum()))]
    return codes.tobytes().decode("utf-32-le")


def synthetic_archive(target_mb: float, *, seed: int = 0) -> tuple[pd.DataFrame, dict[str, str]]:
    """Return ``documents`` (file, sha256) and ``texts`` of an archive of ``target_mb`` MB."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    sentences = [m.group() for t in source_texts() for m in RE_SENTENCE.finditer(t)]
    sentences = [s for s in sentences if len(s) >= 8]
    joined = "".join(sentences)
    alphabet = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)[::7].copy()
    texts: dict[str, str] = {}
    size = 0
    day = 0
    pos = rng.randrange(len(sentences))

    def article(n_bytes: int) -> str:
        nonlocal pos
        rate = rng.uniform(0.05, 0.2)
        out: list[str] = []
        got = 0
        while got < n_bytes:
            s = _perturbed(sentences[pos % len(sentences)], nrng, alphabet, rate)
            pos += 1 if rng.random() < 0.8 else rng.randrange(len(sentences))
            out.append(s)
            got += len(s.encode("utf-8"))
            if rng.random() < 0.15:
                out.append("\n")
        return "".join(out)

    def add(text: str) -> None:
        nonlocal size
        texts[f"{len(texts):06d}.txt"] = text
        size += len(text.encode("utf-8"))

    while size < target_mb * 1_000_000:
        day += 1
        roll = rng.random()
        if roll < 0.01 and texts:  # an exact copy of an earlier file
            add(texts[rng.choice(list(texts))])
        elif roll < 0.04:  # a series of daily reports that differ in a few numbers
            template = _boilerplate(article(rng.randint(2_000, 5_000)), rng, day)
            for n in range(rng.randint(3, 40)):
                add(
                    re.sub(
                        r"\d", lambda _: str(rng.randrange(10)), template, count=rng.randint(1, 6)
                    )
                    + f"（第{n + 1}期）"
                )
        elif roll < 0.05:  # a drifting chain: each copy edits the previous one
            text = _boilerplate(article(rng.randint(2_000, 8_000)), rng, day)
            for _ in range(rng.randint(3, 15)):
                add(text)
                cut = rng.randrange(len(text))
                text = (
                    text[:cut]
                    + _perturbed(text[cut : cut + 60], nrng, alphabet, 0.5)
                    + text[cut + 60 :]
                )
        else:
            add(_boilerplate(article(rng.randint(2_000, 20_000)), rng, day))
    files = list(texts)
    shas = [hashlib.sha256(texts[f].encode("utf-8")).hexdigest() for f in files]
    return pd.DataFrame({"file": files, "sha256": shas}), texts


def peak_mb(func: Callable[[], object]) -> float:
    """Return the traced allocation peak of one call of ``func`` in MB."""
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def main() -> None:
    """Run the duplicates section and print its tables."""
    memory: list[tuple[float, int, float]] = []
    for target in SIZES:
        t0 = time.perf_counter()
        docs, texts = synthetic_archive(target)
        built = time.perf_counter() - t0
        mb = sum(len(t.encode("utf-8")) for t in texts.values()) / 1e6
        out: dict[str, pd.DataFrame] = {}

        def shingle_all(texts: dict[str, str] = texts) -> None:
            for t in texts.values():
                corpus._shingles(t, corpus.SHINGLE)

        def stage(
            docs: pd.DataFrame = docs,
            texts: dict[str, str] = texts,
            out: dict[str, pd.DataFrame] = out,
        ) -> None:
            out["dups"] = corpus.duplicates(docs, texts)

        base = measure("baseline: _shingles of every text", shingle_all, repeat=REPEAT)
        row = measure("corpus.duplicates", stage, repeat=REPEAT)
        print_rows(
            f"duplicates: {len(texts)} files (archive built in {built:.1f} s)",
            [row],
            baseline=base,
            mb=mb,
        )
        d = out["dups"]
        print(
            f"exact duplicates {int((d['duplicate_of'] != '').sum())}, "
            f"near duplicates {int((d['near_duplicate_of'] != '').sum())}"
        )
        memory.append((mb, len(texts), peak_mb(stage)))
    print("\n## duplicates: traced peak memory of one call")
    print(f"{'corpus MB':>10} {'files':>7} {'peak MB':>8} {'peak / corpus':>14}")
    for mb, n, peak in memory:
        print(f"{mb:10.0f} {n:7d} {peak:8.0f} {peak / mb:14.2f}")
