from __future__ import annotations

import math
import random
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from jieba import finalseg

from analysis import segmenter, tokens
from tests import fixtures_tokens as fx
from tests import helpers

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
GOV_TEXTS = sorted((helpers.GOV_REPORTS / "texts").glob("*.txt"))


def jieba_cut(tk: tokens.Tokenizer, text: str, hmm: bool = True) -> list[str]:
    return list(tk.jieba.cut(text, HMM=hmm))


def tiny_jieba(tmp_path: Path, lines: list[str]) -> tokens.Tokenizer:
    """A tokenizer on a hand-made base dictionary (``word freq`` lines), no entries."""
    path = tmp_path / "dict.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tokens.build_tokenizer(tokens.user_entries(), units=None, dictionary=str(path))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我来到北京清华大学", ["我", "来到", "北京", "清华大学"]),
        # HMM words for what the dictionary does not know (jieba's own example).
        ("他来到了网易杭研大厦", ["他", "来到", "了", "网易", "杭研", "大厦"]),
        # Whitespace tokens: one space character each, \r\n as one.
        ("今天 天气\r\n很好", ["今天", " ", "天气", "\r\n", "很", "好"]),
        ("", []),
    ],
)
def test_cut_known_segmentations(text: str, expected: list[str]) -> None:
    tk = fx.plain()
    assert tk.fast is not None
    assert segmenter.cut(tk.fast, text) == expected
    assert jieba_cut(tk, text) == expected


def test_equal_routes_go_to_the_longer_first_word(tmp_path: Path) -> None:
    # 甲乙+丙 and 甲+乙丙 have the same words' frequencies (4 and 4): the same sum, computed
    # the same way; jieba's max over (sum, end) takes the larger end, i.e. 甲乙.
    tk = tiny_jieba(tmp_path, ["甲乙 4", "丙 4", "甲 4", "乙丙 4", "丁 2"])
    assert tk.fast is not None
    assert segmenter.cut(tk.fast, "甲乙丙") == ["甲乙", "丙"]
    assert jieba_cut(tk, "甲乙丙") == ["甲乙", "丙"]


def test_prefix_only_entries_and_unknown_characters(tmp_path: Path) -> None:
    # 甲乙丙丁 makes 甲乙丙 a prefix (frequency 0): never a word, but the path to 甲乙丙丁.
    tk = tiny_jieba(tmp_path, ["甲乙丙丁 3", "甲 1", "乙 1", "丙 1", "戊 1"])
    assert tk.fast is not None
    for text in ["甲乙丙丁", "甲乙丙戊", "戊己庚甲乙丙", "甲乙丙"]:
        assert segmenter.cut(tk.fast, text) == jieba_cut(tk, text)
        assert segmenter.cut(tk.fast, text, hmm=False) == jieba_cut(tk, text, hmm=False)
    assert segmenter.cut(tk.fast, "甲乙丙丁") == ["甲乙丙丁"]


def test_without_hmm_ascii_letters_and_digits_are_joined() -> None:
    tk = fx.plain()
    assert tk.fast is not None
    text = "我爱Python3和C++，他来到了网易杭研大厦"
    expected = jieba_cut(tk, text, hmm=False)
    assert "Python3" in expected and "杭研" not in expected
    assert segmenter.cut(tk.fast, text, hmm=False) == expected


def test_force_split_words_are_read_at_every_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    # jieba's del_word adds to finalseg.Force_Split_Words, a module-level set; both cuts see it.
    tk = fx.plain()
    assert tk.fast is not None
    monkeypatch.setattr(finalseg, "Force_Split_Words", {"杭研"})
    expected = ["他", "来到", "了", "网易", "杭", "研", "大厦"]
    assert jieba_cut(tk, "他来到了网易杭研大厦") == expected
    assert segmenter.cut(tk.fast, "他来到了网易杭研大厦") == expected


def test_random_strings_cut_as_jieba_does() -> None:
    # Characters of the seed pages plus ASCII, punctuation and whitespace, in random order:
    # routes, ties, HMM runs, mixed blocks and whitespace all occur.
    tk = fx.campaign()
    assert tk.fast is not None
    alphabet = sorted(set("".join(p.read_text(encoding="utf-8") for p in SEEDS)))
    alphabet += list(" \r\n\tabcXYZ019.%-_+#&")
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        for hmm in (True, False):
            assert segmenter.cut(tk.fast, text, hmm=hmm) == jieba_cut(tk, text, hmm), text


def test_seed_pages_cut_as_jieba_does() -> None:
    tk = fx.campaign()
    assert tk.fast is not None
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        assert segmenter.cut(tk.fast, text) == jieba_cut(tk, text), path.name


