import itertools

import pytest

from analysis import slogan_match
from analysis.slogan_match import is_quoted


def _quoted_by_scanning(text: str, start: int, end: int) -> bool:
    """``is_quoted`` as a character loop (the rule spelled out step by step)."""
    if start > 0 and text[start - 1] in slogan_match.OPEN_QUOTES:
        return True
    before = None
    for d in range(1, slogan_match.QUOTE_SLACK + 1):
        i = start - d
        if i < 0 or text[i] in slogan_match.CLOSE_QUOTES or text[i] in "\n。！？":
            return False
        if text[i] in slogan_match.OPEN_QUOTES:
            before = d - 1
            break
    if before is None:
        return False
    for d in range(slogan_match.QUOTE_SLACK - before + 1):
        i = end + d
        if i >= len(text) or text[i] in slogan_match.OPEN_QUOTES or text[i] in "\n。！？":
            return False
        if text[i] in slogan_match.CLOSE_QUOTES:
            return True
    return False


def _span(text: str, name: str) -> tuple[int, int]:
    start = text.index(name)
    return start, start + len(name)


@pytest.mark.parametrize(
    "text, name, quoted",
    [
        ("推行“三抓三提”工作法", "三抓三提", True),
        ("推行三抓三提工作法", "三抓三提", False),
        ("推行「三抓三提」", "三抓三提", True),
        ("推行『三抓三提』", "三抓三提", True),
        ("推行‘三抓三提’", "三抓三提", True),
        ("推行《三抓三提》", "三抓三提", False),  # book-title marks are no quotation marks
        ("“三抓三提", "三抓三提", True),  # the opening mark alone, right before, suffices
        ("三抓三提”", "三抓三提", False),  # text starts: no opening mark
        ("“深化三抓三提”", "三抓三提", True),  # two characters inside before the span
        ("“深化三抓三提", "三抓三提", False),  # text ends before a closing mark
        ("“深化三抓三提行动”", "三抓三提", True),
        ("“深化三抓三提。行动”", "三抓三提", False),  # a sentence ends first
        ("“深化\n三抓三提”", "三抓三提", False),  # a line break before the span
        ("“甲”深化三抓三提”", "三抓三提", False),  # the nearest mark before closes a quote
        ("“深化“三抓三提", "三抓三提", True),  # nested: the inner mark is right before
        ("“深化「三抓三提」行动”", "三抓三提", True),
        ("“深化三抓三提“行动”", "三抓三提", False),  # an opening mark before any closing one
        ("“一二三四五六七八九十甲三抓三提”", "三抓三提", True),  # 11 inside before, 0 after
        ("“一二三四五六七八九十甲乙三抓三提”", "三抓三提", False),  # 12 inside: too far
        ("“一二三四五六七八九十三抓三提甲”", "三抓三提", True),  # 10 before + 1 after
        ("“一二三四五六七八九十三抓三提甲乙”", "三抓三提", True),  # 10 + 2 = the slack
        ("“一二三四五六七八九十三抓三提甲乙丙”", "三抓三提", False),  # 10 + 3: too many
        ("“一三抓三提甲乙丙丁戊己庚辛壬癸子丑”", "三抓三提", False),  # 1 + 12 after
        ("“一三抓三提甲乙丙丁戊己庚辛壬癸子”", "三抓三提", True),  # 1 + 11 after
    ],
)
def test_is_quoted(text: str, name: str, quoted: bool) -> None:
    start, end = _span(text, name)
    assert is_quoted(text, start, end) is quoted
    assert _quoted_by_scanning(text, start, end) is quoted


def test_is_quoted_equals_the_character_loop_everywhere() -> None:
    # Every text of up to 5 characters over marks, stops and Han characters, every span.
    alphabet = "“”「」。\n甲"
    for n in range(6):
        for chars in itertools.product(alphabet, repeat=n):
            text = "".join(chars)
            for start in range(n + 1):
                for end in range(start, n + 1):
                    assert is_quoted(text, start, end) == _quoted_by_scanning(text, start, end)


def test_is_quoted_equals_the_character_loop_over_long_gaps() -> None:
    # Gaps around the slack: an opening mark 0..14 characters before, a closing one 0..14 after.
    for before in range(15):
        for after in range(15):
            for inner in ("甲", "。", "“", "”"):
                text = "乙“" + "丙" * before + "三抓" + inner * min(after, 1) + "丁" * after + "”"
                start = 2 + before
                assert is_quoted(text, start, start + 2) == _quoted_by_scanning(
                    text, start, start + 2
                )
