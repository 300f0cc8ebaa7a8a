"""Reproducible analysis of Chinese newspaper text with provenance.

Modules (each one concept; calls read as ``module.verb(data)``):

- ``errors``: the exception hierarchy and message helpers.
- ``schema``: column names of every tidy table, defined once, and ``require_columns``.
- ``textmap``: NFKC analysis copies of raw text with a map back to raw character offsets.
- ``corpus``: loading, decoding, page cleanup and article splitting (rules in ``cleanup``,
  ``articles``; ``subjects``: which unit an article is about).
- ``numerals``: Chinese, Arabic and mixed numerals as numbers.
- ``lexicons``: loaders for the data files under ``analysis/data/``.
- ``tokens``, ``terms``, ``kwic``: segmentation (``segmenter``: jieba's cut, faster), term
  statistics (``term_tables``: a corpus's term tables) and keyword-in-context.
- ``slogans``: campaign-slogan matching and discovery of new formulas (engine ``slogan_match``;
  ``slogan_discovery``, ``slogan_usage`` for usage and diffusion tables, ``slogan_plots``).
- ``metrics``: extraction of quantitative claims (``metric_patterns``: the patterns and word
  sets claims are read with; ``metric_lexicon``: units, indicators, places and exclusions
  compiled for a run; ``metric_comparison`` for the comparison tables, ``metric_evaluation``
  against a hand annotation, ``metric_plots``).
- ``plots``, ``fonts``: figures drawn from tables, with the bundled CJK font.
- ``pipeline``: every table for a corpus (``token_tables``: the compact tokens table, its
  Parquet form and its summary; ``table_files``: the output folder of tables, written as CSV or
  Parquet, stamped and read back); ``report``: batch notebook runs into HTML, with
  ``matrix`` (the report matrix ``reports.yaml``), ``params`` (notebook parameters),
  ``render`` (offline HTML), ``provenance`` (versions, git state, file checksums) and
  ``display`` (interactive tables and the summary line, for notebooks).
- ``docwork`` (the per-document work), ``parallel`` (on every core or a cluster, with a
  progress bar), ``cache`` (per-document results), ``memory`` (freed memory back to the system),
  ``outputs`` (atomic writing, CSV) and ``cli`` (``python -m analysis``): what ``pipeline`` and
  ``report`` run on.

Importing this package has no side effects.
"""

__version__ = "0.1.0"
