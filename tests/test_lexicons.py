from pathlib import Path

import pytest

from analysis import lexicons
from analysis.errors import LexiconError


def write(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_read_table_skips_comments_and_records_lines(tmp_path: Path) -> None:
    p = write(tmp_path, "# source: hand-made\nname,level\n竹溪县,county\n\n茅箭区,district\n")
    df = lexicons.read_table(p, required=["name", "level"])
    assert df["name"].tolist() == ["竹溪县", "茅箭区"]
    assert df["line"].tolist() == [3, 5]


@pytest.mark.parametrize(
    "text, kwargs, message",
    [
        (
            "name\n竹溪县\n",
            {"required": ["name", "level"]},
            r"t.csv, line 1: missing column\(s\) \['level'\]",
        ),
        (
            "name,level\n竹溪县\n",
            {"required": ["name"]},
            r"t.csv, line 2: 1 fields where the header has 2",
        ),
        (
            "name,level\n竹溪县,\n",
            {"required": ["name"], "non_empty": ["level"]},
            r"line 2, field 'level': empty value",
        ),
        (
            "name\n甲\n乙\n甲\n",
            {"required": ["name"], "unique": ["name"]},
            r"line 4, field 'name': duplicate value '甲' \(first on line 2\)",
        ),
        ("", {"required": ["name"]}, r"no header line"),
    ],
)
def test_read_table_errors_name_file_line_field(
    tmp_path: Path, text: str, kwargs: dict, message: str
) -> None:
    p = write(tmp_path, text)
    with pytest.raises(LexiconError, match=message):
        lexicons.read_table(p, **kwargs)


def test_read_table_bad_encoding_names_byte_offset(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_bytes("name\n竹溪县\n".encode("gbk"))
    with pytest.raises(LexiconError, match=r"t.csv: not valid UTF-8 at byte offset 5"):
        lexicons.read_table(p, required=["name"])


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"nope.csv: file not found"):
        lexicons.read_table(tmp_path / "nope.csv", required=["name"])


def test_load_gazetteer_ships_the_shiyan_units() -> None:
    g = lexicons.load_gazetteer()
    by_name = g.set_index("name")
    assert by_name.loc["十堰经济技术开发区", "level"] == "county"
    assert "经开区" in by_name.loc["十堰经济技术开发区", "aliases"].split("|")
    assert by_name.loc["张湾区汉江路街道", "parent"] == "张湾区"
    assert set(g["level"]) <= set(lexicons.GAZETTEER_LEVELS)


def test_load_places_ships_hubei_units_apart_from_the_gazetteer() -> None:
    p = lexicons.load_places()
    by_name = p.set_index("name")
    assert by_name.loc["猇亭区", "parent"] == "宜昌市"
    assert by_name.loc["恩施州", "level"] == "city"
    assert set(p["level"]) == {"province", "city", "county", lexicons.NOT_PLACE}

    # No name or alias of the gazetteer: its units keep their own rows.
    def forms(df):
        return set(df["name"]) | {a for s in df["aliases"] for a in s.split("|") if a}

    assert not forms(p) & forms(lexicons.load_gazetteer())


def test_load_places_covers_china_with_qualified_repeated_names() -> None:
    p = lexicons.load_places()
    by_name = p.set_index("name")
    # Every province-level unit; prefecture-level units with their province.
    assert (p["level"] == "province").sum() == 34
    assert by_name.loc["杭州市", "parent"] == "浙江省"
    assert by_name.loc["宜昌市", "parent"] == "湖北省"
    assert "甘孜州" in by_name.loc["甘孜藏族自治州", "aliases"].split("|")
    # A county name several units bear: qualified rows, and the bare string as its own row.
    assert by_name.loc["北京市朝阳区", "parent"] == "北京市"
    assert by_name.loc["长春市朝阳区", "parent"] == "长春市"
    assert by_name.loc["朝阳区", "parent"] == ""
    # Hubei keeps its names (青山区 is 武汉's), the rest is qualified.
    assert by_name.loc["青山区", "parent"] == "武汉市"
    assert by_name.loc["包头市青山区", "parent"] == "包头市"
    # Short forms: a province keeps its own (海南), an ambiguous one is no one's (吉林), and
    # ordinary words are no names (日照, 城区).
    assert by_name.loc["海南省", "aliases"] == "海南"
    assert by_name.loc["吉林省", "aliases"] == "" and by_name.loc["吉林市", "aliases"] == ""
    assert "日照" not in by_name.loc["日照市", "aliases"].split("|")
    assert by_name.loc["日照", "level"] == lexicons.NOT_PLACE
    assert "晋城市城区" in by_name.index and by_name.loc["城区", "level"] == lexicons.NOT_PLACE


def test_place_forms_cover_every_shipped_place_surface() -> None:
    """``place_forms.csv`` is regenerated with the place tables (tools/make_places_china.py)."""
    forms = lexicons.load_place_forms()
    for table in (lexicons.load_places(), lexicons.load_gazetteer()):
        surfaces = set(table["name"]) | {a for s in table["aliases"] for a in s.split("|") if a}
        assert surfaces <= forms.keys()
    assert forms["温州市"] == ("溫州市",) and forms["十堰市"] == ()


def test_load_places_refuses_a_surface_of_two_files(tmp_path: Path) -> None:
    a = write(tmp_path, "name,aliases,level,parent,source\n宜昌市,宜昌,city,,admin\n", "a.csv")
    b = write(tmp_path, "name,aliases,level,parent,source\n宜都市,宜昌,county,,admin\n", "b.csv")
    with pytest.raises(LexiconError, match=r"b.csv: name or alias '宜昌' is already used in"):
        lexicons.load_places([a, b])
    assert list(lexicons.load_places([a])["name"]) == ["宜昌市", *lexicons.load_place_exclusions()]


GAZ_HEADER = "name,aliases,level,parent,source\n十堰市,十堰,city,,admin\n"


@pytest.mark.parametrize(
    "rows, message",
    [
        (
            "竹溪县,竹溪,county,十堰市,x\n竹山县,竹溪,county,十堰市,x\n",
            r"line 4, field 'aliases': name or alias '竹溪' is already used on line 3",
        ),
        (
            "竹溪县,,county,十堰市,x\n竹溪县,,county,十堰市,x\n",
            r"line 4, field 'name': duplicate value '竹溪县'",
        ),
        ("竹溪县,,town,十堰市,x\n", r"line 3, field 'level': level 'town' is not one of"),
        ("竹溪县,,county,湖北省,x\n", r"line 3, field 'parent': parent '湖北省' is not a name"),
        (
            "十堰,,county,十堰市,x\n",
            r"line 3, field 'aliases': name or alias '十堰' is already used on line 2",
        ),
    ],
)
def test_load_gazetteer_rejects_ambiguous_or_broken_rows(
    tmp_path: Path, rows: str, message: str
) -> None:
    p = write(tmp_path, GAZ_HEADER + rows, name="g.csv")
    with pytest.raises(LexiconError, match=message):
        lexicons.load_gazetteer(p)
