import codecs
import collections
import hashlib
import logging
import random
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import articles, corpus, lexicons, schema
from analysis.errors import CorpusError, DecodeError
from tests import helpers

TEXT = "十堰市竹溪县推进能力作风建设。\r\n全市上下干劲十足。\n"


def write(root: Path, name: str, data: bytes) -> Path:
    p = root / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
    ],
)
def test_load_decodes_every_encoding_exactly(tmp_path: Path, data: bytes, encoding: str) -> None:
    write(tmp_path, "a.txt", data)
    c = corpus.load(tmp_path)
    assert c.texts == {"a.txt": TEXT}  # no newline translation, BOM removed
    row = c.documents.iloc[0]
    assert (row["encoding"], row["n_bytes"], row["n_chars"]) == (encoding, len(data), len(TEXT))
    assert c.skipped.empty


def test_big5_is_not_read_as_gb18030_mojibake() -> None:
    # Big5 bytes also decode as GB18030, to rare characters and kana (セ厨癟 …).
    text = "本報訊 臺灣地區新增企業12家，同比增長15%。政府積極推動產業發展。"
    data = text.encode("big5")
    assert data.decode("gb18030").startswith("セ厨癟")
    assert corpus.decode(data, file="x.txt") == (text, "cp950")


def test_short_gbk_text_that_is_also_valid_big5_stays_gb18030() -> None:
    text = "本报讯 十堰市新增企业12家，同比增长15%。"
    data = text.encode("gbk")
    assert data.decode("cp950")  # decodes, to characters such as 掛惆捅
    assert corpus.decode(data, file="x.txt") == (text, "gb18030")


def test_decode_rejects_random_bytes_that_gb18030_would_accept() -> None:
    data = bytes([0x81, 0x30, 0x81, 0x30, 0xC1, 0x41, 0xFE, 0x7E]) * 4
    with pytest.raises(DecodeError, match=r"x.txt: undecodable: not UTF-8 .*offset 0"):
        corpus.decode(data, file="x.txt")


def test_damaged_utf8_is_undecodable_not_gb18030_mojibake() -> None:
    good = "十堰市竹溪县推进能力作风建设。".encode()
    data = good[:44] + b"@"  # the last byte of 。 destroyed
    assert data.decode("gb18030").startswith("鍗佸牥")  # GB18030 would give mojibake
    with pytest.raises(DecodeError, match=r"first bad byte at offset 42"):
        corpus.decode(data, file="x.txt")


def test_decode_names_the_byte_offset_of_a_bad_utf8_byte() -> None:
    data = b"abc" + b"\xff\xfe\xfd" + b"\x01"
    with pytest.raises(DecodeError, match=r"offset 3"):
        corpus.decode(data, file="x.txt")


#: Chinese text with ASCII, digits, ① and ℃ (UTF-16 without BOM: ASCII gives the NUL bytes).
UTF16_TEXT = "①十堰市今年GDP增长6.5%，最高气温32℃。\r\n会议要求：“三个一”、抓落实。\n"
#: 40 random bytes with one NUL byte (offset 37): strictly valid UTF-16-LE (see below).
NOISE = (
    b"\x85Xb\xaf\x88\x959 o$Td\xcb\x8by7\x1cn\x8ez3i_\x9e\xc4&&\x81\x98I\x95QD,=\xabt\x00\x1c\x82"
)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded_in_either_byte_order(tmp_path: Path, codec: str) -> None:
    data = UTF16_TEXT.encode(codec)
    assert corpus.decode(data, file="a.txt") == (UTF16_TEXT, codec)
    write(tmp_path, "a.txt", data)
    c = corpus.load(tmp_path)
    assert c.texts == {"a.txt": UTF16_TEXT}
    assert c.documents["encoding"].tolist() == [codec]
    assert c.skipped.empty


