"""Run every benchmark section: ``python -m bench [section ...]``.

Each section module defines ``main() -> None`` and prints its own table.
"""

from __future__ import annotations

import importlib
import sys

#: Section modules in the order they run.
SECTIONS: tuple[str, ...] = ("tokens", "slogans", "metrics", "reports", "duplicates", "scale")


def run(names: list[str]) -> None:
    """Run the named sections (all when empty)."""
    for name in names or list(SECTIONS):
        if name not in SECTIONS:
            raise SystemExit(f"bench: unknown section {name!r}; choose from {list(SECTIONS)}")
        importlib.import_module(f"bench.{name}").main()


if __name__ == "__main__":
    run(sys.argv[1:])
