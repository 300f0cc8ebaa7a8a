"""Session hooks and shared fixtures.

- the summary of what the hardening tests tried;
- one report batch on the fixture corpus, built once per test session.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import matrix, report
from tests import hardening
from tests.report_helpers import FIXTURE_CORPUS, batch_matrix, fake_build, payload_corpus


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the bad-input cases, accounted corpora, CLI runs, batch faults, HTML-safety cases
    and property examples."""
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


@pytest.fixture(scope="session")
def report_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """Run the shared batch (2 jobs) into a temporary folder; return the folder and status."""
    out = tmp_path_factory.mktemp("batch") / "reports"
    status = report.run(
        matrix.parse(batch_matrix()), corpus=FIXTURE_CORPUS, out=out, jobs=2, build=fake_build
    )
    return out, status


@pytest.fixture(scope="session")
def notebooks_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """Every project notebook on the payload corpus (``report_helpers.PAYLOADS`` in headlines,
    bodies and file names), real pipeline; return the output folder and status."""
    import importlib.util

    if importlib.util.find_spec("analysis.corpus") is None:
        pytest.skip("the corpus layer (analysis.corpus) is not available yet")
    base = tmp_path_factory.mktemp("payload")
    corpus = payload_corpus(base / "corpus")
    names = sorted(p.stem for p in (Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))
    lines = ["settings: {timeout: 300}", "reports:"]
    lines += [f"  - {{notebook: {n}, name: '{{notebook}}'}}" for n in names]
    out = base / "reports"
    status = report.run(matrix.parse("\n".join(lines)), corpus=corpus, out=out, jobs=2)
    return out, status
