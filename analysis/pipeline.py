"""Every table for a corpus, computed once and shared by all reports of a batch.

``build`` runs the stages in order; each stage reads tables made before it and adds its own.
``write`` stores the tables as CSV (``outputs.write_csv``, atomic) and ``read`` loads them back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis import corpus, lexicons, metrics, outputs, schema, slogans, term_tables, tokens

log = logging.getLogger(__name__)

Tables = dict[str, pd.DataFrame]

#: Tables kept in memory only (columns that cannot be written to CSV are dropped on write).
IN_MEMORY_COLUMNS = (schema.OFFSET_MAP,)


def build(root: str | Path) -> Tables:
    """Load a corpus folder and compute every table.

    Args:
        root: A folder of ``.txt`` files (searched recursively), optionally with ``manifest.csv``.

    Returns:
        A dict of tidy tables keyed by name (``documents``, ``skipped``, ``articles``,
        ``cleanup_log``, and the tables of later stages).

    Raises:
        CorpusError: If the folder does not exist or holds no ``.txt`` file.
    """
    loaded = corpus.load(root)
    gazetteer = lexicons.load_gazetteer()
    articles, cleanup_log = corpus.split(loaded.documents, loaded.texts, gazetteer=gazetteer)
    tables: Tables = {
        "documents": loaded.documents,
        "skipped": loaded.skipped,
        "articles": articles,
        "cleanup_log": cleanup_log,
    }
    slogan_lexicon = lexicons.load_slogans()
    # terms stage: tokens, terms, keyness, kwic, segmentation_audit
    tables.update(
        term_tables.stage(articles, texts=loaded.texts, slogans=slogan_lexicon, gazetteer=gazetteer)
    )
    # slogans stage: slogan_lexicon, slogan_hits, slogan_usage, slogan_candidates,
    # slogan_diffusion, slogan_cooccurrence, slogan_variants, slogan_glosses
    tables.update(
        slogans.build_tables(
            articles,
            slogan_lexicon,
            texts=loaded.texts,
            furniture=cleanup_log,
            idioms=lexicons.load_numeral_idioms(),
            tokenizer=tokens.build_tokenizer(schema.empty(tokens.ENTRY_COLUMNS), units=None),
        )
    )
    # metrics stage (after slogans, so slogan hits are excluded): metrics, metric_comparison,
    # metric_checks, metric_ranks
    tables.update(
        metrics.build_tables(
            articles,
            gazetteer=gazetteer,
            slogan_lexicon=slogan_lexicon,
            units=lexicons.load_units(),
            indicators=lexicons.load_indicators(),
            slogan_hits=tables.get("slogan_hits"),
        )
    )
    return tables


def write(tables: Tables, out_dir: str | Path, *, names: Iterable[str] | None = None) -> list[Path]:
    """Write tables as ``<name>.csv`` into ``out_dir`` atomically.

    Args:
        tables: Tables from ``build``.
        out_dir: Destination folder (created if missing).
        names: Only these tables (default: all).

    Returns:
        The paths written, in name order.
    """
    out = Path(out_dir)
    written = []
    for name in sorted(names if names is not None else tables):
        df = tables[name].drop(columns=[c for c in IN_MEMORY_COLUMNS if c in tables[name].columns])
        path = out / f"{name}.csv"
        outputs.write_csv(path, df)
        written.append(path)
    return written


def read(tables_dir: str | Path) -> Tables:
    """Read every ``*.csv`` table in ``tables_dir`` (as written by ``write``).

    Offset maps are not stored in CSV; use ``build`` when spans must be mapped again. A column
    is read as numbers or booleans only when every value reads back exactly as written, so ids
    and labels like ``001`` or ``+86`` stay strings.
    """
    out: Tables = {}
    for path in sorted(Path(tables_dir).glob("*.csv")):
        typed = pd.read_csv(path, encoding=outputs.CSV_ENCODING, keep_default_na=False)
        text = pd.read_csv(path, encoding=outputs.CSV_ENCODING, keep_default_na=False, dtype=str)
        for col in typed.columns:
            if typed[col].dtype.kind in "biuf" and not typed[col].astype(str).equals(text[col]):
                typed[col] = text[col]
        out[path.stem] = typed
    return out
