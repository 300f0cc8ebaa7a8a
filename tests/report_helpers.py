"""A tiny table builder and matrix for report-runner tests (no corpus module needed).

Each fixture file is one article: line 1 the subject, line 2 the date, the rest the text.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from analysis import schema

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
    """Return the corpus tables (documents, skipped, articles, cleanup_log) of fixture files."""
    docs, arts, log = [], [], []
    for path in sorted(Path(root).glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        subject, date, text = raw.split("\n", 2)
        start = len(subject) + len(date) + 2
        docs.append(
            {
                "file": path.name,
                "doc_id": path.stem,
                "encoding": "utf-8",
                "n_bytes": len(raw.encode("utf-8")),
                "n_chars": len(raw),
                "sha256": hashlib.sha256(raw.encode("utf-8")).hexdigest(),
            }
        )
        arts.append(
            {
                "file": path.name,
                "article_id": f"{path.stem}-a01",
                "parent_id": "",
                "headline": subject,
                "subtitle": "",
                "byline": "",
                "subject": subject,
                "subject_level": "county",
                "date": date,
                "start": start,
                "end": len(raw),
                "n_chars": len(text.strip()),
                "text": text.strip(),
            }
        )
        log.append(
            {
                "file": path.name,
                "start": 0,
                "end": len(subject),
                "kind": "headline",
                "article_id": f"{path.stem}-a01",
                "text": subject,
                "reason": "first line <b>fixture</b>",
            }
        )
    return {
        "documents": pd.DataFrame(docs, columns=list(schema.DOCUMENTS)),
        "skipped": pd.DataFrame(
            [{"file": "d.bin", "reason": "binary", "detail": "<script>x</script> bytes"}],
            columns=list(schema.SKIPPED),
        ),
        "articles": pd.DataFrame(arts, columns=list(schema.ARTICLES)),
        "cleanup_log": pd.DataFrame(log, columns=list(schema.CLEANUP_LOG)),
    }


def batch_matrix() -> str:
    """The shared test batch: ``MATRIX``, a broken notebook, and the corpus overview once the
    corpus layer exists (as ``overview``)."""
    import importlib.util

    text = MATRIX + "  - notebook: tests/notebooks/broken.ipynb\n    name: broken\n"
    if importlib.util.find_spec("analysis.corpus") is not None:
        text += "  - notebook: corpus_overview\n    name: overview\n"
    return text


#: Markup that would run if any corpus text, file name or parameter reached a page unescaped.
PAYLOADS = (
    "<script>window.__pwned = 11</script>",
    '<img src=x onerror="window.__pwned = 12">',
    '"><svg onload="window.__pwned = 13">',
)


def payload_corpus(dest: Path) -> Path:
    """Copy the fixture corpus to ``dest`` and add files carrying ``PAYLOADS`` in headlines,
    bodies and file names (at most two tags per file, so no file is refused as a web page),
    plus one web page with all three (refused; its name reaches the skipped list)."""
    import shutil

    shutil.copytree(FIXTURE_CORPUS, dest)
    script, img, svg = PAYLOADS
    files = {
        "p1.txt": f"竹溪县召开推进会{script}\n\n竹溪县召开能力作风建设推进会。\n",
        f"{img}.txt": f"竹山县{img}\n\n竹山县推进能力作风建设，“创一流、争第一”。\n",
        f"{svg}.txt": f"张湾区\n\n张湾区能力作风建设{svg}成效明显。\n",
        f"{svg}page.txt": f"{script}{img}{svg}\n",
    }
    for name, text in files.items():
        (dest / name).write_text(text, encoding="utf-8")
    return dest
