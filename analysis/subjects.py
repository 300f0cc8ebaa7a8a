"""Subject attribution: which unit (county, district, agency, town…) an article is about.

Units come from the gazetteer (``lexicons.load_gazetteer``); ``UnitMatcher`` finds them in text
(leftmost match, then the longest name or alias at that position). ``attribute`` applies the rules
below in order, first match wins (documented in ``docs/corpus.md``):

1. the section's unit-label line (竹溪县, 丹江口财政局 → 丹江口市财政局);
2. a compilation parent: the nearest unit containing all its sections' subjects;
3. the first unit named in the subtitle (——郧西县行政审批局以…侧记), then in the headline;
4. the first unit named in the lead (the first paragraph of the body; skipped for a continued
   article, whose lead is on another page);
5. city-wide words (全市, 我市, 市委, 市政府) in the headline or lead (anywhere in a continued
   article) → the gazetteer's city, but only on pages that name at least one gazetteer unit that
   says which city it is (not a relative name such as 市发改委, which any city's paper writes);
6. a unit-like name that is not in the gazetteer (…县/区/镇/乡/街道, …局/委/办/中心) in the
   subtitle or headline;
7. the document's declared home unit (the manifest column ``home_unit``, e.g. 宜昌市 or 全国);
8. a national issuer at the start of the headline or subtitle (国务院…, 在中国共产党第…次全国
   代表大会上的报告, 第…届全国人民代表大会…关于…的决议) of a headline naming no local unit, or
   the speaker of a national report at the start of the body (我代表第十七届中央委员会向大会作报告,
   ``RE_NATIONAL_SPEAKER``) → ``全国`` (level ``national``);
9. otherwise no subject (``""``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import pandas as pd

# A run of whitespace (removed from unit-label lines before lookup).
RE_SPACES = re.compile(r"\s+")
# Words meaning "the whole city" in a headline or lead: the subject is the gazetteer's city.
RE_CITYWIDE = re.compile(r"全市|我市|市委|市政府")
#: The subject of national texts and figures (level ``national``).
NATIONAL = "全国"
NATIONAL_LEVEL = "national"
# A national issuer opening a document title (after a year and/or 在 / 关于): the State Council,
# the Central Committee, the National People's Congress (its sessions and Standing Committee),
# the National Congress of the CPC, the CPPCC National Committee, the People's Republic.
RE_NATIONAL_ISSUER = re.compile(
    r"^(?:(?:\d{4}|[〇零○一二三四五六七八九]{4})年(?:度)?)?(?:在|关于)?"
    r"(?:中华人民共和国|国务院|中共中央|中国共产党中央委员会"
    r"|中国共产党第[一二三四五六七八九十\d]{1,3}次全国代表大会"
    r"|(?:第[一二三四五六七八九十\d]{1,3}届)?全国人民代表大会|全国人大"
    r"|中国人民政治协商会议(?:第[一二三四五六七八九十\d]{1,3}届)?全国委员会|全国政协)"
)
# The speaker of a national report named at its start (现在，我代表第十七届中央委员会向大会作报告;
# 我受十二届中央委员会委托; 我代表国务院): the text is national even when its title is a theme.
RE_NATIONAL_SPEAKER = re.compile(
    r"我(?:代表|受)(?:中国共产党)?(?:第?[一二三四五六七八九十\d]{1,3}届)?(?:中央委员会|国务院)"
)
#: Characters at the start of a text searched for ``RE_NATIONAL_SPEAKER``.
SPEAKER_CHARS = 200
# A Han character (``UnitMatcher.find``).
RE_HAN = re.compile(r"[\u4e00-\u9fff]")
#: Characters after which a name written relative to its city (市经信局) is that city's unit
#: (function words: 由市经信局牵头, 会同市商务局, 市委和市政府); after any other character the
#: 市 ends another place's name (杭州市经信局).
RELATIVE_OK_BEFORE = "由和与及同向对在从经据为是把被将给到请让等的并或跟以共于至赴"
# Words of a title that name a local unit or a part of the country (a national issuer's text
# about a province or city is about that unit): 省/市/县/区/州/旗/盟/镇/乡/村 and 地方.
RE_LOCAL_IN_TITLE = re.compile(r"[省市县区州旗盟镇乡村]|地方")
# Aliases starting with 市/县/区 are skipped after a pronoun (该市审计局 is not 市审计局).
RE_PRONOUN_BEFORE = re.compile(r"[该本全我各此同外][市县区]$")
# The same anywhere in a unit-like name: 汇报我区项目 names no unit.
RE_PRONOUN_UNIT = re.compile(r"[该本全我各此同外][市县区]")
# A unit name not in the gazetteer: 2-8 Han characters and an administrative suffix, optionally
# followed by an agency (…局/委/办/中心).
RE_UNIT_GENERIC = re.compile(
    r"[\u4e00-\u9fff]{2,8}?(?:街道|镇|乡|县|区|市)(?:[\u4e00-\u9fff]{1,8}?(?:局|委|办|中心))?"
)
# Characters no place name holds: 二届市人民政府, 第十次县党代会 are sessions, not units.
RE_NOT_IN_PLACE_NAMES = re.compile(r"[届屆第次的]")
# Words ending like a unit name that are not units (generic fallback only).
NOT_UNITS = (
    "城市",
    "城区",
    "社区",
    "园区",
    "景区",
    "小区",
    "辖区",
    "片区",
    "地区",
    "示范区",
    "新区",
    "先行区",
    "商圈",
    "街区",
)
# Suffixes of county-level and township-level generic names (a township is qualified by the
# county-level name written right before it: 樊城区屏襄门街道).
COUNTY_SUFFIXES = ("县", "区", "市")
TOWNSHIP_SUFFIXES = ("街道", "镇", "乡")
# First characters that make X城区 / X城市 a common word, not a unit (老城区, 主城区, 全城市).
CITY_MODIFIERS = "老新主全中大小各本该我此"
# Common words ending in a township suffix.
NOT_TOWNSHIPS = ("城镇", "乡镇", "村镇", "城乡", "下乡", "返乡", "家乡", "老乡")
# Suffix of a generic unit name → subject level (agencies starting with 市 are city agencies).
GENERIC_LEVELS = (
    ("局", "county_agency"),
    ("委", "county_agency"),
    ("办", "county_agency"),
    ("中心", "county_agency"),
    ("街道", "township"),
    ("镇", "township"),
    ("乡", "township"),
    ("县", "county"),
    ("区", "county"),
    ("市", "other"),
)
# Longest line accepted as a generic unit label: an area (黄州区) and an agency (浠水县财政局).
LABEL_MAX_AREA = 6
LABEL_MAX_AGENCY = 10


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def generic_level(name: str) -> str:
    """Return the subject level implied by a unit name's suffix (``other`` if none).

    Example:
        >>> generic_level("黄州区"), generic_level("市商务局"), generic_level("浠水县财政局")
        ('county', 'city_agency', 'county_agency')
    """
    for suffix, level in GENERIC_LEVELS:
        if name.endswith(suffix):
            if level == "county_agency" and name.startswith("市"):
                return "city_agency"
            return level
    return "other"


def generic_unit(text: str) -> str:
    """Return the first unit-like name in ``text`` that is not a common non-unit word.

    Example:
        >>> generic_unit("黄州区 打造便民服务圈"), generic_unit("老工业城市治理")
        ('黄州区', '')
        >>> generic_unit("樊城区屏襄门街道 打造红色物业"), generic_unit("宜城市 抓项目")
        ('樊城区屏襄门街道', '宜城市')
        >>> generic_unit("二届市人民政府第二次全体会议召开"), generic_unit("汇报我区项目开工情况")
        ('', '')
    """
    text = _nfkc(text)
    county = ""  # a county-level name right before the current match (樊城区 + 屏襄门街道)
    county_end = -1
    for m in RE_UNIT_GENERIC.finditer(text):
        name = m.group()
        if (
            RE_PRONOUN_BEFORE.search(name[:2])
            or RE_PRONOUN_UNIT.search(name)
            or RE_NOT_IN_PLACE_NAMES.search(name)
            or (name.endswith(NOT_UNITS) and not _is_city_named_unit(name))
        ):
            county = ""
            continue
        if name.endswith(TOWNSHIP_SUFFIXES) and county and county_end == m.start():
            return county + name
        if name.endswith(COUNTY_SUFFIXES) and m.end() < len(text):
            nxt = RE_UNIT_GENERIC.match(text, m.end())
            if nxt is not None and _is_township_name(text, nxt.start(), nxt.end()):
                county, county_end = name, m.end()
                continue
        return name
    return county


def national_issuer(title: str) -> bool:
    """True if a document title opens with a national issuer and names no local unit.

    The title of a national report, resolution or decision (its headline or subtitle) makes
    ``全国`` the home unit of the text; a title naming a province, city, county … (国务院关于同意
    设立某市的批复, 国务院办公厅关于支持某省…) or 地方 is about that unit, and a title starting
    otherwise (学习国务院…精神) is not a national document.

    Example:
        >>> national_issuer("1954年中华人民共和国国务院政府工作报告")
        True
        >>> national_issuer("在中国共产党第九次全国代表大会上的报告")
        True
        >>> national_issuer("第十届全国人民代表大会第五次会议关于政府工作报告的决议")
        True
        >>> national_issuer("国务院关于同意撤销某县设立某市的批复")
        False
        >>> national_issuer("学习国务院常务会议精神")
        False
    """
    t = RE_SPACES.sub("", _nfkc(title))
    return bool(RE_NATIONAL_ISSUER.match(t)) and not RE_LOCAL_IN_TITLE.search(t)


def _is_township_name(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` reads as a township name.

    2-4 characters and 镇/乡/街道, not a common word (城镇, 乡镇), and 乡 not followed by another
    character (推进乡村).
    """
    name = text[start:end]
    if not name.endswith(TOWNSHIP_SUFFIXES) or name.endswith(NOT_TOWNSHIPS):
        return False
    stem = name.removesuffix("街道") if name.endswith("街道") else name[:-1]
    if not 2 <= len(stem) <= 4:
        return False
    return not (name.endswith("乡") and end < len(text) and "\u4e00" <= text[end] <= "\u9fff")


