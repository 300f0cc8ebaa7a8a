"""pipeline.build: identical tables whatever jobs, executor and cache state."""

from __future__ import annotations

import filecmp
import logging
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import (
    cache,
    cli,
    corpus,
    docwork,
    lexicons,
    metric_comparison,
    outputs,
    pipeline,
    schema,
    slogans,
    table_files,
    term_tables,
    token_tables,
    tokens,
)
from analysis.errors import AnalysisError, ParameterError
from tests.fixtures_pipeline import HAND_MADE, make_corpus


def reference(root: Path) -> pipeline.Tables:
    """Every table computed the straightforward way: whole corpus, one process, no cache."""
    loaded = corpus.load(root)
    gazetteer = lexicons.load_gazetteer()
    articles, cleanup_log = corpus.split(loaded.documents, loaded.texts, gazetteer=gazetteer)
    tables = {
        "documents": loaded.documents,
        "skipped": loaded.skipped,
        "articles": articles,
        "cleanup_log": cleanup_log,
    }
    lex = lexicons.load_slogans()
    tables.update(term_tables.stage(articles, texts=loaded.texts, slogans=lex, gazetteer=gazetteer))
    tables.update(
        slogans.build_tables(
            articles,
            lex,
            texts=loaded.texts,
            furniture=cleanup_log,
            idioms=lexicons.load_numeral_idioms(),
            tokenizer=tokens.build_tokenizer(schema.empty(tokens.ENTRY_COLUMNS), units=None),
        )
    )
    tables.update(
        metric_comparison.build_tables(
            articles,
            gazetteer=gazetteer,
            slogan_lexicon=lex,
            units=lexicons.load_units(),
            indicators=lexicons.load_indicators(),
            slogan_hits=tables["slogan_hits"],
            exclude=lexicons.load_numbered_names(),
        )
    )
    return tables


def assert_same(got: pipeline.Tables, want: pipeline.Tables, tmp: Path) -> None:
    """Same table names, same values in memory and byte-identical CSV files."""
    assert sorted(got) == sorted(want)
    for name in want:
        g, w = got[name], want[name]
        if name == "articles":
            assert g[schema.OFFSET_MAP].tolist() == w[schema.OFFSET_MAP].tolist()
            g, w = (x.drop(columns=[schema.OFFSET_MAP]) for x in (g, w))
        pd.testing.assert_frame_equal(
            g.reset_index(drop=True),
            w.reset_index(drop=True),
            check_dtype=False,
            check_categorical=False,
            check_index_type=False,
            obj=name,
        )
    a, b = tmp / "got", tmp / "want"
    table_files.write(got, a)
    table_files.write(want, b)
    files = sorted(p.name for p in b.iterdir())
    assert sorted(p.name for p in a.iterdir()) == files
    _match, mismatch, errors = filecmp.cmpfiles(a, b, files, shallow=False)
    assert (mismatch, errors) == ([], [])
    shutil.rmtree(a)
    shutil.rmtree(b)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pipeline.Tables]:
    root = make_corpus(tmp_path_factory.mktemp("pipeline") / "corpus")
    return root, reference(root)


def computed(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "documents to compute" in r.getMessage()]


