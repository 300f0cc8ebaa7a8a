"""Nothing lost, provably: accounting and surface invariants on every corpus of the test suite.

For each corpus, ``pipeline.build`` runs every stage and ``tests.invariants.problems`` checks
that each non-whitespace raw character is in exactly one article body or cleanup-log row, and
that ``raw[start:end]`` gives back every article text piece, cleanup-log text, token, slogan
hit, metric surface and KWIC match (definitions in ``tests/invariants.py``). Corpora: the seeds,
the hand-made pages of ``tests/test_articles.py`` (as LF, CRLF and lone-CR files), the seeds
re-encoded (CRLF, lone CR, UTF-16 LE), the bad-input corpus (``tests/test_bad_input.py``)
and, when ``ANALYSIS_SLOW_CORPORA=1``, the 84 government work reports.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from analysis import corpus, pipeline
from tests import hardening, helpers, invariants, test_articles

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOV_REPORTS = helpers.GOV_REPORTS if helpers.GOV_REPORTS.is_dir() else None
PAGES = {
    "web_page": test_articles.WEB_PAGE,
    "compilation": test_articles.COMPILATION,
    "national": test_articles.NATIONAL,
    "briefs": test_articles.BRIEFS,
}


def _check(root: Path, label: str) -> pipeline.Tables:
    tables = pipeline.build(root)
    texts = corpus.load(root).texts
    found = invariants.problems(tables, texts)
    assert found == [], "\n".join(found[:20])
    hardening.record("accounted corpora", label, str(invariants.counts(tables)))
    return tables


def test_seeds_nothing_lost() -> None:
    _check(SEEDS, "seeds")


def test_hand_made_pages_nothing_lost(tmp_path: Path) -> None:
    for name, text in PAGES.items():
        for suffix, nl in (("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")):
            (tmp_path / f"{name}_{suffix}.txt").write_text(text.replace("\n", nl), newline="")
    tables = _check(tmp_path, "hand-made pages (LF, CRLF, CR)")
    arts = tables["articles"]
    cols = ["headline", "subtitle", "subject", "text"]
    for name in PAGES:
        want = arts.loc[arts["file"] == f"{name}_lf.txt", cols].reset_index(drop=True)
        for suffix in ("crlf", "cr"):
            got = arts.loc[arts["file"] == f"{name}_{suffix}.txt", cols].reset_index(drop=True)
            assert got.equals(want), (name, suffix)


ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "cr": lambda t: t.replace("\n", "\r").encode("utf-8"),
    "utf16le": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
}


def test_reencoded_seeds_give_the_same_articles(tmp_path: Path) -> None:
    base = pipeline.build(SEEDS)["articles"]
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for label, encode in ENCODINGS.items():
            (tmp_path / f"{path.stem}_{label}.txt").write_bytes(encode(text))
    tables = _check(tmp_path, "seeds as CRLF, CR, UTF-16")
    arts = tables["articles"]
    cols = ["headline", "subtitle", "byline", "subject", "text"]
    for path in sorted(SEEDS.glob("*.txt")):
        want = base.loc[base["file"] == path.name, cols].reset_index(drop=True)
        for label in ENCODINGS:
            got = arts.loc[arts["file"] == f"{path.stem}_{label}.txt", cols]
            assert got.reset_index(drop=True).equals(want), (path.name, label)


@pytest.mark.slow
@pytest.mark.skipif(
    GOV_REPORTS is None or os.environ.get("ANALYSIS_SLOW_CORPORA") != "1",
    reason="set ANALYSIS_SLOW_CORPORA=1 (1-2 minutes) and provide shared/corpora/gov_reports",
)
def test_gov_reports_nothing_lost() -> None:
    assert GOV_REPORTS is not None
    _check(GOV_REPORTS, "gov_reports (84 files)")
