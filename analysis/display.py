"""Display helpers for report notebooks: offline interactive tables and a one-line summary.

``init()`` loads the itables bundle into the notebook once (offline: the JavaScript is embedded in
the output, so the exported HTML needs no network). ``table(df)`` shows a sortable, searchable
table with a stable id (derived from the content, so two runs give the same HTML) and with every
cell escaped (``allow_html=False``), so a ``<script>`` in a corpus text is shown, never run.
``summary(text)`` records the report's one-line summary for the batch index.
"""

from __future__ import annotations

import hashlib
import html
from typing import Any

import pandas as pd

#: MIME type of the summary record the report runner reads from executed notebooks.
SUMMARY_MIME = "application/vnd.analysis.summary+json"

#: Default size limit of one interactive table's embedded data; larger tables are downsampled
#: by itables (with a visible note), so keep shown tables small and put the full table in CSV.
MAX_BYTES = 256 * 1024


def init() -> None:
    """Embed the itables JavaScript bundle (offline mode); call once, in the setup cell.

    Plain ``display(df)`` stays a static pandas table; only ``table`` makes interactive ones.
    """
    import itables

    itables.init_notebook_mode(all_interactive=False, connected=False)


def table_id(df: pd.DataFrame, caption: str = "") -> str:
    """Return a stable HTML id for a table: a hash of its caption and CSV content.

    Example:
        >>> table_id(pd.DataFrame({"词": ["能力"]}))[:4]
        'tbl_'
    """
    h = hashlib.sha256(caption.encode("utf-8"))
    h.update(df.to_csv(index=True).encode("utf-8"))
    return f"tbl_{h.hexdigest()[:16]}"


def table(
    df: pd.DataFrame,
    *,
    caption: str = "",
    page_length: int = 10,
    max_bytes: int = MAX_BYTES,
) -> None:
    """Show ``df`` as an interactive table (sort, search, pages), escaped and deterministic.

    Args:
        df: The table to show (not modified).
        caption: A caption under the table (escaped).
        page_length: Rows per page.
        max_bytes: Size limit of the embedded data before itables downsamples.

    Example:
        >>> table(pd.DataFrame({"单位": ["竹溪县"], "篇数": [3]}), caption="篇数")  # doctest: +SKIP
    """
    import itables

    kwargs: dict[str, Any] = {
        "table_id": table_id(df, caption),
        "allow_html": False,
        "maxBytes": max_bytes,
        "pageLength": page_length,
        "classes": "display compact",
    }
    if caption:
        kwargs["caption"] = html.escape(caption)
    itables.show(df, **kwargs)


def summary(text: str, **values: Any) -> None:
    """Show the report's one-line summary and record it for the batch index.

    Args:
        text: One line, e.g. "5 documents, 23 articles, 12 subjects".
        **values: Optional JSON-serialisable figures stored with the summary in the sidecar.

    Example:
        >>> summary("5 篇文档，23 篇文章", documents=5, articles=23)  # doctest: +SKIP
    """
    from IPython.display import display

    record = {"text": str(text), "values": values}
    bundle = {
        "text/markdown": f"**Summary / 摘要:** {html.escape(str(text))}",
        "text/plain": f"Summary: {text}",
        SUMMARY_MIME: record,
    }
    display(bundle, raw=True)


def read_summary(nb: Any) -> dict[str, Any] | None:
    """Return the last summary record found in an executed notebook's outputs, if any."""
    found = None
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if SUMMARY_MIME in data:
                found = dict(data[SUMMARY_MIME])
    return found