@pytest.mark.skipif(not GOV_TEXTS, reason="government reports corpus not available")
def test_government_reports_cut_as_jieba_does() -> None:
    tk = fx.campaign()
    assert tk.fast is not None
    for path in GOV_TEXTS[::8]:  # every 8th report, 1954-2025 (all of them: make bench tokens)
        text = path.read_text(encoding="utf-8")
        assert segmenter.cut(tk.fast, text) == jieba_cut(tk, text), path.name


def test_tokenizer_backends_give_the_same_tokens() -> None:
    entries = tokens.user_entries(slogans=fx.SLOGANS, gazetteer=fx.GAZETTEER)
    fast = tokens.build_tokenizer(entries, units=["元", "%"])
    slow = tokens.build_tokenizer(entries, units=["元", "%"], backend="jieba")
    assert fast.fast is not None and slow.fast is None
    text = SEEDS[0].read_text(encoding="utf-8")
    assert tokens.segment(fast, text) == tokens.segment(slow, text)


def test_snapshot_is_not_used_after_the_dictionary_changes() -> None:
    entries = tokens.user_entries()
    tk = tokens.build_tokenizer(entries, units=None)
    assert [t for t, _, _ in tokens.segment(tk, "杭研大厦")] == ["杭研", "大厦"]
    tk.jieba.add_word("杭研大厦", 100000)  # changes jieba's total: segment falls back to jieba
    assert [t for t, _, _ in tokens.segment(tk, "杭研大厦")] == ["杭研大厦"]


@pytest.mark.parametrize("steps", [64, 2])
def test_routes_found_together_match_jieba(monkeypatch: pytest.MonkeyPatch, steps: int) -> None:
    # Every text routed with arrays (VECTOR_MIN 0); with 2 steps, positions farther than two
    # characters from their block's end are routed one by one.
    monkeypatch.setattr(segmenter, "VECTOR_MIN", 0)
    monkeypatch.setattr(segmenter, "STEPS", steps)
    tk = fx.campaign()
    assert tk.fast is not None
    alphabet = sorted(set("".join(p.read_text(encoding="utf-8") for p in SEEDS)))
    alphabet += list(" \r\n\tabcXYZ019.%-_+#&\x00")
    rng = random.Random(11)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(600)]
    for hmm in (True, False):
        for text in texts:
            assert segmenter.cut(tk.fast, text, hmm=hmm) == jieba_cut(tk, text, hmm), text
        assert segmenter.cut_many(tk.fast, texts, hmm=hmm) == [
            jieba_cut(tk, text, hmm) for text in texts
        ]


def test_cut_many_keeps_texts_apart() -> None:
    # Long enough together to be routed with arrays: \r at the end of one text and \n at the
    # start of the next stay two tokens, and no word spans two texts; characters beyond the
    # Basic Multilingual Plane and lone surrogates are characters between blocks.
    tk = fx.campaign()
    assert tk.fast is not None
    texts = ["北京清华\r", "\n大学", "", "创一", "流", "干唯一\ud800争第一😀\U0002a6a5们"] * 1000
    assert sum(map(len, texts)) >= segmenter.VECTOR_MIN
    assert segmenter.cut_many(tk.fast, texts) == [jieba_cut(tk, text) for text in texts]
    assert segmenter.cut_many(tk.fast, texts, hmm=False) == [
        jieba_cut(tk, text, hmm=False) for text in texts
    ]


