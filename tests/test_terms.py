from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import schema, terms
from analysis.errors import ParameterError


def make_tokens(docs: dict[str, list[list[str]]]) -> pd.DataFrame:
    """TOKENS table from {article_id: [sentence tokens, ...]}; "，" is punctuation."""
    rows = []
    for aid, sents in docs.items():
        pos = 0
        for sid, sent in enumerate(sents):
            for tok in sent:
                kind = "x" if tok in "，。" else ("m" if tok[0].isdigit() else "")
                rows.append((aid, sid, pos, pos * 3, pos * 3 + len(tok), tok, kind))
                pos += 1
    return pd.DataFrame(rows, columns=list(schema.TOKENS))


ARTICLES = pd.DataFrame(
    {
        "article_id": ["a1", "a2", "a3"],
        "date": ["2023-05-01", "2023年6月2日", "2025-01-09"],
        "subject": ["郧阳区", "", "郧阳区"],
    }
)
TOKENS = make_tokens(
    {
        "a1": [["创一流", "创一流", "发展"]],
        "a2": [["发展", "营商环境"]],
        "a3": [["创一流", "营商环境", "营商环境", "发展"]],
    }
)


def test_count_by_year_hand_computed() -> None:
    out = terms.count(TOKENS, ARTICLES, by="year")
    assert list(out.columns) == list(terms.COUNT_COLUMNS)
    got = out[["group", "term", "n", "doc_freq", "n_docs"]].values.tolist()
    assert got == [
        ["2023", "创一流", 2, 1, 2],
        ["2023", "发展", 2, 2, 2],
        ["2023", "营商环境", 1, 1, 2],
        ["2025", "营商环境", 2, 1, 1],
        ["2025", "创一流", 1, 1, 1],
        ["2025", "发展", 1, 1, 1],
    ]
    # rel_freq = n / tokens in group (5 in 2023, 4 in 2025)
    assert out["rel_freq"].tolist() == pytest.approx([0.4, 0.4, 0.2, 0.5, 0.25, 0.25])
    # tfidf = rel_freq * ln(N / df): N = 3 articles; df 创一流 2, 发展 3, 营商环境 2
    ln15 = math.log(3 / 2)
    assert out["tfidf"].tolist() == pytest.approx(
        [0.4 * ln15, 0.0, 0.2 * ln15, 0.5 * ln15, 0.25 * ln15, 0.0]
    )
    assert (out["group_by"] == "year").all()


def test_count_whole_corpus_and_min_count() -> None:
    out = terms.count(TOKENS, ARTICLES, min_count=3)
    assert out[["group", "term", "n"]].values.tolist() == [
        ["all", "创一流", 3],
        ["all", "发展", 3],
        ["all", "营商环境", 3],
    ]


