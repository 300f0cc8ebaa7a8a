"""Render executed notebooks to single-file, offline, deterministic HTML (nbconvert).

The template ``analysis/templates/offline`` extends JupyterLab's ``lab`` template with the CDN
blocks (require.js, MathJax, mermaid) emptied, hides code behind a "Show code" toggle and sets a
CJK font stack. Plots carry their font inside the PNG, so no font is embedded in the HTML.

Before export, ``prepare`` removes what would make two runs differ (random cell ids, papermill
timestamps), inserts a readable parameter table after the ``parameters`` cell (the injected cell
is removed by ``TagRemovePreprocessor``) and appends a provenance section. Every value shown in
these tables is HTML-escaped.
"""

from __future__ import annotations

import copy
import html
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import nbformat

from analysis.errors import ReportError
from analysis.params import INJECTED_TAG, PARAMETERS_TAG, Parameter

#: Folder holding the nbconvert template ``offline``.
TEMPLATES = Path(__file__).resolve().parent / "templates"

#: Tag of cells the runner adds; their (empty) input is never shown.
GENERATED_TAG = "report-generated"
#: Tag that keeps a cell's code visible while other code is hidden (used for the failing cell).
SHOW_INPUT_TAG = "show-input"

#: An attribute or CSS ``url()`` that makes the browser load something from another host.
RE_EXTERNAL_LOAD = re.compile(
    r"""(?:\b(?:src|srcset|data|poster|background)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:@import\s+(?:url\()?\s*["']?(?:https?:)?//)"""
    r"""|(?:\burl\(\s*["']?(?:https?:)?//)""",
    re.IGNORECASE,
)

#: papermill's per-run metadata keys that hold times or absolute paths.
VOLATILE_NB_KEYS = ("start_time", "end_time", "duration", "input_path", "output_path")


def external_loads(page: str) -> list[str]:
    """Return every snippet of ``page`` that would load a resource from the network."""
    return [page[max(0, m.start() - 40) : m.end() + 60] for m in RE_EXTERNAL_LOAD.finditer(page)]


def clean_executed(nb: Any, *, scrub: Mapping[str, str] | None = None) -> Any:
    """Return a copy of an executed notebook without timestamps, random ids or local paths.

    Args:
        nb: The notebook papermill wrote.
        scrub: Text replacements applied to every text output and traceback (e.g. the absolute
            project folder → ``.``), so a report names no home folder.

    Returns:
        A new notebook node; cell ids become ``cell-<n>``.
    """
    out = copy.deepcopy(nb)
    pm = out.metadata.get("papermill", {})
    for key in VOLATILE_NB_KEYS:
        pm.pop(key, None)
    for i, cell in enumerate(out.cells):
        cell["id"] = f"cell-{i}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            _scrub_output(output, scrub or {})
    return out


def _scrub_output(output: Any, scrub: Mapping[str, str]) -> None:
    def fix(text: str) -> str:
        for old, new in scrub.items():
            text = text.replace(old, new)
        return text

    if "text" in output:
        output["text"] = fix(output["text"])
    if "traceback" in output:
        output["traceback"] = [fix(t) for t in output["traceback"]]
    if "evalue" in output:
        output["evalue"] = fix(output["evalue"])
    for mime in ("text/plain", "text/html"):
        if mime in output.get("data", {}) and isinstance(output["data"][mime], str):
            output["data"][mime] = fix(output["data"][mime])


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "、".join(str(v) for v in value) if value else "(empty list)"
    if value == "":
        return "(empty)"
    return str(value)


def parameters_html(values: Mapping[str, Any], declared: Mapping[str, Parameter]) -> str:
    """Return an escaped HTML table of every declared parameter with the value used.

    Example:
        >>> from analysis.params import parse
        >>> spec = parse('subject: str = ""  # 单位', notebook="n")
        >>> "竹溪县" in parameters_html({"subject": "竹溪县"}, spec)
        True
    """
    rows = []
    for name, p in declared.items():
        value = values.get(name, p.default)
        mark = "" if name in values else " (default)"
        rows.append(
            f"<tr><td><code>{html.escape(name)}</code></td><td>{html.escape(_shown(value))}"
            f"{html.escape(mark)}</td><td>{html.escape(p.type)}</td>"
            f"<td>{html.escape(p.help)}</td></tr>"
        )
    return (
        '<h2>Parameters / 参数</h2>\n<table class="report-meta"><thead><tr><th>name</th>'
        "<th>value</th><th>type</th><th>help</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table>"
    )


def _hash_rows(files: Mapping[str, str]) -> str:
    return "\n".join(
        f'<tr><td>{html.escape(path)}</td><td class="hash">{html.escape(digest)}</td></tr>'
        for path, digest in sorted(files.items())
    )


