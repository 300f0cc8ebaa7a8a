"""The batch runner on fixture notebooks (no corpus module needed): one batch, then re-runs."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import matrix, report
from analysis.errors import CorpusError, ParameterError, ReportError
from tests import hardening
from tests.report_helpers import FIXTURE_CORPUS, MATRIX, ROOT, batch_matrix, fake_build

WITH_BROKEN = batch_matrix()
NAMES = ["tiny", "tiny-2023", "tiny-2025", "tiny-竹溪县", "broken"]


def _run(out: Path, text: str = WITH_BROKEN, **kw: object) -> int:
    kw.setdefault("jobs", 2)
    return report.run(matrix.parse(text), corpus=FIXTURE_CORPUS, out=out, build=fake_build, **kw)


def _snapshot(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in {".html", ".ipynb", ".csv"}
    }


@pytest.fixture
def batch(report_batch: tuple[Path, int]) -> tuple[Path, int]:
    return report_batch


@pytest.mark.slow
def test_broken_notebook_fails_alone(batch: tuple[Path, int]) -> None:
    out, status = batch
    assert status == 1
    for name in NAMES:
        assert (out / f"{name}.html").is_file() and (out / f"{name}.ipynb").is_file()
    side = {n: json.loads((out / f"{n}.json").read_text(encoding="utf-8")) for n in NAMES}
    assert [side[n]["status"] for n in NAMES] == ["ok"] * 4 + ["failed"]
    assert "ValueError: deliberate failure 故意出错" in side["broken"]["error"]
    page = (out / "broken.html").read_text(encoding="utf-8")
    assert "celltag_show-input" in page and "deliberate failure" in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('class="status-failed"') == 1 and "tiny-竹溪县.html" in index
    hardening.record("faults", "notebook that raises", "error report; other reports kept")


@pytest.mark.slow
def test_sidecar_and_report_content(batch: tuple[Path, int]) -> None:
    out, _ = batch
    side = json.loads((out / "tiny-竹溪县.json").read_text(encoding="utf-8"))
    assert side["parameters"]["subject"] == "竹溪县"
    assert side["summary"] == {"text": "2 articles / 篇文章", "values": {"articles": 2}}
    assert side["started"] and side["finished"]
    assert side["provenance"]["corpus"] == "tests/fixtures/report_corpus"
    text = (out / "tiny-竹溪县.json").read_text(encoding="utf-8")
    page = (out / "tiny-竹溪县.html").read_text(encoding="utf-8")
    for shared in (text, page, (out / "tiny-竹溪县.ipynb").read_text(encoding="utf-8")):
        assert str(ROOT) not in shared and str(Path.home()) + "/" not in shared
    assert side["started"] not in page  # times only in the sidecar
    assert "竹溪县" in page and "injected-parameters" not in page
    assert (out / "tables" / "articles.csv").is_file()


@pytest.mark.slow
def test_rerun_is_incremental_and_byte_identical(batch: tuple[Path, int], tmp_path: Path) -> None:
    out, _ = batch
    before = _snapshot(out)
    sidecar = (out / "tiny.json").read_bytes()
    assert _run(out) == 1  # only the failed report runs again; the others are up to date
    assert (out / "tiny.json").read_bytes() == sidecar
    assert _snapshot(out) == before
    # Forced re-run: every byte of HTML, notebooks and tables is the same.
    assert _run(out, force=True) == 1
    assert _snapshot(out) == before


@pytest.mark.slow
def test_only_runs_named_reports(batch: tuple[Path, int], tmp_path: Path) -> None:
    out = tmp_path / "reports"
    shutil.copytree(batch[0], out)
    (out / "tiny-2025.html").unlink()
    assert _run(out, MATRIX, only=["tiny-2025"]) == 0
    assert (out / "tiny-2025.html").is_file()
    with pytest.raises(ReportError, match=r"--only: no report named \['nope'\]"):
        _run(out, MATRIX, only=["nope"])


def test_key_changes_with_parameters_and_timeout(tmp_path: Path) -> None:
    base = report.plan(matrix.parse(MATRIX), corpus=FIXTURE_CORPUS, out=tmp_path, build=fake_build)
    slower = report.plan(
        matrix.parse(MATRIX.replace("timeout: 60", "timeout: 61")),
        corpus=FIXTURE_CORPUS,
        out=tmp_path,
        build=fake_build,
    )
    keys = [p.key for p in base]
    assert len(set(keys)) == len(keys)
    assert all(a.key != b.key for a, b in zip(base, slower, strict=True))
    assert not report.up_to_date(base[0], tmp_path)


def test_tables_are_built_once_and_reused(tmp_path: Path) -> None:
    calls: list[Path] = []

    def counting(root: Path) -> dict:
        calls.append(root)
        return fake_build(root)

    for _ in range(2):
        report.plan(matrix.parse(MATRIX), corpus=FIXTURE_CORPUS, out=tmp_path, build=counting)
    assert calls == [FIXTURE_CORPUS.resolve()]


def test_script_option_rebuilds_the_tables_and_is_shown_in_the_provenance(tmp_path: Path) -> None:
    calls: list[Path] = []

    def counting(root: Path) -> dict:
        calls.append(root)
        return fake_build(root)

    plans = {
        script: report.plan(
            matrix.parse(MATRIX),
            corpus=FIXTURE_CORPUS,
            out=tmp_path,
            build=counting,
            script=script,
        )
        for script in ("as_is", "simplified", "simplified")
    }
    assert len(calls) == 2  # built for each option, reused when the option repeats
    first, second = plans["as_is"][0], plans["simplified"][0]
    assert first.prov["tables_options"] == {"script": "as_is"}
    assert second.prov["tables_options"] == {"script": "simplified"}
    assert first.key != second.key
    assert "<th>tables: script</th><td>simplified</td>" in second.task.provenance_html


def test_script_simplified_reaches_the_shared_tables(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("鄖陽區召開會議\n\n鄖陽區簽約項目12個。\n", encoding="utf-8")
    prov = {"inputs": {}, "data": {}, "tables_options": {"script": "simplified"}}
    report.prepare_tables(corpus, tmp_path / "tables", prov=prov, code="x", force=False, build=None)
    articles = pd.read_csv(tmp_path / "tables" / "articles.csv", keep_default_na=False)
    assert articles["subject"].tolist() == ["郧阳区"]
    assert "郧阳区签约项目12个" in articles["text"].iloc[0]


def test_runner_parameters_are_relative_to_the_project(tmp_path: Path) -> None:
    planned = report.plan(
        matrix.parse(MATRIX), corpus=FIXTURE_CORPUS, out=tmp_path / "r", build=fake_build
    )
    values = planned[0].values
    assert values["corpus"] == "tests/fixtures/report_corpus"
    assert not Path(values["tables_dir"]).is_absolute()


@pytest.mark.parametrize(
    ("extra", "error", "message"),
    [
        (
            "    params: {bogus: 1}\n",
            ParameterError,
            r"tests/notebooks/tiny.ipynb: unknown parameter 'bogus'",
        ),
        (
            "    params: {year: '2023'}\n",
            ParameterError,
            r"tests/notebooks/tiny.ipynb: parameter 'year' must be int, got str '2023'",
        ),
        ("    corpus: no/such/corpus\n", CorpusError, r"corpus folder 'no/such/corpus' does not"),
    ],
)
def test_bad_matrix_fails_before_any_kernel(
    tmp_path: Path, extra: str, error: type, message: str
) -> None:
    text = "reports:\n  - notebook: tests/notebooks/tiny.ipynb\n    name: t\n" + extra
    with pytest.raises(error, match=message):
        _run(tmp_path, text)
    assert not list(tmp_path.glob("*.html"))


def test_missing_notebook_and_duplicate_names(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"notebook 'notebooks/nope.ipynb' does not exist"):
        _run(tmp_path, "reports: [{notebook: nope, name: x}]")
    dup = "reports: [{notebook: tests/notebooks/tiny.ipynb, name: x}, " * 1
    dup += "{notebook: tests/notebooks/empty.ipynb, name: x}]"
    with pytest.raises(ReportError, match=r"two reports are named 'x'"):
        _run(tmp_path, dup)


def test_missing_corpus_is_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"corpus folder '.*nowhere' does not exist"):
        report.run(matrix.parse(MATRIX), corpus=tmp_path / "nowhere", out=tmp_path)


def test_index_escapes_everything() -> None:
    page = report.index_html(
        [
            {
                "name": "a<b>",
                "status": "ok",
                "notebook": "n",
                "parameters": {"subject": "<script>x</script>"},
                "summary": {"text": "<img src=x onerror=y>"},
                "files": {"html": "a<b>.html"},
            }
        ],
        corpus="c",
        tables=["tables/<t>.csv"],
    )
    assert "<script>x" not in page and "<img src=x" not in page and "<t>" not in page
    assert "&lt;script&gt;" in page and 'href="a&lt;b&gt;.html"' in page


@pytest.mark.parametrize(
    ("exc", "retry"),
    [
        (RuntimeError("Kernel didn't respond in 60 seconds"), True),
        (OSError("zmq.error.ZMQError: Address already in use"), True),
        (ValueError("deliberate failure"), False),
    ],
)
def test_only_kernel_start_errors_are_retried(exc: BaseException, retry: bool) -> None:
    assert report._is_start_error(exc) is retry


def test_entry_with_its_own_corpus_gets_its_own_tables(tmp_path: Path) -> None:
    main = tmp_path / "main_corpus"
    shutil.copytree(FIXTURE_CORPUS, main)
    (main / "c.txt").unlink()
    text = MATRIX + (
        "  - notebook: tests/notebooks/tiny.ipynb\n"
        "    corpus: tests/fixtures/report_corpus\n"
        "    each: year\n"
        '    name: "{notebook}-{corpus}-{year}"\n'
        '    params: {year: "{year}"}\n'
    )
    out = tmp_path / "out"
    planned = report.plan(matrix.parse(text), corpus=main, out=out, build=fake_build)
    names = [p.job.name for p in planned]
    assert "tiny-2025" not in names  # c.txt (2025) is only in the other corpus
    assert names[-2:] == ["tiny-report_corpus-2023", "tiny-report_corpus-2025"]
    assert (out / "tables" / "articles.csv").is_file()
    assert (out / "tables-report_corpus" / "articles.csv").is_file()
    assert planned[-1].values["corpus"] == "tests/fixtures/report_corpus"


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(
        ParameterError, match=r"`--jobs` value = 0 is invalid; value must be a posi"
    ):
        _run(tmp_path, MATRIX, jobs=0)


def test_error_pages_escape_the_message() -> None:
    import nbformat

    page = report.error_page("a<b>", "ValueError: <script>x()</script>")
    assert "<script>x()" not in page and "&lt;script&gt;x()" in page
    nb = report.copy_with_error(nbformat.v4.new_notebook(), "```\n<img src=x onerror=y>")
    assert "<img" not in nb.cells[0].source and "&lt;img" in nb.cells[0].source