def test_empty_group_value_is_its_own_group() -> None:
    out = terms.count(TOKENS, ARTICLES, by="subject")
    assert sorted(set(out["group"])) == ["", "郧阳区"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"by": "month"}, r"`by` value = 'month' is invalid; value must be one of"),
        ({"by": "year", "min_count": 0}, r"`min_count` value = 0"),
    ],
)
def test_count_errors(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        terms.count(TOKENS, ARTICLES, **kwargs)  # type: ignore[arg-type]


def test_group_column_without_values_is_an_error() -> None:
    arts = ARTICLES.assign(subject_level="")
    with pytest.raises(ParameterError, match=r"`by` value = 'subject_level'.*no value"):
        terms.groups(arts, by="subject_level")


def test_filter_tokens_stopwords_keep_numbers_punctuation() -> None:
    tok = make_tokens({"a": [["的", "第一", "303.98亿元", "，", "市", "争第一"]]})
    kept = terms.filter_tokens(tok, stopwords=["的", "第一"], keep=["第一"], min_chars=2)
    assert kept["token"].tolist() == ["第一", "303.98亿元", "争第一"]
    kept = terms.filter_tokens(tok, numbers="drop")
    assert kept["token"].tolist() == ["的", "第一", "市", "争第一"]
    with pytest.raises(ParameterError, match=r"`numbers` value = 'none'"):
        terms.filter_tokens(tok, numbers="none")  # type: ignore[arg-type]


def test_g2_and_log_ratio_hand_computed() -> None:
    # a=2 of c=4 vs b=1 of d=5: E1 = 4*3/9, E2 = 5*3/9
    g2, p, lr = terms.g2_and_log_ratio(np.array([2.0, 10.0]), np.array([1.0, 0.0]), 4.0, 5.0)
    expected = 2 * (2 * math.log(2 / (4 / 3)) + 1 * math.log(1 / (5 / 3)))
    assert g2[0] == pytest.approx(expected) == pytest.approx(0.600209, abs=1e-6)
    assert lr[0] == pytest.approx(math.log2((2 / 4) / (1 / 5)))
    # chi2 with 1 df: p = erfc(sqrt(G2 / 2))
    assert p[0] == pytest.approx(math.erfc(math.sqrt(expected / 2)))
    # zero reference frequency: only the target term of the sum, log ratio with 0.5
    e1 = 4 * 10 / 9
    assert g2[1] == pytest.approx(2 * 10 * math.log(10 / e1))
    assert lr[1] == pytest.approx(math.log2((10 / 4) / (0.5 / 5)))


def test_keyness_2025_vs_2023() -> None:
    out = terms.keyness(TOKENS, ARTICLES, by="year", target="2025", reference="2023")
    assert list(out.columns) == list(terms.KEYNESS_COLUMNS)
    row = out[out["term"] == "营商环境"].iloc[0]
    assert (row["n_target"], row["n_reference"], row["total_target"], row["total_reference"]) == (
        2,
        1,
        4,
        5,
    )
    assert row["g2"] == pytest.approx(0.600209, abs=1e-6)
    assert row["direction"] == "target"
    assert out["term"].iloc[0] == "营商环境"  # largest G²
    assert out["g2"].is_monotonic_decreasing


def test_keyness_against_the_rest_equals_the_only_other_group() -> None:
    a = terms.keyness(TOKENS, ARTICLES, by="year", target="2025")
    b = terms.keyness(TOKENS, ARTICLES, by="year", target="2025", reference="2023")
    assert (a["reference"] == "rest").all()
    assert a["g2"].tolist() == pytest.approx(b["g2"].tolist())


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"by": "year", "target": "2024"}, r"`target` value = '2024' has no documents"),
        ({"by": "year", "target": "2025", "reference": "2019"}, r"`reference` value = '2019'"),
        ({"by": "year", "target": "2025", "reference": "2025"}, r"equals `target`"),
        ({"by": "place", "target": "2025"}, r"`by` value = 'place'"),
    ],
)
def test_keyness_errors(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        terms.keyness(TOKENS, ARTICLES, **kwargs)  # type: ignore[arg-type]


def test_keyness_rest_without_tokens_is_an_error() -> None:
    tok = TOKENS[TOKENS["article_id"] == "a3"]
    with pytest.raises(ParameterError, match=r"`reference`: the rest of the corpus has no"):
        terms.keyness(tok, ARTICLES, by="year", target="2025")


def test_dispersion_hand_computed() -> None:
    out = terms.dispersion(TOKENS, ARTICLES).set_index("term")
    # sizes 3, 2, 4 (total 9): s = 1/3, 2/9, 4/9
    assert out.loc["发展", "dp"] == pytest.approx(0.5 * (0 + 1 / 9 + 1 / 9))
    assert out.loc["发展", "dp_norm"] == pytest.approx((1 / 9) / (1 - 2 / 9))
    assert out.loc["创一流", "dp"] == pytest.approx(0.5 * (1 / 3 + 2 / 9 + 1 / 9))
    p = np.array([1 / 3, 1 / 2, 1 / 4])
    d = 1 - (p.std() / p.mean()) / math.sqrt(2)
    assert out.loc["发展", "juilland_d"] == pytest.approx(d)
    p = np.array([2 / 3, 0, 1 / 4])
    assert out.loc["创一流", "juilland_d"] == pytest.approx(1 - (p.std() / p.mean()) / math.sqrt(2))
    assert out.loc["创一流", "n_articles"] == 2


def test_dispersion_perfectly_even_term() -> None:
    tok = make_tokens({"a1": [["甲", "乙"]], "a2": [["甲", "乙"]], "a3": [["甲", "乙"]]})
    out = terms.dispersion(tok, ARTICLES, terms=["甲"])
    assert out["dp"].tolist() == pytest.approx([0.0])
    assert out["juilland_d"].tolist() == pytest.approx([1.0])


def test_collocations_hand_computed() -> None:
    tok = make_tokens({"a1": [["甲", "乙", "甲", "乙"], ["甲", "丙", "，", "乙"]]})
    out = terms.collocations(tok, min_count=1)
    row = out[(out["w1"] == "甲") & (out["w2"] == "乙")].iloc[0]
    # pairs: 甲乙 甲乙 乙甲 甲丙 (N=4; the comma breaks 丙乙); n1(甲 first)=3, n2(乙 second)=2
    assert (row["n"], row["n1"], row["n2"], row["n_pairs"]) == (2, 3, 2, 4)
    assert row["pmi"] == pytest.approx(math.log2(2 * 4 / (3 * 2)))
    g2 = 2 * (2 * math.log(2 / 1.5) + 1 * math.log(1 / 1.5) + 1 * math.log(1 / 0.5))
    assert row["g2"] == pytest.approx(g2)


def test_ngrams_respect_sentences_and_punctuation() -> None:
    tok = make_tokens({"a1": [["能力", "作风", "建设"], ["能力", "作风", "，", "建设"]]})
    out = terms.ngrams(tok, n=2)
    assert out.values.tolist() == [["能力 作风", 2, 2], ["作风 建设", 2, 1]]
    out = terms.ngrams(tok, n=3)
    assert out["ngram"].tolist() == ["能力 作风 建设"]
    assert terms.ngrams(tok, n=2, stopwords=["作风"]).empty


def test_top_and_occurrences() -> None:
    counts = terms.count(TOKENS, ARTICLES, by="year")
    assert terms.top(counts, n=1)["term"].tolist() == ["创一流", "营商环境"]
    occ = terms.occurrences(TOKENS, ARTICLES, terms=["营商环境"])
    assert occ["corpus_position"].tolist() == [4, 6, 7]
    assert occ["article_id"].tolist() == ["a2", "a3", "a3"]


def test_count_is_deterministic() -> None:
    shuffled = TOKENS.sample(frac=1, random_state=3)
    a = terms.count(TOKENS, ARTICLES, by="year")
    b = terms.count(shuffled, ARTICLES, by="year")
    pd.testing.assert_frame_equal(a, b)


def test_article_counts_hand_computed() -> None:
    out = terms.article_counts(TOKENS)
    assert list(out.columns) == list(terms.ARTICLE_COUNT_COLUMNS)
    assert out.values.tolist() == [
        ["a1", "创一流", 2],
        ["a1", "发展", 1],
        ["a2", "发展", 1],
        ["a2", "营商环境", 1],
        ["a3", "创一流", 1],
        ["a3", "营商环境", 2],
        ["a3", "发展", 1],
    ]
    assert terms.article_counts(TOKENS.iloc[:0]).empty


@pytest.mark.parametrize("by", [None, "year", "subject"])
def test_count_from_article_counts_equals_count_from_tokens(by: str | None) -> None:
    counted = terms.filter_tokens(TOKENS)
    from_tokens = terms.count(counted, ARTICLES, by=by)
    from_counts = terms.count(terms.article_counts(counted), ARTICLES, by=by)
    pd.testing.assert_frame_equal(from_counts, from_tokens)


@pytest.mark.parametrize("reference", [None, "2023"])
def test_keyness_from_article_counts_equals_keyness_from_tokens(reference: str | None) -> None:
    from_tokens = terms.keyness(TOKENS, ARTICLES, by="year", target="2025", reference=reference)
    from_counts = terms.keyness(
        terms.article_counts(TOKENS), ARTICLES, by="year", target="2025", reference=reference
    )
    pd.testing.assert_frame_equal(from_counts, from_tokens)


@pytest.mark.parametrize("by", [None, "year", "subject"])
@pytest.mark.parametrize("from_counts", [False, True])
def test_count_with_separate_sort_keys_equals_one_key(
    by: str | None, from_counts: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A corpus too large for one int64 (group, term, article) key is counted with two sorts.
    counted = terms.filter_tokens(TOKENS)
    table = terms.article_counts(counted) if from_counts else counted
    one_key = terms.count(table, ARTICLES, by=by)
    monkeypatch.setattr(terms, "_KEY_LIMIT", 0)
    pd.testing.assert_frame_equal(terms.count(table, ARTICLES, by=by), one_key)


def test_count_doc_freq_counts_articles_not_occurrences() -> None:
    # 创一流: twice in a1 and once in a3, so n 3 but doc_freq 2 (of 3 articles).
    out = terms.count(terms.article_counts(TOKENS), ARTICLES)
    row = out[out["term"] == "创一流"].iloc[0]
    assert (row["n"], row["doc_freq"], row["n_docs"]) == (3, 2, 3)


# Counting from ``article_counts``: one row per (article, term), so a faster path counts rows
# instead of sorting (group, term, article) keys; any other table takes the general path.
COUNTS = pd.DataFrame(
    {
        "article_id": ["a1", "a1", "a2", "a2", "a3", "a3", "a3"],
        "term": ["创一流", "发展", "发展", "营商环境", "创一流", "营商环境", "发展"],
        "n": [2, 1, 1, 1, 1, 2, 1],
    }
)


def _general_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terms, "_distinct_pair_counts", lambda *args: None)


def _no_general(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("general path taken")

    monkeypatch.setattr(terms, "_pair_counts", fail)


def _sorting_only(monkeypatch: pytest.MonkeyPatch, *, argsort: bool = False) -> None:
    monkeypatch.setattr(terms, "_DENSE_CELLS", 0)
    monkeypatch.setattr(terms, "_DENSE_PER_ROW", 0)
    if argsort:
        monkeypatch.setattr(terms, "_PACK_BITS", 0)


@pytest.mark.parametrize("path", ["cells", "packed sort", "argsort"])
def test_count_from_article_counts_hand_computed(
    path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_general(monkeypatch)
    if path != "cells":
        _sorting_only(monkeypatch, argsort=path == "argsort")
    out = terms.count(COUNTS, ARTICLES, by="subject")
    # group "" = a2 (发展 1, 营商环境 1); 郧阳区 = a1 + a3 (创一流 2+1, 发展 1+1, 营商环境 2)
    assert out[["group", "term", "n", "doc_freq", "n_docs"]].values.tolist() == [
        ["", "发展", 1, 1, 1],
        ["", "营商环境", 1, 1, 1],
        ["郧阳区", "创一流", 3, 2, 2],
        ["郧阳区", "发展", 2, 2, 2],
        ["郧阳区", "营商环境", 2, 1, 2],
    ]
    # tokens: 2 in "", 7 in 郧阳区; df over N = 3 articles: 创一流 2, 发展 3, 营商环境 2
    assert out["rel_freq"].tolist() == [0.5, 0.5, 3 / 7, 2 / 7, 2 / 7]
    ln15 = math.log(3 / 2)
    assert out["tfidf"].tolist() == [0.5 * 0.0, 0.5 * ln15, 3 / 7 * ln15, 0.0, 2 / 7 * ln15]


def test_count_article_counts_with_a_pair_twice_takes_the_general_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a1 has 创一流 in two rows (2 + 1): 3 occurrences but still one article.
    doubled = pd.concat([COUNTS, COUNTS.iloc[[0]].assign(n=1)], ignore_index=True)
    calls: list[bool] = []
    general = terms._pair_counts
    monkeypatch.setattr(terms, "_pair_counts", lambda *a: calls.append(True) or general(*a))
    out = terms.count(doubled, ARTICLES)
    assert calls == [True]
    row = out[out["term"] == "创一流"].iloc[0]
    assert (row["n"], row["doc_freq"]) == (4, 2)


@pytest.mark.parametrize("by", [None, "year", "subject"])
def test_count_from_tokens_takes_the_general_path(
    by: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tokens carry no weights: one row per occurrence, so the faster path does not apply.
    expected = terms.count(TOKENS, ARTICLES, by=by)
    with monkeypatch.context() as m:
        _general_only(m)
        pd.testing.assert_frame_equal(terms.count(TOKENS, ARTICLES, by=by), expected)
    _no_general(monkeypatch)
    with pytest.raises(AssertionError, match="general path taken"):
        terms.count(TOKENS, ARTICLES, by=by)


def _random_counts(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An ``article_counts``-like table (some ids not in the articles) and its ARTICLES."""
    rng = np.random.default_rng(seed)
    n_art = int(rng.integers(1, 40))
    words = np.array(["创一流", "发展", "营商环境", "作风", "能力", "十堰", "", "项目", "群众"])
    vocab = words[: int(rng.integers(1, len(words) + 1))]
    ids = [f"a{i}" for i in range(n_art)]
    rows = []
    for aid in [*ids, "孤立"]:
        chosen = rng.choice(len(vocab), size=int(rng.integers(0, len(vocab) + 1)), replace=False)
        rows += [(aid, vocab[k], int(rng.integers(1, 6))) for k in chosen]
    table = pd.DataFrame(rows, columns=list(terms.ARTICLE_COUNT_COLUMNS))
    if seed % 2:  # categorical columns, as the per-document cache gives them
        table = table.astype({"article_id": "category", "term": "category"})
    articles = pd.DataFrame(
        {
            "article_id": ids,
            "subject": rng.choice(["郧阳区", "茅箭区", ""], size=n_art),
            "file": [f"f{i // 3}.txt" for i in range(n_art)],
        }
    )
    return table.sample(frac=1, random_state=seed).reset_index(drop=True), articles


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("path", ["cells", "packed sort", "argsort"])
def test_count_from_article_counts_equals_general_path(
    seed: int, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    table, articles = _random_counts(seed)
    for by in (None, "subject", "file"):
        for min_count in (1, 3):
            with monkeypatch.context() as m:
                _general_only(m)
                expected = terms.count(table, articles, by=by, min_count=min_count)
            with monkeypatch.context() as m:
                if len(table):
                    _no_general(m)
                if path != "cells":
                    _sorting_only(m, argsort=path == "argsort")
                got = terms.count(table, articles, by=by, min_count=min_count)
            pd.testing.assert_frame_equal(got, expected, check_exact=True)


@pytest.mark.parametrize("pack_bits", [terms._PACK_BITS, 0])
def test_order_equals_lexsort(pack_bits: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terms, "_PACK_BITS", pack_bits)  # 0: an argsort of the keys alone
    rng = np.random.default_rng(5)
    pairs = rng.choice(40 * 50, size=300, replace=False)
    group_rank, term_rank = np.divmod(pairs, 50)
    n = rng.integers(1, 9, size=300)
    expected = np.lexsort((term_rank, -n, group_rank))
    assert np.array_equal(terms._order(group_rank, n, term_rank), expected)


def _compact(counts: pd.DataFrame) -> pd.DataFrame:
    """Labels as categoricals with the sorted values present as categories (the reference)."""
    out = counts.copy()
    for c in ("group_by", "group", "term"):
        values = out[c].astype(str)
        out[c] = pd.Categorical(values, categories=sorted(set(values)))
    return out


def test_count_groupings_hand_computed() -> None:
    out = terms.count_groupings(COUNTS, ARTICLES, groupings=[None, "subject"], min_count=2)
    assert list(out.columns) == list(terms.COUNT_COLUMNS)
    assert out[["group_by", "group", "term", "n", "doc_freq"]].astype(object).values.tolist() == [
        ["all", "all", "创一流", 3, 2],
        ["all", "all", "发展", 3, 3],
        ["all", "all", "营商环境", 3, 2],
        ["subject", "郧阳区", "创一流", 3, 2],
        ["subject", "郧阳区", "发展", 2, 2],
        ["subject", "郧阳区", "营商环境", 2, 1],
    ]
    # categories: the values present (not group "" with its counts of 1), sorted
    assert out["group_by"].cat.categories.tolist() == ["all", "subject"]
    assert out["group"].cat.categories.tolist() == ["all", "郧阳区"]
    assert out["term"].cat.categories.tolist() == sorted(["创一流", "发展", "营商环境"])


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("min_count", [1, 4])
def test_count_groupings_equals_stacked_counts(seed: int, min_count: int) -> None:
    table, articles = _random_counts(seed)
    groupings: list[str | None] = [None, "subject", "file"]
    expected = _compact(
        pd.concat(
            [terms.count(table, articles, by=by, min_count=min_count) for by in groupings],
            ignore_index=True,
        )
    )
    got = terms.count_groupings(table, articles, groupings=groupings, min_count=min_count)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    for c in ("group_by", "group", "term"):
        assert got[c].cat.categories.equals(expected[c].cat.categories)


def test_count_groupings_from_tokens_and_errors() -> None:
    expected = _compact(
        pd.concat(
            [terms.count(TOKENS, ARTICLES, by=by) for by in (None, "year")], ignore_index=True
        )
    )
    got = terms.count_groupings(TOKENS, ARTICLES, groupings=[None, "year"])
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    with pytest.raises(ParameterError, match="`groupings` value = \\[\\]"):
        terms.count_groupings(TOKENS, ARTICLES, groupings=[])
    with pytest.raises(ParameterError, match="`by` value = 'nope'"):
        terms.count_groupings(TOKENS, ARTICLES, groupings=[None, "nope"])


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("cells", [terms._KEYNESS_CELLS, 0])  # 0: keyness for each target
def test_keyness_each_equals_keyness(
    seed: int, cells: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(terms, "_KEYNESS_CELLS", cells)
    table, articles = _random_counts(seed)
    mapped = table["article_id"].astype(str).map(terms.groups(articles, by="subject"))
    targets = sorted(set(mapped.dropna()))  # groups with counted terms ("孤立" has no group)
    if len(targets) < 2:
        pytest.skip("fewer than two groups with counted terms")
    for min_count in (1, 3):
        got = terms.keyness_each(
            table, articles, by="subject", targets=targets, min_count=min_count
        )
        assert len(got) == len(targets)
        for target, table_ in zip(targets, got, strict=True):
            expected = terms.keyness(
                table, articles, by="subject", target=target, min_count=min_count
            )
            pd.testing.assert_frame_equal(table_, expected, check_exact=True)


def test_keyness_each_from_tokens_hand_computed() -> None:
    # 2023: a1 + a2 (创一流 2, 发展 2, 营商环境 1; 5 tokens); 2025: a3 (创一流 1, 营商环境 2,
    # 发展 1; 4 tokens).
    tables = terms.keyness_each(TOKENS, ARTICLES, by="year", targets=["2025", "2023"])
    for table, target in zip(tables, ["2025", "2023"], strict=True):
        expected = terms.keyness(TOKENS, ARTICLES, by="year", target=target)
        pd.testing.assert_frame_equal(table, expected, check_exact=True)
    first = tables[0].set_index("term")
    assert first.loc["营商环境", ["n_target", "n_reference"]].tolist() == [2, 1]
    assert (first["total_target"].iloc[0], first["total_reference"].iloc[0]) == (4, 5)


@pytest.mark.parametrize(
    ("targets", "kwargs", "message"),
    [
        (["2023", "1999"], {}, "`target` value = '1999' has no documents"),
        (["2023"], {"min_count": 0}, "`min_count` value = 0"),
        (["2023"], {"by": "nope"}, "`by` value = 'nope'"),
    ],
)
def test_keyness_each_errors(targets: list[str], kwargs: dict[str, object], message: str) -> None:
    options: dict[str, object] = {"by": "year", **kwargs}
    with pytest.raises(ParameterError, match=message):
        terms.keyness_each(TOKENS, ARTICLES, targets=targets, **options)  # type: ignore[arg-type]


def test_keyness_each_target_without_counted_tokens() -> None:
    # a2 (year 2023, subject "") keeps its document but loses its tokens.
    table = COUNTS[COUNTS["article_id"] != "a2"]
    with pytest.raises(ParameterError, match="`target` value = '' has documents but no counted"):
        terms.keyness_each(table, ARTICLES, by="subject", targets=["", "郧阳区"])
    with pytest.raises(ParameterError, match="the rest of the corpus has no counted tokens"):
        terms.keyness_each(table, ARTICLES, by="subject", targets=["郧阳区", ""])