@pytest.mark.parametrize(
    "text, accepted",
    [
        ("十堰市举行会议\n", True),  # 8 characters (MIN_UTF16_CHARS)
        ("十堰举行会议\n", False),  # 7: too few to tell text from noise
        ("一", False),  # 1, and its other byte order "N" has more ASCII
        ("十堰市举行推进会，全市上下抓紧落实好인\n", True),  # 19 of 20 Chinese text: 0.95
        ("十堰市举行推进会，全市上下抓紧落实인\n", False),  # 18 of 19: 0.947
    ],
)
def test_utf16_without_bom_needs_8_characters_95_percent_chinese_text(
    text: str, accepted: bool
) -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        expected = (text, codec) if accepted else None
        assert corpus._utf16_without_bom(text.encode(codec)) == expected


def test_short_random_bytes_with_a_nul_byte_are_binary_not_utf16(tmp_path: Path) -> None:
    # Rare ideographs with Hangul 꽢, the snowman ⛄, Glagolitic ⱄ and Latin ꬽ: 16 of 20
    # characters are Chinese text (0.8). The former rule took it: 13 of its 19 non-ASCII
    # characters are CJK (0.68 >= MIN_CJK_SHARE).
    assert NOISE.decode("utf-16-le") == "墅꽢閈‹⑯摔诋㝹渜窎椳鹟⛄脦䦘冕ⱄꬽt舜"
    assert corpus._utf16_without_bom(NOISE) is None
    write(tmp_path, "good.txt", "正文。".encode())
    write(tmp_path, "x.txt", NOISE)
    c = corpus.load(tmp_path)
    assert c.texts == {"good.txt": "正文。"}
    assert c.skipped.values.tolist() == [
        [
            "x.txt",
            "binary",
            "contains NUL bytes (first at byte offset 37); if it is text, save it as UTF-8",
        ]
    ]


@pytest.mark.parametrize("pos", [0, 1, 21, 44])
def test_ascii_text_with_a_stray_nul_byte_is_binary_not_utf16(tmp_path: Path, pos: int) -> None:
    # Read two bytes at a time, English text gives ideographs made of two letters (he: U+6865 桥),
    # 95 % and more of them "Chinese text"; every character above U+00FF is such a pair.
    data = bytearray(b"The quick brown fox jumps over the lazy dog. \n")
    data[pos] = 0
    assert len(data) % 2 == 0
    assert corpus._utf16_without_bom(bytes(data)) is None
    write(tmp_path, "good.txt", "正文。".encode())
    write(tmp_path, "notes.txt", bytes(data))
    c = corpus.load(tmp_path)
    assert c.texts == {"good.txt": "正文。"}
    assert c.skipped.values.tolist() == [
        [
            "notes.txt",
            "binary",
            f"contains NUL bytes (first at byte offset {pos}); if it is text, save it as UTF-8",
        ]
    ]


def test_utf16_chinese_whose_ideographs_are_mostly_ascii_byte_pairs_is_still_decoded() -> None:
    # 汉江樱桃节: U+6C49 U+6C5F U+6A31 U+6843 U+8282, four of five are two ASCII bytes (0.8 < 0.9).
    text = "汉江樱桃节\n2023\n"
    assert corpus._ascii_pairs_share(text) == 0.8
    assert corpus._utf16_without_bom(text.encode("utf-16-le")) == (text, "utf-16-le")


def test_random_short_bytes_with_nul_bytes_are_rarely_taken_for_utf16() -> None:
    # Random strings of 2 to 40 bytes (even) with one to three NUL bytes; the former rule (an
    # ideograph, no control character, 60 % of the non-ASCII characters CJK) took 281 of these
    # 4000 (7.3 % of 200,000 such strings); now 0.024 % of 200,000 are taken.
    rng = random.Random(16)
    accepted = 0
    for _ in range(4000):
        data = bytearray(rng.randrange(1, 256) for _ in range(2 * rng.randint(1, 20)))
        for _ in range(rng.randint(1, 3)):
            data[rng.randrange(len(data))] = 0
        accepted += corpus._utf16_without_bom(bytes(data)) is not None
    assert accepted <= 4  # 0.1 %