def _is_city_named_unit(name: str) -> bool:
    """True for a three-character unit named with 城 (樊城区, 宜城市; not 老城区, 主城区)."""
    return len(name) == 3 and name[1:] in ("城区", "城市") and name[0] not in CITY_MODIFIERS


class UnitMatcher:
    """Find gazetteer units in text (leftmost, then longest name or alias).

    Attributes:
        level: Canonical name → level. parent: canonical name → parent name.
        root: The gazetteer's only top-level city (``""`` if there is not exactly one).

    Example:
        >>> m = UnitMatcher(lexicons.load_gazetteer())  # doctest: +SKIP
        >>> m.find("行走在张湾区汉江路街道辖区")  # doctest: +SKIP
        '张湾区汉江路街道'
    """

    def __init__(self, gazetteer: pd.DataFrame) -> None:
        self.level: dict[str, str] = {}
        self.parent: dict[str, str] = {}
        surface: dict[str, str] = {}
        for row in gazetteer.to_dict("records"):
            name = str(row["name"])
            self.level[name] = str(row["level"])
            self.parent[name] = str(row["parent"])
            aliases = [a.strip() for a in str(row["aliases"]).split("|") if a.strip()]
            for s in [name, *aliases]:
                surface[_nfkc(s)] = name
        self.surface = surface
        # A line with more CJK ideographs than the longest label cannot be one: each ideograph
        # stays one character under NFKC (``label`` skips normalizing long paragraphs).
        longest = max([LABEL_MAX_AREA, LABEL_MAX_AGENCY, *map(len, surface)])
        self._too_long = re.compile(rf"(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){{{longest + 1}}}")
        alts = sorted(surface, key=lambda s: (-len(s), s))
        self.pattern = re.compile("|".join(map(re.escape, alts))) if alts else None
        roots = [n for n, lv in self.level.items() if lv == "city" and not self.parent[n]]
        self.root = roots[0] if len(roots) == 1 else ""

    def find(self, text: str, *, absolute: bool = False) -> str:
        """Return the first unit named in ``text`` (canonical name), or ``""``.

        A name written relative to its city (市经信局, 县委) does not count after a pronoun
        (该市, 我县) nor as the end of another place's name (杭州市经信局, 大庆市商务局: the
        character before 市 is not a function word, ``RELATIVE_OK_BEFORE``). With ``absolute``
        such relative names never count: only a name that tells which city it is (十堰市经信局,
        茅箭区), as another city's paper writes 市发改委 too.

        Example:
            >>> from analysis import lexicons
            >>> m = UnitMatcher(lexicons.load_gazetteer())
            >>> m.find("由市经信局牵头"), m.find("杭州市经信局发布")
            ('市经信局', '')
            >>> m.find("市经信局", absolute=True), m.find("十堰市经信局", absolute=True)
            ('', '市经信局')
        """
        if self.pattern is None:
            return ""
        t = _nfkc(text)
        pos = 0
        while True:
            m = self.pattern.search(t, pos)
            if m is None:
                return ""
            if m.group()[0] in "市县区" and (
                absolute
                or RE_PRONOUN_BEFORE.search(t[: m.start() + 1])
                or (
                    m.start() > 0
                    and RE_HAN.match(t[m.start() - 1])
                    and t[m.start() - 1] not in RELATIVE_OK_BEFORE
                )
            ):
                pos = m.start() + 1
                continue
            return self.surface[m.group()]

    def label(self, text: str) -> str:
        """Return the unit a whole line names (a unit-label line), else ``""``.

        A gazetteer name or alias gives the canonical name; a short line that is a unit-like
        name (黄州区, 浠水县财政局) gives that name.
        """
        if self._too_long.match(text):
            return ""
        line = RE_SPACES.sub("", _nfkc(text))
        if line in self.surface:
            return self.surface[line]
        agency = generic_level(line).endswith("agency")
        longest = LABEL_MAX_AGENCY if agency else LABEL_MAX_AREA
        if len(line) <= longest and "的" not in line and generic_unit(line) == line:
            return line
        return ""

    def level_of(self, name: str) -> str:
        """Return a unit's level: from the gazetteer, ``national`` for 全国, else its suffix's."""
        if name == NATIONAL:
            return NATIONAL_LEVEL
        return self.level.get(name) or generic_level(name)

    def ancestors(self, name: str) -> list[str]:
        """Return ``name`` and its parents up to the root."""
        out: list[str] = []
        while name and name not in out:
            out.append(name)
            name = self.parent.get(name, "")
        return out

    def common(self, names: list[str]) -> str:
        """Return the nearest gazetteer unit that contains every name (``""`` if none)."""
        if not names or not all(n in self.level for n in names):
            return ""
        shared = set(self.ancestors(names[0]))
        for n in names[1:]:
            shared &= set(self.ancestors(n))
        return next((a for a in self.ancestors(names[0]) if a in shared), "")


