import nbformat
import pytest

from analysis import params, render
from analysis.errors import ReportError


def _nb() -> nbformat.NotebookNode:
    p = nbformat.v4.new_code_cell('subject: str = ""  # 单位')
    p.metadata["tags"] = ["parameters"]
    inj = nbformat.v4.new_code_cell("subject = '竹溪县'")
    inj.metadata["tags"] = ["injected-parameters"]
    out = nbformat.v4.new_code_cell("print(text)")
    out.outputs = [nbformat.v4.new_output("stream", name="stdout", text="<script>x()</script>\n")]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 标题"), p, inj, out])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


@pytest.mark.parametrize(
    ("page", "found"),
    [
        ('<script src="https://cdn.example/x.js"></script>', True),
        ("<script src=//cdn.example/x.js></script>", True),
        ('<link rel="stylesheet" href="http://x/y.css">', True),
        ("<style>@import url('https://x/y.css');</style>", True),
        ('<img src="data:image/png;base64,AAAA">', False),
        ('<a href="https://itables.org/">ⓘ</a>', False),
        ("<p>see https://example.org</p>", False),
    ],
)
def test_external_loads(page: str, found: bool) -> None:
    assert bool(render.external_loads(page)) is found


def test_rendered_html_is_offline_escaped_and_hides_injected_cell() -> None:
    nb = render.clean_executed(_nb())
    spec = params.parse('subject: str = ""  # 单位 <b>', notebook="n")
    prepared = render.prepare(
        nb,
        title="overview-竹溪县",
        parameters=render.parameters_html({"subject": "竹溪县<i>"}, spec),
        provenance=render.provenance_html(
            {"git": {"commit": "abc", "dirty": False}, "inputs": {"c/<a>.txt": "0" * 64}},
            {"subject": "竹溪县<i>"},
        ),
    )
    page = render.to_html(prepared, title="overview-竹溪县")
    assert render.external_loads(page) == []
    assert "<title>overview-竹溪县</title>" in page
    assert "竹溪县&lt;i&gt;" in page and "竹溪县<i>" not in page
    assert "单位 &lt;b&gt;" in page
    assert "&lt;script&gt;x()&lt;/script&gt;" in page and "<script>x()" not in page
    assert "subject = &#39;竹溪县&#39;" not in page and "injected" not in page
    assert "\\u" not in page.split("<body")[1].split("report-toggle-code")[0]
    assert "c/&lt;a&gt;.txt" in page
    assert 'id="report-toggle-code"' in page
    assert render.to_html(prepared, title="overview-竹溪县") == page


def test_clean_executed_drops_times_and_paths() -> None:
    nb = _nb()
    nb.metadata["papermill"] = {"start_time": "t", "input_path": "/home/u/x.ipynb", "version": "2"}
    nb.cells[3].metadata["papermill"] = {"duration": 1.0}
    nb.cells[3].outputs[0]["text"] = "/home/u/proj/analysis/x.py\n"
    out = render.clean_executed(nb, scrub={"/home/u/proj": "."})
    assert out.metadata["papermill"] == {"version": "2"}
    assert "papermill" not in out.cells[3].metadata
    assert out.cells[3].outputs[0]["text"] == "./analysis/x.py\n"
    assert [c.id for c in out.cells] == ["cell-0", "cell-1", "cell-2", "cell-3"]
    assert nb.metadata["papermill"]["start_time"] == "t"  # input not mutated


def test_to_html_refuses_network_loads() -> None:
    nb = _nb()
    nb.cells[3].outputs = [
        nbformat.v4.new_output(
            "display_data", data={"text/html": '<script src="https://cdn.x/a.js"></script>'}
        )
    ]
    with pytest.raises(ReportError, match=r"t: the HTML would load from the network"):
        render.to_html(render.clean_executed(nb), title="t")
