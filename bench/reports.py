"""Report batch on the seeds versus the floor of bare papermill runs, and 1 job versus 2 jobs.

Prints wall times of: the full matrix (``reports.yaml``) on ``seeds/`` with ``--force`` at 1 and
2 jobs; the same number of papermill runs of an empty notebook at 1 and 2 jobs (the floor set by
kernel start-up); and a second, incremental run (everything up to date).
"""

from __future__ import annotations

import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from analysis import matrix, report
from bench.common import ROOT, SEEDS, WORK

EMPTY = ROOT / "tests" / "notebooks" / "empty.ipynb"


def _bare(i: int) -> None:
    import papermill as pm

    out = WORK / "bare" / f"run_{i}.ipynb"
    pm.execute_notebook(
        str(EMPTY), str(out), kernel_name="python3", progress_bar=False, start_timeout=120
    )


def _bare_batch(n: int, jobs: int) -> float:
    (WORK / "bare").mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        list(pool.map(_bare, range(n)))
    return time.perf_counter() - t0


def _batch(out: Path, jobs: int, *, force: bool) -> float:
    spec = matrix.parse((ROOT / "reports.yaml").read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    report.run(spec, corpus=SEEDS, out=out, jobs=jobs, force=force)
    return time.perf_counter() - t0


def main() -> None:
    out = WORK / "reports"
    shutil.rmtree(out, ignore_errors=True)
    os.environ.setdefault("CI", "1")  # one line per report instead of a progress bar
    first = _batch(out, 2, force=True)
    n = len(list(out.glob("*.json")))
    rows = [
        (f"reports batch, {n} reports, 2 jobs (first, tables built)", first),
        (f"reports batch, {n} reports, 2 jobs (--force)", _batch(out, 2, force=True)),
        (f"reports batch, {n} reports, 1 job (--force)", _batch(out, 1, force=True)),
        (f"bare papermill, {n} empty notebooks, 2 jobs", _bare_batch(n, 2)),
        (f"bare papermill, {n} empty notebooks, 1 job", _bare_batch(n, 1)),
        ("reports batch, second run (all up to date)", _batch(out, 2, force=False)),
    ]
    print(f"\n## reports  ({n} reports on seeds/, {os.cpu_count()} cores)")
    print(f"{'stage':<58} {'wall s':>8}")
    for label, seconds in rows:
        print(f"{label:<58} {seconds:8.2f}")
    forced2, forced1, bare2, bare1 = rows[1][1], rows[2][1], rows[3][1], rows[4][1]
    overhead = (forced2 - bare2) / n
    print(f"{'overhead over bare papermill at 2 jobs (s per report)':<58} {overhead:8.2f}")
    print(f"{'speed-up 1 job -> 2 jobs (reports)':<58} {forced1 / forced2:8.2f}")
    print(f"{'speed-up 1 job -> 2 jobs (bare papermill)':<58} {bare1 / bare2:8.2f}")
