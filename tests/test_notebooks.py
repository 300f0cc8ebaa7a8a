"""Notebook hygiene (no outputs, no def/class, valid parameters) and a papermill smoke run."""

import ast
import html
import json
from pathlib import Path

import nbformat
import pytest

from analysis import params
from tests import hardening
from tests.report_helpers import PAYLOADS, ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_is_committed_clean(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    params.declared(nb, notebook=path.name)  # parses as `name: type = default  # help`
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None
        lines = cell.source.splitlines()
        tree = ast.parse("\n".join(ln for ln in lines if not ln.lstrip().startswith(("%", "!"))))
        defs = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef)]
        assert defs == [], f"{path.name}: move def/class into analysis/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_defaults_are_valid(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    spec = params.declared(nb, notebook=path.name)
    defaults = {k: p.default for k, p in spec.items() if not k.endswith("_dir")}
    params.validate(defaults, spec, notebook=path.name, base=ROOT)


@pytest.mark.slow
def test_every_notebook_runs_on_a_tiny_corpus(notebooks_batch: tuple[Path, int]) -> None:
    out, status = notebooks_batch
    sides = {
        p.stem: json.loads((out / f"{p.stem}.json").read_text(encoding="utf-8")) for p in NOTEBOOKS
    }
    assert {k: v["error"] for k, v in sides.items() if v["status"] != "ok"} == {}
    assert status == 0


@pytest.mark.slow
def test_corpus_markup_never_reaches_a_page_unescaped(notebooks_batch: tuple[Path, int]) -> None:
    out, _ = notebooks_batch
    pages = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.html"))}
    assert len(pages) == len(NOTEBOOKS) + 1
    shown = dict.fromkeys(PAYLOADS, 0)
    for name, page in pages.items():
        for payload in PAYLOADS:
            assert payload not in page, (name, payload)
            shown[payload] += page.count(html.escape(payload, quote=False))
    assert all(shown.values()), shown  # each payload does reach the pages, as text
    escaped = sum(shown.values())
    hardening.record(
        "html safety",
        "script/img/svg markup in headlines, bodies, file names; every notebook",
        f"escaped ({escaped} occurrences in {len(pages)} pages)",
    )


def test_every_parameter_line_is_understood_by_papermill() -> None:
    """A line papermill cannot parse (e.g. a second `=` in its comment) is silently dropped."""
    import papermill

    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
        lines = "".join(cell["source"]).splitlines()
        declared = [ln.split(":")[0].strip() for ln in lines if ln.strip()]
        inferred = papermill.inspect_notebook(str(path))
        assert list(inferred) == declared, path.name


#: A corpus with no manifest (so no dates), no unit of the gazetteer and no slogan of the lexicon
#: in one file: what a researcher's first folder of other text may look like.
BARE_CORPUS = {
    "a.txt": "杭州市召开优化营商环境推进会\n\n"
    "杭州市今年签约项目12个，协议总投资30.5亿元，同比增长12.5%。\n",
    "b.txt": "高新区\n\n高新区新增企业300家，营业收入增长8%。\n",
    "c.txt": "会议纪要\n\n会议要求各部门提高效率，办件时间压缩50%。\n",
}


#: The same texts with a manifest as Excel saves it on a Chinese system (GBK), dated in two
#: years: every group is too small for ``min_count``, so charts have nothing to draw.
GBK_MANIFEST = (
    "file,date,title\na.txt,2023年4月5日,推进会\nb.txt,2024/05/06,高新区\nc.txt,2024-07,纪要\n"
)


@pytest.mark.slow
@pytest.mark.parametrize(
    "manifest, notes",
    [
        (None, ["value: counts are for the whole corpus only.", "Keyness needs two groups of"]),
        (GBK_MANIFEST.encode("gbk"), ["times or more in any group: no chart"]),
    ],
    ids=["no-manifest", "gbk-manifest-tiny-groups"],
)
def test_every_notebook_runs_on_a_tiny_corpus_of_other_text(
    tmp_path: Path, manifest: bytes | None, notes: list[str]
) -> None:
    from analysis import matrix, report

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in BARE_CORPUS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    if manifest is not None:
        (corpus / "manifest.csv").write_bytes(manifest)
    lines = ["settings: {timeout: 300}", "reports:"]
    lines += [f"  - {{notebook: {p.stem}, name: '{{notebook}}'}}" for p in NOTEBOOKS]
    out = tmp_path / "reports"
    status = report.run(matrix.parse("\n".join(lines)), corpus=corpus, out=out, jobs=2)
    sides = {
        p.stem: json.loads((out / f"{p.stem}.json").read_text(encoding="utf-8")) for p in NOTEBOOKS
    }
    assert {k: v["error"] for k, v in sides.items() if v["status"] != "ok"} == {}
    assert status == 0
    page = (out / "term_frequency.html").read_text(encoding="utf-8")
    for note in notes:
        assert note in page