@pytest.mark.parametrize(
    "name, data, reason, detail",
    [
        ("empty.txt", b"", "empty", "0 bytes"),
        ("blank.txt", " \n\u3000\n".encode(), "empty", "only whitespace"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "binary", "signature"),
        ("nul.txt", "正文".encode() + b"\x00\x00", "binary", "NUL bytes .*offset 6"),
        ("big.txt", "很长的正文。".encode() * 10, "too_large", "max_bytes=20"),
        ("bad.txt", b"ok \xff\xfe\xfd\x80\x80", "undecodable", "offset 3"),
    ],
)
def test_load_lists_unusable_files_in_skipped(
    tmp_path: Path, name: str, data: bytes, reason: str, detail: str
) -> None:
    write(tmp_path, "good.txt", "正文。".encode())
    write(tmp_path, name, data)
    c = corpus.load(tmp_path, max_bytes=20)
    assert list(c.documents["file"]) == ["good.txt"]
    assert list(c.skipped.columns) == list(schema.SKIPPED)
    row = c.skipped.iloc[0]
    assert (row["file"], row["reason"]) == (name, reason)
    assert re.search(detail, row["detail"])


def test_load_is_recursive_sorted_and_uses_posix_paths(tmp_path: Path) -> None:
    for name in ["b/z.txt", "a.txt", "b/a.txt", ".hidden/x.txt", "c.md", "d/E.TXT"]:
        write(tmp_path, name, "正文。".encode())
    c = corpus.load(tmp_path)
    assert list(c.documents["file"]) == ["a.txt", "b/a.txt", "b/z.txt", "d/E.TXT"]
    assert list(c.documents["doc_id"]) == ["a", "b-a", "b-z", "d-E"]  # stems repeat → path ids