def test_tiny_dictionaries_routed_together(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Equal sums, prefix-only entries and a dictionary whose words are all one character.
    monkeypatch.setattr(segmenter, "VECTOR_MIN", 0)
    for n, (lines, text) in enumerate(
        [
            (["甲乙 4", "丙 4", "甲 4", "乙丙 4", "丁 2"], "甲乙丙丁甲乙丙"),
            (["甲乙丙丁 3", "甲 1", "乙 1", "丙 1", "戊 1"], "甲乙丙丁，甲乙丙戊。戊己庚甲乙丙"),
            (["甲 1", "乙 2"], "甲乙丙 甲乙"),  # no entry of two characters
        ]
    ):
        (tmp_path / str(n)).mkdir()
        tk = tiny_jieba(tmp_path / str(n), lines)
        assert tk.fast is not None
        for hmm in (True, False):
            assert segmenter.cut(tk.fast, text, hmm=hmm) == jieba_cut(tk, text, hmm), lines


def test_cut_many_routes_long_inputs_in_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    # Groups of about 50 characters: each group's routes are found on their own.
    monkeypatch.setattr(segmenter, "VECTOR_MIN", 0)
    monkeypatch.setattr(segmenter, "VECTOR_MAX", 50)
    tk = fx.campaign()
    assert tk.fast is not None
    text = SEEDS[0].read_text(encoding="utf-8")
    texts = [text[i : i + 37] for i in range(0, 2000, 37)]
    assert segmenter.cut_many(tk.fast, texts) == [jieba_cut(tk, t) for t in texts]


def test_entry_without_its_prefixes_is_never_found(monkeypatch: pytest.MonkeyPatch) -> None:
    # jieba always stores a word's prefixes; an entry lacking them is unreachable both ways.
    seg = segmenter.Segmenter(
        freq={"甲": 1, "甲乙丙": 2, "甲乙丙丁": 3, "乙": 1, "丙": 1, "丁": 1},
        logp={1: -1.0, 2: -0.5, 3: -0.1},
        miss=-9.0,
        total=1,
        model=segmenter._model(),
    )
    expected = ["甲", "乙", "丙", "丁"]
    assert segmenter.cut(seg, "甲乙丙丁", hmm=False) == expected
    monkeypatch.setattr(segmenter, "VECTOR_MIN", 0)
    assert segmenter.cut(seg, "甲乙丙丁", hmm=False) == expected


def test_snapshot_keeps_block_entries_and_one_log_probability_per_frequency(
    tmp_path: Path,
) -> None:
    # Base dictionary: 甲乙 4, γ射线 3, 中·国 2, 丙 1 (total 10); jieba adds every prefix with
    # frequency 0 after its word. γ and · are not block characters: their entries are dropped.
    tk = tiny_jieba(tmp_path, ["甲乙 4", "γ射线 3", "中·国 2", "丙 1"])
    assert tk.fast is not None
    assert list(tk.jieba.FREQ) == ["甲乙", "甲", "γ射线", "γ", "γ射", "中·国", "中", "中·", "丙"]
    assert list(tk.fast.freq.items()) == [("甲乙", 4), ("甲", 0), ("中", 0), ("丙", 1)]
    assert tk.fast.logp == {4: math.log(4) - math.log(10), 1: math.log(1) - math.log(10)}
    assert tk.fast.total == 10
    assert tk.fast.miss == math.log(1) - math.log(10)
    assert tk.fast.words == {
        "甲乙": math.log(4) - math.log(10),
        "甲": None,
        "中": None,
        "丙": math.log(1) - math.log(10),
    }


@pytest.mark.parametrize("tk", [fx.plain, fx.campaign], ids=["plain", "campaign"])
def test_snapshot_equals_the_per_word_computation(tk: Callable[[], tokens.Tokenizer]) -> None:
    # Every entry of block characters, in the dictionary's order, with log(freq) - log(total)
    # computed word by word: the same floats, bit for bit.
    seg, jb = tk().fast, tk().jieba
    assert seg is not None and seg.total == jb.total
    logtotal = math.log(jb.total)
    expected = {
        w: (math.log(f) - logtotal if f else None)
        for w, f in jb.FREQ.items()
        if segmenter.RE_BLOCK_WORD.fullmatch(w)
    }
    assert list(seg.words) == list(expected)
    assert [_bits(v) for v in seg.words.values()] == [_bits(v) for v in expected.values()]
    base, plain = fx.campaign().plain_fast, fx.plain().fast
    assert base is not None and plain is not None
    assert list(base.freq.items()) == list(plain.freq.items()) and base.logp == plain.logp


def _bits(value: float | None) -> str | None:
    return None if value is None else value.hex()


def test_outside_blocks_matches_the_block_word_pattern() -> None:
    entries = [
        "中国",
        "",
        "γ射线",
        "C++",
        "a b",
        "x!",
        "_%.#&-",
        "𠀀",
        "中\ud800",
        "九\u9fd6",
        "一",
    ]
    assert segmenter._outside_blocks(entries) == [
        e for e in entries if not segmenter.RE_BLOCK_WORD.fullmatch(e)
    ]
    assert segmenter._outside_blocks(entries) == [
        "",
        "γ射线",
        "a b",
        "x!",
        "𠀀",
        "中\ud800",
        "九\u9fd6",
    ]
    assert segmenter._outside_blocks([]) == []


def test_trie_finds_every_entry_from_its_prefix() -> None:
    # Each entry of several characters is found from its prefix's node and its last
    # character; a one-character entry from its code point; the log probability is the word's.
    seg = fx.campaign().fast
    assert seg is not None
    trie = seg.trie
    entries = list(seg.freq)
    node = {w: i for i, w in enumerate(entries)}
    singles = [i for i, w in enumerate(entries) if len(w) == 1]
    assert trie.first[[ord(entries[i]) for i in singles]].tolist() == singles
    assert int((trie.first >= 0).sum()) == len(singles)
    longer = [i for i, w in enumerate(entries) if len(w) > 1]
    keys = np.array([node[entries[i][:-1]] << 21 | ord(entries[i][-1]) for i in longer])
    assert trie.find(keys).tolist() == longer
    assert int((trie.slot_key >= 0).sum()) == len(longer)
    logp = [math.nan if v is None else v for v in seg.words.values()]
    assert trie.logp.tobytes() == np.array(logp, dtype=np.float64).tobytes()