def attribute(
    matcher: UnitMatcher,
    *,
    unit: str,
    sections: list[str],
    subtitle: str,
    headline: str,
    text: str,
    continued: bool,
    local: bool | Callable[[], bool],
    home: str = "",
) -> tuple[str, str]:
    """Return ``(subject, subject_level)`` of one article (rules in the module docstring).

    Args:
        matcher: The gazetteer matcher.
        unit: The section's unit label (``""`` if none).
        sections: Subjects of the article's sections (a compilation parent).
        subtitle: The subtitle without its dash.
        headline: The headline.
        text: The cleaned body.
        continued: True if the body starts with a jump marker (上接…).
        local: True if the page names at least one gazetteer unit that says which city it is
            (enables rule 5), or a function that tells it (called only when rule 5 would apply).
        home: The document's declared home unit (manifest column ``home_unit``; ``""`` if
            none): the subject of an article where rules 1-6 find none (rule 7).

    Example:
        >>> attribute(m, unit="", sections=[], subtitle="", headline="泉溪镇 盘活闲置资产",
        ...           text="", continued=False, local=True)  # doctest: +SKIP
        ('竹溪县泉溪镇', 'township')
    """
    name = unit or matcher.common([s for s in sections if s])
    lead = "" if continued else text.split("\n", 1)[0]
    for source in (subtitle, headline, lead):
        if name:
            break
        name = matcher.find(source)
    if not name and matcher.root:
        scope = headline + lead + (text if continued else "")
        if RE_CITYWIDE.search(scope) and (local() if callable(local) else local):
            name = matcher.root
    for source in (subtitle, headline):
        if name:
            break
        name = generic_unit(source)
    if not name:
        name = home.strip()
    if not name and (
        national_issuer(headline)
        or national_issuer(subtitle)
        or RE_NATIONAL_SPEAKER.search(text, 0, SPEAKER_CHARS)
    ):
        name = NATIONAL
    return (name, matcher.level_of(name)) if name else ("", "")
