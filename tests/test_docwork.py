"""docwork: per-document tables, their Arrow form and the per-process resource memo."""

from __future__ import annotations

import inspect
import typing
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from analysis import cache, docwork, schema
from tests.helpers import make_articles

DOCS = [
    docwork.Doc(
        "a.txt",
        "本报讯 郧阳区开展“三抓三提”行动，新增项目１２个，同比增长12.5%。\n",
        {"file": "a.txt", "doc_id": "a", "sha256": "0a"},
    ),
    docwork.Doc(
        "b.txt",
        "本报讯 十堰市坚持“创一流、争第一”，签约项目51个。\n\n本报讯 张湾区实施项目8个。\n",
        {"file": "b.txt", "doc_id": "b", "sha256": "0b"},
    ),
]


@pytest.fixture(scope="module")
def cfg() -> docwork.Config:
    return docwork.config()


def decoded(data: list[bytes]) -> list[dict[str, pd.DataFrame]]:
    return [{k: t.to_pandas() for k, t in cache.decode_arrow(d).items()} for d in data]


def test_offset_maps_survive_the_arrow_form() -> None:
    arts = make_articles([{"raw": "ＡＢＣ创一流……争第一"}, {"raw": "甲"}, {"raw": "２０２３年"}])
    arts = arts.drop(columns=["raw"])
    back = docwork.articles_from_arrow(docwork.articles_to_arrow(arts))
    assert back[schema.OFFSET_MAP].tolist() == arts[schema.OFFSET_MAP].tolist()
    pd.testing.assert_frame_equal(
        back.drop(columns=[schema.OFFSET_MAP]),
        arts.drop(columns=[schema.OFFSET_MAP]),
        check_dtype=False,
    )
    # a slice (as taken per document from a batch) keeps its own maps
    sliced = docwork.articles_to_arrow(arts).slice(1, 2)
    maps = docwork.articles_from_arrow(sliced)[schema.OFFSET_MAP].tolist()
    assert maps == arts[schema.OFFSET_MAP].tolist()[1:]


def test_tokens_arrow_form_is_int32() -> None:
    tok = pd.DataFrame(
        {
            "article_id": ["a-a01", "a-a01"],
            "sent_id": [0, 0],
            "position": [0, 1],
            "start": [0, 3],
            "end": [3, 6],
            "token": ["创一流", "争第一"],
            "pos": ["", ""],
        }
    )
    table = docwork.tokens_to_arrow(tok)
    assert table.schema.field("start").type == pa.int32()
    assert table.column("token").to_pylist() == ["创一流", "争第一"]


@pytest.mark.parametrize(
    ("change", "same"),
    [
        ({}, True),
        ({"sha256": "ff"}, False),
        ({"date": "2023-05-01"}, False),
        ({"file": "c.txt"}, False),
        ({"duplicate_of": "b.txt", "near_duplicate_of": ""}, True),  # relations to other files
    ],
)
def test_doc_key_covers_content_and_metadata(change: dict[str, str], same: bool) -> None:
    meta = {"file": "a.txt", "doc_id": "a", "sha256": "0a", "date": ""}
    assert (docwork.doc_key({**meta, **change}) == docwork.doc_key(meta)) is same


def test_a_batch_equals_its_documents_one_by_one(cfg: docwork.Config) -> None:
    together = decoded(docwork.process(docwork.Batch(DOCS, cfg)))
    alone = [decoded(docwork.process(docwork.Batch([d], cfg)))[0] for d in DOCS]
    assert len(together) == 2
    for t, a in zip(together, alone, strict=True):
        assert sorted(t) == sorted(docwork.DOC_TABLES)
        for name in docwork.DOC_TABLES:
            pd.testing.assert_frame_equal(
                t[name], a[name], check_dtype=False, check_categorical=False, obj=name
            )
    a, b = together
    assert set(b["articles"]["file"]) == {"b.txt"}
    raw = DOCS[0].raw
    assert a["slogan_hits"][["surface", "canonical"]].values.tolist() == [["三抓三提", "三抓三提"]]
    hit = a["slogan_hits"].iloc[0]
    assert raw[int(hit["start"]) : int(hit["end"])] == "三抓三提"
    spans = zip(a["metrics"]["start"], a["metrics"]["end"], strict=True)
    assert [raw[int(s) : int(e)] for s, e in spans] == ["１２个", "12.5%"]
    spans = zip(b["metrics"]["start"], b["metrics"]["end"], strict=True)
    assert [DOCS[1].raw[int(s) : int(e)] for s, e in spans] == ["51个", "8个"]
    tok = a["tokens"]
    assert (
        "".join(raw[int(s) : int(e)] for s, e in zip(tok["start"], tok["end"], strict=True))[:6]
        == "郧阳区开展“"
    )


def test_resources_are_built_once_per_process_and_key(cfg: docwork.Config) -> None:
    docwork._MEMO.clear()
    docwork.process(docwork.Batch(DOCS[:1], cfg))  # no initializer: built on the first task
    first = docwork._MEMO[cfg.key]
    docwork.init_worker(cfg)
    assert docwork._MEMO[cfg.key] is first
    assert list(docwork._MEMO) == [cfg.key]


def test_rows_by_file_groups_rows_in_row_order() -> None:
    files = pd.Series(["b.txt", "a.txt", "b.txt", "a.txt", "c.txt"])
    got = {f: idx.tolist() for f, idx in docwork._rows_by_file(files).items()}
    assert got == {"a.txt": [1, 3], "b.txt": [0, 2], "c.txt": [4]}
    ids = pd.Series(["a-a02", "b-a01", "a-a01", "a-a02"])
    via = {"a-a01": "a.txt", "a-a02": "a.txt", "b-a01": "b.txt"}
    got = {f: idx.tolist() for f, idx in docwork._rows_by_file(ids, via=via).items()}
    assert got == {"a.txt": [0, 2, 3], "b.txt": [1]}
    assert docwork._rows_by_file(pd.Series([], dtype=object)) == {}


def test_a_worker_with_the_store_keeps_the_whole_entry_and_returns_what_is_asked(
    tmp_path: Path, cfg: docwork.Config
) -> None:
    store = cache.Store(tmp_path, cfg.key)
    full = docwork.process(docwork.Batch(DOCS, cfg))
    slim = docwork.process(
        docwork.Batch(DOCS, cfg, store=store, keys=["k1", "k2"], keep=("articles", "metrics"))
    )
    assert [sorted(cache.decode_arrow(d)) for d in slim] == [["articles", "metrics"]] * 2
    for key, data in zip(["k1", "k2"], full, strict=True):
        assert store.path(key).read_bytes() == data


def test_config_keys_cover_every_option_of_config() -> None:
    hints = typing.get_type_hints(docwork.config)
    options = [n for n in inspect.signature(docwork.config).parameters]
    assert options == list(docwork.CONFIG_OPTIONS)  # a new option must be listed there too
    for name, values in docwork.CONFIG_OPTIONS.items():
        literal = typing.get_args(hints[name])
        assert set(values) == (set(literal) if literal else {True, False}), name
    keys = docwork.config_keys()
    assert len(keys) == 8
    assert docwork.config(hmm=False, script="simplified", segmenter="jieba").key in keys