def provenance_html(prov: Mapping[str, Any], values: Mapping[str, Any]) -> str:
    """Return the escaped HTML provenance section (versions, git, parameters, file hashes).

    Args:
        prov: From ``provenance.collect``; its ``tables_options`` (how the shared tables were
            built, e.g. ``script``), if any, are shown as rows.
        values: The parameter values passed to the notebook.
    """
    git = prov.get("git", {})
    dirty = {True: "yes (uncommitted changes)", False: "no", None: "unknown"}[git.get("dirty")]
    versions = "\n".join(
        f"<tr><td>{html.escape(k)}</td><td>{html.escape(str(v))}</td></tr>"
        for k, v in prov.get("versions", {}).items()
    )
    params = html.escape(json.dumps(dict(values), ensure_ascii=False, sort_keys=True))
    options = "".join(
        f"<tr><th>tables: {html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>\n"
        for k, v in sorted(prov.get("tables_options", {}).items())
    )
    sections = [
        ("Corpus files / 语料文件", prov.get("inputs", {})),
        (
            "Data files: lexicons, stopwords, dictionaries, gazetteer / 数据文件",
            prov.get("data", {}),
        ),
        ("Font / 字体", prov.get("font", {})),
    ]
    details = "\n".join(
        f"<details><summary>{html.escape(title)} ({len(files)})</summary>\n"
        f'<table class="report-meta"><thead><tr><th>file</th><th>sha256</th></tr></thead>\n'
        f"<tbody>\n{_hash_rows(files)}\n</tbody></table></details>"
        for title, files in sections
    )
    return (
        "<h2>Provenance / 数据来源与运行环境</h2>\n"
        '<table class="report-meta"><tbody>\n'
        f"<tr><th>corpus</th><td>{html.escape(str(prov.get('corpus', '')))}</td></tr>\n"
        f"<tr><th>git commit</th><td>{html.escape(str(git.get('commit', 'unknown')))}</td></tr>\n"
        f"<tr><th>uncommitted changes</th><td>{html.escape(dirty)}</td></tr>\n"
        f"<tr><th>parameters</th><td><code>{params}</code></td></tr>\n"
        f"{options}"
        "</tbody></table>\n"
        "<details><summary>Package versions / 软件版本</summary>\n"
        '<table class="report-meta"><tbody>\n'
        f"{versions}\n</tbody></table></details>\n{details}\n"
        "<p>Start and end times are in the JSON sidecar next to this file.</p>"
    )


def _html_cell(source_html: str, *, cell_id: str) -> Any:
    cell = nbformat.v4.new_code_cell(source="", id=cell_id)
    cell.metadata["tags"] = [GENERATED_TAG]
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": source_html}, metadata={})
    ]
    return cell


def prepare(
    nb: Any,
    *,
    title: str,
    parameters: str,
    provenance: str,
) -> Any:
    """Return the notebook as it is rendered: parameter table, provenance, stable ids and title.

    Args:
        nb: A cleaned executed notebook (``clean_executed``).
        title: The HTML title (the report name).
        parameters: HTML from ``parameters_html``, inserted after the ``parameters`` cell.
        provenance: HTML from ``provenance_html``, appended as the last section.
    """
    out = copy.deepcopy(nb)
    cells = list(out.cells)
    at = next(
        (
            i + 1
            for i, c in enumerate(cells)
            if PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])
        ),
        0,
    )
    cells.insert(at, _html_cell(parameters, cell_id="report-parameters"))
    cells.append(_html_cell(provenance, cell_id="report-provenance"))
    for i, cell in enumerate(cells):
        if cell.get("id") not in ("report-parameters", "report-provenance"):
            cell["id"] = f"cell-{i}"
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            tags = cell.metadata.setdefault("tags", [])
            if SHOW_INPUT_TAG not in tags:
                tags.append(SHOW_INPUT_TAG)
    out.cells = cells
    out.metadata["title"] = title
    return out


def to_html(nb: Any, *, title: str) -> str:
    """Export a prepared notebook with the offline template and check it loads nothing remote.

    Raises:
        ReportError: If the page would load a resource from another host.
    """
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    c = Config()
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = {INJECTED_TAG}
    c.TagRemovePreprocessor.remove_input_tags = {GENERATED_TAG}
    c.HTMLExporter.extra_template_basedirs = [str(TEMPLATES)]
    c.HTMLExporter.template_name = "offline"
    c.HTMLExporter.exclude_input_prompt = True
    c.HTMLExporter.exclude_output_prompt = True
    exporter = HTMLExporter(config=c)
    page, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    bad = external_loads(page)
    if bad:
        raise ReportError(f"{title}: the HTML would load from the network: {bad[0]!r}")
    return str(page)
