"""Real-browser check of the rendered reports: headless Debian Chromium with the network blocked.

A session fixture makes sure ``chromium`` is installed (``apt-get install chromium`` when missing
and running as root; otherwise the tests are skipped with the reason). Every page must load from
the file alone: any request to another URL is aborted and recorded, and the test fails on it.

Two batches are checked: the shared fixture batch (fixture notebooks with a planted ``<script>``
and a broken notebook) and, once the corpus layer exists, the real matrix ``reports.yaml`` on
``seeds/``. Screenshots of the seeds index and corpus overview go to ``docs/img/`` when they are
missing or when ``UPDATE_SCREENSHOTS=1`` is set (so an ordinary test run leaves the tree clean).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from analysis import matrix, report
from tests import hardening
from tests.report_helpers import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--metrics-recording-only",
    "--no-first-run",
    "--allow-file-access-from-files",
]
SCREENSHOTS = ROOT / "docs" / "img"


@pytest.fixture(scope="session")
def chromium() -> str:
    """Return the Chromium executable, installing Debian's package first when possible."""
    path = shutil.which("chromium")
    if path is None:
        if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("apt-get") is None:
            pytest.skip("chromium is not installed; run `apt-get install chromium` as root")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
            res = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1200)
            if res.returncode != 0:
                pytest.skip(f"could not install chromium ({' '.join(cmd)}): {res.stderr[-300:]}")
        path = shutil.which("chromium")
        if path is None:
            pytest.skip("chromium still missing after apt-get install chromium")
    return path


@pytest.fixture
def built(report_batch: tuple[Path, int]) -> Path:
    """The shared batch: fixture notebooks, plus corpus_overview once the corpus layer exists."""
    return report_batch[0]


@pytest.fixture(scope="session")
def browser(chromium: str) -> Any:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS, headless=True)
        yield b
        b.close()


def _open(browser: Any, page_file: Path) -> tuple[Any, list[str], list[str]]:
    """Open a page with every non-file request blocked; return page, blocked URLs, errors."""
    blocked: list[str] = []
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1200, "height": 900})

    def route(r: Any) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_file.as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    return page, blocked, errors


def _shot(page: Any, name: str) -> None:
    target = SCREENSHOTS / name
    if os.environ.get("UPDATE_SCREENSHOTS") == "1" or not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=False)


@pytest.fixture(scope="module")
def seeds_batch() -> Path:
    """The project's matrix on the seeds (needs the corpus layer)."""
    if importlib.util.find_spec("analysis.corpus") is None:
        pytest.skip("corpus layer (analysis.corpus) not available yet")
    # Inside the project (git-ignored .cache/) so that the screenshots show project paths.
    out = ROOT / ".cache" / "test-reports"
    shutil.rmtree(out, ignore_errors=True)
    spec = matrix.parse((ROOT / "reports.yaml").read_text(encoding="utf-8"))
    status = report.run(spec, corpus=ROOT / "seeds", out=out, jobs=2)
    assert status == 0
    return out


def test_index_loads_offline_and_links_every_report(browser: Any, built: Path) -> None:
    page, blocked, errors = _open(browser, built / "index.html")
    assert blocked == []
    assert errors == []
    names = page.locator("#reports tbody tr").count()
    assert names == len(list(built.glob("*.json")))
    assert page.locator("tr.status-failed").count() == 1
    page.context.close()


def test_every_seeds_report_opens_offline(browser: Any, seeds_batch: Path) -> None:
    page, blocked, errors = _open(browser, seeds_batch / "index.html")
    assert blocked == [] and errors == []
    _shot(page, "index.png")
    page.context.close()
    for html_file in sorted(seeds_batch.glob("*.html")):
        if html_file.name == "index.html":
            continue
        page, blocked, errors = _open(browser, html_file)
        assert blocked == [], html_file.name
        assert errors == [], html_file.name
        widths = page.eval_on_selector_all("img", "els => els.map(e => e.naturalWidth)")
        assert all(w > 0 for w in widths), html_file.name
        if html_file.stem == "corpus_overview":
            assert page.locator("table.dataTable").count() >= 1
            assert widths
            _shot(page, "report.png")
        page.context.close()


@pytest.mark.parametrize("name", ["tiny", "tiny-2023", "tiny-竹溪县"])
def test_report_renders_tables_images_and_no_planted_script(
    browser: Any, built: Path, name: str
) -> None:
    page, blocked, errors = _open(browser, built / f"{name}.html")
    assert blocked == []
    assert errors == []
    page.wait_for_selector("table.dataTable", timeout=10_000)
    assert page.locator("table.dataTable").count() >= 1
    widths = page.eval_on_selector_all("img", "els => els.map(e => e.naturalWidth)")
    assert widths and all(w > 0 for w in widths)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.get_by_text("Parameters / 参数").count() == 1
    # Code is hidden until the toggle is pressed.
    code = page.locator(".jp-CodeCell .jp-Cell-inputWrapper").first
    assert not code.is_visible()
    page.click("#report-toggle-code")
    assert code.is_visible()
    page.context.close()


def test_planted_script_is_shown_as_text(browser: Any, built: Path) -> None:
    page, _, _ = _open(browser, built / "tiny.html")
    assert "<script>window.__pwned = 1</script>" in page.inner_text("body")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.context.close()


def test_error_report_shows_the_failing_cell(browser: Any, built: Path) -> None:
    page, blocked, errors = _open(browser, built / "broken.html")
    assert blocked == [] and errors == []
    failing = page.locator(".celltag_show-input .jp-Cell-inputWrapper")
    assert failing.is_visible()
    assert "deliberate failure" in page.inner_text("body")
    page.context.close()


def test_overview_on_planted_script_corpus(browser: Any, built: Path) -> None:
    target = built / "overview.html"
    if not target.exists():
        pytest.skip("corpus layer (analysis.corpus) not available yet")
    page, blocked, errors = _open(browser, target)
    assert blocked == [] and errors == []
    page.wait_for_selector("table.dataTable", timeout=10_000)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.context.close()


def test_no_payload_runs_in_any_notebook(browser: Any, notebooks_batch: tuple[Path, int]) -> None:
    """Every project notebook on the payload corpus: no payload runs, none becomes an element."""
    out, _ = notebooks_batch
    pages = sorted(out.glob("*.html"))
    for html_file in pages:
        page, blocked, errors = _open(browser, html_file)
        assert blocked == [], html_file.name  # <img src=x> would request x
        assert errors == [], html_file.name
        assert page.evaluate("typeof window.__pwned") == "undefined", html_file.name
        assert page.locator("svg[onload], img[onerror]").count() == 0, html_file.name
        page.context.close()
    hardening.record(
        "html safety", "payload pages opened in Chromium", f"nothing ran ({len(pages)} pages)"
    )
