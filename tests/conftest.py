"""Shared fixtures: one report batch on the fixture corpus, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import matrix, report
from tests.report_helpers import FIXTURE_CORPUS, batch_matrix, fake_build


@pytest.fixture(scope="session")
def report_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """Run the shared batch (2 jobs) into a temporary folder; return the folder and status."""
    out = tmp_path_factory.mktemp("batch") / "reports"
    status = report.run(
        matrix.parse(batch_matrix()), corpus=FIXTURE_CORPUS, out=out, jobs=2, build=fake_build
    )
    return out, status
