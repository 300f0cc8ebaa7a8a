"""Scale section: a 100 MB corpus of real text, cold / warm / 1%-changed runs against plain jieba.

Rows (one run, side by side):
- baseline: a single-process ``jieba.lcut`` loop over the same files (what researchers write);
- cold: ``python -m analysis tables`` with an empty cache (all cores);
- warm: the same command again (everything from the cache);
- 1% changed: after editing 1% of the files (each repeat edits another 1%).
Each row gives wall time, MB/s, the ratio to the baseline and the peak memory of the whole process
tree (sum of the RSS of the command and its children, sampled every 0.1 s). The short runs (warm,
1% changed) are repeated ``REPEATS`` times: their row gives the median, the fastest and the
slowest, and the highest peak (a few seconds of work vary most with the shared machine's load).
Memory is also shown for cold runs at 25 and 50 MB to show it grows no faster than linearly.

Environment: ``BENCH_SCALE_MB`` (default 100) sets the largest corpus.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from bench.common import ROOT, WORK, replicated_corpus

BASELINE = """
import sys, pathlib, jieba, logging
jieba.setLogLevel(logging.WARNING)
n = 0
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.txt")):
    n += len(jieba.lcut(p.read_text(encoding="utf-8")))
print(n)
"""


#: Repeats of the short runs (warm, 1% changed).
REPEATS = 3


@dataclass
class Run:
    """One measured command (or the median of repeats, with the fastest and slowest)."""

    label: str
    seconds: float
    peak_mb: float
    returncode: int
    low: float | None = None
    high: float | None = None


def median_run(label: str, runs: list[Run]) -> Run:
    """Return the median wall time of ``runs``, with their range and highest peak."""
    times = [r.seconds for r in runs]
    return Run(
        f"{label}, median of {len(runs)}",
        statistics.median(times),
        max(r.peak_mb for r in runs),
        max(r.returncode for r in runs),
        min(times),
        max(times),
    )


def tree_rss(proc: psutil.Process) -> int:
    """Return the summed RSS in bytes of a process and all its descendants."""
    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def measure(label: str, cmd: list[str]) -> Run:
    """Run ``cmd`` to completion, sampling the process tree's memory."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), CI="true")
    t0 = time.perf_counter()
    popen = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    proc = psutil.Process(popen.pid)
    peak = 0
    while popen.poll() is None:
        peak = max(peak, tree_rss(proc))
        time.sleep(0.1)
    seconds = time.perf_counter() - t0
    err = popen.stderr.read().decode("utf-8", "replace") if popen.stderr else ""
    if popen.returncode != 0:
        print(f"  ! {label} exited {popen.returncode}: {err.strip()[-500:]}", file=sys.stderr)
    return Run(label, seconds, peak / 1e6, popen.returncode)


def corpus_mb(folder: Path) -> float:
    """Return the size of the ``.txt`` files in MB."""
    return sum(p.stat().st_size for p in folder.rglob("*.txt")) / 1e6


def change_one_percent(folder: Path, start: int = 0) -> int:
    """Append a distinct sentence to every 100th file from ``start``; return how many changed."""
    files = sorted(folder.rglob("*.txt"))
    changed = files[start::100]
    stamp = time.time_ns()
    for p in changed:
        with p.open("a", encoding="utf-8") as fh:
            fh.write(f"\n本报讯 基准测试修改 {stamp} 新增项目12个。\n")
    return len(changed)


def tables_cmd(corpus: Path, out: Path, cache: Path) -> list[str]:
    """Return the command line of our table build."""
    return [
        sys.executable,
        "-m",
        "analysis",
        "tables",
        "--corpus",
        str(corpus),
        "--out",
        str(out),
        "--cache-dir",
        str(cache),
    ]


def main() -> None:
    """Run the scale section and print its table."""
    top = float(os.environ.get("BENCH_SCALE_MB", "100"))
    sizes = [top / 4, top / 2, top]
    rows: list[tuple[Run, float]] = []
    memory: list[tuple[float, Run]] = []
    for mb in sizes:
        corpus = replicated_corpus(mb, f"scale_{mb:g}mb")
        cache = WORK / f"cache_{mb:g}"
        out = WORK / f"out_{mb:g}"
        shutil.rmtree(cache, ignore_errors=True)
        size = corpus_mb(corpus)
        if mb != top:
            cold = measure(f"cold {size:.0f} MB", tables_cmd(corpus, out, cache))
            memory.append((size, cold))
            continue
        base = measure(
            "baseline: jieba.lcut loop, 1 process", [sys.executable, "-c", BASELINE, str(corpus)]
        )
        cold = measure("ours: cold (empty cache)", tables_cmd(corpus, out, cache))
        warm = median_run(
            "ours: warm",
            [measure("warm", tables_cmd(corpus, out, cache)) for _ in range(REPEATS)],
        )
        incs = []
        for i in range(REPEATS):
            n = change_one_percent(corpus, start=i)
            incs.append(measure("1% changed", tables_cmd(corpus, out, cache)))
        inc = median_run(f"ours: 1% changed ({n} files)", incs)
        (corpus / ".complete").unlink(missing_ok=True)  # the corpus was edited: rebuild next time
        rows = [(base, size), (cold, size), (warm, size), (inc, size)]
        memory.append((size, cold))
    base_run = rows[0][0]
    print(f"\n## scale: tables for a {rows[0][1]:.0f} MB corpus ({os.cpu_count()} cores)")
    print(
        f"{'run':<44} {'wall s':>8} {'range s':>11} {'MB/s':>7} {'x baseline':>10} "
        f"{'x cold':>7} {'peak MB':>8}"
    )
    cold_s = rows[1][0].seconds
    for r, size in rows:
        spread = f"{r.low:.1f}-{r.high:.1f}" if r.low is not None and r.high is not None else ""
        print(
            f"{r.label:<44} {r.seconds:8.1f} {spread:>11} {size / r.seconds:7.2f} "
            f"{r.seconds / base_run.seconds:10.2f} {r.seconds / cold_s:7.2f} {r.peak_mb:8.0f}"
        )
    print("\n## scale: peak memory of cold runs")
    print(f"{'corpus MB':>10} {'peak MB':>8} {'peak / corpus':>14}")
    for size, r in memory:
        print(f"{size:10.0f} {r.peak_mb:8.0f} {r.peak_mb / size:14.1f}")