def test_manifest_adds_metadata_and_reports_absent_and_unlisted_files(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(tmp_path, "x/a.txt", "正文。".encode())
    write(tmp_path, "b.txt", "正文。".encode())
    write(
        tmp_path,
        "manifest.csv",
        "file,date,sha256\n./x/a.txt,2023-07,abc\ngone.txt,2024,\n".encode("utf-8-sig"),
    )
    with caplog.at_level(logging.INFO):
        c = corpus.load(tmp_path)
    docs = c.documents.set_index("file")
    assert docs.loc["x/a.txt", "date"] == "2023-07"
    assert docs.loc["x/a.txt", "manifest_sha256"] == "abc"
    assert docs.loc["b.txt", "date"] == ""
    assert "not listed in manifest.csv" in caplog.text and "b.txt" in caplog.text
    assert c.skipped.to_dict("records") == [
        {
            "file": "gone.txt",
            "reason": "not_found",
            "detail": "listed in manifest.csv line 3 but there is no such file",
        }
    ]


def test_manifest_home_unit_is_the_subject_of_articles_naming_no_unit(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "粮食产量达到6.5亿吨。".encode())
    write(tmp_path, "b.txt", "竹溪县新建学校3所。".encode())
    write(tmp_path, "c.txt", "新建学校3所。".encode())
    manifest = "file,date,home_unit\na.txt,2023,全国\nb.txt,2023,全国\nc.txt,2023,\n"
    write(tmp_path, "manifest.csv", manifest.encode())
    c = corpus.load(tmp_path)
    arts, _ = corpus.split(c.documents, c.texts, gazetteer=lexicons.load_gazetteer())
    got = arts[["file", "subject", "subject_level"]].to_dict("split")["data"]
    assert got == [["a.txt", "全国", "national"], ["b.txt", "竹溪县", "county"], ["c.txt", "", ""]]


@pytest.mark.parametrize(
    "data",
    [
        "file,date,title\n报道.txt,2023-07,十堰日报\n".encode(
            "gbk"
        ),  # Excel "CSV" on a Chinese system
        codecs.BOM_UTF16_LE
        + "file\tdate\ttitle\n报道.txt\t2023-07\t十堰日报\n".encode("utf-16-le"),
        "file\tdate\ttitle\n报道.txt\t2023-07\t十堰日报\n".encode(),
    ],
    ids=["gbk-comma", "utf16-tab", "utf8-tab"],
)
def test_manifest_in_gbk_or_utf16_or_with_tabs_is_read(tmp_path: Path, data: bytes) -> None:
    write(tmp_path, "报道.txt", "正文。".encode())
    write(tmp_path, "manifest.csv", data)
    docs = corpus.load(tmp_path).documents
    assert docs[["file", "date", "title"]].values.tolist() == [["报道.txt", "2023-07", "十堰日报"]]


@pytest.mark.parametrize(
    "manifest, message",
    [
        ("name,date\na.txt,2023\n", r"manifest.csv, line 1: the first line must be a header"),
        ("file,date\na.txt,2023,extra\n", r"manifest.csv, line 2: 3 fields where the header"),
        ("file,date\na.txt,2023\na.txt,2024\n", r"line 3: 'a.txt' is listed twice"),
        (
            "file,date\na.txt,2023-13-45\n",
            r"manifest.csv, line 2, field 'date': date '2023-13-45' is not a date; write "
            r"YYYY-MM-DD",
        ),
        ("file,date\na.txt,26.07.2023\n", r"line 2, field 'date': date '26.07.2023' is not"),
        ("file,date\na.txt,2023-02-29\n", r"line 2, field 'date': date '2023-02-29' is not"),
    ],
)
def test_malformed_manifest_is_an_error_naming_the_line(
    tmp_path: Path, manifest: str, message: str
) -> None:
    write(tmp_path, "a.txt", "正文。".encode())
    write(tmp_path, "manifest.csv", manifest.encode())
    with pytest.raises(CorpusError, match=message):
        corpus.load(tmp_path)


def test_manifest_dates_are_written_in_iso_form(tmp_path: Path) -> None:
    for name in ("a", "b", "c", "d", "e"):
        write(tmp_path, f"{name}.txt", "正文。".encode())
    manifest = (
        "file,date\na.txt,2023/7/26\nb.txt,2023年7月\nc.txt,2024-02-29 10:30:00\nd.txt,2023\n"
        "e.txt,\n"
    )
    write(tmp_path, "manifest.csv", manifest.encode())
    docs = corpus.load(tmp_path).documents
    assert docs["date"].tolist() == ["2023-07-26", "2023-07", "2024-02-29", "2023", ""]


def test_missing_or_empty_folder_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"'.*nope' does not exist or is not a folder\.$"):
        corpus.load(tmp_path / "nope")
    write(tmp_path, "notes.md", b"x")
    with pytest.raises(CorpusError, match=r"holds no \.txt file\.$"):
        corpus.load(tmp_path)


