"""How slogans are used: counts, rates, diffusion, co-occurrence, variants and temperature.

Pure pandas on two tables: SLOGAN_HITS (``slogans.find``) and ARTICLES (for groups, dates and text
lengths). Rates are per 10,000 characters of article text (``n_chars``). Dates come from the
articles' ``date`` column (ISO ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; a date without day counts
as the first of the month (or year) when ordering and for ``lag_days``; anything unparsable counts
as unknown). Date columns of the output keep the articles' own strings.

Temperature (in the spirit of the China Media Project's 沸/烫/热/暖/温/冷 scale) grades each
slogan by its mean occurrences per article over all articles of the corpus, with the thresholds of
``TEMPERATURE``: 沸 ≥ 1, 烫 ≥ 0.5, 热 ≥ 0.2, 暖 ≥ 0.1, 温 ≥ 0.05, 冷 below.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis import schema
from analysis.errors import ParameterError, invalid_value

#: Temperature grades and the minimum occurrences per article for each, hottest first.
TEMPERATURE: tuple[tuple[str, float], ...] = (
    ("沸", 1.0),
    ("烫", 0.5),
    ("热", 0.2),
    ("暖", 0.1),
    ("温", 0.05),
    ("冷", 0.0),
)

USAGE_COLUMNS: tuple[str, ...] = (
    "canonical",
    "kind",
    "level",
    "n",
    "n_articles",
    "n_variant",
    "variant_share",
    "n_quoted",
    "n_units",
    "first_date",
    "first_file",
    "first_article_id",
    "last_date",
    "per_article",
    "rate_per_10k",
    "temperature",
)


def _dates(articles: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(articles["date"].astype(str), errors="coerce", format="ISO8601")


def _joined(hits: pd.DataFrame, articles: pd.DataFrame, func: str) -> pd.DataFrame:
    schema.require_columns(hits, schema.SLOGAN_HITS, func=func)
    schema.require_columns(
        articles, ("article_id", "subject", "subject_level", "date", "n_chars"), func=func
    )
    meta = articles[["article_id", "subject", "subject_level", "date", "n_chars"]].copy()
    meta["date_parsed"] = _dates(articles)
    meta["year"] = meta["date_parsed"].dt.year.astype("Int64").astype(str).replace("<NA>", "")
    meta = meta.rename(columns={"date": "article_date"})
    return hits.merge(meta, on="article_id", how="left", validate="many_to_one")


class _Usage(NamedTuple):
    """Usage figures of one slogan found at least once (``usage``)."""

    n: int
    n_articles: int
    n_variant: int
    n_quoted: int
    n_units: int
    first_date: str
    first_file: str
    first_article_id: str
    last_date: str


#: The usage figures of a slogan never found.
_UNUSED = _Usage(0, 0, 0, 0, 0, "", "", "", "")


def _usage_stats(df: pd.DataFrame, unit: str) -> dict[object, _Usage]:
    """The usage figures of each slogan of the joined hits ``df`` (``_joined``), by canonical.

    One grouped aggregation for the counts; the first hit of a slogan is its earliest dated hit
    (by date, file, start; ties in table order), else its first by file and start; the last date
    is that of its latest dated hit (ties: the last in table order).
    """
    if df.empty:
        return {}
    key = df["canonical"]
    counted = pd.DataFrame(
        {
            "canonical": key,
            "article_id": df["article_id"],
            "variant": df["is_variant"].astype(bool),
            "quoted": df["quoted"].astype(bool),
            "unit": df[unit].replace("", np.nan),
        }
    )
    agg = counted.groupby("canonical", sort=False).agg(
        n=("variant", "size"),
        n_articles=("article_id", "nunique"),
        n_variant=("variant", "sum"),
        n_quoted=("quoted", "sum"),
        n_units=("unit", "nunique"),
    )
    dated = df[df["date_parsed"].notna()].sort_values(["date_parsed", "file", "start"])
    first_dated = dated.drop_duplicates("canonical", keep="first")
    last_dated = dated.drop_duplicates("canonical", keep="last")
    first_any = df.sort_values(["file", "start"]).drop_duplicates("canonical", keep="first")
    first_date = dict(zip(first_dated["canonical"], first_dated["article_date"], strict=True))
    last_date = dict(zip(last_dated["canonical"], last_dated["article_date"], strict=True))
    first: dict[object, tuple[object, object]] = {
        c: (f, a)
        for c, f, a in zip(
            first_any["canonical"], first_any["file"], first_any["article_id"], strict=True
        )
    }
    first.update(
        zip(
            first_dated["canonical"],
            zip(first_dated["file"], first_dated["article_id"], strict=True),
            strict=True,
        )
    )
    out: dict[object, _Usage] = {}
    for canonical, n, n_articles, n_variant, n_quoted, n_units in agg.itertuples():
        file, article_id = first[canonical]
        out[canonical] = _Usage(
            n=int(n),
            n_articles=int(n_articles),
            n_variant=int(n_variant),
            n_quoted=int(n_quoted),
            n_units=int(n_units),
            first_date=str(first_date[canonical]) if canonical in first_date else "",
            first_file=str(file),
            first_article_id=str(article_id),
            last_date=str(last_date[canonical]) if canonical in last_date else "",
        )
    return out


def temperature(per_article: float, *, scale: Sequence[tuple[str, float]] = TEMPERATURE) -> str:
    """Return the temperature grade of a mean number of occurrences per article.

    Example:
        >>> temperature(0.3), temperature(0.0)
        ('热', '冷')
    """
    for grade, threshold in scale:
        if per_article >= threshold:
            return grade
    return scale[-1][0]


def usage(
    hits: pd.DataFrame,
    articles: pd.DataFrame,
    lexicon: pd.DataFrame,
    *,
    unit: str = "subject",
    scale: Sequence[tuple[str, float]] = TEMPERATURE,
) -> pd.DataFrame:
    """Summarise each slogan of the lexicon over the corpus (slogans never found get n = 0).

    Args:
        hits: SLOGAN_HITS table.
        articles: ARTICLES table (``article_id, subject, subject_level, date, n_chars``).
        lexicon: Slogan lexicon (for kind, level and the list of slogans).
        unit: Article column whose distinct values count as units (``n_units``).
        scale: Temperature grades and thresholds (hottest first).

    Returns:
        One row per slogan: canonical, kind, level, n, n_articles, n_variant, variant_share
        (n_variant / n), n_quoted, n_units, first_date, first_file, first_article_id, last_date,
        per_article (n / number of articles), rate_per_10k (n per 10,000 characters of all
        articles), temperature; sorted by n (descending) then canonical.

    Example:
        >>> usage(hits, articles, load_slogans()).head(1)  # doctest: +SKIP
        # canonical 创一流、争第一、干唯一, n 7, temperature 热
    """
    if unit not in articles.columns:
        raise ParameterError(invalid_value("unit", unit, sorted(articles.columns)))
    df = _joined(hits, articles, "slogan_usage.usage")
    if unit not in df.columns:
        df = df.merge(articles[["article_id", unit]], on="article_id", how="left")
    total_articles = max(len(articles), 1)
    total_chars = max(int(pd.to_numeric(articles["n_chars"]).sum()), 1)
    stats = _usage_stats(df, unit)
    rows = []
    for rec in lexicon[["canonical", "kind", "level"]].to_dict("records"):
        st = stats.get(rec["canonical"], _UNUSED)
        n = st.n
        per_article = n / total_articles
        rows.append(
            {
                **rec,
                "n": n,
                "n_articles": st.n_articles,
                "n_variant": st.n_variant,
                "variant_share": st.n_variant / n if n else np.nan,
                "n_quoted": st.n_quoted,
                "n_units": st.n_units,
                "first_date": st.first_date,
                "first_file": st.first_file,
                "first_article_id": st.first_article_id,
                "last_date": st.last_date,
                "per_article": per_article,
                "rate_per_10k": n * 10_000 / total_chars,
                "temperature": temperature(per_article, scale=scale),
            }
        )
    out = pd.DataFrame(rows, columns=list(USAGE_COLUMNS))
    return out.sort_values(["n", "canonical"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


def counts(hits: pd.DataFrame, articles: pd.DataFrame, *, by: str = "subject") -> pd.DataFrame:
    """Count slogan hits per group of articles, with the rate per 10,000 characters.

    Args:
        hits: SLOGAN_HITS table.
        articles: ARTICLES table.
        by: An article column (``article_id``, ``subject``, ``subject_level``, ``date``, ...) or
            ``year`` (from ``date``).

    Returns:
        One row per group and slogan found in it: group, canonical, n, n_articles,
        group_chars (characters of all articles of the group), rate_per_10k; sorted by group,
        then n descending, then canonical.

    Example:
        >>> counts(hits, articles, by="subject_level")  # doctest: +SKIP
    """
    meta = articles.copy()
    meta["year"] = _dates(articles).dt.year.astype("Int64").astype(str).replace("<NA>", "")
    if by not in meta.columns:
        raise ParameterError(invalid_value("by", by, sorted(meta.columns)))
    df = _joined(hits, articles, "slogan_usage.counts")
    if by not in df.columns or by == "year":
        df = df.drop(columns=[by], errors="ignore").merge(
            meta[["article_id", by]], on="article_id", how="left"
        )
    chars = meta.groupby(by, dropna=False)["n_chars"].apply(lambda s: int(pd.to_numeric(s).sum()))
    cols = ["group", "canonical", "n", "n_articles", "group_chars", "rate_per_10k"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    g = (
        df.groupby([by, "canonical"], dropna=False)
        .agg(n=("start", "size"), n_articles=("article_id", "nunique"))
        .reset_index()
        .rename(columns={by: "group"})
    )
    g["group_chars"] = g["group"].map(chars).fillna(0).astype(int)
    g["rate_per_10k"] = g["n"] * 10_000 / g["group_chars"].where(g["group_chars"] > 0)
    g = g.sort_values(["group", "n", "canonical"], ascending=[True, False, True], kind="stable")
    return g[cols].reset_index(drop=True)


def diffusion(
    hits: pd.DataFrame,
    articles: pd.DataFrame,
    lexicon: pd.DataFrame,
    *,
    unit: str = "subject",
    levels: Sequence[str] | None = None,
) -> pd.DataFrame:
    """When each slogan first appears in the coverage of each unit (diffusion across units).

    Args:
        hits: SLOGAN_HITS table.
        articles: ARTICLES table.
        lexicon: Slogan lexicon (gives the slogan's own level).
        unit: Article column naming the unit (default ``subject``; its level is ``subject_level``).
        levels: Only slogans of these lexicon levels (e.g. ``["city"]``); default all.

    Returns:
        One row per slogan and unit: canonical, slogan_level, unit, unit_level, first_date,
        first_file, first_article_id, n, n_articles, lag_days (days after the slogan's first
        dated appearance anywhere; empty when undated), order (1 = first unit to use it);
        sorted by canonical, order, unit.

    Example:
        >>> diffusion(hits, articles, load_slogans(), levels=["city"])  # doctest: +SKIP
    """
    if unit not in articles.columns:
        raise ParameterError(invalid_value("unit", unit, sorted(articles.columns)))
    df = _joined(hits, articles, "slogan_usage.diffusion")
    if unit not in df.columns:
        df = df.merge(articles[["article_id", unit]], on="article_id", how="left")
    lex = lexicon[["canonical", "level"]].rename(columns={"level": "slogan_level"})
    if levels is not None:
        lex = lex[lex["slogan_level"].isin(list(levels))]
    df = df.merge(lex, on="canonical", how="inner")
    cols = [
        "canonical",
        "slogan_level",
        "unit",
        "unit_level",
        "first_date",
        "first_file",
        "first_article_id",
        "n",
        "n_articles",
        "lag_days",
        "order",
    ]
    if df.empty:
        return pd.DataFrame(columns=cols)
    df = df.sort_values(
        ["canonical", "date_parsed", "file", "start"], kind="stable", na_position="last"
    )
    g = (
        df.groupby(["canonical", unit], dropna=False, sort=False)
        .agg(
            slogan_level=("slogan_level", "first"),
            unit_level=("subject_level", "first"),
            first_parsed=("date_parsed", "min"),
            first_date=("article_date", "first"),
            first_file=("file", "first"),
            first_article_id=("article_id", "first"),
            n=("start", "size"),
            n_articles=("article_id", "nunique"),
        )
        .reset_index()
        .rename(columns={unit: "unit"})
    )
    start = g.groupby("canonical")["first_parsed"].transform("min")
    g["lag_days"] = (g["first_parsed"] - start).dt.days.astype("Int64")
    g["first_date"] = g["first_date"].where(g["first_parsed"].notna(), "").astype(str)
    g = g.sort_values(["canonical", "first_parsed", "unit"], kind="stable", na_position="last")
    g["order"] = g.groupby("canonical").cumcount() + 1
    return g[cols].reset_index(drop=True)


def cooccurrence(hits: pd.DataFrame, *, min_articles: int = 1) -> pd.DataFrame:
    """Pairs of slogans used in the same article.

    Args:
        hits: SLOGAN_HITS table.
        min_articles: Keep pairs found together in at least this many articles.

    Returns:
        One row per unordered pair (``a < b``): a, b, n_articles (articles with both), n_a, n_b
        (articles with each), jaccard; sorted by n_articles descending, then a, b.

    Example:
        >>> cooccurrence(hits).head(3)  # doctest: +SKIP
    """
    schema.require_columns(hits, schema.SLOGAN_HITS, func="slogan_usage.cooccurrence")
    if min_articles < 1:
        raise ParameterError(
            invalid_value("min_articles", min_articles, "an integer of at least 1")
        )
    cols = ["a", "b", "n_articles", "n_a", "n_b", "jaccard"]
    pres = hits[["article_id", "canonical"]].drop_duplicates()
    if pres.empty:
        return pd.DataFrame(columns=cols)
    per = pres.groupby("canonical")["article_id"].nunique()
    pairs = pres.merge(pres, on="article_id", suffixes=("_a", "_b"))
    pairs = pairs[pairs["canonical_a"] < pairs["canonical_b"]]
    g = pairs.groupby(["canonical_a", "canonical_b"]).size().reset_index(name="n_articles")
    g = g.rename(columns={"canonical_a": "a", "canonical_b": "b"})
    g = g[g["n_articles"] >= min_articles]
    g["n_a"] = g["a"].map(per).astype(int)
    g["n_b"] = g["b"].map(per).astype(int)
    g["jaccard"] = g["n_articles"] / (g["n_a"] + g["n_b"] - g["n_articles"])
    g = g.sort_values(["n_articles", "a", "b"], ascending=[False, True, True], kind="stable")
    return g[cols].reset_index(drop=True)


def cooccurrence_matrix(pairs: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """Square article co-occurrence matrix (diagonal = articles with the slogan) from ``pairs``.

    Example:
        >>> cooccurrence_matrix(cooccurrence(hits), hits)  # doctest: +SKIP
    """
    names = sorted(hits["canonical"].unique())
    m = pd.DataFrame(0, index=names, columns=names, dtype=int)
    per = hits[["article_id", "canonical"]].drop_duplicates().groupby("canonical").size()
    for name in names:
        m.loc[name, name] = int(per.get(name, 0))
    for rec in pairs.to_dict("records"):
        m.loc[rec["a"], rec["b"]] = m.loc[rec["b"], rec["a"]] = int(rec["n_articles"])
    return m


def variants(hits: pd.DataFrame) -> pd.DataFrame:
    """How each slogan is written: one row per slogan and variant note.

    Returns:
        canonical, variant_note ('' = canonical form), n, share (of the slogan's hits), example
        (first surface); sorted by canonical, n descending, variant_note.

    Example:
        >>> variants(hits)  # doctest: +SKIP
    """
    schema.require_columns(hits, schema.SLOGAN_HITS, func="slogan_usage.variants")
    cols = ["canonical", "variant_note", "n", "share", "example"]
    if hits.empty:
        return pd.DataFrame(columns=cols)
    g = (
        hits.sort_values(["file", "start"], kind="stable")
        .groupby(["canonical", "variant_note"])
        .agg(n=("start", "size"), example=("surface", "first"))
        .reset_index()
    )
    g["share"] = g["n"] / g.groupby("canonical")["n"].transform("sum")
    g = g.sort_values(
        ["canonical", "n", "variant_note"], ascending=[True, False, True], kind="stable"
    )
    return g[cols].reset_index(drop=True)
