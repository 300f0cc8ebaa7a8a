"""Command line: ``python -m analysis tables|reports|cache-clear``.

Errors raised on purpose (``AnalysisError``) are printed as one line naming the file or
parameter and the problem, with exit status 2; nothing else is printed in that case (this
includes another report batch using the output folder and an output file that cannot be
written). An interrupt (Ctrl-C) exits with status 130. Files that cannot be analysed are
listed in ``skipped.csv`` and one warning line each (``skipped FILE: reason (detail)``); they
do not change the exit status as long as at least one file was analysed.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from collections.abc import Sequence
from typing import Any

from analysis.errors import AnalysisError, ParameterError

#: How long ``--scheduler`` waits for the scheduler to answer.
CONNECT_TIMEOUT = "20s"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    t = sub.add_parser("tables", help="write every table of a corpus as CSV, without notebooks")
    t.add_argument("--corpus", required=True, help="folder of .txt files (searched recursively)")
    t.add_argument("--out", required=True, help="folder for the CSV tables")
    t.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")
    t.add_argument("--no-cache", action="store_true", help="compute everything, write no cache")
    t.add_argument(
        "--script",
        choices=["as_is", "simplified"],
        default="as_is",
        help="simplified: convert Traditional Chinese in the analysis copy (raw text unchanged)",
    )
    t.add_argument(
        "--segmenter",
        choices=["fast", "jieba"],
        default="fast",
        help="jieba: cut with jieba's own code instead of the package's exact, faster "
        "re-implementation (same tokens)",
    )
    t.add_argument("--cache-dir", default=None, help="cache folder (default: .cache/analysis)")
    t.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="run on a dask.distributed cluster, e.g. tcp://host:8786 (needs the "
        "'distributed' extra)",
    )

    c = sub.add_parser("cache-clear", help="delete the per-document result cache")
    c.add_argument("--cache-dir", default=None, help="cache folder (default: .cache/analysis)")
    c.add_argument(
        "--stale",
        action="store_true",
        help="delete only what other versions of the code, data files or jieba cached (never "
        "read again)",
    )

    r = sub.add_parser("reports", help="run the report matrix and render HTML with an index")
    r.add_argument("--corpus", default="seeds", help="folder of .txt files (default: seeds)")
    r.add_argument("--out", default="reports", help="output folder (default: reports)")
    r.add_argument("--only", action="append", default=None, help="run only this report name")
    r.add_argument("--jobs", type=int, default=None, help="parallel notebooks (default: cores)")
    r.add_argument("--force", action="store_true", help="re-run reports that are up to date")
    r.add_argument("--matrix", default=None, help="the report matrix file (default: reports.yaml)")
    r.add_argument(
        "--script",
        choices=["as_is", "simplified"],
        default="as_is",
        help="simplified: convert Traditional Chinese in the analysis copy of the shared tables "
        "(raw text unchanged)",
    )

    return p


def _tables(args: argparse.Namespace) -> int:
    from analysis import cache, pipeline

    client = None
    executor = None
    if args.scheduler:
        client = _client(args.scheduler)
        executor = client.get_executor()
    try:
        tables, paths = pipeline.build_and_write(
            args.corpus,
            args.out,
            jobs=args.jobs,
            executor=executor,
            cache_dir=args.cache_dir or cache.DEFAULT_DIR,
            use_cache=not args.no_cache,
            progress=True,
            script=args.script,
            segmenter=args.segmenter,
        )
    finally:
        if client is not None:
            client.close()
    for row in tables["skipped"].itertuples():
        logging.getLogger("analysis").warning(
            "skipped %s: %s (%s)", row.file, row.reason, row.detail
        )
    if paths is None:
        logging.getLogger("analysis").info("tables in %s are up to date", args.out)
    else:
        logging.getLogger("analysis").info("wrote %d tables to %s", len(paths), args.out)
    return 0


def _client(address: str) -> Any:
    """Return a ``distributed.Client`` connected to ``address`` (imported only when asked)."""
    try:
        from distributed import Client
    except ImportError:
        raise ParameterError(
            "--scheduler needs dask.distributed; install the optional extra: "
            "pip install '.[distributed]'"
        ) from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise ParameterError(
            f"--scheduler {address!r}: cannot connect ({exc}); start one with `dask scheduler` "
            "and give its tcp:// address."
        ) from None


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def terminate_as_interrupt() -> None:
    """Handle SIGTERM (``kill PID``) like Ctrl-C: the batch stops its workers and kernels."""
    signal.signal(signal.SIGTERM, _interrupt)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        if args.command == "tables":
            from analysis import memory

            memory.steady_mmap()  # a large corpus's freed blocks go back to the system
            return _tables(args)
        if args.command == "cache-clear":
            from analysis import cache, docwork

            root = args.cache_dir or cache.DEFAULT_DIR
            n = cache.clear(root, keep=docwork.config_keys() if args.stale else None)
            print(f"removed {n} cache file(s) from {root}", file=sys.stderr)
            return 0
        if args.command == "reports":
            from analysis import report

            terminate_as_interrupt()
            return report.main(args)
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return 1
