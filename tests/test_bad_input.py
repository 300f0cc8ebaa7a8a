"""Bad input: every case of ``tests/bad_inputs.py`` ends in a correct result or a clear message.

The table of cases and outcomes is ``docs/bad_input.md``.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import cli, corpus, lexicons, pipeline, schema, table_files
from analysis.errors import CorpusError, LexiconError
from tests import bad_inputs, hardening, invariants
from tests.bad_inputs import BODY, CASES, Case

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bad_inputs.write(tmp_path_factory.mktemp("bad"))


@pytest.fixture(scope="module")
def bad_tables(bad_corpus: Path) -> pipeline.Tables:
    return pipeline.build(bad_corpus)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_case_alone(tmp_path: Path, case: Case) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "anchor.txt").write_text(BODY, encoding="utf-8")
    case.make(root / case.name)
    c = corpus.load(root)
    docs = c.documents.set_index("file")
    if case.encoding:
        assert case.name in docs.index and c.skipped.empty
        assert docs.loc[case.name, "encoding"] == case.encoding
        assert c.texts[case.name] == case.text  # decoded exactly: BOM removed, nothing else
        assert docs.loc[case.name, "n_chars"] == len(case.text)
        outcome = f"document ({case.encoding})"
    else:
        assert list(docs.index) == ["anchor.txt"]
        rows = c.skipped[c.skipped["file"] == case.name]
        assert rows["reason"].tolist() == [case.reason]
        assert re.search(case.detail, rows["detail"].iloc[0]), rows["detail"].iloc[0]
        outcome = f"skipped: {case.reason}"
    hardening.record("bad input (load)", case.name, outcome)


def test_whole_bad_corpus_builds_and_nothing_is_lost(
    bad_corpus: Path, bad_tables: pipeline.Tables
) -> None:
    texts = corpus.load(bad_corpus).texts
    docs = bad_tables["documents"].set_index("file")
    assert sorted(docs.index) == sorted(c.name for c in CASES if c.encoding)
    skipped = bad_tables["skipped"]
    assert sorted(zip(skipped["file"], skipped["reason"], strict=True)) == sorted(
        (c.name, c.reason) for c in CASES if c.reason
    )
    assert invariants.problems(bad_tables, texts) == []
    assert docs["doc_id"].is_unique and bad_tables["articles"]["article_id"].is_unique
    for file, flags in bad_inputs.DUPLICATES.items():
        assert (docs.loc[file, "duplicate_of"], docs.loc[file, "near_duplicate_of"]) == flags
    # flagged, never merged: every duplicate keeps its own articles
    assert set(bad_tables["articles"]["file"]) == set(docs.index)
    hardening.record("accounted corpora", "bad-input corpus", str(invariants.counts(bad_tables)))


@pytest.mark.parametrize("name", ["crlf.txt", "cr.txt"])
def test_crlf_and_lone_cr_break_lines_and_keep_raw_offsets(
    bad_tables: pipeline.Tables, bad_corpus: Path, name: str
) -> None:
    arts = bad_tables["articles"]
    lf = arts.loc[arts["file"] == "with space.txt", "text"].tolist()
    got = arts.loc[arts["file"] == name]
    assert "\r" not in "".join(got["text"])
    assert got["text"].tolist()[-1:] == lf  # same paragraphs as the LF copy
    raw = corpus.load(bad_corpus).texts[name]
    omap = got[schema.OFFSET_MAP].iloc[-1]
    text = got["text"].iloc[-1]
    i = text.index("会议要求")
    s, e = omap.span(i, i + 4)
    assert raw[s:e] == "会议要求" and "\r" in raw[:s]


def test_rare_characters_survive_gb18030_and_utf16(bad_tables: pipeline.Tables) -> None:
    arts = bad_tables["articles"].set_index("file")
    for file in ("gb18030.txt", "utf16le.txt", "utf16be.txt"):
        assert "鍾镕堃喆" in arts.loc[file, "text"] and "𠀀㐀" in arts.loc[file, "text"]
    assert "鍾镕堃喆" in arts.loc["gbk.txt", "text"]


def test_traditional_is_converted_in_the_analysis_copy_only(bad_corpus: Path) -> None:
    c = corpus.load(bad_corpus)
    gaz = lexicons.load_gazetteer()
    docs = c.documents[c.documents["file"] == "traditional.txt"]
    arts, log_ = corpus.split(docs, c.texts, gazetteer=gaz, script="simplified")
    text = arts["text"].iloc[0]
    assert "召开能力作风建设推进会" in text and "发扬实干精神" in text
    i = text.index("发扬")
    s, e = arts[schema.OFFSET_MAP].iloc[0].span(i, i + 2)
    assert c.texts["traditional.txt"][s:e] == "發揚"
    assert corpus.account({"traditional.txt": c.texts["traditional.txt"]}, arts, log_).empty
    hardening.record("bad input (split)", "traditional.txt", "script='simplified': converted")


def test_unreadable_file_is_skipped_with_the_os_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ok.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "locked.txt").write_text(BODY, encoding="utf-8")
    read_bytes = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    c = corpus.load(tmp_path)
    assert c.documents["file"].tolist() == ["ok.txt"]
    assert c.skipped.to_dict("records") == [
        {
            "file": "locked.txt",
            "reason": "unreadable",
            "detail": "cannot be read (Permission denied)",
        }
    ]
    hardening.record("bad input (load)", "locked.txt (read denied)", "skipped: unreadable")


def test_manifest_with_missing_and_extra_rows(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "extra.txt").write_text(BODY + "。", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,date,title\na.txt,2024-01-02,甲\nmissing.txt,2024-01-03,乙\n", encoding="utf-8"
    )
    c = corpus.load(tmp_path)
    docs = c.documents.set_index("file")
    assert docs.loc["a.txt", "date"] == "2024-01-02"
    assert docs.loc["extra.txt", "date"] == ""  # not in the manifest: loaded, empty metadata
    assert c.skipped[["file", "reason"]].values.tolist() == [["missing.txt", "not_found"]]
    hardening.record("manifest", "row for a missing file", "skipped: not_found")
    hardening.record("manifest", "file without a row", "loaded, empty metadata (logged)")


@pytest.mark.parametrize(
    "label, manifest, message",
    [
        ("extra field", "file,date\na.txt,2024,x\n", r"manifest.csv, line 2: 3 fields where"),
        ("row twice", "file,date\na.txt,2024\n./a.txt,2025\n", r"line 3: 'a.txt' is listed twice"),
        ("no file column", "date,title\n2024,x\n", r"line 1: the first line must be a header"),
        ("empty file value", "file,date\n,2024\n", r"line 2, field 'file': empty value"),
        (
            "undecodable",
            b"file,date\n\xff\xfe,2024\n",
            r"manifest.csv: undecodable: not UTF-8 \(first bad byte at offset 10\) and not",
        ),
    ],
)
def test_malformed_manifest_names_file_and_line(
    tmp_path: Path, label: str, manifest: str | bytes, message: str
) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    data = manifest if isinstance(manifest, bytes) else manifest.encode()
    (tmp_path / "manifest.csv").write_bytes(data)
    with pytest.raises(CorpusError, match=message):
        corpus.load(tmp_path)
    hardening.record("manifest", label, "CorpusError naming the file and line")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "analysis", "tables", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
        check=False,
    )


def test_cli_exit_codes(tmp_path: Path, bad_corpus: Path) -> None:
    # bad files alone need no action: exit 0, one warning line per skipped file
    done = _cli("--corpus", str(bad_corpus), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    for case in CASES:
        if case.reason:
            assert f"skipped {case.name}: {case.reason} (" in done.stderr
    skipped = pd.read_csv(tmp_path / "out" / "skipped.csv", keep_default_na=False)
    assert len(skipped) == sum(bool(c.reason) for c in CASES)
    hardening.record("cli exit", "bad-input corpus", "0, one warning per skipped file")
    # the user must act: malformed manifest, nothing analysable, no folder
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "m" / "manifest.csv").write_text("file,date\na.txt,2024,x\n", encoding="utf-8")
    (tmp_path / "e").mkdir()
    (tmp_path / "e" / "zero.txt").write_bytes(b"")
    for folder, message in [
        ("m", r"manifest.csv, line 2: 3 fields"),
        ("e", r"none of its 1 .txt file\(s\) can be analysed: zero.txt \(empty: 0 bytes\)"),
        ("nope", r"does not exist or is not a folder"),
    ]:
        args = ["--corpus", str(tmp_path / folder), "--out", str(tmp_path / "o")]
        if folder == "m":  # one more real process; the others in-process (same exit path)
            done = _cli(*args)
            code, err = done.returncode, done.stderr
        else:
            with contextlib.redirect_stderr(io.StringIO()) as buf:
                code = cli.main(["tables", *args])
            err = buf.getvalue()
        assert code == 2
        assert re.fullmatch(rf"error: .*{message}.*\n", err), err
        assert not (tmp_path / "o").exists()
        hardening.record("cli exit", folder, "2, one error line")


def test_tables_of_the_bad_corpus_roundtrip_through_csv(
    bad_tables: pipeline.Tables, tmp_path: Path
) -> None:
    table_files.write(bad_tables, tmp_path)
    back = table_files.read(tmp_path)
    assert set(back) == set(bad_tables)
    for name, df in bad_tables.items():
        assert len(back[name]) == len(df), name
    for name, col in [("cleanup_log", "text"), ("articles", "text"), ("slogan_hits", "surface")]:
        assert back[name][col].astype(str).tolist() == bad_tables[name][col].tolist(), name
    hardening.record("table round trip", "bad-input corpus tables", "same rows and texts")


@pytest.mark.parametrize(
    "label, data, want",
    [
        ("UTF-8 with BOM", b"\xef\xbb\xbfname,level\n\xe5\x8d\x81,city\n", [("十", "city", 2)]),
        ("CRLF", b"name,level\r\nA,city\r\n", [("A", "city", 2)]),
        ("lone CR", b"name,level\rA,city\r", [("A", "city", 2)]),
        (
            "U+2028 inside a value",
            "name,level\nA\u2028B,city\n".encode(),
            [("A\u2028B", "city", 2)],
        ),
        ("comment and blank lines", b"# note\n\nname,level\n\n# x\nA,city\n", [("A", "city", 6)]),
        ("header only", b"name,level\n", []),
        ("zero bytes", b"", r"bad.csv: no header line"),
        ("NUL byte", b"name,level\nA\x00,city\n", r"bad.csv, line 2: NUL byte at byte offset 12"),
        ("GBK bytes", "name,level\n十堰,市\n".encode("gbk"), r"bad.csv: not valid UTF-8 at byte"),
        ("unclosed quote", b'name,level\n"A,city\n', r"bad.csv, line 2: 1 fields where the header"),
        ("missing column", b"name\nA\n", r"bad.csv, line 1: missing column\(s\) \['level'\]"),
        ("empty value", b"name,level\n,city\n", r"bad.csv, line 2, field 'name': empty value"),
        ("duplicate", b"name,level\nA,city\nA,county\n", r"line 3, field 'name': duplicate"),
    ],
)
def test_lexicon_loader_bad_input(
    tmp_path: Path, label: str, data: bytes, want: list[tuple[str, str, int]] | str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    kw = {"required": ["name", "level"], "non_empty": ["name"], "unique": ["name"]}
    if isinstance(want, str):
        with pytest.raises(LexiconError, match=want):
            lexicons.read_table(path, **kw)
        outcome = "LexiconError naming file and line"
    else:
        df = lexicons.read_table(path, **kw)
        assert list(df[["name", "level", "line"]].itertuples(index=False, name=None)) == want
        outcome = f"{len(want)} row(s), line numbers kept"
    hardening.record("lexicon loader", label, outcome)
