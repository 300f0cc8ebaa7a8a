"""Shared benchmark helpers: a replicated real-text corpus and in-process timing.

Figures are whole-stage wall times (median of several repeats) and their ratio to a baseline
measured in the same run, so the comparison holds when the shared machine's speed drifts.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "_work"
GOV_REPORTS = ROOT.parent / "shared" / "corpora" / "gov_reports" / "texts"
SEEDS = ROOT / "seeds"


def source_texts() -> list[str]:
    """Return the real texts used to build benchmark corpora (government reports and seed pages)."""
    files = sorted(GOV_REPORTS.glob("*.txt")) if GOV_REPORTS.is_dir() else []
    if not files:
        print(
            f"bench: {GOV_REPORTS} not found; the corpora are built from the seed pages alone, "
            "so figures are not comparable with the README's",
            file=sys.stderr,
        )
    files += sorted(SEEDS.glob("*.txt"))
    if not files:
        raise SystemExit("bench: no source texts found (seeds/ and ../shared/corpora/gov_reports)")
    return [f.read_text(encoding="utf-8") for f in files]


def replicated_text(target_mb: float) -> str:
    """Return at least ``target_mb`` MB (UTF-8) of real text, the sources repeated in order."""
    texts = source_texts()
    out: list[str] = []
    size = 0
    i = 0
    while size < target_mb * 1_000_000:
        t = texts[i % len(texts)]
        out.append(t)
        size += len(t.encode("utf-8"))
        i += 1
    return "\n".join(out)


def replicated_corpus(target_mb: float, name: str) -> Path:
    """Write (once) a folder of at least ``target_mb`` MB of distinct file names from real texts."""
    dest = WORK / name
    stamp = dest / ".complete"
    if stamp.exists():
        return dest
    dest.mkdir(parents=True, exist_ok=True)
    texts = source_texts()
    size = 0
    i = 0
    while size < target_mb * 1_000_000:
        t = texts[i % len(texts)]
        (dest / f"doc_{i:06d}.txt").write_text(t, encoding="utf-8")
        size += len(t.encode("utf-8"))
        i += 1
    stamp.write_text(str(size), encoding="utf-8")
    return dest


@dataclass
class Timing:
    """Median wall time over repeats, with min and max."""

    label: str
    median: float
    low: float
    high: float


def measure(label: str, func: Callable[[], object], *, repeat: int = 3) -> Timing:
    """Time ``func`` ``repeat`` times (after no warm-up) and return the median wall time."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return Timing(label, statistics.median(times), min(times), max(times))


def print_rows(title: str, rows: list[Timing], *, baseline: Timing, mb: float) -> None:
    """Print one section: wall time, MB/s and ratio to the baseline for each row."""
    print(f"\n## {title}  ({mb:.1f} MB of text)")
    print(f"{'stage':<48} {'median s':>9} {'min':>8} {'max':>8} {'MB/s':>8} {'x baseline':>10}")
    for r in [baseline, *rows]:
        ratio = r.median / baseline.median if baseline.median else float("nan")
        print(
            f"{r.label:<48} {r.median:9.3f} {r.low:8.3f} {r.high:8.3f} "
            f"{mb / r.median if r.median else float('nan'):8.2f} {ratio:10.2f}"
        )
