"""A tiny table builder and matrix for report-runner tests (no corpus module needed).

Each fixture file is one article: line 1 the subject, line 2 the date, the rest the text.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CORPUS = ROOT / "tests" / "fixtures" / "report_corpus"
FIXTURE_NOTEBOOKS = "tests/notebooks"

MATRIX = """
settings:
  timeout: 60
reports:
  - notebook: tests/notebooks/tiny.ipynb
    name: "{notebook}"
  - notebook: tests/notebooks/tiny.ipynb
    each: year
    name: "{notebook}-{year}"
    params: {year: "{year}"}
  - notebook: tests/notebooks/tiny.ipynb
    each: subject
    min_articles: 2
    name: "{notebook}-{subject}"
    params: {subject: "{subject}"}
"""


def fake_build(root: Path) -> dict[str, pd.DataFrame]:
    """Return ``documents`` and ``articles`` tables for a folder of fixture files."""
    docs, arts = [], []
    for i, path in enumerate(sorted(Path(root).glob("*.txt"))):
        subject, date, text = path.read_text(encoding="utf-8").split("\n", 2)
        docs.append({"file": path.name, "doc_id": path.stem, "n_chars": len(text)})
        arts.append(
            {
                "file": path.name,
                "article_id": f"{path.stem}-{i}",
                "subject": subject,
                "date": date,
                "text": text.strip(),
            }
        )
    return {"documents": pd.DataFrame(docs), "articles": pd.DataFrame(arts)}