def test_cli_tables_error_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from analysis import cli

    assert cli.main(["tables", "--corpus", str(tmp_path), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: corpus folder") and err.count("\n") == 1


def test_load_is_deterministic(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", TEXT.encode("gb18030"))
    first, second = corpus.load(tmp_path), corpus.load(tmp_path)
    assert first.documents.equals(second.documents)


GOV = helpers.GOV_REPORTS


@pytest.mark.skipif(not GOV.is_dir(), reason="gov_reports corpus not available")
def test_gov_reports_one_article_per_file_with_manifest_dates() -> None:
    c = corpus.load(GOV)
    arts, log = corpus.split(c.documents, c.texts, gazetteer=lexicons.load_gazetteer())
    assert len(c.documents) == 84 and c.skipped.empty
    assert len(arts) == 84 and (arts["parent_id"] == "").all()
    gwr = arts.set_index("file").loc["texts/gwr_2017.txt"]
    assert gwr["date"] == "2017"
    assert gwr["headline"] == c.documents.set_index("file").loc["texts/gwr_2017.txt", "title"]
    assert corpus.account(c.texts, arts, log).empty


def test_link_leading_out_of_the_corpus_is_skipped(tmp_path: Path) -> None:
    outside = write(tmp_path, "outside/secret.txt", "正文。".encode())
    root = tmp_path / "corpus"
    write(root, "a.txt", "正文。".encode())
    (root / "link.txt").symlink_to(outside)
    c = corpus.load(root)
    assert list(c.documents["file"]) == ["a.txt"]
    assert c.skipped[["file", "reason"]].values.tolist() == [["link.txt", "outside_corpus"]]


LONG = (
    "十堰市召开能力作风建设推进会，会议要求全市上下以钉钉子精神抓落实，"
    "聚焦项目建设、营商环境和民生实事，推动各项工作提质增效。"
) * 3


@pytest.mark.parametrize(
    "texts, shas, exact, near",
    [
        # identical bytes: exact duplicate of the first file, never a near duplicate too
        ({"a": LONG, "b": LONG}, ["x", "x"], ["", "a"], ["", ""]),
        # same characters, other line breaks: near duplicate (whitespace is not shingled)
        ({"a": LONG, "b": LONG.replace("，", "，\r\n")}, ["x", "y"], ["", ""], ["", "a"]),
        # one character changed in a long text: near duplicate
        ({"a": LONG, "b": LONG[:-1] + "！"}, ["x", "y"], ["", ""], ["", "a"]),
        # different texts
        ({"a": LONG, "b": "郧阳区开展植树活动。"}, ["x", "y"], ["", ""], ["", ""]),
        # the first earlier match is named, in file order
        (
            {"a": LONG, "b": LONG + "。", "c": LONG + "！"},
            ["x", "y", "z"],
            ["", "", ""],
            ["", "a", "a"],
        ),
    ],
)
def test_duplicates_flags_exact_and_near(
    texts: dict[str, str], shas: list[str], exact: list[str], near: list[str]
) -> None:
    docs = pd.DataFrame({"file": list(texts), "sha256": shas})
    got = corpus.duplicates(docs, texts)
    assert list(got.columns) == ["file", "duplicate_of", "near_duplicate_of"]
    assert got["duplicate_of"].tolist() == exact
    assert got["near_duplicate_of"].tolist() == near


def test_duplicates_prefix_filter_equals_all_pairs() -> None:
    rng = random.Random(0)
    base = list(LONG)
    texts = {}
    for n in range(30):
        chars = base.copy()
        for _ in range(rng.randrange(0, 12)):
            chars[rng.randrange(len(chars))] = rng.choice("十堰市区县乡")
        texts[f"f{n:02d}"] = "".join(chars)
        if n % 4 == 3:  # exact copies of earlier documents, between the others
            texts[f"f{n:02d}c"] = texts[f"f{rng.randrange(n + 1):02d}"]
    docs = pd.DataFrame({"file": list(texts), "sha256": [str(hash(t)) for t in texts.values()]})
    got = corpus.duplicates(docs, texts)["near_duplicate_of"].tolist()
    sets = {f: set(corpus._shingles(t, corpus.SHINGLE).tolist()) for f, t in texts.items()}
    files = list(texts)
    want = []
    for i, f in enumerate(files):
        match = ""
        for g in files[:i]:
            if texts[g] == texts[f]:
                continue
            a, b = sets[f], sets[g]
            if len(a & b) / len(a | b) >= corpus.NEAR_DUPLICATE:
                match = g
                break
        want.append(match if docs["sha256"][i] not in set(docs["sha256"][:i]) else "")
    assert got == want
    assert any(want)


@pytest.mark.parametrize(
    "texts, threshold",
    [
        # 2 of 4 distinct shingles shared: Jaccard 0.5 exactly
        ({"a": "ABCDEFG", "b": "ABCDEFH"}, 0.5),
        # 9 shingles inside 10: Jaccard 9 / 10, the default threshold
        ({"a": "十堰市召开能力作风建设推进", "b": "十堰市召开能力作风建设推进会"}, 0.9),
    ],
)
def test_duplicates_finds_pairs_exactly_at_the_threshold(
    texts: dict[str, str], threshold: float
) -> None:
    docs = pd.DataFrame({"file": list(texts), "sha256": ["x", "y"]})
    got = corpus.duplicates(docs, texts, threshold=threshold)
    assert got["near_duplicate_of"].tolist() == ["", "a"]


def _reference_shingles(text: str, k: int) -> set[str]:
    """The ``k``-character shingles of ``text`` without whitespace, as strings."""
    s = re.sub(r"\s+", "", text)
    if len(s) < k:
        return {s} if s else set()
    return {s[i : i + k] for i in range(len(s) - k + 1)}


def _reference_duplicates(texts: dict[str, str], threshold: float) -> tuple[list[str], list[str]]:
    """All-pairs duplicates: exact (same bytes) and near (first earlier file, other bytes)."""
    files = list(texts)
    shingles = {f: _reference_shingles(t, corpus.SHINGLE) for f, t in texts.items()}
    exact, near = [], []
    for i, f in enumerate(files):
        same = [g for g in files[:i] if texts[g].encode() == texts[f].encode()]
        exact.append(same[0] if same else "")
        match = ""
        for g in files[:i]:
            a, b = shingles[f], shingles[g]
            if same or texts[g] == texts[f] or not a or not b:
                continue
            if len(a & b) / len(a | b) >= threshold:
                match = g
                break
        near.append(match)
    return exact, near


def _random_corpus(rng: random.Random) -> dict[str, str]:
    """Near-duplicate chains, exact copies, empty, whitespace-only and very short texts."""
    alphabet = "十堰市区县乡镇村能力作风建设推进会项目"
    texts: list[str] = []
    for _ in range(rng.randrange(1, 40)):
        roll = rng.random()
        if roll < 0.1:
            texts.append(rng.choice(["", " ", "\r\n", "\u3000\t"]))
        elif roll < 0.2:
            texts.append("".join(rng.choices(alphabet, k=rng.randrange(1, corpus.SHINGLE + 1))))
        elif roll < 0.3 and texts:
            texts.append(rng.choice(texts))
        elif roll < 0.6 and texts:  # edit an earlier text: chains of near duplicates
            chars = list(rng.choice(texts))
            for _ in range(rng.randrange(0, 4)):
                at = rng.randrange(len(chars) + 1)
                op = rng.random()
                if op < 0.4 and chars:
                    chars[min(at, len(chars) - 1)] = rng.choice(alphabet)
                elif op < 0.7:
                    chars.insert(at, rng.choice(alphabet + " \n"))
                elif chars:
                    del chars[min(at, len(chars) - 1)]
            texts.append("".join(chars))
        else:
            texts.append("".join(rng.choices(alphabet, k=rng.randrange(6, 120))))
    return {f"f{n:02d}.txt": t for n, t in enumerate(texts)}


@pytest.mark.parametrize("seed", range(60))
def test_duplicates_equals_all_pairs_reference(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    if seed % 2:  # tiny batches and buckets: texts cross hashing batches, shingles many buckets
        monkeypatch.setattr(corpus, "_BATCH", rng.randrange(1, 60))
        monkeypatch.setattr(corpus, "_BUCKET", rng.randrange(1, 40))
        monkeypatch.setattr(corpus, "_VERIFY", 2)
    texts = _random_corpus(rng)
    threshold = rng.choice([corpus.NEAR_DUPLICATE, 0.5, 0.75, 1.0])
    docs = pd.DataFrame(
        {
            "file": list(texts),
            "sha256": [hashlib.sha256(t.encode()).hexdigest() for t in texts.values()],
        }
    )
    got = corpus.duplicates(docs, texts, threshold=threshold)
    exact, near = _reference_duplicates(texts, threshold)
    assert got["duplicate_of"].tolist() == exact
    assert got["near_duplicate_of"].tolist() == near


def test_shingle_sets_equal_shingles_of_each_text(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(1)
    texts = ["".join(rng.choices("十堰市区县 \n", k=rng.randrange(0, 30))) for _ in range(50)]
    monkeypatch.setattr(corpus, "_BATCH", 17)
    values, offsets = corpus._shingle_sets(texts, corpus.SHINGLE)
    for i, t in enumerate(texts):
        want = corpus._shingles(t, corpus.SHINGLE)
        assert values[offsets[i] : offsets[i + 1]].tolist() == want.tolist()
        assert len(want) == len(_reference_shingles(t, corpus.SHINGLE))


def test_document_frequencies_count_sets(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["十堰市召开推进会", "十堰市召开大会", "竹溪县召开推进会", "十堰"]
    values, offsets = corpus._shingle_sets(texts, 3)
    want = collections.Counter(values.tolist())
    monkeypatch.setattr(corpus, "_BUCKET", 4)
    df = corpus._document_frequencies(values, offsets)
    assert df.tolist() == [want[v] for v in values.tolist()]
    assert max(df.tolist()) == 2


def test_split_simplified_converts_analysis_copy_only() -> None:
    raw = "十堰市召開能力作風建設推進會。會議強調，要發揚實幹精神。\n"
    docs = pd.DataFrame({"file": ["t.txt"], "doc_id": ["t"]})
    gaz = lexicons.load_gazetteer()
    kept, log_kept = corpus.split(docs, {"t.txt": raw}, gazetteer=gaz)
    arts, log_ = corpus.split(docs, {"t.txt": raw}, gazetteer=gaz, script="simplified")
    text = arts["text"].iloc[0]
    assert "召开能力作风建设推进会" in text and "召開" in kept["text"].iloc[0]
    assert len(text) == len(kept["text"].iloc[0])
    i = text.index("发扬")
    s, e = arts[schema.OFFSET_MAP].iloc[0].span(i, i + 2)
    assert raw[s:e] == "發揚"
    assert corpus.account({"t.txt": raw}, arts, log_).empty
    assert log_.equals(log_kept)


#: A page of two articles in Traditional characters (title, byline, body; title, subtitle,
#: byline, body), and the same page in Simplified.
TRADITIONAL_PAGE = (
    "全市能力作風建設推進會召開\n\n記者 張三 通訊員 李四\n\n"
    "7月25日，全市加強能力作風建設推進會召開。會議強調，要對標先進、爭創一流。\n\n"
    "用好績效指揮棒\n\n——訪竹溪縣委組織部負責人\n\n通訊員 王五\n\n今年以來，竹溪縣新增項目12個。\n"
)
SIMPLIFIED_PAGE = (
    "全市能力作风建设推进会召开\n\n记者 张三 通讯员 李四\n\n"
    "7月25日，全市加强能力作风建设推进会召开。会议强调，要对标先进、争创一流。\n\n"
    "用好绩效指挥棒\n\n——访竹溪县委组织部负责人\n\n通讯员 王五\n\n今年以来，竹溪县新增项目12个。\n"
)


def test_split_simplified_reads_a_traditional_page_as_its_simplified_twin() -> None:
    # The cleanup rules and bylines are Simplified (记者, not 記者): with script="simplified"
    # the page is read on a Simplified view, so it splits as its Simplified twin does.
    docs = pd.DataFrame({"file": ["t.txt"], "doc_id": ["t"]})
    gaz = lexicons.load_gazetteer()
    columns = ["headline", "subtitle", "byline", "subject", "start", "end", "text"]
    twin, _ = corpus.split(docs, {"t.txt": SIMPLIFIED_PAGE}, gazetteer=gaz)
    arts, log_ = corpus.split(docs, {"t.txt": TRADITIONAL_PAGE}, gazetteer=gaz, script="simplified")
    assert arts[columns].values.tolist() == twin[columns].values.tolist()
    assert twin["subject"].tolist() == ["十堰市", "竹溪县"]
    assert log_["text"].tolist()[:2] == ["全市能力作風建設推進會召開", "記者 張三 通訊員 李四"]
    assert corpus.account({"t.txt": TRADITIONAL_PAGE}, arts, log_).empty
    as_is, _ = corpus.split(docs, {"t.txt": TRADITIONAL_PAGE}, gazetteer=gaz)
    assert len(as_is) == 1  # read as written, the page is one article without headline


def test_doc_ids_stay_unique_when_names_collide(tmp_path: Path) -> None:
    for name in ["a.txt", "a.TXT", "b/a.txt", "b-a.txt", "c.txt"]:
        write(tmp_path, name, "正文。".encode())
    ids = corpus.load(tmp_path).documents.set_index("file")["doc_id"].to_dict()
    assert ids == {
        "a.TXT": "a.TXT",
        "a.txt": "a.txt",
        "b-a.txt": "b-a.txt",
        "b/a.txt": "b-a.txt~2",
        "c.txt": "c",
    }


@pytest.mark.parametrize(
    "text, refused",
    [
        ("<!DOCTYPE html><title>十堰</title>", True),
        ("  <html lang='zh'>十堰市</html>", True),
        ("<div>十堰</div><p>推进会</p>", True),
        ("十堰市召开推进会。<br>会议要求落实。<br/>", False),  # stray tags stay in the text
        ("增长率<5%，指数>3。《十堰日报》<十堰>", False),
    ],
)
def test_html_pages_are_refused_stray_tags_are_kept(
    tmp_path: Path, text: str, refused: bool
) -> None:
    write(tmp_path, "ok.txt", "正文。".encode())
    write(tmp_path, "x.txt", text.encode())
    c = corpus.load(tmp_path)
    assert ("x.txt" in c.skipped["file"].tolist()) == refused
    if refused:
        assert c.skipped["reason"].tolist() == ["markup"]
        assert "save it as plain text" in c.skipped["detail"].iloc[0]


def test_nul_bytes_anywhere_make_a_file_binary(tmp_path: Path) -> None:
    write(tmp_path, "ok.txt", "正文。".encode())
    write(tmp_path, "late.txt", "正文。\n".encode() * 20000 + b"\x00")
    c = corpus.load(tmp_path)
    assert c.skipped[["file", "reason"]].values.tolist() == [["late.txt", "binary"]]
    assert "first at byte offset 200000" in c.skipped["detail"].iloc[0]


def test_split_tables_equal_the_concatenated_tables_of_each_document() -> None:
    # One page with a cleanup log, one plain document without: the log's columns are then
    # object, as when one table per document was concatenated.
    page = "要闻\n\n标题\n本报讯（记者 张三）十堰市召开会议。\n"
    texts = {"a.txt": page, "b.txt": "正文一句。\n"}
    docs = pd.DataFrame({"file": ["a.txt", "b.txt"], "doc_id": ["a", "b"]})
    gaz = lexicons.load_gazetteer()
    arts, log_ = corpus.split(docs, texts, gazetteer=gaz)
    matcher = articles.UnitMatcher(gaz)
    one = [
        articles.split_document(texts[f], file=f, doc_id=f[0], date="", title="", matcher=matcher)
        for f in ("a.txt", "b.txt")
    ]
    want_arts = pd.concat([a for a, _ in one], ignore_index=True)
    want_log = pd.concat([g for _, g in one], ignore_index=True)
    assert len(log_) > 0 and one[1][1].empty
    assert list(log_.dtypes) == list(want_log.dtypes) == [object] * len(schema.CLEANUP_LOG)
    pd.testing.assert_frame_equal(log_, want_log)
    pd.testing.assert_frame_equal(arts, want_arts)