def test_cold_warm_and_no_cache_runs_equal_the_reference(
    small: tuple[Path, pipeline.Tables], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root, want = small
    store = tmp_path / "cache"
    caplog.set_level(logging.INFO, logger="analysis.pipeline")
    cold = pipeline.build(root, jobs=1, cache_dir=store, progress=False)
    assert computed(caplog) == ["4 of 4 documents to compute"]
    assert_same(cold, want, tmp_path)
    assert cold["tokens"]["start"].dtype == "int32"
    assert isinstance(cold["tokens"]["article_id"].dtype, pd.CategoricalDtype)
    caplog.clear()
    warm = pipeline.build(root, jobs=1, cache_dir=store, progress=False)
    assert computed(caplog) == []
    assert_same(warm, want, tmp_path)
    # the whole-corpus entry gone: every document read from its own entry
    for p in store.rglob("corpus-*.arrowpack"):
        p.unlink()
    caplog.clear()
    per_doc = pipeline.build(root, jobs=1, cache_dir=store, progress=False)
    assert computed(caplog) == []
    assert_same(per_doc, want, tmp_path)
    nothing = tmp_path / "none"
    assert_same(
        pipeline.build(root, jobs=1, cache_dir=nothing, use_cache=False, progress=False),
        want,
        tmp_path,
    )
    assert not nothing.exists()


def test_incremental_runs_recompute_only_changed_files(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = make_corpus(tmp_path / "corpus")
    store = tmp_path / "cache"
    pipeline.build(root, jobs=1, cache_dir=store, progress=False)
    caplog.set_level(logging.INFO, logger="analysis.pipeline")
    with (root / "local/a.txt").open("a", encoding="utf-8") as fh:
        fh.write("本报讯 茅箭区新增就业岗位300个。\n")
    (root / "local/c.txt").write_text("本报讯 张湾区实施项目8个。\n", encoding="utf-8")
    (root / "004_5b1c43fea08fbc4a.txt").unlink()
    got = pipeline.build(root, jobs=1, cache_dir=store, progress=False)
    assert computed(caplog) == ["2 of 4 documents to compute"]
    assert_same(got, reference(root), tmp_path)


def test_editing_one_of_two_identical_files_recomputes_only_that_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # b.txt is flagged as a duplicate of a.txt; once a.txt is edited it is not, but its own
    # tables are the same, so only a.txt is computed again.
    root = tmp_path / "corpus"
    root.mkdir()
    text = "本报讯 十堰市签约项目51个，协议总投资303.98亿元。\n"
    for name in ("a.txt", "b.txt"):
        (root / name).write_text(text, encoding="utf-8")
    store = tmp_path / "cache"
    first = pipeline.build(root, jobs=1, cache_dir=store, progress=False)
    assert first["documents"]["duplicate_of"].tolist() == ["", "a.txt"]
    caplog.set_level(logging.INFO, logger="analysis.pipeline")
    (root / "a.txt").write_text(text + "本报讯 茅箭区新增就业岗位300个。\n", encoding="utf-8")
    got = pipeline.build(root, jobs=1, cache_dir=store, progress=False)
    assert computed(caplog) == ["1 of 2 documents to compute"]
    assert got["documents"]["duplicate_of"].tolist() == ["", ""]
    assert_same(got, reference(root), tmp_path)


def test_two_jobs_equal_one_job(small: tuple[Path, pipeline.Tables], tmp_path: Path) -> None:
    root, want = small
    old = pipeline.TASK_DOCS
    pipeline.TASK_DOCS = 1  # four tasks, so a pool of two workers is used
    try:
        got = pipeline.build(root, jobs=2, use_cache=False, progress=False)
    finally:
        pipeline.TASK_DOCS = old
    assert_same(got, want, tmp_path)


def test_jieba_segmenter_gives_the_same_tables(
    small: tuple[Path, pipeline.Tables], tmp_path: Path
) -> None:
    # The reference cuts with the default (``segmenter.cut``); jieba's own code must agree.
    root, want = small
    got = pipeline.build(root, jobs=1, use_cache=False, progress=False, segmenter="jieba")
    assert_same(got, want, tmp_path)
    assert docwork.config(segmenter="jieba").key != docwork.config().key


def test_corrupt_entries_are_recomputed(
    small: tuple[Path, pipeline.Tables], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root, want = small
    store = tmp_path / "cache"
    pipeline.build(root, jobs=1, cache_dir=store, progress=False)
    entries = sorted(store.rglob("*.arrowpack"))
    assert len(entries) == 6  # four documents, the whole corpus and the configuration's tables
    docs = [p for p in entries if not p.name.startswith(("corpus-", pipeline.CONFIG_ENTRY))]
    config_entry = next(store.rglob(f"{pipeline.CONFIG_ENTRY}*.arrowpack"))
    for p in [*docs[:2], next(store.rglob("corpus-*.arrowpack")), config_entry]:
        data = bytearray(p.read_bytes())
        data[-3] ^= 0xFF
        p.write_bytes(bytes(data))
    caplog.set_level(logging.INFO)
    got = pipeline.build(root, jobs=1, cache_dir=store, progress=False)
    messages = [r.getMessage() for r in caplog.records]
    assert sum("is corrupt" in m for m in messages) >= 3
    assert_same(got, want, tmp_path)
    assert len(sorted(store.rglob("*.arrowpack"))) == 6


def test_option_change_gives_a_new_configuration_key() -> None:
    assert docwork.config(hmm=True).key == docwork.config(hmm=True).key
    assert docwork.config(hmm=True).key != docwork.config(hmm=False).key


def test_default_cache_dir_is_in_the_project_not_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cache.DEFAULT_DIR.is_absolute()
    assert cache.DEFAULT_DIR.parent.parent == Path(pipeline.__file__).resolve().parent.parent


def test_cli_tables_and_cache_clear(
    small: tuple[Path, pipeline.Tables], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, want = small
    store, out = tmp_path / "cache", tmp_path / "out"
    argv = ["tables", "--corpus", str(root), "--out", str(out), "--jobs", "1"]
    assert cli.main([*argv, "--cache-dir", str(store)]) == 0
    assert any(store.rglob("*.arrowpack"))
    table_files.write(want, tmp_path / "want")
    files = sorted(p.name for p in (tmp_path / "want").iterdir())
    assert filecmp.cmpfiles(out, tmp_path / "want", files, shallow=False)[1:] == ([], [])
    # Entries made by this code are not stale.
    assert cli.main(["cache-clear", "--stale", "--cache-dir", str(store)]) == 0
    assert "removed 0 cache file(s)" in capsys.readouterr().err
    assert cli.main(["cache-clear", "--cache-dir", str(store)]) == 0
    assert not store.exists()
    # Six entries (four documents, the corpus, the configuration) and the folder's lineage record.
    assert "removed 7 cache file(s)" in capsys.readouterr().err
    assert cli.main([*argv, "--no-cache", "--cache-dir", str(store)]) == 0
    assert not store.exists()


def test_cli_scheduler_error_names_the_address(
    small: tuple[Path, pipeline.Tables],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root, _ = small
    monkeypatch.setattr(cli, "CONNECT_TIMEOUT", "1s")
    argv = ["tables", "--corpus", str(root), "--out", str(tmp_path / "o")]
    assert cli.main([*argv, "--scheduler", "tcp://127.0.0.1:9"]) == 2
    assert "tcp://127.0.0.1:9" in capsys.readouterr().err


def test_jobs_must_be_positive(small: tuple[Path, pipeline.Tables]) -> None:
    with pytest.raises(ParameterError, match="jobs"):
        pipeline.build(small[0], jobs=0, use_cache=False)


def same_files(a: Path, b: Path) -> bool:
    """Both folders hold the same files (but the stamp) with the same bytes."""
    files = sorted(p.name for p in b.iterdir() if p.name != table_files.STAMP)
    if sorted(p.name for p in a.iterdir() if p.name != table_files.STAMP) != files:
        return False
    return filecmp.cmpfiles(a, b, files, shallow=False)[1:] == ([], [])


@pytest.mark.parametrize("jobs", [1, 2])
def test_build_and_write_after_changes_equals_a_run_without_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    # Parquet for tokens and terms, so the early tokens file and the side thread are used; with
    # two jobs a process of its own writes tokens from the cache.
    monkeypatch.setattr(table_files, "PARQUET_ROWS", 10)
    root = make_corpus(tmp_path / "corpus")
    store, out = tmp_path / "cache", tmp_path / "out"

    def run() -> tuple[pipeline.Tables, list[Path] | None]:
        return pipeline.build_and_write(root, out, jobs=jobs, cache_dir=store, progress=False)

    def check(label: str) -> None:
        want = tmp_path / f"want-{label}"
        table_files.write(pipeline.build(root, jobs=1, use_cache=False, progress=False), want)
        assert (out / "tokens.parquet").exists()
        assert same_files(out, want), label

    tables, paths = run()
    assert paths is not None and "tokens" not in tables and "terms" in tables
    assert not tables["documents"].attrs  # the build's key is in the stamp, not in a table
    check("cold")
    assert run()[1] is None
    with (root / "local/a.txt").open("a", encoding="utf-8") as fh:
        fh.write("本报讯 茅箭区新增就业岗位300个。\n")
    run()
    check("changed")
    (root / "local/c.txt").write_text("本报讯 张湾区实施项目8个。\n", encoding="utf-8")
    run()
    check("added")
    (root / "004_5b1c43fea08fbc4a.txt").unlink()
    _, paths = run()
    check("removed")
    assert paths is not None and [p.name for p in paths][-2:] == [
        "tokens.parquet",
        "tokens_summary.csv",
    ]
    (out / "tokens.parquet").unlink()  # not up to date: written again from the cache
    assert run()[1] is not None
    check("rewritten")
    # Damaged tokens (the last table of each document's entry) are found, though only another
    # process reads them, and the documents computed again.
    for entry in store.rglob("*.arrowpack"):
        if not entry.name.startswith(("corpus-", pipeline.CONFIG_ENTRY)):
            data = bytearray(entry.read_bytes())
            data[-5] ^= 0xFF
            entry.write_bytes(bytes(data))
    with (root / "local/b.txt").open("a", encoding="utf-8") as fh:
        fh.write("本报讯 丹江口市签约项目9个。\n")
    assert run()[1] is not None
    check("damaged")


def test_removing_a_file_that_shared_a_task_gives_the_tables_of_a_run_without_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table_files, "PARQUET_ROWS", 10)
    root = make_corpus(tmp_path / "corpus")
    for i in range(4):  # eight documents: tasks of two documents with one process
        (root / f"more/{i}.txt").parent.mkdir(exist_ok=True)
        (root / f"more/{i}.txt").write_text(f"本报讯 竹山县新增项目{i + 3}个。\n", encoding="utf-8")
    store, out, want = tmp_path / "cache", tmp_path / "out", tmp_path / "want"
    pipeline.build_and_write(root, out, jobs=1, cache_dir=store, progress=False)
    (root / "more/2.txt").unlink()
    pipeline.build_and_write(root, out, jobs=1, cache_dir=store, progress=False)
    table_files.write(pipeline.build(root, jobs=1, use_cache=False, progress=False), want)
    assert same_files(out, want)


def test_few_documents_are_cut_into_small_tasks() -> None:
    records = [{"n_bytes": 100} for _ in range(40)]
    assert [len(g) for g in pipeline._groups(list(range(40)), records, 1)] == [10] * 4
    assert [len(g) for g in pipeline._groups(list(range(21)), records, 2)] == [3] * 7
    many = [{"n_bytes": 100} for _ in range(200)]
    assert {len(g) for g in pipeline._groups(list(range(200)), many, 2)} == {pipeline.TASK_DOCS, 8}


@pytest.mark.slow
def test_dask_local_cluster_gives_identical_tables(
    small: tuple[Path, pipeline.Tables], tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    root, want = small
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        old = pipeline.TASK_DOCS
        pipeline.TASK_DOCS = 1
        try:
            got = pipeline.build(
                root, executor=client.get_executor(), use_cache=False, progress=False
            )
        finally:
            pipeline.TASK_DOCS = old
    assert_same(got, want, tmp_path)


def test_resolve_relative_paths_against_the_project(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert pipeline.resolve("seeds") == pipeline.PROJECT_ROOT / "seeds"
    (tmp_path / "mine").mkdir()
    assert pipeline.resolve("mine") == Path("mine")
    assert pipeline.resolve(tmp_path) == tmp_path


def test_load_reads_tables_dir_or_builds(tmp_path: Path, monkeypatch) -> None:
    root = make_corpus(tmp_path / "c")
    built = pipeline.load(root, jobs=1, use_cache=False)
    table_files.write(built, tmp_path / "t")
    monkeypatch.chdir(tmp_path)
    read = pipeline.load("does-not-matter", "t")
    assert sorted(read) == sorted(table_files.read(tmp_path / "t"))
    assert len(read["articles"]) == len(built["articles"])


def test_token_summary_fast_path_equals_grouping(small: tuple[Path, pipeline.Tables]) -> None:
    tok = token_tables.compact_tokens(small[1]["tokens"])
    assert isinstance(tok["article_id"].dtype, pd.CategoricalDtype)
    plain = tok.assign(article_id=tok["article_id"].astype(str))
    want = token_tables.token_summary(plain)  # grouped by string ids
    pd.testing.assert_frame_equal(token_tables.token_summary(tok), want)
    shuffled = tok.sample(frac=1.0, random_state=0)  # not in article order: grouped as well
    pd.testing.assert_frame_equal(token_tables.token_summary(shuffled), want)
    assert want["n_tokens"].sum() == len(tok)


def test_edited_files_are_noticed_before_the_corpus_is_read(tmp_path: Path) -> None:
    root = make_corpus(tmp_path / "corpus")
    store = cache.Store(tmp_path / "cache", "k")
    assert pipeline._edited_since_last_build(root, store) is None  # no whole-corpus entry yet
    store.put("corpus-abc", {"t": pd.DataFrame({"x": [1]})})
    entry = store.path("corpus-abc")
    old = entry.stat().st_mtime_ns - 10**9
    for p in root.rglob("*.txt"):
        os.utime(p, ns=(old, old))
    assert pipeline._edited_since_last_build(root, store) == 0
    newer = entry.stat().st_mtime_ns + 10**9
    os.utime(root / "local/a.txt", ns=(newer, newer))
    edited = (root / "local/a.txt").stat().st_size
    assert pipeline._edited_since_last_build(root, store) == edited > 0


def test_few_edited_bytes_start_one_worker() -> None:
    assert pipeline.workers_for(2, 0) == 1
    assert pipeline.workers_for(2, pipeline.WORKER_BYTES) == 1
    assert pipeline.workers_for(2, pipeline.WORKER_BYTES + 1) == 2
    assert pipeline.workers_for(4, 100 * pipeline.WORKER_BYTES) == 4


def hand_made_folder(folder: Path) -> Path:
    """The hand-made files, side by side in ``folder``."""
    folder.mkdir()
    for name, text in HAND_MADE.items():
        (folder / Path(name).name).write_text(text, encoding="utf-8")
    return folder


def test_whole_corpus_entries_of_a_folder_replace_each_other(tmp_path: Path) -> None:
    store = tmp_path / "cache"
    first = hand_made_folder(tmp_path / "first")

    def entries() -> list[str]:
        return sorted(p.name for p in store.rglob("corpus-*.arrowpack"))

    pipeline.build(first, jobs=1, cache_dir=store, progress=False)
    before = entries()
    assert len(before) == 1
    with (first / "a.txt").open("a", encoding="utf-8") as fh:
        fh.write("本报讯 茅箭区新增就业岗位300个。\n")
    pipeline.build(first, jobs=1, cache_dir=store, progress=False)
    after = entries()
    assert len(after) == 1 and after != before  # the superseded entry is gone
    # Another folder with the same files reads the same entry; once edited, it has its own,
    # and the first folder's entry stays.
    second = tmp_path / "second"
    shutil.copytree(first, second)
    pipeline.build(second, jobs=1, cache_dir=store, progress=False)
    assert entries() == after
    (second / "b.txt").unlink()
    pipeline.build(second, jobs=1, cache_dir=store, progress=False)
    assert len(entries()) == 2 and after[0] in entries()
    warm = pipeline.build(first, jobs=1, cache_dir=store, progress=False)
    assert len(entries()) == 2
    assert_same(warm, reference(first), tmp_path)


def test_entries_of_changed_and_removed_files_are_deleted(tmp_path: Path) -> None:
    store = tmp_path / "cache"
    folder = hand_made_folder(tmp_path / "corpus")

    def documents() -> set[str]:
        skip = ("corpus-", pipeline.CONFIG_ENTRY)
        return {p.name for p in store.rglob("*.arrowpack") if not p.name.startswith(skip)}

    pipeline.build(folder, jobs=1, cache_dir=store, progress=False)
    first = documents()
    assert len(first) == len(HAND_MADE)
    with (folder / "a.txt").open("a", encoding="utf-8") as fh:
        fh.write("本报讯 茅箭区新增就业岗位300个。\n")
    pipeline.build(folder, jobs=1, cache_dir=store, progress=False)
    second = documents()
    assert len(second) == len(HAND_MADE) and len(second - first) == 1  # a.txt's old entry went
    (folder / "b.txt").unlink()
    warm = pipeline.build(folder, jobs=1, cache_dir=store, progress=False)
    assert documents() < second and len(documents()) == len(HAND_MADE) - 1
    assert_same(warm, reference(folder), tmp_path)


def test_entries_are_kept_while_another_build_uses_the_cache(tmp_path: Path) -> None:
    # Another build may be reading a changed file's old entry (a folder with the same file):
    # it stays until a build runs alone, which then deletes it.
    store = tmp_path / "cache"
    folder = hand_made_folder(tmp_path / "corpus")
    pipeline.build(folder, jobs=1, cache_dir=store, progress=False)
    entries = {p.name for p in store.rglob("*.arrowpack")}
    with (folder / "a.txt").open("a", encoding="utf-8") as fh:
        fh.write("本报讯 茅箭区新增就业岗位300个。\n")
    with cache.Store(store, docwork.config().key).using():
        pipeline.build(folder, jobs=1, cache_dir=store, progress=False)
        kept = {p.name for p in store.rglob("*.arrowpack")}
        assert entries < kept  # the old entries (a.txt's and the whole corpus's) are kept
    pipeline.build(folder, jobs=1, cache_dir=store, progress=False)
    assert len({p.name for p in store.rglob("*.arrowpack")}) == len(entries)
    assert len(kept) == len(entries) + 2


def test_a_second_build_into_the_same_output_folder_is_refused(tmp_path: Path) -> None:
    folder = hand_made_folder(tmp_path / "corpus")
    out = tmp_path / "out"
    out.mkdir()

    def busy(holder: str) -> AnalysisError:
        return AnalysisError(holder)

    with outputs.folder_lock(out, busy):  # another build writes it
        with pytest.raises(AnalysisError, match=r"'.*out' is being written by another build; wait"):
            pipeline.build_and_write(folder, out, jobs=1, use_cache=False, progress=False)
        assert list(out.iterdir()) == []
    _, paths = pipeline.build_and_write(folder, out, jobs=1, use_cache=False, progress=False)
    assert paths  # written once the other build is done
    assert not (out / outputs.LOCK_FILE).exists()  # the folder itself was locked


def test_a_traditional_corpus_read_as_written_gets_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    trad = "十堰市召開能力作風建設推進會。會議強調，要發揚實幹精神。\n"
    (tmp_path / "trad.txt").write_text(trad, encoding="utf-8")
    (tmp_path / "simp.txt").write_text("十堰市召开能力作风建设推进会。\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="analysis"):
        pipeline.build(tmp_path, jobs=1, use_cache=False)
    assert "1 of 2 files look like Traditional Chinese (trad.txt)" in caplog.text
    assert "--script simplified" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="analysis"):
        pipeline.build(tmp_path, jobs=1, use_cache=False, script="simplified")
    assert "Traditional" not in caplog.text
