"""Session hooks: the summary of what the hardening tests tried."""

from __future__ import annotations

import pytest

from tests import hardening


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the bad-input cases, accounted corpora, CLI runs and property examples."""
    if not hardening.CASES and not hardening.EXAMPLES:
        return
    tr = terminalreporter
    tr.section("hardening: what was tried")
    groups = sorted({g for g, _, _ in hardening.CASES})
    for group in groups:
        rows = sorted({(c, o) for g, c, o in hardening.CASES if g == group})
        tr.write_line(f"{group} ({len(rows)}):")
        width = max(len(c) for c, _ in rows)
        for case, outcome in rows:
            tr.write_line(f"  {case:<{width}}  {outcome}")
    if hardening.EXAMPLES:
        total = sum(hardening.EXAMPLES.values())
        tr.write_line(f"properties ({len(hardening.EXAMPLES)}, {total} generated examples):")
        width = max(len(p) for p in hardening.EXAMPLES)
        for prop, n in sorted(hardening.EXAMPLES.items()):
            tr.write_line(f"  {prop:<{width}}  {n} examples")
