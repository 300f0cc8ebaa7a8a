"""Command line: ``python -m analysis tables|reports``.

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
import sys
from collections.abc import Sequence

from analysis.errors import AnalysisError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    t = sub.add_parser("tables", help="write every table of a corpus as CSV, without notebooks")
    t.add_argument("--corpus", required=True, help="folder of .txt files (searched recursively)")
    t.add_argument("--out", required=True, help="folder for the CSV tables")

    r = sub.add_parser("reports", help="run the report matrix and render HTML with an index")
    r.add_argument("--corpus", default="seeds", help="folder of .txt files (default: seeds)")
    r.add_argument("--out", default="reports", help="output folder (default: reports)")
    r.add_argument("--only", action="append", default=None, help="run only this report name")
    r.add_argument("--jobs", type=int, default=None, help="parallel notebooks (default: cores)")
    r.add_argument("--force", action="store_true", help="re-run reports that are up to date")
    r.add_argument("--matrix", default=None, help="the report matrix file (default: reports.yaml)")

    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        if args.command == "tables":
            from analysis import pipeline

            tables = pipeline.build(args.corpus)
            for row in tables["skipped"].itertuples():
                logging.getLogger("analysis").warning(
                    "skipped %s: %s (%s)", row.file, row.reason, row.detail
                )
            for path in pipeline.write(tables, args.out):
                logging.getLogger("analysis").info("wrote %s", path)
            return 0
        if args.command == "reports":
            from analysis import report

            return report.main(args)
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return 1
